"""Contradiction checks: a close paraphrase that says the opposite is evidence against a statement."""

from __future__ import annotations

import numpy as np
import pytest

from tutor.solve.evidence import EvidenceBank
from tutor.solve.facts import FactCards
from tutor.solve.lexicon import stated_negation
from tutor.solve.question import ExamQuestion
from tutor.solve.solver import ExamSolver
from tutor.solve.verification import contradiction


def test_a_conflicting_sentence_closer_than_any_support_gives_a_penalty_naming_it():
    verdict = contradiction(
        alignment=np.array([0.9, 0.5, 0.7]),
        conflicting=np.array([True, False, False]),
        eligible=np.array([True, True, True]),
    )
    assert verdict.index == 0
    assert verdict.penalty == pytest.approx(1.5 * (0.9 - 0.7 + 0.05))


def test_support_much_closer_than_the_conflict_means_no_contradiction():
    verdict = contradiction(np.array([0.65, 0.9]), np.array([True, False]), np.array([True, True]))
    assert (verdict.penalty, verdict.index) == (0.0, None)


def test_a_conflict_that_is_not_aligned_with_the_claim_is_ignored():
    verdict = contradiction(np.array([0.55, 0.3]), np.array([True, False]), np.array([True, True]))
    assert verdict.index is None


def test_a_conflict_about_another_subject_is_ignored():
    verdict = contradiction(np.array([0.95, 0.4]), np.array([True, False]), np.array([False, True]))
    assert verdict.index is None


def test_the_penalty_is_capped():
    verdict = contradiction(np.array([0.99, 0.0]), np.array([True, False]), np.array([True, True]))
    assert verdict.penalty == pytest.approx(0.45)


@pytest.mark.parametrize(
    ("text", "negated"),
    [("Groups cannot be nested", True),
     ("Shield Standard protects every customer at no additional charge", False),
     ("It is active with nothing to turn on", False),
     ("A new user has no permissions", True),
     ("The root user is not only powerful but also unrestricted", False),
     ("A bucket policy can refuse any request not sent over TLS", False),
     ("Objects not encrypted are rejected", False),
     ("The key was not rotated", True)],
)
def test_cost_idioms_and_negated_participles_do_not_count_as_negation(text, negated):
    assert stated_negation(text) is negated


@pytest.fixture(scope="module")
def group_solver():
    """One literal section about IAM groups, read with the bag-of-words embedder of fakes.py."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("solve_fakes_verification", Path(__file__).with_name("fakes.py"))
    fakes = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fakes)
    section = fakes._section(
        "iam-groups", "IAM groups",
        "An IAM group collects IAM users. IAM groups cannot be nested inside other IAM groups. "
        "A policy attached to an IAM group applies to every user in that IAM group.",
    )
    return ExamSolver(EvidenceBank([section], FactCards(), fakes.HashingEmbedder()))


def test_a_statement_the_notes_deny_loses_to_one_they_support(group_solver):
    question = ExamQuestion(
        "Which statement about IAM groups is correct?",
        {"A": "IAM groups can be nested inside other IAM groups",
         "B": "A policy attached to an IAM group applies to its users"},
    )
    solution = group_solver.solve(question)
    assert solution.picked == ["B"]
    assert "IAM groups cannot be nested inside other IAM groups" in solution.options["A"].reason


def test_under_negation_the_denied_statement_is_picked(group_solver):
    question = ExamQuestion(
        "Which statement about IAM groups is NOT true?",
        {"A": "IAM groups can be nested inside other IAM groups",
         "B": "A policy attached to an IAM group applies to its users"},
    )
    assert group_solver.solve(question).picked == ["A"]


def test_a_service_credited_with_what_its_look_alike_does_is_contradicted(solver):
    """GuardDuty is confused_with Inspector; the notes say Inspector scans container images."""
    question = ExamQuestion(
        "Which statement about these security services is correct?",
        {"A": "Amazon GuardDuty scans container images for software vulnerabilities",
         "B": "Amazon Inspector scans container images for software vulnerabilities"},
    )
    solution = solver.solve(question)
    assert solution.picked == ["B"]
    assert solution.options["A"].reason.startswith("Contradicted by the notes.")
    assert "Inspector" in solution.options["A"].reason
