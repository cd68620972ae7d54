"""`tutor solve --file` with a file that holds no questions says so instead of exiting 1 silently."""

from __future__ import annotations

from typer.testing import CliRunner

from tutor.cli.main import app

runner = CliRunner()


def test_an_empty_question_file_is_one_error_line(tmp_path):
    path = tmp_path / "mcq.jsonl"
    path.write_text("")
    result = runner.invoke(app, ["solve", "--file", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"error: {path}: no questions in the file\n"


def test_a_file_of_blank_lines_is_the_same_error(tmp_path):
    path = tmp_path / "mcq.jsonl"
    path.write_text("\n\n")
    result = runner.invoke(app, ["solve", "--file", str(path)])
    assert result.exit_code == 1
    assert result.stderr == f"error: {path}: no questions in the file\n"
