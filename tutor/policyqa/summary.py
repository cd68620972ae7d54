"""What a policy allows, statement by statement in words, and the risks it carries.

Deterministic: every sentence is built from the document's own elements (effect, actions,
resources, principals, conditions); nothing is generated or retrieved.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field

from tutor.iam import Policy

# Actions whose misuse is hard to undo; an Allow for them should carry an MFA condition.
SENSITIVE_ACTIONS = (
    "iam:CreateUser", "iam:DeleteUser", "iam:AttachUserPolicy", "iam:PutUserPolicy", "iam:AttachRolePolicy",
    "iam:CreateAccessKey", "iam:CreatePolicyVersion", "iam:PassRole", "iam:UpdateAssumeRolePolicy",
    "s3:DeleteObject", "s3:DeleteBucket", "s3:PutBucketPolicy", "ec2:TerminateInstances",
    "kms:ScheduleKeyDeletion", "kms:PutKeyPolicy", "kms:DisableKey", "cloudtrail:StopLogging",
    "cloudtrail:DeleteTrail", "organizations:LeaveOrganization", "rds:DeleteDBInstance",
    "dynamodb:DeleteTable", "secretsmanager:DeleteSecret",
)
_MFA_KEYS = ("aws:multifactorauthpresent", "aws:multifactorauthage")

_SERVICE_NAMES = {
    "s3": "S3", "iam": "IAM", "kms": "KMS", "ec2": "EC2", "sts": "STS", "dynamodb": "DynamoDB", "rds": "RDS",
    "cloudtrail": "CloudTrail", "organizations": "Organizations", "secretsmanager": "Secrets Manager",
    "logs": "CloudWatch Logs", "cloudwatch": "CloudWatch", "lambda": "Lambda",
}

_OPERATORS = {
    "stringequals": "is", "stringnotequals": "is not", "stringequalsignorecase": "is (any case)",
    "stringnotequalsignorecase": "is not (any case)", "stringlike": "matches", "stringnotlike": "does not match",
    "numericequals": "equals", "numericnotequals": "does not equal", "numericlessthan": "is less than",
    "numericlessthanequals": "is at most", "numericgreaterthan": "is greater than",
    "numericgreaterthanequals": "is at least", "dateequals": "is the date", "datenotequals": "is not the date",
    "datelessthan": "is before", "datelessthanequals": "is on or before", "dategreaterthan": "is after",
    "dategreaterthanequals": "is on or after", "bool": "is", "ipaddress": "is in", "notipaddress": "is not in",
    "arnequals": "is", "arnlike": "matches", "arnnotequals": "is not", "arnnotlike": "does not match",
    "binaryequals": "is",
}

# Well-known keys said in words: (key, operator word, value) -> phrase.
_KNOWN_CONDITIONS = {
    ("aws:multifactorauthpresent", "is", "true"): "the caller signed in with MFA",
    ("aws:multifactorauthpresent", "is", "false"): "the caller did not sign in with MFA",
    ("aws:securetransport", "is", "true"): "the request uses HTTPS (TLS)",
    ("aws:securetransport", "is", "false"): "the request does not use HTTPS (TLS)",
}


CAPPING_KINDS = ("scp", "rcp", "boundary")
"""Kinds that set maximum permissions and grant nothing by themselves."""

KIND_NAMES = {"identity": "identity-based policy", "resource": "resource-based policy", "trust": "role trust policy",
              "session": "session policy", "boundary": "permissions boundary", "scp": "service control policy",
              "rcp": "resource control policy"}


@dataclass
class PolicySummary:
    """One line per statement, then the risks found."""

    name: str
    kind: str
    statements: list[str] = field(default_factory=list)
    risks: list[str] = field(default_factory=list)


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def describe_action(pattern: str) -> str:
    """`*` is every action, `s3:*` every S3 action, `s3:Get*` the S3 actions starting with Get."""
    if pattern in ("*", "*:*"):
        return "every action in every service"
    service, _, name = pattern.partition(":")
    label = _SERVICE_NAMES.get(service.lower(), service)
    if name == "*":
        return f"every {label} action"
    if name.endswith("*") and "*" not in name[:-1]:
        return f"{pattern} (the {label} actions starting with {name[:-1]})"
    return pattern


def describe_resource(pattern: str) -> str:
    """`*` is every resource; S3 ARNs are said as a bucket or the objects in it."""
    if pattern == "*":
        return "every resource"
    if pattern.startswith("arn:aws:s3:::"):
        path = pattern[len("arn:aws:s3:::"):]
        bucket, slash, key = path.partition("/")
        if not slash:
            return f"the bucket {bucket}"
        if key == "*":
            return f"every object in the bucket {bucket}"
        if key.endswith("/*"):
            return f"the objects under {key[:-1]} in the bucket {bucket}"
        return f"the object {key} in the bucket {bucket}"
    return pattern


def describe_principal(value) -> str:
    """Who a Principal element names, in words."""
    if value == "*":
        return "anyone (every principal, including anonymous callers)"
    parts = []
    if isinstance(value, dict):
        for kind, names in value.items():
            for name in _as_list(names):
                if name == "*":
                    parts.append("anyone (every principal, including anonymous callers)")
                elif kind == "Service":
                    parts.append(f"the service {name}")
                elif str(name).isdigit() or str(name).endswith(":root"):
                    account = str(name).split(":")[4] if str(name).startswith("arn:") else str(name)
                    parts.append(f"the account {account} (which then decides through its own identity-based policies)")
                else:
                    parts.append(str(name))
    return ", ".join(parts) or str(value)


def describe_conditions(condition: dict | None) -> list[str]:
    """Each condition clause in words: `aws:SourceIp is in 203.0.113.0/24`."""
    phrases = []
    for operator, block in (condition or {}).items():
        op = operator
        qualifier = ""
        if ":" in op:
            qualifier, _, op = op.partition(":")
            qualifier = {"forallvalues": "every value of ", "foranyvalue": "some value of "}.get(qualifier.lower(), "")
        if_exists = op.endswith("IfExists")
        base = op[: -len("IfExists")] if if_exists else op
        if not isinstance(block, dict):
            continue
        for key, values in block.items():
            vals = [str(v).lower() if isinstance(v, bool) else str(v) for v in _as_list(values)]
            if base.lower() == "null":
                words = f"{key} is absent" if vals == ["true"] else f"{key} is present"
            else:
                verb = _OPERATORS.get(base.lower(), base)
                known = _KNOWN_CONDITIONS.get((key.lower(), verb, vals[0].lower())) if len(vals) == 1 and not qualifier else None
                words = known or f"{qualifier}{key} {verb} {' or '.join(vals)}"
            if if_exists:
                words += f" (or {key} is absent)"
            phrases.append(words)
    return phrases


def _statement_line(statement: dict, index: int, kind: str = "identity") -> str:
    label = statement.get("Sid") or f"Statement {index + 1}"
    effect = statement.get("Effect", "?")
    verb = "Allows" if effect == "Allow" else "Denies"
    if "NotAction" in statement:
        actions = "every action except " + ", ".join(_as_list(statement["NotAction"]))
    else:
        actions = ", ".join(describe_action(a) for a in _as_list(statement.get("Action")))
    if "NotResource" in statement:
        resources = "every resource except " + ", ".join(_as_list(statement["NotResource"]))
    elif "Resource" in statement and not (kind in ("resource", "trust") and _as_list(statement["Resource"]) == ["*"]):
        resources = ", ".join(describe_resource(r) for r in _as_list(statement["Resource"]))
    else:
        resources = "the resource the policy is attached to"
    line = f"{label}: {verb} {actions} on {resources}"
    if "Principal" in statement:
        line += f", for {describe_principal(statement['Principal'])}"
    if "NotPrincipal" in statement:
        line += f", for everyone except {describe_principal(statement['NotPrincipal'])}"
    conditions = describe_conditions(statement.get("Condition"))
    if conditions:
        line += ", only when " + " and ".join(conditions)
    return line + "."


def _has_mfa_condition(statement: dict) -> bool:
    for block in (statement.get("Condition") or {}).values():
        if isinstance(block, dict) and any(k.lower() in _MFA_KEYS for k in block):
            return True
    return False


def _covers(pattern: str, action: str) -> bool:
    return fnmatch.fnmatchcase(action.lower(), pattern.lower())


def _account_only(principal) -> bool:
    """True when a Principal names only whole accounts: the account's own IAM policies then decide."""
    if not isinstance(principal, dict) or set(principal) != {"AWS"}:
        return False
    return all(str(p).isdigit() or str(p).endswith(":root") for p in _as_list(principal["AWS"]))


