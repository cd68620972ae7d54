"""Questions from `shared_responsibility.yaml`: who owns an item, how the split differs between
EC2, RDS, Lambda and S3, and "Select TWO" customer responsibilities for a service."""

from __future__ import annotations

from itertools import combinations

from tutor.quiz.assembly import Choice, assemble, clause, pick_distractors, seeded, sentence
from tutor.quiz.facts import OWNER_PHRASES, FactBook, ResponsibilityCard
from tutor.quiz.generators.phrasing import capitalised, option_phrase
from tutor.quiz.model import Question, topic_for_section

SOURCE = "generated:shared-responsibility"
OWNER_OPTIONS = {"aws": "AWS", "customer": "The customer", "shared": "Both AWS and the customer"}
SERVICE_NAMES = {
    "ec2": "Amazon EC2", "rds": "Amazon RDS", "lambda": "AWS Lambda", "s3": "Amazon S3", "dynamodb": "Amazon DynamoDB",
}
SERVICE_TYPE_OPTIONS = {
    "infrastructure": "An infrastructure service",
    "container": "A container (managed) service",
    "abstracted": "An abstracted service",
}
SELECT_TWO_PER_SERVICE = 3
"""How many "Select TWO" combinations to ask per service; more would repeat the same items."""


def _topic(card: ResponsibilityCard) -> str:
    return topic_for_section(card.section) or f"unknown (section {card.section})"


_SERVICE_WORDS = {"ec2": "EC2", "rds": "RDS", "lambda": "Lambda", "s3": "S3", "dynamodb": "DynamoDB"}


def _with(card: ResponsibilityCard) -> str:
    """' when using Amazon EC2', unless the item already names the service."""
    name = SERVICE_NAMES.get(card.service)
    if name is None or _SERVICE_WORDS[card.service] in card.item:
        return ""
    return f" when using {name}"


def _verb(owner: str) -> str:
    return "are" if owner == "shared" else "is"


def _whose(owner: str) -> str:
    return {"aws": "AWS's", "customer": "the customer's"}[owner]


def _owner_why(card: ResponsibilityCard, option: str) -> str:
    """Why an answer to 'who is responsible for ...?' is right or wrong, in one sentence."""
    owner = OWNER_PHRASES[card.owner]
    if option == card.owner:
        return f"{capitalised(owner)} {_verb(card.owner)} responsible for {clause(card.item)}{_with(card)}."
    if card.owner == "shared":
        return f"Not {OWNER_PHRASES[option]} alone: both AWS and the customer are responsible for this, each in its own layer."
    if option == "shared":
        return f"This is not shared{_with(card)}: {owner} alone is responsible for it."
    return f"{capitalised(OWNER_PHRASES[option])} is not responsible for this{_with(card)}; {owner} is."


def who_owns(card: ResponsibilityCard, seed: int) -> Question:
    """'Under the shared responsibility model, who is responsible for ...?'"""
    rng = seeded(seed, "who-owns", card.id)
    choices = [Choice(text, option == card.owner, _owner_why(card, option), card.section) for option, text in OWNER_OPTIONS.items()]
    return assemble(
        topic=_topic(card), kind="single", difficulty=1 if card.service == "general" else 2, source=SOURCE,
        support=[f"shared_responsibility:{card.id}"], rng=rng, shuffle=False, choices=choices,
        stem=f"Under the shared responsibility model, who is responsible for {clause(card.item)}?",
    )  # fmt: skip


def _item_choice(card: ResponsibilityCard, correct: bool) -> Choice:
    owner = OWNER_PHRASES[card.owner]
    why = f"{capitalised(owner)} {_verb(card.owner)} responsible for {clause(card.item)}{_with(card)}."
    return Choice(option_phrase(card.item), correct, why, card.section)


