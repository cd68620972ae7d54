"""The evaluation suites of `tutor eval`, by name, in the order they run.

Each suite reads a dataset in its own JSONL format (evals/README.md) and returns a `SuiteResult`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tutor.evaluation.context import SuiteContext
from tutor.evaluation.report import SuiteResult
from tutor.evaluation.suites import answers, iam, mcq, policy, quiz, retrieval


@dataclass(frozen=True)
class Suite:
    """A named evaluation with its default datasets and the metrics it reports."""

    name: str
    description: str
    metrics: tuple[str, ...]
    default_datasets: Callable[[], list[Path]]
    run: Callable[[list[Path], SuiteContext], SuiteResult]


SUITES: dict[str, Suite] = {
    suite.name: suite
    for suite in (
        Suite("retrieval", retrieval.DESCRIPTION, retrieval.METRICS, retrieval.default_datasets, retrieval.run),
        Suite("answers", answers.DESCRIPTION, answers.METRICS, answers.default_datasets, answers.run),
        Suite("mcq", mcq.DESCRIPTION, mcq.METRICS, mcq.default_datasets, mcq.run),
        Suite("iam", iam.DESCRIPTION, iam.METRICS, iam.default_datasets, iam.run),
        Suite("quiz", quiz.DESCRIPTION, quiz.METRICS, quiz.default_datasets, quiz.run),
        Suite("policy", policy.DESCRIPTION, policy.METRICS, policy.default_datasets, policy.run),
    )
}
