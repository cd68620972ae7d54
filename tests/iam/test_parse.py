"""Parsing and validation: every error with a JSON path, malformed JSON with line and column, risk warnings."""

import pytest

from tutor.iam import PolicyError, PolicyErrors, parse_policy, validate_policy

V = "2012-10-17"


def reasons(source, kind="identity"):
    return [str(e) for e in validate_policy(source, kind).errors]


def warnings(source, kind="identity"):
    return [str(w) for w in validate_policy(source, kind).warnings]


def test_lowercase_effect_names_path_and_value():
    doc = {"Version": V, "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
                                       {"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}]}
    assert reasons(doc) == ['Statement[1].Effect: must be "Allow" or "Deny", got "allow"']


def test_every_error_is_reported_not_just_the_first():
    doc = {"Version": "2012-10-18", "Statement": [{"Effect": "Permit", "Action": "GetObject"}]}
    assert reasons(doc) == [
        'Version: must be "2012-10-17" or "2008-10-17", got "2012-10-18"',
        'Statement[0].Effect: must be "Allow" or "Deny", got "Permit"',
        'Statement[0].Action: must look like "service:Action" (for example "s3:GetObject") or "*", got "GetObject"',
        "Statement[0].Resource: missing; a statement in an identity policy needs Resource or NotResource",
    ]


def test_malformed_json_names_line_and_column():
    report = validate_policy('{\n  "Version": "2012-10-17",\n  "Statement": [\n}')
    assert len(report.errors) == 1
    err = report.errors[0]
    assert (err.line, err.column) == (4, 1)
    assert str(err).startswith("policy (line 4, column 1): not valid JSON")


def test_statement_may_be_a_single_object_and_values_plain_strings():
    policy = parse_policy({"Version": V, "Statement": {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}})
    assert len(policy.statements) == 1 and policy.statements[0].is_deny


def test_action_and_notaction_together_is_an_error():
    doc = {"Version": V, "Statement": [{"Effect": "Allow", "Action": "s3:*", "NotAction": "iam:*", "Resource": "*"}]}
    assert reasons(doc) == ["Statement[0].NotAction: a statement may have Action or NotAction, not both"]


def test_unknown_elements_and_wrong_case_are_named():
    doc = {"Version": V, "Statment": [], "Statement": [{"effect": "Allow", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
    assert reasons(doc) == [
        "Statment: unknown top-level element (allowed: Version, Id, Statement)",
        'Statement[0].effect: unknown statement element (element names are case-sensitive: "Effect")',
    ]


def test_duplicate_sids_are_an_error():
    stmt = {"Sid": "A", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}
    assert reasons({"Version": V, "Statement": [stmt, dict(stmt)]}) == [
        'Statement: Sid "A" is used by more than one statement; each Sid must be unique']


def test_principal_not_allowed_in_identity_policy_but_required_in_resource_policy():
    with_principal = {"Version": V, "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}
    without = {"Version": V, "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
    assert reasons(with_principal) == [
        "Statement[0].Principal: An identity policy cannot name a principal; it applies to whoever it is attached to"]
    assert reasons(without, "resource") == [
        "Statement[0].Principal: missing; a statement in a resource policy must name a Principal"]


def test_trust_policy_has_no_resource():
    doc = {"Version": V, "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                                        "Action": "sts:AssumeRole", "Resource": "*"}]}
    assert reasons(doc, "trust") == ["Statement[0].Resource: a role trust policy has no Resource; the resource is the role itself"]


def test_bad_principal_values_and_wildcard_arns_are_errors():
    doc = {"Version": V, "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*",
                                        "Principal": {"AWS": ["bob", "arn:aws:iam::111122223333:user/*"], "Person": "x"}}]}
    assert reasons(doc, "resource") == [
        'Statement[0].Principal.AWS[0]: must be "*", a 12-digit account id or an IAM/STS principal ARN, got "bob"',
        "Statement[0].Principal.AWS: wildcards are not allowed in a principal ARN (arn:aws:iam::111122223333:user/*); use a condition on aws:PrincipalArn",
        "Statement[0].Principal.Person: unknown principal type (allowed: AWS, Service, Federated, CanonicalUser)",
    ]


def test_condition_operator_and_values_are_checked():
    doc = {"Version": V, "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {
        "stringequals": {"aws:username": "a"},
        "NumericLessThan": {"s3:max-keys": "ten"},
        "IpAddress": {"aws:SourceIp": "10.0.0.300/8"},
        "DateGreaterThan": {"aws:CurrentTime": "yesterday"},
        "Bool": {"aws:SecureTransport": "yes"},
    }}]}
    assert reasons(doc) == [
        'Statement[0].Condition.stringequals: unknown condition operator "stringequals" (did you mean "StringEquals"? operator names are case-sensitive)',
        'Statement[0].Condition.NumericLessThan.s3:max-keys: "ten" is not a number',
        'Statement[0].Condition.IpAddress.aws:SourceIp: "10.0.0.300/8" is not an IPv4 or IPv6 address or CIDR range',
        'Statement[0].Condition.DateGreaterThan.aws:CurrentTime: "yesterday" is not an ISO 8601 date or epoch time',
        'Statement[0].Condition.Bool.aws:SecureTransport: "yes" must be "true" or "false"',
    ]


def test_resource_must_be_an_arn_or_star():
    doc = {"Version": V, "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": ["my-bucket", "arn:aws"]}]}
    assert reasons(doc) == [
        'Statement[0].Resource[0]: must be "*" or an ARN "arn:partition:service:region:account:resource", got "my-bucket"',
        'Statement[0].Resource[1]: must be "*" or an ARN "arn:partition:service:region:account:resource", got "arn:aws"',
    ]


def test_short_arn_is_a_warning():
    doc = {"Version": V, "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:*"}]}
    assert warnings(doc) == [
        "Statement[0].Resource: has fewer than the six ARN segments (arn:partition:service:region:account:resource); "
        "a wildcard cannot stand for the missing ones, so it matches no full ARN"]


