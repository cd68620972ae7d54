"""`tutor index`, `tutor ask`, `tutor ingest`, `tutor sources`: thin commands over the answer service."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from tutor.answer.types import GroundedAnswer

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class RichIndexProgress:
    """A rich progress bar on stderr while chunks are embedded (stdout stays clean for --json)."""

    def __init__(self, console: Console | None = None) -> None:
        self._console = console or err
        self._progress = None
        self._task = None

    def start(self, total: int, description: str) -> None:
        if not self._console.is_terminal:
            return  # a bar in a pipe or a log is only noise
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=self._console, transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task(description, total=total)

    def advance(self, n: int) -> None:
        if self._progress is not None:
            self._progress.advance(self._task, n)

    def finish(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one `error:` line on stderr and return the exit to raise."""
    err.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(code)


def _service():
    from tutor.answer.service import AnswerService

    return AnswerService(progress=RichIndexProgress)


def _known_errors() -> tuple[type[Exception], ...]:
    from tutor.knowledge.corpus import CorpusError
    from tutor.knowledge.embedder import EmbeddingModelError
    from tutor.knowledge.store import StoreError
    from tutor.solve.facts import FactCardError

    return (CorpusError, EmbeddingModelError, StoreError, FactCardError)


def render_answer(answer: GroundedAnswer, console: Console = out) -> None:
    """The answer text, then its numbered sources (the learner's files marked as theirs)."""
    style = "yellow" if answer.abstained else ""
    # A terminal wraps at word boundaries; a pipe gets each sentence on one unbroken line.
    console.print(escape(answer.answer), style=style, soft_wrap=not console.is_terminal)
    if answer.citations:
        console.print()
        for number, citation in enumerate(answer.citations, start=1):
            mine = " [cyan](your file)[/cyan]" if citation.id.startswith("user:") else ""
            console.print(f"[bold][{number}][/bold] {escape(citation.title)} [dim]{escape(citation.source)}[/dim]{mine}")


def index(rebuild: bool = typer.Option(False, "--rebuild", help="Re-embed everything from scratch.")) -> None:
    """Build or update the search index of the notes and your ingested files."""
    try:
        report = _service().index(rebuild=rebuild, progress=RichIndexProgress())
    except _known_errors() as exc:
        raise fail(str(exc)) from None
    what = "Rebuilt the index" if report.rebuilt else ("Updated the index" if report.changed else "Index up to date")
    out.print(
        f"{what}: {report.added} chunks embedded, {report.removed} removed, "
        f"{report.unchanged} unchanged ({report.seconds:.1f} s)."
    )


def ask(
    question: str = typer.Argument(..., help="Your question about the security module."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
    k: int = typer.Option(None, "-k", "--k", min=1, max=50, help="How many sections to retrieve."),
    scenario: str = typer.Option(None, "--scenario", help="Scenario for permission questions (default: coffee-shop)."),
) -> None:
    """Answer a question from the notes, citing the sections used; permission questions get a computed decision."""
    from tutor.answer.types import QuestionError
    from tutor.iam import ScenarioError

    try:
        answer = _service().ask(question, k=k, scenario=scenario)  # the service validates the question
    except (QuestionError, ScenarioError) as exc:
        raise fail(str(exc), code=2) from None
    except _known_errors() as exc:
        raise fail(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(answer.to_json(), ensure_ascii=False))
    else:
        render_answer(answer)


def ingest(paths_: list[Path] = typer.Argument(..., metavar="PATH...", help="Files or folders to add.")) -> None:
    """Add your own notes (Markdown, text, HTML, PDF) so answers can cite them."""
    try:
        report, index_report = _service().ingest(paths_, progress=RichIndexProgress())
    except _known_errors() as exc:
        raise fail(str(exc)) from None
    for message in report.failed:
        err.print(f"[red]error:[/red] {escape(message)}")
    for name in report.stored:
        out.print(f"Ingested {escape(name)}")
    if index_report is not None:
        out.print(f"Index updated: {index_report.added} chunks embedded, {index_report.removed} removed.")
    if report.failed:
        raise typer.Exit(1)


def sources() -> None:
    """List the course notes and their sections, then your ingested files."""
    from tutor.knowledge.corpus import load_sections
    from tutor.knowledge.ingest import ingested_sources

    try:
        sections = load_sections()
    except _known_errors() as exc:
        raise fail(str(exc)) from None
    current = None
    for section in sections:
        if section.file != current:
            current = section.file
            out.print(f"[bold]{escape(section.file)}[/bold] ({escape(section.topic)})")
        out.print(f"  {section.id:<28} {escape(section.title)}")
    mine = ingested_sources()
    out.print("[bold]Your files[/bold]" + ("" if mine else ": none yet (add some with `tutor ingest PATH`)"))
    for name in mine:
        out.print(f"  {escape(name)}")


def register(app: typer.Typer) -> None:
    """Add the answer-path commands to the `tutor` app."""
    app.command("index")(index)
    app.command("ask")(ask)
    app.command("ingest")(ingest)
    app.command("sources")(sources)
