"""Questions from `identity.yaml`: recognising identity types, their credentials and fit for a
task, and the reason behind each best practice."""

from __future__ import annotations

from tutor.quiz.assembly import Choice, assemble, clause, lower_first, pick_distractors, seeded, sentence, without_names
from tutor.quiz.facts import CREDENTIAL_PHRASES, BestPractice, FactBook, IdentityType
from tutor.quiz.generators.phrasing import capitalised, option_phrase, quoted, similar_length_first, to_infinitive, with_article
from tutor.quiz.model import Question, topic_for_section

SOURCE = "generated:identity"

# The credentials an identity type has, as a phrase inside a sentence.
_CREDENTIAL_SHORT = {"long-term": "long-term credentials", "temporary": "temporary credentials", "none": "no credentials of its own"}


def _topic(section: str) -> str:
    return topic_for_section(section) or f"unknown (section {section})"


def _is(identity: IdentityType) -> str:
    """'An IAM user is an identity in one AWS account...': the card's definition as a sentence about it."""
    return f"{capitalised(with_article(identity.name))} is {clause(identity.definition)}."


def _name_choices(key: IdentityType, types: list[IdentityType], rng, why_right: str) -> list[Choice] | None:
    by_name = {t.name: t for t in types}
    picked = pick_distractors(rng, [[t.name for t in types if t.id != key.id]], 3, [key.name])
    if not picked:
        return None
    choices = [Choice(key.name, True, why_right, key.section)]
    choices += [Choice(name, False, _is(by_name[name]), by_name[name].section) for name in picked]
    return choices


def which_identity(key: IdentityType, types: list[IdentityType], seed: int) -> Question | None:
    """'Which of these matches this description? "..."'"""
    description = without_names(key.definition, [key.name])
    if description is None:
        return None
    rng = seeded(seed, "which-identity", key.id)
    choices = _name_choices(key, types, rng, _is(key))
    if choices is None:
        return None
    return assemble(
        topic=_topic(key.section), kind="single", difficulty=1, source=SOURCE, support=[f"identity:{key.id}"],
        rng=rng, choices=choices, stem=f"Which of these matches this description? {quoted(description)}",
    )  # fmt: skip


def _credential_why(key: IdentityType, kind: str) -> str:
    who = capitalised(with_article(key.name))
    has = lower_first(CREDENTIAL_PHRASES[key.credentials])
    if kind == key.credentials:
        return f"{who} has {has}."
    if key.credentials == "none":
        return f"{who} has no credentials of its own, so it has no {_CREDENTIAL_SHORT[kind]} either."
    if kind == "none":
        return f"{who} does have credentials: {has}."
    return f"{who} has {has}, not {_CREDENTIAL_SHORT[kind]}."


def credentials(key: IdentityType, seed: int) -> Question:
    """'Which credentials does an IAM role have?'"""
    rng = seeded(seed, "credentials", key.id)
    choices = [
        Choice(phrase, kind == key.credentials, _credential_why(key, kind), key.section)
        for kind, phrase in CREDENTIAL_PHRASES.items()
    ]
    return assemble(
        topic=_topic(key.section), kind="single", difficulty=2, source=SOURCE, support=[f"identity:{key.id}"],
        rng=rng, choices=choices, stem=f"Which credentials does {with_article(key.name)} have?",
    )  # fmt: skip


def best_fit(key: IdentityType, use: str, types: list[IdentityType], seed: int) -> Question | None:
    """'Which of these is the best fit for ...?' for a use that belongs to one type only."""
    rng = seeded(seed, "best-fit", key.id, use)
    why = f"{capitalised(with_article(key.name))} is the right choice for {clause(use)}."
    choices = _name_choices(key, types, rng, why)
    if choices is None:
        return None
    return assemble(
        topic=_topic(key.section), kind="single", difficulty=2, source=SOURCE, support=[f"identity:{key.id}"],
        rng=rng, choices=choices, stem=f"Which of these is the best fit for {clause(use)}?",
    )  # fmt: skip


