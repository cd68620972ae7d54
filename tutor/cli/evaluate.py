"""`tutor eval` (retrieval, answer, MCQ, IAM and quiz accuracy) and `tutor bench` (speed figures)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from tutor.evaluation.report import EvalReport

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(code)


class RichSuiteProgress:
    """One rich progress bar per suite, on stderr so `--json` stdout stays clean."""

    def __init__(self, console: Console) -> None:
        self._console = console
        self._progress = None
        self._task = None

    def start(self, label: str, total: int) -> None:
        if not self._console.is_terminal:
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=self._console, transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task(label, total=total)

    def advance(self, n: int = 1) -> None:
        if self._progress is not None:
            self._progress.advance(self._task, n)

    def finish(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def print_report(report: EvalReport, console: Console, show_failures: bool) -> None:
    """A table of every suite's metrics against its thresholds, then failures when asked."""
    from rich.table import Table

    table = Table(title="tutor eval")
    for column in ("suite", "items", "metric", "value", "threshold", "result"):
        table.add_column(column)
    for name, result in report.suites.items():
        gates = {t.metric: t for t in result.thresholds}
        status = "[green]pass[/green]" if result.passed else "[red]FAIL[/red]"
        if result.error:
            table.add_row(name, "0", "-", "-", "-", f"[red]{escape(result.error)}[/red]")
            continue
        metrics = list(result.metrics.items()) or [("-", float("nan"))]
        for index, (metric, value) in enumerate(metrics):
            gate = gates.get(metric)
            bound = f"{'<=' if gate.at_most else '>='} {gate.value:g}" if gate else ""
            table.add_row(
                name if index == 0 else "", str(result.count) if index == 0 else "", metric,
                f"{value:.3f}", bound, status if index == 0 else "",
            )
        for topic, values in result.by_topic.items():
            value = next((v for k, v in values.items() if k != "count"), 0.0)
            table.add_row("", "", f"  {topic} ({int(values.get('count', 0))})", f"{value:.3f}", "", "")
    console.print(table)
    for name, result in report.suites.items():
        for problem in result.problems:
            err.print(f"[yellow]warning:[/yellow] {escape(problem)} (line skipped)")
        if show_failures and result.failures:
            console.print(f"\n[bold]{name}: {len(result.failures)} failures[/bold]")
            for failure in result.failures:
                console.print(f"- {escape(str(failure.get('id')))}: {escape(str(failure.get('problem', '')))}")
                if failure.get("question"):
                    console.print(f"    [dim]{escape(str(failure['question']))}[/dim]")
                for key in ("retrieved", "gold", "cited", "answer", "expected", "outcome", "confidence"):
                    if key in failure:
                        console.print(f"    {key}: {escape(str(failure[key]))}")
                for letter, option in (failure.get("options") or {}).items():
                    console.print(f"    {letter}. {escape(option['text'])} -> {option['verdict']}: {escape(option['reason'])}")
                if failure.get("trace"):
                    console.print(f"    trace: {escape(json.dumps(failure['trace'])[:400])}")


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def evaluate(
        suite: str = typer.Argument(None, help="retrieval, answers, mcq, iam, quiz or policy; all of them when omitted."),
        dataset: Path = typer.Option(None, "--dataset", help="Use this file (in the suite's format) instead of the default data."),
        as_json: bool = typer.Option(False, "--json", help="Print the report as one JSON document."),
        out_file: Path = typer.Option(None, "--out", help="Also write the JSON report to this file."),
        html: Path = typer.Option(None, "--html", help="Write an HTML report with per-topic charts."),
        show_failures: bool = typer.Option(False, "--show-failures", help="List each failure with its evidence."),
        minimum: list[str] = typer.Option([], "--min", help="Gate: METRIC=VALUE or SUITE.METRIC=VALUE (at least)."),
        maximum: list[str] = typer.Option([], "--max", help="Gate: METRIC=VALUE or SUITE.METRIC=VALUE (at most)."),
    ) -> None:
        """Measure the tutor on the datasets in evals/; the exit code is 1 when a threshold is missed."""
        from tutor.evaluation.context import SuiteContext
        from tutor.evaluation.report import ThresholdSpecError, parse_threshold_spec
        from tutor.evaluation.runner import UnknownSuiteError, run_evaluation

        try:
            overrides = [parse_threshold_spec(s) for s in minimum] + [parse_threshold_spec(s, at_most=True) for s in maximum]
            report = run_evaluation(
                [suite] if suite else None, dataset, overrides, SuiteContext(RichSuiteProgress(err))
            )
        except (ThresholdSpecError, UnknownSuiteError) as exc:
            raise _fail(str(exc)) from None
        document = report.to_json()
        if as_json:
            typer.echo(json.dumps(document, ensure_ascii=False))
            for result in report.suites.values():
                for problem in result.problems:
                    err.print(f"[yellow]warning:[/yellow] {escape(problem)} (line skipped)")
        else:
            print_report(report, out, show_failures)
        try:
            if out_file is not None:
                written = out_file
                out_file.parent.mkdir(parents=True, exist_ok=True)
                out_file.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
            if html is not None:
                from tutor.evaluation.html_report import write_html

                written = html
                write_html(report, html)
        except OSError as exc:
            # The report is already on screen; only the file is missing, so say which and why.
            raise _fail(f"cannot write {written}: {exc.strerror or exc}", code=1) from None
        if not report.passed:
            failed = [name for name, r in report.suites.items() if not r.passed]
            err.print(f"[red]failed:[/red] {', '.join(failed)}")
            raise typer.Exit(1)

    @app.command("bench")
    def bench(
        as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON document."),
        repeats: int = typer.Option(20, "--repeats", min=3, help="Questions timed for the ask and solve percentiles."),
    ) -> None:
        """Time the first screen, indexing, ask, solve and IAM decisions; report peak memory."""
        from tutor.evaluation.bench import run_benchmark

        figures = run_benchmark(repeats=repeats, log=lambda msg: err.print(f"[dim]{escape(msg)}[/dim]"))
        if as_json:
            typer.echo(json.dumps(figures.to_json(), ensure_ascii=False))
            return
        from rich.table import Table

        table = Table(title="tutor bench")
        table.add_column("measure")
        table.add_column("value", justify="right")
        for label, value in figures.rows():
            table.add_row(label, value)
        out.print(table)
