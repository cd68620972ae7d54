"""The decision: explicit deny, implicit deny, SCPs, RCPs, boundaries, session policies,
resource-based grants within one account and across accounts, KMS key and trust policies."""

from tutor.iam import PolicySet, Request, evaluate_request, parse_policy

V = "2012-10-17"
ACCT = "111122223333"
OTHER = "444455556666"
USER = f"arn:aws:iam::{ACCT}:user/mateo"
ROLE = f"arn:aws:iam::{ACCT}:role/Register"
SESSION = f"arn:aws:sts::{ACCT}:assumed-role/Register/sam"
OBJ = "arn:aws:s3:::receipts/2026/01.csv"
KEY = f"arn:aws:kms:us-east-1:{ACCT}:key/abcd"


def allow(action="s3:GetObject", resource="*", kind="identity", principal=None, condition=None, sid=None):
    stmt = {"Effect": "Allow", "Action": action}
    if kind != "trust":
        stmt["Resource"] = resource
    if principal is not None:
        stmt["Principal"] = principal
    if condition:
        stmt["Condition"] = condition
    if sid:
        stmt["Sid"] = sid
    return parse_policy({"Version": V, "Statement": [stmt]}, name=f"{kind}-allow", kind=kind)


def deny(action="s3:GetObject", resource="*", kind="identity", principal=None, not_principal=None):
    stmt = {"Effect": "Deny", "Action": action, "Resource": resource}
    if principal is not None:
        stmt["Principal"] = principal
    if not_principal is not None:
        stmt["NotPrincipal"] = not_principal
    return parse_policy({"Version": V, "Statement": [stmt]}, name=f"{kind}-deny", kind=kind)


def decide(policies, principal=USER, action="s3:GetObject", resource=OBJ, **request):
    return evaluate_request(policies, Request(action, resource, principal=principal, **request))


# --- identity policies and the basic rules ---------------------------------------------

def test_nothing_allows_means_implicit_deny():
    decision = decide(PolicySet())
    assert (decision.outcome, decision.trace.rule) == ("ImplicitlyDenied", "no-allow")


def test_identity_allow_is_enough_within_an_account():
    decision = decide(PolicySet(identity=[allow()]))
    assert (decision.outcome, decision.trace.decided_by) == ("Allowed", "identity")


def test_explicit_deny_beats_an_allow_in_the_same_or_another_policy():
    assert decide(PolicySet(identity=[allow(), deny()])).outcome == "ExplicitlyDenied"
    assert decide(PolicySet(identity=[allow()], resource=deny(kind="resource", principal="*"))).outcome == "ExplicitlyDenied"


def test_user_group_policies_are_just_more_identity_policies():
    group = allow(action="s3:*")
    assert decide(PolicySet(identity=[allow(action="dynamodb:*"), group])).outcome == "Allowed"


def test_root_user_has_full_access_in_its_account_unless_denied():
    root = f"arn:aws:iam::{ACCT}:root"
    assert decide(PolicySet(), principal=root).trace.rule == "allowed-root"
    assert decide(PolicySet(resource=deny(kind="resource", principal="*")), principal=root).outcome == "ExplicitlyDenied"


# --- SCPs and RCPs ----------------------------------------------------------------------

def test_scp_every_level_must_allow():
    full = allow(action="*", kind="scp")
    only_ec2 = allow(action="ec2:*", kind="scp")
    decision = decide(PolicySet(identity=[allow()], scps=[[full], [only_ec2]]))
    assert (decision.outcome, decision.trace.decided_by, decision.trace.rule) == ("ImplicitlyDenied", "scp[1]", "scp-no-allow")
    assert decide(PolicySet(identity=[allow()], scps=[[full], [full, only_ec2]])).outcome == "Allowed"


def test_scp_allow_grants_nothing_by_itself():
    assert decide(PolicySet(scps=[[allow(action="*", kind="scp")]])).outcome == "ImplicitlyDenied"


def test_scp_deny_is_explicit():
    decision = decide(PolicySet(identity=[allow()], scps=[[allow(action="*", kind="scp"), deny(kind="scp")]]))
    assert (decision.outcome, decision.trace.decided_by) == ("ExplicitlyDenied", "scp[0]")


