"""Section texts of the corpus notes, by section id, for citations and support checks."""

from __future__ import annotations

from pathlib import Path

from tutor.knowledge.corpus import load_sections


def section_texts(corpus_dir: Path | None = None) -> dict[str, str]:
    """`{section_id: title + body}` for every `## Title {#id}` section of `corpus/*.md`."""
    return {s.id: f"{s.title}\n{s.text}" for s in load_sections(corpus_dir)}
