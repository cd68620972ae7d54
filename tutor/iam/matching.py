"""Matching actions, resource ARNs and text against policy patterns with `*` and `?`.

Patterns are compiled once when a policy is parsed. Literal patterns compare by equality,
`*` matches without work, and only true wildcards fall back to a precompiled regex.
"""

from __future__ import annotations

import re
from typing import Callable

from tutor.iam import variables as V

Matcher = Callable[[str], bool]


def _always(_: str) -> bool:
    return True


def _glob_regex(text: str, *, arn: bool) -> str:
    """Regex source for a glob. In an ARN the first five segments cannot span a colon."""
    escaped = re.escape(text)  # leaves ":" alone, turns "*" into "\\*" and "?" into "\\?"
    if not arn:
        return escaped.replace("\\*", ".*").replace("\\?", ".")
    segments = escaped.split(":", 5)
    out = []
    for i, segment in enumerate(segments):
        if i < 5:
            out.append(segment.replace("\\*", "[^:]*").replace("\\?", "[^:]"))
        else:
            out.append(segment.replace("\\*", ".*").replace("\\?", "."))
    return ":".join(out)


# Compiled matchers shared by every policy that uses the same pattern text.
_GLOB_CACHE: dict[tuple[str, bool, bool], "Matcher"] = {}


def compile_glob(pattern: str, *, ignore_case: bool = False, arn: bool = False) -> Matcher:
    """A matcher for one glob pattern (no variables)."""
    key = (pattern, ignore_case, arn)
    matcher = _GLOB_CACHE.get(key)
    if matcher is None:
        if len(_GLOB_CACHE) > 4096:
            _GLOB_CACHE.clear()
        matcher = _GLOB_CACHE[key] = _compile_glob(pattern, ignore_case, arn)
    return matcher


def _compile_glob(pattern: str, ignore_case: bool, arn: bool) -> Matcher:
    if pattern == "*":
        return _always
    if "*" not in pattern and "?" not in pattern:
        if ignore_case:
            lowered = pattern.lower()
            return lambda value: value.lower() == lowered
        return pattern.__eq__
    if not arn and pattern.endswith("*") and "*" not in pattern[:-1] and "?" not in pattern:
        prefix = pattern[:-1]
        if ignore_case:
            prefix = prefix.lower()
            return lambda value: value.lower().startswith(prefix)
        return lambda value: value.startswith(prefix)
    flags = re.IGNORECASE | re.DOTALL if ignore_case else re.DOTALL
    regex = re.compile(_glob_regex(pattern, arn=arn), flags)
    fullmatch = regex.fullmatch
    return lambda value: fullmatch(value) is not None


class ActionMatcher:
    """Action patterns such as `s3:Get*`, matched case-insensitively against a lowercased action."""

    __slots__ = ("patterns", "any", "exact", "prefixes", "regexes")

    def __init__(self, patterns: tuple[str, ...]):
        self.patterns = patterns
        self.any = False
        exact: set[str] = set()
        prefixes: list[str] = []
        regexes: list = []
        for raw in patterns:
            pattern = raw.lower()
            if pattern in ("*", "*:*"):
                self.any = True
            elif "*" not in pattern and "?" not in pattern:
                exact.add(pattern)
            elif pattern.endswith("*") and "*" not in pattern[:-1] and "?" not in pattern:
                prefixes.append(pattern[:-1])
            else:
                regexes.append(re.compile(_glob_regex(pattern, arn=False), re.DOTALL).fullmatch)
        self.exact = frozenset(exact)
        self.prefixes = tuple(prefixes)
        self.regexes = tuple(regexes)

    def matches(self, action_lower: str) -> bool:
        if self.any or action_lower in self.exact:
            return True
        for prefix in self.prefixes:
            if action_lower.startswith(prefix):
                return True
        for fullmatch in self.regexes:
            if fullmatch(action_lower) is not None:
                return True
        return False


