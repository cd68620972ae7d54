"""Reading pasted questions and MCQ records."""

from __future__ import annotations

import pytest

from tutor.solve.question import (
    ExamQuestion,
    QuestionFormatError,
    parse_question,
    pasted_exam_question,
    question_from_record,
    select_count,
)

OPTIONS = {"A": "AWS Artifact", "B": "Amazon GuardDuty", "C": "Amazon Inspector"}


@pytest.mark.parametrize(
    "text",
    [
        "Which service detects threats?\nA. AWS Artifact\nB. Amazon GuardDuty\nC. Amazon Inspector",
        "Which service detects threats?\nA) AWS Artifact\nB) Amazon GuardDuty\nC) Amazon Inspector",
        "Which service detects threats?\n(A) AWS Artifact\n(B) Amazon GuardDuty\n(C) Amazon Inspector",
        "Which service detects threats?\nA: AWS Artifact\nB: Amazon GuardDuty\nC: Amazon Inspector",
        "Which service detects threats? A. AWS Artifact B. Amazon GuardDuty C. Amazon Inspector",
        "Which service detects threats? (A) AWS Artifact (B) Amazon GuardDuty (C) Amazon Inspector",
    ],
)
def test_every_option_layout_gives_the_same_question(text):
    question = parse_question(text)
    assert question.stem == "Which service detects threats?"
    assert question.options == OPTIONS
    assert question.select == 1


def test_a_wrapped_option_line_continues_the_option():
    question = parse_question("Pick one.\nA. first part\n   second part\nB. other")
    assert question.options == {"A": "first part second part", "B": "other"}


def test_lowercase_letters_are_accepted_on_their_own_lines():
    assert parse_question("Q?\na) yes\nb) no").options == {"A": "yes", "B": "no"}


@pytest.mark.parametrize(
    ("stem", "count"),
    [("Which TWO tasks are AWS's? (Select TWO.)", 2), ("Choose three answers.", 3), ("Which service?", 1),
     ("Which two-factor method is phishing resistant?", 1)],
)
def test_select_count_reads_the_stem(stem, count):
    assert select_count(stem) == count


def test_text_without_options_is_one_clear_error():
    with pytest.raises(QuestionFormatError, match="no answer options found"):
        parse_question("What does GuardDuty do?")


def test_empty_text_is_an_error():
    with pytest.raises(QuestionFormatError, match="empty"):
        parse_question("   ")


def test_record_becomes_a_question_with_its_key():
    question = question_from_record(
        {"id": "q1", "question": "Which TWO? (Select TWO.)", "options": {"A": "a", "B": "b", "C": "c"},
         "answer": ["A", "C"], "topic": "iam"}
    )
    assert (question.id, question.select, question.answer, question.topic) == ("q1", 2, ("A", "C"), "iam")


def test_the_number_to_pick_comes_from_the_stem_not_the_key():
    question = question_from_record({"question": "Which one?", "options": {"A": "a", "B": "b", "C": "c"}, "answer": ["A", "B"]})
    assert question.select == 1


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"options": {"A": "a", "B": "b"}}, "'question'"),
        ({"question": "Q?", "options": {"A": "a"}}, "at least two"),
        ({"question": "Q?", "options": {"A": "a", "Z9": "b"}}, "not a letter"),
        ({"question": "Q?", "options": {"A": "a", "B": "b"}, "answer": ["C"]}, "'answer'"),
    ],
)
def test_bad_records_name_the_field(record, message):
    with pytest.raises(QuestionFormatError, match=message):
        question_from_record(record)


def test_a_chat_message_with_options_a_b_and_c_is_a_pasted_exam_question():
    question = pasted_exam_question("Which service finds PII in S3?\nA. Amazon Macie\nB. AWS Shield\nC. AWS WAF")
    assert question == ExamQuestion(
        stem="Which service finds PII in S3?", options={"A": "Amazon Macie", "B": "AWS Shield", "C": "AWS WAF"}
    )


@pytest.mark.parametrize(
    "text",
    ["Should I use A) a role or B) a user for my app?", "What does Amazon Macie do?", "A. Amazon Macie\nB. AWS Shield\nC. AWS WAF"],
)
def test_prose_with_two_lettered_choices_or_no_stem_is_not_a_pasted_exam_question(text):
    assert pasted_exam_question(text) is None
