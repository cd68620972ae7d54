"""Questions the service refuses before doing any work."""

from __future__ import annotations

import pytest

from tutor.answer.service import MAX_QUESTION_CHARS, AnswerService, validate_question
from tutor.answer.types import QuestionError
from tutor.knowledge.hashing_embedder import HashingEmbedder


@pytest.mark.parametrize("question", ["", "   \n\t"])
def test_an_empty_question_is_refused(question):
    with pytest.raises(QuestionError, match="the question is empty"):
        validate_question(question)


def test_an_over_long_question_is_refused_with_the_limit():
    with pytest.raises(QuestionError, match=f"is {MAX_QUESTION_CHARS + 1} characters long; the limit is {MAX_QUESTION_CHARS}"):
        validate_question("x" * (MAX_QUESTION_CHARS + 1))


def test_refusing_a_question_loads_nothing(tmp_path):
    embedder = HashingEmbedder()
    service = AnswerService(embedder=embedder, corpus_dir=tmp_path)
    with pytest.raises(QuestionError):
        service.ask(" ")
    assert embedder.embedded == []


def test_with_nothing_indexed_every_question_is_declined(tmp_path):
    answer = AnswerService(embedder=HashingEmbedder(), corpus_dir=tmp_path).ask("What is IAM?")
    assert answer.to_json() == {
        "answer": "That is not covered by this module.",
        "citations": [],
        "abstained": True,
        "route": "general",
        "retrieved": [],
    }
