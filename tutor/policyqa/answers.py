"""The four kinds of policy answer: a scenario decision, a pasted policy (decision or summary),
a named policy's summary, and what a principal's policies allow.

Every decision here comes from `tutor.iam.evaluate_request` (directly or through
`Scenario.ask`); every text from `compose`.
"""

from __future__ import annotations

import re

from tutor.iam import (
    PolicyError,
    PolicySet,
    Request,
    ScenarioError,
    evaluate_request,
    parse_policy,
    principal_context,
    validate_policy,
)
from tutor.policyqa import actions as catalogue
from tutor.policyqa.compose import (
    PolicyAnswer,
    clarification_answer,
    context_assumptions,
    decision_answer,
    relevant_keys,
    summary_answer,
    validation_answer,
)
from tutor.policyqa.context import read_context
from tutor.policyqa.mentions import arns_in, find_mentions
from tutor.policyqa.pasted import PastedPolicy
from tutor.policyqa.question import (
    DEFAULT_OBJECT_KEY,
    WHY,
    resolve_action,
    read_permission_question,
)
from tutor.policyqa.scenarios import ActiveScenario
from tutor.policyqa.summary import summarise_policy

# Words that say which kind of policy was pasted; checked in this order.
ALLOW_EVERYTHING = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
"""Stands in for the caller's identity-based policies when a pasted SCP or boundary is asked about alone."""

_KIND_WORDS = (
    ("scp", re.compile(r"\b(?:scp|service control policy)\b", re.IGNORECASE)),
    ("boundary", re.compile(r"\b(?:permissions? boundary|boundary)\b", re.IGNORECASE)),
    ("trust", re.compile(r"\btrust policy\b", re.IGNORECASE)),
    ("resource", re.compile(r"\b(?:bucket policy|key policy|resource[- ]based policy|resource policy)\b", re.IGNORECASE)),
)
_KIND_NAMES = {"identity": "an identity-based policy attached to the caller", "resource": "a resource-based policy",
               "scp": "a service control policy", "boundary": "a permissions boundary", "trust": "a role trust policy"}


def pasted_kind(pasted: PastedPolicy) -> str:
    """The kind the learner called the paste, else resource when it names a Principal, else identity."""
    for kind, pattern in _KIND_WORDS:
        if pattern.search(pasted.question):
            return kind
    return "resource" if re.search(r"\"(?:Not)?Principal\"\s*:", pasted.text) else "identity"


def _error_lines(pasted: PastedPolicy, kind: str) -> list[str] | None:
    report = validate_policy(pasted.text, kind)
    if report.ok:
        return None
    lines = []
    for error in report.errors:
        if error.line is not None:
            lines.append(f"line {error.line}, column {error.column} of the pasted policy: {error.reason}")
        else:
            lines.append(f"{error.path or 'policy'}: {error.reason}")
    return lines


def answer_pasted(pasted: PastedPolicy, active: ActiveScenario | None) -> PolicyAnswer:
    """Validate the paste; then decide the request the question asks about, or summarise the policy."""
    kind = pasted_kind(pasted)
    errors = _error_lines(pasted, kind)
    if errors:
        return validation_answer(errors)
    policy = parse_policy(pasted.text, name="the pasted policy", kind=kind)
    question = pasted.question
    tokens = catalogue.action_tokens(question)
    mentions = find_mentions(question, active.scenario) if active is not None else []
    resolved = None if tokens else resolve_action(question, mentions, None, _service_kind(policy.document))
    if not tokens and resolved is None:  # no action asked about: say what the policy allows
        return summary_answer([summarise_policy(policy)], heading="What the pasted policy says, statement by statement:")
    if tokens and ("*" in tokens[0] or "?" in tokens[0]):
        return clarification_answer(f"{tokens[0]} is a pattern, and a request is for one action. Which action do you mean?")
    action, target = (tokens[0], catalogue.target_of(tokens[0])) if tokens else (resolved[0], resolved[1])
    assumptions: list[str] = []
    principal = _pasted_principal(question, mentions)
    anonymous = principal is None and bool(_ANONYMOUS.search(question))
    if principal is None and not anonymous and kind in ("resource", "trust"):
        return clarification_answer("Who is making the request? A resource-based policy decides by principal: give an "
                                    "ARN such as arn:aws:iam::111122223333:user/Mateo.", ["iam-policy-types"])
    resource = _pasted_resource(question, policy.document, action, target, assumptions)
    if resource is None:
        return clarification_answer(f"Which resource is the request for? Give its ARN (the policy names several), "
                                    f"for example {_resources(policy.document)[0]}.")
    reading = read_context(question)
    context = dict(principal_context(principal)) if principal else {}
    context.update(reading.context)
    policies = _policy_set(policy, kind, assumptions)
    decision = evaluate_request(policies, Request(action, resource, principal=principal, anonymous=anonymous,
                                                  context=context))
    assumptions.append(f"the pasted policy was evaluated as {_KIND_NAMES[kind]}, with no other policies in play.")
    assumptions += context_assumptions(relevant_keys(policies), reading.context, {}, context)
    if principal and not re.search(r"^arn:[^:]+:[^:]+:[^:]*:\d{12}:", resource) and kind in ("resource", "trust"):
        assumptions.append("the resource was taken to be in the caller's account (its ARN does not say which "
                           "account owns it).")
    who = "An anonymous caller" if anonymous else (principal or "The caller")
    return decision_answer(decision, who=who, why=bool(WHY.search(question)),
                           assumptions=assumptions, understood=reading.context)


_ANONYMOUS = re.compile(r"\b(?:anonymous|unauthenticated|anyone on the internet|the public|public users?)\b",
                        re.IGNORECASE)