def owned_by(service: str, owner: str, key: ResponsibilityCard, cards: list[ResponsibilityCard], seed: int) -> Question | None:
    """'Which of these is the customer's responsibility when using S3?' (or AWS's)."""
    rng = seeded(seed, "owned-by", service, owner, key.id)
    other = "aws" if owner == "customer" else "customer"
    same_service = [c.item for c in cards if c.service == service and c.owner == other]
    general = [c.item for c in cards if c.service == "general" and c.owner == other]
    picked = pick_distractors(rng, [same_service, general], 3, [key.item])
    if len(picked) < 2:
        return None
    by_item = {c.item: c for c in cards}
    choices = [_item_choice(key, True)] + [_item_choice(by_item[item], False) for item in picked]
    return assemble(
        topic=_topic(key), kind="single", difficulty=2, source=SOURCE, support=[f"shared_responsibility:{key.id}"],
        rng=rng, choices=choices, stem=f"Which of these is {_whose(owner)} responsibility when using {SERVICE_NAMES[service]}?",
    )  # fmt: skip


def select_two(service: str, cards: list[ResponsibilityCard], seed: int) -> list[Question]:
    """'Select TWO customer responsibilities when using Lambda.' for a few pairs of items."""
    rng = seeded(seed, "select-two", service)
    mine = [c for c in cards if c.service == service and c.owner == "customer"]
    theirs = [c for c in cards if c.service == service and c.owner == "aws"]
    theirs += [c for c in cards if c.service == "general" and c.owner == "aws"]
    pairs = list(combinations(mine, 2))
    rng.shuffle(pairs)
    questions = []
    for pair in pairs[:SELECT_TWO_PER_SERVICE]:
        q_rng = seeded(seed, "select-two", service, *(c.id for c in pair))
        by_item = {c.item: c for c in theirs}
        picked = pick_distractors(q_rng, [list(by_item)], 3, [c.item for c in pair])
        if len(picked) < 2:
            continue
        choices = [_item_choice(c, True) for c in pair] + [_item_choice(by_item[i], False) for i in picked]
        questions.append(
            assemble(
                topic=_topic(pair[0]), kind="multiple", difficulty=2, source=SOURCE, rng=q_rng, choices=choices,
                support=[f"shared_responsibility:{c.id}" for c in pair],
                stem=f"Which of these are the customer's responsibility when using {SERVICE_NAMES[service]}? (Select TWO.)",
            )  # fmt: skip
        )
    return questions


def service_type(card: ResponsibilityCard, seed: int) -> Question | None:
    """'Under the shared responsibility model, what kind of service is Amazon RDS?'"""
    if card.service_type not in SERVICE_TYPE_OPTIONS or card.service not in SERVICE_NAMES:
        return None
    rng = seeded(seed, "service-type", card.service)
    name = SERVICE_NAMES[card.service]
    actual = SERVICE_TYPE_OPTIONS[card.service_type].lower()
    choices = [
        Choice(
            text,
            kind == card.service_type,
            f"{name} is {actual}." if kind == card.service_type else f"{name} is {actual}, not {text.lower()}.",
            card.section,
        )
        for kind, text in SERVICE_TYPE_OPTIONS.items()
    ]
    return assemble(
        topic=_topic(card), kind="single", difficulty=2, source=SOURCE, rng=rng, shuffle=False, choices=choices,
        support=[f"shared_responsibility:{card.id}"],
        stem=f"Under the shared responsibility model, which type of service is {name}?",
    )  # fmt: skip


def generate(facts: FactBook, seed: int = 0) -> list[Question]:
    """Every shared-responsibility question the cards support."""
    cards = facts.responsibilities
    questions: list[Question | None] = [who_owns(c, seed) for c in cards]
    for service in SERVICE_NAMES:
        for owner in ("customer", "aws"):
            questions += [owned_by(service, owner, c, cards, seed) for c in cards if c.service == service and c.owner == owner]
        questions += select_two(service, cards, seed)
        first = next((c for c in cards if c.service == service), None)
        if first is not None:
            questions.append(service_type(first, seed))
    return [q for q in questions if q is not None]
