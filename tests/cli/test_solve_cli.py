"""`tutor solve`: free text, JSON contract, files with bad lines, unparseable input."""

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


@pytest.fixture(autouse=True)
def fake_solver(monkeypatch):
    solver = fakes.fake_solver()
    monkeypatch.setattr("tutor.cli.solve._solver", lambda: solver)


QUESTION = "Which service scans EC2 instances for software vulnerabilities?\nA. AWS Artifact\nB) Amazon Inspector\n(C) Amazon GuardDuty"


def test_json_output_is_the_contract():
    result = runner.invoke(app, ["solve", QUESTION, "--json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["picked"] == ["B"]
    assert document["tentative"] is False
    assert {k: v["verdict"] for k, v in document["options"].items()} == {"A": "incorrect", "B": "correct", "C": "incorrect"}
    assert document["options"]["B"]["citations"] == [{"id": "svc-inspector", "title": "Amazon Inspector", "source": "corpus/test.md"}]


def test_plain_output_names_the_answer_and_every_option():
    result = runner.invoke(app, ["solve", QUESTION])
    assert result.exit_code == 0
    assert result.stdout.startswith("Answer: B")
    assert "✓ B. Amazon Inspector" in result.stdout and "✗ A. AWS Artifact" in result.stdout


def test_question_from_stdin():
    result = runner.invoke(app, ["solve", "-", "--json"], input=QUESTION)
    assert json.loads(result.stdout)["picked"] == ["B"]


def test_text_without_options_gets_one_clear_message():
    result = runner.invoke(app, ["solve", "What does Amazon Inspector do?"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("error: no answer options found")


def test_file_solves_each_line_and_reports_bad_lines(tmp_path):
    path = tmp_path / "q.jsonl"
    good = {"id": "q1", "question": "Which service scans EC2 instances for software vulnerabilities?",
            "options": {"A": "AWS Artifact", "B": "Amazon Inspector"}, "answer": ["B"]}
    path.write_text(json.dumps(good) + "\n" + '{"id": "q2", "options": {"A": "x", "B": "y"}}\n' + json.dumps({**good, "id": "q3"}) + "\n")
    result = runner.invoke(app, ["solve", "--file", str(path), "--json"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["id"], r["picked"], r["correct"]) for r in lines] == [("q1", ["B"], True), ("q3", ["B"], True)]
    assert result.stderr.strip() == f"error: {path}:2: field 'question' must be a non-empty string"


def test_a_broken_fact_card_file_is_one_error_line(monkeypatch, tmp_path):
    from tutor.solve import solver as solver_module
    from tutor.solve.facts import load_fact_cards

    monkeypatch.undo()  # use the real loading path, pointed at a broken card file
    (tmp_path / "shared_responsibility.yaml").write_text("- id: x\n  item: Patching\n  owner: nobody\n")

    def broken(service=None):
        load_fact_cards(tmp_path)

    monkeypatch.setattr(solver_module, "default_solver", broken)
    result = runner.invoke(app, ["solve", "Q?\nA. a\nB. b"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"error: cannot load the solver: {tmp_path / 'shared_responsibility.yaml'}: items[0] skipped "
        "(owner: Input should be 'aws', 'customer' or 'shared'; service: Field required; "
        "service_type: Field required; section: Field required)"
    )
