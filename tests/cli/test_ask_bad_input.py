"""`tutor ask` with a question made only of control characters: the empty-question error, exit 2."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tutor.answer.service import AnswerService
from tutor.cli import ask as ask_commands
from tutor.cli.main import app
from tutor.knowledge.hashing_embedder import HashingEmbedder

runner = CliRunner()


@pytest.fixture(autouse=True)
def embedder(monkeypatch):
    fake = HashingEmbedder()
    monkeypatch.setattr(ask_commands, "_service", lambda: AnswerService(embedder=fake))
    return fake


def test_a_question_of_control_characters_is_refused_before_any_work(embedder):
    result = runner.invoke(app, ["ask", "\x01\x02\x1b", "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "error: the question is empty; type a question about the security module\n"
    assert embedder.embedded == []
