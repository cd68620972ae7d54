"""Questions from `identity.yaml`: recognising identity types, their credentials and fit for a
task, and the reason behind each best practice."""

from __future__ import annotations

from tutor.quiz.assembly import Choice, assemble, clause, pick_distractors, seeded, sentence, without_names
from tutor.quiz.facts import CREDENTIAL_PHRASES, BestPractice, FactBook, IdentityType
from tutor.quiz.model import Question, topic_for_section

SOURCE = "generated:identity"


def _topic(section: str) -> str:
    return topic_for_section(section) or f"unknown (section {section})"


def _name_choices(key: IdentityType, types: list[IdentityType], rng, why_right: str) -> list[Choice] | None:
    by_name = {t.name: t for t in types}
    picked = pick_distractors(rng, [[t.name for t in types if t.id != key.id]], 3, [key.name])
    if not picked:
        return None
    choices = [Choice(key.name, True, why_right, key.section)]
    choices += [
        Choice(name, False, f"Not {name}: {clause(by_name[name].definition)}.", by_name[name].section)
        for name in picked
    ]
    return choices


def which_identity(key: IdentityType, types: list[IdentityType], seed: int) -> Question | None:
    """'Which identity matches this description: ...?'"""
    description = without_names(key.definition, [key.name])
    if description is None:
        return None
    rng = seeded(seed, "which-identity", key.id)
    choices = _name_choices(key, types, rng, f"Right: this describes {key.name}: {clause(key.definition)}.")
    if choices is None:
        return None
    description = clause(description)
    return assemble(
        topic=_topic(key.section), kind="single", difficulty=1, source=SOURCE, support=[f"identity:{key.id}"],
        rng=rng, choices=choices, stem=f"Which identity matches this description: {description}?",
    )  # fmt: skip


def credentials(key: IdentityType, seed: int) -> Question:
    """'Which credentials does an IAM role have?'"""
    rng = seeded(seed, "credentials", key.id)
    choices = [
        Choice(
            phrase,
            kind == key.credentials,
            f"{'Right' if kind == key.credentials else 'Wrong'}: {key.name} has "
            f"{lower(CREDENTIAL_PHRASES[key.credentials])}. {sentence(key.definition)}",
            key.section,
        )
        for kind, phrase in CREDENTIAL_PHRASES.items()
    ]
    return assemble(
        topic=_topic(key.section), kind="single", difficulty=2, source=SOURCE, support=[f"identity:{key.id}"],
        rng=rng, choices=choices, stem=f"{key.name}: which credentials does it have?",
    )  # fmt: skip


def lower(text: str) -> str:
    return text[0].lower() + text[1:] if text else text


def best_fit(key: IdentityType, use: str, types: list[IdentityType], seed: int) -> Question | None:
    """'Which identity is the best fit for ...?' for a use that belongs to one type only."""
    rng = seeded(seed, "best-fit", key.id, use)
    choices = _name_choices(key, types, rng, f"Right: {key.name} is the best fit for {clause(use)}.")
    if choices is None:
        return None
    return assemble(
        topic=_topic(key.section), kind="single", difficulty=2, source=SOURCE, support=[f"identity:{key.id}"],
        rng=rng, choices=choices, stem=f"Which identity is the best fit for {clause(use)}?",
    )  # fmt: skip


def poor_use(key: IdentityType, seed: int) -> Question | None:
    """'Which of these is NOT a good use of an IAM user?'"""
    rng = seeded(seed, "poor-use", key.id)
    if not key.not_for or len(key.use_for) < 2:
        return None
    odd = rng.choice(key.not_for)
    choices = [Choice(sentence(odd), True, f"Right: {key.name} is not meant for this.", key.section)]
    choices += [
        Choice(sentence(u), False, f"Wrong: this is a proper use of {key.name}.", key.section)
        for u in rng.sample(key.use_for, min(3, len(key.use_for)))
    ]
    return assemble(
        topic=_topic(key.section), kind="single", difficulty=2, source=SOURCE, support=[f"identity:{key.id}"],
        rng=rng, choices=choices, stem=f"Which of these is NOT a good use of {key.name}?",
    )  # fmt: skip


def _quoted(text: str) -> str:
    return sentence(text).rstrip(".")


def _practice_tiers(key: BestPractice, practices: list[BestPractice]) -> list[list[BestPractice]]:
    others = [p for p in practices if p.id != key.id]
    return [[p for p in others if p.applies_to == key.applies_to], others]


def why_practice(key: BestPractice, practices: list[BestPractice], seed: int) -> Question | None:
    """'Why is it recommended to ...?' with rationales as options."""
    rng = seeded(seed, "why-practice", key.id)
    by_text = {sentence(p.rationale): p for p in practices}
    tiers = [[sentence(p.rationale) for p in tier] for tier in _practice_tiers(key, practices)]
    picked = pick_distractors(rng, tiers, 3, [sentence(key.rationale)])
    if not picked:
        return None
    choices = [Choice(sentence(key.rationale), True, f'Right: this is the reason for "{_quoted(key.practice)}".', key.section)]
    choices += [
        Choice(t, False, f'Wrong: this is the reason for another practice, "{_quoted(by_text[t].practice)}".', by_text[t].section)
        for t in picked
    ]
    return assemble(
        topic=_topic(key.section), kind="single", difficulty=2, source=SOURCE, support=[f"identity:{key.id}"],
        rng=rng, choices=choices, stem=f'What is the reason for this practice: "{_quoted(key.practice)}"?',
    )  # fmt: skip


def which_practice(key: BestPractice, practices: list[BestPractice], seed: int) -> Question | None:
    """'Which practice addresses this: <rationale>?' with practices as options."""
    rng = seeded(seed, "which-practice", key.id)
    by_text = {sentence(p.practice): p for p in practices}
    tiers = [[sentence(p.practice) for p in tier] for tier in _practice_tiers(key, practices)]
    picked = pick_distractors(rng, tiers, 3, [sentence(key.practice)])
    if not picked:
        return None
    choices = [Choice(sentence(key.practice), True, f"Right: {clause(key.rationale)}.", key.section)]
    choices += [
        Choice(t, False, f"Wrong: that practice answers a different concern: {clause(by_text[t].rationale)}.", by_text[t].section)
        for t in picked
    ]
    return assemble(
        topic=_topic(key.section), kind="single", difficulty=2, source=SOURCE, support=[f"identity:{key.id}"],
        rng=rng, choices=choices, stem=f"Which recommended practice is this the reason for: {clause(key.rationale)}?",
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
