"""Scenario requests and policies in plain words, for the stems of policy questions.

A learner reads "the receipts bucket and every object in it", not two ARNs; the JSON of a
statement appears only where no plain phrase fits (an unusual principal or condition).
"""

from __future__ import annotations

import json

OBJECT_NAME = "example.csv"

# How a few common actions read in a question: {res} is the resource, {key} an object's key.
# Any other action is asked as "perform <action> on ...".
ACTION_PHRASES = {
    "s3:GetObject": "read (download) the object {key} in {res}",
    "s3:PutObject": "upload the object {key} to {res}",
    "s3:DeleteObject": "delete the object {key} from {res}",
    "s3:DeleteObjectVersion": "delete a version of the object {key} from {res}",
    "s3:ListBucket": "list the objects in {res}",
    "s3:DeleteBucket": "delete {res}",
    "s3:PutBucketPolicy": "change the bucket policy of {res}",
    "kms:Decrypt": "decrypt data with {res}",
    "kms:Encrypt": "encrypt data with {res}",
    "kms:ScheduleKeyDeletion": "schedule the deletion of {res}",
    "sts:AssumeRole": "assume {res}",
    "dynamodb:GetItem": "read an item from {res}",
    "dynamodb:PutItem": "write an item to {res}",
    "dynamodb:UpdateItem": "update an item in {res}",
    "dynamodb:Query": "query {res}",
}

# Condition operators that read as a verb phrase: "when aws:SecureTransport is false".
_OPERATOR_PHRASES = {
    "StringEquals": "is",
    "StringNotEquals": "is not",
    "StringEqualsIgnoreCase": "is (ignoring case)",
    "StringLike": "matches",
    "StringNotLike": "does not match",
    "ArnEquals": "is",
    "ArnLike": "matches",
    "ArnNotEquals": "is not",
    "ArnNotLike": "does not match",
    "Bool": "is",
    "NumericEquals": "is",
    "NumericLessThan": "is less than",
    "NumericGreaterThan": "is greater than",
    "DateLessThan": "is before",
    "DateGreaterThan": "is after",
    "IpAddress": "is in",
    "NotIpAddress": "is not in",
}


def the(name: str) -> str:
    """'receipts bucket' -> 'the receipts bucket'; proper names ('Mateo', 'ShopOrdersRole') stay bare."""
    return f"the {name}" if name[:1].islower() and not name.lower().startswith("the ") else name


