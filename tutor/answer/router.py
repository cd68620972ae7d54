"""The router: permission questions go to the IAM evaluator, everything else to the grounded answerer.

A question takes the policy route only on evidence (DESIGN.md: permission answers are computed,
never generated or retrieved):

- a pasted policy document (JSON, fenced or amid prose), or "what does this policy allow";
- a scenario policy by name ("what does CashierAccess allow?") or a resource's policy
  ("what does the receipts bucket policy allow?");
- "what can Mateo do?" about a scenario principal;
- a permission-shaped question ("can", "why", "allowed"...) with an action (a verb the action
  catalogue knows, or a `service:Action` token) and a specific scenario principal or resource;
- a `service:Action` token with a principal.

General questions that merely mention IAM ("what is an IAM policy?", "can I use MFA with the
root user?") carry none of that evidence and stay on the general route.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tutor.config import Settings, get_settings
from tutor.iam import ScenarioError
from tutor.policyqa.answers import (
    answer_named_policies,
    answer_pasted,
    answer_permission,
    principal_policies,
)
from tutor.policyqa.compose import PolicyAnswer, clarification_answer
from tutor.policyqa.mentions import find_mentions
from tutor.policyqa.pasted import PastedPolicy, find_pasted_policy
from tutor.policyqa.question import WHY, gather_evidence
from tutor.policyqa.scenarios import ActiveScenario, active_scenario, available_scenarios

POLICY, GENERAL = "policy", "general"

MAX_PASTE_CHARS = 20_000
"""A pasted policy may be longer than a question; beyond this it is a document, not a paste."""
MAX_QUESTION_CHARS = 2_000
"""Without a pasted policy, the general limit on a question (`service.MAX_QUESTION_CHARS`) applies."""

_THIS_POLICY = re.compile(r"\b(?:this|the above|the following|my|the pasted|the attached|that) policy\b", re.IGNORECASE)
_SUMMARY_ASK = re.compile(
    r"\b(?:what|which)\b.*\b(?:allow|allows|grant|grants|permit|permits|do|does|say|says|mean|means|contain|cover)\b"
    r"|\b(?:explain|summari[sz]e|describe|review|risky|safe|risks?|check)\b", re.IGNORECASE | re.DOTALL)
_PRINCIPAL_SUMMARY = re.compile(
    r"\bwhat\s+(?:can|may|could)\s+(?P<a>.+?)\s+do\b|\bwhat\s+(?:is|are)\s+(?P<b>.+?)\s+allowed\s+to\s+do\b"
    r"|\bwhat\s+(?:permissions|access|rights)\s+(?:does|do)\s+(?P<c>.+?)\s+have\b", re.IGNORECASE)
_POLICY_WORD = re.compile(r"\b(?:policy|policies)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Plan:
    """How a question will be answered on the policy route."""

    kind: str
    """pasted, this-policy, named-policy, resource-policy, principal-summary, permission or elsewhere."""
    detail: object = None


def plan(question: str, active: ActiveScenario | None) -> Plan | None:
    """The policy-route plan for a question, or None when it belongs to the general answerer.

    Without a scenario (`active` None) only a pasted policy can be asked about."""
    text = (question or "").strip()
    if not text or len(text) > MAX_PASTE_CHARS:
        return None
    pasted = find_pasted_policy(text)
    if pasted is not None:
        return Plan("pasted", pasted)
    if len(text) > MAX_QUESTION_CHARS:
        return None  # a long text without a policy in it is a document; the general path refuses it by name
    if _THIS_POLICY.search(text) and _SUMMARY_ASK.search(text):
        return Plan("this-policy")
    if active is None:
        return None
    scenario = active.scenario
    if _SUMMARY_ASK.search(text):
        named = [name for name in active.documents if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.IGNORECASE)]
        if named:
            return Plan("named-policy", named)
        if _POLICY_WORD.search(text):
            owners = [m for m in find_mentions(text, scenario) if m.is_resource and not m.weak]
            governed = [m for m in owners if _policy_of(m.entity) is not None]
            if governed:
                return Plan("resource-policy", governed[0].entity)
    evidence = gather_evidence(text, scenario)
    summary = _PRINCIPAL_SUMMARY.search(text)
    if summary and evidence.subject is not None and not evidence.subject.weak and not evidence.has_intent:
        return Plan("principal-summary", evidence.subject.entity)
    if evidence.tokens and (evidence.subject is not None or evidence.principal_arns or evidence.strong_resource):
        return Plan("permission")
    specific_resource = evidence.resource is not None and not evidence.resource.weak and evidence.resource.container
    if evidence.shaped and evidence.has_intent and (evidence.strong_principal or specific_resource):
        return Plan("permission")
    if evidence.shaped and evidence.has_intent and evidence.subject is not None and evidence.resource is not None:
        return Plan("permission")  # "can the root user delete a receipt?": a scenario principal and resource
    if WHY.search(text) and evidence.strong_principal:
        return Plan("permission")
    return None


def _policy_of(entity: object):
    return getattr(entity, "policy", None) or getattr(entity, "trust", None)


class PolicyRouter:
    """Answers policy-route questions against the active scenario; returns None for general ones."""

    def __init__(self, scenario: str | None = None) -> None:
        """`scenario` is a bundled name or a path; None means `get_settings().scenario` (the coffee shop)."""
        self.scenario = scenario

    def use_scenario(self, name: str) -> str:
        """Make `name` the active scenario; raises ScenarioError naming the bundled ones if there is none."""
        loaded = active_scenario(name)
        self.scenario = name
        return loaded.scenario.name

    def _active(self, scenario: str | None) -> ActiveScenario | None:
        """The scenario to ask in; None when the default one is missing (pasted policies still work).

        A scenario the learner named (here, in `use_scenario` or in the settings) that cannot be
        loaded raises ScenarioError: that is theirs to fix, and the message names the choices.
        """
        name = scenario or self.scenario
        try:
            return active_scenario(name)
        except ScenarioError:
            if name or get_settings().scenario != Settings.model_fields["scenario"].default:
                raise
            return None

    def route(self, question: str, scenario: str | None = None) -> str:
        """`policy` or `general`, without answering."""
        active = self._active(scenario)
        return POLICY if (plan(question, active) or _elsewhere(question, active)) is not None else GENERAL

    def answer(self, question: str, scenario: str | None = None) -> PolicyAnswer | None:
        """The evaluator's answer to a policy-route question, or None to hand it to the general answerer."""
        active = self._active(scenario)
        chosen = plan(question, active) or _elsewhere(question, active)
        if chosen is None:
            return None
        try:
            return _answer(chosen, (question or "").strip(), active)
        except ScenarioError as exc:
            return clarification_answer(f"{exc}.")


