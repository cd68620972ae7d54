"""The whole question bank: generated questions plus the hand-written bank, each validated.

`build_catalogue()` is what the CLI and the app call; only `valid_questions()` reach a learner.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tutor import paths
from tutor.quiz.bank import load_bank
from tutor.quiz.facts import load_facts
from tutor.quiz.generators import generate_all
from tutor.quiz.model import Question
from tutor.quiz.validation import ValidationContext, validate

BANK_SEED = 0
"""Generated questions always use this seed, so a question keeps its id and review history."""


@dataclass(frozen=True)
class CheckedQuestion:
    question: Question
    problems: tuple[str, ...]

    @property
    def valid(self) -> bool:
        return not self.problems


@dataclass
class Catalogue:
    checked: list[CheckedQuestion] = field(default_factory=list)
    load_problems: list[str] = field(default_factory=list)
    """Fact cards, bank entries or scenarios that could not be read (file, index and reason)."""

    def valid_questions(self) -> list[Question]:
        return [c.question for c in self.checked if c.valid]

    def invalid(self) -> list[CheckedQuestion]:
        return [c for c in self.checked if not c.valid]


def build_catalogue(corpus_dir: Path | None = None, seed: int = BANK_SEED) -> Catalogue:
    """Generate, load and validate every question from the corpus; duplicates (same id) are dropped."""
    folder = corpus_dir or paths.corpus_dir()
    facts = load_facts(folder / "facts")
    context = ValidationContext.from_corpus(corpus_dir, facts=facts)
    scenarios = sorted((folder / "scenarios").glob("*.yaml")) if (folder / "scenarios").exists() else []
    generated, scenario_problems = generate_all(facts, scenarios, seed)
    bank = load_bank(folder / "quiz")
    catalogue = Catalogue(load_problems=[*facts.problems, *scenario_problems, *bank.problems])
    seen: set[str] = set()
    for question in [*generated, *bank.questions]:
        if question.id in seen:
            continue
        seen.add(question.id)
        catalogue.checked.append(CheckedQuestion(question, tuple(validate(question, context))))
    return catalogue
