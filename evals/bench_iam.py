"""Benchmark of the IAM evaluator: decisions per second on one core (a script, not a test).

    .venv/bin/python evals/bench_iam.py [--cases evals/iam_cases.jsonl] [--seconds 3] [--profile]

Measures (1) evaluation only, with every policy parsed and compiled once, and (2) parsing
included: each decision parses its policies from the JSON documents of the case, builds the
request and evaluates. Decisions are never memoised. Targets: 100,000/s pre-parsed, 30,000/s
with parsing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tutor.iam import evaluate_request  # noqa: E402
from tutor.iam.cases import CaseError, case_from_dict  # noqa: E402

_BUILT_IN = [
    {"id": "identity-allow", "policies": {"identity": [{"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "arn:aws:s3:::receipts/*"}]}]},
     "request": {"principal": "arn:aws:iam::111122223333:user/rudy", "action": "s3:GetObject",
                 "resource": "arn:aws:s3:::receipts/2026/01.csv", "context": {}}, "expected": "Allowed"},
    {"id": "bucket-deny-tls", "policies": {"identity": [{"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}], "resource": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::receipts/*",
         "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}},
     "request": {"principal": "arn:aws:iam::111122223333:user/rudy", "action": "s3:GetObject",
                 "resource": "arn:aws:s3:::receipts/a", "context": {"aws:SecureTransport": "false"}}, "expected": "ExplicitlyDenied"},
]


def load_cases(path: Path | None) -> list[dict]:
    if path is not None and path.is_file():
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError:
                    continue
        if len(rows) >= 50:
            return rows
    return _BUILT_IN


def rate(work, items, seconds: float) -> tuple[float, float, int]:
    """Decisions per CPU-second and per wall-second over whole passes of `items`, for at least `seconds`.

    CPU time is the fair figure on a shared machine: it counts only the time this process ran on its core.
    """
    done = 0
    start_cpu, start_wall = time.process_time(), time.perf_counter()
    while True:
        for item in items:
            work(item)
        done += len(items)
        cpu = time.process_time() - start_cpu
        if cpu >= seconds:
            return done / cpu, done / (time.perf_counter() - start_wall), done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=Path(__file__).with_name("iam_cases.jsonl"))
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--profile", action="store_true", help="Print a cProfile of the pre-parsed run.")
    args = parser.parse_args()

    rows = load_cases(args.cases)
    cases = []
    raw = []
    for row in rows:
        try:
            cases.append(case_from_dict(row))
            raw.append(row)
        except CaseError:
            continue
    pairs = [(case.policies, case.request) for case in cases]

    def evaluate_only(pair) -> None:
        evaluate_request(pair[0], pair[1])

    def with_parsing(row) -> None:
        case = case_from_dict(row)
        evaluate_request(case.policies, case.request)

    # Warm the per-template regex caches once, as any long-running process would.
    for pair in pairs:
        evaluate_only(pair)
    pre, pre_wall, n_pre = rate(evaluate_only, pairs, args.seconds)
    full, full_wall, n_full = rate(with_parsing, raw, args.seconds)
    source = args.cases if rows is not _BUILT_IN else "built-in representative set"
    print(f"cases: {len(cases)} from {source}; one process, one thread")
    print(f"pre-parsed policies: {pre:,.0f} decisions per CPU-second ({pre_wall:,.0f}/s wall; {n_pre:,} decisions; target 100,000/s)")
    print(f"parsing included:    {full:,.0f} decisions per CPU-second ({full_wall:,.0f}/s wall; {n_full:,} decisions; target 30,000/s)")
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        rate(evaluate_only, pairs, 1.0)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
