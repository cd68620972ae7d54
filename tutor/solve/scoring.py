"""Scores for one option: how well it answers the question, from three kinds of evidence.

- A named option (a service, identity type, concept or section) is scored by how closely the
  question's requirement matches what that thing is for, with its `not_for` lines against it.
- A responsibility option is matched to the owner table and scored by whether its owner is the
  party the question asks about, for the service in context.
- Any other statement is scored by its support among the notes' sentences, weighted by how much
  each sentence's section is about the question, so a true statement that does not answer the
  question scores low.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from tutor.solve.claim_check import ClaimVerdict
from tutor.solve.evidence import EvidenceBank
from tutor.solve.facts import Entity, ResponsibilityItem
from tutor.solve.intent import SERVICE_TYPES, QuestionIntent, claimed_owner, strip_owner
from tutor.solve.lexicon import absolutes, bigrams, negative_polarity, opposed, stated_negation, tokens
from tutor.solve.naming import mentioned_entities, mentions
from tutor.solve.verification import MIN_ALIGNMENT, SAME_SLOT_OVERLAP, contradiction


@dataclass(frozen=True)
class OptionScore:
    """The solver's judgement of one option, with the evidence that decided it."""

    score: float
    kind: str
    """named | responsibility | statement"""
    evidence: str | None = None
    """The sentence or card line that best supports the option."""
    section_id: str | None = None
    against: str | None = None
    """A card line saying the option's service is NOT for this (or a contradicting sentence)."""
    entity: Entity | None = None
    owner: str | None = None
    """For responsibility options: the owner the table gives."""
    matched_item: ResponsibilityItem | None = None
    party: str | None = None
    """For 'who is responsible' options: the party the option names."""
    claim: ClaimVerdict | None = None
    """What the claim book says of the option, when it holds a close claim."""
    shortcut: str | None = None
    """The insecure shortcut the option proposes ('shares credentials'), if any."""


def term_units(bank: EvidenceBank, term: str) -> list[int]:
    """Sentences of the notes that mention every content word of a short option such as 'SQL injection'."""
    wanted = set(tokens(term))
    if not wanted:
        return []
    return [i for i, u in enumerate(bank.units) if not u.negative and wanted <= set(tokens(u.text))]


def score_named(
    bank: EvidenceBank,
    option: str,
    entity: Entity | None,
    question: str,
    question_vector: np.ndarray,
    rivals: list[Entity] = (),  # type: ignore[assignment]
) -> OptionScore:
    """Match the question's requirement to what the named thing is for (its card and section, or the
    sentences that mention the term).

    Card lines count fully and section sentences slightly less; a section sentence that names a rival
    option ("the root, unlike the management account, ...") is evidence about the rival, not this one.
    """
    indexes = bank.entity_units(entity) if entity else term_units(bank, option)
    own_name = entity if entity else None
    indexes = [
        i for i in indexes
        if bank.units[i].entity_id is not None
        or not any(mentions(bank.units[i].text, r) and not (own_name and mentions(bank.units[i].text, own_name)) for r in rivals)
    ]
    if not indexes:
        return OptionScore(0.0, "named", entity=entity)
    card_weight = np.array([1.0 if bank.units[i].entity_id is not None else 0.92 for i in indexes])
    sims = (bank.unit_vectors[indexes] @ question_vector) * card_weight
    order = np.argsort(-sims)
    top = sims[order[:3]]
    dense = 0.6 * float(top[0]) + 0.4 * float(np.mean(top))
    names = [entity.name, *entity.aliases] if entity else [option]
    card_text = " ".join([*names, *(bank.units[i].text for i in indexes if bank.units[i].entity_id is not None)])
    section_text = " ".join(bank.units[i].text for i in indexes if bank.units[i].entity_id is None)
    lexical = 0.7 * bank.weights.overlap(question, card_text) + 0.3 * bank.weights.overlap(question, section_text)
    best = bank.units[indexes[int(order[0])]]
    negatives = bank.negative_units(entity) if entity else []
    against, penalty = None, 0.0
    if negatives:
        neg_sims = bank.unit_vectors[negatives] @ question_vector
        worst = int(np.argmax(neg_sims))
        # A not_for line closer to the question than any positive line is strong evidence against.
        if float(neg_sims[worst]) > float(top[0]) - 0.05:
            penalty = 0.5 * (float(neg_sims[worst]) - float(top[0]) + 0.05)
            # Quoted as the reason only when it is closer to the question than any positive line.
            against = bank.units[negatives[worst]].text if float(neg_sims[worst]) > float(top[0]) else None
    score = dense + 0.35 * lexical - penalty
    return OptionScore(score, "named", best.text, best.section_id or (entity.section if entity else None), against, entity)


