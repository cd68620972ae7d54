"""AWS policy evaluation: which policies apply to a request, and whether it is allowed.

Order, as AWS documents it: an explicit Deny in any applicable policy wins; then every
organization level's RCPs (on the resource's account) and SCPs (on the principal's account)
must contain an Allow; then an Allow must come from the identity side (identity policies,
limited by any permissions boundary and session policy) or, within one account, from a
resource-based policy that names the principal. Across accounts both sides must allow.
Role trust policies and KMS key policies must allow by themselves in every case, and a
principal named in a trust policy stays bound by its permissions boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tutor.iam.conditions import evaluate_all
from tutor.iam.model import Policy
from tutor.iam.principals import ACCOUNT, DIRECT, ROLE, SESSION, USER, WILDCARD, Caller
from tutor.iam.request import Request
from tutor.iam.trace import ALLOWED, EXPLICIT_DENY, IMPLICIT_DENY, Decision, LayerTrace, Trace

# Callers that have identity-based policies of their own.
_IDENTITY_CALLERS = frozenset({"user", "role", "assumed-role", "federated-user", "root", "unnamed", "unknown-arn"})
# Callers an SCP can restrict: principals that belong to an AWS account.
_SCP_CALLERS = _IDENTITY_CALLERS
_GRANT_STRENGTH = {SESSION: 0, USER: 1, DIRECT: 2, WILDCARD: 3, ROLE: 4, ACCOUNT: 5}


@dataclass
class PolicySet:
    """Every policy that applies to one request.

    `scps`/`rcps` hold one list per organization level, root first; every level must allow.
    `resource_must_allow` marks resources whose own policy must allow (KMS keys, role trust);
    it is also inferred, when a resource policy is given, for trust policies, KMS key ARNs and
    sts:AssumeRole on a role ARN (with no policy given, only the identity side is judged).
    SCPs do not apply to the management account or to service-linked roles; RCPs do not
    apply to resources in the management account or to service-linked roles.
    """

    identity: list[Policy] = field(default_factory=list)
    resource: Policy | None = None
    scps: list[list[Policy]] = field(default_factory=list)
    rcps: list[list[Policy]] = field(default_factory=list)
    boundary: list[Policy] | Policy | None = None
    session: list[Policy] | Policy | None = None
    resource_must_allow: bool = False
    principal_in_management_account: bool = False
    resource_in_management_account: bool = False
    service_linked_role: bool | None = None

    def __post_init__(self) -> None:
        if isinstance(self.boundary, Policy):
            self.boundary = [self.boundary]
        if isinstance(self.session, Policy):
            self.session = [self.session]


def _must_allow(policies: PolicySet, request: Request) -> bool:
    if policies.resource_must_allow:
        return True
    if policies.resource is None:
        # No key or trust policy was given: only the identity side can be judged.
        return False
    if policies.resource.kind == "trust":
        return True
    resource = request.resource
    if resource.startswith("arn:") and ":kms:" in resource and ":key/" in resource:
        return True
    return request.action_lower.startswith("sts:assumerole") and ":iam::" in resource and ":role/" in resource


def _scan(layer: LayerTrace, policies, request: Request, principals: bool, boundary_present: bool) -> LayerTrace:
    """Record every statement of `policies` that applies to the request."""
    action = request.action_lower
    resource = request.resource
    context = request.context
    caller = request.caller
    layer.context = context
    for policy in policies:
        name = policy.name
        for stmt in policy.statements:
            if stmt.actions.matches(action) == stmt.not_action:
                continue
            resources = stmt.resources
            if resources is not None and resources.matches(resource, context) == stmt.not_resource:
                continue
            grant = None
            if principals and stmt.principals is not None:
                if stmt.not_principal:
                    # AWS documents that a Deny with NotPrincipal always denies a principal with a boundary.
                    quirk = stmt.is_deny and boundary_present
                    if not quirk and stmt.principals.excludes_all(caller):
                        continue
                    grant = WILDCARD
                else:
                    grant = stmt.principals.grant(caller)
                    if grant is None:
                        continue
            if stmt.conditions:
                failed = evaluate_all(stmt.conditions, context)
                if failed is not None:
                    layer.failed.append((name, stmt.label, stmt.effect, failed))
                    continue
            if stmt.is_deny:
                layer.denies.append((name, stmt.label))
            else:
                layer.allows.append((name, stmt.label, grant))
    return layer


def _effective_grant(grant: str | None, caller: Caller) -> str:
    """A wildcard principal names the caller as specifically as the caller can be named."""
    if grant is None:
        return DIRECT
    if grant != WILDCARD:
        return grant
    if caller.is_session:
        return SESSION
    if caller.kind == "user":
        return USER
    if caller.kind == "role":
        return ROLE
    return DIRECT


def _best_grant(allows: list[tuple], caller: Caller) -> str:
    best = None
    strength = 99
    for _, _, grant in allows:
        grant = _effective_grant(grant, caller)
        rank = _GRANT_STRENGTH[grant]
        if rank < strength:
            best, strength = grant, rank
    return best  # type: ignore[return-value]


def _organization_layers(layer_name: str, levels, request: Request, skip: str | None, principals: bool) -> list[LayerTrace]:
    out = []
    for level, level_policies in enumerate(levels):
        layer = LayerTrace(layer_name, level, skip is None, skip)
        out.append(_scan(layer, level_policies, request, principals, False) if skip is None else layer)
    return out


def evaluate_request(policies: PolicySet, request: Request) -> Decision:
    """Decide one request against every applicable policy; never raises on parsed policies."""
    caller = request.caller
    kind = caller.kind
    has_identity = kind in _IDENTITY_CALLERS
    slr = policies.service_linked_role if policies.service_linked_role is not None else caller.is_service_linked_role
    boundary_present = policies.boundary is not None and has_identity and kind != "root"
    layers: list[LayerTrace] = []

    scp_layers: list[LayerTrace] = []
    if policies.scps:
        skip = None
        if kind not in _SCP_CALLERS:
            skip = "SCPs apply only to principals in the organization's accounts"
        elif policies.principal_in_management_account:
            skip = "SCPs do not apply to the management account"
        elif slr:
            skip = "SCPs do not apply to service-linked roles"
        scp_layers = _organization_layers("scp", policies.scps, request, skip, False)
        layers += scp_layers
    rcp_layers: list[LayerTrace] = []
    if policies.rcps:
        skip = None
        if policies.resource_in_management_account:
            skip = "RCPs do not apply to resources in the management account"
        elif slr:
            skip = "RCPs do not apply to service-linked roles"
        rcp_layers = _organization_layers("rcp", policies.rcps, request, skip, True)
        layers += rcp_layers

    if has_identity:
        identity = _scan(LayerTrace("identity"), policies.identity, request, False, False)
        if kind == "root":
            identity.note = "the account root user has full access to its own account's resources"
    else:
        identity = LayerTrace("identity", applies=False, note=f"a {kind} caller has no identity-based policies")
    layers.append(identity)
    boundary = session = None
    if policies.boundary is not None:
        if boundary_present:
            boundary = _scan(LayerTrace("boundary"), policies.boundary, request, False, False)
        layers.append(boundary or LayerTrace("boundary", applies=False, note="no IAM user or role to bound"))
    if policies.session is not None:
        if has_identity and kind != "root":
            session = _scan(LayerTrace("session"), policies.session, request, False, False)
        layers.append(session or LayerTrace("session", applies=False, note="no session to limit"))
    elif kind == "federated-user":
        # GetFederationToken without a session policy yields a session with no permissions.
        session = LayerTrace("session", note="a federated user session created without a session policy has no permissions")
        layers.append(session)
    resource = None
    if policies.resource is not None:
        resource = _scan(LayerTrace("resource"), [policies.resource], request, True, boundary_present)
        if policies.resource.kind == "trust":
            resource.display = "role trust policy"
        elif ":kms:" in request.resource and ":key/" in request.resource:
            resource.display = "KMS key policy"
        layers.append(resource)

    # 1. An explicit deny anywhere wins.
    for layer in layers:
        if layer.denies:
            return Decision(EXPLICIT_DENY, Trace(layers, layer.name, "explicit-deny"), request)
    # 2. Organization guardrails: every level must allow.
    for layer in rcp_layers:
        if layer.applies and not layer.allows:
            return Decision(IMPLICIT_DENY, Trace(layers, layer.name, "rcp-no-allow"), request)
    for layer in scp_layers:
        if layer.applies and not layer.allows:
            return Decision(IMPLICIT_DENY, Trace(layers, layer.name, "scp-no-allow"), request)

    # 3. Allows from the identity side and from the resource policy.
    is_root = kind == "root"
    identity_allows = is_root or bool(identity.allows)
    boundary_ok = boundary is None or bool(boundary.allows)
    session_ok = session is None or bool(session.allows)
    identity_path = identity_allows and boundary_ok and session_ok
    grant = _best_grant(resource.allows, caller) if resource is not None and resource.allows else None
    trust = policies.resource is not None and policies.resource.kind == "trust"
    if trust and grant in (SESSION, USER):
        # A principal named in a role trust policy is still held to its boundary and session policy
        # (IAM User Guide, "Update a role trust policy": the boundary must allow sts:AssumeRole).
        resource_path = boundary_ok and session_ok
    elif grant in (SESSION, DIRECT):
        resource_path = True
    elif grant == USER:
        resource_path = session_ok  # a session policy limits a grant to the user ARN; a boundary does not
    elif grant == ROLE:
        resource_path = boundary_ok and session_ok
    else:
        resource_path = False  # naming the account only delegates to the account's own policies

    resource_name = "resource" if resource is not None else None
    if not has_identity:
        if grant is not None:
            return Decision(ALLOWED, Trace(layers, "resource", "allowed-resource", grant), request)
        return Decision(IMPLICIT_DENY, Trace(layers, resource_name, "resource-only-no-allow"), request)
    if request.cross_account:
        if grant is None:
            return Decision(IMPLICIT_DENY, Trace(layers, resource_name, "cross-account-resource-no-allow"), request)
        if identity_path:
            return Decision(ALLOWED, Trace(layers, None, "allowed-cross-account", grant), request)
    else:
        if grant is None and _must_allow(policies, request):
            return Decision(IMPLICIT_DENY, Trace(layers, resource_name, "resource-must-allow"), request)
        if resource_path:
            return Decision(ALLOWED, Trace(layers, "resource", "allowed-resource", grant), request)
        if identity_path:
            rule = "allowed-root" if is_root and not identity.allows else "allowed-identity"
            return Decision(ALLOWED, Trace(layers, "identity", rule, grant), request)

    # 4. Not allowed: name the layer that fell short.
    if identity_allows and not boundary_ok:
        decided_by, rule = "boundary", "boundary-no-allow"
    elif identity_allows and not session_ok:
        decided_by, rule = "session", "session-no-allow"
    elif grant == ROLE and not boundary_ok:
        decided_by, rule = "boundary", "boundary-no-allow"
    elif trust and grant in (SESSION, USER) and not boundary_ok:
        decided_by, rule = "boundary", "boundary-no-allow"
    elif grant in (ROLE, USER, SESSION) and not session_ok:
        decided_by, rule = "session", "session-no-allow"
    elif request.cross_account:
        decided_by, rule = "identity", "cross-account-identity-no-allow"
    elif grant == ACCOUNT:
        decided_by, rule = "identity", "account-delegation-needs-identity-allow"
    else:
        decided_by, rule = None, "no-allow"
    return Decision(IMPLICIT_DENY, Trace(layers, decided_by, rule, grant), request)
