"""`tutor bench`: the speed figures of the tutor, measured on this machine, printed not asserted.

Everything runs against a fresh temporary TUTOR_HOME so the learner's index and progress are
untouched and the index build is really cold. The IAM figure reuses the IAM engineer's
`evals/bench_iam.py` (`load_cases`, `rate`).
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tutor import paths

_FIRST_SCREEN = r"""
import asyncio, sys, time
start = time.perf_counter()
from tutor.app.tutor_app import TutorApp

async def main():
    app = TutorApp()
    async with app.run_test(headless=True, size=(100, 30)) as pilot:
        await pilot.pause()
        print(f"{time.perf_counter() - start:.4f} {type(app.screen).__name__}", flush=True)
        app.exit()

asyncio.run(main())
"""


@dataclass
class BenchFigures:
    """Seconds unless named otherwise; None when a measure could not be taken (see `notes`)."""

    first_screen_s: float | None = None
    cold_index_s: float | None = None
    noop_reindex_s: float | None = None
    ask_p50_s: float | None = None
    ask_p95_s: float | None = None
    solver_load_s: float | None = None
    solve_p50_s: float | None = None
    solve_p95_s: float | None = None
    iam_decisions_per_s: float | None = None
    peak_rss_mb: float | None = None
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}

    def rows(self) -> list[tuple[str, str]]:
        """(label, formatted value) for the table."""

        def seconds(value: float | None) -> str:
            return "n/a" if value is None else f"{value * 1000:,.0f} ms" if value < 1 else f"{value:,.2f} s"

        rows = [
            ("time to first screen (headless)", seconds(self.first_screen_s)),
            ("cold index build (incl. model load)", seconds(self.cold_index_s)),
            ("no-op re-index", seconds(self.noop_reindex_s)),
            ("ask p50", seconds(self.ask_p50_s)),
            ("ask p95", seconds(self.ask_p95_s)),
            ("solver load (evidence vectors)", seconds(self.solver_load_s)),
            ("solve p50", seconds(self.solve_p50_s)),
            ("solve p95", seconds(self.solve_p95_s)),
            ("IAM decisions per CPU-second", "n/a" if self.iam_decisions_per_s is None else f"{self.iam_decisions_per_s:,.0f}"),
            ("peak memory (RSS)", "n/a" if self.peak_rss_mb is None else f"{self.peak_rss_mb:,.0f} MB"),
        ]
        rows += [("note", note) for note in self.notes]
        return rows


def percentile(values: list[float], share: float) -> float:
    """The `share` quantile (0..1) by linear interpolation."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@contextmanager
def temporary_home() -> Iterator[Path]:
    """Point TUTOR_HOME at a fresh folder for the duration, then restore it."""
    from tutor.config import get_settings

    previous = os.environ.get("TUTOR_HOME")
    with tempfile.TemporaryDirectory(prefix="tutor-bench-") as folder:
        os.environ["TUTOR_HOME"] = folder
        get_settings.cache_clear()
        try:
            yield Path(folder)
        finally:
            if previous is None:
                os.environ.pop("TUTOR_HOME", None)
            else:
                os.environ["TUTOR_HOME"] = previous
            get_settings.cache_clear()


def _questions(path: Path, field_name: str, limit: int) -> list:
    rows = []
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and field_name in record:
                rows.append(record)
    return rows[:limit]


