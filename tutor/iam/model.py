"""A parsed policy: statements with their matchers compiled once, ready to evaluate many requests."""

from __future__ import annotations

from dataclasses import dataclass, field

from tutor.iam.conditions import ConditionClause
from tutor.iam.matching import ActionMatcher, ResourceMatcher
from tutor.iam.principals import PrincipalMatcher

KINDS = ("identity", "resource", "scp", "rcp", "boundary", "session", "trust")


@dataclass(slots=True, eq=False)
class Statement:
    """One statement. `actions`/`resources`/`principals` are None when the element is absent."""

    index: int
    sid: str | None
    effect: str
    actions: ActionMatcher
    not_action: bool
    resources: ResourceMatcher | None
    not_resource: bool
    principals: PrincipalMatcher | None
    not_principal: bool
    conditions: tuple[ConditionClause, ...]
    is_deny: bool = field(init=False)
    label: str = field(init=False)  # the Sid, or `Statement[i]` when the statement has none

    def __post_init__(self) -> None:
        self.is_deny = self.effect == "Deny"
        self.label = self.sid if self.sid else f"Statement[{self.index}]"


@dataclass(slots=True, eq=False)
class Policy:
    """A valid policy document of one kind, with the document it came from."""

    name: str
    kind: str
    version: str | None
    id: str | None
    statements: tuple[Statement, ...]
    document: dict
    warnings: tuple = ()

    @property
    def uses_variables(self) -> bool:
        return self.version == "2012-10-17"
