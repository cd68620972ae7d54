"""Condition operators, one family at a time, through whole policies so parsing is exercised too."""

import pytest

from tutor.iam import PolicySet, Request, evaluate_request, parse_policy

V = "2012-10-17"
USER = "arn:aws:iam::111122223333:user/mateo"


def outcome(condition, context, version=V):
    policy = parse_policy({"Version": version, "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": condition}]})
    request = Request("s3:GetObject", "arn:aws:s3:::receipts/a.csv", principal=USER, context=context)
    return evaluate_request(PolicySet(identity=[policy]), request).outcome


def allowed(condition, context, version=V):
    return outcome(condition, context, version) == "Allowed"


@pytest.mark.parametrize("operator,policy_value,actual,expected", [
    ("StringEquals", "mateo", "mateo", True),
    ("StringEquals", "mateo", "Mateo", False),
    ("StringNotEquals", "mateo", "priya", True),
    ("StringNotEquals", "mateo", "mateo", False),
    ("StringEqualsIgnoreCase", "MATEO", "mateo", True),
    ("StringNotEqualsIgnoreCase", "MATEO", "mateo", False),
    ("StringLike", "ma*o", "mateo", True),
    ("StringLike", "m?teo", "mateo", True),
    ("StringLike", "m?teo", "maateo", False),
    ("StringNotLike", "ma*", "mateo", False),
    ("StringNotLike", "pr*", "mateo", True),
])
def test_string_operators(operator, policy_value, actual, expected):
    assert allowed({operator: {"aws:username": policy_value}}, {"aws:username": actual}) is expected


@pytest.mark.parametrize("operator,policy_value,actual,expected", [
    ("NumericEquals", "10", "10.0", True),
    ("NumericNotEquals", "10", "11", True),
    ("NumericLessThan", "10", "9", True),
    ("NumericLessThan", "10", "10", False),
    ("NumericLessThanEquals", "10", "10", True),
    ("NumericGreaterThan", "10", "10.5", True),
    ("NumericGreaterThanEquals", "10", "9.99", False),
    ("NumericEquals", "10", "ten", False),
])
def test_numeric_operators(operator, policy_value, actual, expected):
    assert allowed({operator: {"s3:max-keys": policy_value}}, {"s3:max-keys": actual}) is expected


@pytest.mark.parametrize("operator,policy_value,actual,expected", [
    ("DateLessThan", "2026-12-01T00:00:00Z", "2026-11-27T23:00:00Z", True),
    ("DateLessThan", "2026-12-01", "2026-12-02T00:00:00Z", False),
    ("DateGreaterThan", "2026-01-01T00:00:00+02:00", "2025-12-31T23:00:00Z", True),
    ("DateEquals", "2026-01-01T00:00:00Z", "1767225600", True),
    ("DateNotEquals", "1767225600", "2026-01-01T00:00:00Z", False),
    ("DateGreaterThanEquals", "1767225600", "1767225600", True),
    ("DateLessThanEquals", "2026-01-01T00:00:00Z", "not a date", False),
])
def test_date_operators_accept_iso8601_and_epoch(operator, policy_value, actual, expected):
    assert allowed({operator: {"aws:CurrentTime": policy_value}}, {"aws:CurrentTime": actual}) is expected


def test_bool_is_case_insensitive_on_the_request_value():
    assert allowed({"Bool": {"aws:SecureTransport": "true"}}, {"aws:SecureTransport": "TRUE"})
    assert allowed({"Bool": {"aws:SecureTransport": True}}, {"aws:SecureTransport": True})
    assert not allowed({"Bool": {"aws:SecureTransport": "true"}}, {"aws:SecureTransport": "false"})


def test_binary_equals_compares_decoded_bytes():
    assert allowed({"BinaryEquals": {"s3:x-amz-key": "QmluYXJ5VmFsdWU="}}, {"s3:x-amz-key": "QmluYXJ5VmFsdWU="})
    assert not allowed({"BinaryEquals": {"s3:x-amz-key": "QmluYXJ5VmFsdWU="}}, {"s3:x-amz-key": "T3RoZXI="})


@pytest.mark.parametrize("operator,cidr,ip,expected", [
    ("IpAddress", "203.0.113.0/24", "203.0.113.7", True),
    ("IpAddress", "203.0.113.0/24", "198.51.100.7", False),
    ("IpAddress", "203.0.113.9", "203.0.113.9", True),
    ("IpAddress", "2001:db8::/32", "2001:db8:1::5", True),
    ("IpAddress", "2001:db8::/32", "203.0.113.7", False),
    ("NotIpAddress", "203.0.113.0/24", "198.51.100.7", True),
    ("NotIpAddress", "203.0.113.0/24", "203.0.113.1", False),
])
def test_ip_address_operators_ipv4_and_ipv6(operator, cidr, ip, expected):
    assert allowed({operator: {"aws:SourceIp": cidr}}, {"aws:SourceIp": ip}) is expected


