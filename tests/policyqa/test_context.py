"""Request context from phrases."""

from __future__ import annotations

import pytest

from tutor.policyqa.context import read_context


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("signed in with MFA", {"aws:MultiFactorAuthPresent": "true"}),
        ("without MFA", {"aws:MultiFactorAuthPresent": "false"}),
        ("from IP 203.0.113.5", {"aws:SourceIp": "203.0.113.5"}),
        ("from 10.0.0.0/24", {"aws:SourceIp": "10.0.0.0/24"}),
        ("over HTTPS", {"aws:SecureTransport": "true"}),
        ("over plain HTTP", {"aws:SecureTransport": "false"}),
        ("over an unencrypted connection", {"aws:SecureTransport": "false"}),
        ("in eu-west-1", {"aws:RequestedRegion": "eu-west-1"}),
        ("tagged project=alpha", {"aws:ResourceTag/project": "alpha"}),
        ("with request tag team=blue", {"aws:RequestTag/team": "blue"}),
        ("with principal tag station=register", {"aws:PrincipalTag/station": "register"}),
        ("with aws:SourceVpc=vpc-1a2b", {"aws:SourceVpc": "vpc-1a2b"}),
        ("just a question", {}),
    ],
)
def test_phrases_set_condition_keys(text, context):
    assert read_context(text).context == context


def test_the_phrase_behind_each_key_is_kept():
    reading = read_context("Can she read it without MFA?")
    assert reading.phrases == {"aws:MultiFactorAuthPresent": "without MFA"}
