"""Policy variables in Resource and Condition values, defaults, special characters and missing keys."""

from tutor.iam import PolicySet, Request, evaluate_request, parse_policy

USER = "arn:aws:iam::111122223333:user/mateo"


def decide(statement, resource, context, version="2012-10-17"):
    policy = parse_policy({"Version": version, "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", **statement}]})
    return evaluate_request(PolicySet(identity=[policy]), Request("s3:GetObject", resource, principal=USER, context=context)).outcome


def test_username_variable_in_resource():
    stmt = {"Resource": "arn:aws:s3:::receipts/home/${aws:username}/*"}
    assert decide(stmt, "arn:aws:s3:::receipts/home/mateo/a.csv", {"aws:username": "mateo"}) == "Allowed"
    assert decide(stmt, "arn:aws:s3:::receipts/home/priya/a.csv", {"aws:username": "mateo"}) == "ImplicitlyDenied"


def test_missing_variable_key_makes_the_resource_not_match():
    stmt = {"Resource": "arn:aws:s3:::receipts/home/${aws:username}/*"}
    assert decide(stmt, "arn:aws:s3:::receipts/home/mateo/a.csv", {}) == "ImplicitlyDenied"


def test_default_value_is_used_when_the_key_is_missing():
    stmt = {"Resource": "arn:aws:s3:::receipts/home/${aws:username, 'shared'}/*"}
    assert decide(stmt, "arn:aws:s3:::receipts/home/shared/a.csv", {}) == "Allowed"
    assert decide(stmt, "arn:aws:s3:::receipts/home/mateo/a.csv", {"aws:username": "mateo"}) == "Allowed"


def test_principal_tag_variable_in_a_condition_value():
    stmt = {"Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}}
    same = {"aws:PrincipalTag/team": "bar", "aws:ResourceTag/team": "bar"}
    assert decide(stmt, "arn:aws:s3:::b/k", same) == "Allowed"
    assert decide(stmt, "arn:aws:s3:::b/k", {**same, "aws:ResourceTag/team": "kitchen"}) == "ImplicitlyDenied"
    assert decide(stmt, "arn:aws:s3:::b/k", {"aws:ResourceTag/team": "bar"}) == "ImplicitlyDenied"


def test_special_character_variables_are_literal_not_wildcards():
    stmt = {"Resource": "arn:aws:s3:::b/${*}${?}${$}"}
    assert decide(stmt, "arn:aws:s3:::b/*?$", {}) == "Allowed"
    assert decide(stmt, "arn:aws:s3:::b/abc", {}) == "ImplicitlyDenied"


def test_variable_values_cannot_widen_the_pattern():
    stmt = {"Resource": "arn:aws:s3:::b/${aws:username}"}
    assert decide(stmt, "arn:aws:s3:::b/anything", {"aws:username": "*"}) == "ImplicitlyDenied"


def test_variables_are_literal_text_under_the_2008_version():
    stmt = {"Resource": "arn:aws:s3:::b/${aws:username}"}
    assert decide(stmt, "arn:aws:s3:::b/mateo", {"aws:username": "mateo"}, version="2008-10-17") == "ImplicitlyDenied"
    assert decide(stmt, "arn:aws:s3:::b/${aws:username}", {"aws:username": "mateo"}, version="2008-10-17") == "Allowed"


def test_userid_variable_in_string_like():
    stmt = {"Resource": "*", "Condition": {"StringLike": {"s3:prefix": "${aws:userid}/*"}}}
    assert decide(stmt, "arn:aws:s3:::b", {"aws:userid": "AIDAEXAMPLE", "s3:prefix": "AIDAEXAMPLE/2026"}) == "Allowed"
    assert decide(stmt, "arn:aws:s3:::b", {"aws:userid": "AIDAEXAMPLE", "s3:prefix": "OTHER/2026"}) == "ImplicitlyDenied"
