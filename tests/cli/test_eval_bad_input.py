"""`tutor eval --out/--html` to a path that cannot be written: one `error:` line, exit 1, the report still shown."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tutor.cli.main import app

runner = CliRunner()

_ALLOW = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}


@pytest.fixture
def iam_cases(tmp_path):
    case = {"id": "get", "policies": {"identity": [_ALLOW]},
            "request": {"principal": "arn:aws:iam::111122223333:user/rudy", "action": "s3:GetObject",
                        "resource": "arn:aws:s3:::receipts/a.csv"},
            "expected": "Allowed"}
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps(case) + "\n")
    return path


def test_html_into_a_directory_is_one_error_naming_it(iam_cases, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    result = runner.invoke(app, ["eval", "iam", "--dataset", str(iam_cases), "--json", "--html", str(folder)])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["passed"] is True
    assert result.stderr == f"error: cannot write {folder}: Is a directory\n"


def test_out_under_a_file_is_one_error_naming_it(iam_cases, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    target = blocker / "report.json"
    result = runner.invoke(app, ["eval", "iam", "--dataset", str(iam_cases), "--json", "--out", str(target)])
    assert result.exit_code == 1
    assert result.stderr == f"error: cannot write {target}: File exists\n"
    assert blocker.read_text() == "x"


def test_a_gate_on_an_unknown_suite_names_the_suite_and_the_choices():
    result = runner.invoke(app, ["eval", "iam", "--min", "nope.accuracy=0.5"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: unknown suite 'nope' in a threshold; choose from retrieval, answers, mcq, iam, quiz, policy\n"
    )
