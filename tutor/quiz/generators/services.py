"""Questions from `services.yaml`: which service does X, what is X for, what X does not do,
which capability belongs to X and not to the service it is confused with."""

from __future__ import annotations

import re

from tutor.quiz.assembly import Choice, assemble, clause, pick_distractors, same_text, seeded, sentence
from tutor.quiz.facts import FactBook, ServiceCard
from tutor.quiz.generators.phrasing import (
    article,
    as_statement,
    capitalised,
    plural_verb_phrase,
    quoted,
    similar_length_first,
    verb_led,
    without_aside,
)
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


_BRANDS = ("AWS ", "Amazon ", "IAM ", "Elastic ")


def _called(card: ServiceCard) -> str:
    """The card's name inside a sentence: products keep their capitals ('Amazon GuardDuty'),
    common nouns do not ('security groups', 'consolidated billing')."""
    words = card.name.split()
    if card.name.startswith(_BRANDS) or len(words) < 2 or not words[1][:1].islower():
        return card.name
    return card.name[0].lower() + card.name[1:]


def _plural(card: ServiceCard) -> bool:
    """'Security groups' and 'Service control policies (SCPs)' take plural verbs; 'AWS Organizations' does not."""
    head = card.name.split(" (")[0]
    return _called(card) != card.name and head.endswith("s") and not head.endswith("ss")


def _does(text: str, plural: bool = False) -> str:
    """A purpose or feature as the predicate of a sentence: 'scans workloads...' or 'is a virtual firewall...'."""
    phrase = clause(text)
    if verb_led(text):
        return clause(plural_verb_phrase(text)) if plural else phrase
    # "Security groups act as a virtual firewall": a plural subject cannot be "a firewall".
    return f"{'act as' if plural else 'is'} {article(phrase)} {phrase}"


def _job(card: ServiceCard) -> str:
    """'Amazon GuardDuty is an intelligent threat detection service that...'."""
    return f"{capitalised(_called(card))} {_does(card.purpose, _plural(card))}."


