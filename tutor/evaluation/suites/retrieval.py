"""Retrieval suite: does the search put the gold sections first? recall@1, recall@5, MRR@10, nDCG@10."""

from __future__ import annotations

from pathlib import Path

from tutor import paths
from tutor.evaluation.context import SuiteContext
from tutor.evaluation.datasets import list_field, read_records, text_field
from tutor.evaluation.report import SuiteResult
from tutor.evaluation.retrieval_metrics import mean, mrr_at_k, ndcg_at_k, recall_at_k

DESCRIPTION = "hybrid search ranks the gold sections of in-scope questions"
METRICS = ("recall@1", "recall@5", "mrr@10", "ndcg@10")
K = 10


def default_datasets() -> list[Path]:
    return [paths.evals_dir() / "qa.jsonl"]


def _item(record: dict) -> dict:
    return {
        "id": str(record.get("id", "")),
        "question": text_field(record, "question"),
        "gold": list_field(record, "gold_sections"),
        "topic": record.get("topic") if isinstance(record.get("topic"), str) else None,
    }


def run(datasets: list[Path], context: SuiteContext) -> SuiteResult:
    """Search each question for the top 10 sections and compare with its gold sections."""
    items, problems = [], []
    for path in datasets:
        found, bad = read_records(path, _item)
        items += [item for _, item in found]
        problems += [str(p) for p in bad]
    retriever = context.service.retriever if items else None
    scores: dict[str, list[float]] = {m: [] for m in METRICS}
    failures = []
    topics: dict[str, list[float]] = {}
    context.progress.start("retrieval", len(items))
    for item in items:
        ranked = [chunk.section_id for chunk in retriever.search(item["question"], K)]
        gold = item["gold"]
        scores["recall@1"].append(recall_at_k(ranked, gold, 1))
        scores["recall@5"].append(recall_at_k(ranked, gold, 5))
        scores["mrr@10"].append(mrr_at_k(ranked, gold, K))
        scores["ndcg@10"].append(ndcg_at_k(ranked, gold, K))
        topics.setdefault(item["topic"] or "untagged", []).append(scores["recall@5"][-1])
        if scores["recall@5"][-1] < 1.0:
            failures.append(
                {"id": item["id"], "question": item["question"], "problem": "gold section not in the top 5",
                 "retrieved": ranked[:5], "gold": gold}
            )
        context.progress.advance()
    context.progress.finish()
    return SuiteResult(
        "retrieval",
        {m: mean(v) for m, v in scores.items()},
        len(items),
        failures,
        problems,
        {t: {"recall@5": mean(v), "count": float(len(v))} for t, v in sorted(topics.items())},
        dataset=", ".join(str(p) for p in datasets),
    )