_YES_NO = re.compile(r"^(?:yes|no)\b[,.;:]?\s*", re.IGNORECASE)


_YES_NO_QUESTION = re.compile(r"^(?:does|do|is|are|can|could|will|would|should|must|may|has|have)\b", re.IGNORECASE)


def _yes_no_fit(option: str, ask: str, answer_negative: bool) -> float:
    """For 'Does X ...?' with 'Yes, ...'/'No, ...' options: the best answer sentence's polarity decides."""
    head = _YES_NO.match(option)
    if not head or not _YES_NO_QUESTION.match(ask.strip()):
        return 0.0
    expected_no = answer_negative != negative_polarity(ask)
    return 0.1 if head.group(0).lower().startswith("no") == expected_no else -0.1


_SECOND_CLAUSE = re.compile(
    r",?\s+and\s+(?=(?:is|are|was|can|cannot|does|do|has|have|must|should|will|it|they|also|then|"
    r"provides?|uses?|offers?|stores?|runs?|keeps?|lets?|gives?|supports?|requires?)\b)",
    re.IGNORECASE,
)
_SUBJECT = re.compile(r"^(.*?)\s+(?:is|are|was|can|cannot|does|do|has|have|must|should|will)\b", re.IGNORECASE)


def clauses(statement: str) -> list[str]:
    """'IAM is global and is free' -> ['IAM is global', 'IAM is free']: each part must hold."""
    parts = _SECOND_CLAUSE.split(statement, maxsplit=1)
    if len(parts) < 2 or len(tokens(parts[1])) < 2:
        return [statement]
    subject = _SUBJECT.match(parts[0])
    second = parts[1]
    if subject and re.match(r"(?:is|are|was|can|cannot|does|do|has|have|must|should|will)\b", second, re.IGNORECASE):
        second = f"{subject.group(1)} {second}"
    return [parts[0], second]


def novel_part(option: str, question: str) -> str:
    """The option without the words it shares with the question: what it actually claims."""
    shared = set(tokens(question))
    words = [w for w in option.split() if not (set(tokens(w)) and set(tokens(w)) <= shared)]
    return " ".join(words) or option


def statement_texts(option: str, question: str, ask: str) -> list[str]:
    """The texts `score_statement` embeds for an option: the claim, its novel part, the claim after
    the question, and the question. Embedding every option's texts in one batch is much faster."""
    claim = _YES_NO.sub("", option) or option
    return [claim, novel_part(claim, question), f"{ask} {claim}", question]


