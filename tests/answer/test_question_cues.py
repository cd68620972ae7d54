"""Question cues: the shape of answer a question asks for, and which sentences have it."""

from __future__ import annotations

import pytest

from tutor.answer.question_cues import question_cues


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("Who patches the guest operating system on EC2?", {"owner"}),
        ("Is it my job to encrypt my S3 data?", {"owner"}),
        ("Which AWS service finds personal data in S3?", {"service"}),
        ("How long is the Shield Advanced commitment?", {"quantity"}),
        ("What is a web ACL?", {"definition"}),
        ("What does least privilege mean?", {"definition"}),
        ("What is the best way to protect the root user?", {"advice"}),
        ("What should I do first after opening an account?", {"advice"}),
        ("How does an IAM role differ from an IAM user?", {"contrast"}),
        ("Can I nest IAM groups?", set()),
    ],
)
def test_question_kinds_come_from_its_wording(question, kinds):
    assert question_cues(question).kinds == frozenset(kinds)


def test_a_sentence_matches_each_asked_shape_it_has():
    owner = question_cues("Who patches RDS?")
    assert owner.matches("The customer is responsible for the guest operating system.") == 1
    assert owner.matches("RDS runs on EC2 hardware.") == 0
    service = question_cues("Which service finds personal data?")
    assert service.matches("Amazon Macie finds personal data in S3 buckets.") == 1
    assert service.matches("Personal data needs protecting.") == 0
    quantity = question_cues("How deep can OUs be nested?")
    assert quantity.matches("OUs can be nested up to five levels below the root.") == 1
    assert quantity.matches("OUs can be nested.") == 0
    advice = question_cues("What should I do to protect the root user?")
    assert advice.matches("Turn on MFA for the root user.") == 1
    assert advice.matches("The root user has full access.") == 0
    contrast = question_cues("How is AWS WAF different from a security group?")
    assert contrast.matches("Security groups do not inspect web requests.") == 1
    assert contrast.matches("AWS WAF inspects web requests.") == 0
    definition = question_cues("What is a web ACL?")
    assert definition.matches("A web ACL is a set of rules that AWS WAF applies.") == 1
    assert definition.matches("Attach rules to protect CloudFront.") == 0


def test_an_open_question_asks_for_no_shape():
    assert question_cues("Tell me about GuardDuty.").matches("Amazon GuardDuty is a threat detection service.") == 0
