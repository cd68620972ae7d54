"""Plain-English explanations of a Decision, built only from its trace."""

from __future__ import annotations

from tutor.iam.principals import ACCOUNT, DIRECT, ROLE, SESSION, USER, WILDCARD
from tutor.iam.trace import ALLOWED, EXPLICIT_DENY, Decision, LayerTrace

RULES = {
    "explicit-deny": "An explicit Deny in any policy overrides every Allow.",
    "rcp-no-allow": "Resource control policies set the maximum permissions for resources in the account: "
                    "at every level of the organization some RCP must allow the action.",
    "scp-no-allow": "Service control policies set the maximum permissions for principals in member accounts: "
                    "at every level of the organization some SCP must allow the action, and an SCP never grants anything by itself.",
    "allowed-identity": "Within one account an Allow in an identity-based policy is enough, as long as nothing denies it "
                        "and any permissions boundary and session policy also allow it.",
    "allowed-root": "The account root user has full access to its own account's resources unless an SCP or an explicit Deny limits it.",
    "allowed-resource": "Within one account a resource-based policy that names the principal can grant access on its own, "
                        "even when identity-based policies are silent.",
    "allowed-cross-account": "Across accounts both sides must allow: the caller's identity-based policies in its own account "
                             "and the resource-based policy in the resource's account.",
    "no-allow": "Nothing allowed the request, so it is implicitly denied: every request is denied unless some policy allows it.",
    "boundary-no-allow": "A permissions boundary sets the maximum permissions of a user or role: the action must be allowed by "
                         "both the identity-based policy and the boundary.",
    "session-no-allow": "A session policy limits a role or federated session: the action must be allowed by both the "
                        "identity-based policy and the session policy.",
    "resource-must-allow": "Role trust policies and KMS key policies must allow the request themselves; "
                           "an identity-based policy alone is not enough.",
    "cross-account-resource-no-allow": "Across accounts both sides must allow, and the resource's account did not: "
                                       "no resource-based policy there names this principal or its account.",
    "cross-account-identity-no-allow": "Across accounts both sides must allow, and the caller's own account did not: "
                                       "no identity-based policy of the caller allows the action.",
    "account-delegation-needs-identity-allow": "A resource policy that names only the account delegates the decision to "
                                               "that account's identity-based policies, and none of them allows the action.",
    "resource-only-no-allow": "This caller has no identity-based policies, so only a resource-based policy can allow the "
                              "request, and none did.",
}

_GRANT_WORDS = {
    SESSION: "names this exact session",
    USER: "names this IAM user",
    DIRECT: "names this principal",
    WILDCARD: "allows any principal (\"*\")",
    ROLE: "names the role (so the role's boundary and session policy still apply)",
    ACCOUNT: "names only the account",
}


def _statements(items) -> str:
    return ", ".join(f'statement "{s}" of {p}' for p, s, *_ in items)


def _layer_summary(layer: LayerTrace) -> str:
    title = layer.title[0].upper() + layer.title[1:]
    if not layer.applies:
        return f"- {title}: not applied, because {layer.note}."
    parts = []
    if layer.denies:
        parts.append(f"denied by {_statements(layer.denies)}")
    if layer.allows:
        parts.append(f"allowed by {_statements(layer.allows)}")
    if not parts:
        parts.append("no statement allows or denies it")
    line = f"- {title}: " + "; ".join(parts) + "."
    if layer.note:
        line += f" Note: {layer.note}."
    for policy, sid, effect, clause in layer.failed:
        line += f"\n  - {effect} statement \"{sid}\" of {policy} did not apply because its condition failed: {clause.why_false(layer.context)}."
    return line


def explain(decision: Decision, names: dict[str, str] | None = None) -> str:
    """A paragraph for a learner: the outcome, the deciding layer and statement, and the rule applied.

    `names` maps ARNs to everyday names (a Scenario's `names()`), e.g. "Mateo (arn:...)".
    """
    trace = decision.trace
    request = decision.request
    names = names or {}
    who = "An anonymous caller" if request.anonymous else (request.principal or "The caller")
    if request.principal in names:
        who = f"{names[request.principal]} ({request.principal})"
    what = f"{names[request.resource]} ({request.resource})" if request.resource in names else request.resource
    verdict = {"Allowed": "is allowed", "ImplicitlyDenied": "is implicitly denied",
               "ExplicitlyDenied": "is explicitly denied"}[decision.outcome]
    lines = [f"{who} {verdict} to perform {request.action} on {what}."]
    deciding = trace.layer(trace.decided_by) if trace.decided_by else None
    if decision.outcome == EXPLICIT_DENY and deciding is not None:
        lines.append(f"Decided by the {deciding.title}: {_statements(deciding.denies)} denies it.")
    elif decision.outcome == ALLOWED:
        if trace.rule == "allowed-resource" and deciding is not None:
            how = _GRANT_WORDS.get(trace.grant or DIRECT, "")
            lines.append(f"Decided by the resource-based policy: {_statements(deciding.allows)} {how} and allows it.")
        elif deciding is not None and deciding.allows:
            lines.append(f"Decided by the {deciding.title}: {_statements(deciding.allows)} allows it.")
    elif deciding is not None and deciding.applies:
        lines.append(f"Decided by the {deciding.title}: nothing there allows it.")
    if request.cross_account:
        lines.append(f"This is a cross-account request: the caller is in account {request.principal_account} "
                     f"and the resource in account {request.resource_account}.")
    lines.append(f"Rule: {RULES.get(trace.rule, trace.rule)}")
    lines.append("Layer by layer:")
    lines.extend(_layer_summary(layer) for layer in trace.layers)
    return "\n".join(lines)
