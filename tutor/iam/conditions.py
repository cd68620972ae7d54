"""Condition operators: every family AWS documents, with IfExists and ForAnyValue/ForAllValues.

Within one Condition block every operator and every key must be true (AND); the values listed
for one key are alternatives (OR), except that a negated operator is true only when the
request matches none of them. A missing key makes a positive operator false and a negated one
true; `...IfExists` makes a missing key true; ForAllValues on a missing or empty key is true,
ForAnyValue false. Condition key names are case-insensitive, values case-sensitive unless the
operator ends in IgnoreCase.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import re
from datetime import datetime, timezone
from typing import Callable

from tutor.iam import variables as V
from tutor.iam.matching import TemplateMatcher, compile_glob

# family -> (negated, value kind)
OPERATORS: dict[str, tuple[str, bool]] = {
    "StringEquals": ("string", False),
    "StringNotEquals": ("string", True),
    "StringEqualsIgnoreCase": ("string_ic", False),
    "StringNotEqualsIgnoreCase": ("string_ic", True),
    "StringLike": ("like", False),
    "StringNotLike": ("like", True),
    "NumericEquals": ("num_eq", False),
    "NumericNotEquals": ("num_eq", True),
    "NumericLessThan": ("num_lt", False),
    "NumericLessThanEquals": ("num_le", False),
    "NumericGreaterThan": ("num_gt", False),
    "NumericGreaterThanEquals": ("num_ge", False),
    "DateEquals": ("date_eq", False),
    "DateNotEquals": ("date_eq", True),
    "DateLessThan": ("date_lt", False),
    "DateLessThanEquals": ("date_le", False),
    "DateGreaterThan": ("date_gt", False),
    "DateGreaterThanEquals": ("date_ge", False),
    "Bool": ("bool", False),
    "BinaryEquals": ("binary", False),
    "IpAddress": ("ip", False),
    "NotIpAddress": ("ip", True),
    "ArnEquals": ("arn", False),
    "ArnLike": ("arn", False),
    "ArnNotEquals": ("arn", True),
    "ArnNotLike": ("arn", True),
    "Null": ("null", False),
}
_OPERATORS_LOWER = {name.lower(): name for name in OPERATORS}
# AWS replaces policy variables only in string and ARN comparisons.
_VARIABLE_KINDS = frozenset({"string", "string_ic", "like", "arn"})


class ConditionSyntaxError(ValueError):
    """An operator name or a value that the operator cannot use."""


def split_operator(raw: str) -> tuple[str | None, str, bool]:
    """`ForAnyValue:StringLikeIfExists` -> ("any", "StringLike", True). Raises on unknown names."""
    set_op = None
    name = raw
    if ":" in raw:
        qualifier, name = raw.split(":", 1)
        if qualifier == "ForAnyValue":
            set_op = "any"
        elif qualifier == "ForAllValues":
            set_op = "all"
        else:
            raise ConditionSyntaxError(f'unknown set qualifier "{qualifier}" (use ForAnyValue or ForAllValues)')
    if_exists = name.endswith("IfExists")
    base = name[: -len("IfExists")] if if_exists else name
    if base not in OPERATORS:
        hint = _OPERATORS_LOWER.get(base.lower())
        suggestion = f' (did you mean "{hint}"? operator names are case-sensitive)' if hint else ""
        raise ConditionSyntaxError(f'unknown condition operator "{raw}"{suggestion}')
    if base == "Null" and if_exists:
        raise ConditionSyntaxError("Null cannot take the IfExists suffix")
    return set_op, base, if_exists


def parse_date(text: str) -> float | None:
    """ISO 8601 (date, date-time, with Z or an offset) or epoch seconds -> epoch seconds."""
    text = text.strip()
    if re.fullmatch(r"-?\d+(\.\d+)?", text) and not re.fullmatch(r"\d{4}", text):
        return float(text)
    candidate = text.replace("Z", "+00:00").replace("z", "+00:00")
    try:
        moment = datetime.fromisoformat(candidate)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _ip(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _b64(text: str) -> bytes | None:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None


def _prepare(kind: str, value: str):
    """Turn one policy value into what the comparison needs; raises ConditionSyntaxError."""
    if kind in ("num_eq", "num_lt", "num_le", "num_gt", "num_ge"):
        number = _number(value)
        if number is None:
            raise ConditionSyntaxError(f'"{value}" is not a number')
        return number
    if kind.startswith("date"):
        moment = parse_date(value)
        if moment is None:
            raise ConditionSyntaxError(f'"{value}" is not an ISO 8601 date or epoch time')
        return moment
    if kind in ("bool", "null"):
        if value.lower() not in ("true", "false"):
            raise ConditionSyntaxError(f'"{value}" must be "true" or "false"')
        return value.lower()
    if kind == "ip":
        try:
            return ipaddress.ip_network(value.strip(), strict=False)
        except ValueError:
            raise ConditionSyntaxError(f'"{value}" is not an IPv4 or IPv6 address or CIDR range') from None
    if kind == "binary":
        decoded = _b64(value)
        return decoded if decoded is not None else value.encode()
    if kind == "string_ic":
        return value.lower()
    if kind == "like":
        return compile_glob(value)
    if kind == "arn":
        return compile_glob(value, arn=True)
    return value


_COMPARATORS: dict[str, Callable[[str, object], bool]] = {}


def _comparator(kind: str) -> Callable[[str, object], bool]:
    compare = _COMPARATORS.get(kind)
    if compare is None:
        compare = _COMPARATORS[kind] = _make_comparator(kind)
    return compare


def _make_comparator(kind: str) -> Callable[[str, object], bool]:
    if kind in ("string", "string_ic"):
        if kind == "string":
            return lambda actual, expected: actual == expected
        return lambda actual, expected: actual.lower() == expected
    if kind in ("like", "arn"):
        return lambda actual, matcher: matcher(actual)  # type: ignore[operator]
    if kind.startswith("num"):
        op = kind[4:]
        return _ordered(_number, op)
    if kind.startswith("date"):
        op = kind[5:]
        return _ordered(parse_date, op)
    if kind == "bool":
        return lambda actual, expected: actual.lower() == expected
    if kind == "ip":
        def in_network(actual: str, network) -> bool:
            address = _ip(actual)
            return address is not None and address.version == network.version and address in network
        return in_network
    if kind == "binary":
        def same_bytes(actual: str, expected: bytes) -> bool:
            decoded = _b64(actual)
            return (decoded if decoded is not None else actual.encode()) == expected
        return same_bytes
    raise AssertionError(kind)


def _ordered(convert, op: str) -> Callable[[str, float], bool]:
    def compare(actual: str, expected: float) -> bool:
        value = convert(actual)
        if value is None:
            return False
        if op == "eq":
            return value == expected
        if op == "lt":
            return value < expected
        if op == "le":
            return value <= expected
        if op == "gt":
            return value > expected
        return value >= expected
    return compare


class ConditionClause:
    """One operator applied to one key with its values, compiled."""

    __slots__ = ("operator", "base", "kind", "negated", "if_exists", "set_op", "key", "key_lower",
                 "raw_values", "values", "templates", "compare")

    def __init__(self, operator: str, key: str, raw_values: tuple[str, ...], use_variables: bool):
        self.operator = operator
        self.set_op, self.base, self.if_exists = split_operator(operator)
        self.kind, self.negated = OPERATORS[self.base]
        self.key = key
        self.key_lower = key.lower()
        self.raw_values = raw_values
        values = []
        templates = []
        for value in raw_values:
            if use_variables and self.kind in _VARIABLE_KINDS and V.has_variables(value):
                try:
                    parts = V.tokenize(value)
                except V.VariableSyntaxError as exc:
                    raise ConditionSyntaxError(str(exc)) from None
                if self.kind in ("like", "arn"):
                    templates.append(TemplateMatcher(parts, arn=self.kind == "arn"))
                else:
                    templates.append(parts)
            else:
                values.append(_prepare(self.kind, value))
        self.values = tuple(values)
        self.templates = tuple(templates)
        self.compare = _comparator(self.kind) if self.kind != "null" else None

    def _expected(self, context: dict) -> tuple:
        """Policy values with variables rendered; a value whose variable is missing is dropped."""
        if not self.templates:
            return self.values
        rendered = list(self.values)
        for parts in self.templates:
            if isinstance(parts, TemplateMatcher):
                fullmatch = parts.compile(context)
                if fullmatch is not None:
                    rendered.append(lambda actual, f=fullmatch: f(actual) is not None)
            else:
                text = V.render_plain(parts, context)
                if text is not None:
                    rendered.append(text.lower() if self.kind == "string_ic" else text)
        return tuple(rendered)

    def _matches_one(self, actual: str, expected: tuple) -> bool:
        compare = self.compare
        for value in expected:
            if compare(actual, value):
                return True
        return False

    def evaluate(self, context: dict) -> bool:
        """Whether this clause holds for the request context (keys already lowercased)."""
        actual = context.get(self.key_lower)
        if self.kind == "null":
            missing = actual is None or actual == ()
            return any((value == "true") == missing for value in self.values)
        if actual is None or (actual == () and self.set_op is None):
            if self.if_exists:
                return True
            if self.set_op == "all":
                return True
            if self.set_op == "any":
                return False
            return self.negated
        actuals = actual if isinstance(actual, tuple) else (actual,)
        if self.set_op == "all":
            if not actuals:
                return True
        elif self.set_op == "any" and not actuals:
            return False
        expected = self._expected(context)
        if self.set_op == "all":
            for value in actuals:
                if self._matches_one(value, expected) == self.negated:
                    return False
            return True
        if self.set_op == "any":
            for value in actuals:
                if self._matches_one(value, expected) != self.negated:
                    return True
            return False
        hit = False
        for value in actuals:
            if self._matches_one(value, expected):
                hit = True
                break
        return hit != self.negated

    def describe(self) -> str:
        values = ", ".join(f'"{v}"' for v in self.raw_values)
        return f"{self.operator} {self.key} [{values}]"

    def why_false(self, context: dict) -> str:
        """Plain reason this clause did not hold, for the trace."""
        actual = context.get(self.key_lower)
        if self.kind == "null":
            state = "absent" if actual is None or actual == () else f"present ({_show(actual)})"
            return f"{self.describe()}: the key is {state}"
        if actual is None:
            return f"{self.describe()}: the request has no {self.key} key"
        if self.templates and len(self._expected(context)) == len(self.values) and not self.values:
            return f"{self.describe()}: a policy variable in the values is missing from the request"
        return f"{self.describe()}: the request has {self.key} = {_show(actual)}"


def _show(value) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    return f'"{value}"'


def evaluate_all(clauses: tuple[ConditionClause, ...], context: dict) -> ConditionClause | None:
    """The first clause that fails, or None when every clause holds."""
    for clause in clauses:
        if not clause.evaluate(context):
            return clause
    return None