def test_scps_do_not_apply_to_the_management_account_or_service_linked_roles():
    scps = [[allow(action="ec2:*", kind="scp")]]
    assert decide(PolicySet(identity=[allow()], scps=scps, principal_in_management_account=True)).outcome == "Allowed"
    slr = f"arn:aws:iam::{ACCT}:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing"
    assert decide(PolicySet(identity=[allow()], scps=scps), principal=slr).outcome == "Allowed"
    assert decide(PolicySet(identity=[allow()], scps=scps)).outcome == "ImplicitlyDenied"


def test_scps_limit_the_member_account_root_user():
    root = f"arn:aws:iam::{ACCT}:root"
    assert decide(PolicySet(scps=[[allow(action="ec2:*", kind="scp")]]), principal=root).trace.rule == "scp-no-allow"


def test_rcp_every_level_must_allow_and_deny_is_explicit():
    rcp_full = allow(action="*", kind="rcp", principal="*")
    rcp_ec2 = allow(action="ec2:*", kind="rcp", principal="*")
    assert decide(PolicySet(identity=[allow()], rcps=[[rcp_full], [rcp_ec2]])).trace.rule == "rcp-no-allow"
    assert decide(PolicySet(identity=[allow()], rcps=[[rcp_full, deny(kind="rcp", principal="*")]])).outcome == "ExplicitlyDenied"
    assert decide(PolicySet(identity=[allow()], rcps=[[rcp_ec2]], resource_in_management_account=True)).outcome == "Allowed"


# --- boundaries and session policies ---------------------------------------------------

def test_boundary_limits_identity_permissions():
    decision = decide(PolicySet(identity=[allow(action="s3:*")], boundary=[allow(action="s3:ListBucket")]))
    assert (decision.outcome, decision.trace.rule) == ("ImplicitlyDenied", "boundary-no-allow")
    assert decide(PolicySet(identity=[allow(action="s3:*")], boundary=[allow(action="s3:Get*")])).outcome == "Allowed"


def test_boundary_grants_nothing_by_itself():
    assert decide(PolicySet(boundary=[allow(action="*")])).outcome == "ImplicitlyDenied"


def test_session_policy_limits_a_role_session():
    decision = decide(PolicySet(identity=[allow(action="s3:*")], session=[allow(action="s3:ListBucket")]), principal=SESSION)
    assert (decision.outcome, decision.trace.rule) == ("ImplicitlyDenied", "session-no-allow")


def test_deny_in_a_boundary_or_session_policy_is_explicit():
    assert decide(PolicySet(identity=[allow()], boundary=[allow(action="*"), deny()])).outcome == "ExplicitlyDenied"
    assert decide(PolicySet(identity=[allow()], session=[deny()]), principal=SESSION).outcome == "ExplicitlyDenied"


# --- resource-based policies in one account -------------------------------------------

def test_same_account_resource_policy_naming_the_user_grants_without_identity_policy():
    decision = decide(PolicySet(resource=allow(kind="resource", principal={"AWS": USER})))
    assert (decision.outcome, decision.trace.rule, decision.trace.grant) == ("Allowed", "allowed-resource", "user")


def test_resource_grant_to_a_user_is_not_limited_by_the_boundary():
    policies = PolicySet(resource=allow(kind="resource", principal={"AWS": USER}), boundary=[allow(action="ec2:*")])
    assert decide(policies).outcome == "Allowed"


def test_resource_grant_to_a_session_arn_passes_boundary_and_session_policy():
    policies = PolicySet(resource=allow(kind="resource", principal={"AWS": SESSION}),
                         boundary=[allow(action="ec2:*")], session=[allow(action="ec2:*")])
    assert decide(policies, principal=SESSION).outcome == "Allowed"


def test_resource_grant_to_a_role_arn_stays_limited_by_boundary_and_session_policy():
    grant = allow(kind="resource", principal={"AWS": ROLE})
    assert decide(PolicySet(resource=grant), principal=SESSION).outcome == "Allowed"
    limited = decide(PolicySet(resource=grant, boundary=[allow(action="ec2:*")]), principal=SESSION)
    assert (limited.outcome, limited.trace.rule) == ("ImplicitlyDenied", "boundary-no-allow")
    session_limited = decide(PolicySet(resource=grant, session=[allow(action="ec2:*")]), principal=SESSION)
    assert (session_limited.outcome, session_limited.trace.rule) == ("ImplicitlyDenied", "session-no-allow")


def test_resource_policy_naming_only_the_account_delegates_to_identity_policies():
    grant = allow(kind="resource", principal={"AWS": f"arn:aws:iam::{ACCT}:root"})
    decision = decide(PolicySet(resource=grant))
    assert (decision.outcome, decision.trace.rule) == ("ImplicitlyDenied", "account-delegation-needs-identity-allow")
    assert decide(PolicySet(resource=grant, identity=[allow()])).outcome == "Allowed"


