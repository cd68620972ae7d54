"""Runs the chosen suites with their thresholds and collects one `EvalReport`."""

from __future__ import annotations

from pathlib import Path

from tutor.config import get_settings
from tutor.evaluation.context import SuiteContext
from tutor.evaluation.datasets import DatasetError
from tutor.evaluation.report import EvalReport, SuiteResult, Threshold, apply_overrides, default_thresholds
from tutor.evaluation.suites import SUITES


class UnknownSuiteError(ValueError):
    """A suite name that `tutor eval` does not have."""


def run_evaluation(
    names: list[str] | None = None,
    dataset: Path | None = None,
    overrides: list[tuple[str | None, Threshold]] | None = None,
    context: SuiteContext | None = None,
) -> EvalReport:
    """Run `names` (default: every suite); `dataset` replaces the default data of a single suite."""
    chosen = names or list(SUITES)
    unknown = [n for n in chosen if n not in SUITES]
    if unknown:
        raise UnknownSuiteError(f"unknown suite {unknown[0]!r}; choose from {', '.join(SUITES)}")
    if dataset is not None and len(chosen) != 1:
        raise UnknownSuiteError("--dataset needs exactly one suite, e.g. `tutor eval mcq --dataset FILE`")
    thresholds = default_thresholds(get_settings().eval)
    apply_overrides(thresholds, overrides or [], {name: list(s.metrics) for name, s in SUITES.items()})
    context = context or SuiteContext()
    report = EvalReport()
    for name in chosen:
        suite = SUITES[name]
        datasets = [dataset] if dataset is not None else suite.default_datasets()
        try:
            result = suite.run(datasets, context)
        except DatasetError as exc:
            result = SuiteResult(name, {}, 0, error=str(exc), dataset=", ".join(str(p) for p in datasets))
        except (ValueError, OSError, RuntimeError) as exc:
            # A broken fact card, corpus file or model fails this suite; the other suites still run.
            result = SuiteResult(name, {}, 0, error=f"{name} suite could not run: {exc}", dataset=", ".join(str(p) for p in datasets))
        result.thresholds = thresholds.get(name, [])
        report.suites[name] = result
    return report
