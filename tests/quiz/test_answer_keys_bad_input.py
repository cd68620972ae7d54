"""Typing a word instead of a letter at the quiz prompt names each wrong letter once."""

from __future__ import annotations

import pytest

from tutor.quiz.session import InvalidAnswer, parse_keys


def test_a_word_at_the_prompt_names_each_wrong_letter_once(question):
    single = question("iam", 1)
    with pytest.raises(InvalidAnswer, match=r"^H, E, L, O are not options; answer with one of A, B, C$"):
        parse_keys("hello", single)


def test_one_wrong_letter_keeps_the_singular_message(question):
    single = question("iam", 1)
    with pytest.raises(InvalidAnswer, match=r"^Z is not an option; answer with one of A, B, C$"):
        parse_keys("zz", single)
