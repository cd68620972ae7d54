"""Permission questions from `corpus/scenarios/*.yaml`, answered by the IAM evaluator.

For every principal, resource and action named in a scenario's policies (actions of the
resource's own service), the evaluator decides the request; its outcome is the key and its
trace the explanation. Nothing here guesses an answer.
"""

from __future__ import annotations

from pathlib import Path

from tutor.quiz.assembly import Choice, assemble, seeded
from tutor.quiz.generators.policy_wording import (
    OBJECT_NAME,
    PolicyVocabulary,
    principal_phrase,
    request_phrase,
    scenario_phrase,
    spans_accounts,
    statement_line,
)
from tutor.quiz.model import PolicyProbe, Question
from tutor.quiz.validation import POLICY_OPTION_TEXT

SOURCE = "generated:policy"
MAX_PER_SCENARIO = 40
"""Enough to cover every outcome without one scenario crowding out the other topics."""
_WHY_WRONG = {
    # (wrong option, actual outcome) -> why that option is wrong, from the outcome's meaning.
    ("Allowed", "ImplicitlyDenied"): "No policy that counts allows this request, so it is not allowed.",
    ("Allowed", "ExplicitlyDenied"): "A Deny statement matches this request, and an explicit deny beats any Allow.",
    ("ImplicitlyDenied", "Allowed"): "A policy allows the request and nothing denies or limits it, so it is not denied.",
    ("ImplicitlyDenied", "ExplicitlyDenied"): "A Deny statement matches, so the denial is explicit, not implicit.",
    ("ExplicitlyDenied", "Allowed"): "No Deny statement matches, and the request is allowed.",
    ("ExplicitlyDenied", "ImplicitlyDenied"): "No Deny statement matches; the request fails only because nothing allows it.",
}


def citation_for(decision) -> str:
    """The concept section that explains the rule which decided the request."""
    rule = decision.trace.rule
    decided_by = decision.trace.decided_by or ""
    if rule in ("scp-no-allow", "rcp-no-allow") or decided_by.startswith(("scp", "rcp")):
        return "org-scps"
    if rule in ("boundary-no-allow", "session-no-allow"):
        return "iam-policy-types"
    return "iam-policy-evaluation"


def _statement_values(document: dict, field: str) -> list[str]:
    statements = document.get("Statement") or []
    if isinstance(statements, dict):
        statements = [statements]
    values: list[str] = []
    for statement in statements:
        if isinstance(statement, dict):
            raw = statement.get(field) or []
            values += [raw] if isinstance(raw, str) else [v for v in raw if isinstance(v, str)]
    return values


def _documents(scenario) -> list[dict]:
    docs = []
    for principal in scenario.principals.values():
        docs += [p.document for p in principal.policies]
        docs += [p.document for g in principal.groups for p in scenario.groups.get(g.lower(), [])]
    docs += [r.policy.document for r in scenario.resources.values() if r.policy is not None]
    return [d for d in docs if isinstance(d, dict)]


def _target(resource, action: str, patterns: list[str]) -> str:
    """The ARN to ask about: the bucket itself, or an object inside it for object actions."""
    service = resource.arn.split(":")[2] if resource.arn.count(":") >= 2 else ""
    if service != "s3" or "Bucket" in action:
        return resource.arn
    inside = [p for p in patterns if p.startswith(resource.arn + "/")]
    if inside:
        return inside[0].replace("*", OBJECT_NAME, 1).replace("*", "").replace("?", "x")
    return f"{resource.arn}/{OBJECT_NAME}"


_DEFAULT_POLICIES = {"FullAWSAccess", "RCPFullAWSAccess"}
_RESOURCE_POLICY_LABELS = {"s3-bucket": "Bucket policy", "kms-key": "Key policy", "role": "Trust policy"}


def _level(kind: str, level: int) -> str:
    words = {1: "one level", 2: "two levels", 3: "three levels"}
    where = "at the organization root" if level == 0 else f"{words.get(level, f'{level} levels')} below the organization root"
    return f"{kind} (attached {where})"


def _identity_label(scenario, principal, policy) -> str:
    groups = [g for g in principal.groups if any(p is policy for p in scenario.groups.get(g.lower(), []))]
    if groups:
        return f"Identity-based policy {policy.name} (from the {groups[0]} group)"
    return f"Identity-based policy {policy.name}"


