"""Whether the evidence contradicts a statement, not just whether it supports it.

MiniLM puts "Groups can be nested" next to "Groups cannot be nested": cosine alone cannot tell a
true statement from a close false paraphrase. So each evidence sentence is first aligned to the
statement (cosine with the claim) and then checked for a conflict in the same slot: the opposite
polarity (a negation word on one side only), an antonym ("allow"/"deny"), a different party
("AWS" for "the customer"), or a fact card's `not_for` line about the thing the statement is
about. A statement is contradicted when its closest conflicting sentence is at least as close as
its closest agreeing one; the gap decides how strongly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIN_ALIGNMENT = 0.6
"""A conflicting sentence further than this from the claim is about something else."""
_MARGIN = 0.05
"""A conflict slightly below the best support still counts: paraphrases of the truth vary."""
_WEIGHT = 1.5
_CAP = 0.45
SAME_SLOT_OVERLAP = 0.5
"""Share of the claim's weighted words a flipping sentence must share to be about the same slot."""


@dataclass(frozen=True)
class Contradiction:
    """The penalty a statement takes, and the evidence line that contradicts it."""

    penalty: float
    index: int | None
    """The contradicting unit, or None when nothing contradicts."""


def contradiction(
    alignment: np.ndarray,
    conflicting: np.ndarray,
    eligible: np.ndarray,
) -> Contradiction:
    """Compare the closest conflicting unit with the closest agreeing one.

    `alignment`: each unit's cosine with the claim. `conflicting`: units that say the opposite in
    the claim's slot. `eligible`: units that are about the question's subject at all (a sentence
    about a different service supports nothing). Returns a zero penalty when no eligible conflicting
    unit is aligned with the claim.
    """
    conflict_pool = np.where(conflicting & eligible, alignment, -np.inf)
    worst = int(np.argmax(conflict_pool)) if conflict_pool.size else 0
    if not conflict_pool.size or conflict_pool[worst] < MIN_ALIGNMENT:
        return Contradiction(0.0, None)
    agree_pool = np.where(~conflicting & eligible, alignment, -np.inf)
    best_agree = float(np.max(agree_pool)) if np.isfinite(agree_pool).any() else 0.0
    gap = float(conflict_pool[worst]) - best_agree + _MARGIN
    if gap <= 0:
        return Contradiction(0.0, None)
    return Contradiction(min(_CAP, _WEIGHT * gap), worst)
