"""`tutor quiz` (practice, exam, review), `tutor quiz bank` and `tutor progress` in a plain terminal.

A thin layer over `tutor.quiz.QuizSession` and `tutor.store`: each answer is committed by the
session as it is given, so Ctrl-C or end of input only loses the question on screen.
"""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

QUIT_WORDS = {"q", "quit", "exit"}


def _fail(message: str) -> None:
    Console(stderr=True, highlight=False).print(f"error: {escape(message)}", soft_wrap=True)
    raise typer.Exit(1)


def _open_store():
    from tutor.store import StoreError, open_store

    try:
        return open_store()
    except StoreError as exc:
        _fail(str(exc))


def _catalogue():
    from tutor.knowledge.corpus import CorpusError
    from tutor.quiz import build_catalogue

    try:
        return build_catalogue()
    except CorpusError as exc:
        _fail(str(exc))


# ---- tutor quiz ------------------------------------------------------------------------------


def _show_question(console: Console, session, question, started: float) -> None:
    progress = session.progress()
    stage = "re-drill" if session.redrilling else f"{progress.answered + 1}/{progress.total}"
    clock = ""
    if session.mode == "exam":
        elapsed = int(time.monotonic() - started)
        clock = f" · elapsed {elapsed // 60:02d}:{elapsed % 60:02d}"
    console.print()
    console.print(
        f"[bold]Question {stage}[/bold] · {question.topic} · difficulty {question.difficulty}"
        f" · id {question.id}{clock}",
        soft_wrap=True,
    )
    console.print(escape(question.stem), soft_wrap=True)
    for option in question.options:
        console.print(f"  [bold]{option.key}.[/bold] {escape(option.text)}", soft_wrap=True)


def _prompt(question) -> str:
    letters = [o.key for o in question.options]
    span = f"{letters[0]}-{letters[-1]}"
    if question.answers_required > 1:
        return f"Answer (pick {question.answers_required} of {span}, e.g. A,C; q to stop): "
    return f"Answer ({span}; q to stop): "


def _until(due) -> str:
    """'in 10 minutes', 'in 3 days': when a card comes back, for the learner."""
    from datetime import datetime, timezone

    seconds = max(0, int((due - datetime.now(timezone.utc)).total_seconds()))
    for size, unit in ((86_400, "day"), (3_600, "hour"), (60, "minute")):
        if seconds >= size:
            count = round(seconds / size)
            return f"in {count} {unit}{'s' if count != 1 else ''}"
    return "in under a minute"


def _show_feedback(console: Console, feedback) -> None:
    if feedback.correct:
        console.print("[green]Correct.[/green]")
    else:
        console.print(f"[red]Not quite.[/red] The answer is {', '.join(feedback.correct_keys)}.")
    for option in feedback.options:
        mark = "✓" if option.correct else ("✗" if option.chosen else " ")
        chosen = " (your answer)" if option.chosen else ""
        console.print(
            f" {mark} [bold]{option.key}[/bold]{chosen}: {escape(option.explanation)} [dim]\\[{option.citation}][/dim]",
            soft_wrap=True,
        )
    console.print(f"[dim]Next review of this question {_until(feedback.due)}.[/dim]")


def _show_summary(console: Console, summary, *, detailed: bool) -> None:
    console.print()
    if detailed:
        console.print("[bold]Answers[/bold]")
        for number, feedback in enumerate(f for f in summary.feedback if not f.redrill):
            verdict = "[green]right[/green]" if feedback.correct else "[red]wrong[/red]"
            key = feedback.question.option(feedback.correct_keys[0])
            console.print(
                f"{number + 1}. {verdict} · you: {','.join(feedback.chosen)} · answer: {','.join(feedback.correct_keys)}"
                f" ({feedback.response_ms or 0} ms) · {escape(feedback.question.stem)}",
                soft_wrap=True,
            )
            if not feedback.correct:
                console.print(f"   {escape(key.explanation)} [dim]\\[{key.citation}][/dim]", soft_wrap=True)
    if not summary.answered:
        console.print("No questions answered.")
        return
    table = Table(title=f"Score {summary.correct}/{summary.answered} ({summary.score:.0%})")
    table.add_column("topic")
    table.add_column("right", justify="right")
    table.add_column("score", justify="right")
    for topic in summary.topics:
        table.add_row(topic.topic, f"{topic.correct}/{topic.answered}", f"{topic.score:.0%}")
    console.print(table)
    if summary.weak_topics:
        console.print("Weak topics: " + ", ".join(summary.weak_topics))
    if summary.redrilled:
        console.print(f"Re-drilled {summary.redrilled} missed question(s).")


