"""IAM suite: the policy evaluator's decisions agree with the expected outcome of every case."""

from __future__ import annotations

from pathlib import Path

from tutor import paths
from tutor.evaluation.context import SuiteContext
from tutor.evaluation.datasets import DatasetError
from tutor.evaluation.report import SuiteResult

DESCRIPTION = "the IAM evaluator reproduces the expected decision of each case"
METRICS = ("agreement",)


def default_datasets() -> list[Path]:
    return [paths.evals_dir() / "iam_cases.jsonl"]


def run(datasets: list[Path], context: SuiteContext) -> SuiteResult:
    """Replay each file of cases; malformed lines are reported as problems, mismatches as failures."""
    from tutor.iam import replay_cases

    total = agree = 0
    failures, problems = [], []
    context.progress.start("iam", len(datasets))
    for path in datasets:
        if not path.is_file():
            raise DatasetError(f"{path}: no such dataset file")
        report = replay_cases(path)
        for mismatch in report.mismatches:
            if mismatch.error:
                problems.append(f"{path}:{mismatch.line}: {mismatch.error.removeprefix(f'line {mismatch.line}: ')}")
                continue
            data = mismatch.to_dict()
            failures.append(
                {"id": mismatch.id, "line": mismatch.line, "problem": f"expected {mismatch.expected}, evaluator says {mismatch.outcome}",
                 "expected": mismatch.expected, "outcome": mismatch.outcome, "trace": data.get("trace")}
            )
        valid = report.total - sum(1 for m in report.mismatches if m.error)
        total += valid
        agree += report.agree
        context.progress.advance()
    context.progress.finish()
    metrics = {"agreement": agree / total} if total else {}
    return SuiteResult("iam", metrics, total, failures, problems, dataset=", ".join(str(p) for p in datasets))
