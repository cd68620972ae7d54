"""Insecure shortcuts are recognised as such, and warnings against them are not."""

from __future__ import annotations

import pytest

from tutor.solve.practice import anti_pattern
from tutor.solve.question import ExamQuestion

@pytest.mark.parametrize(
    ("option", "shortcut"),
    [
        ("Make the bucket public", "makes data public"),
        ("Open port 22 to the internet for the administrators", "makes data public"),
        ("Share one IAM user's credentials across the operations team", "shares credentials"),
        ("Email the access keys to the lead auditor", "sends credentials"),
        ("Store an IAM user's access keys in the application code", "embeds keys"),
        ("Use the root user's access keys in the deployment script", "uses the root user"),
        ("Create access keys for the root user so automation never fails", "uses the root user"),
        ("Turn off CloudTrail to save money", "turns off a safeguard"),
        ("Delete the repository and take no further action", "does nothing"),
        ("Give every developer administrator access", "grants everything"),
        ("Turn off AWS Shield Standard to remove inspection overhead", "turns off a safeguard"),
        ("Open all ports in the security groups", "exposes servers"),
        ("Encrypt the repository and keep the password hardcoded in the application", "keeps a secret in code"),
        ("Email the password to the team so the code no longer contains it", "sends credentials"),
    ],
)
def test_an_insecure_shortcut_is_named(option, shortcut):
    assert anti_pattern(option) == shortcut


@pytest.mark.parametrize(
    "option",
    [
        "Never share the root user password",
        "Do not store access keys in application code",
        "Stop anyone in member accounts from turning off CloudTrail",
        "Turn on S3 Block Public Access for the account",
        "Flag S3 buckets that are publicly accessible",
        "Attach an IAM role to the instance",
    ],
)
def test_advice_against_a_shortcut_and_ordinary_actions_are_not_shortcuts(option):
    assert anti_pattern(option) is None


QUESTION = {
    "A": "Make the bucket public so the application can read it",
    "B": "Attach an IAM role to the EC2 instances so the application can read the bucket",
}


def test_the_shortcut_loses_a_best_practice_question_and_wins_its_negation(solver):
    asked = solver.solve(ExamQuestion("What should the company do so the application on EC2 instances can read the bucket?", QUESTION))
    assert asked.picked == ["B"]
    assert asked.options["A"].reason == "This is an insecure shortcut: it makes data public, which no AWS security practice recommends."
    negated = solver.solve(ExamQuestion("Which of these is NOT a good way to let the application read the bucket?", QUESTION))
    assert negated.picked == ["A"]
    assert negated.options["A"].reason == "This is the one that is not good security practice: it makes data public."
