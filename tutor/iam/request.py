"""A request to evaluate: who (principal), what (action), on what (resource), with which context."""

from __future__ import annotations

import re
from typing import Mapping

from tutor.iam.principals import Caller, parse_caller

_RESOURCE_ACCOUNT = re.compile(r"^arn:[^:]+:[^:]+:[^:]*:(\d{12}):")


def normalize_context(context: Mapping[str, object] | None) -> dict[str, str | tuple[str, ...]]:
    """Lowercase keys (condition keys are case-insensitive); values become str or tuple of str."""
    out: dict[str, str | tuple[str, ...]] = {}
    if not context:
        return out
    for key, value in context.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, set, frozenset)):
            out[str(key).lower()] = tuple(_text(v) for v in value)
        else:
            out[str(key).lower()] = _text(value)
    return out


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class Request:
    """One API call. The context is used as given: the evaluator derives no keys of its own.

    `principal_account` defaults to the account in the principal ARN; `resource_account` to the
    account in the resource ARN, else the principal's account (a same-account request).
    """

    __slots__ = ("action", "action_lower", "resource", "principal", "anonymous", "caller",
                 "principal_account", "resource_account", "context", "raw_context")

    def __init__(self, action: str, resource: str, principal: str | None = None, anonymous: bool = False,
                 resource_account: str | None = None, principal_account: str | None = None,
                 context: Mapping[str, object] | None = None):
        self.action = action
        self.action_lower = action.lower()
        self.resource = resource
        self.principal = principal
        self.anonymous = anonymous
        self.caller: Caller = parse_caller(principal, anonymous, principal_account)
        self.principal_account = principal_account or self.caller.account
        if resource_account is None:
            match = _RESOURCE_ACCOUNT.match(resource)
            resource_account = match.group(1) if match else self.principal_account
        self.resource_account = resource_account
        self.raw_context = dict(context) if context else {}
        self.context = normalize_context(context) if context else {}

    @property
    def cross_account(self) -> bool:
        return (self.principal_account is not None and self.resource_account is not None
                and self.principal_account != self.resource_account)

    def to_dict(self) -> dict:
        return {"principal": self.principal, "anonymous": self.anonymous, "action": self.action,
                "resource": self.resource, "principal_account": self.principal_account,
                "resource_account": self.resource_account, "context": self.raw_context}

    def __repr__(self) -> str:
        return f"Request({self.action!r}, {self.resource!r}, principal={self.principal!r})"


def principal_context(principal: str, tags: Mapping[str, str] | None = None, *,
                      org_id: str | None = None) -> dict[str, object]:
    """The global keys AWS would add for `principal` (username, PrincipalArn, tags...).

    Scenarios and the CLI call this; replayed cases supply their own context instead.
    """
    caller = parse_caller(principal)
    context: dict[str, object] = {}
    if caller.account:
        context["aws:PrincipalAccount"] = caller.account
    if org_id:
        context["aws:PrincipalOrgID"] = org_id
    if caller.kind == "user":
        context["aws:username"] = caller.name
        context["aws:userid"] = f"AIDA{caller.name.upper()}" if caller.name else None
        context["aws:PrincipalArn"] = principal
        context["aws:PrincipalType"] = "User"
    elif caller.kind == "assumed-role":
        context["aws:PrincipalArn"] = caller.role_arn
        context["aws:PrincipalType"] = "AssumedRole"
        session = principal.rsplit("/", 1)[-1]
        context["aws:userid"] = f"AROA{(caller.name or '').upper()}:{session}"
    elif caller.kind == "role":
        context["aws:PrincipalArn"] = principal
        context["aws:PrincipalType"] = "AssumedRole"
    elif caller.kind == "root":
        context["aws:PrincipalArn"] = caller.arn
        context["aws:PrincipalType"] = "Account"
        context["aws:userid"] = caller.account
    elif caller.kind == "federated-user":
        context["aws:PrincipalArn"] = principal
        context["aws:PrincipalType"] = "FederatedUser"
    for key, value in (tags or {}).items():
        context[f"aws:PrincipalTag/{key}"] = value
    return {k: v for k, v in context.items() if v is not None}
