"""What a question asks: how many to pick, whether it is negated, whose responsibility, for which service."""

from __future__ import annotations

import re
from dataclasses import dataclass

_UPPER_NEGATION = re.compile(r"\b(?:NOT|EXCEPT|LEAST|NEVER)\b")
_LOWER_NEGATION = re.compile(
    r"\b(?:which|what)\b[^?.]{0,80}?\b(?:is|are|does|do|would|will|should|can|could|was)\s+not\b"
    r"|\b(?:isn't|aren't|doesn't|don't|cannot|can't)\b[^?.]{0,40}\?"
    r"|\bexcept\b|\bleast\s+(?:likely|appropriate|suitable|secure)\b",
    re.IGNORECASE,
)
_SERVICE_CONTEXT = [
    ("ec2", re.compile(r"\bEC2\b|\bElastic Compute Cloud\b|\bvirtual machines?\b", re.IGNORECASE)),
    ("rds", re.compile(r"\bRDS\b|\bRelational Database Service\b|\bmanaged database\b", re.IGNORECASE)),
    ("lambda", re.compile(r"\bLambda\b|\bserverless\b", re.IGNORECASE)),
    ("s3", re.compile(r"\bS3\b|\bSimple Storage Service\b|\bbuckets?\b", re.IGNORECASE)),
    ("dynamodb", re.compile(r"\bDynamoDB\b", re.IGNORECASE)),
    ("fargate", re.compile(r"\bFargate\b", re.IGNORECASE)),
    ("beanstalk", re.compile(r"\bElastic Beanstalk\b", re.IGNORECASE)),
    ("rds", re.compile(r"\bAurora\b", re.IGNORECASE)),
]
SERVICE_TYPES = {
    "ec2": "infrastructure", "rds": "container", "beanstalk": "container",
    "lambda": "abstracted", "s3": "abstracted", "dynamodb": "abstracted", "fargate": "abstracted",
}
"""Where the line falls for each service: AWS runs the operating system of container and abstracted
services, so a row about one abstracted service (Lambda) says how another (DynamoDB) splits."""
_MODEL_PHRASE = re.compile(r"\b(?:the\s+)?(?:AWS\s+)?shared\s+responsibility\s+model\b", re.IGNORECASE)
_AWS_PRODUCT = re.compile(r"\b(?:AWS|Amazon)\s+(?=[A-Z0-9])")
_CONTRAST = re.compile(r"\b(?:rather than|instead of|and not)\s+(?:the\s+)?\w+(?:'s)?", re.IGNORECASE)
_AWS_ACTOR = re.compile(r"\bAWS\b(?:'s?)?", re.IGNORECASE)
_CUSTOMER_ACTOR = re.compile(
    r"\b(?:customers?|customer's|you|your|yours|company's|companies|company|teams?|team's|developers?|developer's"
    r"|users?|user's|business|clients?|owners?|administrators?|we|our|tenants?|engineers?)\b",
    re.IGNORECASE,
)
_RESPONSIBILITY = re.compile(
    r"responsib|in charge of|take[s]? care of|\bwhose job\b"
    r"|\b(?:falls?|belongs?)\s+to\s+(?:AWS|the\s+customer|customers|the\s+company|you)\b"
    r"|\b(?:is|are)\s+(?:handled|performed|done)\s+by\s+(?:AWS|the\s+customer|customers|the\s+company)\b"
    r"|\b(?:stays?|remains?)\s+with\s+(?:AWS|the\s+\w+)\b"
    r"|\b(?:does|do|must|should|will|would)\s+(?:AWS|the customer|customers|you|the company|the team)\s+"
    r"(?:manage|handle|perform|maintain|own|secure|patch|do|operate|control|configure|update)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class QuestionIntent:
    """How to read the stem."""

    negated: bool
    """'Which is NOT...', 'EXCEPT': the answer is the option with the least support."""
    direction: str | None
    """'aws', 'customer' or 'shared' when the stem asks whose responsibility something is."""
    service: str
    """general | ec2 | rds | lambda | s3: the service the responsibility question is about."""
    ask: str
    """The sentence that asks the question (usually the last)."""
    about_responsibility: bool = False
    """The stem names the shared responsibility model or asks who is responsible."""


def question_sentence(stem: str) -> str:
    """The sentence holding the question mark, or the last sentence."""
    parts = [p.strip() for p in re.split(r"(?<=[.?!])\s+", stem.strip()) if p.strip()]
    asking = [p for p in parts if p.endswith("?")]
    return (asking[-1] if asking else parts[-1]) if parts else stem


# "available with Shield Advanced but NOT with Shield Standard" contrasts two things; the question
# itself still asks for what is true of the first.
_CONTRASTIVE_NOT = re.compile(r"\bbut\s+not\s+(?:with|in|for|by|from|on|to|through)\b[^?]*", re.IGNORECASE)


# "with the LEAST operational overhead" asks for the best option, not for the odd one out.
_LEAST_EFFORT = re.compile(
    r"\bLEAST\s+(?:amount\s+of\s+)?(?:operational|administrative|management|development|ongoing|implementation)?\s*"
    r"(?:overhead|effort|cost|expensive|work|maintenance|management|changes?|configuration|complexity|time)\b",
    re.IGNORECASE,
)


def is_negated(stem: str) -> bool:
    ask = _LEAST_EFFORT.sub(" ", _CONTRASTIVE_NOT.sub(" ", question_sentence(stem)))
    return bool(_UPPER_NEGATION.search(ask) or _LOWER_NEGATION.search(ask))


def service_context(stem: str) -> str:
    """The first infrastructure/container/abstracted service the stem names, else 'general'."""
    hits = [(m.start(), name) for name, pattern in _SERVICE_CONTEXT if (m := pattern.search(stem))]
    return min(hits)[1] if hits else "general"


def _actor(text: str) -> str | None:
    text = _MODEL_PHRASE.sub(" ", text)
    text = _AWS_PRODUCT.sub("", text)  # "AWS Lambda" names a product, not the party AWS
    text = _CONTRAST.sub(" ", text)
    aws = _AWS_ACTOR.search(text)
    customer = _CUSTOMER_ACTOR.search(text)
    if aws and (not customer or aws.start() < customer.start()):
        return "aws"
    return "customer" if customer else None


_IN_THE_CLOUD = re.compile(r"\bsecurity\s+[\"'‘“]?in[\"'’”]?\s+the\s+cloud\b", re.IGNORECASE)
_OF_THE_CLOUD = re.compile(r"\bsecurity\s+[\"'‘“]?of[\"'’”]?\s+the\s+cloud\b", re.IGNORECASE)


_SHARED_ASK = re.compile(r"\bshared\s+controls?\b|\b(?:both|AWS\s+and\s+the\s+customer)\s+(?:each\s+)?have\s+(?:duties|responsibilities|a\s+role)\b", re.IGNORECASE)
_STAYS_WITH_CUSTOMER = re.compile(r"\b(?:stays?|remains?)\s+with\s+the\s+(?!AWS\b)\w+", re.IGNORECASE)
_ACTION_ASK = re.compile(r"\b(?:what|which\s+actions?)\s+(?:should|must|can|could)\s+(?:the\s+)?\w+(?:\s+\w+)?\s+(?:do|take)\b", re.IGNORECASE)


def responsibility_direction(stem: str) -> str | None:
    """'aws' or 'customer' when the stem asks who is responsible, else None.

    "Security IN the cloud" is the customer's part and "security OF the cloud" is AWS's.
    """
    ask = question_sentence(stem)
    in_cloud, of_cloud = bool(_IN_THE_CLOUD.search(ask)), bool(_OF_THE_CLOUD.search(ask))
    if in_cloud != of_cloud:
        return "customer" if in_cloud else "aws"
    if _SHARED_ASK.search(ask):
        return "shared"
    if _ACTION_ASK.search(ask) and "responsib" not in stem.lower():
        return None  # "What should the company do?" asks for an action, not for whose job it is
    if not (_RESPONSIBILITY.search(stem) or _MODEL_PHRASE.search(stem)):
        return None
    if _STAYS_WITH_CUSTOMER.search(ask):
        return "customer"  # whatever the stem calls it ("the studio"), the party that is not AWS
    return _actor(ask) or (_actor(stem) if _MODEL_PHRASE.search(stem) or "responsib" in stem.lower() else None)


def analyse(stem: str) -> QuestionIntent:
    """Everything the solver needs to know about the stem before scoring options."""
    return QuestionIntent(
        negated=is_negated(stem),
        direction=responsibility_direction(stem),
        service=service_context(stem),
        ask=question_sentence(stem),
        about_responsibility=bool(_MODEL_PHRASE.search(stem) or re.search(r"responsib", stem, re.IGNORECASE)),
    )


def claimed_owner(option: str) -> str | None:
    """The party an option itself names as responsible: 'AWS patches...' -> 'aws'."""
    head = _AWS_PRODUCT.sub("", option.strip())[:40]
    if re.match(r"^(?:the\s+)?AWS\b", head, re.IGNORECASE):
        return "aws"
    if re.match(r"^(?:the\s+)?(?:customers?|you|users?|clients?|developers?)\b", head, re.IGNORECASE):
        return "customer"
    if re.match(r"^(?:both|shared)\b", head, re.IGNORECASE):
        return "shared"
    return None


def strip_owner(option: str) -> str:
    """The task an owner-claiming option describes, without its subject ('AWS patches X' -> 'patches X')."""
    return re.sub(
        r"^(?:the\s+)?(?:AWS|customers?|you|users?|clients?|developers?)\s+(?:is|are)?\s*(?:responsible\s+for\s+)?",
        "",
        option.strip(),
        flags=re.IGNORECASE,
    ).strip() or option


_WHO = re.compile(r"\b(?:who|whose|which party)\b", re.IGNORECASE)
_SHARED_PARTY = re.compile(r"\b(?:both|shared|equal(?:ly)?|together|jointly)\b", re.IGNORECASE)
_AWS_PARTY = re.compile(r"^(?:only\s+)?(?:AWS|Amazon Web Services)\b(?!\s+[A-Z])", re.IGNORECASE)
_CUSTOMER_PARTY = re.compile(r"^(?:only\s+)?(?:the\s+)?(?:customers?|you|clients?|account owners?)\b", re.IGNORECASE)
_FILLER_WORDS = frozenset({"the", "only", "a", "an", "its", "own"})


def asks_who(stem: str) -> bool:
    """'Who is responsible for...?', 'Whose job is...?', also when the question sentence is only
    'Which answer is correct?'."""
    return bool(_WHO.search(stem))


def party_of(option: str, stem: str) -> str | None:
    """Which party an option names: 'aws', 'customer', 'shared', 'other' (a vendor, an auditor), or
    None when the option is not a party at all. "The retailer" is the customer when the stem is about
    a retailer."""
    # "AWS's, because it runs the hardware": the party is named before the justification.
    text = re.split(r"[,;:(]|\s+(?:because|since|through|as|by|via)\s+", option.strip(), maxsplit=1)[0].rstrip(".")
    words = [w for w in re.findall(r"[a-z]+", text.lower().replace("'s", "")) if w not in _FILLER_WORDS]
    if len(words) > 12:
        return None
    names_aws = bool(re.search(r"\bAWS\b(?!\s+[A-Z])", text))
    stem_words = set(re.findall(r"[a-z]+", _AWS_PRODUCT.sub("", stem).lower()))
    names_customer = bool(_CUSTOMER_ACTOR.search(text)) or bool(words and words[0] in stem_words and words[0] != "aws")
    if _SHARED_PARTY.search(text) or (names_aws and names_customer):
        return "shared"
    if _AWS_PARTY.match(text):
        return "aws"
    if _CUSTOMER_PARTY.match(text) or (names_customer and len(words) <= 3):
        return "customer"
    return "other" if len(words) <= 5 else None
