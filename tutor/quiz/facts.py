"""Fact cards (`corpus/facts/*.yaml`, schemas in corpus/README.md) loaded into typed records.

A malformed card is reported with its file, index and field, and skipped; the other cards load.
Each card can render its statements as evidence text, which the validator checks keys against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from tutor import paths
from tutor.knowledge.yaml_errors import invalid_yaml


class _Card(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    def statements(self) -> list[str]:
        """The card's own short statements, each of which could be an option's text."""
        return []

    def true_statements(self) -> list[str]:
        """The statements that are true of the card's subject (all but its "not for" list)."""
        caveats = set(getattr(self, "not_for", []))
        return [s for s in self.statements() if s not in caveats]

    def names(self) -> list[str]:
        """How a question may name the card's subject (services and identity types only)."""
        return []


def normalise_statement(text: str) -> str:
    return " ".join(text.lower().split()).rstrip(".")


class ServiceCard(_Card):
    id: str
    name: str
    aliases: list[str] = []
    category: str
    purpose: str
    features: list[str] = []
    not_for: list[str] = []
    confused_with: list[str] = []
    section: str

    def evidence(self) -> str:
        return " ".join([self.name, *self.aliases, self.purpose, *self.features])

    def caveats(self) -> str:
        return " ".join(f"Not for: {item}." for item in self.not_for)

    def statements(self) -> list[str]:
        return [self.name, *self.aliases, self.purpose, *self.features, *self.not_for]

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


OWNER_PHRASES = {"aws": "AWS", "customer": "the customer", "shared": "both AWS and the customer"}


class ResponsibilityCard(_Card):
    id: str
    item: str
    owner: Literal["aws", "customer", "shared"]
    service: str
    service_type: str
    section: str

    def evidence(self) -> str:
        return f"{self.item}. Responsible: {OWNER_PHRASES[self.owner]}. Service type: {self.service_type}."

    def statements(self) -> list[str]:
        return [self.item]


CREDENTIAL_PHRASES = {
    "long-term": "Long-term credentials that stay valid until someone changes them",
    "temporary": "Temporary credentials that expire on their own",
    "none": "No credentials of its own",
}


class IdentityType(_Card):
    id: str
    name: str
    definition: str
    credentials: Literal["long-term", "temporary", "none"]
    use_for: list[str] = []
    not_for: list[str] = []
    section: str

    def evidence(self) -> str:
        credentials = CREDENTIAL_PHRASES[self.credentials]
        return " ".join([self.name, self.definition, f"{credentials}.", *self.use_for])

    def caveats(self) -> str:
        return " ".join(f"Not for: {item}." for item in self.not_for)

    def statements(self) -> list[str]:
        return [self.name, self.definition, *self.use_for, *self.not_for]

    def names(self) -> list[str]:
        return [self.name]


class BestPractice(_Card):
    id: str
    practice: str
    rationale: str
    applies_to: str
    section: str

    def evidence(self) -> str:
        return f"{self.practice}. {self.rationale}"

    def statements(self) -> list[str]:
        return [self.practice, self.rationale]


class Concept(_Card):
    id: str
    term: str
    definition: str
    category: str
    section: str

    def evidence(self) -> str:
        return f"{self.term}: {self.definition}"

    def statements(self) -> list[str]:
        return [self.term, self.definition]


