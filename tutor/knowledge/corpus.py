"""The bundled corpus: `corpus/*.md` notes split into sections with stable ids.

Every `## Title {#id}` heading starts a section; its id is what citations use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tutor import paths

_HEADING = re.compile(r"^##\s+(?P<title>.+?)\s*\{#(?P<id>[a-z0-9][a-z0-9-]*)\}\s*$")
_TOPIC = re.compile(r"^#\s+(?P<topic>.+?)\s*$")


class CorpusError(ValueError):
    """A corpus file that breaks the section rules (missing or duplicate ids)."""


@dataclass(frozen=True)
class Section:
    """One `##` section of a corpus note."""

    id: str
    title: str
    file: str
    """Path relative to the project root, e.g. `corpus/02-iam.md`."""
    text: str
    topic: str


def corpus_files(corpus_dir: Path | None = None) -> list[Path]:
    """The note files in reading order; the corpus README is documentation, not material."""
    folder = corpus_dir or paths.corpus_dir()
    return sorted(p for p in folder.glob("*.md") if p.name.lower() != "readme.md")


def relative_source(path: Path) -> str:
    """The path citations show: relative to the project when possible."""
    try:
        return path.resolve().relative_to(paths.project_root()).as_posix()
    except ValueError:
        return f"corpus/{path.name}"


def parse_sections(markdown: str, file: str) -> list[Section]:
    """Split one note into its sections; raise `CorpusError` for a `##` heading without an id."""
    topic = Path(file).stem
    sections: list[Section] = []
    current: tuple[str, str] | None = None
    body: list[str] = []
    in_fence = False

    def close() -> None:
        if current is not None:
            sections.append(Section(current[0], current[1], file, "\n".join(body).strip(), topic))

    for lineno, line in enumerate(markdown.splitlines(), start=1):
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        if not in_fence and (match := _TOPIC.match(line)) and current is None and not sections:
            topic = match["topic"]
            continue
        if not in_fence and line.startswith("## "):
            match = _HEADING.match(line)
            if match is None:
                raise CorpusError(f"{file}:{lineno}: section heading has no id like {{#section-id}}: {line!r}")
            close()
            current, body = (match["id"], match["title"]), []
            continue
        if current is not None:
            body.append(line)
    close()
    return sections


def load_sections(corpus_dir: Path | None = None) -> list[Section]:
    """Every section of every note; raise `CorpusError` on a duplicate id."""
    sections: list[Section] = []
    seen: dict[str, str] = {}
    for path in corpus_files(corpus_dir):
        source = relative_source(path)
        for section in parse_sections(path.read_text(encoding="utf-8"), source):
            if section.id in seen:
                raise CorpusError(f"{source}: section id {section.id!r} is already used in {seen[section.id]}")
            seen[section.id] = source
            sections.append(section)
    return sections


@lru_cache(maxsize=1)
def _sections_by_id() -> dict[str, Section]:
    return {s.id: s for s in load_sections()}


def find_section(section_id: str) -> Section | None:
    """The bundled section with this id, or None."""
    return _sections_by_id().get(section_id)
