"""Parsing and validating policy documents, reporting every error with its JSON path.

Follows the grammar of the IAM JSON policy language: Version, Id and Statement at the top;
each statement has Effect, exactly one of Action/NotAction, Resource/NotResource and
Principal/NotPrincipal where the policy kind allows them, and an optional Condition.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from tutor.iam.conditions import ConditionClause, ConditionSyntaxError, split_operator
from tutor.iam.errors import PolicyError, PolicyErrors, PolicyWarning
from tutor.iam.matching import action_matcher, resource_matcher
from tutor.iam.model import KINDS, Policy, Statement
from tutor.iam.principals import PrincipalMatcher
from tutor.iam import variables as V

VERSIONS = ("2012-10-17", "2008-10-17")
_TOP = ("Version", "Id", "Statement")
_STATEMENT = ("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition")
_STATEMENT_SET = frozenset(_STATEMENT)
_PRINCIPAL_KEYS = ("AWS", "Service", "Federated", "CanonicalUser")
_ACTION = re.compile(r"^[A-Za-z0-9*?-]+:[A-Za-z0-9*?_.-]+$")
_ACCOUNT = re.compile(r"^\d{12}$")
_PRINCIPAL_ARN = re.compile(
    r"^arn:[a-z-]+:(iam::\d{12}:(root|user/.+|role/.+|saml-provider/.+|oidc-provider/.+)"
    r"|sts::\d{12}:(assumed-role/[^/]+/.+|federated-user/.+))$"
)
# Which kinds may or must carry Principal and Resource.
_NEEDS_PRINCIPAL = {"resource", "trust", "rcp"}
_NO_PRINCIPAL = {"identity", "boundary", "session", "scp"}
_NEEDS_RESOURCE = {"identity", "boundary", "session", "resource", "rcp"}


@dataclass
class ValidationReport:
    """Everything wrong (errors) and risky (warnings) in one document."""

    errors: list[PolicyError] = field(default_factory=list)
    warnings: list[PolicyWarning] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict:
        return {"valid": self.ok, "errors": [e.to_dict() for e in self.errors],
                "warnings": [w.to_dict() for w in self.warnings]}


def _article(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def _show(value) -> str:
    return json.dumps(value) if not isinstance(value, str) else f'"{value}"'


class _Checker:
    """Walks one document once, collecting errors and warnings and building statements."""

    def __init__(self, kind: str):
        self.kind = kind
        self.errors: list[PolicyError] = []
        self.warnings: list[PolicyWarning] = []
        self.statements: list[Statement] = []
        self.use_variables = False

    def error(self, path: str, reason: str) -> None:
        self.errors.append(PolicyError(path, reason))

    def warn(self, path: str, reason: str) -> None:
        self.warnings.append(PolicyWarning(path, reason))

    def strings(self, value, path: str) -> tuple[str, ...] | None:
        """A string or a non-empty list of strings, else an error."""
        if value.__class__ is str:
            return (value,)
        if isinstance(value, list):
            if not value:
                self.error(path, "must not be an empty list")
                return None
            bad = [i for i, item in enumerate(value) if not isinstance(item, str)]
            for i in bad:
                self.error(f"{path}[{i}]", f"must be a string, got {_show(value[i])}")
            return None if bad else tuple(value)
        self.error(path, f"must be a string or a list of strings, got {_show(value)}")
        return None

    def check(self, document) -> None:
        if not isinstance(document, dict):
            self.error("", f"a policy must be a JSON object, got {type(document).__name__}")
            return
        for key in document:
            if key not in _TOP:
                self.error(key, f"unknown top-level element (allowed: {', '.join(_TOP)})")
        version = document.get("Version")
        if version is None:
            self.warn("Version", 'missing; AWS then uses "2008-10-17", where policy variables are not replaced. Add "Version": "2012-10-17"')
        elif version not in VERSIONS:
            self.error("Version", f'must be "2012-10-17" or "2008-10-17", got {_show(version)}')
        self.use_variables = version == "2012-10-17"
        if "Id" in document and not isinstance(document["Id"], str):
            self.error("Id", f"must be a string, got {_show(document['Id'])}")
        if "Statement" not in document:
            self.error("Statement", "missing; a policy needs at least one statement")
            return
        statements = document["Statement"]
        if isinstance(statements, dict):
            self.statement(statements, 0, "Statement")
        elif isinstance(statements, list):
            if not statements:
                self.error("Statement", "must not be an empty list")
            for i, item in enumerate(statements):
                self.statement(item, i, f"Statement[{i}]")
            if len(statements) > 1:
                seen: set[str] = set()
                repeated: set[str] = set()
                for item in statements:
                    sid = item.get("Sid") if isinstance(item, dict) else None
                    if isinstance(sid, str):
                        (repeated if sid in seen else seen).add(sid)
                for sid in sorted(repeated):
                    self.error("Statement", f'Sid "{sid}" is used by more than one statement; each Sid must be unique')
        else:
            self.error("Statement", f"must be an object or a list of objects, got {_show(statements)}")

    def statement(self, stmt, index: int, path: str) -> None:
        if not isinstance(stmt, dict):
            self.error(path, f"must be an object, got {_show(stmt)}")
            return
        before = len(self.errors)
        for key in stmt:
            if key not in _STATEMENT_SET:
                hint = next((k for k in _STATEMENT if k.lower() == str(key).lower()), None)
                extra = f' (element names are case-sensitive: "{hint}")' if hint else ""
                self.error(f"{path}.{key}", f"unknown statement element{extra}")
        sid = stmt.get("Sid")
        if sid is not None and not isinstance(sid, str):
            self.error(f"{path}.Sid", f"must be a string, got {_show(sid)}")
            sid = None
        effect = stmt.get("Effect")
        if effect is None:
            self.error(f"{path}.Effect", 'missing; must be "Allow" or "Deny"')
        elif effect not in ("Allow", "Deny"):
            self.error(f"{path}.Effect", f'must be "Allow" or "Deny", got {_show(effect)}')
        actions = self.action_element(stmt, path)
        resources = self.resource_element(stmt, path)
        principals = self.principal_element(stmt, path)
        clauses = self.condition_element(stmt.get("Condition"), f"{path}.Condition") if "Condition" in stmt else ()
        if len(self.errors) > before or actions is None:
            return
        if effect == "Allow":
            self.risk_warnings(stmt, path)
        self.statements.append(Statement(
            index=index, sid=sid, effect=effect,
            actions=action_matcher(actions[1]), not_action=actions[0],
            resources=resource_matcher(resources[1], self.use_variables) if resources else None,
            not_resource=bool(resources and resources[0]),
            principals=principals[1] if principals else None,
            not_principal=bool(principals and principals[0]),
            conditions=clauses or (),
        ))

    def action_element(self, stmt: dict, path: str):
        has, has_not = "Action" in stmt, "NotAction" in stmt
        if has and has_not:
            self.error(f"{path}.NotAction", "a statement may have Action or NotAction, not both")
            return None
        if not has and not has_not:
            self.error(f"{path}.Action", "missing; a statement needs Action or NotAction")
            return None
        name = "Action" if has else "NotAction"
        values = self.strings(stmt[name], f"{path}.{name}")
        if values is None:
            return None
        ok = True
        for i, value in enumerate(values):
            if value == "*" or ("${" not in value and _ACTION.match(value)):
                continue
            where = f"{path}.{name}" if isinstance(stmt[name], str) else f"{path}.{name}[{i}]"
            if value != "*" and not _ACTION.match(value):
                self.error(where, f'must look like "service:Action" (for example "s3:GetObject") or "*", got {_show(value)}')
                ok = False
            elif "${" in value:
                self.warn(where, "policy variables are not replaced in Action; this is matched literally")
        return (has_not, values) if ok else None

    def resource_element(self, stmt: dict, path: str):
        has, has_not = "Resource" in stmt, "NotResource" in stmt
        if has and has_not:
            self.error(f"{path}.NotResource", "a statement may have Resource or NotResource, not both")
            return None
        if not has and not has_not:
            if self.kind in _NEEDS_RESOURCE:
                self.error(f"{path}.Resource", f"missing; a statement in {_article(self.kind)} policy needs Resource or NotResource")
            return None
        name = "Resource" if has else "NotResource"
        if self.kind == "trust":
            self.error(f"{path}.{name}", "a role trust policy has no Resource; the resource is the role itself")
            return None
        values = self.strings(stmt[name], f"{path}.{name}")
        if values is None:
            return None
        ok = True
        for i, value in enumerate(values):
            if value == "*" or (value.startswith("arn:") and value.count(":") >= 5 and "${" not in value):
                continue
            where = f"{path}.{name}" if isinstance(stmt[name], str) else f"{path}.{name}[{i}]"
            if not value.startswith("arn:") or value.count(":") < 2:
                self.error(where, f'must be "*" or an ARN "arn:partition:service:region:account:resource", got {_show(value)}')
                ok = False
                continue
            if value.count(":") < 5 and "${" not in value:
                self.warn(where, "has fewer than the six ARN segments (arn:partition:service:region:account:resource); "
                                 "a wildcard cannot stand for the missing ones, so it matches no full ARN")
            if "${" in value:
                try:
                    V.tokenize(value)
                except V.VariableSyntaxError as exc:
                    self.error(where, str(exc))
                    ok = False
                if not self.use_variables:
                    self.warn(where, 'policy variables are only replaced when Version is "2012-10-17"; here they are literal text')
        return (has_not, values) if ok else None

    def principal_element(self, stmt: dict, path: str):
        has, has_not = "Principal" in stmt, "NotPrincipal" in stmt
        if not has and not has_not:
            if self.kind in _NEEDS_PRINCIPAL:
                self.error(f"{path}.Principal", f"missing; a statement in {_article(self.kind)} policy must name a Principal")
            return None
        name = "Principal" if has else "NotPrincipal"
        if has and has_not:
            self.error(f"{path}.NotPrincipal", "a statement may have Principal or NotPrincipal, not both")
            return None
        if self.kind in _NO_PRINCIPAL:
            self.error(f"{path}.{name}", f"{_article(self.kind).capitalize()} policy cannot name a principal; it applies to whoever it is attached to")
            return None
        value = stmt[name]
        if self.kind == "rcp" and (has_not or value != "*"):
            self.error(f"{path}.{name}", 'a resource control policy must use "Principal": "*"')
            return None
        if has_not and stmt.get("Effect") == "Allow":
            self.warn(f"{path}.NotPrincipal", "Allow with NotPrincipal grants access to everyone not listed, including anonymous users")
        if value == "*":
            return (has_not, PrincipalMatcher("*"))
        if not isinstance(value, dict) or not value:
            self.error(f"{path}.{name}", f'must be "*" or an object with AWS, Service, Federated or CanonicalUser, got {_show(value)}')
            return None
        element: dict[str, tuple[str, ...]] = {}
        ok = True
        for key, raw in value.items():
            where = f"{path}.{name}.{key}"
            if key not in _PRINCIPAL_KEYS:
                self.error(where, f"unknown principal type (allowed: {', '.join(_PRINCIPAL_KEYS)})")
                ok = False
                continue
            values = self.strings(raw, where)
            if values is None:
                ok = False
                continue
            if key == "AWS":
                for i, item in enumerate(values):
                    if item == "*" or _ACCOUNT.match(item) or _PRINCIPAL_ARN.match(item):
                        if item != "*" and ("*" in item or "?" in item):
                            self.error(where, f"wildcards are not allowed in a principal ARN ({item}); use a condition on aws:PrincipalArn")
                            ok = False
                        continue
                    at = where if isinstance(raw, str) else f"{where}[{i}]"
                    self.error(at, f"must be \"*\", a 12-digit account id or an IAM/STS principal ARN, got {_show(item)}")
                    ok = False
            element[key] = values
        return (has_not, PrincipalMatcher(element)) if ok else None

    def condition_element(self, condition, path: str) -> tuple[ConditionClause, ...] | None:
        if not isinstance(condition, dict):
            self.error(path, f"must be an object of operators, got {_show(condition)}")
            return None
        clauses: list[ConditionClause] = []
        for operator, block in condition.items():
            where = f"{path}.{operator}"
            try:
                split_operator(operator)
            except ConditionSyntaxError as exc:
                self.error(where, str(exc))
                continue
            if not isinstance(block, dict) or not block:
                self.error(where, f'must be an object of condition keys to values, got {_show(block)}')
                continue
            for key, raw in block.items():
                at = f"{where}.{key}"
                values = self.condition_values(raw, at)
                if values is None:
                    continue
                try:
                    clauses.append(ConditionClause(operator, key, values, self.use_variables))
                except ConditionSyntaxError as exc:
                    self.error(at, str(exc))
        return tuple(clauses)

    def condition_values(self, raw, path: str) -> tuple[str, ...] | None:
        items = raw if isinstance(raw, list) else [raw]
        if isinstance(raw, list) and not raw:
            self.error(path, "must not be an empty list")
            return None
        out = []
        for item in items:
            if isinstance(item, bool):
                out.append("true" if item else "false")
            elif isinstance(item, (int, float)):
                out.append(str(item))
            elif isinstance(item, str):
                out.append(item)
            else:
                self.error(path, f"condition values must be strings, numbers or booleans, got {_show(item)}")
                return None
        return tuple(out)

    def risk_warnings(self, stmt: dict, path: str) -> None:
        actions = stmt.get("Action")
        if "NotAction" not in stmt and "NotResource" not in stmt and "Principal" not in stmt \
                and actions not in ("*", "*:*") and not (isinstance(actions, list) and ("*" in actions or "*:*" in actions)):
            return
        resources = stmt.get("Resource")
        action_list = [actions] if isinstance(actions, str) else actions or []
        resource_list = [resources] if isinstance(resources, str) else resources or []
        if any(a in ("*", "*:*") for a in action_list) and "*" in resource_list and "Condition" not in stmt \
                and self.kind in ("identity", "boundary", "session", "resource"):
            self.warn(path, 'full administrator access: "Action": "*" on "Resource": "*"')
        if "NotAction" in stmt:
            self.warn(f"{path}.NotAction", "Allow with NotAction allows every action not listed, including ones added later")
        if "NotResource" in stmt:
            self.warn(f"{path}.NotResource", "Allow with NotResource allows every resource not listed")
        principal = stmt.get("Principal")
        public = principal == "*" or (isinstance(principal, dict) and principal.get("AWS") in ("*", ["*"]))
        if public and self.kind == "resource" and "Condition" not in stmt:
            self.warn(f"{path}.Principal", "wildcard principal without a condition: anyone, including anonymous users, is allowed")


def _load(source) -> tuple[object | None, PolicyError | None]:
    if isinstance(source, dict):
        return source, None
    if isinstance(source, bytes):
        source = source.decode("utf-8", errors="replace")
    if not isinstance(source, str):
        raise TypeError(f"a policy is JSON text or a dict, not {type(source).__name__}")
    try:
        return json.loads(source), None
    except json.JSONDecodeError as exc:
        return None, PolicyError("", f"not valid JSON: {exc.msg}", exc.lineno, exc.colno)
    except RecursionError:
        return None, PolicyError("", "not valid JSON: nested too deeply", 1, 1)


def _check(source, kind: str) -> tuple[_Checker, object | None]:
    if kind not in KINDS:
        raise ValueError(f"unknown policy kind {kind!r}; expected one of {', '.join(KINDS)}")
    checker = _Checker(kind)
    document, error = _load(source)
    if error is not None:
        checker.errors.append(error)
        return checker, None
    try:
        checker.check(document)
    except RecursionError:
        checker.error("", "nested too deeply")
    return checker, document


def validate_policy(source: str | dict, kind: str = "identity") -> ValidationReport:
    """Every error and warning in `source`. Raises only TypeError for a source that is not str/dict."""
    checker, _ = _check(source, kind)
    return ValidationReport(errors=checker.errors, warnings=checker.warnings)


def parse_policy(source: str | dict, name: str | None = None, kind: str = "identity") -> Policy:
    """A compiled Policy; raises PolicyErrors (a PolicyError) listing every error."""
    checker, document = _check(source, kind)
    if checker.errors:
        raise PolicyErrors(checker.errors, name)
    assert isinstance(document, dict)
    label = name or (document.get("Id") if isinstance(document.get("Id"), str) else None) or f"{kind} policy"
    version = document.get("Version")
    return Policy(name=label, kind=kind, version=version, id=document.get("Id"),
                  statements=tuple(checker.statements), document=document,
                  warnings=tuple(checker.warnings))