class TemplateMatcher:
    """A pattern that holds policy variables, rendered against each request's context.

    Variable values and `${*}`-style literals are escaped, so a username such as `a*` cannot
    widen the pattern. The text between variables is turned into regex source once; each
    request only joins in the escaped values. Compiled regexes are kept per rendered source.
    """

    __slots__ = ("parts", "arn", "ignore_case", "_pieces", "_cache")

    def __init__(self, parts: tuple[tuple, ...], *, arn: bool, ignore_case: bool = False):
        self.parts = parts
        self.arn = arn
        self.ignore_case = ignore_case
        pieces: list = []
        segment = 0
        for part in parts:
            if part[0] == V.TEXT:
                text = part[1]
                if arn:
                    chunks = text.split(":")
                    sources = []
                    for i, chunk in enumerate(chunks):
                        if i:
                            segment += 1
                        wild, one = ("[^:]*", "[^:]") if segment < 5 else (".*", ".")
                        sources.append(re.escape(chunk).replace("\\*", wild).replace("\\?", one))
                    pieces.append(":".join(sources))
                else:
                    pieces.append(_glob_regex(text, arn=False))
            elif part[0] == V.LITERAL:
                pieces.append(re.escape(part[1]))
            else:
                pieces.append(part)
        self._pieces = tuple(pieces)
        self._cache: dict[str, object] = {}

    def compile(self, context: dict):
        """The fullmatch function for this context, or None when a variable is missing."""
        out = []
        for piece in self._pieces:
            if piece.__class__ is str:
                out.append(piece)
            else:
                value = V.resolve(piece, context)
                if value is None:
                    return None
                out.append(re.escape(value))
        source = "".join(out)
        fullmatch = self._cache.get(source)
        if fullmatch is None:
            flags = re.IGNORECASE | re.DOTALL if self.ignore_case else re.DOTALL
            fullmatch = re.compile(source, flags).fullmatch
            if len(self._cache) > 256:
                self._cache.clear()
            self._cache[source] = fullmatch
        return fullmatch

    def matches(self, value: str, context: dict) -> bool:
        fullmatch = self.compile(context)
        return fullmatch is not None and fullmatch(value) is not None


class ResourceMatcher:
    """The Resource (or NotResource) list of one statement, ARNs matched segment by segment."""

    __slots__ = ("patterns", "any", "exact", "static", "templates")

    def __init__(self, patterns: tuple[str, ...], *, use_variables: bool):
        self.patterns = patterns
        self.any = False
        exact: set[str] = set()
        static: list[Matcher] = []
        templates: list[TemplateMatcher] = []
        for pattern in patterns:
            if use_variables and V.has_variables(pattern):
                templates.append(TemplateMatcher(V.tokenize(pattern), arn=True))
            elif pattern == "*":
                self.any = True
            elif "*" not in pattern and "?" not in pattern:
                exact.add(pattern)
            else:
                static.append(compile_glob(pattern, arn=True))
        self.exact = frozenset(exact)
        self.static = tuple(static)
        self.templates = tuple(templates)

    def matches(self, resource: str, context: dict) -> bool:
        if self.any or resource in self.exact:
            return True
        for matcher in self.static:
            if matcher(resource):
                return True
        for template in self.templates:
            if template.matches(resource, context):
                return True
        return False


def arn_matcher(pattern: str) -> Matcher:
    """A matcher for ArnEquals/ArnLike condition values: segment-wise, case-sensitive."""
    return compile_glob(pattern, arn=True)


# Statements that list the same patterns share one compiled matcher (matchers are read-only).
_ACTION_CACHE: dict[tuple[str, ...], ActionMatcher] = {}
_RESOURCE_CACHE: dict[tuple[tuple[str, ...], bool], ResourceMatcher] = {}


def action_matcher(patterns: tuple[str, ...]) -> ActionMatcher:
    matcher = _ACTION_CACHE.get(patterns)
    if matcher is None:
        if len(_ACTION_CACHE) > 4096:
            _ACTION_CACHE.clear()
        matcher = _ACTION_CACHE[patterns] = ActionMatcher(patterns)
    return matcher


def resource_matcher(patterns: tuple[str, ...], use_variables: bool) -> ResourceMatcher:
    key = (patterns, use_variables)
    matcher = _RESOURCE_CACHE.get(key)
    if matcher is None:
        if len(_RESOURCE_CACHE) > 4096:
            _RESOURCE_CACHE.clear()
        matcher = _RESOURCE_CACHE[key] = ResourceMatcher(patterns, use_variables=use_variables)
    return matcher
