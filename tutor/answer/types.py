"""What an answer is: text, numbered citations, and whether the tutor declined."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class QuestionError(ValueError):
    """A question the tutor cannot take: empty, or too long to be a question."""


@dataclass(frozen=True)
class Citation:
    """A numbered source of an answer: `[n]` in the text is `citations[n - 1]`."""

    id: str
    """The corpus section id, or `user:<source id>#<heading>` for the learner's own files
    (the source id is the file name plus a hash of its path: `notes.md@3f9a1c2e`)."""
    title: str
    source: str
    """Corpus file path relative to the project, or the ingested file's label: `notes.md (from a/)`."""

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "title": self.title, "source": self.source}


@dataclass(frozen=True)
class RetrievedRef:
    """A retrieved section and its fused retrieval score."""

    id: str
    score: float

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "score": self.score}


@dataclass
class GroundedAnswer:
    """An answer built only from corpus sentences, or a grounded refusal."""

    answer: str
    citations: list[Citation]
    abstained: bool
    route: str = "general"
    retrieved: list[RetrievedRef] = field(default_factory=list)
    closest_topics: list[str] = field(default_factory=list)
    """Section titles offered when the tutor abstains."""
    confidence: float = 0.0
    """The retrieval confidence the abstention rule compared with its threshold."""

    def to_json(self) -> dict[str, Any]:
        """The `--json` contract; later features add keys, never remove these."""
        return {
            "answer": self.answer,
            "citations": [c.to_json() for c in self.citations],
            "abstained": self.abstained,
            "route": self.route,
            "retrieved": [r.to_json() for r in self.retrieved],
        }
