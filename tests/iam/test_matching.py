"""Action and resource matching: case rules, wildcards, ARN segments, NotAction and NotResource."""

import pytest

from tutor.iam import PolicySet, Request, evaluate_request, parse_policy

USER = "arn:aws:iam::111122223333:user/mateo"


def outcome(statement, action, resource):
    policy = parse_policy({"Version": "2012-10-17", "Statement": [statement]})
    return evaluate_request(PolicySet(identity=[policy]), Request(action, resource, principal=USER)).outcome


@pytest.mark.parametrize("pattern,action,expected", [
    ("s3:GetObject", "s3:getobject", "Allowed"),
    ("S3:GETOBJECT", "s3:GetObject", "Allowed"),
    ("s3:Get*", "s3:GetObjectAcl", "Allowed"),
    ("s3:*Object", "s3:PutObject", "Allowed"),
    ("s3:?etObject", "s3:GetObject", "Allowed"),
    ("s3:?etObject", "s3:GGetObject", "ImplicitlyDenied"),
    ("s3:Get*", "s3:PutObject", "ImplicitlyDenied"),
    ("*", "iam:CreateUser", "Allowed"),
    ("s3:*", "s3express:CreateSession", "ImplicitlyDenied"),
])
def test_actions_are_case_insensitive_with_wildcards(pattern, action, expected):
    assert outcome({"Effect": "Allow", "Action": pattern, "Resource": "*"}, action, "arn:aws:s3:::b") == expected


@pytest.mark.parametrize("pattern,resource,expected", [
    ("arn:aws:s3:::receipts/*", "arn:aws:s3:::receipts/2026/01.csv", "Allowed"),
    ("arn:aws:s3:::receipts/*", "arn:aws:s3:::receipts", "ImplicitlyDenied"),
    ("arn:aws:s3:::Receipts/*", "arn:aws:s3:::receipts/a", "ImplicitlyDenied"),
    ("arn:aws:dynamodb:*:111122223333:table/Inventory", "arn:aws:dynamodb:eu-west-1:111122223333:table/Inventory", "Allowed"),
    ("arn:aws:dynamodb:*:111122223333:table/Inventory", "arn:aws:dynamodb:eu-west-1:444455556666:table/Inventory", "ImplicitlyDenied"),
    ("arn:aws:dynamodb:us-*:*:table/*", "arn:aws:dynamodb:us-east-1:111122223333:table/Inventory", "Allowed"),
    ("arn:aws:s3:::rec?ipts", "arn:aws:s3:::receipts", "Allowed"),
    ("arn:aws:iam::*:*", "arn:aws:iam::111122223333:user/x", "Allowed"),
    ("*", "*", "Allowed"),
    ("arn:aws:s3:::*", "*", "ImplicitlyDenied"),
])
def test_resources_match_segment_by_segment_case_sensitively(pattern, resource, expected):
    assert outcome({"Effect": "Allow", "Action": "s3:GetObject", "Resource": pattern}, "s3:GetObject", resource) == expected


def test_a_wildcard_in_the_region_cannot_span_segments():
    stmt = {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:sqs:us-east-1*:q"}
    # Only 4 segments: the * would have to swallow the account segment.
    assert outcome(stmt, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q") == "ImplicitlyDenied"


def test_not_action_allows_everything_except_the_listed_actions():
    stmt = {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}
    assert outcome(stmt, "s3:GetObject", "arn:aws:s3:::b") == "Allowed"
    assert outcome(stmt, "iam:CreateUser", "arn:aws:iam::111122223333:user/x") == "ImplicitlyDenied"


def test_not_resource_applies_to_every_other_resource():
    stmt = {"Effect": "Allow", "Action": "s3:*", "NotResource": "arn:aws:s3:::payroll/*"}
    assert outcome(stmt, "s3:GetObject", "arn:aws:s3:::receipts/a") == "Allowed"
    assert outcome(stmt, "s3:GetObject", "arn:aws:s3:::payroll/a") == "ImplicitlyDenied"


def test_deny_with_not_action_blocks_everything_else():
    allow_all = parse_policy({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
    deny_other = parse_policy({"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "NotAction": ["s3:*", "kms:*"], "Resource": "*"}]})
    policies = PolicySet(identity=[allow_all, deny_other])
    assert evaluate_request(policies, Request("s3:GetObject", "arn:aws:s3:::b/k", principal=USER)).outcome == "Allowed"
    assert evaluate_request(policies, Request("ec2:RunInstances", "*", principal=USER)).outcome == "ExplicitlyDenied"