def test_resource_policy_naming_someone_else_does_not_apply():
    grant = allow(kind="resource", principal={"AWS": f"arn:aws:iam::{ACCT}:user/priya"})
    assert decide(PolicySet(resource=grant)).outcome == "ImplicitlyDenied"


# --- KMS key policies and role trust policies -------------------------------------------

def test_kms_identity_policy_alone_is_not_enough():
    decision = decide(PolicySet(identity=[allow(action="kms:Decrypt")], resource_must_allow=True),
                      action="kms:Decrypt", resource=KEY)
    assert (decision.outcome, decision.trace.rule) == ("ImplicitlyDenied", "resource-must-allow")
    # With no key policy given at all (a replayed case with "resource": null), only the identity side is judged.
    assert decide(PolicySet(identity=[allow(action="kms:Decrypt")]), action="kms:Decrypt", resource=KEY).outcome == "Allowed"
    other_grant = allow(action="kms:Decrypt", kind="resource", principal={"AWS": f"arn:aws:iam::{ACCT}:user/priya"})
    assert decide(PolicySet(identity=[allow(action="kms:Decrypt")], resource=other_grant),
                  action="kms:Decrypt", resource=KEY).trace.rule == "resource-must-allow"


def test_kms_key_policy_delegating_to_the_account_enables_identity_policies():
    key_policy = allow(action="kms:*", kind="resource", principal={"AWS": f"arn:aws:iam::{ACCT}:root"})
    assert decide(PolicySet(identity=[allow(action="kms:Decrypt")], resource=key_policy),
                  action="kms:Decrypt", resource=KEY).outcome == "Allowed"
    assert decide(PolicySet(resource=key_policy), action="kms:Decrypt", resource=KEY).outcome == "ImplicitlyDenied"


def test_role_trust_policy_must_allow_assume_role():
    trust = allow(action="sts:AssumeRole", kind="trust", principal={"AWS": ACCT})
    identity = allow(action="sts:AssumeRole", resource=ROLE)
    assert decide(PolicySet(identity=[identity], resource=trust), action="sts:AssumeRole", resource=ROLE).outcome == "Allowed"
    no_trust = allow(action="sts:AssumeRole", kind="trust", principal={"Service": "ec2.amazonaws.com"})
    assert decide(PolicySet(identity=[identity], resource=no_trust), action="sts:AssumeRole",
                  resource=ROLE).trace.rule == "resource-must-allow"


def test_service_principal_is_allowed_only_by_a_trust_or_resource_policy():
    trust = allow(action="sts:AssumeRole", kind="trust", principal={"Service": "ec2.amazonaws.com"})
    decision = decide(PolicySet(resource=trust), principal="ec2.amazonaws.com", action="sts:AssumeRole", resource=ROLE)
    assert decision.outcome == "Allowed"
    assert decide(PolicySet(), principal="ec2.amazonaws.com", action="sts:AssumeRole",
                  resource=ROLE).trace.rule == "resource-only-no-allow"


# --- anonymous principals ---------------------------------------------------------------

def test_anonymous_request_needs_a_public_resource_policy():
    public = allow(kind="resource", principal="*")
    assert decide(PolicySet(resource=public), principal=None, anonymous=True).outcome == "Allowed"
    named = allow(kind="resource", principal={"AWS": USER})
    assert decide(PolicySet(resource=named, identity=[allow()]), principal=None, anonymous=True).outcome == "ImplicitlyDenied"


def test_scps_do_not_apply_to_anonymous_callers():
    public = allow(kind="resource", principal={"AWS": "*"})
    decision = decide(PolicySet(resource=public, scps=[[allow(action="ec2:*", kind="scp")]]), principal=None, anonymous=True)
    assert decision.outcome == "Allowed"
    assert decision.trace.layer("scp[0]").applies is False


# --- cross-account ------------------------------------------------------------------------

