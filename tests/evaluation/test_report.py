"""Thresholds, command-line gates and the report's JSON shape."""

from __future__ import annotations

import pytest

from tutor.config import EvalThresholds
from tutor.evaluation.report import (
    EvalReport,
    SuiteResult,
    Threshold,
    ThresholdSpecError,
    apply_overrides,
    default_thresholds,
    parse_threshold_spec,
)

KNOWN = {"mcq": ["accuracy"], "retrieval": ["recall@1", "recall@5"], "answers": ["false_abstention"]}


def test_spec_with_and_without_suite():
    assert parse_threshold_spec("mcq.accuracy=0.9") == ("mcq", Threshold("accuracy", 0.9))
    assert parse_threshold_spec("recall@5=0.95") == (None, Threshold("recall@5", 0.95))
    assert parse_threshold_spec("false_abstention=0.1", at_most=True) == (None, Threshold("false_abstention", 0.1, True))


@pytest.mark.parametrize("spec", ["accuracy", "accuracy=high", "=0.9", "mcq.accuracy=0.9=1"])
def test_malformed_spec_is_refused_with_an_example(spec):
    with pytest.raises(ThresholdSpecError, match="METRIC=VALUE"):
        parse_threshold_spec(spec)


def test_a_bare_metric_gates_every_suite_that_measures_it_and_replaces_the_default():
    thresholds = {"mcq": [Threshold("accuracy", 0.9)]}
    apply_overrides(thresholds, [parse_threshold_spec("accuracy=0.5")], KNOWN)
    assert thresholds["mcq"] == [Threshold("accuracy", 0.5)]


def test_an_unknown_metric_is_an_error_naming_the_suite_metrics():
    with pytest.raises(ThresholdSpecError, match="has no metric 'precision'; it has accuracy"):
        apply_overrides({}, [parse_threshold_spec("mcq.precision=0.5")], KNOWN)


def test_at_most_thresholds_fail_when_exceeded():
    result = SuiteResult("answers", {"false_abstention": 0.2}, 10, thresholds=[Threshold("false_abstention", 0.05, True)])
    assert not result.passed
    assert result.failed_thresholds() == [Threshold("false_abstention", 0.05, True)]


def test_a_missing_metric_fails_its_threshold():
    assert not SuiteResult("mcq", {}, 0, thresholds=[Threshold("accuracy", 0.9)]).passed


def test_defaults_come_from_the_settings():
    gates = default_thresholds(EvalThresholds(mcq_accuracy=0.8))
    assert gates["mcq"] == [Threshold("accuracy", 0.8)]
    assert Threshold("false_abstention", 0.05, True) in gates["answers"]


def test_report_json_shape():
    report = EvalReport(
        {"mcq": SuiteResult("mcq", {"accuracy": 0.75}, 4, [{"id": "q1", "problem": "picked ['A'], key is ['B']"}],
                            ["f.jsonl:3: not valid JSON"], {"iam": {"accuracy": 0.5, "count": 2.0}},
                            thresholds=[Threshold("accuracy", 0.9)])}
    )
    assert report.to_json() == {
        "passed": False,
        "suites": {
            "mcq": {
                "metrics": {"accuracy": 0.75},
                "thresholds": {"accuracy": {"min": 0.9}},
                "passed": False,
                "failures": [{"id": "q1", "problem": "picked ['A'], key is ['B']"}],
                "count": 4,
                "problems": ["f.jsonl:3: not valid JSON"],
                "dataset": None,
                "by_topic": {"iam": {"accuracy": 0.5, "count": 2.0}},
            }
        },
    }