def join_words(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def scenario_phrase(scenario) -> str:
    """'the coffee shop scenario' from the name 'Coffee shop'."""
    name = scenario.name.strip()
    if len(name) > 1 and name[0].isupper() and not name[1].isupper():
        name = name[0].lower() + name[1:]
    return f"the {name} scenario"


def spans_accounts(scenario) -> bool:
    """Whether the scenario's principals and resources live in more than one account; only then
    does a stem say which account each belongs to."""
    owners = {p.account for p in scenario.principals.values()} | {r.account for r in scenario.resources.values()}
    return len(owners - {None}) > 1


def principal_phrase(principal, account: str | None = None) -> str:
    """Who asks, and what kind of identity they are: 'Mateo (an IAM user in the Cashiers group)'.

    `account` ('the roaster account') is added when the scenario spans accounts."""
    name = the(principal.name)
    of, in_ = (f" of {account}", f" in {account}") if account else ("", "")
    if principal.type == "root":
        return f"{name} (signed in as the root user{of})"
    if principal.type == "user":
        groups = [f"the {g} group" for g in principal.groups]
        return f"{name} (an IAM user in {join_words(groups)}{of})" if groups else f"{name} (an IAM user{in_})"
    if principal.type == "role":
        return f"the IAM role {principal.name}{in_}"
    if principal.type == "assumed-role":
        return f"{name} (a session of the IAM role {principal.role}{in_})"
    return f"{name} ({principal.type}{in_})"


def request_phrase(action: str, resource, target: str, account: str | None = None) -> str:
    """What the principal tries to do: 'delete the object example.csv from the receipts bucket (s3:DeleteObject)'.

    `account` ('the roaster account') marks a resource that lives in another account than the principal."""
    res = the(resource.name) + (f" of {account}" if account else "")
    key = target[len(resource.arn) + 1 :] if target.startswith(resource.arn + "/") else None
    template = ACTION_PHRASES.get(action)
    if template is not None and (key is not None) == ("{key}" in template):
        return f"{template.format(res=res, key=key)} ({action})"
    place = f"the object {key} in {res}" if key is not None else res
    return f"perform {action} on {place}"


class PolicyVocabulary:
    """Names a scenario gives to ARNs and account ids, so statements can be read without JSON."""

    def __init__(self, scenario):
        self.resources = {r.arn: r.name for r in scenario.resources.values()}
        self.principals = {p.arn: p for p in scenario.principals.values()}
        self.accounts: dict[str, str] = {}
        for name, account_id in scenario.accounts.items():
            if name != account_id:
                self.accounts.setdefault(account_id, name)

    def account(self, account_id: str, with_id: bool = True) -> str:
        name = self.accounts.get(account_id)
        if name is None:
            return f"account {account_id}"
        return f"the {name} account ({account_id})" if with_id else f"the {name} account"

    def resource(self, pattern: str) -> str:
        if pattern == "*":
            return "every resource"
        if pattern in self.resources:
            return the(self.resources[pattern])
        known = self.principals.get(pattern)
        if known is not None and known.type == "role":
            return f"the IAM role {known.name}"
        parts = pattern.split(":", 5)
        if len(parts) == 6 and parts[2] == "kms" and parts[5] == "key/*":
            return f"every KMS key of {self.account(parts[4])} in {parts[3]}"
        if len(parts) == 6 and parts[2] == "iam" and parts[5].startswith("role/") and parts[5].endswith("/*"):
            path = parts[5][len("role") : -1]
            where = f"under the path {path} " if path != "/" else ""
            return f"every IAM role {where}of {self.account(parts[4])}"
        for arn, name in self.resources.items():
            if pattern == arn + "/*":
                return f"every object in {the(name)}"
            if pattern.startswith(arn + "/") and pattern.endswith("/*") and "*" not in pattern[:-1]:
                return f"every object under {pattern[len(arn) + 1 : -1]} in {the(name)}"
        return pattern

    def resources_of(self, patterns: list[str]) -> str:
        # "the receipts bucket and every object in it" reads better than naming the bucket twice.
        merged, skip = [], set()
        for pattern in patterns:
            if pattern in self.resources and pattern + "/*" in patterns:
                merged.append(f"{the(self.resources[pattern])} and every object in it")
                skip.add(pattern + "/*")
            elif pattern not in skip:
                merged.append(self.resource(pattern))
        return join_words(merged)

    def principal(self, value) -> str:
        if value == "*" or value == {"AWS": "*"}:
            return "everyone"
        if isinstance(value, dict) and set(value) == {"AWS"}:
            arns = [value["AWS"]] if isinstance(value["AWS"], str) else list(value["AWS"])
            return join_words([self._aws_principal(str(a)) for a in arns])
        if isinstance(value, dict) and set(value) == {"Service"}:
            services = [value["Service"]] if isinstance(value["Service"], str) else list(value["Service"])
            return join_words([f"the service {s}" for s in services])
        return json.dumps(value, separators=(",", ":"))

    def _aws_principal(self, arn: str) -> str:
        if arn.isdigit():
            return self.account(arn)
        if arn.startswith("arn:aws:iam::") and arn.endswith(":root"):
            return self.account(arn.split(":")[4])
        known = self.principals.get(arn)
        if known is not None:
            return f"the IAM role {known.name}" if known.type == "role" else the(known.name)
        return arn


def _actions(statement: dict) -> str:
    if "Action" in statement:
        actions = _values(statement.get("Action"))
        return "every action" if actions == ["*"] else join_words(actions)
    return "every action except " + join_words(_values(statement.get("NotAction")))


def _values(value) -> list[str]:
    return [value] if isinstance(value, str) else [str(v) for v in value or []]


def _condition(condition: dict) -> str:
    """'when aws:SecureTransport is false'; the JSON itself when an operator has no plain phrase."""
    parts = []
    for operator, tests in condition.items():
        base = operator.removesuffix("IfExists")
        phrase = _OPERATOR_PHRASES.get(base)
        if phrase is None or not isinstance(tests, dict):
            return "when " + json.dumps(condition, separators=(",", ":"))
        for key, value in tests.items():
            part = f"{key} {phrase} {' or '.join(_values(value))}"
            parts.append(part + (" (or is absent)" if base != operator else ""))
    return "when " + join_words(parts)


def statement_line(statement: dict, vocabulary: PolicyVocabulary) -> str:
    """One statement as a sentence: 'Denies everyone s3:DeleteObject on the receipts bucket and every object in it.'"""
    verb = {"Allow": "Allows", "Deny": "Denies"}.get(str(statement.get("Effect")), str(statement.get("Effect")))
    who = ""
    if "Principal" in statement:
        who = vocabulary.principal(statement["Principal"]) + " "
    elif "NotPrincipal" in statement:
        who = "everyone except " + vocabulary.principal(statement["NotPrincipal"]) + " "
    if "Resource" in statement:
        where = vocabulary.resources_of(_values(statement.get("Resource")))
    elif "NotResource" in statement:
        where = "every resource except " + vocabulary.resources_of(_values(statement.get("NotResource")))
    else:
        where = ""  # a trust policy's statement applies to the role it belongs to
    line = f"{verb} {who}{_actions(statement)}" + (f" on {where}" if where else "")
    if statement.get("Condition"):
        line += " " + _condition(statement["Condition"])
    return line + "."