@dataclass
class FactBook:
    """Every loaded card, plus the problems met while loading."""

    services: list[ServiceCard] = field(default_factory=list)
    responsibilities: list[ResponsibilityCard] = field(default_factory=list)
    identity_types: list[IdentityType] = field(default_factory=list)
    best_practices: list[BestPractice] = field(default_factory=list)
    concepts: list[Concept] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def cards(self) -> dict[str, _Card]:
        """Every card by its support id, `<file>:<id>` (e.g. `services:guardduty`)."""
        found: dict[str, _Card] = {}
        for prefix, cards in (
            ("services", self.services),
            ("shared_responsibility", self.responsibilities),
            ("identity", [*self.identity_types, *self.best_practices]),
            ("concepts", self.concepts),
        ):
            for card in cards:
                found[f"{prefix}:{card.id}"] = card
        return found

    def evidence(self, support_id: str, negative: bool = False) -> str | None:
        """What the card states; with `negative`, also what it says the thing is NOT for."""
        card = self.cards().get(support_id)
        if card is None:
            return None
        text = card.evidence()  # type: ignore[attr-defined]
        if negative and hasattr(card, "caveats"):
            text += " " + card.caveats()  # type: ignore[attr-defined]
        return text

    def statement_owners(self) -> dict[str, set[str]]:
        """Every short statement a card makes (names, purposes, features, items, terms...), normalised,
        mapped to the support ids of the cards that make it."""
        owners: dict[str, set[str]] = {}
        for support_id, card in self.cards().items():
            for text in card.statements():  # type: ignore[attr-defined]
                owners.setdefault(normalise_statement(text), set()).add(support_id)
        return owners

    def true_statements_of_subjects(self, stem: str) -> dict[str, str]:
        """For every card whose subject the stem names, its true statements (normalised) -> support id."""
        found: dict[str, str] = {}
        for support_id, card in self.cards().items():
            if any(re.search(rf"\b{re.escape(name)}\b", stem, re.IGNORECASE) for name in card.names()):  # type: ignore[attr-defined]
                for text in card.true_statements():  # type: ignore[attr-defined]
                    found.setdefault(normalise_statement(text), support_id)
        return found

    def service(self, card_id: str) -> ServiceCard | None:
        return next((s for s in self.services if s.id == card_id), None)


def _load_list(path: Path, raw: object, model: type[_Card], what: str, problems: list[str]) -> list:
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(f"{path.name}: {what} must be a list of cards, found {type(raw).__name__}")
        return []
    cards, seen = [], set()
    for index, entry in enumerate(raw):
        try:
            card = model.model_validate(entry)
        except ValidationError as exc:
            fields = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'card'}: {e['msg']}" for e in exc.errors())
            problems.append(f"{path.name}: {what}[{index}] skipped ({fields})")
            continue
        if card.id in seen:  # type: ignore[attr-defined]
            problems.append(f"{path.name}: {what}[{index}] skipped (duplicate id {card.id!r})")  # type: ignore[attr-defined]
            continue
        seen.add(card.id)  # type: ignore[attr-defined]
        cards.append(card)
    return cards


def _read_yaml(path: Path, problems: list[str]) -> object:
    if not path.exists():
        return None
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        problems.append(invalid_yaml(path.name, exc))
        return None


def load_facts(facts_dir: Path | None = None) -> FactBook:
    """Load the four fact files; missing files give empty lists, bad cards are reported and skipped."""
    folder = facts_dir or paths.corpus_dir() / "facts"
    book = FactBook()
    p = book.problems
    book.services = _load_list(
        folder / "services.yaml", _read_yaml(folder / "services.yaml", p), ServiceCard, "services", p
    )
    srm = folder / "shared_responsibility.yaml"
    book.responsibilities = _load_list(srm, _read_yaml(srm, p), ResponsibilityCard, "items", p)
    identity_path = folder / "identity.yaml"
    identity = _read_yaml(identity_path, p)
    if identity is not None and not isinstance(identity, dict):
        p.append(f"{identity_path.name}: expected a mapping with identity_types and best_practices")
        identity = None
    identity = identity or {}
    book.identity_types = _load_list(
        identity_path, identity.get("identity_types"), IdentityType, "identity_types", p
    )
    book.best_practices = _load_list(
        identity_path, identity.get("best_practices"), BestPractice, "best_practices", p
    )
    concepts = folder / "concepts.yaml"
    book.concepts = _load_list(concepts, _read_yaml(concepts, p), Concept, "concepts", p)
    return book
