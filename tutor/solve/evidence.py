"""The evidence the solver weighs: every sentence of the notes and every fact-card statement, embedded once.

Vectors are cached on disk beside the index, keyed by the model and the exact texts, so a
warm `tutor solve` only embeds the question and its options.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from tutor.knowledge.claims import ClaimBook
from tutor.knowledge.corpus import Section
from tutor.knowledge.sentences import split_units
from tutor.solve.claim_check import ClaimIndex
from tutor.solve.facts import Entity, FactCards
from tutor.solve.intent import claimed_owner
from tutor.solve.naming import mentioned_entities
from tutor.solve.lexicon import TermWeights, bigrams, negative_polarity, stated_negation, tokens


class TextEmbedder(Protocol):
    """Unit-length vectors, one row per text (tutor.knowledge.embedder's protocol)."""

    name: str

    def embed(self, texts: list[str]) -> np.ndarray: ...


class SectionSearch(Protocol):
    """Anything with the retriever's `search`; results need `section_id`."""

    def search(self, query: str, k: int = 5) -> list: ...


@dataclass(frozen=True)
class EvidenceUnit:
    """One sentence (or list item) that can support or refute an option."""

    text: str
    section_id: str | None
    entity_id: str | None = None
    negative: bool = False
    """True for a card's `not_for` line: the entity does NOT do this."""
    claim: str | None = None
    """The statement without the card's name, compared with what an option claims."""

    @property
    def claim_text(self) -> str:
        return self.claim or self.text


_CACHE_VERSION = 1


def _section_units(section: Section) -> list[tuple[str, str | None]]:
    """(text, claim) pairs: a list item keeps its lead-in as context ("AWS secures: hardware")
    while its claim is the item alone."""
    units: list[tuple[str, str | None]] = []
    for unit in split_units(section.text):
        if "\n- " in unit:  # a lead sentence with its list: each item is evidence on its own
            lead, *items = unit.split("\n- ")
            lead = lead.strip()
            units.append((lead, None))
            units.extend((f"{lead} {item.strip()}", item.strip()) for item in items if item.strip())
        else:
            units.append((unit, None))
    # A short lead-in such as "Features of AWS Shield Advanced:" names things but states nothing.
    return [
        (text, claim)
        for text, claim in units
        if len(tokens(claim or text)) >= 2 and not (text.endswith(":") and len(tokens(text)) <= 6)
    ]


def build_units(sections: list[Section], cards: FactCards) -> list[EvidenceUnit]:
    """Every piece of evidence, notes first, then card statements and `not_for` lines."""
    units = [EvidenceUnit(text, s.id, claim=claim) for s in sections for text, claim in _section_units(s)]
    for entity in cards.entities:
        if entity.kind == "section":
            continue
        units += [EvidenceUnit(f"{entity.name}: {t}", entity.section, entity.id, claim=t) for t in entity.statements]
        # Without the name: a not_for line is compared with options, which rarely repeat the name.
        units += [EvidenceUnit(t, entity.section, entity.id, True) for t in entity.not_for]
    return units


def section_entities(sections: list[Section]) -> list[Entity]:
    """Sections as nameable things, so an option like 'UDP flood' finds the section about it."""
    entities = []
    for section in sections:
        title = re.sub(r"\s*\(.*?\)\s*", " ", section.title).strip()
        entities.append(
            Entity(
                id=f"section:{section.id}",
                name=title,
                aliases=(),
                kind="section",
                statements=tuple(claim or text for text, claim in _section_units(section)),
                section=section.id,
            )
        )
    return entities


class EvidenceBank:
    """Units, their vectors, section lookups and a vector memo for questions and options."""

    def __init__(
        self,
        sections: list[Section],
        cards: FactCards,
        embedder: TextEmbedder,
        retriever: SectionSearch | None = None,
        cache_dir: Path | None = None,
        claims: ClaimBook | None = None,
    ) -> None:
        self.sections = {s.id: s for s in sections}
        self.cache_dir = cache_dir
        self.cards = cards
        self.embedder = embedder
        self.retriever = retriever
        self.units = build_units(sections, cards)
        self.entities = [*cards.entities, *section_entities(sections)]
        self.weights = TermWeights([u.text for u in self.units] + [e.name for e in self.entities])
        self.unit_terms = [set(tokens(u.claim_text)) for u in self.units]
        self.unit_negated = np.array([negative_polarity(u.claim_text) for u in self.units], dtype=bool)
        self.unit_stated_negation = np.array([stated_negation(u.claim_text) for u in self.units], dtype=bool)
        self._memo: dict[str, np.ndarray] = {}
        self.unit_vectors = self.cached_vectors([u.text for u in self.units], "units")
        # Card lines are also embedded without the card's name, so an option that merely repeats a
        # name does not look like it says what the card says.
        self.claim_vectors = self.unit_vectors.copy()
        differing = [i for i, u in enumerate(self.units) if u.claim and u.claim != u.text]
        if differing:
            self.claim_vectors[differing] = self.cached_vectors([self.units[i].claim_text for i in differing], "claims")
        # Owner-table rows are compared with every responsibility option; embedding them here (and
        # caching them on disk) keeps that cost out of the first question.
        rows = list(dict.fromkeys(item.item for item in cards.responsibilities))
        if rows:
            self._memo.update(zip(rows, self.cached_vectors(rows, "rows"), strict=True))
        self.unit_bigrams = [bigrams(u.claim_text) for u in self.units]
        self.unit_owners = [claimed_owner(u.claim_text) for u in self.units]
        self._unit_section = np.array([u.section_id or "" for u in self.units])
        # The cards each sentence names: "Scanning images is the job of Amazon Inspector" in the
        # GuardDuty section is about Inspector, whatever section it sits in.
        self.unit_mentions = [
            frozenset({e.id for e in mentioned_entities(u.text, cards.entities)} | ({u.entity_id} if u.entity_id else set()))
            for u in self.units
        ]

        # The claim book's lines are judged against options; they are not evidence sentences.
        book = claims or ClaimBook()
        lines = [text for text, _, _ in book.lines()]
        self.claim_index = ClaimIndex(
            book,
            self.cached_vectors(lines, "claimbook"),
            self.weights,
            subject=lambda text: next(
                (e.id for e in mentioned_entities(text, cards.entities, in_order=True) if e.kind in {"service", "identity"}),
                None,
            ),
        )

    def cached_vectors(self, texts: list[str], label: str) -> np.ndarray:
        """Vectors of a fixed list of texts, cached on disk under `label` (one file per label)."""
        cache_dir = self.cache_dir
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        key = hashlib.sha256(json.dumps([_CACHE_VERSION, getattr(self.embedder, "name", ""), texts]).encode()).hexdigest()
        path = cache_dir / f"solver-{label}-{key[:16]}.npy" if cache_dir else None
        if path is not None and path.exists():
            try:
                vectors = np.load(path)
                if vectors.shape[0] == len(texts):
                    return vectors
            except (OSError, ValueError):
                pass  # a damaged cache is rebuilt below
        vectors = np.asarray(self.embedder.embed(texts), dtype=np.float32)
        if path is not None:
            try:
                for old in path.parent.glob(f"solver-{label}-*.npy"):
                    old.unlink(missing_ok=True)
                np.save(path, vectors)
            except OSError:
                pass  # a read-only data dir only costs speed
        return vectors

    def vectors(self, texts: list[str]) -> np.ndarray:
        """Vectors of arbitrary texts, embedding each distinct text once per process."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._memo]
        if missing:
            for text, vector in zip(missing, self.embedder.embed(missing), strict=True):
                self._memo[text] = np.asarray(vector, dtype=np.float32)
        return np.vstack([self._memo[t] for t in texts]) if texts else np.zeros((0, 1), dtype=np.float32)

    def section_relevance(self, query: str, k: int = 6) -> dict[str, float]:
        """How much each section is about `query`, 0..1: dense similarity of its best sentences, plus retrieval rank."""
        if not self.units:
            return {}
        sims = self.unit_vectors @ self.vectors([query])[0]
        dense: dict[str, list[float]] = {}
        for section_id, sim in zip(self._unit_section, sims, strict=True):
            if section_id:
                dense.setdefault(section_id, []).append(float(sim))
        scores = {sid: float(np.mean(sorted(v, reverse=True)[:2])) for sid, v in dense.items()}
        if self.retriever is not None:
            try:
                ranked = [c.section_id for c in self.retriever.search(query, k)]
            except Exception:  # retrieval is a bonus signal; the dense scores above still stand
                ranked = []
            for rank, section_id in enumerate(ranked):
                scores[section_id] = scores.get(section_id, 0.0) + 0.15 * (1 - rank / k)
        top = max(scores.values(), default=0.0)
        return {sid: max(0.0, s / top) for sid, s in scores.items()} if top > 0 else scores

    def entity_units(self, entity: Entity) -> list[int]:
        """Indexes of the units describing an entity: its card lines and its section's sentences."""
        return [
            i
            for i, u in enumerate(self.units)
            if not u.negative
            and ((entity.kind != "section" and u.entity_id == entity.id) or (entity.section and u.section_id == entity.section and u.entity_id is None))
        ]

    def negative_units(self, entity: Entity) -> list[int]:
        return [i for i, u in enumerate(self.units) if u.negative and u.entity_id == entity.id]

    def section_title(self, section_id: str | None) -> tuple[str, str] | None:
        section = self.sections.get(section_id or "")
        return (section.title, section.file) if section else None
