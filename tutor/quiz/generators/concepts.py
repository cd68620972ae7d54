"""Questions from `concepts.yaml`: the meaning of a term, and the term for a meaning."""

from __future__ import annotations

import re

from tutor.quiz.assembly import Choice, assemble, clause, pick_distractors, seeded, sentence, without_names
from tutor.quiz.facts import Concept, FactBook
from tutor.quiz.generators.phrasing import quoted, similar_length_first
from tutor.quiz.model import Question, topic_for_section

SOURCE = "generated:concepts"


def _topic(concept: Concept) -> str:
    return topic_for_section(concept.section) or f"unknown (section {concept.section})"


def _definition(concept: Concept) -> str:
    # A one-word term ("Resource") also occurs inside other names ("Amazon Resource Names"),
    # so only multi-word terms are taken out of their definitions.
    if " " not in concept.term.strip():
        return sentence(concept.definition)
    # "Cross-site scripting (XSS)" is also written "cross-site scripting" and "XSS".
    names = [concept.term]
    if match := re.match(r"^(?P<long>.+?)\s*\((?P<short>[^)]+)\)$", concept.term):
        names += [match["long"], match["short"]]
    return sentence(without_names(concept.definition, names) or "")


def _tiers(key: Concept, concepts: list[Concept], text_of) -> list[list[str]]:
    """The same category first, then the same topic, then anything; within each, options of a
    length close to the key's first, so that the key does not stand out by its length."""
    others = [c for c in concepts if c.id != key.id]
    tiers = []
    for tier in (
        [c for c in others if c.category == key.category],
        [c for c in others if _topic(c) == _topic(key)],
        others,
    ):
        tiers += similar_length_first([text_of(c) for c in tier], text_of(key))
    return tiers


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
    choices = [Choice(_definition(key), True, f'This is what "{key.term}" means.', key.section)]
    choices += [
        Choice(t, False, f'This is the meaning of a different term: "{by_text[t].term}".', by_text[t].section) for t in picked
    ]
    return assemble(
        topic=_topic(key), kind="single", difficulty=1, source=SOURCE, support=[f"concepts:{key.id}"], rng=rng,
        choices=choices, stem=f'What does the term "{key.term}" mean?',
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
    choices = [Choice(key.term, True, f'"{key.term}" is the term for this: {clause(key.definition)}.', key.section)]
    choices += [
        Choice(t, False, f'"{t}" means something else: {clause(by_term[t].definition)}.', by_term[t].section) for t in picked
    ]
    return assemble(
        topic=_topic(key), kind="single", difficulty=2, source=SOURCE, support=[f"concepts:{key.id}"], rng=rng,
        choices=choices, stem=f"Which term matches this definition? {quoted(_definition(key))}",
    )  # fmt: skip


def generate(facts: FactBook, seed: int = 0) -> list[Question]:
    """Two questions per concept, when it has neighbours to draw distractors from."""
    concepts = facts.concepts
    questions = [meaning_of(c, concepts, seed) for c in concepts] + [term_for(c, concepts, seed) for c in concepts]
    return [q for q in questions if q is not None]
