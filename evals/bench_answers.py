"""Benchmark the answer path and print the figures.

    .venv/bin/python evals/bench_answers.py [--qa evals/qa.jsonl]

Runs in a fresh temporary TUTOR_HOME: model load, cold index build of the corpus, no-op
re-index (in process, and as a fresh `tutor index` process), warm `ask` p50/p95 over every
question in qa.jsonl, and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qa", type=Path, default=ROOT / "evals" / "qa.jsonl")
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="tutor-bench-")
    os.environ["TUTOR_HOME"] = home
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    for name in [n for n in os.environ if n.startswith("TUTOR_") and n != "TUTOR_HOME"]:
        del os.environ[name]

    began = time.perf_counter()
    from tutor.answer.service import AnswerService
    from tutor.knowledge.embedder import get_embedder

    imports = time.perf_counter() - began
    began = time.perf_counter()
    get_embedder()
    model_load = time.perf_counter() - began

    service = AnswerService()
    began = time.perf_counter()
    report = service.index()
    cold = time.perf_counter() - began

    began = time.perf_counter()
    noop = AnswerService().index()  # a new service: opens the store and re-reads the corpus, as a new process would
    noop_seconds = time.perf_counter() - began
    fresh_began = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "import sys; sys.argv[0] = 'tutor'; from tutor.cli.main import run; run()", "index"],
        cwd=ROOT, env=os.environ.copy(), check=True, stdout=subprocess.DEVNULL,
    )
    fresh_noop = time.perf_counter() - fresh_began

    questions = [json.loads(line)["question"] for line in args.qa.read_text(encoding="utf-8").splitlines() if line.strip()]
    service.ask(questions[0])  # first ask builds BM25 and loads the sentence index
    timings = []
    for question in questions:
        began = time.perf_counter()
        service.ask(question)
        timings.append((time.perf_counter() - began) * 1000)

    load = os.getloadavg()[0]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"imports                    {imports:.2f} s")
    print(f"model load                 {model_load:.2f} s")
    print(f"cold index build           {cold:.2f} s  ({report.added} chunks)   target < 30 s")
    print(f"no-op re-index (in process){noop_seconds:6.2f} s  ({noop.added} embedded)   target < 2 s")
    print(f"no-op `tutor index` process{fresh_noop:6.2f} s  (includes interpreter start and imports)")
    print(
        f"warm ask over {len(timings)} questions: p50 {statistics.median(timings):.1f} ms, "
        f"p95 {_percentile(timings, 0.95):.1f} ms, max {max(timings):.1f} ms   target p95 < 100 ms"
    )
    print(f"peak RSS                   {peak_mb:.0f} MB")
    print(f"load average (1 min)       {load:.2f} on {os.cpu_count()} cores (other work on the machine slows every figure)")
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
