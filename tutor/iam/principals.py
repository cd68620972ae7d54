"""Who is asking, and whether a Principal/NotPrincipal element names them.

A request comes from one caller, but AWS evaluates it as coming from several identities at
once: a role session is also its role and its account; a user is also its account. A
Principal element names the caller when it names any of them; how it names the caller (the
session itself, the role, or just the account) matters to the decision, so matching
returns a grant kind rather than a bool.
"""

from __future__ import annotations

import re

# Grant kinds, from most to least specific.
SESSION = "session"  # an assumed-role or federated-user session ARN
USER = "user"  # an IAM user ARN
DIRECT = "direct"  # a service, web/SAML federation provider or canonical user named exactly
ROLE = "role"  # the role ARN of a role session
WILDCARD = "wildcard"  # "*" or {"AWS": "*"}
ACCOUNT = "account"  # an account id or account root ARN: delegation to that account

_ACCOUNT_ID = re.compile(r"^\d{12}$")
_ARN = re.compile(r"^arn:([^:]+):([^:]+):([^:]*):(\d{12}|[^:]*):(.+)$")
_CANONICAL = re.compile(r"^[0-9a-f]{64}$")

AWS_KINDS = frozenset({"user", "role", "assumed-role", "federated-user", "root", "unknown-arn"})


class Caller:
    """The principal of a request, parsed once (and shared: treat as read-only)."""

    __slots__ = ("kind", "arn", "account", "role_key", "role_arn", "name", "is_session", "is_service_linked_role")

    def __init__(self, kind: str, arn: str | None, account: str | None, role_key: tuple[str, str] | None = None,
                 role_arn: str | None = None, name: str | None = None):
        # kind: user, role, assumed-role, federated-user, root, service, federated, canonical,
        # anonymous, unnamed or unknown-arn
        self.kind = kind
        self.arn = arn
        self.account = account
        self.role_key = role_key
        self.role_arn = role_arn
        self.name = name
        self.is_session = kind in ("assumed-role", "federated-user")
        # Service-linked roles live under the path /aws-service-role/ and are named AWSServiceRoleFor...
        self.is_service_linked_role = kind in ("role", "assumed-role") and (
            "/aws-service-role/" in (arn or "") or (name or "").startswith("AWSServiceRoleFor"))

    def __repr__(self) -> str:
        return f"Caller({self.kind!r}, {self.arn!r}, {self.account!r})"

    def identities(self) -> tuple[str, ...]:
        """Every identity the request is evaluated as, for NotPrincipal."""
        ids: list[str] = []
        if self.kind == "anonymous":
            return ("*anonymous*",)
        if self.arn and self.kind != "root":
            ids.append(self.arn)
        if self.role_arn and self.role_arn != self.arn:
            ids.append(self.role_arn)
        if self.account:
            ids.append(f"account:{self.account}")
        return tuple(ids)


_CALLERS: dict[tuple, Caller] = {}


def parse_caller(principal: str | None, anonymous: bool = False, account: str | None = None) -> Caller:
    """Parse a request principal: an ARN, an account id, a service principal, or nothing."""
    key = (principal, anonymous, account)
    caller = _CALLERS.get(key)
    if caller is None:
        if len(_CALLERS) > 4096:
            _CALLERS.clear()
        caller = _CALLERS[key] = _parse_caller(principal, anonymous, account)
    return caller


