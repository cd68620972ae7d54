"""Questions from `services.yaml`: which service does X, what is X for, what X does not do,
which capability belongs to X and not to the service it is confused with."""

from __future__ import annotations

import re

from tutor.quiz.assembly import Choice, assemble, clause, pick_distractors, same_text, seeded, sentence
from tutor.quiz.facts import FactBook, ServiceCard
from tutor.quiz.model import Question, topic_for_section

SOURCE = "generated:services"
DISTRACTORS = 3


def _names(card: ServiceCard) -> list[str]:
    """Every way the card's service may be written: full, without brand, the bracketed short form, aliases."""
    names = [card.name, *card.aliases]
    if match := re.match(r"^(?P<long>.+?)\s*\((?P<short>[^)]+)\)$", card.name):
        names += [match["long"], match["short"]]
    return list(dict.fromkeys(n for name in names for n in (name, name.removeprefix("Amazon ").removeprefix("AWS ")) if n))


def _mentions(text: str, card: ServiceCard) -> bool:
    return any(re.search(rf"\b{re.escape(n)}\b", text, re.IGNORECASE) for n in _names(card))


def _purpose(card: ServiceCard) -> str:
    return sentence(card.purpose)


def _self_naming(text: str, card: ServiceCard) -> bool:
    """A description that names its own service would give the answer away; such text is not asked.

    (Masking the name instead garbles phrases such as "virtual MFA devices".)"""
    return _mentions(text, card)


def _tiers(card: ServiceCard, cards: list[ServiceCard]) -> list[list[ServiceCard]]:
    """Distractor preference: confused-with cards, then the same category, the same topic, the rest."""
    others = [c for c in cards if c.id != card.id]
    topic = topic_for_section(card.section)
    return [
        [c for c in others if c.id in card.confused_with],
        [c for c in others if c.category == card.category],
        [c for c in others if topic_for_section(c.section) == topic],
        others,
    ]


def _distractor_cards(rng, card: ServiceCard, cards: list[ServiceCard], text_of) -> list[ServiceCard]:
    by_text: dict[str, ServiceCard] = {}
    tiers = []
    for tier in _tiers(card, cards):
        texts = []
        for c in tier:
            by_text.setdefault(text_of(c), c)
            texts.append(text_of(c))
        tiers.append(texts)
    return [by_text[t] for t in pick_distractors(rng, tiers, DISTRACTORS, [text_of(card)])]


def _topic(card: ServiceCard) -> str:
    return topic_for_section(card.section) or f"unknown (section {card.section})"


def which_service(card: ServiceCard, cards: list[ServiceCard], seed: int) -> Question | None:
    """'Which AWS service or feature matches this description: ...?' with service names as options."""
    if _self_naming(card.purpose, card):
        return None
    rng = seeded(seed, "which-service", card.id)
    distractors = _distractor_cards(rng, card, cards, lambda c: c.name)
    if not distractors:
        return None
    choices = [Choice(card.name, True, f"{card.name} is the match. Its job: {clause(card.purpose)}.", card.section)]
    choices += [
        Choice(d.name, False, f"{d.name} does something else. Its job: {clause(d.purpose)}.", d.section)
        for d in distractors
    ]
    return assemble(
        topic=_topic(card), kind="single", difficulty=1, source=SOURCE, support=[f"services:{card.id}"], rng=rng,
        stem=f"Which AWS service or feature matches this description: {clause(card.purpose)}?", choices=choices,
    )  # fmt: skip


def what_for(card: ServiceCard, cards: list[ServiceCard], seed: int) -> Question | None:
    """'What is X used for?' with purpose sentences as options."""
    if _self_naming(card.purpose, card):
        return None
    rng = seeded(seed, "what-for", card.id)
    plain = [c for c in cards if c.id == card.id or not _self_naming(c.purpose, c)]
    distractors = _distractor_cards(rng, card, plain, _purpose)
    if not distractors:
        return None
    example = f" For example: {clause(card.features[0])}." if card.features else ""
    choices = [Choice(_purpose(card), True, f"This is what {card.name} is for.{example}", card.section)]
    choices += [
        Choice(_purpose(d), False, f"This describes {d.name}, not {card.name}.", d.section) for d in distractors
    ]
    return assemble(
        topic=_topic(card), kind="single", difficulty=1, source=SOURCE, support=[f"services:{card.id}"], rng=rng,
        stem=f"What is {card.name} used for?", choices=choices,
    )  # fmt: skip


