"""Errors and warnings about policy documents, each naming where in the document it was found."""

from __future__ import annotations


class PolicyError(Exception):
    """A policy document is invalid at `path` (a JSON path such as `Statement[1].Effect`).

    `line` and `column` are set when the text is not JSON at all.
    """

    def __init__(self, path: str, reason: str, line: int | None = None, column: int | None = None):
        self.path = path
        self.reason = reason
        self.line = line
        self.column = column
        super().__init__(self._message())

    def _message(self) -> str:
        where = self.path or "policy"
        if self.line is not None:
            where = f"{where} (line {self.line}, column {self.column})"
        return f"{where}: {self.reason}"

    def __str__(self) -> str:
        return self._message()

    def to_dict(self) -> dict:
        return {"path": self.path, "reason": self.reason, "line": self.line, "column": self.column}


class PolicyErrors(PolicyError):
    """Every error found in one document; itself a PolicyError so one `except` catches both."""

    def __init__(self, errors: list[PolicyError], name: str | None = None):
        self.errors = list(errors)
        self.name = name
        first = self.errors[0] if self.errors else PolicyError("", "invalid policy")
        super().__init__(first.path, first.reason, first.line, first.column)

    def _message(self) -> str:
        head = f"{self.name}: " if self.name else ""
        if len(self.errors) == 1:
            return head + str(self.errors[0])
        lines = [f"{head}{len(self.errors)} errors"]
        lines += [f"  {err}" for err in self.errors]
        return "\n".join(lines)


class PolicyWarning:
    """A legal but risky construct (full admin, Allow with NotAction, public principal...)."""

    __slots__ = ("path", "reason")

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path or 'policy'}: {self.reason}"

    def __repr__(self) -> str:
        return f"PolicyWarning({self.path!r}, {self.reason!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PolicyWarning) and (self.path, self.reason) == (other.path, other.reason)

    def __hash__(self) -> int:
        return hash((self.path, self.reason))

    def to_dict(self) -> dict:
        return {"path": self.path, "reason": self.reason}


class ScenarioError(Exception):
    """A scenario file is invalid, or a question names a principal or resource it does not hold."""