def _parse_caller(principal: str | None, anonymous: bool, account: str | None) -> Caller:
    if anonymous:
        return Caller("anonymous", None, None)
    if principal is None or principal == "":
        return Caller("unnamed", None, account)
    if _ACCOUNT_ID.match(principal):
        return Caller("root", f"arn:aws:iam::{principal}:root", principal)
    match = _ARN.match(principal)
    if not match:
        if _CANONICAL.match(principal):
            return Caller("canonical", principal, account)
        if "." in principal:
            return Caller("service", principal.lower(), account)
        return Caller("unknown-arn", principal, account)
    partition, service, _region, acct, resource = match.groups()
    acct = acct or account
    if service == "iam":
        if resource == "root":
            return Caller("root", principal, acct)
        if resource.startswith("user/"):
            return Caller("user", principal, acct, name=resource.rsplit("/", 1)[-1])
        if resource.startswith("role/"):
            name = resource.rsplit("/", 1)[-1]
            return Caller("role", principal, acct, (acct or "", name), principal, name)
        if resource.startswith(("saml-provider/", "oidc-provider/")):
            return Caller("federated", principal, acct)
    if service == "sts":
        if resource.startswith("assumed-role/"):
            pieces = resource.split("/")
            role_name = pieces[1] if len(pieces) > 1 else ""
            role_arn = f"arn:{partition}:iam::{acct}:role/{role_name}"
            return Caller("assumed-role", principal, acct, (acct or "", role_name), role_arn, role_name)
        if resource.startswith("federated-user/"):
            return Caller("federated-user", principal, acct, name=resource.split("/", 1)[1])
    return Caller("unknown-arn", principal, acct)


class PrincipalMatcher:
    """A compiled Principal or NotPrincipal element."""

    __slots__ = ("wildcard", "accounts", "users", "sessions", "roles", "services", "federated", "canonical", "others")

    def __init__(self, element: dict[str, tuple[str, ...]] | str):
        self.wildcard = False
        self.accounts: set[str] = set()
        self.users: set[str] = set()
        self.sessions: set[str] = set()
        self.roles: set[tuple[str, str]] = set()
        self.services: set[str] = set()
        self.federated: set[str] = set()
        self.canonical: set[str] = set()
        self.others: set[str] = set()
        if element == "*":
            self.wildcard = True
            return
        assert isinstance(element, dict)
        for key, values in element.items():
            for value in values:
                self._add(key, value)

    def _add(self, key: str, value: str) -> None:
        if key == "AWS":
            if value == "*":
                self.wildcard = True
            elif _ACCOUNT_ID.match(value):
                self.accounts.add(value)
            else:
                caller = parse_caller(value)
                if caller.kind == "root":
                    self.accounts.add(caller.account or "")
                elif caller.kind == "user":
                    self.users.add(value)
                elif caller.kind in ("assumed-role", "federated-user"):
                    self.sessions.add(value)
                elif caller.kind == "role":
                    self.roles.add(caller.role_key)  # type: ignore[arg-type]
                else:
                    self.others.add(value)
        elif key == "Service":
            if value == "*":
                self.wildcard = True
            self.services.add(value.lower())
        elif key == "Federated":
            self.federated.add(value if value.startswith("arn:") else value.lower())
        elif key == "CanonicalUser":
            self.canonical.add(value)

    def grant(self, caller: Caller) -> str | None:
        """How this element names the caller (a grant kind), or None if it does not."""
        kind = caller.kind
        if kind == "anonymous":
            return WILDCARD if self.wildcard else None
        if kind in ("assumed-role", "federated-user") and caller.arn in self.sessions:
            return SESSION
        if kind == "user" and caller.arn in self.users:
            return USER
        if kind in ("service", "federated") and (caller.arn in self.services or caller.arn in self.federated):
            # "cognito-identity.amazonaws.com" looks like a service but is named under Federated.
            return DIRECT
        if kind == "canonical" and caller.arn in self.canonical:
            return DIRECT
        if caller.role_key is not None and caller.role_key in self.roles:
            return ROLE
        if caller.arn is not None and caller.arn in self.others:
            return DIRECT
        if self.wildcard:
            return WILDCARD
        if kind in AWS_KINDS and caller.account is not None and caller.account in self.accounts:
            return ACCOUNT
        return None

    def excludes_all(self, caller: Caller) -> bool:
        """For NotPrincipal: True only when every identity of the caller is listed."""
        if self.wildcard:
            return True
        if caller.kind == "anonymous":
            return False
        for identity in caller.identities():
            if identity.startswith("account:"):
                if identity[8:] not in self.accounts:
                    return False
            elif identity == caller.role_arn and caller.role_key is not None:
                if caller.role_key not in self.roles:
                    return False
            elif identity not in self.users and identity not in self.sessions and identity not in self.services \
                    and identity not in self.federated and identity not in self.canonical and identity not in self.others:
                return False
        return True
