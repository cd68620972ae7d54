"""Score the answer path: retrieval recall@5, key facts in answers, and abstention.

    .venv/bin/python evals/score_answers.py [--qa evals/qa.jsonl] [--oos evals/out_of_scope.jsonl]
                                           [--show-failures] [--calibrate] [--strict]

In-scope questions (qa.jsonl) need `question`, `gold_sections` and `key_facts`;
out-of-scope ones only `question`. Uses the index in TUTOR_HOME (built on first use).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from tutor.answer.grounded import confidence  # noqa: E402
from tutor.answer.service import AnswerService  # noqa: E402
from tutor.config import get_settings  # noqa: E402
from tutor.evaluation.answer_metrics import (  # noqa: E402
    abstention_rate,
    citation_precision,
    false_abstention_rate,
    key_fact_recall,
    missing_facts,
)
from tutor.evaluation.retrieval_metrics import hit_at_k, mean, mrr_at_k, ndcg_at_k, recall_at_k  # noqa: E402

EVALS = Path(__file__).resolve().parent


def read_jsonl(path: Path) -> list[dict]:
    """One JSON object per non-blank line; a bad line stops with its number."""
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise SystemExit(f"error: {path}:{lineno}: not valid JSON ({exc.msg})") from None
    return rows


def _calibration_table(inside: list[float], outside: list[float]) -> None:
    print("\nthreshold  false-abstain(in)  abstain(out)")
    for step in range(20, 61, 2):
        t = step / 100
        print(f"  {t:.2f}      {mean(v < t for v in inside):.3f}             {mean(v < t for v in outside):.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qa", type=Path, default=EVALS / "qa.jsonl")
    parser.add_argument("--oos", type=Path, default=EVALS / "out_of_scope.jsonl")
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument("--show-failures", action="store_true", help="List every question that missed a target.")
    parser.add_argument("--calibrate", action="store_true", help="Print abstention rates per confidence threshold.")
    parser.add_argument("--strict", action="store_true", help="Exit 1 when a target is missed.")
    args = parser.parse_args()

    service = AnswerService()
    qa, oos = read_jsonl(args.qa), read_jsonl(args.oos)
    recalls, hits, mrrs, ndcgs, facts, precisions, wrong_abstain = [], [], [], [], [], [], []
    conf_in, conf_out, failures = [], [], []
    for row in qa:
        retrieval = service.retriever.retrieve(row["question"], args.k)
        answer = service.answerer.answer(retrieval)
        ranked = [r.id for r in answer.retrieved]
        gold = row["gold_sections"]
        recalls.append(recall_at_k(ranked, gold, 5))
        hits.append(hit_at_k(ranked, gold, 5))
        mrrs.append(mrr_at_k(ranked, gold, 5))
        ndcgs.append(ndcg_at_k(ranked, gold, 5))
        facts.append(key_fact_recall(answer.answer, row.get("key_facts", [])))
        if not answer.abstained:
            precisions.append(citation_precision([c.id for c in answer.citations], gold))
        wrong_abstain.append(answer.abstained)
        conf_in.append(confidence(retrieval, service.answerer.tuning))
        problems = []
        if recalls[-1] < 1:
            problems.append(f"retrieved {ranked} but gold is {gold}")
        if answer.abstained:
            problems.append(f"abstained (confidence {answer.confidence:.3f})")
        if lost := missing_facts(answer.answer, row.get("key_facts", [])):
            problems.append(f"missing facts {lost}")
        if problems:
            failures.append((row["id"], row["question"], problems, answer.answer))
    oos_abstained = []
    for row in oos:
        retrieval = service.retriever.retrieve(row["question"], args.k)
        answer = service.answerer.answer(retrieval)
        oos_abstained.append(answer.abstained)
        conf_out.append(confidence(retrieval, service.answerer.tuning))
        if not answer.abstained:
            failures.append((row["id"], row["question"], [f"answered (confidence {answer.confidence:.3f})"], answer.answer))

    thresholds = get_settings().eval
    figures = [
        ("recall@5", mean(recalls), thresholds.recall_at_5, True),
        ("key-fact recall", mean(facts), thresholds.key_fact_recall, True),
        ("out-of-scope abstention", abstention_rate(oos_abstained), thresholds.out_of_scope_abstention, True),
        ("in-scope false abstention", false_abstention_rate(wrong_abstain), thresholds.false_abstention_max, False),
    ]
    print(f"questions: {len(qa)} in scope, {len(oos)} out of scope (k={args.k})")
    missed = False
    for name, value, target, higher in figures:
        ok = value >= target if higher else value <= target
        missed |= not ok
        print(f"{name:<28}{value:.3f}   target {'>=' if higher else '<='} {target:.2f}   {'ok' if ok else 'MISSED'}")
    print(f"{'hit@5':<28}{mean(hits):.3f}")
    print(f"{'MRR@5':<28}{mean(mrrs):.3f}")
    print(f"{'nDCG@5':<28}{mean(ndcgs):.3f}")
    print(f"{'citation precision':<28}{mean(precisions):.3f}")
    if args.calibrate:
        _calibration_table(conf_in, conf_out)
    if args.show_failures:
        print(f"\n{len(failures)} questions with a problem:")
        for qid, question, problems, text in failures:
            print(f"- {qid}: {question}")
            for problem in problems:
                print(f"    {problem}")
            print(f"    answer: {text[:300]!r}")
    return 1 if (missed and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