def _service_kind(document: dict) -> str | None:
    """The kind of thing the policy's first named action works on: what "can it read?" is about."""
    statements = document.get("Statement", [])
    for statement in statements if isinstance(statements, list) else [statements]:
        actions = statement.get("Action", []) if isinstance(statement, dict) else []
        for action in actions if isinstance(actions, list) else [actions]:
            service = str(action).partition(":")[0].lower()
            if service in catalogue.SERVICE_KINDS:
                return catalogue.SERVICE_KINDS[service]
    return None


def _policy_set(policy, kind: str, assumptions: list[str]) -> PolicySet:
    if kind in ("scp", "boundary"):
        full = parse_policy(ALLOW_EVERYTHING, name="an allow-everything identity policy", kind="identity")
        assumptions.append(f"the caller's identity-based policies were assumed to allow everything, so only the "
                           f"pasted {'SCP' if kind == 'scp' else 'boundary'} limits the request.")
        return PolicySet(identity=[full], scps=[[policy]]) if kind == "scp" else PolicySet(identity=[full], boundary=[policy])
    if kind in ("resource", "trust"):
        return PolicySet(resource=policy, resource_must_allow=kind == "trust")
    return PolicySet(identity=[policy])


def _pasted_principal(question: str, mentions) -> str | None:
    for arn, _, _ in arns_in(question):
        if ":iam::" in arn or ":sts::" in arn:
            return arn
    subject = next((m for m in mentions if m.is_principal), None)
    return subject.entity.arn if subject is not None else None


def _resources(document: dict) -> list[str]:
    statements = document.get("Statement", [])
    found: list[str] = []
    for statement in statements if isinstance(statements, list) else [statements]:
        value = statement.get("Resource", []) if isinstance(statement, dict) else []
        for item in value if isinstance(value, list) else [value]:
            if item not in found:
                found.append(item)
    return found or ["*"]


def _pasted_resource(question: str, document: dict, action: str, target: str, assumptions: list[str]) -> str | None:
    written = [a for a, _, _ in arns_in(question) if ":iam::" not in a and ":sts::" not in a]
    if written:
        return written[0]
    if target == catalogue.ANY:
        assumptions.append(f"{action} is not about one existing resource, so it was asked for any resource (\"*\").")
        return "*"
    patterns = _resources(document)
    if patterns == ["*"]:
        assumptions.append("the question names no resource and the policy covers every resource, so \"*\" was used.")
        return "*"
    if action.startswith("s3:"):
        wanted = [p for p in patterns if p.startswith("arn:aws:s3:::") and (("/" in p) == (target == catalogue.OBJECT))]
        patterns = wanted or patterns
    concrete = list(dict.fromkeys(p.replace("*", DEFAULT_OBJECT_KEY if p.endswith("/*") else "example").replace("?", "x")
                                  for p in patterns if p != "*"))
    if len(concrete) != 1:
        return None
    assumptions.append(f"the question names no resource, so the one the policy names was used: {concrete[0]}.")
    return concrete[0]


def answer_permission(text: str, active: ActiveScenario) -> PolicyAnswer:
    """Decide the request a question asks about in the active scenario, or ask for what is missing."""
    scenario = active.scenario
    question = read_permission_question(text, scenario)
    if question.assume_denied is not None:
        decision = question.assume_denied
        return decision_answer(decision, who=_display(scenario, decision.request.principal), why=True, assumptions=[],
                               understood=question.context,
                               note="The question is asked as a role session, and the caller cannot assume that role; "
                                    "this is the decision on sts:AssumeRole.")
    if question.clarification:
        return clarification_answer(question.clarification)
    principal = question.principal
    try:
        decision = scenario.ask(principal.arn, question.action, question.resource_arn, question.context)
    except ScenarioError as exc:
        return clarification_answer(f"{exc}. Which resource do you mean?")
    _, governing = scenario.find_resource(question.resource_arn)
    policies = scenario.policy_set(principal, question.resource_arn, governing)
    assumptions = question.assumptions + context_assumptions(
        relevant_keys(policies), question.context, scenario.default_context, decision.request.raw_context)
    who = f"{principal.name} ({principal.arn})"
    return decision_answer(decision, who=who, why=question.why, assumptions=assumptions, understood=question.context)


def _display(scenario, arn: str | None) -> str:
    for principal in scenario.principals.values():
        if principal.arn == arn:
            return f"{principal.name} ({arn})"
    return arn or "The caller"


def answer_named_policies(policies: list, heading: str, extra: list[str] | None = None) -> PolicyAnswer:
    """Summaries of scenario policies (by name, a resource's policy, or a principal's policies)."""
    return summary_answer([summarise_policy(p) for p in policies], heading=heading, extra=extra)


def principal_policies(active: ActiveScenario, principal) -> tuple[list, list[str]]:
    """The identity-based policies of a principal (its own and its groups'), and notes on its limits."""
    policies = list(principal.policies)
    for group in principal.groups:
        policies.extend(active.scenario.groups.get(group.lower(), []))
    notes = []
    if principal.boundary is not None:
        notes.append(f"{principal.name} also has the permissions boundary {principal.boundary.name}: only what both "
                     "the policies above and the boundary allow is possible.")
    if principal.session_policy is not None:
        notes.append(f"This session is also limited by its session policy {principal.session_policy.name}.")
    if principal.type == "root":
        notes.append("The root user has full access to its own account's resources, limited only by SCPs and "
                     "explicit denies.")
    notes.append("Resource-based policies, SCPs and explicit denies can still change a single decision: ask about one "
                 "action to get it computed.")
    return policies, notes


def policy_error_answer(exc: PolicyError) -> PolicyAnswer:
    return validation_answer([str(e) for e in getattr(exc, "errors", [exc])])