def measure_first_screen(timeout: float = 120.0) -> tuple[float | None, str | None]:
    """Seconds from interpreter start of a fresh process to the app's first mounted screen.

    The app keeps loading the model and building the index in a worker thread after its first
    screen; the process is stopped as soon as it reports, in a home of its own, so that work
    neither delays the figure nor warms the index the next measurement needs cold.
    """
    import select

    with tempfile.TemporaryDirectory(prefix="tutor-bench-app-") as home:
        env = {**os.environ, "TUTOR_HOME": home, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
        process = subprocess.Popen(
            [sys.executable, "-c", _FIRST_SCREEN], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            cwd=paths.project_root(), env=env,
        )
        try:
            ready, _, _ = select.select([process.stdout], [], [], timeout)
            line = process.stdout.readline() if ready else ""
        finally:
            process.kill()
            _, errors = process.communicate()
    parts = line.split()
    if len(parts) == 2:
        try:
            return float(parts[0]), None
        except ValueError:
            pass
    if not line:
        tail = (errors.strip().splitlines() or [f"no first screen within {timeout:.0f} s"])[-1]
        return None, f"first screen not measured: {tail}"
    return None, f"first screen not measured: unexpected output {line.strip()!r}"


def measure_iam(seconds: float = 2.0) -> float | None:
    """Decisions per CPU-second with pre-parsed policies, using evals/bench_iam.py's own functions
    (CPU time is the fair figure on a shared machine)."""
    script = paths.evals_dir() / "bench_iam.py"
    if not script.is_file():
        return None
    spec = importlib.util.spec_from_file_location("bench_iam", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    from tutor.iam import evaluate_request
    from tutor.iam.cases import CaseError, case_from_dict

    pairs = []
    for row in module.load_cases(paths.evals_dir() / "iam_cases.jsonl"):
        try:
            case = case_from_dict(row)
        except CaseError:
            continue
        pairs.append((case.policies, case.request))
    if not pairs:
        return None
    for policies, request in pairs:  # warm caches as a long-running process would
        evaluate_request(policies, request)
    measured = module.rate(lambda pair: evaluate_request(pair[0], pair[1]), pairs, seconds)
    # bench_iam.rate returns (per CPU-second, per wall-second, count); an older version (per second, count).
    return float(measured[0])


def run_benchmark(repeats: int = 20, log: Callable[[str], None] = lambda _: None) -> BenchFigures:
    """Measure everything in order; a part that fails is noted and the rest still run."""
    figures = BenchFigures()
    with temporary_home():
        log("first screen of the app (fresh process)…")
        figures.first_screen_s, note = measure_first_screen()
        if note:
            figures.notes.append(note)

        from tutor.answer.service import AnswerService

        service = AnswerService()
        log("cold index build…")
        start = time.perf_counter()
        report = service.index()
        figures.cold_index_s = time.perf_counter() - start
        figures.notes.append(f"cold index: {report.added} chunks embedded")
        start = time.perf_counter()
        service.index()
        figures.noop_reindex_s = time.perf_counter() - start

        asks = [r["question"] for r in _questions(paths.evals_dir() / "qa.jsonl", "question", repeats)]
        if asks:
            log(f"ask × {len(asks)}…")
            service.ask(asks[0])  # the first call loads the answerer; it is not a steady-state ask
            timings = []
            for question in asks:
                start = time.perf_counter()
                service.ask(question)
                timings.append(time.perf_counter() - start)
            figures.ask_p50_s, figures.ask_p95_s = statistics.median(timings), percentile(timings, 0.95)
        else:
            figures.notes.append("no evals/qa.jsonl: ask not timed")

        from tutor.solve.question import QuestionFormatError, question_from_record
        from tutor.solve.solver import default_solver

        log("solver load…")
        start = time.perf_counter()
        solver = default_solver(service)
        figures.solver_load_s = time.perf_counter() - start
        records = _questions(paths.evals_dir() / "mcq_dev.jsonl", "options", repeats)
        questions = []
        for record in records:
            try:
                questions.append(question_from_record(record))
            except QuestionFormatError:
                continue
        if questions:
            log(f"solve × {len(questions)}…")
            timings = []
            for question in questions:
                start = time.perf_counter()
                solver.solve(question)
                timings.append(time.perf_counter() - start)
            figures.solve_p50_s, figures.solve_p95_s = statistics.median(timings), percentile(timings, 0.95)

    log("IAM decisions…")
    figures.iam_decisions_per_s = measure_iam()
    if figures.iam_decisions_per_s is None:
        figures.notes.append("evals/bench_iam.py or evals/iam_cases.jsonl missing: IAM not timed")
    # ru_maxrss is in kilobytes on Linux (bytes on macOS); the first-screen child is measured apart.
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    figures.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / scale
    figures.notes.append(f"peak RSS of the first-screen process: {child:,.0f} MB")
    return figures
