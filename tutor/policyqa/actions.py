"""The action catalogue: plain verbs and nouns mapped to IAM actions, kept as data tables.

A question names an *intent* ("read", "delete", "start") and a *kind* of thing ("object",
"table", "instance", "user"). `resolve(kind, intent)` looks the pair up in `ACTIONS`; a few
multi-word phrases ("generate a data key", "stop logging") name an action outright (`PHRASES`).
Kinds come from nouns (`KIND_NOUNS`) or from a scenario resource's type (`SCENARIO_KINDS`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# What the resource of a request is, once the action is known:
#   object  - an object inside the bucket (bucket ARN + "/" + key)
#   bucket  - the bucket (or table, key, role...) itself: the resource's own ARN
#   any     - no particular resource ("*"), e.g. creating something new or listing everything
OBJECT, OWN, ANY = "object", "own", "any"


@dataclass(frozen=True)
class ActionRow:
    """One entry: doing `intent` to a `kind` of thing is the IAM `action` on `target`."""

    kind: str
    intent: str
    action: str
    target: str = OWN


# intent -> the verbs (and verb phrases) that express it; inflections are generated.
INTENTS: dict[str, tuple[str, ...]] = {
    "read": ("read", "get", "download", "view", "open", "fetch", "retrieve", "access", "see", "look at"),
    "list": ("list", "browse", "enumerate", "see what is in", "see what's in", "see inside", "look inside",
             "see the contents of"),
    "write": ("upload", "put", "write", "save", "store", "drop", "add", "overwrite", "place"),
    "update": ("update", "modify", "change", "edit"),
    "delete": ("delete", "remove", "erase", "wipe", "destroy"),
    "create": ("create", "make", "set up"),
    "decrypt": ("decrypt",),
    "encrypt": ("encrypt",),
    "start": ("start", "turn on", "power on", "resume"),
    "stop": ("stop", "turn off", "power off", "shut down", "halt"),
    "terminate": ("terminate", "kill"),
    "reboot": ("reboot", "restart"),
    "launch": ("launch", "run", "spin up"),
    "query": ("query",),
    "scan": ("scan",),
    "describe": ("describe", "inspect"),
    "assume": ("assume", "switch to", "switch into", "take on", "become"),
    "pass": ("pass",),
    "attach": ("attach",),
    "rotate": ("rotate",),
    "disable": ("disable", "deactivate"),
    "enable": ("enable", "activate"),
    "invite": ("invite",),
    "move": ("move",),
}

# kind -> nouns that name it in a question (longest match wins, so "access key" beats "key").
KIND_NOUNS: dict[str, tuple[str, ...]] = {
    "s3-object": ("object", "file", "document"),
    "s3-bucket": ("bucket", "s3 bucket"),
    "dynamodb-item": ("item", "row", "record"),
    "dynamodb-table": ("table", "dynamodb table"),
    "kms-key": ("kms key", "key", "encryption key", "cmk"),
    "ec2-instance": ("instance", "ec2 instance", "server", "virtual machine", "vm"),
    "iam-user": ("user", "iam user"),
    "iam-group": ("group", "iam group"),
    "iam-role": ("role", "iam role"),
    "iam-policy": ("policy", "iam policy", "managed policy"),
    "iam-access-key": ("access key",),
    "cloudtrail-trail": ("trail", "cloudtrail trail", "audit log", "cloudtrail log"),
    "rds-db": ("database", "db instance", "rds database", "rds instance"),
    "organizations-account": ("account", "member account"),
    "organizations-policy": ("scp", "service control policy"),
    "secretsmanager-secret": ("secret",),
}

# A scenario resource type -> (kind when the question names the container, kind for its contents).
# "delete the receipts bucket" is the bucket; "delete receipts" / "a receipt" are its objects.
SCENARIO_KINDS: dict[str, tuple[str, str, str]] = {
    # type: (container noun, container kind, contents kind)
    "s3-bucket": ("bucket", "s3-bucket", "s3-object"),
    "dynamodb-table": ("table", "dynamodb-table", "dynamodb-item"),
    "kms-key": ("key", "kms-key", "kms-key"),
    "role": ("role", "iam-role", "iam-role"),
}

# When a kind has no row for an intent, try its partner (a bucket is read through its objects).
PARTNER: dict[str, str] = {
    "s3-bucket": "s3-object", "s3-object": "s3-bucket",
    "dynamodb-table": "dynamodb-item", "dynamodb-item": "dynamodb-table",
}

_ROWS: tuple[tuple[str, str, str, str], ...] = (
    # S3
    ("s3-object", "read", "s3:GetObject", OBJECT),
    ("s3-object", "write", "s3:PutObject", OBJECT),
    ("s3-object", "update", "s3:PutObject", OBJECT),
    ("s3-object", "create", "s3:PutObject", OBJECT),
    ("s3-object", "delete", "s3:DeleteObject", OBJECT),
    ("s3-object", "list", "s3:ListBucket", OWN),
    ("s3-bucket", "list", "s3:ListBucket", OWN),
    ("s3-bucket", "delete", "s3:DeleteBucket", OWN),
    ("s3-bucket", "create", "s3:CreateBucket", ANY),
    # DynamoDB
    ("dynamodb-item", "read", "dynamodb:GetItem", OWN),
    ("dynamodb-item", "write", "dynamodb:PutItem", OWN),
    ("dynamodb-item", "create", "dynamodb:PutItem", OWN),
    ("dynamodb-item", "update", "dynamodb:UpdateItem", OWN),
    ("dynamodb-item", "delete", "dynamodb:DeleteItem", OWN),
    ("dynamodb-item", "list", "dynamodb:Scan", OWN),
    ("dynamodb-item", "query", "dynamodb:Query", OWN),
    ("dynamodb-item", "scan", "dynamodb:Scan", OWN),
    ("dynamodb-table", "query", "dynamodb:Query", OWN),
    ("dynamodb-table", "scan", "dynamodb:Scan", OWN),
    ("dynamodb-table", "delete", "dynamodb:DeleteTable", OWN),
    ("dynamodb-table", "create", "dynamodb:CreateTable", ANY),
    ("dynamodb-table", "describe", "dynamodb:DescribeTable", OWN),
    ("dynamodb-table", "list", "dynamodb:ListTables", ANY),
    # KMS
    ("kms-key", "decrypt", "kms:Decrypt", OWN),
    ("kms-key", "encrypt", "kms:Encrypt", OWN),
    ("kms-key", "delete", "kms:ScheduleKeyDeletion", OWN),
    ("kms-key", "disable", "kms:DisableKey", OWN),
    ("kms-key", "enable", "kms:EnableKey", OWN),
    ("kms-key", "rotate", "kms:EnableKeyRotation", OWN),
    ("kms-key", "describe", "kms:DescribeKey", OWN),
    ("kms-key", "read", "kms:DescribeKey", OWN),
    ("kms-key", "create", "kms:CreateKey", ANY),
    ("kms-key", "list", "kms:ListKeys", ANY),
    # EC2
    ("ec2-instance", "start", "ec2:StartInstances", OWN),
    ("ec2-instance", "stop", "ec2:StopInstances", OWN),
    ("ec2-instance", "terminate", "ec2:TerminateInstances", OWN),
    ("ec2-instance", "delete", "ec2:TerminateInstances", OWN),
    ("ec2-instance", "reboot", "ec2:RebootInstances", OWN),
    ("ec2-instance", "launch", "ec2:RunInstances", ANY),
    ("ec2-instance", "create", "ec2:RunInstances", ANY),
    ("ec2-instance", "list", "ec2:DescribeInstances", ANY),
    ("ec2-instance", "describe", "ec2:DescribeInstances", ANY),
    ("ec2-instance", "read", "ec2:DescribeInstances", ANY),
    # IAM
    ("iam-user", "create", "iam:CreateUser", ANY),
    ("iam-user", "delete", "iam:DeleteUser", OWN),
    ("iam-user", "list", "iam:ListUsers", ANY),
    ("iam-user", "read", "iam:GetUser", OWN),
    ("iam-user", "describe", "iam:GetUser", OWN),
    ("iam-user", "update", "iam:UpdateUser", OWN),
    ("iam-group", "create", "iam:CreateGroup", ANY),
    ("iam-group", "delete", "iam:DeleteGroup", OWN),
    ("iam-group", "list", "iam:ListGroups", ANY),
    ("iam-role", "create", "iam:CreateRole", ANY),
    ("iam-role", "delete", "iam:DeleteRole", OWN),
    ("iam-role", "list", "iam:ListRoles", ANY),
    ("iam-role", "read", "iam:GetRole", OWN),
    ("iam-role", "update", "iam:UpdateRole", OWN),
    ("iam-role", "assume", "sts:AssumeRole", OWN),
    ("iam-role", "pass", "iam:PassRole", OWN),
    ("iam-policy", "create", "iam:CreatePolicy", ANY),
    ("iam-policy", "delete", "iam:DeletePolicy", OWN),
    ("iam-policy", "list", "iam:ListPolicies", ANY),
    ("iam-policy", "read", "iam:GetPolicy", OWN),
    ("iam-policy", "attach", "iam:AttachUserPolicy", ANY),
    ("iam-access-key", "create", "iam:CreateAccessKey", ANY),
    ("iam-access-key", "delete", "iam:DeleteAccessKey", ANY),
    ("iam-access-key", "list", "iam:ListAccessKeys", ANY),
    ("iam-access-key", "update", "iam:UpdateAccessKey", ANY),
    ("iam-access-key", "rotate", "iam:UpdateAccessKey", ANY),
    # CloudTrail
    ("cloudtrail-trail", "read", "cloudtrail:LookupEvents", ANY),
    ("cloudtrail-trail", "list", "cloudtrail:DescribeTrails", ANY),
    ("cloudtrail-trail", "describe", "cloudtrail:DescribeTrails", ANY),
    ("cloudtrail-trail", "create", "cloudtrail:CreateTrail", ANY),
    ("cloudtrail-trail", "delete", "cloudtrail:DeleteTrail", OWN),
    ("cloudtrail-trail", "stop", "cloudtrail:StopLogging", OWN),
    ("cloudtrail-trail", "disable", "cloudtrail:StopLogging", OWN),
    ("cloudtrail-trail", "start", "cloudtrail:StartLogging", OWN),
    ("cloudtrail-trail", "update", "cloudtrail:UpdateTrail", OWN),
    # RDS
    ("rds-db", "create", "rds:CreateDBInstance", ANY),
    ("rds-db", "launch", "rds:CreateDBInstance", ANY),
    ("rds-db", "delete", "rds:DeleteDBInstance", OWN),
    ("rds-db", "start", "rds:StartDBInstance", OWN),
    ("rds-db", "stop", "rds:StopDBInstance", OWN),
    ("rds-db", "reboot", "rds:RebootDBInstance", OWN),
    ("rds-db", "list", "rds:DescribeDBInstances", ANY),
    ("rds-db", "describe", "rds:DescribeDBInstances", ANY),
    ("rds-db", "update", "rds:ModifyDBInstance", OWN),
    # Organizations
    ("organizations-account", "create", "organizations:CreateAccount", ANY),
    ("organizations-account", "list", "organizations:ListAccounts", ANY),
    ("organizations-account", "delete", "organizations:CloseAccount", ANY),
    ("organizations-account", "invite", "organizations:InviteAccountToOrganization", ANY),
    ("organizations-account", "move", "organizations:MoveAccount", ANY),
    ("organizations-policy", "create", "organizations:CreatePolicy", ANY),
    ("organizations-policy", "attach", "organizations:AttachPolicy", ANY),
    ("organizations-policy", "delete", "organizations:DeletePolicy", ANY),
    ("organizations-policy", "list", "organizations:ListPolicies", ANY),
    ("organizations-policy", "update", "organizations:UpdatePolicy", ANY),
    # Secrets Manager
    ("secretsmanager-secret", "read", "secretsmanager:GetSecretValue", ANY),
    ("secretsmanager-secret", "create", "secretsmanager:CreateSecret", ANY),
    ("secretsmanager-secret", "delete", "secretsmanager:DeleteSecret", ANY),
    ("secretsmanager-secret", "rotate", "secretsmanager:RotateSecret", ANY),
    ("secretsmanager-secret", "list", "secretsmanager:ListSecrets", ANY),
    ("secretsmanager-secret", "update", "secretsmanager:PutSecretValue", ANY),
)

ACTIONS: dict[tuple[str, str], ActionRow] = {(k, i): ActionRow(k, i, a, t) for k, i, a, t in _ROWS}

# Phrases that name one action outright, tried before intent + kind. (regex, kind, action, target)
PHRASES: tuple[tuple[str, str, str, str], ...] = (
    (r"generat\w* (?:a |an )?(?:new )?data keys?", "kms-key", "kms:GenerateDataKey", OWN),
    (r"(?:look(?:s|ed|ing)? up|search(?:es|ed|ing)?) (?:the )?(?:api )?(?:events?|activity)", "cloudtrail-trail",
     "cloudtrail:LookupEvents", ANY),
    (r"stop(?:s|ped|ping)? (?:the )?(?:cloudtrail )?logging", "cloudtrail-trail", "cloudtrail:StopLogging", OWN),
    (r"(?:start|turn)(?:s|ed|ing)? (?:on )?(?:the )?(?:cloudtrail )?logging", "cloudtrail-trail",
     "cloudtrail:StartLogging", OWN),
    (r"add(?:s|ed|ing)? (?:\w+ ){0,3}to (?:a |an |the )?(?:\w+ )?group", "iam-group", "iam:AddUserToGroup", ANY),
    (r"leav(?:e|es|ing) the organi[sz]ation", "organizations-account", "organizations:LeaveOrganization", ANY),
    (r"(?:change|update|edit|replace|put|rewrite)(?:s|d|ed|ing)? (?:the )?(?:\w+ )?bucket(?:'s)? policy",
     "s3-bucket", "s3:PutBucketPolicy", OWN),
    (r"(?:read|get|see|view)(?:s|ing)? (?:the )?(?:\w+ )?bucket(?:'s)? policy", "s3-bucket", "s3:GetBucketPolicy", OWN),
    (r"(?:change|update|edit|replace|put)(?:s|d|ed|ing)? (?:the )?key(?:'s)? policy", "kms-key", "kms:PutKeyPolicy", OWN),
    (r"schedul\w* (?:the )?(?:\w+ )?(?:key )?(?:for )?deletion", "kms-key", "kms:ScheduleKeyDeletion", OWN),
    (r"(?:take|make|create)(?:s|n|d|ing)? (?:a |an )?(?:\w+ )?snapshot", "rds-db", "rds:CreateDBSnapshot", ANY),
    (r"(?:create|make|issue)(?:s|d|ing)? (?:an |a |new )?(?:new )?access keys?", "iam-access-key",
     "iam:CreateAccessKey", ANY),
    (r"(?:create|set up|add)(?:s|d|ing)? (?:an |a |new )?(?:new )?(?:member )?account\b", "organizations-account",
     "organizations:CreateAccount", ANY),
)

_COMPILED_PHRASES = tuple((re.compile(r"\b" + p + r"\b"), kind, action, target) for p, kind, action, target in PHRASES)

ACTION_TOKEN = re.compile(r"(?<![\w:/.-])([a-z][a-z0-9-]*):([A-Za-z*?][A-Za-z0-9*?]*)(?![\w:/=-])")
"""`service:Action` as written in policies (`s3:GetObject`, `iam:*`)."""

_KNOWN_SERVICES = frozenset({
    "s3", "ec2", "iam", "kms", "sts", "organizations", "dynamodb", "rds", "cloudtrail", "secretsmanager",
    "logs", "cloudwatch", "lambda", "sns", "sqs", "guardduty", "config", "macie2", "inspector2", "securityhub",
    "shield", "waf", "wafv2", "acm", "cognito-idp", "detective", "fms", "artifact", "sso", "account", "ssm",
})


@dataclass(frozen=True)
class IntentMatch:
    """An intent verb found in a question, with where it is."""

    intent: str
    start: int
    end: int


def _forms(verb: str) -> set[str]:
    """The verb and its -s/-ed/-ing forms; the last word of a phrase carries the inflection."""
    head, _, last = verb.rpartition(" ")
    prefix = head + " " if head else ""
    if " " in verb:  # phrasal verbs inflect the first word: "switch to" -> "switched to"
        first, _, rest = verb.partition(" ")
        return {f"{form} {rest}" for form in _forms(first)}
    forms = {last, last + "s", last + "es", last + "ed", last + "d", last + "ing"}
    if last.endswith("e"):
        forms.add(last[:-1] + "ing")
    if last[-1] not in "aeiouwy" and len(last) > 2 and last[-2] in "aeiou" and last[-3] not in "aeiou":
        forms |= {last + last[-1] + "ing", last + last[-1] + "ed"}  # stop -> stopping
    irregular = {"read": {"read"}, "get": {"got", "getting"}, "put": {"putting"}, "see": {"saw", "seen"},
                 "write": {"wrote", "written", "writing"}, "run": {"ran", "running"}, "take": {"took", "taken", "taking"},
                 "make": {"made", "making"}, "become": {"became", "becoming"}, "shut": {"shutting"},
                 "spin": {"spun", "spinning"}, "drop": {"dropping", "dropped"}}
    forms |= irregular.get(last, set())
    return {prefix + f for f in forms}


@lru_cache(maxsize=1)
def _intent_pattern() -> re.Pattern[str]:
    alternatives = []
    for intent, verbs in INTENTS.items():
        for verb in verbs:
            for form in _forms(verb):
                alternatives.append((form, intent))
    alternatives.sort(key=lambda item: -len(item[0]))
    _INTENT_OF.update({form: intent for form, intent in alternatives})
    return re.compile(r"\b(" + "|".join(re.escape(form) for form, _ in alternatives) + r")\b")


_INTENT_OF: dict[str, str] = {}
_BE_BEFORE = re.compile(r"\b(?:is|are|was|were|been|being)\s+(?:[\w'-]+\s+){0,4}$")
_ACCESS_AS_VERB = re.compile(r"\b(?:can|could|may|might|will|would|to|cannot|can't|have|has|had|get|gets|"
                            r"need|needs|want|wants)\s+(?:[\w'-]+\s+){0,2}$")
# "get denied", "see why", "open question": verb forms that do not ask about an action here.
_NOT_AN_ACTION_AFTER = re.compile(r"^\s+(?:denied|allowed|access denied|an error|permission|why|how|what|which|it\b)")


def find_intents(text: str) -> list[IntentMatch]:
    """Every intent verb in `text` (lowercase), in order of appearance."""
    pattern = _intent_pattern()
    found = []
    for match in pattern.finditer(text):
        form, before, after = match.group(1), text[:match.start()], text[match.end():]
        if _NOT_AN_ACTION_AFTER.match(after):
            continue
        if form.endswith(("ed", "en")) and _BE_BEFORE.search(before):
            continue  # "is the bucket encrypted?", "why was it written": a state, not an action asked about
        if form == "access" and not _ACCESS_AS_VERB.search(before):
            continue  # "register access", "suits access like that": the noun, not a request to read
        found.append(IntentMatch(_INTENT_OF[form], match.start(), match.end()))
    # "access to delete receipts" asks about deleting: a general verb gives way to a specific one right after it.
    return [m for i, m in enumerate(found)
            if not (text[m.start:m.end].startswith("access") and i + 1 < len(found) and found[i + 1].start - m.end < 16)]


INTENT_KINDS: dict[str, str] = {"decrypt": "kms-key", "encrypt": "kms-key", "assume": "iam-role",
                                "terminate": "ec2-instance", "reboot": "ec2-instance"}
"""Verbs that only make sense on one kind: "decrypt a receipt" is done with a KMS key."""


@lru_cache(maxsize=1)
def _noun_pattern() -> re.Pattern[str]:
    nouns = sorted(((n, k) for k, ns in KIND_NOUNS.items() for n in ns), key=lambda item: -len(item[0]))
    _KIND_OF.update({n: k for n, k in nouns})
    return re.compile(r"\b(" + "|".join(re.escape(n) for n, _ in nouns) + r")(?:s|es)?\b")


_KIND_OF: dict[str, str] = {}


def find_kind_nouns(text: str) -> list[tuple[str, int, int]]:
    """Nouns that name a kind of resource in `text` (lowercase): (kind, start, end), in order."""
    return [(_KIND_OF[m.group(1)], m.start(), m.end()) for m in _noun_pattern().finditer(text)]


def find_phrase(text: str) -> tuple[ActionRow, int, int] | None:
    """The first phrase in `text` (lowercase) that names one action outright."""
    best = None
    for pattern, kind, action, target in _COMPILED_PHRASES:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[1]):
            best = (ActionRow(kind, "phrase", action, target), match.start(), match.end())
    return best


def resolve(kind: str, intent: str) -> ActionRow | None:
    """The action for doing `intent` to a `kind`, trying the kind's partner (bucket <-> object) second."""
    row = ACTIONS.get((kind, intent))
    if row is None and kind in PARTNER:
        row = ACTIONS.get((PARTNER[kind], intent))
    return row


