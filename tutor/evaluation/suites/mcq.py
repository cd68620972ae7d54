"""MCQ suite: accuracy of the exam-question solver, overall and per topic."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from tutor import paths
from tutor.evaluation.context import SuiteContext
from tutor.evaluation.datasets import read_records
from tutor.evaluation.report import SuiteResult
from tutor.solve.question import QuestionFormatError, question_from_record

DESCRIPTION = "the offline solver picks the keyed options of exam-style questions"
METRICS = ("accuracy",)


def default_datasets() -> list[Path]:
    return [paths.evals_dir() / "mcq.jsonl"]


def _item(record: dict):
    question = question_from_record(record)
    if not question.answer:
        raise QuestionFormatError("field 'answer' must list the correct letters")
    return question


def run(datasets: list[Path], context: SuiteContext) -> SuiteResult:
    """Solve every question; a question counts as right only when the picked set equals the key."""
    questions, problems = [], []
    for path in datasets:
        found, bad = read_records(path, _item)
        questions += [q for _, q in found]
        problems += [str(p) for p in bad]
    solver = context.solver if questions else None
    right: list[bool] = []
    topics: dict[str, list[bool]] = defaultdict(list)
    failures = []
    context.progress.start("mcq", len(questions))
    for question in questions:
        solution = solver.solve(question)
        correct = sorted(solution.picked) == sorted(question.answer)
        right.append(correct)
        topics[question.topic or "untagged"].append(correct)
        if not correct:
            failures.append(
                {
                    "id": question.id,
                    "question": question.stem,
                    "problem": f"picked {solution.picked}, key is {list(question.answer)}",
                    "picked": solution.picked,
                    "answer": list(question.answer),
                    "confidence": solution.confidence,
                    "options": {
                        letter: {"text": question.options[letter], "verdict": v.verdict, "reason": v.reason}
                        for letter, v in solution.options.items()
                    },
                }
            )
        context.progress.advance()
    context.progress.finish()
    metrics = {"accuracy": sum(right) / len(right)} if right else {}
    by_topic = {t: {"accuracy": sum(v) / len(v), "count": float(len(v))} for t, v in sorted(topics.items())}
    return SuiteResult("mcq", metrics, len(questions), failures, problems, by_topic, dataset=", ".join(str(p) for p in datasets))
