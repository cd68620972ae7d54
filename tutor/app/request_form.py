"""The policy lab's request fields as data: context lines (`KEY=VALUE`) parsed with their line numbers."""

from __future__ import annotations

import json


class ContextLineError(ValueError):
    """A context line that is not `KEY=VALUE`; the message names the line."""


def parse_context_lines(text: str) -> dict[str, object]:
    """`aws:MultiFactorAuthPresent=true` lines to a dict; a JSON list value (`["a","b"]`) stays a list.

    Blank lines and lines starting with `#` are skipped.
    """
    context: dict[str, object] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key:
            raise ContextLineError(f"context line {number}: expected KEY=VALUE, got {line[:60]!r}")
        if value.startswith("["):
            try:
                parsed = json.loads(value)
            except json.JSONDecodeError as exc:
                raise ContextLineError(f"context line {number}: the list value is not valid JSON ({exc.msg})") from None
            if not isinstance(parsed, list):
                raise ContextLineError(f"context line {number}: expected a JSON list after {key}=")
            context[key] = [str(v) for v in parsed]
        else:
            context[key] = value
    return context