def action_tokens(text: str) -> list[str]:
    """`service:Action` tokens in `text` (original case), skipping condition keys like `aws:SourceIp`."""
    tokens = []
    for match in ACTION_TOKEN.finditer(text):
        service = match.group(1).lower()
        if service in ("aws", "arn", "http", "https") or service not in _KNOWN_SERVICES:
            continue
        name = match.group(2).rstrip("?")  # "...allow s3:ListBucket?" ends a question, it is not a wildcard
        if name:
            tokens.append(f"{service}:{name}")
    return tokens


_ARN_KINDS = (
    (re.compile(r"^arn:[^:]+:s3:::[^/]+/"), "s3-object"),
    (re.compile(r"^arn:[^:]+:s3:::[^/]+$"), "s3-bucket"),
    (re.compile(r"^arn:[^:]+:dynamodb:[^:]*:\d*:table/"), "dynamodb-table"),
    (re.compile(r"^arn:[^:]+:kms:[^:]*:\d*:key/"), "kms-key"),
    (re.compile(r"^arn:[^:]+:ec2:[^:]*:\d*:instance/"), "ec2-instance"),
    (re.compile(r"^arn:[^:]+:iam::\d*:role/"), "iam-role"),
    (re.compile(r"^arn:[^:]+:iam::\d*:user/"), "iam-user"),
    (re.compile(r"^arn:[^:]+:iam::\d*:group/"), "iam-group"),
    (re.compile(r"^arn:[^:]+:iam::\d*:policy/"), "iam-policy"),
    (re.compile(r"^arn:[^:]+:cloudtrail:[^:]*:\d*:trail/"), "cloudtrail-trail"),
    (re.compile(r"^arn:[^:]+:rds:[^:]*:\d*:db:"), "rds-db"),
    (re.compile(r"^arn:[^:]+:secretsmanager:[^:]*:\d*:secret:"), "secretsmanager-secret"),
)
SERVICE_KINDS = {"s3": "s3-object", "dynamodb": "dynamodb-item", "kms": "kms-key", "ec2": "ec2-instance",
                 "iam": "iam-user", "sts": "iam-role", "cloudtrail": "cloudtrail-trail", "rds": "rds-db",
                 "organizations": "organizations-account", "secretsmanager": "secretsmanager-secret"}
"""The kind a verb most likely acts on when only the service is known (from a pasted policy's actions)."""


def kind_of_arn(arn: str) -> str | None:
    """The kind of resource an ARN names (`arn:aws:s3:::bucket/key` is an object)."""
    for pattern, kind in _ARN_KINDS:
        if pattern.match(arn):
            return kind
    return None


def target_of(action: str) -> str:
    """Where a named action acts: object-level S3 actions act on objects, `Create*`/`List*` on nothing yet."""
    service, _, name = action.partition(":")
    if service == "s3" and ("Object" in name or name in ("AbortMultipartUpload", "RestoreObject")):
        return OBJECT
    for row in ACTIONS.values():
        if row.action.lower() == action.lower():
            return row.target
    if name.startswith(("Create", "List", "Describe", "Run")):
        return ANY
    return OWN


def kind_of_action(action: str) -> str | None:
    """The kind an action acts on, when the catalogue knows the action."""
    lowered = action.lower()
    for row in ACTIONS.values():
        if row.action.lower() == lowered:
            return row.kind
    service = lowered.partition(":")[0]
    return {"s3": "s3-object", "dynamodb": "dynamodb-table", "kms": "kms-key", "sts": "iam-role"}.get(service)
