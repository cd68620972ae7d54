"""Control characters and invisible marks alone are not a question."""

from __future__ import annotations

import pytest

from tutor.answer.service import validate_question
from tutor.answer.types import QuestionError


@pytest.mark.parametrize("question", ["\x01\x02\x7f", "\x1b\x07", "\u200b\u200d\ufeff"])
def test_only_control_or_invisible_characters_is_an_empty_question(question):
    with pytest.raises(QuestionError, match=r"^the question is empty; type a question about the security module$"):
        validate_question(question)


def test_control_characters_inside_a_real_question_are_left_to_the_answerer():
    assert validate_question(" what is\x07IAM? пример 安全 ") == "what is\x07IAM? пример 安全"
