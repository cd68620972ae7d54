"""The result of `tutor eval`: per-suite metrics, thresholds, failures, and whether each passed.

The JSON shape is a contract (`--json`, `--out`): `{"passed": bool, "suites": {name: {"metrics",
"thresholds", "passed", "failures", "count", ...}}}`. Keys may be added, never renamed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tutor.config import EvalThresholds


@dataclass(frozen=True)
class Threshold:
    """A bound on one metric: `at least` (higher is better) or `at most`."""

    metric: str
    value: float
    at_most: bool = False

    def holds(self, measured: float | None) -> bool:
        if measured is None:
            return False
        return measured <= self.value if self.at_most else measured >= self.value

    def to_json(self) -> dict[str, float]:
        return {"max" if self.at_most else "min": self.value}


@dataclass
class SuiteResult:
    """What one suite measured."""

    name: str
    metrics: dict[str, float]
    count: int
    failures: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Dataset lines that could not be used, as `file:line: message`."""
    by_topic: dict[str, dict[str, float]] = field(default_factory=dict)
    dataset: str | None = None
    thresholds: list[Threshold] = field(default_factory=list)
    error: str | None = None
    """Set when the suite could not run at all (e.g. its dataset is missing)."""

    @property
    def passed(self) -> bool:
        return self.error is None and all(t.holds(self.metrics.get(t.metric)) for t in self.thresholds)

    def failed_thresholds(self) -> list[Threshold]:
        return [t for t in self.thresholds if not t.holds(self.metrics.get(t.metric))]

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "metrics": {k: round(v, 4) for k, v in self.metrics.items()},
            "thresholds": {t.metric: t.to_json() for t in self.thresholds},
            "passed": self.passed,
            "failures": self.failures,
            "count": self.count,
            "problems": self.problems,
            "dataset": self.dataset,
        }
        if self.by_topic:
            data["by_topic"] = {t: {k: round(v, 4) for k, v in m.items()} for t, m in self.by_topic.items()}
        if self.error:
            data["error"] = self.error
        return data


@dataclass
class EvalReport:
    """Every suite that ran."""

    suites: dict[str, SuiteResult] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return all(s.passed for s in self.suites.values())

    def to_json(self) -> dict[str, Any]:
        return {"passed": self.passed, "suites": {name: s.to_json() for name, s in self.suites.items()}}


def default_thresholds(settings: EvalThresholds) -> dict[str, list[Threshold]]:
    """The configured gates, per suite (`get_settings().eval`)."""
    return {
        "retrieval": [Threshold("recall@5", settings.recall_at_5)],
        "answers": [
            Threshold("key_fact_recall", settings.key_fact_recall),
            Threshold("out_of_scope_abstention", settings.out_of_scope_abstention),
            Threshold("false_abstention", settings.false_abstention_max, at_most=True),
        ],
        "mcq": [Threshold("accuracy", settings.mcq_accuracy)],
        "iam": [Threshold("agreement", settings.iam_agreement)],
        "quiz": [Threshold("validity", settings.quiz_validity)],
        "policy": [
            Threshold("routing_accuracy", settings.policy_routing_accuracy),
            Threshold("decision_accuracy", settings.policy_decision_accuracy),
        ],
    }


class ThresholdSpecError(ValueError):
    """A `--min`/`--max` argument that is not `METRIC=VALUE`."""


_SPEC = re.compile(r"^(?:(?P<suite>[a-z]+)\.)?(?P<metric>[A-Za-z0-9_@.\-]+?)=(?P<value>-?\d+(?:\.\d+)?)$")


def parse_threshold_spec(spec: str, at_most: bool = False) -> tuple[str | None, Threshold]:
    """`mcq.accuracy=0.9` or `recall@5=0.95` -> (suite or None, Threshold)."""
    match = _SPEC.match(spec.strip())
    if not match:
        flag = "--max" if at_most else "--min"
        raise ThresholdSpecError(f"{flag} {spec!r}: expected METRIC=VALUE or SUITE.METRIC=VALUE, e.g. mcq.accuracy=0.9")
    return match["suite"], Threshold(match["metric"], float(match["value"]), at_most)


def apply_overrides(report_thresholds: dict[str, list[Threshold]], overrides: list[tuple[str | None, Threshold]], known_metrics: dict[str, list[str]]) -> None:
    """Replace or add thresholds from the command line; a bare metric applies to every suite that measures it."""
    for suite, threshold in overrides:
        targets = [suite] if suite else [name for name, metrics in known_metrics.items() if threshold.metric in metrics]
        if suite and suite not in known_metrics:
            raise ThresholdSpecError(f"unknown suite {suite!r} in a threshold; choose from {', '.join(known_metrics)}")
        if not targets:
            raise ThresholdSpecError(f"unknown metric {threshold.metric!r} for any suite")
        for name in targets:
            if threshold.metric not in known_metrics[name]:
                raise ThresholdSpecError(
                    f"suite {name!r} has no metric {threshold.metric!r}; it has {', '.join(known_metrics[name])}"
                )
            kept = [t for t in report_thresholds.get(name, []) if not (t.metric == threshold.metric and t.at_most == threshold.at_most)]
            report_thresholds[name] = [*kept, threshold]