def test_empty_lists_are_errors():
    doc = {"Version": V, "Statement": [{"Effect": "Allow", "Action": [], "Resource": "*"}]}
    assert reasons(doc) == ["Statement[0].Action: must not be an empty list"]


def test_warnings_for_risky_but_legal_policies():
    admin = {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    assert warnings(admin) == [
        'Version: missing; AWS then uses "2008-10-17", where policy variables are not replaced. Add "Version": "2012-10-17"',
        'Statement[0]: full administrator access: "Action": "*" on "Resource": "*"',
    ]
    not_action = {"Version": V, "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::b"}]}
    assert warnings(not_action) == [
        "Statement[0].NotAction: Allow with NotAction allows every action not listed, including ones added later",
        "Statement[0].NotResource: Allow with NotResource allows every resource not listed",
    ]
    public = {"Version": V, "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject",
                                           "Resource": "arn:aws:s3:::b/*"}]}
    assert warnings(public, "resource") == [
        "Statement[0].Principal: wildcard principal without a condition: anyone, including anonymous users, is allowed"]


def test_parse_policy_raises_aggregate_that_is_a_policy_error():
    with pytest.raises(PolicyError) as caught:
        parse_policy({"Statement": [{"Effect": "x"}, {"Effect": "y"}]}, name="bad.json")
    assert isinstance(caught.value, PolicyErrors)
    assert [e.path for e in caught.value.errors] == [
        "Statement[0].Effect", "Statement[0].Action", "Statement[0].Resource",
        "Statement[1].Effect", "Statement[1].Action", "Statement[1].Resource"]
    assert str(caught.value).startswith("bad.json: 6 errors")


@pytest.mark.parametrize("source", ["[]", "42", '"text"', "null", "", "{}"])
def test_validate_never_raises_on_odd_json(source):
    assert validate_policy(source).errors


def test_validate_rejects_other_python_types():
    with pytest.raises(TypeError):
        validate_policy(42)  # type: ignore[arg-type]