@pytest.mark.parametrize("operator,pattern,arn,expected", [
    ("ArnEquals", "arn:aws:iam::111122223333:role/Register", "arn:aws:iam::111122223333:role/Register", True),
    ("ArnLike", "arn:aws:iam::*:role/Reg*", "arn:aws:iam::111122223333:role/Register", True),
    ("ArnLike", "arn:aws:iam::*:role/Reg*", "arn:aws:iam::111122223333:user/Register", False),
    ("ArnLike", "arn:aws:iam::1*3:role/*", "arn:aws:iam::111122223333:role/x", True),
    ("ArnLike", "arn:aws:*:role/x", "arn:aws:iam::111122223333:role/x", False),
    ("ArnNotLike", "arn:aws:iam::*:role/Reg*", "arn:aws:iam::111122223333:role/Stock", True),
    ("ArnNotEquals", "arn:aws:iam::111122223333:role/Register", "arn:aws:iam::111122223333:role/Register", False),
])
def test_arn_operators_match_segment_by_segment(operator, pattern, arn, expected):
    assert allowed({operator: {"aws:PrincipalArn": pattern}}, {"aws:PrincipalArn": arn}) is expected


def test_null_checks_presence():
    assert allowed({"Null": {"aws:TokenIssueTime": "true"}}, {})
    assert not allowed({"Null": {"aws:TokenIssueTime": "true"}}, {"aws:TokenIssueTime": "2026-01-01T00:00:00Z"})
    assert allowed({"Null": {"aws:TokenIssueTime": "false"}}, {"aws:TokenIssueTime": "2026-01-01T00:00:00Z"})


def test_missing_key_fails_positive_operators_and_passes_negated_ones():
    assert not allowed({"StringEquals": {"aws:PrincipalTag/team": "bar"}}, {})
    assert allowed({"StringNotEquals": {"aws:PrincipalTag/team": "bar"}}, {})
    assert allowed({"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}, {})
    assert allowed({"ArnNotLike": {"aws:SourceArn": "arn:aws:sns:*:*:x"}}, {})


def test_if_exists_passes_when_the_key_is_missing_and_compares_when_present():
    condition = {"StringEqualsIfExists": {"ec2:InstanceType": "t3.micro"}}
    assert allowed(condition, {})
    assert allowed(condition, {"ec2:InstanceType": "t3.micro"})
    assert not allowed(condition, {"ec2:InstanceType": "m5.large"})


def test_values_are_ored_and_operators_and_keys_are_anded():
    condition = {"StringEquals": {"aws:username": ["mateo", "priya"], "aws:PrincipalTag/station": "register"},
                 "Bool": {"aws:SecureTransport": "true"}}
    base = {"aws:username": "priya", "aws:PrincipalTag/station": "register", "aws:SecureTransport": "true"}
    assert allowed(condition, base)
    assert not allowed(condition, {**base, "aws:PrincipalTag/station": "stockroom"})
    assert not allowed(condition, {**base, "aws:SecureTransport": "false"})


def test_negated_operator_with_several_values_requires_matching_none():
    condition = {"StringNotEquals": {"aws:username": ["mateo", "priya"]}}
    assert not allowed(condition, {"aws:username": "priya"})
    assert allowed(condition, {"aws:username": "sam"})


def test_condition_key_names_are_case_insensitive_values_are_not():
    assert allowed({"StringEquals": {"AWS:UserName": "mateo"}}, {"aws:username": "mateo"})
    assert not allowed({"StringEquals": {"aws:username": "Mateo"}}, {"AWS:USERNAME": "mateo"})


def test_for_any_value_needs_one_request_value_to_match():
    condition = {"ForAnyValue:StringEquals": {"aws:TagKeys": ["team", "cost"]}}
    assert allowed(condition, {"aws:TagKeys": ["owner", "team"]})
    assert not allowed(condition, {"aws:TagKeys": ["owner"]})
    assert not allowed(condition, {})
    assert not allowed(condition, {"aws:TagKeys": []})


def test_for_all_values_needs_every_request_value_to_match_and_is_true_when_missing_or_empty():
    condition = {"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "cost"]}}
    assert allowed(condition, {"aws:TagKeys": ["team", "cost"]})
    assert not allowed(condition, {"aws:TagKeys": ["team", "owner"]})
    assert allowed(condition, {})
    assert allowed(condition, {"aws:TagKeys": []})


def test_for_any_value_with_a_negated_operator():
    condition = {"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["team"]}}
    assert allowed(condition, {"aws:TagKeys": ["team", "owner"]})
    assert not allowed(condition, {"aws:TagKeys": ["team"]})


def test_for_all_values_with_like_and_if_exists():
    condition = {"ForAllValues:StringLikeIfExists": {"aws:TagKeys": ["shop-*"]}}
    assert allowed(condition, {"aws:TagKeys": ["shop-a", "shop-b"]})
    assert not allowed(condition, {"aws:TagKeys": ["shop-a", "other"]})
    assert allowed(condition, {})


def test_failed_condition_is_recorded_in_the_trace_with_the_request_value():
    policy = parse_policy({"Version": V, "Statement": [{"Sid": "TlsOnly", "Effect": "Allow", "Action": "s3:*",
                                                         "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]},
                          name="tls")
    decision = evaluate_request(PolicySet(identity=[policy]),
                                Request("s3:GetObject", "arn:aws:s3:::b/k", principal=USER, context={"aws:SecureTransport": "false"}))
    assert decision.outcome == "ImplicitlyDenied"
    assert decision.trace.layer("identity").failure_reasons() == [{
        "policy": "tls", "statement": "TlsOnly", "effect": "Allow", "condition": 'Bool aws:SecureTransport ["true"]',
        "reason": 'Bool aws:SecureTransport ["true"]: the request has aws:SecureTransport = "false"'}]
