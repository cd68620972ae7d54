"""Answers to permission questions, built only from an evaluator decision, a policy summary or a
clarifying question, with citations of the concept sections behind them.

Nothing here retrieves or generates text: each sentence comes from the decision's trace (via
`tutor.iam.explain`), the request, the stated assumptions, or `summary.summarise_policy`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tutor.answer.types import Citation, GroundedAnswer
from tutor.iam import Decision, PolicySet, explain
from tutor.policyqa.summary import CAPPING_KINDS, KIND_NAMES, PolicySummary

HEADLINES = {"Allowed": "Allowed", "ImplicitlyDenied": "Implicitly denied", "ExplicitlyDenied": "Explicitly denied"}

# Which concept section explains each rule the evaluator can apply.
RULE_SECTIONS = {
    "explicit-deny": "iam-policy-evaluation",
    "no-allow": "iam-policy-evaluation",
    "scp-no-allow": "org-scps",
    "rcp-no-allow": "org-scps",
    "allowed-identity": "iam-policies",
    "allowed-root": "iam-root-user",
    "allowed-resource": "iam-policy-types",
    "allowed-cross-account": "iam-policy-types",
    "boundary-no-allow": "iam-policy-types",
    "session-no-allow": "iam-policy-types",
    "resource-must-allow": "iam-policy-types",
    "cross-account-resource-no-allow": "iam-policy-types",
    "cross-account-identity-no-allow": "iam-policy-types",
    "account-delegation-needs-identity-allow": "iam-policy-types",
    "resource-only-no-allow": "iam-policy-types",
}
LAYER_SECTIONS = {"scp": "org-scps", "rcp": "org-scps", "boundary": "iam-policy-types", "session": "iam-policy-types",
                  "resource": "iam-policy-types"}


@dataclass
class PolicyAnswer(GroundedAnswer):
    """An answer from the IAM evaluator: the decision (or None), the request and the trace."""

    decision: str | None = None
    request: dict[str, Any] | None = None
    trace: dict[str, Any] | None = None
    kind: str = "decision"
    """decision, summary, validation or clarification."""

    def to_json(self) -> dict[str, Any]:
        data = super().to_json()
        data.update({"route": "policy", "decision": self.decision, "request": self.request, "trace": self.trace})
        return data


def citations_for(section_ids: list[str]) -> list[Citation]:
    """Citations of the bundled concept sections, in order, skipping ids the corpus lacks."""
    from tutor.knowledge.corpus import CorpusError, load_sections

    try:  # read afresh (a few small files): the corpus folder is a setting, and tests move it
        sections = {s.id: s for s in load_sections()}
    except (CorpusError, OSError):
        sections = {}
    cited = [sections[i] for i in dict.fromkeys(section_ids) if i in sections]
    return [Citation(s.id, s.title, s.file) for s in cited]


def decision_sections(decision: Decision) -> list[str]:
    """The sections that explain why this decision came out as it did."""
    trace = decision.trace
    ids = ["iam-policy-evaluation"]
    deciding = trace.layer(trace.decided_by) if trace.decided_by else None
    if deciding is not None and deciding.layer in LAYER_SECTIONS:
        ids.append(LAYER_SECTIONS[deciding.layer])
    if trace.rule in RULE_SECTIONS:
        ids.append(RULE_SECTIONS[trace.rule])
    failed = " ".join(str(r["condition"]) for layer in trace.layers for r in layer.failure_reasons()).lower()
    if "multifactorauth" in failed:
        ids.append("iam-mfa")
    if decision.request.action.lower() == "sts:assumerole":
        ids.append("iam-roles")
    return list(dict.fromkeys(ids))


def _numbered(text: str, citations: list[Citation], section: str) -> str:
    for number, citation in enumerate(citations, start=1):
        if citation.id == section:
            return f"{text} [{number}]"
    return text


def relevant_keys(policies: PolicySet) -> list[str]:
    """Condition keys the policies of a request test, as written (first spelling wins)."""
    documents = [p.document for p in policies.identity]
    for extra in (policies.resource, *(policies.boundary or []), *(policies.session or [])):
        if extra is not None:
            documents.append(extra.document)
    for level in [*policies.scps, *policies.rcps]:
        documents.extend(p.document for p in level)
    keys: dict[str, str] = {}
    for document in documents:
        statements = document.get("Statement", [])
        for statement in statements if isinstance(statements, list) else [statements]:
            condition = statement.get("Condition") if isinstance(statement, dict) else None
            for block in (condition or {}).values():
                if isinstance(block, dict):
                    for key in block:
                        keys.setdefault(key.lower(), key)
    return list(keys.values())


def context_assumptions(keys: list[str], stated: dict, defaults: dict, sent: dict) -> list[str]:
    """Say, for each condition key that matters, whether the question set it, a default did, or it was absent."""
    notes = []
    stated_lower = {k.lower(): k for k in stated}
    defaults_lower = {k.lower(): (k, v) for k, v in defaults.items()}
    sent_lower = {k.lower() for k in sent}
    for key in keys:
        lowered = key.lower()
        if lowered in stated_lower:
            continue
        if lowered in defaults_lower:
            name, value = defaults_lower[lowered]
            notes.append(f"assumed {name} = {value}, the scenario's default for every request.")
        elif lowered not in sent_lower and "${" not in key:
            if lowered == "aws:multifactorauthpresent":
                notes.append("assumed no MFA: the request carries no aws:MultiFactorAuthPresent key "
                             "(say \"with MFA\" to ask about a signed-in MFA session).")
            else:
                notes.append(f"assumed the request carries no {key} key (a policy tests it).")
    return notes


def decision_answer(decision: Decision, *, who: str, why: bool, assumptions: list[str], understood: dict,
                    note: str | None = None) -> PolicyAnswer:
    """The decision in a sentence, the evaluator's explanation, failed conditions, assumptions, citations."""
    citations = citations_for(decision_sections(decision))
    request = decision.request
    can = "can" if decision.allowed else "cannot"
    lines = [f"{HEADLINES[decision.outcome]}: {who} {can} perform {request.action} on {request.resource}."]
    if why and decision.allowed:
        lines.append("It is not denied: nothing in the scenario's policies stops this request.")
    if note:
        lines.append(note)
    explanation = explain(decision).split("\nLayer by layer:")[0].splitlines()[1:]
    for line in explanation:
        if line.startswith("Rule: "):  # cite the section that states the rule the evaluator applied
            rule_section = RULE_SECTIONS.get(decision.trace.rule, "iam-policy-evaluation")
            cited = {c.id for c in citations}
            line = _numbered(line, citations, rule_section if rule_section in cited else "iam-policy-evaluation")
        lines.append(line)
    for layer in decision.trace.layers:
        # A Deny whose condition failed only shows what did not happen; an Allow that failed explains a denial.
        for failure in (f for f in layer.failure_reasons() if f["effect"] == "Allow"):
            lines.append(f"Condition not met: {failure['effect']} statement \"{failure['statement']}\" of "
                         f"{failure['policy']} ({layer.title}) did not apply because {failure['reason']}.")
    if understood:
        lines.append("Understood from your question: " + "; ".join(f"{k} = {v}" for k, v in understood.items()) + ".")
    if assumptions:
        lines.append("")
        lines.append("Assumptions:")
        lines.extend(f"- {a[0].upper()}{a[1:]}" for a in assumptions)
    request_json = {"principal": request.principal, "action": request.action, "resource": request.resource,
                    "context": request.raw_context}
    return PolicyAnswer(answer="\n".join(lines), citations=citations, abstained=False, route="policy",
                        decision=decision.outcome, request=request_json, trace=decision.trace.to_dict())


