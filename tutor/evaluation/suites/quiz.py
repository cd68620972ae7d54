"""Quiz suite: every question the tutor can show passes validation (well formed, key supported by the notes).

By default the whole catalogue is checked: the questions generated from the fact cards and
scenarios plus the hand-written bank (`tutor.quiz.catalogue.build_catalogue`). `--dataset` takes a
corpus folder (one with `facts/` or `quiz/`), a bank folder of YAML files, or one bank YAML file.
"""

from __future__ import annotations

from pathlib import Path

from tutor import paths
from tutor.evaluation.context import SuiteContext
from tutor.evaluation.datasets import DatasetError
from tutor.evaluation.report import SuiteResult

DESCRIPTION = "every generated and hand-written quiz question passes validation"
METRICS = ("validity",)


def default_datasets() -> list[Path]:
    return [paths.corpus_dir()]


def _checked(path: Path) -> tuple[list[tuple[object, tuple[str, ...]]], list[str]]:
    """(question, problems) pairs and load problems for one dataset path."""
    from tutor.quiz.bank import load_bank, load_bank_file
    from tutor.quiz.catalogue import build_catalogue
    from tutor.quiz.validation import ValidationContext, validate

    if path.is_dir() and ((path / "facts").is_dir() or (path / "quiz").is_dir()):
        catalogue = build_catalogue(path)
        return [(c.question, c.problems) for c in catalogue.checked], list(catalogue.load_problems)
    if path.is_dir():
        loaded = load_bank(path)
    elif path.is_file():
        loaded = load_bank_file(path)
    else:
        raise DatasetError(f"{path}: no such corpus folder, quiz bank folder or bank file")
    checks = ValidationContext.from_corpus()
    return [(q, tuple(validate(q, checks))) for q in loaded.questions], list(loaded.problems)


def run(datasets: list[Path], context: SuiteContext) -> SuiteResult:
    """Validate every question; an entry that fails to load counts as an invalid question."""
    checked, problems = [], []
    context.progress.start("quiz", len(datasets))
    for path in datasets:
        found, load_problems = _checked(path)
        checked += found
        problems += load_problems
        context.progress.advance()
    context.progress.finish()
    failures = [
        {"id": getattr(q, "id", None), "question": getattr(q, "stem", ""), "problem": "; ".join(found),
         "source": getattr(q, "source", None)}
        for q, found in checked
        if found
    ]
    total = len(checked) + len(problems)
    metrics = {"validity": (len(checked) - len(failures)) / total} if total else {}
    return SuiteResult("quiz", metrics, total, failures, problems, dataset=", ".join(str(p) for p in datasets))
