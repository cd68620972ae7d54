"""evals/iam_cases.jsonl is an independent oracle for the evaluator: each case was written from
AWS's documentation, not from the evaluator. These tests check the file's format and that
replaying it through `tutor.iam.replay_cases` agrees with every expected decision."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tutor.iam import replay_cases

ROOT = Path(__file__).resolve().parents[2]
DATASET = ROOT / "evals" / "iam_cases.jsonl"
COFFEE_SHOP = ROOT / "corpus" / "scenarios" / "coffee-shop.yaml"
OUTCOMES = {"Allowed", "ImplicitlyDenied", "ExplicitlyDenied"}
POLICY_KEYS = {"identity", "resource", "scps", "rcps", "boundary", "session"}
REQUEST_KEYS = {"principal", "anonymous", "action", "resource", "resource_account", "context"}


def _load_cases() -> list[tuple[int, dict]]:
    cases = []
    for number, line in enumerate(DATASET.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as exc:
            pytest.fail(f"{DATASET.name} line {number}: not valid JSON ({exc.msg})")
        cases.append((number, case))
    return cases


CASES = _load_cases()


def _format_problems(number: int, case: dict) -> list[str]:
    """Every way one case departs from the IAM decision-case format in DESIGN.md."""
    where = f"line {number} [{case.get('id', '?') if isinstance(case, dict) else '?'}]"
    if not isinstance(case, dict):
        return [f"{where}: not a JSON object"]
    problems = []
    if not isinstance(case.get("id"), str) or not case.get("id", "").strip():
        problems.append(f"{where}: id must be a non-empty string")
    if case.get("expected") not in OUTCOMES:
        problems.append(f"{where}: expected is {case.get('expected')!r}, not one of {sorted(OUTCOMES)}")
    if not isinstance(case.get("note"), str) or not case["note"].strip():
        problems.append(f"{where}: note must state the AWS rule that decides the case")
    policies, request = case.get("policies"), case.get("request")
    if not isinstance(policies, dict) or set(policies) != POLICY_KEYS:
        problems.append(f"{where}: policies must have exactly the keys {sorted(POLICY_KEYS)}")
    else:
        if not isinstance(policies["identity"], list):
            problems.append(f"{where}: policies.identity must be a list")
        if policies["resource"] is not None and not isinstance(policies["resource"], dict):
            problems.append(f"{where}: policies.resource must be a policy object or null")
        for key in ("scps", "rcps"):
            levels = policies[key]
            if not isinstance(levels, list) or not all(isinstance(level, list) for level in levels):
                problems.append(f"{where}: policies.{key} must be a list of per-level lists")
        for key in ("boundary", "session"):
            if policies[key] is not None and not isinstance(policies[key], list):
                problems.append(f"{where}: policies.{key} must be a list or null")
    if not isinstance(request, dict) or set(request) != REQUEST_KEYS:
        problems.append(f"{where}: request must have exactly the keys {sorted(REQUEST_KEYS)}")
    else:
        if not isinstance(request["action"], str) or ":" not in request["action"]:
            problems.append(f"{where}: request.action must look like service:Action")
        if not isinstance(request["resource"], str) or not request["resource"]:
            problems.append(f"{where}: request.resource must be an ARN or *")
        if not isinstance(request["anonymous"], bool):
            problems.append(f"{where}: request.anonymous must be true or false")
        if request["anonymous"] != (request["principal"] is None):
            problems.append(f"{where}: a request has a principal exactly when it is not anonymous")
        if not isinstance(request["context"], dict):
            problems.append(f"{where}: request.context must be an object")
    return problems


def test_every_case_follows_the_decision_case_format():
    problems = [problem for number, case in CASES for problem in _format_problems(number, case)]
    assert problems == [], "\n".join(problems)


def test_case_ids_are_unique():
    counts = Counter(case["id"] for _, case in CASES)
    duplicates = sorted(case_id for case_id, count in counts.items() if count > 1)
    assert duplicates == []


def test_dataset_has_at_least_300_cases_covering_every_decision():
    outcomes = Counter(case["expected"] for _, case in CASES)
    assert len(CASES) >= 300
    assert set(outcomes) == OUTCOMES
    assert min(outcomes.values()) >= 50, outcomes


def test_format_check_rejects_a_case_with_a_bad_outcome_and_missing_request():
    broken = {"id": "broken", "expected": "Denied", "note": "x", "policies": {}}
    problems = _format_problems(7, broken)
    bad_outcome = (
        "line 7 [broken]: expected is 'Denied', not one of ['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied']"
    )
    assert bad_outcome in problems
    assert any("request must have exactly the keys" in problem for problem in problems)


def test_coffee_shop_cases_use_the_scenario_policies_verbatim():
    scenario_policies = list(yaml.safe_load(COFFEE_SHOP.read_text(encoding="utf-8"))["policies"].values())
    full_aws_access = {
        "Version": "2012-10-17",
        "Statement": [{"Sid": "FullAWSAccess", "Effect": "Allow", "Action": "*", "Resource": "*"}],
    }
    coffee = [case for _, case in CASES if case["id"].startswith("coffee-")]
    drifted = []
    for case in coffee:
        policies = case["policies"]
        used = policies["identity"] + (policies["boundary"] or []) + [p for level in policies["scps"] for p in level]
        used += [policies["resource"]] if policies["resource"] else []
        drifted += [case["id"] for policy in used if policy not in scenario_policies and policy != full_aws_access]
    assert len(coffee) >= 20
    assert drifted == []


def test_replaying_the_dataset_agrees_with_every_case():
    report = replay_cases(DATASET)
    mismatches = [
        f"{m.id} (line {m.line}): expected {m.expected}, evaluator gave {m.outcome or 'an error: ' + str(m.error)}"
        for m in report.mismatches
    ]
    print("\n".join(mismatches))
    assert report.total == len(CASES)
    assert mismatches == [], f"{len(mismatches)} of {report.total} cases disagree:\n" + "\n".join(mismatches)
    assert report.agree == report.total
