"""`tutor policy` with bad input: one `error:` line naming what was wrong, exit 2."""

from __future__ import annotations

from typer.testing import CliRunner

from tutor.cli.main import app

runner = CliRunner()


def test_replay_of_an_empty_file_fails_instead_of_reporting_zero_of_zero(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text("")
    result = runner.invoke(app, ["policy", "replay", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {path}: no decision cases (the file is empty)\n"


def test_replay_of_a_file_of_blank_lines_fails_the_same_way(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text("\n  \n\n")
    result = runner.invoke(app, ["policy", "replay", str(path)])
    assert result.exit_code == 2
    assert result.stderr == f"error: {path}: no decision cases (the file is empty)\n"


def test_replay_of_a_binary_file_says_it_is_not_text(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_bytes(b"\xbe\xef\x00\x01binary")
    result = runner.invoke(app, ["policy", "replay", str(path)])
    assert result.exit_code == 2
    assert result.stderr == f"error: {path}: not UTF-8 text\n"


def test_replay_of_a_directory_names_it():
    result = runner.invoke(app, ["policy", "replay", "."])
    assert result.exit_code == 2
    assert result.stderr == "error: .: is a directory, not a JSONL file of cases\n"


def test_replay_names_bad_lines_as_file_colon_line_with_the_id_when_there_is_one(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text('{oops\n[1]\n{"id": "c9"}\n')
    result = runner.invoke(app, ["policy", "replay", str(path)])
    assert result.exit_code == 1
    assert result.stdout == (
        "0/3 cases agree (0.0%)\n"
        f"\n{path}:1: not valid JSON: Expecting property name enclosed in double quotes (column 2)\n"
        f"\n{path}:2: a case must be a JSON object\n"
        f"\n{path}:3 [c9]: policies: missing or not an object\n"
    )


def test_check_refuses_an_action_that_is_not_service_colon_action(tmp_path):
    policy = tmp_path / "p.json"
    policy.write_text('{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}')
    result = runner.invoke(app, ["policy", "check", "--policy", str(policy), "--action", "getobject", "--resource", "*"])
    assert result.exit_code == 2
    assert result.stderr == "error: action 'getobject': expected service:Action, for example s3:GetObject\n"


def test_scenario_ask_refuses_an_action_that_is_not_service_colon_action():
    result = runner.invoke(app, ["policy", "ask", "coffee-shop", "cashier", "list bucket", "receipts bucket"])
    assert result.exit_code == 2
    assert result.stderr == "error: action 'list bucket': expected service:Action, for example s3:GetObject\n"
