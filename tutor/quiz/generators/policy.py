"""Permission questions from `corpus/scenarios/*.yaml`, answered by the IAM evaluator.

For every principal, resource and action named in a scenario's policies (actions of the
resource's own service), the evaluator decides the request; its outcome is the key and its
trace the explanation. Nothing here guesses an answer.
"""

from __future__ import annotations

import json
from pathlib import Path

from tutor.quiz.assembly import Choice, assemble, seeded
from tutor.quiz.model import PolicyProbe, Question
from tutor.quiz.validation import POLICY_OPTION_TEXT

SOURCE = "generated:policy"
MAX_PER_SCENARIO = 40
"""Enough to cover every outcome without one scenario crowding out the other topics."""
OBJECT_NAME = "example.csv"

# How a few common actions read in a question; anything else is shown as the action name.
ACTION_PHRASES = {
    "s3:GetObject": "read (download) an object in",
    "s3:PutObject": "upload an object to",
    "s3:DeleteObject": "delete an object from",
    "s3:ListBucket": "list the objects in",
    "s3:DeleteBucket": "delete",
    "s3:PutBucketPolicy": "change the bucket policy of",
    "kms:Decrypt": "decrypt data with",
    "kms:Encrypt": "encrypt data with",
    "kms:ScheduleKeyDeletion": "schedule the deletion of",
    "sts:AssumeRole": "assume",
    "dynamodb:GetItem": "read an item from",
    "dynamodb:PutItem": "write an item to",
}

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


def _listing(value) -> str:
    values = [value] if isinstance(value, str) else list(value or [])
    return ", ".join(str(v) for v in values) or "-"


def statement_digest(policy) -> list[str]:
    """One short line per statement: 'Allow s3:GetObject on arn:... when {...}'."""
    lines = []
    for statement in policy.document.get("Statement") or []:
        if isinstance(statement, dict):
            actions = _listing(statement.get("Action")) if "Action" in statement else "all except " + _listing(statement.get("NotAction"))
            resources = _listing(statement.get("Resource")) if "Resource" in statement else "all except " + _listing(statement.get("NotResource"))
            line = f"{statement.get('Effect')} {actions} on {resources}"
            if "Principal" in statement:
                line += f" for {json.dumps(statement['Principal'], separators=(',', ':'))}"
            if statement.get("Condition"):
                line += f" when {json.dumps(statement['Condition'], separators=(',', ':'))}"
            lines.append(line)
    return lines


_DEFAULT_POLICIES = {"FullAWSAccess", "RCPFullAWSAccess"}


def policies_in_play(scenario, principal, target: str) -> list[str]:
    """The policies that decide the request, as short lines a learner can reason from.

    AWS's default full-access SCPs and RCPs are left out: they allow everything and decide nothing.
    """
    arn, governing = scenario.find_resource(target)
    policy_set = scenario.policy_set(principal, arn, governing)
    layers = [("Identity policy", p) for p in policy_set.identity]
    layers += [("Permissions boundary", p) for p in policy_set.boundary or []]
    layers += [("Session policy", p) for p in policy_set.session or []]
    if policy_set.resource is not None:
        layers.append(("Resource policy", policy_set.resource))
    for level, policies in enumerate(policy_set.scps):
        layers += [(f"SCP (level {level})", p) for p in policies if p.name not in _DEFAULT_POLICIES]
    for level, policies in enumerate(policy_set.rcps):
        layers += [(f"RCP (level {level})", p) for p in policies if p.name not in _DEFAULT_POLICIES]
    lines = []
    for label, policy in layers:
        lines += [f"- {label} {policy.name}: {line}" for line in statement_digest(policy)]
    return lines or ["- No policies apply."]


def _stem(scenario, principal, action: str, resource, target: str) -> str:
    phrase = ACTION_PHRASES.get(action)
    place = resource.name if target == resource.arn else f"{resource.name} ({target})"
    ask = f"{phrase} {place}" if phrase else f"perform {action} on {place}"
    question = f"In the {scenario.name} scenario, can {principal.name} ({principal.type}) {ask}? [{action}]"
    return "\n".join([question, "Policies in play:", *policies_in_play(scenario, principal, target)])


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
