"""The fact cards of `corpus/facts/*.yaml` as the solver reads them (schemas in corpus/README.md).

Each card becomes an `Entity`: a named thing an option can refer to, with the statements
that describe it (positive evidence) and the things it is wrongly believed to do (negative).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tutor import paths
from tutor.quiz.facts import FactBook, load_facts


class FactCardError(ValueError):
    """A fact card file that cannot be read; the message names the file and the card."""


@dataclass(frozen=True)
class Entity:
    """Something an option may name: a service, an identity type, a concept or a corpus section."""

    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    """service | identity | concept | practice | section"""
    statements: tuple[str, ...]
    """What it is and does, each a short sentence."""
    not_for: tuple[str, ...] = ()
    confused_with: tuple[str, ...] = ()
    section: str | None = None


@dataclass(frozen=True)
class ResponsibilityItem:
    """One row of the shared responsibility owner table."""

    id: str
    item: str
    owner: str
    """aws | customer | shared"""
    service: str
    """general | ec2 | rds | lambda | s3"""
    section: str | None = None


@dataclass
class FactCards:
    """Every card the solver uses."""

    entities: list[Entity] = field(default_factory=list)
    responsibilities: list[ResponsibilityItem] = field(default_factory=list)

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)


def _services(book: FactBook) -> list[Entity]:
    return [
        Entity(
            id=card.id,
            name=card.name,
            aliases=tuple(card.aliases),
            kind="service",
            statements=(card.purpose, *card.features),
            not_for=tuple(card.not_for),
            confused_with=tuple(card.confused_with),
            section=card.section,
        )
        for card in book.services
    ]


def _identity(book: FactBook) -> list[Entity]:
    entities = [
        Entity(
            id=card.id,
            name=card.name,
            aliases=(),
            kind="identity",
            statements=(
                card.definition,
                f"An {card.name} has {card.credentials} credentials",
                *(f"An {card.name} is used for {use}" for use in card.use_for),
            ),
            not_for=tuple(card.not_for),
            section=card.section,
        )
        for card in book.identity_types
    ]
    entities += [
        Entity(
            id=card.id,
            name=card.practice,
            aliases=(),
            kind="practice",
            statements=(card.practice, card.rationale),
            section=card.section,
        )
        for card in book.best_practices
    ]
    return entities


def _concepts(book: FactBook) -> list[Entity]:
    return [
        Entity(id=card.id, name=card.term, aliases=(), kind="concept", statements=(card.definition,), section=card.section)
        for card in book.concepts
    ]


def load_fact_cards(facts_dir: Path | None = None) -> FactCards:
    """The cards of `facts_dir` (default `corpus/facts`) through the one fact-card loader, as solver entities.

    The solver refuses to run on a broken card rather than answer from a partial table:
    `FactCardError` names every problem with its file and card.
    """
    folder = facts_dir or paths.corpus_dir() / "facts"
    book = load_facts(folder)
    if book.problems:
        raise FactCardError("; ".join(f"{folder / problem}" for problem in book.problems))
    return FactCards(
        entities=[*_services(book), *_identity(book), *_concepts(book)],
        responsibilities=[
            ResponsibilityItem(id=card.id, item=card.item, owner=card.owner, service=card.service.lower(), section=card.section)
            for card in book.responsibilities
        ],
    )