def policies_in_play(scenario, principal, target: str) -> list[str]:
    """The policies that decide the request: one bullet per policy, one sub-bullet per statement in plain words.

    AWS's default full-access SCPs and RCPs are left out: they allow everything and decide nothing.
    """
    arn, governing = scenario.find_resource(target)
    policy_set = scenario.policy_set(principal, arn, governing)
    layers = [(_identity_label(scenario, principal, p), p) for p in policy_set.identity]
    layers += [(f"Permissions boundary {p.name}", p) for p in policy_set.boundary or []]
    layers += [(f"Session policy {p.name}", p) for p in policy_set.session or []]
    if policy_set.resource is not None:
        kind = _RESOURCE_POLICY_LABELS.get(governing.type if governing else "", "Resource-based policy")
        layers.append((f"{kind} {policy_set.resource.name}", policy_set.resource))
    for level, policies in enumerate(policy_set.scps):
        layers += [(_level(f"Service control policy (SCP) {p.name}", level), p) for p in policies if p.name not in _DEFAULT_POLICIES]
    for level, policies in enumerate(policy_set.rcps):
        layers += [(_level(f"Resource control policy (RCP) {p.name}", level), p) for p in policies if p.name not in _DEFAULT_POLICIES]
    vocabulary = PolicyVocabulary(scenario)
    lines = []
    for label, policy in layers:
        lines.append(f"- {label}:")
        statements = policy.document.get("Statement") or []
        statements = [statements] if isinstance(statements, dict) else statements
        lines += [f"  - {statement_line(s, vocabulary)}" for s in statements if isinstance(s, dict)]
    return lines or ["- None: no policy applies to this request."]


def _stem(scenario, principal, action: str, resource, target: str) -> str:
    who, where = principal_phrase(principal), request_phrase(action, resource, target)
    if spans_accounts(scenario):
        # Whose account a principal and a resource belong to decides cross-account requests.
        accounts = PolicyVocabulary(scenario)
        other = accounts.account(resource.account, with_id=False) if resource.account != principal.account else None
        who = principal_phrase(principal, accounts.account(principal.account, with_id=False))
        where = request_phrase(action, resource, target, other)
    question = f"In {scenario_phrase(scenario)}, can {who} {where}?"
    return "\n".join([question, "", "Policies in play:", *policies_in_play(scenario, principal, target)])


def scenario_questions(path: Path, seed: int = 0) -> list[Question]:
    """Every principal x resource x action question the scenario supports (capped per scenario)."""
    from tutor.iam import explain, load_scenario

    scenario = load_scenario(path)
    documents = _documents(scenario)
    actions = sorted({a for d in documents for a in _statement_values(d, "Action") if "*" not in a and ":" in a})
    patterns = sorted({r for d in documents for r in _statement_values(d, "Resource")})
    questions: list[Question] = []
    for principal in scenario.principals.values():
        for resource in scenario.resources.values():
            service = resource.arn.split(":")[2] if resource.arn.count(":") >= 2 else ""
            for action in actions:
                if action.split(":", 1)[0].lower() != service.lower():
                    continue
                target = _target(resource, action, patterns)
                decision = scenario.ask(principal.name, action, target)
                section = citation_for(decision)
                trace_text = explain(decision)
                choices = [
                    Choice(
                        text,
                        outcome == decision.outcome,
                        trace_text if outcome == decision.outcome else _WHY_WRONG[(outcome, decision.outcome)],
                        section,
                    )
                    for outcome, text in POLICY_OPTION_TEXT.items()
                ]
                questions.append(
                    assemble(
                        topic="organizations" if section == "org-scps" else "iam",
                        kind="policy",
                        stem=_stem(scenario, principal, action, resource, target),
                        choices=choices,
                        difficulty=3 if section != "iam-policy-evaluation" else 2,
                        source=SOURCE,
                        support=[f"scenario:{path.stem}"],
                        rng=seeded(seed),
                        shuffle=False,
                        probe=PolicyProbe(str(path), principal.name, action, target),
                    )
                )
    return _spread(questions, seed, path.stem)


def _spread(questions: list[Question], seed: int, name: str) -> list[Question]:
    """Keep at most `MAX_PER_SCENARIO`, taking outcomes in turn so every outcome stays represented."""
    if len(questions) <= MAX_PER_SCENARIO:
        return questions
    rng = seeded(seed, "policy-spread", name)
    by_outcome: dict[str, list[Question]] = {}
    for question in questions:
        by_outcome.setdefault(question.option(question.keys[0]).text, []).append(question)
    for group in by_outcome.values():
        rng.shuffle(group)
    kept: list[Question] = []
    while len(kept) < MAX_PER_SCENARIO:
        for group in by_outcome.values():
            if group and len(kept) < MAX_PER_SCENARIO:
                kept.append(group.pop())
    return kept


def generate(scenario_paths: list[Path], seed: int = 0) -> tuple[list[Question], list[str]]:
    """Questions from every scenario; a scenario that fails to load is reported and skipped."""
    questions: list[Question] = []
    problems: list[str] = []
    for path in scenario_paths:
        try:
            questions += scenario_questions(path, seed)
        except Exception as exc:  # noqa: BLE001 - one broken scenario must not stop the bank
            problems.append(f"{path.name}: scenario skipped ({exc})")
    return questions, problems


__all__ = ["citation_for", "generate", "scenario_questions"]
