"""Turning a stem and a set of choices into a `Question`: seeded option order, letters, phrasing."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from tutor.quiz.model import LETTERS, Kind, Option, PolicyProbe, Question


@dataclass(frozen=True)
class Choice:
    """An option before it has a letter."""

    text: str
    correct: bool
    explanation: str
    citation: str


def assemble(
    *,
    topic: str,
    kind: Kind,
    stem: str,
    choices: Sequence[Choice],
    difficulty: int,
    source: str,
    support: Sequence[str],
    rng: random.Random,
    shuffle: bool = True,
    probe: PolicyProbe | None = None,
) -> Question:
    """Letter the choices A.. in a seeded random order (or as given, when `shuffle` is False)."""
    ordered = list(choices)
    if shuffle:
        rng.shuffle(ordered)
    options = tuple(
        Option(LETTERS[i], c.text, c.correct, c.explanation, c.citation) for i, c in enumerate(ordered)
    )
    return Question(
        topic=topic,
        kind=kind,
        stem=stem,
        options=options,
        difficulty=difficulty,
        source=source,
        support=tuple(support),
        probe=probe,
    )


def seeded(seed: int, *parts: object) -> random.Random:
    """A generator of its own per question, so adding one card never reshuffles the others."""
    return random.Random("\x1f".join([str(seed), *map(str, parts)]))


def lower_first(text: str) -> str:
    """'Patching the OS' -> 'patching the OS'; acronyms ('MFA for...', 'IAM role') keep their case."""
    text = text.strip()
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def clause(text: str) -> str:
    """A sentence made usable inside another one: no trailing full stop, lower-case start."""
    return lower_first(text.strip().rstrip("."))


def sentence(text: str) -> str:
    """A statement that ends with a full stop and starts with a capital."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def same_text(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def pick_distractors(rng: random.Random, tiers: Sequence[Sequence[str]], k: int, exclude: Sequence[str]) -> list[str]:
    """Up to `k` distinct texts, drawn from the first tier first (shuffled), then the next.

    Tiers express preference: the same category before the same topic before anything else.
    Texts equal to one in `exclude` (ignoring case and spacing) are never picked.
    """
    picked: list[str] = []
    taken = [" ".join(t.lower().split()) for t in exclude]
    for tier in tiers:
        pool = list(dict.fromkeys(tier))
        rng.shuffle(pool)
        for text in pool:
            norm = " ".join(text.lower().split())
            if norm in taken:
                continue
            picked.append(text)
            taken.append(norm)
            if len(picked) == k:
                return picked
    return picked


def without_names(text: str, names: Sequence[str]) -> str | None:
    """The description minus its clauses that name the answer ("...; AWS WAF can block SQL injection"),
    so a stem or option does not give the key away; None when every clause names it.

    Dropping whole clauses keeps the prose grammatical, where replacing the name would not."""
    import re

    pattern = re.compile("|".join(rf"\b{re.escape(n)}\b" for n in names if n), re.IGNORECASE)
    clauses = re.split(r"(?<=[;.])\s+", text.strip())
    kept = [c for c in clauses if not pattern.search(c)]
    if len(kept) == len(clauses):
        return text
    if not kept:
        return None
    # Kept clauses become sentences of their own: "A; b." minus its middle must not read "A; B".
    sentences = [c.rstrip(";").rstrip(".") for c in kept]
    return ". ".join(c[0].upper() + c[1:] for c in sentences if c) + "."
