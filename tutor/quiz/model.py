"""Quiz questions: what a learner sees, what counts as right, and why each option is right or wrong."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from tutor.topics import TOPICS

KINDS: tuple[str, ...] = ("single", "multiple", "true_false", "policy")
Kind = Literal["single", "multiple", "true_false", "policy"]
LETTERS = "ABCDE"

# Section ids carry their topic in the prefix (see corpus/README.md).
_SECTION_PREFIX_TOPIC = {
    "srm": "shared-responsibility",
    "iam": "iam",
    "org": "organizations",
    "compliance": "compliance",
    "ddos": "ddos",
    "enc": "encryption",
    "svc": "security-services",
}

_SELECT_COUNT = re.compile(r"\bselect\s+(two|three|2|3)\b", re.IGNORECASE)
_COUNT_WORDS = {"two": 2, "three": 3, "2": 2, "3": 3}


def topic_for_section(section_id: str) -> str | None:
    """The topic a section belongs to, from its id prefix (`iam-mfa` -> `iam`)."""
    return _SECTION_PREFIX_TOPIC.get(section_id.split("-", 1)[0])


def requested_answers(stem: str) -> int | None:
    """How many answers a multiple-answer stem asks for ("Select TWO" -> 2), or None."""
    match = _SELECT_COUNT.search(stem)
    return _COUNT_WORDS[match.group(1).lower()] if match else None


@dataclass(frozen=True)
class Option:
    key: str
    """The letter shown to the learner, A-E."""
    text: str
    correct: bool
    explanation: str
    """Why this option is right or wrong."""
    citation: str
    """The corpus section id that backs the explanation."""


@dataclass(frozen=True)
class PolicyProbe:
    """The request a policy question asks about; the IAM evaluator is its answer key."""

    scenario: str
    """Path of the scenario YAML file."""
    principal: str
    action: str
    resource: str
    context: dict[str, Any] | None = None


@dataclass(frozen=True)
class Question:
    topic: str
    kind: Kind
    stem: str
    options: tuple[Option, ...]
    difficulty: int
    source: str
    """`generated:<generator>` or `bank:<file>`."""
    support: tuple[str, ...]
    """Fact card ids (`services:guardduty`) or section ids that back the key."""
    probe: PolicyProbe | None = None
    id: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", question_id(self.stem, self.options))

    @property
    def keys(self) -> tuple[str, ...]:
        """Letters of the correct options."""
        return tuple(o.key for o in self.options if o.correct)

    @property
    def answers_required(self) -> int:
        """How many letters the learner must pick."""
        return (requested_answers(self.stem) or 1) if self.kind == "multiple" else 1

    def option(self, key: str) -> Option:
        for option in self.options:
            if option.key == key:
                return option
        raise KeyError(key)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view (the MCQ format of DESIGN.md plus explanations)."""
        return {
            "id": self.id,
            "topic": self.topic,
            "kind": self.kind,
            "difficulty": self.difficulty,
            "source": self.source,
            "question": self.stem,
            "options": {o.key: o.text for o in self.options},
            "answer": list(self.keys),
            "explanations": {o.key: o.explanation for o in self.options},
            "citations": {o.key: o.citation for o in self.options},
            "support": list(self.support),
        }


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


def question_id(stem: str, options: tuple[Option, ...] | list[Option]) -> str:
    """A stable id from the content: the stem, the option texts and which are keys.

    Option order and letters do not count, so reshuffling a question keeps its id (and its
    review history).
    """
    texts = sorted(_normalise(o.text) for o in options)
    keys = sorted(_normalise(o.text) for o in options if o.correct)
    digest = hashlib.sha1("\x1f".join([_normalise(stem), *texts, "\x1e", *keys]).encode()).hexdigest()
    return digest[:12]
