"""Scenarios: a small AWS world in YAML that learners can ask permission questions about.

Format (every name is matched case-insensitively; `aliases` add more names)::

    name: Coffee shop
    description: one paragraph
    context: {aws:SecureTransport: "true"}      # keys added to every request (optional)
    policies:                                   # named policy documents, referenced below
      CashierAccess: {Version: "2012-10-17", Statement: [...]}
    accounts:
      - {name: shop, id: "111122223333", aliases: [coffee shop account]}
    organization:                               # optional
      id: o-abc123                              # becomes aws:PrincipalOrgID
      management_account: shop-management       # SCPs/RCPs skip it
      root:                                     # each node: scps, rcps, accounts, ous
        scps: [FullAWSAccess]                   # omitted -> AWS's default full-access policy
        accounts: [shop-management]
        ous:
          - {name: Stores, scps: [ComplianceList], accounts: [shop]}
    groups:
      - {name: Cashiers, account: shop, policies: [CashierAccess]}
    principals:
      - {name: Mateo, aliases: [cashier], type: user, account: shop, groups: [Cashiers],
         policies: [...], boundary: SomePolicy, tags: {station: register}}
      - {name: RegisterRole, type: role, account: shop, trust: TrustPolicyName, policies: [...]}
      - {name: Sam at the register, type: assumed-role, role: RegisterRole, session_name: sam,
         source: Sam, session_policy: ..., tags: {...}}
      - {name: owner, type: root, account: shop}
    resources:
      - {name: receipts bucket, aliases: [coffee-shop-receipts], arn: "arn:aws:s3:::coffee-shop-receipts",
         account: shop, type: s3-bucket, policy: ReceiptsBucketPolicy, tags: {data: receipts}}
      - {name: shop key, type: kms-key, arn: ..., policy: ShopKeyPolicy}

Policies are given by name (a key of `policies`) or inline as a mapping. Roles are resources
too: asking about sts:AssumeRole on a role evaluates its trust policy. An object inside a
bucket ("receipts bucket/2026/01.csv" or its ARN) is governed by the bucket's policy. A
principal written "Sam as RegisterRole" is Sam's session of that role.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tutor.iam.decide import PolicySet, evaluate_request
from tutor.iam.entities import FULL_ACCESS, RCP_FULL_ACCESS, Principal, Resource
from tutor.iam.errors import PolicyError, ScenarioError
from tutor.iam.model import Policy
from tutor.iam.parse import parse_policy
from tutor.iam.request import Request, principal_context
from tutor.iam.trace import Decision

# Fields each kind of entry may have; anything else is most likely a typo worth reporting.
_FIELDS = {
    "accounts": {"name", "id", "aliases"},
    "groups": {"name", "account", "policies", "aliases"},
    "principals": {"name", "type", "account", "aliases", "path", "arn", "iam_name", "groups", "policies", "boundary",
                   "tags", "trust", "role", "session_name", "session_policy", "source"},
    "resources": {"name", "type", "arn", "account", "aliases", "policy", "tags"},
}


def _names(entry: dict) -> list[str]:
    return [str(entry["name"])] + [str(a) for a in entry.get("aliases") or []]


class Scenario:
    """A loaded scenario; `ask()` answers a permission question with a Decision."""

    def __init__(self, data: dict, source: str = "scenario"):
        if not isinstance(data, dict):
            raise ScenarioError(f"{source}: a scenario must be a mapping at the top level")
        self.source = source
        self.name = str(data.get("name", source))
        self.description = str(data.get("description", ""))
        self.default_context: dict = dict(data.get("context") or {})
        self._documents: dict = data.get("policies") or {}
        self.accounts: dict[str, str] = {}  # any account name/alias (lowercase) or id -> id
        for i, entry in enumerate(data.get("accounts") or []):
            self._require(entry, ("name", "id"), f"accounts[{i}]")
            account_id = str(entry["id"])
            for name in _names(entry):
                self.accounts[name.lower()] = account_id
            self.accounts[account_id] = account_id
        self.org_id: str | None = None
        self.management_account: str | None = None
        self._scp_levels: dict[str, list[list[Policy]]] = {}
        self._rcp_levels: dict[str, list[list[Policy]]] = {}
        if data.get("organization"):
            self._load_organization(data["organization"])
        self.groups: dict[str, list[Policy]] = {}
        for i, entry in enumerate(data.get("groups") or []):
            self._require(entry, ("name",), f"groups[{i}]")
            self.groups[str(entry["name"]).lower()] = self._policies(entry.get("policies"), f"groups[{i}].policies", "identity")
        self.principals: dict[str, Principal] = {}
        self.resources: dict[str, Resource] = {}
        self._lookup: dict[str, Principal] = {}
        self._resource_lookup: dict[str, Resource] = {}
        entries = data.get("principals") or []
        # Roles first, so that sessions can refer to them.
        ordered = sorted(enumerate(entries), key=lambda item: 0 if isinstance(item[1], dict) and item[1].get("type") == "role" else 1)
        for i, entry in ordered:
            self._add_principal(self._load_principal(entry, f"principals[{i}]"))
        for i, entry in enumerate(data.get("resources") or []):
            self._add_resource(self._load_resource(entry, f"resources[{i}]"))

    # ---- loading -------------------------------------------------------------------------
    def _require(self, entry, keys: tuple[str, ...], where: str) -> None:
        if not isinstance(entry, dict):
            raise ScenarioError(f"{self.source}: {where}: must be a mapping")
        for key in keys:
            if key not in entry:
                raise ScenarioError(f"{self.source}: {where}: missing {key!r}")
        section = where.split("[", 1)[0]
        allowed = _FIELDS.get(section)
        if allowed is not None:
            for key in entry:
                if key not in allowed:
                    raise ScenarioError(f"{self.source}: {where}.{key}: unknown field (allowed: {', '.join(sorted(allowed))})")

    def _account(self, value, where: str) -> str:
        key = str(value)
        account = self.accounts.get(key.lower()) or self.accounts.get(key)
        if account is None:
            if key.isdigit() and len(key) == 12:
                return key
            raise ScenarioError(f"{self.source}: {where}: unknown account {value!r}")
        return account

    def _policy(self, ref, where: str, kind: str) -> Policy:
        if isinstance(ref, dict):
            document, name = ref, where
        elif isinstance(ref, str) and ref in self._documents:
            document, name = self._documents[ref], ref
        elif isinstance(ref, str) and ref in ("FullAWSAccess", "RCPFullAWSAccess"):
            document, name = (FULL_ACCESS if ref == "FullAWSAccess" else RCP_FULL_ACCESS), ref
        else:
            raise ScenarioError(f"{self.source}: {where}: unknown policy {ref!r} (define it under 'policies')")
        try:
            return parse_policy(document, name=name, kind=kind)
        except PolicyError as exc:
            detail = "; ".join(str(err) for err in getattr(exc, "errors", [exc]))
            raise ScenarioError(f"{self.source}: {where} ({name}): {detail}") from None

    def _policies(self, refs, where: str, kind: str) -> list[Policy]:
        if refs is None:
            return []
        if not isinstance(refs, list):
            refs = [refs]
        return [self._policy(ref, f"{where}[{i}]", kind) for i, ref in enumerate(refs)]

    def _load_organization(self, org: dict) -> None:
        if not isinstance(org, dict) or "root" not in org:
            raise ScenarioError(f"{self.source}: organization: needs a 'root'")
        self.org_id = org.get("id")
        if org.get("management_account") is not None:
            self.management_account = self._account(org["management_account"], "organization.management_account")

        def walk(node: dict, where: str, scps: list, rcps: list) -> None:
            if not isinstance(node, dict):
                raise ScenarioError(f"{self.source}: {where}: must be a mapping")
            level_scps = self._policies(node.get("scps", ["FullAWSAccess"]), f"{where}.scps", "scp")
            level_rcps = self._policies(node.get("rcps", ["RCPFullAWSAccess"]), f"{where}.rcps", "rcp")
            scps, rcps = scps + [level_scps], rcps + [level_rcps]
            for i, account in enumerate(node.get("accounts") or []):
                if isinstance(account, dict):
                    account_id = self._account(account.get("name", account.get("id")), f"{where}.accounts[{i}]")
                    self._scp_levels[account_id] = scps + [self._policies(account.get("scps", ["FullAWSAccess"]), f"{where}.accounts[{i}].scps", "scp")]
                    self._rcp_levels[account_id] = rcps + [self._policies(account.get("rcps", ["RCPFullAWSAccess"]), f"{where}.accounts[{i}].rcps", "rcp")]
                else:
                    account_id = self._account(account, f"{where}.accounts[{i}]")
                    self._scp_levels[account_id] = scps + [[self._policy("FullAWSAccess", where, "scp")]]
                    self._rcp_levels[account_id] = rcps + [[self._policy("RCPFullAWSAccess", where, "rcp")]]
            for i, child in enumerate(node.get("ous") or []):
                walk(child, f"{where}.ous[{i}]", scps, rcps)

        walk(org["root"], "organization.root", [], [])

    def _load_principal(self, entry, where: str) -> Principal:
        self._require(entry, ("name", "type"), where)
        kind = entry["type"]
        name = str(entry["name"])
        tags = {str(k): str(v) for k, v in (entry.get("tags") or {}).items()}
        if kind == "assumed-role":
            self._require(entry, ("role",), where)
            role = self._find_principal(str(entry["role"]))
            if role.type != "role":
                raise ScenarioError(f"{self.source}: {where}.role: {entry['role']!r} is not a role")
            session_name = str(entry.get("session_name") or name.split()[0].lower())
            return self._session(role, session_name, name=name, aliases=[str(a) for a in entry.get("aliases") or []],
                                 session_policy=self._policy(entry["session_policy"], f"{where}.session_policy", "session")
                                 if entry.get("session_policy") is not None else None,
                                 tags=tags, source=entry.get("source"))
        if kind not in ("user", "role", "root"):
            raise ScenarioError(f"{self.source}: {where}.type: must be user, role, assumed-role or root, got {kind!r}")
        self._require(entry, ("account",), where)
        account = self._account(entry["account"], f"{where}.account")
        path = str(entry.get("path", "/"))
        if not path.startswith("/") or not path.endswith("/"):
            raise ScenarioError(f"{self.source}: {where}.path: must start and end with '/'")
        if kind == "root":
            arn = f"arn:aws:iam::{account}:root"
        else:
            arn = entry.get("arn") or f"arn:aws:iam::{account}:{kind}{path}{entry.get('iam_name', name)}"
        groups = [str(g) for g in entry.get("groups") or []]
        for group in groups:
            if group.lower() not in self.groups:
                raise ScenarioError(f"{self.source}: {where}.groups: unknown group {group!r}")
        policies = self._policies(entry.get("policies"), f"{where}.policies", "identity")
        boundary = self._policy(entry["boundary"], f"{where}.boundary", "boundary") if entry.get("boundary") else None
        trust = None
        if kind == "role":
            if entry.get("trust") is None:
                raise ScenarioError(f"{self.source}: {where}: a role needs a 'trust' policy")
            trust = self._policy(entry["trust"], f"{where}.trust", "trust")
        return Principal(name=name, type=kind, arn=arn, account=account,
                         aliases=[str(a) for a in entry.get("aliases") or []], policies=policies,
                         boundary=boundary, tags=tags, groups=groups, trust=trust)

    def _session(self, role: Principal, session_name: str, *, name: str | None = None, aliases=None,
                 session_policy: Policy | None = None, tags=None, source=None) -> Principal:
        role_name = role.arn.rsplit("/", 1)[-1]
        arn = f"arn:aws:sts::{role.account}:assumed-role/{role_name}/{session_name}"
        return Principal(name=name or f"{session_name} as {role.name}", type="assumed-role", arn=arn,
                         account=role.account, aliases=list(aliases or []), policies=role.policies,
                         boundary=role.boundary, session_policy=session_policy,
                         tags={**role.tags, **(tags or {})}, role=role.name, source=source)

    def _load_resource(self, entry, where: str) -> Resource:
        self._require(entry, ("name", "arn"), where)
        arn = str(entry["arn"])
        account = entry.get("account")
        account_id = self._account(account, f"{where}.account") if account is not None else None
        if account_id is None:
            pieces = arn.split(":")
            account_id = pieces[4] if len(pieces) > 5 and pieces[4] else None
        policy = self._policy(entry["policy"], f"{where}.policy", "resource") if entry.get("policy") is not None else None
        return Resource(name=str(entry["name"]), type=str(entry.get("type", "resource")), arn=arn, account=account_id,
                        aliases=[str(a) for a in entry.get("aliases") or []], policy=policy,
                        tags={str(k): str(v) for k, v in (entry.get("tags") or {}).items()})

    def _add_principal(self, principal: Principal) -> None:
        self.principals[principal.name] = principal
        for key in [principal.name, *principal.aliases, principal.arn]:
            taken = self._lookup.get(key.lower())
            if taken is not None and taken is not principal:
                raise ScenarioError(f"{self.source}: principal {principal.name!r}: the name {key!r} already refers to {taken.name!r}")
            self._lookup[key.lower()] = principal
        if principal.type == "role":
            self._add_resource(Resource(name=principal.name, type="role", arn=principal.arn, account=principal.account,
                                        aliases=principal.aliases, policy=principal.trust, tags=principal.tags),
                               listed=False)

    def _add_resource(self, resource: Resource, listed: bool = True) -> None:
        if listed:
            self.resources[resource.name] = resource
        for key in [resource.name, *resource.aliases]:
            self._resource_lookup.setdefault(key.lower(), resource)
        self._resource_lookup[resource.arn] = resource

    # ---- questions -----------------------------------------------------------------------
    def _find_principal(self, who: str) -> Principal:
        found = self._lookup.get(who.strip().lower())
        if found is not None:
            return found
        lowered = who.strip().lower()
        for prefix in ("the ", "a ", "an "):
            if lowered.startswith(prefix) and lowered[len(prefix):] in self._lookup:
                return self._lookup[lowered[len(prefix):]]
        if " as " in lowered:
            person, role = who.strip().split(" as ", 1) if " as " in who else lowered.split(" as ", 1)
            return self.assume_role(person, role)
        known = ", ".join(sorted(self.principals))
        raise ScenarioError(f"{self.name}: no principal called {who!r} (known: {known})")

    def find_resource(self, what: str) -> tuple[str, Resource | None]:
        """The ARN a name or ARN refers to, and the resource whose policy governs it."""
        text = what.strip()
        lowered = text.lower()
        for candidate in (lowered, lowered[4:] if lowered.startswith("the ") else None):
            if candidate and candidate in self._resource_lookup:
                resource = self._resource_lookup[candidate]
                return resource.arn, resource
        if text in self._resource_lookup:
            return text, self._resource_lookup[text]
        if text.startswith("arn:") or text == "*":
            for resource in self.resources.values():
                if text.startswith(resource.arn + "/"):
                    return text, resource
            return text, None
        if "/" in text:
            head, rest = text.split("/", 1)
            arn, resource = self.find_resource(head)
            if resource is not None:
                return f"{arn}/{rest}", resource
        known = ", ".join(sorted(self.resources))
        raise ScenarioError(f"{self.name}: no resource called {what!r} (known: {known}, or give an ARN)")

    def policy_set(self, principal: Principal, resource_arn: str, resource: Resource | None) -> PolicySet:
        """Every policy that applies when `principal` acts on `resource_arn`."""
        identity = list(principal.policies)
        for group in principal.groups:
            identity.extend(self.groups[group.lower()])
        resource_account = (resource.account if resource else None) or _arn_account(resource_arn) or principal.account
        return PolicySet(
            identity=identity,
            resource=resource.policy if resource else None,
            scps=self._scp_levels.get(principal.account, []),
            rcps=self._rcp_levels.get(resource_account, []),
            boundary=principal.boundary,
            session=principal.session_policy,
            resource_must_allow=bool(resource and resource.must_allow),
            principal_in_management_account=principal.account == self.management_account,
            resource_in_management_account=resource_account == self.management_account,
        )

    def request(self, principal: Principal, action: str, resource_arn: str, resource: Resource | None,
                context: dict | None = None) -> Request:
        resource_account = (resource.account if resource else None) or _arn_account(resource_arn) or principal.account
        full: dict[str, Any] = dict(principal_context(principal.arn, principal.tags, org_id=self.org_id))
        full["aws:ResourceAccount"] = resource_account
        for key, value in (resource.tags if resource else {}).items():
            full[f"aws:ResourceTag/{key}"] = value
        full.update(self.default_context)
        full.update(context or {})
        return Request(action, resource_arn, principal=principal.arn, resource_account=resource_account,
                       principal_account=principal.account, context=full)

    def names(self) -> dict[str, str]:
        """ARN -> everyday name of every principal and resource, for `explain(decision, names)`."""
        out = {resource.arn: resource.name for resource in self._resource_lookup.values()}
        out.update({principal.arn: principal.name for principal in self._lookup.values()})
        return out

    def ask(self, principal: str, action: str, resource: str, context: dict | None = None) -> Decision:
        """Can `principal` (name, alias or ARN) perform `action` on `resource` (name, alias or ARN)?"""
        who = self._find_principal(principal)
        arn, governing = self.find_resource(resource)
        return evaluate_request(self.policy_set(who, arn, governing), self.request(who, action, arn, governing, context))

    def assume_role(self, principal: str, role: str, session_name: str | None = None,
                    session_policy: dict | None = None, context: dict | None = None) -> Principal:
        """The session `principal` gets by assuming `role`; raises ScenarioError if sts:AssumeRole is denied."""
        who = self._find_principal(principal)
        target = self._find_principal(role)
        if target.type != "role":
            raise ScenarioError(f"{self.name}: {role!r} is not a role")
        decision = self.ask(who.arn, "sts:AssumeRole", target.arn, context)
        if not decision.allowed:
            error = ScenarioError(f"{who.name} cannot assume {target.name}: {decision.outcome}")
            error.decision = decision  # type: ignore[attr-defined]
            raise error
        session = self._session(target, session_name or who.name.split()[0].lower(),
                                name=f"{who.name} as {target.name}",
                                session_policy=parse_policy(session_policy, "session policy", "session") if session_policy else None,
                                source=who.name)
        self._lookup[session.name.lower()] = session
        self._lookup[session.arn.lower()] = session
        return session


def _arn_account(arn: str) -> str | None:
    pieces = arn.split(":")
    return pieces[4] if len(pieces) > 5 and pieces[4].isdigit() else None


def parse_scenario(data: dict, source: str = "scenario") -> Scenario:
    """A Scenario from an already-loaded mapping."""
    return Scenario(data, source)


def load_scenario(path: str | Path) -> Scenario:
    """Load a scenario YAML file; raises ScenarioError naming the file and the field (or line) at fault."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScenarioError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise ScenarioError(f"{path}{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
    return Scenario(data, str(path))
