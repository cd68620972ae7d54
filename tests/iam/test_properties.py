"""Properties: validation never crashes, evaluation never raises, Deny/Allow are monotone, order does not matter."""

import copy
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutor.iam import PolicyError, PolicySet, Request, evaluate_request, parse_policy, validate_policy

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
ELEMENT_NAMES = ["Version", "Statement", "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource",
                 "Principal", "NotPrincipal", "Condition", "StringEquals", "AWS"]

ACTIONS = ["s3:GetObject", "s3:*", "s3:Get*", "*", "dynamodb:PutItem", "dynamodb:?etItem", "kms:Decrypt", "S3:LIST*"]
RESOURCES = ["*", "arn:aws:s3:::receipts/*", "arn:aws:s3:::receipts", "arn:aws:s3:::receipts/${aws:username}/*",
             "arn:aws:dynamodb:*:111122223333:table/*", "arn:aws:kms:us-east-1:111122223333:key/*"]
PRINCIPALS = ["*", {"AWS": "111122223333"}, {"AWS": "arn:aws:iam::111122223333:user/mateo"},
              {"AWS": "arn:aws:iam::111122223333:role/Register"}, {"AWS": "444455556666"}, {"Service": "ec2.amazonaws.com"}]
CONDITIONS = [
    {"Bool": {"aws:SecureTransport": "true"}},
    {"StringEquals": {"aws:username": "mateo"}},
    {"StringNotLike": {"aws:PrincipalTag/team": "bar*"}},
    {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}},
    {"NumericLessThanIfExists": {"s3:max-keys": "10"}},
    {"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}},
    {"ForAnyValue:StringLike": {"aws:TagKeys": "a*"}},
    {"Null": {"aws:TokenIssueTime": "true"}},
    {"DateLessThan": {"aws:CurrentTime": "2027-01-01T00:00:00Z"}},
    {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:user/*"}},
]
REQ_ACTIONS = ["s3:GetObject", "s3:ListBucket", "s3:DeleteObject", "dynamodb:GetItem", "kms:Decrypt", "ec2:RunInstances"]
REQ_RESOURCES = ["arn:aws:s3:::receipts/a.csv", "arn:aws:s3:::receipts", "arn:aws:s3:::receipts/mateo/x",
                 "arn:aws:dynamodb:us-east-1:111122223333:table/Inventory", "arn:aws:kms:us-east-1:111122223333:key/k1", "*"]
REQ_PRINCIPALS = ["arn:aws:iam::111122223333:user/mateo", "arn:aws:sts::111122223333:assumed-role/Register/sam",
                  "arn:aws:iam::444455556666:user/omar", "arn:aws:iam::111122223333:root", None]
CONTEXTS = [{}, {"aws:SecureTransport": "true", "aws:username": "mateo"}, {"aws:TagKeys": ["a"], "aws:SourceIp": "203.0.113.9"},
            {"aws:PrincipalTag/team": "barista", "s3:max-keys": "50", "aws:CurrentTime": "2026-11-27T23:00:00Z"},
            {"aws:TagKeys": [], "aws:TokenIssueTime": "2026-11-27T22:00:00Z", "aws:PrincipalArn": "arn:aws:iam::111122223333:user/mateo"}]


@st.composite
def statements(draw, effect=None, with_principal=False):
    stmt = {"Effect": effect or draw(st.sampled_from(["Allow", "Deny"]))}
    stmt["NotAction" if draw(st.booleans()) and draw(st.booleans()) else "Action"] = draw(
        st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=3))
    stmt["NotResource" if draw(st.integers(0, 5)) == 0 else "Resource"] = draw(st.sampled_from(RESOURCES))
    if with_principal:
        stmt["Principal"] = draw(st.sampled_from(PRINCIPALS))
    if draw(st.booleans()):
        stmt["Condition"] = draw(st.sampled_from(CONDITIONS))
    return stmt


def policy(stmts):
    return {"Version": "2012-10-17", "Statement": stmts}


@st.composite
def worlds(draw):
    identity = draw(st.lists(statements(), min_size=0, max_size=4))
    resource = draw(st.none() | st.lists(statements(with_principal=True), min_size=1, max_size=3))
    boundary = draw(st.none() | st.lists(statements(effect="Allow"), min_size=1, max_size=2))
    request = Request(draw(st.sampled_from(REQ_ACTIONS)), draw(st.sampled_from(REQ_RESOURCES)),
                      principal=draw(st.sampled_from(REQ_PRINCIPALS)), resource_account="111122223333",
                      context=draw(st.sampled_from(CONTEXTS)))
    return identity, resource, boundary, request


def evaluate(identity, resource, boundary, request):
    policies = PolicySet(identity=[parse_policy(policy(identity))] if identity else [],
                         resource=parse_policy(policy(resource), kind="resource") if resource else None,
                         boundary=[parse_policy(policy(boundary), kind="boundary")] if boundary else None)
    return evaluate_request(policies, request).outcome


@FAST
@given(json_values)
def test_validation_never_raises_on_arbitrary_json(document):
    report = validate_policy(json.dumps(document))
    assert all(isinstance(err, PolicyError) for err in report.errors)
    if isinstance(document, dict):
        validate_policy(document)


@FAST
@given(st.text(max_size=60))
def test_validation_never_raises_on_arbitrary_text(text):
    validate_policy(text)


@st.composite
def mutated_policies(draw):
    document = policy(draw(st.lists(statements(with_principal=draw(st.booleans())), min_size=1, max_size=3)))
    mutant = copy.deepcopy(document)
    targets = list(mutant["Statement"])  # kept even if a top-level mutation replaces "Statement"
    for _ in range(draw(st.integers(1, 3))):
        stmt = draw(st.sampled_from(targets))
        how = draw(st.sampled_from(["replace", "delete", "rename", "top"]))
        key = draw(st.sampled_from(sorted(stmt) or ["Effect"]))
        if how == "replace":
            stmt[key] = draw(json_values)
        elif how == "delete":
            stmt.pop(key, None)
        elif how == "rename":
            stmt[draw(st.sampled_from(ELEMENT_NAMES))] = stmt.pop(key, None)
        else:
            mutant[draw(st.sampled_from(ELEMENT_NAMES))] = draw(json_values)
    return mutant


@FAST
@given(mutated_policies(), st.sampled_from(["identity", "resource", "scp", "rcp", "boundary", "session", "trust"]))
def test_mutated_policies_give_policy_errors_only(document, kind):
    validate_policy(document, kind)
    try:
        parse_policy(document, kind=kind)
    except PolicyError:
        pass


@FAST
@given(worlds())
def test_evaluation_never_raises_and_gives_one_of_three_outcomes(world):
    assert evaluate(*world) in ("Allowed", "ImplicitlyDenied", "ExplicitlyDenied")


@FAST
@given(worlds(), statements(effect="Deny"), st.booleans())
def test_adding_a_deny_never_turns_a_denial_into_allowed(world, extra, to_resource):
    identity, resource, boundary, request = world
    before = evaluate(*world)
    if to_resource:
        extra = {**extra, "Principal": "*"}
        after = evaluate(identity, (resource or []) + [extra], boundary, request)
    else:
        after = evaluate(identity + [extra], resource, boundary, request)
    if before != "Allowed":
        assert after != "Allowed"
    if before == "ExplicitlyDenied":
        assert after == "ExplicitlyDenied"


@FAST
@given(worlds(), statements(effect="Allow"), st.booleans())
def test_adding_an_allow_never_turns_allowed_into_a_denial(world, extra, to_resource):
    identity, resource, boundary, request = world
    if evaluate(*world) != "Allowed":
        return
    # Only added to an existing resource policy: giving a KMS key a key policy where the case had
    # none is not "adding an Allow", it makes the key policy's own rules apply.
    if to_resource and resource:
        extra = {**extra, "Principal": "*"}
        assert evaluate(identity, resource + [extra], boundary, request) == "Allowed"
    else:
        assert evaluate(identity + [extra], resource, boundary, request) == "Allowed"


@FAST
@given(worlds(), st.randoms(use_true_random=False))
def test_statement_order_does_not_change_the_outcome(world, rnd):
    identity, resource, boundary, request = world
    before = evaluate(*world)
    identity, resource = list(identity), list(resource) if resource else resource
    rnd.shuffle(identity)
    if resource:
        rnd.shuffle(resource)
    assert evaluate(identity, resource, boundary, request) == before
