"""Questions from `concepts.yaml`: the meaning of a term, and the term for a meaning."""

from __future__ import annotations

from tutor.quiz.assembly import Choice, assemble, clause, pick_distractors, seeded, sentence, without_names
from tutor.quiz.facts import Concept, FactBook
from tutor.quiz.model import Question, topic_for_section

SOURCE = "generated:concepts"


def _topic(concept: Concept) -> str:
    return topic_for_section(concept.section) or f"unknown (section {concept.section})"


def _definition(concept: Concept) -> str:
    # A one-word term ("Resource") also occurs inside other names ("Amazon Resource Names"),
    # so only multi-word terms are taken out of their definitions.
    if " " not in concept.term.strip():
        return sentence(concept.definition)
    return sentence(without_names(concept.definition, [concept.term]) or "")


def _tiers(key: Concept, concepts: list[Concept], text_of) -> list[list[str]]:
    others = [c for c in concepts if c.id != key.id]
    return [
        [text_of(c) for c in others if c.category == key.category],
        [text_of(c) for c in others if _topic(c) == _topic(key)],
        [text_of(c) for c in others],
    ]


def meaning_of(key: Concept, concepts: list[Concept], seed: int) -> Question | None:
    """'What does "<term>" mean?' with definitions as options."""
    if not _definition(key):
        return None
    rng = seeded(seed, "meaning-of", key.id)
    usable = [c for c in concepts if _definition(c)]
    by_text = {_definition(c): c for c in usable}
    picked = pick_distractors(rng, _tiers(key, usable, _definition), 3, [_definition(key)])
    if not picked:
        return None
    choices = [Choice(_definition(key), True, f"Right: this is what {key.term} means.", key.section)]
    choices += [Choice(t, False, f"Wrong: this defines {by_text[t].term}.", by_text[t].section) for t in picked]
    return assemble(
        topic=_topic(key), kind="single", difficulty=1, source=SOURCE, support=[f"concepts:{key.id}"], rng=rng,
        choices=choices, stem=f'What does "{key.term}" mean?',
    )  # fmt: skip


def term_for(key: Concept, concepts: list[Concept], seed: int) -> Question | None:
    """'Which term matches this definition: ...?' with terms as options."""
    if not _definition(key):
        return None
    rng = seeded(seed, "term-for", key.id)
    by_term = {c.term: c for c in concepts}
    picked = pick_distractors(rng, _tiers(key, concepts, lambda c: c.term), 3, [key.term])
    if not picked:
        return None
    choices = [Choice(key.term, True, f"Right: {key.term} means {clause(key.definition)}.", key.section)]
    choices += [
        Choice(t, False, f"Wrong: {t} means {clause(by_term[t].definition)}.", by_term[t].section) for t in picked
    ]
    return assemble(
        topic=_topic(key), kind="single", difficulty=2, source=SOURCE, support=[f"concepts:{key.id}"], rng=rng,
        choices=choices, stem=f"Which term matches this definition: {clause(_definition(key))}?",
    )  # fmt: skip


def generate(facts: FactBook, seed: int = 0) -> list[Question]:
    """Two questions per concept, when it has neighbours to draw distractors from."""
    concepts = facts.concepts
    questions = [meaning_of(c, concepts, seed) for c in concepts] + [term_for(c, concepts, seed) for c in concepts]
    return [q for q in questions if q is not None]
