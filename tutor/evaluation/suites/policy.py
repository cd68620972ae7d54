"""Policy suite: permission questions in words reach the IAM evaluator and get the right decision.

Dataset format: `tutor/evaluation/policy_questions.py` (evals/policy_questions.jsonl).
"""

from __future__ import annotations

from pathlib import Path

from tutor import paths
from tutor.evaluation.context import SuiteContext
from tutor.evaluation.datasets import read_records
from tutor.evaluation.report import SuiteResult

DESCRIPTION = "permission questions in words are routed to the IAM evaluator and decided correctly"
METRICS = ("routing_accuracy", "decision_accuracy", "request_accuracy")


def default_datasets() -> list[Path]:
    return [paths.evals_dir() / "policy_questions.jsonl"]


def run(datasets: list[Path], context: SuiteContext) -> SuiteResult:
    """Route and answer every question with the real router and evaluator (no model, no index)."""
    from tutor.evaluation.policy_questions import policy_question_from_dict, score_policy_questions

    items, problems = [], []
    for path in datasets:
        records, bad = read_records(path, policy_question_from_dict)
        items += [item for _, item in records]
        problems += [str(p) for p in bad]
    context.progress.start("policy", len(items))
    report = score_policy_questions(items)
    context.progress.advance(len(items))
    context.progress.finish()
    failures = [
        {"id": o.item.id, "problem": f"expected {o.item.expected_route}/{o.item.expected_decision}, "
                                    f"got {o.route}/{o.decision}",
         "question": o.item.question, "expected_request": o.item.expected_request, "request": o.request}
        for o in report.failures()
    ]
    metrics = {"routing_accuracy": report.routing_accuracy, "decision_accuracy": report.decision_accuracy,
               "request_accuracy": report.request_accuracy} if items else {}
    return SuiteResult("policy", metrics, len(items), failures, problems, dataset=", ".join(str(p) for p in datasets))
