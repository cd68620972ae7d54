"""Explanations name the statement, the layer, the failed condition and the rule applied."""

from tutor.iam import PolicySet, Request, evaluate_request, explain, parse_policy

V = "2012-10-17"
USER = "arn:aws:iam::111122223333:user/mateo"


def policy(statements, name, kind="identity"):
    return parse_policy({"Version": V, "Statement": statements}, name=name, kind=kind)


def test_explicit_deny_names_the_statement_and_rule():
    allow = policy([{"Sid": "Read", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}], "ReadAll")
    deny = policy([{"Sid": "KeepReceipts", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}], "NoDelete")
    text = explain(evaluate_request(PolicySet(identity=[allow, deny]),
                                    Request("s3:DeleteObject", "arn:aws:s3:::r/a", principal=USER)))
    assert text.splitlines()[:3] == [
        f"{USER} is explicitly denied to perform s3:DeleteObject on arn:aws:s3:::r/a.",
        'Decided by the identity-based policies: statement "KeepReceipts" of NoDelete denies it.',
        "Rule: An explicit Deny in any policy overrides every Allow.",
    ]


def test_implicit_deny_lists_the_failed_condition():
    allow = policy([{"Sid": "OfficeOnly", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                     "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}], "Office")
    text = explain(evaluate_request(PolicySet(identity=[allow]),
                                    Request("s3:GetObject", "arn:aws:s3:::r/a", principal=USER, context={"aws:SourceIp": "198.51.100.4"})))
    assert "Rule: Nothing allowed the request, so it is implicitly denied" in text
    assert ('Allow statement "OfficeOnly" of Office did not apply because its condition failed: '
            'IpAddress aws:SourceIp ["203.0.113.0/24"]: the request has aws:SourceIp = "198.51.100.4".') in text


def test_scp_explanation_says_scps_are_maximum_permissions():
    allow = policy([{"Effect": "Allow", "Action": "*", "Resource": "*"}], "Admin")
    scp = policy([{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}], "S3Only", "scp")
    text = explain(evaluate_request(PolicySet(identity=[allow], scps=[[scp]]), Request("ec2:RunInstances", "*", principal=USER)))
    assert "Decided by the service control policies (SCPs) at organization level 0 (root): nothing there allows it." in text
    assert "set the maximum permissions for principals in member accounts" in text


def test_cross_account_explanation_says_both_accounts_must_allow():
    allow = policy([{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}], "Read")
    text = explain(evaluate_request(PolicySet(identity=[allow]),
                                    Request("s3:GetObject", "arn:aws:s3:::r/a", principal=USER, resource_account="444455556666")))
    assert "This is a cross-account request: the caller is in account 111122223333 and the resource in account 444455556666." in text
    assert "Across accounts both sides must allow, and the resource's account did not" in text


def test_boundary_explanation():
    allow = policy([{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}], "S3")
    boundary = policy([{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}], "ReadOnlyBoundary", "boundary")
    text = explain(evaluate_request(PolicySet(identity=[allow], boundary=[boundary]),
                                    Request("s3:PutObject", "arn:aws:s3:::r/a", principal=USER)))
    assert "Decided by the permissions boundary: nothing there allows it." in text
    assert "A permissions boundary sets the maximum permissions of a user or role" in text


def test_resource_grant_explanation_says_how_the_principal_was_named():
    grant = policy([{"Sid": "Bookkeeper", "Effect": "Allow", "Principal": {"AWS": USER}, "Action": "s3:GetObject",
                     "Resource": "*"}], "Bucket", "resource")
    text = explain(evaluate_request(PolicySet(resource=grant), Request("s3:GetObject", "arn:aws:s3:::r/a", principal=USER)))
    assert 'Decided by the resource-based policy: statement "Bookkeeper" of Bucket names this IAM user and allows it.' in text


def test_trust_and_key_policies_are_called_by_their_names():
    trust = policy([{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}], "Trust", "trust")
    text = explain(evaluate_request(PolicySet(resource=trust),
                                    Request("sts:AssumeRole", "arn:aws:iam::111122223333:role/Ops", principal=USER)))
    assert "Decided by the role trust policy: nothing there allows it." in text
    key = policy([{"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "kms:*", "Resource": "*"}], "Key", "resource")
    text = explain(evaluate_request(PolicySet(resource=key),
                                    Request("kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/k", principal=USER)))
    assert "Decided by the KMS key policy: nothing there allows it." in text
