"""Read a permission question against a scenario: who, which action, on what, with which context.

`read_permission_question` never guesses silently: what it cannot tell becomes one short
clarifying question, and each default it applies is listed in `assumptions`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tutor.iam import Principal, Resource, Scenario, ScenarioError
from tutor.policyqa import actions as catalogue
from tutor.policyqa.context import read_context
from tutor.policyqa.mentions import Mention, arns_in, find_mentions

DEFAULT_OBJECT_KEY = "example-object"
"""The object key used when a question names a bucket's objects but no particular key."""

WHY = re.compile(r"\bwhy\b.*\b(?:denied|deny|can'?t|cannot|can not|not allowed|isn'?t|aren'?t|doesn'?t|don'?t|"
                 r"fail\w*|refused|blocked|forbidden|rejected|error|unable|allowed|able)\b", re.IGNORECASE | re.DOTALL)
PERMISSION_SHAPE = re.compile(
    r"^\W*(?:can|could|may|might|will|would|is|are|does|do|did|am|why|should)\b"
    r"|\b(?:can|could|may|might|will|would)\s+(?:she|he|they|it|we|i|you)\b"
    r"|\b(?:allowed|permitted|able to|permission|access|denied|authori[sz]ed|succeed|work|what happens|tries to|"
    r"try to|wants to)\b",
    re.IGNORECASE)
_SESSION = re.compile(r"^\s+(?:acting\s+)?as\s+(?:the\s+|a\s+)?$", re.IGNORECASE)
_SWITCHED = re.compile(r"\b(?:after|once|when|having)\s+(?:\w+\s+)?(?:switch\w*|assum\w*|tak\w*\s+on)\s+"
                       r"(?:to\s+|into\s+)?(?:the\s+|a\s+)?$", re.IGNORECASE)
_KEY = re.compile(r"(?<![\w:/.-])((?:[\w.-]+/)*[\w-]+\.(?:csv|json|txt|pdf|png|jpe?g|md|html|xml|zip|gz|log|ya?ml|docx|xlsx))\b",
                  re.IGNORECASE)
