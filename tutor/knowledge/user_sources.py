"""Who an ingested file is: a stable identity per original path, and the name a learner sees.

Two files called `notes.md` in different folders are two sources; ingesting the same path
again updates its source in place. The identity is the file name plus a short hash of the
file's absolute path (`notes.md@3f9a1c2e`); the learner sees `notes.md (from a/)`.

Each source is kept in the ingested dir as `<id>.md` (the extracted text) beside `<id>.json`
(its file name and original path). Files stored before identities existed (`notes.md.md`
with no `.json`) stay as they are, cited by their plain name.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from tutor import paths

USER_SUFFIX = ".md"
"""The extracted text of a source is kept as `<source id>.md` in the ingested dir."""
ORIGIN_SUFFIX = ".json"
"""Beside it, `<source id>.json` records the file name and the path it came from."""

_HASH_CHARS = 8


@dataclass(frozen=True)
class IngestedSource:
    """One of the learner's files as the index knows it."""

    id: str
    """Stable and unique: `notes.md@3f9a1c2e` (or the plain name for files stored before ids)."""
    name: str
    """The original file name, e.g. `notes.md`."""
    origin: str | None = None
    """The absolute path it was ingested from (None for files stored before ids)."""

    @property
    def folder(self) -> str | None:
        """The name of the folder the file came from, e.g. `a`."""
        return Path(self.origin).parent.name or None if self.origin else None

    @property
    def label(self) -> str:
        """What citations show: `notes.md (from a/)`."""
        return f"{self.name} (from {self.folder}/)" if self.folder else self.name


def source_id(path: Path) -> str:
    """The identity of the file at `path`: its name and a hash of its absolute path."""
    digest = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:_HASH_CHARS]
    return f"{path.name}@{digest}"


def source_for(path: Path) -> IngestedSource:
    """The source a file at `path` is stored as."""
    return IngestedSource(id=source_id(path), name=path.name, origin=str(path.resolve()))


def _write_atomically(target: Path, text: str) -> None:
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)


def store_source(source: IngestedSource, markdown: str, folder: Path | None = None) -> Path:
    """Keep a source's extracted text and origin; the same source stored again is replaced, no other is touched."""
    folder = folder or paths.ingested_dir()
    # The origin goes first: a process killed in between leaves an unused record, never text without a name.
    record = json.dumps({"name": source.name, "origin": source.origin})
    _write_atomically(folder / f"{source.id}{ORIGIN_SUFFIX}", record)
    target = folder / f"{source.id}{USER_SUFFIX}"
    _write_atomically(target, markdown)
    return target


def _read_origin(record: Path, stored_id: str) -> IngestedSource:
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
        return IngestedSource(id=stored_id, name=str(data["name"]), origin=data.get("origin"))
    except (OSError, ValueError, KeyError, TypeError):
        # An unreadable record must not hide the text: cite it by the name part of its id.
        return IngestedSource(id=stored_id, name=stored_id.rsplit("@", 1)[0])


def stored_sources(folder: Path | None = None) -> list[tuple[IngestedSource, Path]]:
    """Every stored source with the file holding its text, ordered by name then origin."""
    folder = folder or paths.ingested_dir()
    found = []
    for text_file in folder.glob(f"*{USER_SUFFIX}"):
        if text_file.name.startswith("."):
            continue
        stored_id = text_file.name[: -len(USER_SUFFIX)]
        record = folder / f"{stored_id}{ORIGIN_SUFFIX}"
        source = _read_origin(record, stored_id) if record.exists() else IngestedSource(id=stored_id, name=stored_id)
        found.append((source, text_file))
    return sorted(found, key=lambda item: (item[0].name, item[0].origin or "", item[0].id))
