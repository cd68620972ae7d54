"""Replaying decision cases (the JSONL format in DESIGN.md) and comparing with their expectation."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from tutor.iam.decide import PolicySet, evaluate_request
from tutor.iam.errors import PolicyError
from tutor.iam.parse import parse_policy
from tutor.iam.request import Request
from tutor.iam.trace import ALLOWED, EXPLICIT_DENY, IMPLICIT_DENY, Decision

OUTCOMES = (ALLOWED, IMPLICIT_DENY, EXPLICIT_DENY)


class CaseError(ValueError):
    """A case line that is not a valid decision case; the message names the field."""


@dataclass
class Case:
    """One decision case: parsed policies, the request, and the expected outcome."""

    id: str
    policies: PolicySet
    request: Request
    expected: str


@dataclass
class Mismatch:
    """A case whose decision differs from its expectation, or a line that could not be read."""

    line: int
    id: str | None
    expected: str | None
    outcome: str | None
    error: str | None = None
    decision: Decision | None = None

    def to_dict(self) -> dict:
        data = {"line": self.line, "id": self.id, "expected": self.expected, "outcome": self.outcome}
        if self.error:
            data["error"] = self.error
        if self.decision is not None:
            data["trace"] = self.decision.trace.to_dict()
        return data


@dataclass
class ReplayReport:
    total: int = 0
    agree: int = 0
    mismatches: list[Mismatch] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"total": self.total, "agree": self.agree, "mismatches": [m.to_dict() for m in self.mismatches]}


def _policy(doc, kind: str, where: str):
    try:
        return parse_policy(doc, name=where, kind=kind)
    except PolicyError as exc:
        raise CaseError(f"{where}: invalid policy: {exc}") from None
    except TypeError:
        raise CaseError(f"{where}: a policy must be a JSON object") from None


def _resource_policy(doc, request):
    """A resource policy, or a role trust policy (which has no Resource) for sts:AssumeRole* requests."""
    action = request.get("action") if isinstance(request, dict) else None
    if isinstance(action, str) and action.lower().startswith("sts:"):
        try:
            return parse_policy(doc, name="resource", kind="trust")
        except (PolicyError, TypeError):
            pass
    return _policy(doc, "resource", "resource")


def _levels(value, kind: str) -> list[list]:
    """SCPs or RCPs: one list of policies per organization level, root first."""
    if not value:
        return []
    return [[_policy(doc, kind, f"{kind}s[{lvl}][{i}]") for i, doc in enumerate(_list(level, f"{kind}s[{lvl}]"))]
            for lvl, level in enumerate(_list(value, f"{kind}s"))]


def _list(value, where: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise CaseError(f"{where}: must be a list")
    return value


def case_from_dict(data: dict) -> Case:
    """Build a Case; raises CaseError naming the field that is wrong."""
    if not isinstance(data, dict):
        raise CaseError("a case must be a JSON object")
    case_id = str(data.get("id", "?"))
    policies = data.get("policies")
    request = data.get("request")
    if not isinstance(policies, dict):
        raise CaseError("policies: missing or not an object")
    if not isinstance(request, dict):
        raise CaseError("request: missing or not an object")
    expected = data.get("expected")
    if expected not in OUTCOMES:
        raise CaseError(f"expected: must be one of {', '.join(OUTCOMES)}, got {expected!r}")
    identity = [_policy(doc, "identity", f"identity[{i}]") for i, doc in enumerate(_list(policies.get("identity"), "identity"))]
    resource_doc = policies.get("resource")
    resource = _resource_policy(resource_doc, request) if resource_doc is not None else None
    scps = _levels(policies.get("scps"), "scp")
    rcps = _levels(policies.get("rcps"), "rcp")
    boundary = policies.get("boundary")
    boundary = None if boundary is None else [
        _policy(doc, "boundary", f"boundary[{i}]") for i, doc in enumerate(boundary if isinstance(boundary, list) else [boundary])]
    session = policies.get("session")
    session = None if session is None else [
        _policy(doc, "session", f"session[{i}]") for i, doc in enumerate(session if isinstance(session, list) else [session])]
    action, resource_arn = request.get("action"), request.get("resource")
    if not isinstance(action, str) or not action:
        raise CaseError("request.action: missing or not a string")
    if not isinstance(resource_arn, str) or not resource_arn:
        raise CaseError("request.resource: missing or not a string")
    context = request.get("context") or {}
    if not isinstance(context, dict):
        raise CaseError("request.context: must be an object")
    principal = request.get("principal")
    if principal is not None and not isinstance(principal, str):
        raise CaseError("request.principal: must be a string or null")
    return Case(
        id=case_id,
        policies=PolicySet(identity=identity, resource=resource, scps=scps, rcps=rcps, boundary=boundary,
                           session=session, resource_must_allow=bool(policies.get("resource_must_allow", False))),
        request=Request(action, resource_arn, principal=principal, anonymous=bool(request.get("anonymous", False)),
                        resource_account=request.get("resource_account"),
                        principal_account=request.get("principal_account"), context=context),
        expected=expected,
    )


def _lines(source: str | Path | Iterable[str]) -> Iterable[str]:
    if isinstance(source, (str, Path)) and not (isinstance(source, str) and "\n" in source):
        with open(source, encoding="utf-8") as handle:
            yield from handle
    elif isinstance(source, str):
        yield from source.splitlines()
    else:
        yield from source


def replay_cases(source: str | Path | Iterable[str]) -> ReplayReport:
    """Evaluate every case; a malformed line becomes a mismatch with its line number, and the rest go on."""
    report = ReplayReport()
    for number, line in enumerate(_lines(source), start=1):
        if not line.strip():
            continue
        report.total += 1
        case_id = None
        try:
            data = json.loads(line)
            case_id = data.get("id") if isinstance(data, dict) else None
            case = case_from_dict(data)
        except json.JSONDecodeError as exc:
            report.mismatches.append(Mismatch(number, None, None, None, f"line {number}: not valid JSON: {exc.msg} (column {exc.colno})"))
            continue
        except CaseError as exc:
            expected = data.get("expected") if isinstance(data, dict) else None
            report.mismatches.append(Mismatch(number, case_id, expected, None, f"line {number}: {exc}"))
            continue
        decision = evaluate_request(case.policies, case.request)
        if decision.outcome == case.expected:
            report.agree += 1
        else:
            report.mismatches.append(Mismatch(number, case.id, case.expected, decision.outcome, None, decision))
    return report