def score_statement(
    bank: EvidenceBank,
    option: str,
    question: str,
    ask: str,
    relevance: dict[str, float],
    focus: list[Entity],
) -> OptionScore:
    """Support for a statement among sentences that are about the question.

    A sentence supports the option when it says what the option claims (cosine with the option,
    with the option's words that the question does not already contain, and with question and
    option together) and is itself about the question (its section's relevance and its own
    cosine with the stem). So a true statement that does not answer the question, or a false one
    that merely repeats the question's words, scores low.
    """
    if not bank.units:
        return OptionScore(0.0, "statement")
    claim, novel, joint, _ = texts = statement_texts(option, question, ask)
    vectors = bank.vectors(texts)
    to_option, to_novel = (bank.claim_vectors @ vectors[i] for i in range(2))
    to_joint, to_question = (bank.unit_vectors @ vectors[i] for i in range(2, 4))
    content = 0.5 * to_option + 0.2 * to_novel + 0.3 * to_joint
    novel_terms = set(tokens(novel))
    lexical = np.array([bank.weights.overlap_terms(novel_terms, terms) for terms in bank.unit_terms])
    # Word pairs keep what single words lose: "no permissions" is not "all permissions".
    own_pairs = bigrams(claim) - bigrams(question)
    pairs = np.array([len(own_pairs & p) / len(own_pairs) if own_pairs else 0.0 for p in bank.unit_bigrams])
    focus_ids = {e.id for e in focus}
    focus_sections = {e.section for e in focus if e.section}
    section_about = np.array(
        [
            1.0
            if (u.entity_id in focus_ids or (u.section_id in focus_sections and not u.entity_id))
            else relevance.get(u.section_id or "", 0.0)
            for u in bank.units
        ]
    )
    about = 0.6 * section_about + 0.4 * np.clip(to_question / 0.6, 0.0, 1.0)
    # A sentence that says the opposite ("Avoid the root user for daily work") is not support.
    mismatch = bank.unit_negated != negative_polarity(claim)
    # A sentence using the opposite word ("deny" for "allow") contradicts rather than supports, and
    # a claim with an absolute ("only", "always") is stronger than a sentence that lacks it.
    claim_terms = set(tokens(claim))
    claim_absolutes = absolutes(claim)
    flips = np.array([opposed(claim_terms, terms) for terms in bank.unit_terms])
    overstated = np.array(
        [bool(claim_absolutes) and not (claim_absolutes & absolutes(u.claim_text)) for u in bank.units]
    )
    # "AWS is responsible for X" is contradicted by "The customer is responsible for X".
    owner = claimed_owner(claim)
    other_party = np.array(
        [owner in {"aws", "customer"} and o in {"aws", "customer"} and o != owner for o in bank.unit_owners]
    )
    factor = (
        np.where(mismatch, 0.75, 1.0) * np.where(flips, 0.7, 1.0) * np.where(overstated, 0.85, 1.0)
        * np.where(other_party, 0.6, 1.0)
    )
    content = (content + 0.35 * lexical + 0.3 * pairs) * factor
    negative = np.array([u.negative for u in bank.units])
    unit_scores = np.where(negative, -1.0, content * (0.3 + 0.7 * about))
    best_index = int(np.argmax(unit_scores))
    best = bank.units[best_index]
    # The sentences that best answer the question itself: the right option should agree with them.
    answer_weights = np.where(negative, 0.0, np.exp((to_question * (0.5 + 0.5 * section_about)) / 0.05))
    top = np.argsort(-answer_weights)[:5]
    agreement = float(np.sum(answer_weights[top] * content[top]) / np.sum(answer_weights[top]))
    support = 0.4 * float(unit_scores[best_index]) + 0.6 * agreement
    support += _yes_no_fit(option, ask, bool(bank.unit_negated[top[0]]))
    # A close paraphrase that says the opposite (a negation, an antonym, the other party, the
    # subject's own not_for line) is evidence against the claim, not weaker support for it.
    claim_negative = stated_negation(claim)
    # The statement's subject: what the stem is about, or else the card the option itself names
    # ("Amazon GuardDuty scans container images" is about GuardDuty).
    subjects = focus_ids or {e.id for e in mentioned_entities(claim, bank.entities)}
    # A sentence saying the same thing of a service the subject is often confused with ("Inspector
    # scans container images") is a swapped service: evidence against, not for.
    rivals = {r for e in bank.cards.entities if e.id in subjects for r in e.confused_with} - subjects
    swapped = np.array([bool(named & rivals) and not (named & subjects) for named in bank.unit_mentions])
    relevant_not_for = np.array(
        [
            u.negative and (u.entity_id in subjects if subjects else relevance.get(u.section_id or "", 0) > 0.8)
            for u in bank.units
        ]
    )
    polarity_flip = bank.unit_stated_negation != claim_negative
    # Same slot: a sentence that flips the claim must also share most of its weighted words, or the
    # negation may belong to another clause ("..., because AWS does not move data").
    # Only sentences aligned closely enough to matter are checked, which keeps this cheap.
    same_slot = np.zeros(len(bank.units), dtype=bool)
    for i in np.flatnonzero(to_option >= MIN_ALIGNMENT):
        same_slot[i] = bank.weights.overlap_terms(claim_terms, bank.unit_terms[i]) >= SAME_SLOT_OVERLAP
    conflicting = np.where(negative, not claim_negative, (polarity_flip | flips | other_party | swapped) & same_slot)
    eligible = np.where(negative, relevant_not_for, ((about >= 0.5) | same_slot) & (~swapped | conflicting))
    verdict = contradiction(to_option, conflicting, eligible)
    penalty = verdict.penalty
    against = bank.units[verdict.index].text if verdict.index is not None else None
    score = support - penalty
    return OptionScore(score, "statement", best.text, best.section_id, against)


def owner_candidates(bank: EvidenceBank, task: str, service: str) -> list[tuple[float, ResponsibilityItem]]:
    """Every owner-table row with how well it matches `task`, best first, preferring rows for the
    service in context."""
    items = bank.cards.responsibilities
    if not items:
        return []
    item_vectors = bank.vectors([i.item for i in items])
    sims = item_vectors @ bank.vectors([task])[0]
    ranked = []
    for item, sim in zip(items, sims, strict=True):
        match = float(sim) + 0.5 * bank.weights.overlap(task, item.item)
        if service != "general":
            if item.service == service:
                match += 0.12
            elif item.service != "general":
                same_type = SERVICE_TYPES.get(item.service) == SERVICE_TYPES.get(service)
                match += 0.06 if same_type else -0.1
        if item.owner == "shared":
            match -= 0.05  # "patch management as a whole" is an umbrella; a specific row should win a tie
        ranked.append((match, item))
    # Stable on ties: the earlier row of the table wins, as it always has.
    return sorted(ranked, key=lambda pair: -pair[0])


