"""A pure, deterministic evaluator of AWS IAM policies, following AWS's documented evaluation logic.

Public API (stable; other packages call only these):

- `validate_policy(source, kind="identity") -> ValidationReport(errors, warnings)`: never raises
  on a str or dict; malformed JSON gives one error with line and column.
- `parse_policy(source, name=None, kind="identity") -> Policy`: raises `PolicyErrors` (a
  `PolicyError` with `.errors`) listing every problem. Kinds: identity, resource, scp, rcp,
  boundary, session, trust.
- `PolicyError(path, reason, line, column)`, `PolicyErrors`, `PolicyWarning`, `ScenarioError`.
- `Request(action, resource, principal=None, anonymous=False, resource_account=None,
  principal_account=None, context={})`; `principal_context(principal_arn, tags)` builds the
  global keys AWS would add (aws:username, aws:PrincipalArn, aws:PrincipalTag/...).
- `PolicySet(identity=[...], resource=None, scps=[[...]], rcps=[[...]], boundary=None,
  session=None, resource_must_allow=False, principal_in_management_account=False,
  resource_in_management_account=False, service_linked_role=None)`.
- `evaluate_request(policies, request) -> Decision`: `.outcome` is "Allowed",
  "ImplicitlyDenied" or "ExplicitlyDenied"; `.allowed`; `.trace` (layers with matched
  statements and failed conditions, `decided_by`, `rule`); `.to_dict()`. `trace.rule` is one of
  the keys of `tutor.iam.explain.RULES` (explicit-deny, scp-no-allow, rcp-no-allow, allowed-identity,
  allowed-root, allowed-resource, allowed-cross-account, no-allow, boundary-no-allow, session-no-allow,
  resource-must-allow, cross-account-resource-no-allow, cross-account-identity-no-allow,
  account-delegation-needs-identity-allow, resource-only-no-allow).
- `explain(decision, names=None) -> str`: plain English built from the trace; `names` maps ARNs
  to everyday names (`Scenario.names()`).
- `load_scenario(path) -> Scenario`, `Scenario.ask(principal, action, resource, context=None)`,
  `Scenario.assume_role(principal, role, session_name=None)`, `.principals`, `.resources`,
  `.names()`, `.find_resource(name_or_arn) -> (arn, Resource|None)`,
  `.policy_set(principal, arn, resource) -> PolicySet`, `.request(principal, action, arn, resource, context)`,
  `parse_scenario(dict)`. (Finding a bundled scenario by name is
  `tutor.cli.policy.find_scenario`, outside this pure package.)
- `replay_cases(path_or_lines) -> ReplayReport(total, agree, mismatches)`, `case_from_dict(dict)`.
"""

from tutor.iam.cases import Case, Mismatch, ReplayReport, case_from_dict, replay_cases
from tutor.iam.decide import PolicySet, evaluate_request
from tutor.iam.errors import PolicyError, PolicyErrors, PolicyWarning, ScenarioError
from tutor.iam.explain import explain
from tutor.iam.model import KINDS, Policy, Statement
from tutor.iam.parse import ValidationReport, parse_policy, validate_policy
from tutor.iam.request import Request, principal_context
from tutor.iam.scenario import Principal, Resource, Scenario, load_scenario, parse_scenario
from tutor.iam.trace import ALLOWED, EXPLICIT_DENY, IMPLICIT_DENY, Decision, LayerTrace, Trace

__all__ = [
    "ALLOWED", "EXPLICIT_DENY", "IMPLICIT_DENY", "KINDS",
    "Case", "Decision", "LayerTrace", "Mismatch", "Policy", "PolicyError", "PolicyErrors", "PolicySet",
    "PolicyWarning", "Principal", "ReplayReport", "Request", "Resource", "Scenario", "ScenarioError",
    "Statement", "Trace", "ValidationReport",
    "case_from_dict", "evaluate_request", "explain", "load_scenario", "parse_policy", "parse_scenario",
    "principal_context", "replay_cases", "validate_policy",
]
