"""Policy variables: `${aws:username}`, `${aws:PrincipalTag/team}`, `${*}`, defaults `${key, 'none'}`.

A template is split once, at parse time, into text and variable parts. Rendering against a
request context returns None when a variable's key is missing and has no default: AWS then
treats that value as not matching anything.
"""

from __future__ import annotations

import re

# Inside ${...}: a key, optionally followed by a comma and a quoted default.
_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_BODY = re.compile(r"^\s*([^,\s]+)\s*(?:,\s*'([^']*)'\s*)?$")
_SPECIAL = {"*": "*", "?": "?", "$": "$"}

TEXT, LITERAL, VARIABLE = 0, 1, 2


class VariableSyntaxError(ValueError):
    """A `${...}` that is neither a key, a key with a quoted default, nor `${*}`/`${?}`/`${$}`."""


def has_variables(text: str) -> bool:
    return "${" in text


def tokenize(text: str) -> tuple[tuple, ...]:
    """Split `text` into (TEXT, s), (LITERAL, ch) and (VARIABLE, key_lower, key, default) parts."""
    parts: list[tuple] = []
    pos = 0
    for match in _VARIABLE.finditer(text):
        if match.start() > pos:
            parts.append((TEXT, text[pos : match.start()]))
        body = match.group(1)
        if body in _SPECIAL:
            parts.append((LITERAL, _SPECIAL[body]))
        else:
            found = _BODY.match(body)
            if not found:
                raise VariableSyntaxError(f"malformed policy variable ${{{body}}}")
            key, default = found.group(1), found.group(2)
            parts.append((VARIABLE, key.lower(), key, default))
        pos = match.end()
    if pos < len(text):
        parts.append((TEXT, text[pos:]))
    return tuple(parts)


def resolve(part: tuple, context: dict) -> str | None:
    """The value of one VARIABLE part, its default, or None when the key is missing."""
    value = context.get(part[1])
    if value is None or isinstance(value, tuple):
        # Multi-valued keys cannot be used as variables; AWS treats them as absent.
        return part[3]
    return value


def render_plain(parts: tuple[tuple, ...], context: dict) -> str | None:
    """The template as a literal string (for equality comparisons), or None if a key is missing."""
    out = []
    for part in parts:
        if part[0] == VARIABLE:
            value = resolve(part, context)
            if value is None:
                return None
            out.append(value)
        else:
            out.append(part[1])
    return "".join(out)


def variable_keys(parts: tuple[tuple, ...]) -> list[str]:
    return [part[2] for part in parts if part[0] == VARIABLE]