def test_cross_account_needs_both_sides():
    stranger = f"arn:aws:iam::{OTHER}:user/omar"
    grant_account = allow(kind="resource", principal={"AWS": OTHER})
    both = decide(PolicySet(identity=[allow()], resource=grant_account), principal=stranger, resource_account=ACCT)
    assert (both.outcome, both.trace.rule) == ("Allowed", "allowed-cross-account")
    only_resource = decide(PolicySet(resource=allow(kind="resource", principal={"AWS": stranger})),
                           principal=stranger, resource_account=ACCT)
    assert (only_resource.outcome, only_resource.trace.rule) == ("ImplicitlyDenied", "cross-account-identity-no-allow")
    only_identity = decide(PolicySet(identity=[allow()]), principal=stranger, resource_account=ACCT)
    assert (only_identity.outcome, only_identity.trace.rule) == ("ImplicitlyDenied", "cross-account-resource-no-allow")


def test_resource_account_is_read_from_the_resource_arn():
    stranger = f"arn:aws:iam::{OTHER}:user/omar"
    decision = decide(PolicySet(identity=[allow(action="kms:Decrypt")]), principal=stranger, action="kms:Decrypt", resource=KEY)
    assert decision.request.cross_account and decision.trace.rule == "cross-account-resource-no-allow"


def test_cross_account_boundary_still_applies():
    stranger = f"arn:aws:iam::{OTHER}:user/omar"
    policies = PolicySet(identity=[allow()], boundary=[allow(action="ec2:*")],
                         resource=allow(kind="resource", principal={"AWS": stranger}))
    assert decide(policies, principal=stranger, resource_account=ACCT).trace.rule == "boundary-no-allow"


# --- principals -----------------------------------------------------------------------

def test_principal_forms_that_name_a_role_session():
    for element in ({"AWS": SESSION}, {"AWS": ROLE}, {"AWS": ACCT}, {"AWS": f"arn:aws:iam::{ACCT}:root"}, {"AWS": "*"}, "*"):
        policies = PolicySet(identity=[allow()], resource=allow(kind="resource", principal=element))
        assert decide(policies, principal=SESSION).outcome == "Allowed", element


def test_role_arn_with_a_path_matches_its_sessions():
    grant = allow(kind="resource", principal={"AWS": f"arn:aws:iam::{ACCT}:role/station/Register"})
    assert decide(PolicySet(resource=grant), principal=SESSION).trace.grant == "role"


def test_not_principal_deny_spares_only_when_every_identity_is_listed():
    protect = {"AWS": [SESSION, ROLE, f"arn:aws:iam::{ACCT}:root"]}
    policies = PolicySet(identity=[allow()], resource=deny(kind="resource", not_principal=protect))
    assert decide(policies, principal=SESSION).outcome == "Allowed"
    assert decide(policies, principal=USER).outcome == "ExplicitlyDenied"
    partial = PolicySet(identity=[allow()], resource=deny(kind="resource", not_principal={"AWS": [SESSION]}))
    assert decide(partial, principal=SESSION).outcome == "ExplicitlyDenied"


def test_not_principal_deny_always_denies_a_principal_with_a_boundary():
    listed = {"AWS": [USER, f"arn:aws:iam::{ACCT}:root"]}
    policies = PolicySet(identity=[allow()], boundary=[allow(action="*")],
                         resource=deny(kind="resource", not_principal=listed))
    assert decide(policies).outcome == "ExplicitlyDenied"


def test_federated_principal_in_a_trust_policy():
    trust = allow(action="sts:AssumeRoleWithWebIdentity", kind="trust", principal={"Federated": "cognito-identity.amazonaws.com"})
    decision = decide(PolicySet(resource=trust), principal="cognito-identity.amazonaws.com",
                      action="sts:AssumeRoleWithWebIdentity", resource=ROLE)
    assert decision.outcome == "Allowed"


def test_decision_to_dict_is_json_ready():
    import json

    decision = decide(PolicySet(identity=[allow(sid="ReadReceipts")]))
    data = json.loads(json.dumps(decision.to_dict()))
    assert data["outcome"] == "Allowed"
    assert data["trace"]["decided_by"] == "identity"
    assert data["trace"]["layers"][0]["allows"] == [{"policy": "identity-allow", "statement": "ReadReceipts"}]


def test_user_named_in_a_trust_policy_is_still_held_to_its_boundary():
    trust = allow(action="sts:AssumeRole", kind="trust", principal={"AWS": USER})
    silent = decide(PolicySet(resource=trust, boundary=[allow(action="s3:*")]), action="sts:AssumeRole", resource=ROLE)
    assert (silent.outcome, silent.trace.rule) == ("ImplicitlyDenied", "boundary-no-allow")
    allowing = decide(PolicySet(resource=trust, boundary=[allow(action="sts:AssumeRole")]), action="sts:AssumeRole", resource=ROLE)
    assert allowing.outcome == "Allowed"
