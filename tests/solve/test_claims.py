"""How a statement is read: clauses, opposite words, absolutes, and the party it names."""

from __future__ import annotations

import pytest

from tutor.solve.lexicon import absolutes, bigrams, negative_polarity, opposed, tokens
from tutor.solve.scoring import clauses, novel_part


def test_a_compound_statement_splits_into_clauses_sharing_the_subject():
    assert clauses("IAM is a global service and is offered at no additional charge") == [
        "IAM is a global service", "IAM is offered at no additional charge"
    ]


def test_a_noun_phrase_with_and_stays_whole():
    assert clauses("Consolidated billing and central management of accounts") == [
        "Consolidated billing and central management of accounts"
    ]


@pytest.mark.parametrize(
    ("claim", "evidence", "flipped"),
    [("By default it allows traffic", "It denies traffic by default", True),
     ("IAM is a regional service", "IAM is a global service", True),
     ("Rules can allow traffic", "Rules allow or deny traffic", False),
     ("Roles give temporary credentials", "Roles give temporary credentials", False)],
)
def test_opposite_words_flip_a_claim(claim, evidence, flipped):
    assert opposed(set(tokens(claim)), set(tokens(evidence))) is flipped


def test_absolutes_and_negation_are_noticed():
    assert absolutes("It can only be used by the root user and always") == {"only", "always"}
    assert negative_polarity("Avoid the root user for daily work")
    assert not negative_polarity("Use the root user for daily work")


def test_word_pairs_keep_negation_words():
    assert ("no", "permission") in bigrams("A new user has no permissions")


def test_novel_part_drops_the_words_the_question_already_has():
    assert novel_part("Data residency is the job of AWS Shield", "How does data residency work?") == "is the job of AWS Shield"


def test_a_statement_naming_the_wrong_party_loses_to_the_right_one(solver):
    from tutor.solve.question import ExamQuestion

    question = ExamQuestion(
        "Which statement about guest operating system patches on EC2 instances is correct?",
        {"A": "AWS patches the guest operating system of EC2 instances",
         "B": "The customer patches the guest operating system of EC2 instances"},
    )
    assert solver.solve(question).picked == ["B"]


@pytest.mark.parametrize(
    ("statement", "marks"),
    [
        ("IAM is offered at no additional charge", {"FREE"}),
        ("AWS Shield Advanced has a monthly fee", {"PAID"}),
        ("An AWS account can be a member of several organizations", {"MANY"}),
        ("An account belongs to only one organization", {"ONE"}),
        ("AWS patches the guest operating system", {"AWS"}),
        ("The customer must enable GuardDuty in each Region", {"CUSTOMER", "MANUAL", "ALL"}),
        ("An SCP never grants permissions", {"NEG", "grant"}),
        ("IAM is a global service", {"global"}),
        ("Amazon Macie discovers sensitive data", set()),
    ],
)
def test_the_small_words_that_flip_a_fact_are_read_as_marks(statement, marks):
    from tutor.solve.lexicon import polarity_marks

    assert polarity_marks(statement) == marks