def run_quiz(topic: str | None, n: int, mode: str, seed: int | None) -> None:
    """Ask questions until the session ends, the learner types q, or input ends."""
    from tutor.quiz import InvalidAnswer, NothingDue, QuizError, QuizSession
    from tutor.store import ReviewStore

    console = Console(highlight=False)
    catalogue = _catalogue()
    questions = catalogue.valid_questions()
    invalid = len(catalogue.invalid())
    if invalid or catalogue.load_problems:
        Console(stderr=True).print(
            f"warning: {invalid} invalid question(s) and {len(catalogue.load_problems)} unreadable entries left out;"
            " see `tutor quiz bank`"
        )
    store = ReviewStore(_open_store())
    try:
        session = QuizSession.start(store, questions, topic=topic, n=n, mode=mode, seed=seed)
    except NothingDue as exc:
        console.print(f"Nothing to review: {exc}.")
        return
    except QuizError as exc:
        _fail(str(exc))
    started = time.monotonic()
    try:
        while (question := session.current()) is not None:
            _show_question(console, session, question, started)
            shown = time.monotonic()
            while True:
                reply = input(_prompt(question)).strip()
                if reply.lower() in QUIT_WORDS:
                    raise KeyboardInterrupt
                try:
                    feedback = session.answer(reply, response_ms=int((time.monotonic() - shown) * 1000))
                    break
                except InvalidAnswer as exc:
                    console.print(f"[yellow]{escape(str(exc))}[/yellow]")
            if mode != "exam":
                _show_feedback(console, feedback)
    except (KeyboardInterrupt, EOFError):
        summary = session.close()
        console.print()
        console.print(f"Stopped. {summary.answered} answer(s) saved.")
        _show_summary(console, summary, detailed=False)
        return
    summary = session.summary()
    if mode == "exam":
        elapsed = int(time.monotonic() - started)
        console.print(f"\nExam finished in {elapsed // 60:02d}:{elapsed % 60:02d}.")
    _show_summary(console, summary, detailed=mode == "exam")


# ---- tutor quiz bank -------------------------------------------------------------------------


def show_bank(as_json: bool) -> None:
    """Every question with its validation result; exits 1 if any is invalid or unreadable."""
    from tutor.quiz import TOPICS

    catalogue = _catalogue()
    if as_json:
        rows = [
            {
                "id": c.question.id,
                "topic": c.question.topic,
                "kind": c.question.kind,
                "source": c.question.source,
                "valid": c.valid,
                "problems": list(c.problems),
            }
            for c in catalogue.checked
        ]
        typer.echo(json.dumps(rows, indent=2))
        for problem in catalogue.load_problems:
            typer.echo(f"warning: {problem}", err=True)
    else:
        console = Console(highlight=False)
        for checked in catalogue.checked:
            q = checked.question
            status = "[green]ok[/green]     " if checked.valid else "[red]INVALID[/red]"
            console.print(f"{status} {q.id} {q.topic:<21} {q.kind:<10} {q.source:<34} {escape(q.stem)}", soft_wrap=True)
            for problem in checked.problems:
                console.print(f"        - {escape(problem)}", soft_wrap=True)
        for problem in catalogue.load_problems:
            console.print(f"[yellow]skipped[/yellow] {escape(problem)}", soft_wrap=True)
        table = Table(title="Questions per topic")
        for column in ("topic", "valid", "invalid"):
            table.add_column(column, justify="left" if column == "topic" else "right")
        for topic in TOPICS:
            mine = [c for c in catalogue.checked if c.question.topic == topic]
            table.add_row(topic, str(sum(c.valid for c in mine)), str(sum(not c.valid for c in mine)))
        others = [c for c in catalogue.checked if c.question.topic not in TOPICS]
        if others:
            table.add_row("(unknown topic)", "0", str(len(others)))
        valid = len(catalogue.valid_questions())
        table.add_row("[bold]total[/bold]", str(valid), str(len(catalogue.checked) - valid))
        console.print(table)
    if catalogue.invalid() or catalogue.load_problems:
        raise typer.Exit(1)


