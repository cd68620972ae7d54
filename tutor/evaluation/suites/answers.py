"""Answers suite: key facts in grounded answers, citation precision, and declining out-of-scope questions.

A line with `gold_sections` or `key_facts` is an in-scope question; a line without them is out of
scope and should be declined.
"""

from __future__ import annotations

from pathlib import Path

from tutor import paths
from tutor.evaluation.answer_metrics import (
    abstention_rate,
    citation_precision,
    false_abstention_rate,
    key_fact_recall,
    missing_facts,
)
from tutor.evaluation.context import SuiteContext
from tutor.evaluation.datasets import list_field, read_records, text_field
from tutor.evaluation.report import SuiteResult
from tutor.evaluation.retrieval_metrics import mean

DESCRIPTION = "grounded answers carry the key facts and decline out-of-scope questions"
METRICS = ("key_fact_recall", "citation_precision", "out_of_scope_abstention", "false_abstention")


def default_datasets() -> list[Path]:
    return [paths.evals_dir() / "qa.jsonl", paths.evals_dir() / "out_of_scope.jsonl"]


def _item(record: dict) -> dict:
    in_scope = "gold_sections" in record or "key_facts" in record
    return {
        "id": str(record.get("id", "")),
        "question": text_field(record, "question"),
        "in_scope": in_scope,
        "gold": list_field(record, "gold_sections", required=False) if in_scope else [],
        "facts": list_field(record, "key_facts", required=False) if in_scope else [],
    }


def run(datasets: list[Path], context: SuiteContext) -> SuiteResult:
    """Ask every question through the answer service and score the answers."""
    items, problems = [], []
    for path in datasets:
        found, bad = read_records(path, _item)
        items += [item for _, item in found]
        problems += [str(p) for p in bad]
    facts, precisions, wrongly_declined, declined_outside = [], [], [], []
    failures = []
    context.progress.start("answers", len(items))
    for item in items:
        answer = context.service.ask(item["question"])
        if item["in_scope"]:
            facts.append(key_fact_recall(answer.answer, item["facts"]))
            wrongly_declined.append(answer.abstained)
            cited = [c.id for c in answer.citations]
            if not answer.abstained and item["gold"]:
                precisions.append(citation_precision(cited, item["gold"]))
            problems_here = []
            if answer.abstained:
                problems_here.append("declined an in-scope question")
            lost = missing_facts(answer.answer, item["facts"])
            if lost:
                problems_here.append(f"missing key facts: {lost}")
            if problems_here:
                failures.append(
                    {"id": item["id"], "question": item["question"], "problem": "; ".join(problems_here),
                     "answer": answer.answer[:400], "cited": cited, "gold": item["gold"]}
                )
        else:
            declined_outside.append(answer.abstained)
            if not answer.abstained:
                failures.append(
                    {"id": item["id"], "question": item["question"], "problem": "answered an out-of-scope question",
                     "answer": answer.answer[:400]}
                )
        context.progress.advance()
    context.progress.finish()
    metrics = {}
    if facts:
        metrics["key_fact_recall"] = mean(facts)
        metrics["false_abstention"] = false_abstention_rate(wrongly_declined)
    if precisions:
        metrics["citation_precision"] = mean(precisions)
    if declined_outside:
        metrics["out_of_scope_abstention"] = abstention_rate(declined_outside)
    return SuiteResult("answers", metrics, len(items), failures, problems, dataset=", ".join(str(p) for p in datasets))
