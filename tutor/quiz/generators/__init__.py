"""Question generators, one module per fact family; each is deterministic for a given seed.

Every generator is `generate(...) -> list[Question]`; `generate_all` runs them all.
"""

from __future__ import annotations

from pathlib import Path

from tutor.quiz.facts import FactBook
from tutor.quiz.generators import concepts, identity, policy, services, shared_responsibility
from tutor.quiz.model import Question

FACT_GENERATORS = {
    "services": services.generate,
    "shared-responsibility": shared_responsibility.generate,
    "identity": identity.generate,
    "concepts": concepts.generate,
}


def generate_all(facts: FactBook, scenario_paths: list[Path], seed: int = 0) -> tuple[list[Question], list[str]]:
    """Questions from every fact family and every scenario, plus problems met on the way."""
    questions: list[Question] = []
    for generate in FACT_GENERATORS.values():
        questions += generate(facts, seed)
    policy_questions, problems = policy.generate(scenario_paths, seed)
    return questions + policy_questions, problems