# ---- tutor progress --------------------------------------------------------------------------


def show_progress(as_json: bool, export: Path | None) -> None:
    """Accuracy per topic, cards due, streak; optionally every answer as CSV."""
    from tutor.quiz import TOPICS
    from tutor.store import ReviewStore, progress_report

    conn = _open_store()
    report = progress_report(conn, topics=TOPICS)
    if export is not None:
        answers = ReviewStore(conn).answers()
        try:
            with export.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(
                    ["reviewed_at", "session_id", "question_id", "topic", "chosen", "correct", "rating", "response_ms", "redrill"]
                )
                for a in answers:
                    writer.writerow(
                        [a.reviewed_at.isoformat(), a.session_id, a.question_id, a.topic, ",".join(a.chosen),
                         int(a.correct), a.rating.name, a.response_ms, int(a.redrill)]
                    )  # fmt: skip
        except OSError as exc:
            _fail(f"cannot write {export}: {exc.strerror}")
        typer.echo(f"Exported {len(answers)} answer(s) to {export}", err=as_json)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
        return
    console = Console(highlight=False)
    table = Table(title="Progress by topic")
    for column in ("topic", "answered", "accuracy", "cards", "due"):
        table.add_column(column, justify="left" if column == "topic" else "right")
    for t in report.topics:
        table.add_row(t.topic, str(t.answered), f"{t.accuracy:.0%}" if t.answered else "-", str(t.cards), str(t.due))
    console.print(table)
    console.print(f"Answered {report.answered}, right {report.correct}. Cards due now: {report.due}. "
                  f"Streak: {report.streak} day(s).")  # fmt: skip


def register(app: typer.Typer) -> None:
    """Add `quiz` (with its `bank` subcommand) and `progress` to the main app."""
    quiz_app = typer.Typer(help="Quiz yourself; `tutor quiz bank` lists every question with its validation.")

    @quiz_app.callback(invoke_without_command=True)
    def quiz(
        ctx: typer.Context,
        topic: Optional[str] = typer.Option(None, "--topic", help="Only this topic, e.g. iam or ddos."),
        n: int = typer.Option(10, "-n", "--count", min=1, help="How many questions."),
        mode: str = typer.Option("practice", "--mode", help="practice, exam (timed, feedback at the end) or review (due cards)."),
        seed: Optional[int] = typer.Option(None, "--seed", help="Seed for a reproducible selection."),
    ) -> None:
        """Practice, take a timed exam, or review the cards that are due."""
        if ctx.invoked_subcommand is None:
            run_quiz(topic, n, mode, seed)

    @quiz_app.command("bank")
    def bank(as_json: bool = typer.Option(False, "--json", help="One JSON list on stdout.")) -> None:
        """List every question (generated and hand-written) with its validation result."""
        show_bank(as_json)

    app.add_typer(quiz_app, name="quiz")

    @app.command("progress")
    def progress(
        as_json: bool = typer.Option(False, "--json", help="One JSON document on stdout."),
        export: Optional[Path] = typer.Option(None, "--export", help="Write every answer to this CSV file."),
    ) -> None:
        """Accuracy per topic, cards due and your answering streak."""
        show_progress(as_json, export)
