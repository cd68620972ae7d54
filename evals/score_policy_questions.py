"""Score the policy route: routing accuracy and decision accuracy on questions in words.

    .venv/bin/python evals/score_policy_questions.py [--dataset evals/policy_questions.jsonl]
                                                    [--show-failures] [--strict]

Needs no model and no index: the router and the IAM evaluator are deterministic.
`--strict` exits 1 when routing or decision accuracy is below 95%.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tutor.evaluation.policy_questions import (  # noqa: E402
    PolicyDatasetError,
    load_policy_questions,
    score_policy_questions,
)

TARGET = 0.95


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=Path(__file__).resolve().parent / "policy_questions.jsonl")
    parser.add_argument("--show-failures", action="store_true")
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args()
    try:
        items = load_policy_questions(args.dataset)
    except (OSError, PolicyDatasetError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    report = score_policy_questions(items)
    seconds = time.perf_counter() - started
    policy = sum(i.expected_route == "policy" for i in items)
    with_request = sum(i.expected_request is not None for i in items)
    print(f"questions: {len(items)} ({policy} policy, {len(items) - policy} general)")
    print(f"routing accuracy:  {report.routing_accuracy:.1%}")
    print(f"decision accuracy: {report.decision_accuracy:.1%}  (over {policy} policy-route questions)")
    print(f"request accuracy:  {report.request_accuracy:.1%}  (principal, action and resource; over {with_request})")
    print(f"time: {seconds:.2f} s ({1000 * seconds / max(len(items), 1):.1f} ms per question)")
    if args.show_failures:
        for outcome in report.failures():
            item = outcome.item
            print(f"\n[{item.id}] {item.question[:120]}")
            print(f"  route    expected {item.expected_route}, got {outcome.route}")
            print(f"  decision expected {item.expected_decision}, got {outcome.decision}")
            if item.expected_request is not None or outcome.request is not None:
                got = {k: (outcome.request or {}).get(k) for k in ("principal", "action", "resource")}
                print(f"  request  expected {item.expected_request}\n           got      {got}")
    if args.strict and (report.routing_accuracy < TARGET or report.decision_accuracy < TARGET):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