def poor_use(key: IdentityType, seed: int) -> Question | None:
    """'Which of these is NOT a good use of an IAM user?'"""
    rng = seeded(seed, "poor-use", key.id)
    if not key.not_for or len(key.use_for) < 2:
        return None
    odd = rng.choice(key.not_for)
    who = capitalised(with_article(key.name))
    choices = [Choice(option_phrase(odd), True, f"{who} is not meant for {clause(odd)}.", key.section)]
    choices += [
        Choice(option_phrase(u), False, f"{who} is a good fit for {clause(u)}.", key.section)
        for u in rng.sample(key.use_for, min(3, len(key.use_for)))
    ]
    return assemble(
        topic=_topic(key.section), kind="single", difficulty=2, source=SOURCE, support=[f"identity:{key.id}"],
        rng=rng, choices=choices, stem=f"Which of these is NOT a good use of {with_article(key.name)}?",
    )  # fmt: skip


def _practice_tiers(key: BestPractice, practices: list[BestPractice], text_of) -> list[list[str]]:
    others = [p for p in practices if p.id != key.id]
    tiers = []
    for tier in ([p for p in others if p.applies_to == key.applies_to], others):
        tiers += similar_length_first([text_of(p) for p in tier], text_of(key))
    return tiers


def why_practice(key: BestPractice, practices: list[BestPractice], seed: int) -> Question | None:
    """'Why is it recommended to ...?' with rationales as options."""
    rng = seeded(seed, "why-practice", key.id)
    by_text = {sentence(p.rationale): p for p in practices}
    picked = pick_distractors(rng, _practice_tiers(key, practices, lambda p: sentence(p.rationale)), 3, [sentence(key.rationale)])
    if not picked:
        return None
    choices = [Choice(sentence(key.rationale), True, f"This is why AWS recommends that you {lower_first(key.practice.strip().rstrip('.'))}.", key.section)]
    choices += [
        Choice(t, False, f"This is the reason for a different practice: {quoted(by_text[t].practice)}", by_text[t].section)
        for t in picked
    ]
    return assemble(
        topic=_topic(key.section), kind="single", difficulty=2, source=SOURCE, support=[f"identity:{key.id}"],
        rng=rng, choices=choices, stem=f"Why is it recommended {to_infinitive(key.practice)}?",
    )  # fmt: skip


def which_practice(key: BestPractice, practices: list[BestPractice], seed: int) -> Question | None:
    """'Which recommended practice does this reason support? "..."' with practices as options."""
    rng = seeded(seed, "which-practice", key.id)
    by_text = {sentence(p.practice): p for p in practices}
    picked = pick_distractors(rng, _practice_tiers(key, practices, lambda p: sentence(p.practice)), 3, [sentence(key.practice)])
    if not picked:
        return None
    choices = [Choice(sentence(key.practice), True, f"This practice is recommended because {clause(key.rationale)}.", key.section)]
    choices += [
        Choice(t, False, f"This practice answers a different concern: {clause(by_text[t].rationale)}.", by_text[t].section)
        for t in picked
    ]
    return assemble(
        topic=_topic(key.section), kind="single", difficulty=2, source=SOURCE, support=[f"identity:{key.id}"],
        rng=rng, choices=choices, stem=f"Which recommended practice does this reason support? {quoted(key.rationale)}",
    )  # fmt: skip


def generate(facts: FactBook, seed: int = 0) -> list[Question]:
    """Every identity and best-practice question the cards support."""
    types, practices = facts.identity_types, facts.best_practices
    questions: list[Question | None] = []
    for key in types:
        questions.append(which_identity(key, types, seed))
        questions.append(credentials(key, seed))
        shared_uses = {u.lower() for t in types if t.id != key.id for u in t.use_for}
        questions += [best_fit(key, u, types, seed) for u in key.use_for if u.lower() not in shared_uses]
        questions.append(poor_use(key, seed))
    for key in practices:
        questions.append(why_practice(key, practices, seed))
        questions.append(which_practice(key, practices, seed))
    return [q for q in questions if q is not None]