def _which_stem(text: str, purpose: bool = False) -> str:
    """'Which AWS service or feature scans EC2 instances?'. A purpose that is a noun phrase takes
    'is a ...'; any other feature ('Stateful', 'Free to use') is quoted as a statement."""
    if verb_led(text) or purpose:
        return f"Which AWS service or feature {_does(text)}?"
    return f"Which AWS service or feature does this describe? {quoted(text)}"


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
        tiers += similar_length_first(texts, text_of(card))
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
    choices = [Choice(card.name, True, _job(card), card.section)]
    choices += [Choice(d.name, False, _job(d), d.section) for d in distractors]
    return assemble(
        topic=_topic(card), kind="single", difficulty=1, source=SOURCE, support=[f"services:{card.id}"], rng=rng,
        stem=_which_stem(card.purpose, purpose=True), choices=choices,
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
    doing = [f for f in card.features if verb_led(f) and not _restates(f, card.purpose)]
    pronoun = "they" if _plural(card) else "it"
    example = f" For example, {pronoun} {_does(doing[0], _plural(card))}." if doing else ""
    choices = [Choice(_purpose(card), True, f"This is what {_called(card)} {'are' if _plural(card) else 'is'} for.{example}", card.section)]
    choices += [
        Choice(_purpose(d), False, f"This describes {_called(d)}, not {_called(card)}.", d.section) for d in distractors
    ]
    return assemble(
        topic=_topic(card), kind="single", difficulty=1, source=SOURCE, support=[f"services:{card.id}"], rng=rng,
        stem=f"What {'are' if _plural(card) else 'is'} {_called(card)} used for?", choices=choices,
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
    choices = [Choice(card.name, True, f"This is a feature of {_called(card)}, which {_does(card.purpose, _plural(card))}.", card.section)]
    choices += [Choice(d.name, False, _job(d), d.section) for d in distractors]
    return assemble(
        topic=_topic(card), kind="single", difficulty=2, source=SOURCE, support=[f"services:{card.id}"], rng=rng,
        stem=_which_stem(feature), choices=choices,
    )  # fmt: skip


def not_a_feature(card: ServiceCard, cards: list[ServiceCard], seed: int) -> Question | None:
    """'Which of these is NOT something X does?': the key is a known misconception or another service's feature."""
    rng = seeded(seed, "not-feature", card.id)
    if len(card.features) < 2:
        return None
    if card.not_for:
        odd, aside = without_aside(rng.choice(card.not_for))
        why = f"This does not describe {_called(card)}, which {_does(card.purpose, _plural(card))}."
        key = Choice(sentence(as_statement(odd)), True, why + (f" ({sentence(aside)})" if aside else ""), card.section)
        support = f"services:{card.id}"
    else:
        foreign = [
            (c, f) for tier in _tiers(card, cards)[:2] for c in tier for f in c.features
            if not any(same_text(f, own) for own in card.features) and not _mentions(f, card)
        ]
        if not foreign:
            return None
        other, feature = rng.choice(foreign)
        key = Choice(sentence(feature), True, f"This is a feature of {_called(other)}, not of {_called(card)}.", other.section)
        support = f"services:{other.id}"
    own = pick_distractors(rng, similar_length_first([sentence(f) for f in card.features], key.text), DISTRACTORS, [key.text])
    choices = [key] + [
        Choice(f, False, f"This is true of {_called(card)}, so it is not the answer.", card.section) for f in own
    ]
    return assemble(
        topic=_topic(card), kind="single", difficulty=2, source=SOURCE, support=[support], rng=rng,
        stem=f"Which of these does NOT describe {_called(card)}?", choices=choices,
    )  # fmt: skip


def tell_apart(card: ServiceCard, other: ServiceCard, seed: int) -> Question | None:
    """'X and Y are easy to mix up. Which of these does Y do, rather than X?'"""
    rng = seeded(seed, "tell-apart", card.id, other.id)
    # A feature that names the other service (an SCP feature of Organizations) belongs to both.
    theirs = [f for f in other.features if not any(same_text(f, m) for m in card.features) and not _mentions(f, card)]
    mine = [f for f in card.features if not any(same_text(f, t) for t in other.features) and not _mentions(f, other)]
    if not theirs or len(mine) < 2:
        return None
    key = sentence(rng.choice(theirs))
    choices = [Choice(key, True, f"This is one of the features of {_called(other)}.", other.section)]
    choices += [
        Choice(f, False, f"This describes {_called(card)}, not {_called(other)}.", card.section)
        for f in pick_distractors(rng, similar_length_first([sentence(f) for f in mine], key), DISTRACTORS, [key])
    ]
    return assemble(
        topic=_topic(other), kind="single", difficulty=3, source=SOURCE, support=[f"services:{other.id}"], rng=rng,
        stem=(
            f"{capitalised(_called(card))} and {_called(other)} are easy to mix up. "
            f"Which of these describes {_called(other)} rather than {_called(card)}?"
        ),
        choices=choices,
    )  # fmt: skip


_SMALL_WORDS = frozenset("a an the to of in on for and or that when they their its it".split())


def _restates(feature: str, purpose: str) -> bool:
    """True when nearly every word of the feature is already in the purpose
    ('Issues temporary credentials to federated users...' under 'Issues the temporary credentials that...')."""
    words = {w for w in re.findall(r"[a-z0-9]+", feature.lower()) if w not in _SMALL_WORDS}
    said = set(re.findall(r"[a-z0-9]+", purpose.lower()))
    return bool(words) and len(words & said) / len(words) >= 0.8


def generate(facts: FactBook, seed: int = 0) -> list[Question]:
    """Every service question the cards support."""
    cards = facts.services
    questions: list[Question | None] = []
    for card in cards:
        questions.append(which_service(card, cards, seed))
        questions.append(what_for(card, cards, seed))
        # A feature that restates the purpose would ask the purpose question a second time.
        features = [f for f in card.features if not _restates(f, card.purpose)]
        questions += [which_has_feature(card, f, cards, seed) for f in features]
        questions.append(not_a_feature(card, cards, seed))
        for other_id in card.confused_with:
            other = facts.service(other_id)
            if other is not None:
                questions.append(tell_apart(card, other, seed))
    return [q for q in questions if q is not None]
