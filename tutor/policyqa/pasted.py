"""Find a policy document pasted into a question: in a code fence, or a `{...}` block amid prose.

A paste counts as a policy when it mentions `Statement` or `Effect`; the words around it are
the question about it. Malformed JSON is still found, so its errors can be shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"```[ \t]*(?:json|javascript|js)?[ \t]*\n?(.*?)```", re.DOTALL | re.IGNORECASE)
_POLICY_WORDS = re.compile(r"\"?\b(?:Statement|Effect)\b\"?\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class PastedPolicy:
    """The pasted text and the question with the paste taken out."""

    text: str
    question: str
    line_offset: int
    """Lines of the message before the paste, to relate JSON error lines to what was typed."""


def _prose(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def find_pasted_policy(message: str) -> PastedPolicy | None:
    """The policy pasted into `message`, or None when there is none."""
    for match in _FENCE.finditer(message):
        body = match.group(1)
        if _POLICY_WORDS.search(body):
            question = _prose(message[:match.start()] + " " + message[match.end():])
            before = message[:match.start(1)].count("\n")
            return PastedPolicy(body.strip("\n"), question, before)
    start = message.find("{")
    if start < 0:
        return None
    end = message.rfind("}")
    body = message[start:end + 1] if end > start else message[start:]
    if not _POLICY_WORDS.search(body):
        return None
    question = _prose(message[:start] + " " + (message[end + 1:] if end > start else ""))
    return PastedPolicy(body, question, message[:start].count("\n"))
