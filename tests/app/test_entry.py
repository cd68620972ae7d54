"""`tutor` with no command opens the app; `tutor chat --plain` keeps the plain question loop."""

from __future__ import annotations

from typer.testing import CliRunner

from tutor.app.tutor_app import TutorApp
from tutor.cli.main import app as cli


def test_tutor_with_no_command_runs_the_app(monkeypatch):
    runs = []
    monkeypatch.setattr(TutorApp, "run", lambda self, *a, **k: runs.append(type(self).__name__))
    result = CliRunner().invoke(cli, [])
    assert result.exit_code == 0, result.output
    assert runs == ["TutorApp"]


def test_chat_plain_runs_the_question_loop_instead_of_the_app(monkeypatch):
    monkeypatch.setattr(TutorApp, "run", lambda self, *a, **k: (_ for _ in ()).throw(AssertionError("app ran")))
    result = CliRunner().invoke(cli, ["chat", "--plain"], input="quit\n")
    assert result.exit_code == 0, result.output
    assert "Type quit to leave." in result.output
    assert result.output.rstrip().endswith("Goodbye.")