_PREFIX = re.compile(r"\b(?:in|under|into|to)\s+(?:the\s+)?([\w-]+)(?:/\s|/?\s+(?:folder|prefix|directory))", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[?!;]|\.(?:\s|$)|\b(?:with|from|over|using|because|when|if)\b")
_WINDOW = 80


@dataclass
class PermissionQuestion:
    """A question read as a request, or the clarifying question to ask when it cannot be."""

    principal: Principal | None = None
    action: str | None = None
    resource_arn: str | None = None
    resource: Resource | None = None
    context: dict = field(default_factory=dict)
    context_phrases: dict = field(default_factory=dict)
    assumptions: list[str] = field(default_factory=list)
    why: bool = False
    clarification: str | None = None
    assume_denied: object | None = None
    """When the question is asked as a role session the caller may not assume: the AssumeRole decision."""


@dataclass
class Evidence:
    """What a question offers that shows it is about a permission in the scenario."""

    subject: Mention | None
    resource: Mention | None
    strong_principal: bool
    strong_resource: bool
    tokens: list[str]
    has_intent: bool
    shaped: bool
    principal_arns: list[str]


def _subject(mentions: list[Mention]) -> Mention | None:
    return next((m for m in mentions if m.is_principal), None)


def gather_evidence(text: str, scenario: Scenario) -> Evidence:
    """The mentions, action tokens and verbs that decide whether a question is a permission question."""
    mentions = find_mentions(text, scenario)
    subject = _subject(mentions)
    resource = next((m for m in mentions if m.is_resource and m is not subject), None)
    lowered = text.lower()
    verbs = [i for i in catalogue.find_intents(lowered) if not any(m.start <= i.start < m.end for m in mentions)]
    has_intent = bool(catalogue.find_phrase(lowered) or verbs)
    principal_arns = [a for a, _, _ in arns_in(text) if ":iam::" in a or ":sts::" in a]
    return Evidence(subject, resource,
                    strong_principal=any(m.is_principal and not m.weak for m in mentions),
                    strong_resource=any(m.is_resource and not m.weak and m is not subject for m in mentions),
                    tokens=catalogue.action_tokens(text), has_intent=has_intent,
                    shaped=bool(PERMISSION_SHAPE.search(text)), principal_arns=principal_arns)


def _window(text: str, start: int) -> tuple[int, int]:
    end = min(len(text), start + _WINDOW)
    stop = _CLAUSE_END.search(text, start, end)
    return start, stop.start() if stop else end


def _kind_of_mention(mention: Mention) -> str | None:
    spec = catalogue.SCENARIO_KINDS.get(getattr(mention.entity, "type", ""))
    if spec is None:
        return None
    _, container, contents = spec
    return container if mention.container else contents


def resolve_action(text: str, mentions: list[Mention], subject: Mention | None, fallback_kind: str | None = None):
    """(action, target, kind, resource mention) from a phrase or an intent verb and what follows it.

    Kinds come from scenario names, nouns and ARNs after the verb; `fallback_kind` (from a pasted
    policy's service) is tried last, when the verb's object is not named at all.
    """
    lowered = text.lower()
    written = [(start, catalogue.kind_of_arn(arn)) for arn, start, _ in arns_in(text)]
    others = [m for m in mentions if m is not subject and m.is_resource]
    phrase = catalogue.find_phrase(lowered)
    if phrase is not None:
        row, _, end = phrase
        after = [m for m in others if m.start >= phrase[1]]
        return row.action, row.target, row.kind, (after or others or [None])[0]
    # A verb inside a name ("Nadia placing orders") is part of the name, not the question's action.
    intents = [i for i in catalogue.find_intents(lowered) if not any(m.start <= i.start < m.end for m in mentions)]
    for intent in intents:
        start, end = _window(lowered, intent.end)
        in_window = [m for m in others if start <= m.start < end]
        nouns = [n for n in catalogue.find_kind_nouns(lowered[start:end])]
        candidates = [(m.start, _kind_of_mention(m), m) for m in in_window]
        candidates += [(start + s, kind, None) for kind, s, _ in nouns]
        candidates += [(s, kind, None) for s, kind in written if start <= s < end and kind]
        for _, kind, mention in sorted(candidates, key=lambda c: c[0]):
            row = catalogue.resolve(kind, intent.intent) if kind else None
            if row is not None and mention is not None and row.target == catalogue.ANY and kind in catalogue.PARTNER:
                # "list the inventory table" names one table: its items are listed, not every table.
                row = catalogue.ACTIONS.get((catalogue.PARTNER[kind], intent.intent)) or row
            if row is not None:
                if mention is None:  # a noun ("the objects in the receipts bucket"): the named resource after it
                    mention = next((m for m in in_window if catalogue.resolve(_kind_of_mention(m) or "", intent.intent)), None)
                return row.action, row.target, row.kind, mention
    for intent in intents:  # the verb's object was not named next to it: any resource in the question
        for mention in others:
            kind = _kind_of_mention(mention)
            row = catalogue.resolve(kind, intent.intent) if kind else None
            if row is not None:
                return row.action, row.target, row.kind, mention
    for intent in intents:
        kind = catalogue.INTENT_KINDS.get(intent.intent) or fallback_kind
        row = catalogue.resolve(kind, intent.intent) if kind else None
        if row is not None:
            return row.action, row.target, row.kind, None
    return None


def _object_key(text: str) -> str | None:
    match = _KEY.search(text)
    if match:
        return match.group(1)
    prefix = _PREFIX.search(text)
    if prefix and prefix.group(1).lower() not in ("the", "a", "bucket"):
        return f"{prefix.group(1)}/{DEFAULT_OBJECT_KEY}"
    return None


def _names(items, limit: int = 8) -> str:
    names = [getattr(i, "name", str(i)) for i in items][:limit]
    return ", ".join(names[:-1]) + (" or " if len(names) > 1 else "") + names[-1] if names else "none"


def _principal(question: PermissionQuestion, text: str, mentions: list[Mention], scenario: Scenario) -> Mention | None:
    subject = _subject(mentions)
    if subject is None:
        for arn, _, _ in arns_in(text):
            if ":iam::" in arn or ":sts::" in arn:
                question.clarification = (f"{arn} is not a principal of the {scenario.name} scenario. Who is making "
                                          f"the request: {_names(_people(scenario))}?")
                return None
        question.clarification = (f"Who is making the request? In the {scenario.name} scenario you can ask about "
                                  f"{_names(_people(scenario))}.")
        return None
    question.principal = subject.entity  # type: ignore[assignment]
    following = [m for m in mentions if m.start > subject.end and m.is_principal
                 and getattr(m.entity, "type", "") == "role"
                 and (_SESSION.match(text[subject.end:m.start]) or _SWITCHED.search(text[subject.end:m.start]))]
    if following:
        role = following[0]
        try:
            question.principal = scenario.assume_role(subject.entity.name, role.entity.name, context=question.context)
        except ScenarioError as exc:
            question.assume_denied = getattr(exc, "decision", None)
            question.clarification = None if question.assume_denied is not None else str(exc)
        return role
    return None


def _people(scenario: Scenario) -> list[Principal]:
    return [p for p in scenario.principals.values() if p.type in ("user", "role", "root")]


def read_permission_question(text: str, scenario: Scenario) -> PermissionQuestion:
    """The request a question asks about; `clarification` is set when something it needs is missing."""
    question = PermissionQuestion(why=bool(WHY.search(text)))
    reading = read_context(text)
    question.context, question.context_phrases = dict(reading.context), dict(reading.phrases)
    mentions = [m for m in find_mentions(text, scenario)
                if not any(s <= m.start < e for s, e in reading.spans)]
    session_role = _principal(question, text, mentions, scenario)
    if question.clarification or question.assume_denied is not None:
        return question
    subject = _subject(mentions)
    mentions = [m for m in mentions if m is not session_role]

    tokens = catalogue.action_tokens(text)
    mention: Mention | None = None
    kind: str | None = None
    if tokens:
        action = tokens[0]
        if "*" in action or "?" in action:
            question.clarification = (f"{action} is a pattern, and a request is for one action. Which action do you "
                                      f"mean, for example {action.split(':')[0]}:{_example(action)}?")
            return question
        target, kind = catalogue.target_of(action), catalogue.kind_of_action(action)
        mention = next((m for m in mentions if m is not subject and m.is_resource), None)
    else:
        resolved = resolve_action(text, mentions, subject)
        if resolved is None:
            verb = catalogue.find_intents(text.lower())
            what = f"what {question.principal.name} should {text[verb[0].start:verb[0].end].lower()}" if verb else \
                f"which action {question.principal.name} should perform"
            question.clarification = (f"I could not tell {what}. Name the resource (for example "
                                      f"{_names(list(scenario.resources.values()), 4)}) or the action, such as s3:GetObject.")
            return question
        action, target, kind, mention = resolved
    question.action = action
    _resource(question, text, mention, target, kind, scenario)
    return question


def _example(pattern: str) -> str:
    name = pattern.split(":", 1)[1]
    return {"*": "GetObject", "Get*": "GetObject", "Put*": "PutObject", "Delete*": "DeleteObject",
            "List*": "ListBucket"}.get(name, name.replace("*", "Object").replace("?", ""))


def _resource(question: PermissionQuestion, text: str, mention: Mention | None, target: str, kind: str | None,
              scenario: Scenario) -> None:
    """Fill in the resource ARN for `target` (object, the resource itself, or any)."""
    principal_arn = question.principal.arn.lower() if question.principal else ""
    written = [a for a, _, _ in arns_in(text) if a.lower() != principal_arn]
    if written:
        arn = written[0]
        _, governing = scenario.find_resource(arn)
        if target == catalogue.OBJECT and governing is not None and arn == governing.arn:
            arn = _with_key(question, text, arn)
        question.resource_arn, question.resource = arn, governing
        return
    if target == catalogue.ANY:
        question.resource_arn = "*"
        question.assumptions.append(f"{question.action} is not about one existing resource, so it was asked for any "
                                    "resource (\"*\").")
        return
    if mention is None:
        types = [t for t, spec in catalogue.SCENARIO_KINDS.items() if kind in spec[1:]]
        same_kind = [r for r in scenario.resources.values() if r.type in types]
        if kind == "iam-role":
            same_kind = [p for p in scenario.principals.values() if p.type == "role"]
        if len(same_kind) == 1:
            only = same_kind[0]
            question.assumptions.append(f"took the {only.name} as the resource: it is the only one of its kind here.")
            question.resource_arn, question.resource = only.arn, scenario.find_resource(only.arn)[1]
        elif len(same_kind) > 1:
            question.clarification = f"Which one do you mean: {_names(same_kind)}?"
            return
        else:
            question.resource_arn = "*"
            question.assumptions.append(f"the {scenario.name} scenario has no such resource, so {question.action} was "
                                        "asked for any resource (\"*\").")
            return
    else:
        question.resource_arn = mention.entity.arn
        question.resource = scenario.find_resource(mention.entity.arn)[1]
    if target == catalogue.OBJECT and question.resource is not None and question.resource.type == "s3-bucket":
        question.resource_arn = _with_key(question, text, question.resource_arn)


def _with_key(question: PermissionQuestion, text: str, bucket_arn: str) -> str:
    key = _object_key(text)
    if key is None:
        key = DEFAULT_OBJECT_KEY
        question.assumptions.append(f"no object key was named, so the request is for an object called {key} "
                                    "at the top of the bucket.")
    return f"{bucket_arn}/{key}"
