"""Every user path the tutor reads or writes comes from here.

`TUTOR_HOME` moves all of them under one folder, which is how the tests keep away
from the learner's real directories.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

_APP = "tutor"


def _home_override() -> Path | None:
    home = os.environ.get("TUTOR_HOME")
    return Path(home).expanduser() if home else None


def data_dir() -> Path:
    """Where the index, the progress database and ingested sources live."""
    home = _home_override()
    path = home / "data" if home else Path(PlatformDirs(_APP, appauthor=False).user_data_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """Where `config.toml` lives."""
    home = _home_override()
    path = home / "config" if home else Path(PlatformDirs(_APP, appauthor=False).user_config_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_file() -> Path:
    return config_dir() / "config.toml"


def index_dir() -> Path:
    """The Chroma database and the BM25 index of the bundled corpus and ingested files."""
    path = data_dir() / "index"
    path.mkdir(parents=True, exist_ok=True)
    return path


def ingested_dir() -> Path:
    """Copies of the text extracted from files the learner ingested."""
    path = data_dir() / "ingested"
    path.mkdir(parents=True, exist_ok=True)
    return path


def progress_db() -> Path:
    """The SQLite database: review log, card state, conversations."""
    return data_dir() / "progress.sqlite3"


def project_root() -> Path:
    """The checkout or installed tree that holds corpus/, prompts/ and evals/."""
    return Path(__file__).resolve().parent.parent


def corpus_dir() -> Path:
    return project_root() / "corpus"


def prompts_dir() -> Path:
    return project_root() / "prompts"


def evals_dir() -> Path:
    return project_root() / "evals"
