"""`tutor solve`: answer an exam-style multiple-choice question, explaining every option."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from tutor.solve.question import ExamQuestion
    from tutor.solve.solver import ExamSolver, Solution

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(code)


def _solver() -> ExamSolver:
    from tutor.answer.service import AnswerService
    from tutor.cli.ask import RichIndexProgress
    from tutor.solve.solver import default_solver

    try:
        with err.status("Loading the model and the notes…") if err.is_terminal else _nothing():
            return default_solver(AnswerService(progress=RichIndexProgress))
    except (ValueError, OSError, RuntimeError) as exc:
        # A broken fact card or corpus file, or a model that will not load: say which, no traceback.
        raise _fail(f"cannot load the solver: {exc}") from None


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def print_solution(solution: Solution, console: Console = out) -> None:
    """The picked letters, then each option with its verdict, reason and citations."""
    question = solution.question
    picked = ", ".join(solution.picked)
    console.print(f"[bold]Answer: {picked}[/bold]  (confidence {solution.confidence:.2f})")
    if solution.tentative:
        from tutor.solve.solver import TENTATIVE_NOTE

        console.print(f"[yellow]{escape(TENTATIVE_NOTE)}[/yellow]")
    for letter, verdict in solution.options.items():
        mark = "[green]✓[/green]" if verdict.verdict == "correct" else "[red]✗[/red]"
        cites = " ".join(f"[{c.id}]" for c in verdict.citations)
        console.print(f"{mark} [bold]{letter}.[/bold] {escape(question.options[letter])}")
        console.print(f"    {escape(verdict.reason)} [dim]{escape(cites)}[/dim]")


def _solve_file(path: Path, as_json: bool) -> int:
    from tutor.evaluation.datasets import DatasetError, read_records
    from tutor.solve.question import question_from_record

    try:
        items, problems = read_records(path, question_from_record)
    except DatasetError as exc:
        raise _fail(str(exc)) from None
    for problem in problems:
        err.print(f"[red]error:[/red] {escape(str(problem))}")
    if not items:
        if not problems:
            # Without this line an empty file would exit 1 with nothing said.
            err.print(f"[red]error:[/red] {escape(str(path))}: no questions in the file")
        return 1
    solver = _solver()
    right = keyed = 0
    for _, question in items:
        solution = solver.solve(question)
        line = {"id": question.id, **solution.to_json()}
        if question.answer:
            keyed += 1
            line["correct"] = sorted(solution.picked) == sorted(question.answer)
            right += line["correct"]
        if as_json:
            typer.echo(json.dumps(line, ensure_ascii=False))
        else:
            verdict = "" if not question.answer else ("  right" if line["correct"] else f"  wrong (key {', '.join(question.answer)})")
            out.print(f"{escape(question.id or '?')}: {', '.join(solution.picked)}  (confidence {solution.confidence:.2f}){verdict}")
    if keyed and not as_json:
        out.print(f"{right}/{keyed} keyed questions right ({right / keyed:.3f})")
    return 1 if problems else 0


def _solve_text(text: str, as_json: bool) -> int:
    from tutor.solve.question import QuestionFormatError, parse_question

    try:
        question: ExamQuestion = parse_question(text)
    except QuestionFormatError as exc:
        raise _fail(str(exc)) from None
    solution = _solver().solve(question)
    if as_json:
        typer.echo(json.dumps(solution.to_json(), ensure_ascii=False))
    else:
        print_solution(solution)
    return 0


def register(app: typer.Typer) -> None:
    @app.command("solve")
    def solve(
        question: str = typer.Argument(None, help="The question with its options A-E; '-' reads it from stdin."),
        file: Path = typer.Option(None, "--file", "-f", help="A JSONL file of MCQ records (evals/README.md); one result per line."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON: one document, or one line per question with --file."),
    ) -> None:
        """Pick the answer to an exam-style question and explain why each option is right or wrong."""
        if file is not None:
            if question:
                raise _fail("give either a question or --file, not both")
            raise typer.Exit(_solve_file(file, as_json))
        if question is None or question == "-":
            if sys.stdin.isatty() and question is None:
                raise _fail("no question given: pass it in quotes, '-' to read stdin, or --file FILE.jsonl")
            question = sys.stdin.read()
        raise typer.Exit(_solve_text(question, as_json))