def which_has_feature(card: ServiceCard, feature: str, cards: list[ServiceCard], seed: int) -> Question | None:
    """'Which AWS service or feature has this capability: ...?' for one feature of the card."""
    if _self_naming(feature, card):
        return None
    rng = seeded(seed, "feature", card.id, feature)
    # A distractor whose own name appears in the feature would make two options defensible.
    eligible = [c for c in cards if c.id == card.id or not _mentions(feature, c)]
    distractors = _distractor_cards(rng, card, eligible, lambda c: c.name)
    if not distractors:
        return None
    choices = [Choice(card.name, True, f"{card.name} does this. Its job: {clause(card.purpose)}.", card.section)]
    choices += [
        Choice(d.name, False, f"{d.name} does something else. Its job: {clause(d.purpose)}.", d.section)
        for d in distractors
    ]
    return assemble(
        topic=_topic(card), kind="single", difficulty=2, source=SOURCE, support=[f"services:{card.id}"], rng=rng,
        stem=f"Which AWS service or feature has this capability: {clause(feature)}?", choices=choices,
    )  # fmt: skip


def not_a_feature(card: ServiceCard, cards: list[ServiceCard], seed: int) -> Question | None:
    """'Which of these is NOT something X does?': the key is a known misconception or another service's feature."""
    rng = seeded(seed, "not-feature", card.id)
    if len(card.features) < 2:
        return None
    if card.not_for:
        odd = rng.choice(card.not_for)
        key = Choice(sentence(odd), True, f"{card.name} is not meant for this. Its job: {clause(card.purpose)}.", card.section)
        support = f"services:{card.id}"
    else:
        foreign = [
            (c, f) for tier in _tiers(card, cards)[:2] for c in tier for f in c.features
            if not any(same_text(f, own) for own in card.features) and not _mentions(f, card)
        ]
        if not foreign:
            return None
        other, feature = rng.choice(foreign)
        key = Choice(sentence(feature), True, f"This is a feature of {other.name}, not of {card.name}.", other.section)
        support = f"services:{other.id}"
    own = rng.sample(card.features, min(DISTRACTORS, len(card.features)))
    choices = [key] + [
        Choice(sentence(f), False, f"{card.name} does this, so it is not the answer: it is one of its features.", card.section)
        for f in own
    ]
    return assemble(
        topic=_topic(card), kind="single", difficulty=2, source=SOURCE, support=[support], rng=rng,
        stem=f"Which of these is NOT something {card.name} does?", choices=choices,
    )  # fmt: skip


def tell_apart(card: ServiceCard, other: ServiceCard, seed: int) -> Question | None:
    """'X and Y are easy to mix up. Which of these does Y do, rather than X?'"""
    rng = seeded(seed, "tell-apart", card.id, other.id)
    # A feature that names the other service (an SCP feature of Organizations) belongs to both.
    theirs = [f for f in other.features if not any(same_text(f, m) for m in card.features) and not _mentions(f, card)]
    mine = [f for f in card.features if not any(same_text(f, t) for t in other.features) and not _mentions(f, other)]
    if not theirs or len(mine) < 2:
        return None
    key = rng.choice(theirs)
    choices = [Choice(sentence(key), True, f"{other.name} does this: it is one of its features.", other.section)]
    choices += [
        Choice(sentence(f), False, f"This is what {card.name} does, not {other.name}.", card.section)
        for f in rng.sample(mine, min(DISTRACTORS, len(mine)))
    ]
    return assemble(
        topic=_topic(other), kind="single", difficulty=3, source=SOURCE, support=[f"services:{other.id}"], rng=rng,
        stem=f"{card.name} and {other.name} are easy to mix up. Which of these does {other.name} do, rather than {card.name}?",
        choices=choices,
    )  # fmt: skip


def generate(facts: FactBook, seed: int = 0) -> list[Question]:
    """Every service question the cards support."""
    cards = facts.services
    questions: list[Question | None] = []
    for card in cards:
        questions.append(which_service(card, cards, seed))
        questions.append(what_for(card, cards, seed))
        questions += [which_has_feature(card, f, cards, seed) for f in card.features]
        questions.append(not_a_feature(card, cards, seed))
        for other_id in card.confused_with:
            other = facts.service(other_id)
            if other is not None:
                questions.append(tell_apart(card, other, seed))
    return [q for q in questions if q is not None]
