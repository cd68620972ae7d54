"""Answer metrics: key facts present, citation precision, abstention rates. Pure functions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def normalise(text: str) -> str:
    """Case-, quote- and whitespace-insensitive form used to look for a fact in an answer."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    text = re.sub(r"\[\d+\]", " ", text)  # citation markers may fall inside a quoted span
    return re.sub(r"\s+", " ", text).strip()


def fact_present(answer: str, fact: str) -> bool:
    """True when the fact appears in the answer, ignoring case, quote style and spacing."""
    return normalise(fact) in normalise(answer)


def key_fact_recall(answer: str, facts: Sequence[str]) -> float:
    """Share of the key facts present in the answer; 1.0 when there are none to find."""
    if not facts:
        return 1.0
    return sum(fact_present(answer, f) for f in facts) / len(facts)


def missing_facts(answer: str, facts: Sequence[str]) -> list[str]:
    """The key facts the answer lacks."""
    return [f for f in facts if not fact_present(answer, f)]


def citation_precision(cited: Sequence[str], relevant: Iterable[str]) -> float:
    """Share of cited section ids that are relevant; 0.0 when nothing was cited."""
    if not cited:
        return 0.0
    gold = set(relevant)
    return sum(c in gold for c in cited) / len(cited)


def abstention_rate(abstained: Iterable[bool]) -> float:
    """Share of answers that abstained (on out-of-scope questions: higher is better)."""
    flags = list(abstained)
    return sum(flags) / len(flags) if flags else 0.0


def false_abstention_rate(abstained_in_scope: Iterable[bool]) -> float:
    """Share of in-scope questions wrongly declined (lower is better)."""
    return abstention_rate(abstained_in_scope)
