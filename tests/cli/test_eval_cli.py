"""`tutor eval`: dataset swap, JSON report, threshold gating, bad lines, HTML."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tutor.cli.main import app

runner = CliRunner()

_spec = importlib.util.spec_from_file_location("solve_fakes", Path(__file__).parents[1] / "solve" / "fakes.py")
fakes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fakes)

_ALLOW = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}


def _case(case_id: str, action: str, expected: str) -> str:
    return json.dumps(
        {"id": case_id, "policies": {"identity": [_ALLOW], "resource": None, "scps": [], "rcps": [], "boundary": None, "session": None},
         "request": {"principal": "arn:aws:iam::111122223333:user/rudy", "action": action,
                     "resource": "arn:aws:s3:::receipts/a.csv", "resource_account": "111122223333", "context": {}},
         "expected": expected}
    )


@pytest.fixture
def iam_cases(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join([_case("get", "s3:GetObject", "Allowed"), _case("put", "s3:PutObject", "ImplicitlyDenied")]) + "\n")
    return path


def test_dataset_swap_with_json_report(iam_cases):
    result = runner.invoke(app, ["eval", "iam", "--dataset", str(iam_cases), "--json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["passed"] is True
    assert report["suites"]["iam"] == {
        "metrics": {"agreement": 1.0}, "thresholds": {"agreement": {"min": 1.0}}, "passed": True,
        "failures": [], "count": 2, "problems": [], "dataset": str(iam_cases),
    }


def test_a_missed_threshold_exits_1_and_a_lower_gate_passes(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text(_case("get", "s3:GetObject", "Allowed") + "\n" + _case("wrong", "s3:PutObject", "Allowed") + "\n")
    failed = runner.invoke(app, ["eval", "iam", "--dataset", str(path), "--show-failures"])
    assert failed.exit_code == 1
    assert "wrong: expected Allowed, evaluator says ImplicitlyDenied" in failed.stdout
    assert "failed: iam" in failed.stderr
    gated = runner.invoke(app, ["eval", "iam", "--dataset", str(path), "--min", "iam.agreement=0.5"])
    assert gated.exit_code == 0


def test_bad_lines_are_reported_with_file_and_line_and_skipped(iam_cases, tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(iam_cases.read_text() + "{broken\n")
    result = runner.invoke(app, ["eval", "iam", "--dataset", str(path), "--json"])
    report = json.loads(result.stdout)
    assert report["suites"]["iam"]["count"] == 2
    assert report["suites"]["iam"]["problems"] == [f"{path}:3: not valid JSON: Expecting property name enclosed in double quotes (column 2)"]
    assert f"{path}:3: not valid JSON" in result.stderr


def test_a_malformed_gate_is_one_error_line():
    result = runner.invoke(app, ["eval", "iam", "--min", "agreement"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --min 'agreement': expected METRIC=VALUE")


def test_an_unknown_suite_is_refused():
    result = runner.invoke(app, ["eval", "speed"])
    assert result.exit_code == 2
    assert "unknown suite 'speed'" in result.stderr


def test_a_missing_dataset_fails_the_suite_without_a_traceback(tmp_path):
    result = runner.invoke(app, ["eval", "iam", "--dataset", str(tmp_path / "none.jsonl"), "--json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["suites"]["iam"]["error"] == f"{tmp_path / 'none.jsonl'}: no such dataset file"


def test_mcq_suite_writes_per_topic_accuracy_and_an_html_chart(tmp_path, monkeypatch):
    monkeypatch.setattr("tutor.solve.solver.default_solver", lambda service=None: fakes.fake_solver())
    data = tmp_path / "mcq.jsonl"
    rows = [
        {"id": "m1", "question": "Which service scans EC2 instances for software vulnerabilities?",
         "options": {"A": "AWS Artifact", "B": "Amazon Inspector"}, "answer": ["B"], "topic": "security-services"},
        {"id": "m2", "question": "Where are SOC compliance reports downloaded?",
         "options": {"A": "AWS Artifact", "B": "Amazon GuardDuty"}, "answer": ["B"], "topic": "compliance"},
    ]
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    html, out = tmp_path / "r.html", tmp_path / "r.json"
    result = runner.invoke(app, ["eval", "mcq", "--dataset", str(data), "--html", str(html), "--out", str(out), "--show-failures"])
    assert result.exit_code == 1  # 0.5 < 0.9
    report = json.loads(out.read_text())["suites"]["mcq"]
    assert report["metrics"] == {"accuracy": 0.5}
    assert report["by_topic"] == {"compliance": {"accuracy": 0.0, "count": 1.0}, "security-services": {"accuracy": 1.0, "count": 1.0}}
    assert report["failures"][0]["picked"] == ["A"] and report["failures"][0]["answer"] == ["B"]
    assert "m2: picked ['A'], key is ['B']" in result.stdout
    assert html.read_text().count('class="bar"') == 2
