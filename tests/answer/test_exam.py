"""A pasted exam question in conversation: solved option by option, shown like any other answer."""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path

import pytest

from tutor.answer.exam import ExamAnswer, exam_answer
from tutor.answer.service import AnswerService
from tutor.knowledge.hashing_embedder import HashingEmbedder
from tutor.solve.question import parse_question
from tutor.solve.solver import TENTATIVE_NOTE

_spec = importlib.util.spec_from_file_location("solve_fakes", Path(__file__).parents[1] / "solve" / "fakes.py")
fakes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fakes)

QUESTION = "Which service scans EC2 instances for software vulnerabilities?\nA. AWS Artifact\nB) Amazon Inspector\n(C) Amazon GuardDuty"


@pytest.fixture(scope="module")
def solution():
    return fakes.fake_solver().solve(parse_question(QUESTION))


def test_the_answer_names_the_pick_and_marks_every_option_with_its_numbered_source(solution):
    answer = exam_answer(solution)
    lines = [line for line in answer.answer.splitlines() if line]
    assert lines[0] == "Answer: B (confidence 1.00)"
    assert [line.split(":")[0] for line in lines[1:]] == [
        "- A. AWS Artifact (wrong)", "- B. Amazon Inspector (correct)", "- C. Amazon GuardDuty (wrong)",
    ]
    assert [line.rsplit(" ", 1)[1] for line in lines[1:]] == ["[1]", "[2]", "[3]"]
    assert [c.id for c in answer.citations] == ["compliance-artifact", "svc-inspector", "svc-guardduty"]
    assert answer.abstained is False


def test_its_json_keeps_the_ask_contract_and_adds_the_solve_contract(solution):
    data = exam_answer(solution).to_json()
    assert data["route"] == "exam"
    assert set(data) == {"answer", "citations", "abstained", "route", "retrieved", "solution"}
    assert data["solution"]["picked"] == ["B"]
    assert data["solution"]["tentative"] is False


def test_a_close_call_is_marked_tentative(solution):
    close = replace(solution, confidence=0.6)
    assert close.tentative is True
    assert exam_answer(close).answer.split("\n\n")[:2] == ["Answer: B (confidence 0.60)", TENTATIVE_NOTE]


def test_the_service_solves_a_pasted_question_instead_of_retrieving(tmp_path):
    embedder = HashingEmbedder()
    service = AnswerService(embedder=embedder, corpus_dir=tmp_path)
    service._solver = fakes.fake_solver()
    answer = service.ask(QUESTION)
    assert isinstance(answer, ExamAnswer)
    assert answer.solution["picked"] == ["B"]
    assert embedder.embedded == []  # nothing went to the learner's index
