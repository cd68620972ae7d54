"""The fact cards of `corpus/facts/*.yaml` as the solver reads them (schemas in corpus/README.md).

Each card becomes an `Entity`: a named thing an option can refer to, with the statements
that describe it (positive evidence) and the things it is wrongly believed to do (negative).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tutor import paths


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


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value if isinstance(v, (str, int, float)) and str(v).strip())
    return ()


def _read(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise FactCardError(f"{path}: cannot read fact cards: {exc}") from exc


def _cards(data: object, path: Path) -> list[dict]:
    if data is None:
        return []
    if not isinstance(data, list):
        raise FactCardError(f"{path}: expected a list of cards")
    return [card for card in data if isinstance(card, dict) and card.get("id")]


def _services(data: object, path: Path) -> list[Entity]:
    return [
        Entity(
            id=str(card["id"]),
            name=str(card.get("name") or card["id"]),
            aliases=_strings(card.get("aliases")),
            kind="service",
            statements=_strings(card.get("purpose")) + _strings(card.get("features")),
            not_for=_strings(card.get("not_for")),
            confused_with=_strings(card.get("confused_with")),
            section=card.get("section"),
        )
        for card in _cards(data, path)
    ]


def _identity(data: object, path: Path) -> list[Entity]:
    if data is None:
        return []
    if not isinstance(data, dict):
        raise FactCardError(f"{path}: expected a mapping with identity_types and best_practices")
    entities = []
    for card in _cards(data.get("identity_types"), path):
        name = str(card.get("name") or card["id"])
        credentials = _strings(card.get("credentials"))
        entities.append(
            Entity(
                id=str(card["id"]),
                name=name,
                aliases=_strings(card.get("aliases")),
                kind="identity",
                statements=_strings(card.get("definition"))
                + tuple(f"An {name} has {c} credentials" for c in credentials)
                + tuple(f"An {name} is used for {use}" for use in _strings(card.get("use_for"))),
                not_for=_strings(card.get("not_for")),
                section=card.get("section"),
            )
        )
    entities += [
        Entity(
            id=str(card["id"]),
            name=str(card.get("practice") or card["id"]),
            aliases=(),
            kind="practice",
            statements=_strings(card.get("practice")) + _strings(card.get("rationale")),
            section=card.get("section"),
        )
        for card in _cards(data.get("best_practices"), path)
    ]
    return entities


def _concepts(data: object, path: Path) -> list[Entity]:
    return [
        Entity(
            id=str(card["id"]),
            name=str(card.get("term") or card["id"]),
            aliases=_strings(card.get("aliases")),
            kind="concept",
            statements=_strings(card.get("definition")),
            section=card.get("section"),
        )
        for card in _cards(data, path)
    ]


def _responsibilities(data: object, path: Path) -> list[ResponsibilityItem]:
    items = []
    for card in _cards(data, path):
        owner = str(card.get("owner", "")).lower()
        if owner not in {"aws", "customer", "shared"} or not card.get("item"):
            raise FactCardError(f"{path}: card {card['id']!r} needs an 'item' and an owner of aws, customer or shared")
        items.append(
            ResponsibilityItem(
                id=str(card["id"]),
                item=str(card["item"]),
                owner=owner,
                service=str(card.get("service") or "general").lower(),
                section=card.get("section"),
            )
        )
    return items


def load_fact_cards(facts_dir: Path | None = None) -> FactCards:
    """Read every known card file in `facts_dir` (default `corpus/facts`); missing files give no cards."""
    folder = facts_dir or paths.corpus_dir() / "facts"
    cards = FactCards()
    readers = {
        "services.yaml": lambda d, p: cards.entities.extend(_services(d, p)),
        "identity.yaml": lambda d, p: cards.entities.extend(_identity(d, p)),
        "concepts.yaml": lambda d, p: cards.entities.extend(_concepts(d, p)),
        "shared_responsibility.yaml": lambda d, p: cards.responsibilities.extend(_responsibilities(d, p)),
    }
    for name, read in readers.items():
        path = folder / name
        if path.exists():
            read(_read(path), path)
    return cards
