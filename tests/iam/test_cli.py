"""`tutor policy` commands, including bad input: one clear error line, no traceback, the rest goes on."""

import json

import pytest
from typer.testing import CliRunner

from tutor.cli.main import app
from tutor.cli.policy import parse_context

runner = CliRunner()
GOOD = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}


@pytest.fixture
def files(tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(GOOD))
    bad = tmp_path / "bad.json"
    bad.write_text('{"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}]}')
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "Version": "2012-10-17",\n  "Statement": [\n')
    deny = tmp_path / "deny.json"
    deny.write_text(json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "NoDeletes", "Effect": "Deny", "Principal": "*", "Action": "s3:DeleteObject", "Resource": "*"}]}))
    return {"good": good, "bad": bad, "broken": broken, "deny": deny, "missing": tmp_path / "nope.json"}


def test_validate_reports_each_file_and_fails_when_any_is_invalid(files):
    result = runner.invoke(app, ["policy", "validate", str(files["good"]), str(files["missing"]), str(files["bad"]), str(files["broken"])])
    assert result.exit_code == 1
    assert f"{files['good']}: valid" in result.stdout
    assert f'{files["bad"]}: invalid (1 error)\n  error: Statement[0].Effect: must be "Allow" or "Deny", got "allow"' in result.stdout
    assert "policy (line 4, column 1): not valid JSON" in result.stdout
    assert f"error: {files['missing']}: no such file" in result.stderr
    assert "Traceback" not in result.output


def test_validate_passes_on_valid_files(files):
    result = runner.invoke(app, ["policy", "validate", str(files["good"])])
    assert result.exit_code == 0


def test_check_json_is_one_document(files):
    result = runner.invoke(app, ["policy", "check", "--policy", str(files["good"]), "--action", "s3:GetObject",
                                 "--resource", "arn:aws:s3:::r/a", "--principal", "arn:aws:iam::111122223333:user/rudy", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["outcome"] == "Allowed" and data["trace"]["decided_by"] == "identity"
    assert data["request"]["context"]["aws:username"] == "rudy"


def test_check_with_resource_policy_deny_shows_decision_and_trace(files):
    result = runner.invoke(app, ["policy", "check", "--policy", str(files["good"]), "--resource-policy", str(files["deny"]),
                                 "--action", "s3:DeleteObject", "--resource", "arn:aws:s3:::r/a"])
    assert result.exit_code == 0
    assert result.stdout.startswith("ImplicitlyDenied") or result.stdout.startswith("ExplicitlyDenied")
    assert "ExplicitlyDenied" in result.stdout and "NoDeletes" in result.stdout and "Trace" in result.stdout


def test_check_with_an_invalid_policy_file_names_file_and_path(files):
    result = runner.invoke(app, ["policy", "check", "--policy", str(files["bad"]), "--action", "s3:GetObject", "--resource", "*"])
    assert result.exit_code == 2
    assert result.stderr.strip() == f'error: {files["bad"]}: Statement[0].Effect: must be "Allow" or "Deny", got "allow"'


def test_context_values_with_commas_or_repeated_keys_become_lists():
    assert parse_context(["aws:TagKeys=a,b", "aws:username=rudy", "k=1", "k=2"]) == {
        "aws:TagKeys": ["a", "b"], "aws:username": "rudy", "k": ["1", "2"]}
    with pytest.raises(ValueError, match="expected KEY=VALUE"):
        parse_context(["novalue"])


def test_ask_a_bundled_scenario_by_name():
    result = runner.invoke(app, ["policy", "ask", "coffee-shop", "cashier", "s3:ListBucket", "receipts bucket", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["outcome"] == "Allowed"


def test_ask_with_context_and_unknown_names():
    denied = runner.invoke(app, ["policy", "ask", "coffee-shop", "cashier", "s3:GetObject", "receipts/a.csv",
                                 "--context", "aws:SecureTransport=false"])
    assert denied.exit_code == 0 and denied.stdout.startswith("ExplicitlyDenied")
    unknown = runner.invoke(app, ["policy", "ask", "coffee-shop", "barista", "s3:GetObject", "receipts"])
    assert unknown.exit_code == 2 and unknown.stderr.startswith("error: Coffee shop: no principal called 'barista'")
    missing = runner.invoke(app, ["policy", "ask", "no-such-world", "cashier", "s3:GetObject", "receipts"])
    assert missing.exit_code == 2 and "bundled scenarios: coffee-shop, cross-account" in missing.stderr


def test_replay_prints_agreement_and_mismatches(tmp_path):
    line = {"id": "c1", "policies": {"identity": [GOOD]}, "request": {"principal": "arn:aws:iam::111122223333:user/rudy",
            "action": "s3:GetObject", "resource": "arn:aws:s3:::r/a"}, "expected": "ImplicitlyDenied"}
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps(line) + "\n{oops\n")
    result = runner.invoke(app, ["policy", "replay", str(path)])
    assert result.exit_code == 1
    assert result.stdout.startswith("0/2 cases agree (0.0%)")
    assert "line 1 [c1]: expected ImplicitlyDenied, got Allowed" in result.stdout
    assert f"\n{path}:2: not valid JSON: Expecting property name enclosed in double quotes (column 2)\n" in result.stdout
    as_json = runner.invoke(app, ["policy", "replay", str(path), "--json"])
    data = json.loads(as_json.stdout)
    assert (data["total"], data["agree"], len(data["mismatches"])) == (2, 0, 2)


def test_replay_missing_file():
    result = runner.invoke(app, ["policy", "replay", "nowhere.jsonl"])
    assert result.exit_code == 2 and result.stderr.strip() == "error: nowhere.jsonl: no such file"


def test_check_with_scp_boundary_and_session_policy_files(tmp_path, files):
    only_ec2 = tmp_path / "scp.json"
    only_ec2.write_text(json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}))
    args = ["policy", "check", "--policy", str(files["good"]), "--action", "s3:GetObject", "--resource", "arn:aws:s3:::r/a",
            "--principal", "arn:aws:sts::111122223333:assumed-role/Ops/sam", "--json"]
    scp = json.loads(runner.invoke(app, args + ["--scp", str(files["good"]), "--scp", str(only_ec2)]).stdout)
    assert (scp["outcome"], scp["trace"]["decided_by"]) == ("ImplicitlyDenied", "scp[1]")
    boundary = json.loads(runner.invoke(app, args + ["--boundary", str(only_ec2)]).stdout)
    assert boundary["trace"]["rule"] == "boundary-no-allow"
    session = json.loads(runner.invoke(app, args + ["--session-policy", str(only_ec2)]).stdout)
    assert session["trace"]["rule"] == "session-no-allow"
