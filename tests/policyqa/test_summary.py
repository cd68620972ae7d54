"""Policy summaries in words, and the risks they flag."""

from __future__ import annotations

from tutor.iam import parse_policy
from tutor.policyqa.summary import describe_conditions, summarise_policy


def _summary(statements, kind="identity"):
    return summarise_policy(parse_policy({"Version": "2012-10-17", "Statement": statements}, name="P", kind=kind))


def test_each_statement_is_said_in_words():
    summary = _summary([
        {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
         "Resource": ["arn:aws:s3:::photos", "arn:aws:s3:::photos/*"]},
        {"Effect": "Deny", "Action": "s3:*", "Resource": "*",
         "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
    ])
    assert summary.statements == [
        "Read: Allows s3:GetObject, s3:ListBucket on the bucket photos, every object in the bucket photos.",
        "Statement 2: Denies every S3 action on every resource, only when the request does not use HTTPS (TLS).",
    ]
    assert summary.risks == []


def test_full_admin_is_flagged_with_the_missing_mfa():
    summary = _summary([{"Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*"}])
    assert summary.statements == ["All: Allows every action in every service on every resource."]
    assert summary.risks[0] == "All grants full administrator access: every action on every resource."
    assert summary.risks[1].startswith("All allows sensitive actions (iam:CreateUser, iam:DeleteUser, ")
    assert summary.risks[1].endswith("without requiring MFA (no aws:MultiFactorAuthPresent condition).")


def test_a_wildcard_principal_without_conditions_is_public():
    summary = _summary([{"Sid": "Open", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                         "Resource": "arn:aws:s3:::site/*"}], kind="resource")
    assert summary.statements == ["Open: Allows s3:GetObject on every object in the bucket site, "
                                  "for anyone (every principal, including anonymous callers)."]
    assert summary.risks == ["Open allows anyone, including anonymous callers on the internet (Principal \"*\")."]


def test_not_action_and_not_resource_with_allow_are_flagged():
    summary = _summary([{"Sid": "Wide", "Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::vault/*"}])
    assert summary.statements == ["Wide: Allows every action except iam:* on every resource except arn:aws:s3:::vault/*."]
    assert summary.risks[:2] == [
        "Wide uses NotAction with Allow: it allows every action not listed, including actions in services added later.",
        "Wide uses NotResource with Allow: it allows every resource not listed, including resources created later.",
    ]


def test_a_sensitive_action_with_an_mfa_condition_is_not_flagged():
    guarded = _summary([{"Sid": "Del", "Effect": "Allow", "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::a/*",
                         "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}])
    bare = _summary([{"Sid": "Del", "Effect": "Allow", "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::a/*"}])
    assert guarded.risks == []
    assert bare.risks == ["Del allows sensitive actions (s3:DeleteObject) without requiring MFA "
                          "(no aws:MultiFactorAuthPresent condition)."]
    assert guarded.statements == ["Del: Allows s3:DeleteObject on every object in the bucket a, "
                                  "only when the caller signed in with MFA."]


def test_a_service_wildcard_on_every_resource_is_flagged_as_broad():
    summary = _summary([{"Sid": "Ec2", "Effect": "Allow", "Action": "ec2:*", "Resource": "*"}])
    assert summary.risks[0] == ("Ec2 grants every EC2 action on every resource; least privilege would name only "
                                "the actions and resources needed.")


def test_conditions_in_words():
    assert describe_conditions({
        "IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24"]},
        "StringEqualsIfExists": {"aws:RequestedRegion": "eu-west-1"},
        "Null": {"aws:TokenIssueTime": "true"},
        "ForAnyValue:StringLike": {"aws:TagKeys": "team-*"},
    }) == [
        "aws:SourceIp is in 203.0.113.0/24 or 198.51.100.0/24",
        "aws:RequestedRegion is eu-west-1 (or aws:RequestedRegion is absent)",
        "aws:TokenIssueTime is absent",
        "some value of aws:TagKeys matches team-*",
    ]


def test_capping_policies_carry_no_grant_risks():
    summary = _summary([{"Sid": "FullAWSAccess", "Effect": "Allow", "Action": "*", "Resource": "*"}], kind="scp")
    assert summary.statements == ["FullAWSAccess: Allows every action in every service on every resource."]
    assert summary.risks == []


def test_in_a_resource_policy_star_is_the_resource_itself_and_an_account_grant_is_delegated():
    summary = _summary([{"Sid": "Account", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                         "Action": "kms:*", "Resource": "*"}], kind="resource")
    assert summary.statements == ["Account: Allows every KMS action on the resource the policy is attached to, for the "
                                  "account 111122223333 (which then decides through its own identity-based policies)."]
    assert summary.risks == []