def statement_risks(statement: dict, index: int, kind: str = "identity") -> list[str]:
    """The risks of one statement that grants access; Deny statements only ever narrow access.

    SCPs, RCPs and permissions boundaries grant nothing themselves (they cap what others grant),
    so only policies that grant are checked. In a resource-based policy "*" as Resource is the
    resource itself, and a grant to a whole account is delegated to that account's IAM policies.
    """
    if statement.get("Effect") != "Allow" or kind in CAPPING_KINDS:
        return []
    label = statement.get("Sid") or f"Statement {index + 1}"
    actions = [str(a) for a in _as_list(statement.get("Action"))]
    resources = [str(r) for r in _as_list(statement.get("Resource"))]
    granting = kind in ("identity", "session")
    risks = []
    if not granting:
        pass  # the resource is the one the policy is attached to; who gets it is checked below
    elif "*" in actions and ("*" in resources or "NotResource" in statement):
        risks.append(f"{label} grants full administrator access: every action on every resource.")
    else:
        broad = [a for a in actions if a.endswith(":*")]
        if broad and "*" in resources:
            risks.append(f"{label} grants {', '.join(describe_action(a) for a in broad)} on every resource; "
                         "least privilege would name only the actions and resources needed.")
    principal = statement.get("Principal")
    if principal == "*" or (isinstance(principal, dict) and "*" in _as_list(principal.get("AWS"))):
        if statement.get("Condition"):
            risks.append(f"{label} applies to any principal (\"*\"); only its conditions keep strangers out.")
        else:
            risks.append(f"{label} allows anyone, including anonymous callers on the internet (Principal \"*\").")
    if "NotAction" in statement:
        risks.append(f"{label} uses NotAction with Allow: it allows every action not listed, "
                     "including actions in services added later.")
    if "NotResource" in statement:
        risks.append(f"{label} uses NotResource with Allow: it allows every resource not listed, "
                     "including resources created later.")
    if not _has_mfa_condition(statement) and not _account_only(statement.get("Principal")):
        if "NotAction" in statement:
            excluded = [str(a) for a in _as_list(statement["NotAction"])]
            sensitive = [s for s in SENSITIVE_ACTIONS if not any(_covers(e, s) for e in excluded)]
        else:
            sensitive = [s for s in SENSITIVE_ACTIONS if any(_covers(a, s) for a in actions)]
            sensitive += [a for a in actions if "*" not in a and a.split(":")[-1].startswith(("Delete", "Terminate"))
                          and a not in sensitive]
        if sensitive:
            shown = ", ".join(sensitive[:4]) + (f" and {len(sensitive) - 4} more" if len(sensitive) > 4 else "")
            risks.append(f"{label} allows sensitive actions ({shown}) without requiring MFA "
                         "(no aws:MultiFactorAuthPresent condition).")
    return risks


def summarise_policy(policy: Policy) -> PolicySummary:
    """Every statement of a parsed policy in words, and every risk found."""
    summary = PolicySummary(policy.name, policy.kind)
    statements = _as_list(policy.document.get("Statement"))
    for index, statement in enumerate(statements):
        if not isinstance(statement, dict):
            continue
        summary.statements.append(_statement_line(statement, index, policy.kind))
        summary.risks.extend(statement_risks(statement, index, policy.kind))
    return summary