def _elsewhere(question: str, active: ActiveScenario | None) -> Plan | None:
    """A permission question about another bundled scenario's people: a plan to say which scenario to use."""
    if active is None:
        return None
    for name in available_scenarios():
        if name == active.key:
            continue
        try:
            other = active_scenario(name)
        except ScenarioError:
            continue  # a broken bundled scenario must not stop a general question
        chosen = plan(question, other)
        evidence = gather_evidence(question, other.scenario) if chosen and chosen.kind == "permission" else None
        if evidence is not None and evidence.subject is not None and not evidence.subject.weak:
            who = evidence.subject.entity.name
            return Plan("elsewhere", f"{who} is not in the {active.scenario.name} scenario but in {other.scenario.name}. "
                                     f"Switch to it with `/scenario {name}` in the chat (or `--scenario {name}` on "
                                     "`tutor ask`) and ask again.")
    return None


def _answer(chosen: Plan, text: str, active: ActiveScenario | None) -> PolicyAnswer:
    if chosen.kind == "pasted":
        assert isinstance(chosen.detail, PastedPolicy)
        return answer_pasted(chosen.detail, active)
    if chosen.kind == "elsewhere":
        return clarification_answer(str(chosen.detail))
    if chosen.kind == "this-policy":
        return clarification_answer("Which policy? Paste its JSON into your question (a ```json code block works "
                                    "best) and ask again.", ["iam-policies"])
    if chosen.kind == "named-policy":
        policies = [active.named_policy(name) for name in chosen.detail]  # type: ignore[union-attr]
        return answer_named_policies([p for p in policies if p is not None],
                                     heading=f"In the {active.scenario.name} scenario:")
    if chosen.kind == "resource-policy":
        resource = chosen.detail
        return answer_named_policies([_policy_of(resource)],
                                     heading=f"The policy attached to the {resource.name} ({resource.arn}):")
    if chosen.kind == "principal-summary":
        principal = chosen.detail
        policies, notes = principal_policies(active, principal)
        if not policies:
            return answer_named_policies([], heading=f"{principal.name} has no identity-based policies of their own in "
                                                     f"the {active.scenario.name} scenario.", extra=notes)
        return answer_named_policies(policies, heading=f"What {principal.name}'s identity-based policies allow:",
                                     extra=notes)
    return answer_permission(text, active)
