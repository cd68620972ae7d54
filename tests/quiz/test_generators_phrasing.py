"""Fitting fact-card fragments into exam sentences: articles, verbs, infinitives and asides."""

from __future__ import annotations

import pytest

from tutor.quiz.generators.phrasing import (
    as_statement,
    plural_verb_phrase,
    similar_length_first,
    to_infinitive,
    verb_led,
    with_article,
    without_aside,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("IAM role", "an IAM role"),
        ("IAM user", "an IAM user"),
        ("Federated user", "a federated user"),
        ("AWS account root user", "the AWS account root user"),
        ("KMS key", "a KMS key"),
    ],
)
def test_an_identity_name_gets_the_article_it_is_read_with(name, expected):
    assert with_article(name) == expected


@pytest.mark.parametrize(
    ("caveat", "expected"),
    [
        ("Scanning software for vulnerabilities", "Scans software for vulnerabilities"),
        ("Judging whether activity is malicious", "Judges whether activity is malicious"),
        ("Flagging problems", "Flags problems"),
        ("Issuing long-term credentials", "Issues long-term credentials"),
        ("Watching logs for active threats", "Watches logs for active threats"),
        ("Creating and managing encryption keys", "Creates and manages encryption keys"),
        ("Being the simpler option", "Is the simpler option"),
        ("Detailed attack diagnostics", "Detailed attack diagnostics"),
    ],
)
def test_a_gerund_caveat_is_written_like_the_features_it_stands_among(caveat, expected):
    assert as_statement(caveat) == expected


def test_verb_led_phrases_are_told_from_noun_phrases():
    assert [verb_led(t) for t in ("Scans EC2 instances", "Never issues long-term keys", "Stateful", "Reports include SOC reports")] == [
        True, True, False, False,
    ]


def test_a_plural_subject_takes_the_plural_of_the_first_verb():
    assert plural_verb_phrase("Sets the maximum permissions") == "Set the maximum permissions"
    assert plural_verb_phrase("Never grants any permission") == "Never grant any permission"
    assert plural_verb_phrase("Applies to every user") == "Apply to every user"
    assert plural_verb_phrase("Is stateful") == "Are stateful"


def test_a_practice_becomes_an_infinitive_and_a_prohibition_a_negative_one():
    assert to_infinitive("Turn on MFA for the root user") == "to turn on MFA for the root user"
    assert to_infinitive("Do not create access keys for the root user.") == "not to create access keys for the root user"


def test_an_aside_that_names_the_answer_is_split_off():
    assert without_aside("Filtering traffic by port (security groups do that)") == ("Filtering traffic by port", "security groups do that")
    assert without_aside("Recording API calls") == ("Recording API calls", None)


def test_options_close_in_length_to_the_key_come_first():
    assert similar_length_first(["tiny", "about as long", "a very much longer option text than the key"], "as long as k") == [
        ["about as long"], ["tiny", "a very much longer option text than the key"],
    ]
