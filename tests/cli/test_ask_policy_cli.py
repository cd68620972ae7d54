"""`tutor ask` on the policy route: the `--json` contract and `--scenario`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tutor.answer.service import AnswerService
from tutor.cli import ask as ask_commands
from tutor.cli.main import app
from tutor.knowledge.hashing_embedder import HashingEmbedder

runner = CliRunner()


@pytest.fixture(autouse=True)
def service(monkeypatch):
    """A service that would embed with the bag-of-words stand-in (the policy route embeds nothing)."""
    embedder = HashingEmbedder()
    monkeypatch.setattr(ask_commands, "_service", lambda: AnswerService(embedder=embedder))
    return embedder


def test_ask_json_gives_the_decision_the_request_and_the_trace(service):
    result = runner.invoke(app, ["ask", "Can Mateo delete a receipt?", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"answer", "citations", "abstained", "route", "retrieved", "decision", "request", "trace"}
    assert (data["route"], data["decision"], data["abstained"], data["retrieved"]) == (
        "policy", "ExplicitlyDenied", False, [])
    assert {k: data["request"][k] for k in ("principal", "action", "resource")} == {
        "principal": "arn:aws:iam::111122223333:user/Mateo", "action": "s3:DeleteObject",
        "resource": "arn:aws:s3:::coffee-shop-receipts/example-object"}
    assert data["request"]["context"]["aws:SecureTransport"] == "true"
    assert (data["trace"]["decided_by"], data["trace"]["rule"]) == ("resource", "explicit-deny")
    assert [c["id"] for c in data["citations"]] == ["iam-policy-evaluation", "iam-policy-types"]
    assert data["answer"].startswith("Explicitly denied: Mateo (arn:aws:iam::111122223333:user/Mateo) cannot perform ")
    assert service.embedded == []


def test_a_clarifying_question_has_a_null_decision():
    result = runner.invoke(app, ["ask", "Can Mateo delete?", "--json"])
    data = json.loads(result.stdout)
    assert (data["route"], data["decision"], data["request"], data["trace"]) == ("policy", None, None, None)
    assert data["answer"].startswith("I could not tell what Mateo should delete.")


def test_scenario_option_chooses_the_scenario():
    result = runner.invoke(app, ["ask", "Can Nadia assume the orders role with MFA?", "--scenario", "cross-account",
                                 "--json"])
    data = json.loads(result.stdout)
    assert (data["decision"], data["request"]["resource"]) == ("Allowed", "arn:aws:iam::444455556666:role/ShopOrdersRole")
    assert data["request"]["context"]["aws:MultiFactorAuthPresent"] == "true"


def test_an_unknown_scenario_is_one_error_line_and_exit_code_2():
    result = runner.invoke(app, ["ask", "Can Mateo read a receipt?", "--scenario", "moon-base"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: no scenario called 'moon-base' (bundled scenarios: coffee-shop, cross-account")


def test_plain_output_starts_with_the_decision():
    result = runner.invoke(app, ["ask", "Can Priya decrypt with the shop key?"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "Allowed: Priya (arn:aws:iam::111122223333:user/Priya) can perform kms:Decrypt on "
        "arn:aws:kms:us-east-1:111122223333:key/0a1b2c3d-1111-2222-3333-444455556666.")
