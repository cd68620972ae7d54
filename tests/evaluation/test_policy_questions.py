"""The policy-questions dataset, its scoring, and the `policy` suite of `tutor eval`."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from tutor import paths
from tutor.evaluation.policy_questions import (
    PolicyDatasetError,
    load_policy_questions,
    policy_question_from_dict,
    score_policy_questions,
)
from tutor.evaluation.runner import run_evaluation

DATASET = paths.evals_dir() / "policy_questions.jsonl"


def _row(id_, question, route, decision=None, request=None, scenario="coffee-shop"):
    return {"id": id_, "question": question, "scenario": scenario, "expected_route": route,
            "expected_request": request, "expected_decision": decision}


def test_the_dataset_has_enough_questions_of_each_kind():
    items = load_policy_questions(DATASET)
    routes = Counter(i.expected_route for i in items)
    assert len(items) >= 100 and routes["general"] >= 25
    assert len({i.id for i in items}) == len(items)
    assert {i.scenario for i in items} == {"coffee-shop", "cross-account"}
    assert {i.expected_decision for i in items} == {"Allowed", "ImplicitlyDenied", "ExplicitlyDenied", None}
    assert sum("```" in i.question or '"Statement"' in i.question for i in items) >= 15
    assert sum(i.question.lower().startswith("why") for i in items) >= 8


def test_the_bundled_dataset_meets_the_95_percent_targets():
    report = score_policy_questions(load_policy_questions(DATASET))
    assert report.routing_accuracy >= 0.95
    assert report.decision_accuracy >= 0.95


def test_scoring_counts_routes_decisions_and_requests_exactly(tmp_path):
    path = tmp_path / "small.jsonl"
    rows = [
        _row("a", "Can Mateo read a receipt?", "policy", "Allowed",
             {"principal": "arn:aws:iam::111122223333:user/Mateo", "action": "s3:GetObject",
              "resource": "arn:aws:s3:::coffee-shop-receipts/example-object"}),
        _row("b", "Can Mateo delete a receipt?", "policy", "Allowed",  # wrong on purpose: it is explicitly denied
             {"principal": "arn:aws:iam::111122223333:user/Mateo", "action": "s3:DeleteObject",
              "resource": "arn:aws:s3:::coffee-shop-receipts/example-object"}),
        _row("c", "What is an IAM policy?", "policy"),  # wrong on purpose: it is a general question
        _row("d", "How do SCPs work?", "general"),
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    report = score_policy_questions(load_policy_questions(path))
    assert report.routing_accuracy == 3 / 4
    assert report.decision_accuracy == 1 / 3
    assert report.request_accuracy == 1.0
    assert [o.item.id for o in report.failures()] == ["b", "c"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"id": "x", "question": "q"}, "missing 'expected_route'"),
        ({"id": "x", "question": "q", "expected_route": "quiz"}, "expected_route must be policy or general"),
        ({"id": "x", "question": "q", "expected_route": "policy", "expected_decision": "Maybe"},
         "unknown expected_decision 'Maybe'"),
    ],
)
def test_a_bad_row_names_its_line_and_field(tmp_path, row, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(_row("ok", "How do SCPs work?", "general")) + "\n" + json.dumps(row) + "\n")
    with pytest.raises(PolicyDatasetError, match=f"bad.jsonl:2: {message}"):
        load_policy_questions(path)


def test_the_policy_suite_reports_its_metrics_and_skips_bad_lines(tmp_path):
    path = tmp_path / "suite.jsonl"
    path.write_text(json.dumps(_row("a", "Can Olga upload a receipt?", "policy", "ImplicitlyDenied")) + "\n{oops\n")
    result = run_evaluation(["policy"], dataset=path).suites["policy"]
    assert result.metrics == {"routing_accuracy": 1.0, "decision_accuracy": 1.0, "request_accuracy": 1.0}
    assert result.problems == [f"{path}:2: not valid JSON: Expecting property name enclosed in double quotes (column 2)"]
    assert result.passed


def test_a_row_defaults_to_the_coffee_shop():
    item = policy_question_from_dict({"id": "x", "question": "q", "expected_route": "general"})
    assert item.scenario == "coffee-shop"


@pytest.mark.parametrize("name", ["qa.jsonl", "out_of_scope.jsonl", "mcq.jsonl", "mcq_dev.jsonl"])
def test_no_question_of_the_other_eval_sets_takes_the_policy_route(name):
    """Questions written for the grounded answerer and the MCQ solver are general, in both bundled scenarios."""
    from tutor.answer.router import PolicyRouter

    questions = [json.loads(line)["question"] for line in (paths.evals_dir() / name).read_text().splitlines() if line.strip()]
    for scenario in ("coffee-shop", "cross-account"):
        router = PolicyRouter(scenario)
        assert [q for q in questions if router.route(q) == "policy"] == []