def owner_of(bank: EvidenceBank, task: str, service: str) -> tuple[ResponsibilityItem | None, float]:
    """The owner-table row closest to `task`, preferring rows for the service in context."""
    ranked = owner_candidates(bank, task, service)
    return (ranked[0][1], ranked[0][0]) if ranked else (None, 0.0)


_DECISIVE_MATCH = 0.8
_DECISIVE_MARGIN = 0.1


def row_decides(bank: EvidenceBank, task: str, service: str) -> bool:
    """Whether one owner clearly wins for `task`: a close row match, or a clear lead over every row
    with a different owner. A vague claim ("security in the cloud") or one that spans services
    ("always, whatever the service") matches rows of several owners about equally, and the table
    cannot judge it."""
    ranked = owner_candidates(bank, task, service)
    if not ranked:
        return False
    best, item = ranked[0]
    rival = next((m for m, other in ranked[1:] if other.owner != item.owner), None)
    return best >= _DECISIVE_MATCH or rival is None or best - rival >= _DECISIVE_MARGIN


_OWNER_VALUE = {
    "aws": {"aws": 1.0, "shared": 0.6, "customer": 0.0},
    "customer": {"customer": 1.0, "shared": 0.6, "aws": 0.0},
    "shared": {"shared": 1.0, "aws": 0.1, "customer": 0.1},
}


def score_responsibility(bank: EvidenceBank, option: str, intent: QuestionIntent) -> OptionScore:
    """1 when the table's owner is the party asked about (or the party the option claims), 0 when not."""
    claim = claimed_owner(option)
    task = strip_owner(option) if claim else option
    item, match = owner_of(bank, task, intent.service)
    if item is None:
        return OptionScore(0.5, "responsibility")
    confidence = float(np.clip((match - 0.35) / 0.3, 0.0, 1.0))
    if claim:
        value = 1.0 if claim == item.owner else (0.6 if "shared" in (claim, item.owner) else 0.0)
    elif intent.direction:
        value = _OWNER_VALUE[intent.direction][item.owner]
    else:
        value = 0.5
    score = 0.5 + (value - 0.5) * confidence + 0.05 * match
    return OptionScore(score, "responsibility", item.item, item.section, owner=item.owner, matched_item=item)


_PARTY_VALUE = {
    "aws": {"aws": 1.0, "customer": 0.0, "shared": 0.3, "other": 0.0},
    "customer": {"aws": 0.0, "customer": 1.0, "shared": 0.3, "other": 0.0},
    "shared": {"aws": 0.2, "customer": 0.2, "shared": 1.0, "other": 0.0},
}
_WHO_PHRASE = re.compile(
    r"\b(?:who|whose|which party)\b(?:\s+(?:is|are|must|should|will|has|does)\b)?(?:\s+(?:responsible|in charge)\s+for\b)?",
    re.IGNORECASE,
)


def task_of_who_question(stem: str, ask: str) -> str:
    """The task a 'who is responsible for X?' question is about: X, or the whole stem when X is vague."""
    task = _WHO_PHRASE.sub(" ", ask).strip(" ?")
    return task if len(tokens(task)) >= 3 else _WHO_PHRASE.sub(" ", stem)


def score_party(
    bank: EvidenceBank, party: str | None, task: str, intent: QuestionIntent, option: str = ""
) -> OptionScore:
    """For 'Who is responsible for X?': 1 when the option's party owns X in the owner table.

    A party outside the model ("Independent third-party auditors") fits when the matched row itself
    names it ("Having independent third-party auditors examine the AWS infrastructure")."""
    item, match = owner_of(bank, task, intent.service)
    if item is None or party is None:
        return OptionScore(0.0, "responsibility", matched_item=item, party=party)
    confidence = float(np.clip((match - 0.35) / 0.3, 0.0, 1.0))
    value = _PARTY_VALUE[item.owner][party]
    if party == "other" and option:
        value = bank.weights.overlap(option, item.item)
    return OptionScore(
        0.5 + (value - 0.5) * confidence, "responsibility", item.item, item.section,
        owner=item.owner, matched_item=item, party=party,
    )


def responsibility_fit(bank: EvidenceBank, options: dict[str, str], intent: QuestionIntent) -> bool:
    """Whether the owner table should decide: the stem asks whose job it is, or options claim an owner."""
    if not bank.cards.responsibilities:
        return False
    claims = sum(1 for text in options.values() if claimed_owner(text))
    # Options that name an owner decide only when the stem is about the model itself; "The customer
    # remains responsible for compliance" is otherwise a statement to verify against the notes.
    if intent.direction is None and (claims < len(options) / 2 or not intent.about_responsibility):
        return False
    matches = [owner_of(bank, strip_owner(text), intent.service)[1] for text in options.values()]
    return sum(m >= 0.45 for m in matches) >= max(2, len(options) // 2)