def summary_answer(summaries: list[PolicySummary], *, heading: str, extra: list[str] | None = None) -> PolicyAnswer:
    """Each policy's statements in words, then its risks, citing policies and least privilege."""
    sections = ["iam-policies", "iam-policy-types"]
    if any(s.risks for s in summaries):
        sections.append("iam-least-privilege")
    if any("MFA" in r for s in summaries for r in s.risks):
        sections.append("iam-mfa")
    citations = citations_for(sections)
    lines = [heading]
    for summary in summaries:
        lines.append("")
        lines.append(f"{summary.name} ({KIND_NAMES.get(summary.kind, summary.kind)}):")
        lines.extend(f"- {s}" for s in summary.statements)
        if summary.kind in CAPPING_KINDS:
            lines.append(f"A {KIND_NAMES[summary.kind]} grants nothing by itself: it sets the most that identity-based "
                         "policies can grant, so its Allow statements only say what stays possible.")
        elif summary.risks:
            lines.append(_numbered("Risks (see least privilege):", citations, "iam-least-privilege"))
            lines.extend(f"- {r}" for r in summary.risks)
        else:
            lines.append("Risks: none found (no full admin, no wildcard principal, no NotAction or NotResource with "
                         "Allow, no sensitive action without MFA).")
    if extra:
        lines.append("")
        lines.extend(extra)
    lines.append("")
    lines.append(_numbered("Anything not allowed by some statement is implicitly denied, and an explicit Deny "
                           "overrides every Allow.", citations, "iam-policies"))
    return PolicyAnswer(answer="\n".join(lines), citations=citations, abstained=False, route="policy", kind="summary")


def clarification_answer(question: str, sections: list[str] | None = None) -> PolicyAnswer:
    """One short question back to the learner; no decision is made."""
    citations = citations_for(sections or [])
    return PolicyAnswer(answer=question, citations=citations, abstained=False, route="policy", kind="clarification")


def validation_answer(errors: list[str], warnings: list[str] | None = None) -> PolicyAnswer:
    """The pasted policy's errors (with line and column for malformed JSON); no decision is made."""
    lines = ["The pasted policy is not valid, so no decision can be computed. Fix these and paste it again:"]
    lines.extend(f"- {e}" for e in errors)
    if warnings:
        lines.append("Warnings:")
        lines.extend(f"- {w}" for w in warnings)
    return PolicyAnswer(answer="\n".join(lines), citations=citations_for(["iam-policies"]), abstained=False,
                        route="policy", kind="validation")
