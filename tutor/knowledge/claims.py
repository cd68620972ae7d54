"""The claim book (`corpus/claims/<topic>.yaml`): true statements and the misconceptions beside them.

Each claim pairs what is true about one fact with what learners commonly believe instead, and a
one-sentence correction. The solver matches an option to its nearest claim line: MiniLM cannot tell
"AWS patches the guest OS on EC2" from its truth by meaning alone, but the nearest line being a
known misconception can. The format is documented in corpus/README.md.

A malformed claim is reported with its file, index and field, and skipped; the others load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from tutor import paths
from tutor.knowledge.yaml_errors import invalid_yaml
from tutor.topics import TOPICS

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MIN_WORDS, _MAX_WORDS = 3, 40


class _ClaimRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: str
    section: str
    true_lines: list[str] = Field(alias="true", min_length=1)
    false_lines: list[str] = Field(alias="false", min_length=1)
    why: str

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"must be lowercase words joined by hyphens, got {value!r}")
        return value

    @field_validator("true_lines", "false_lines")
    @classmethod
    def _statements(cls, lines: list[str]) -> list[str]:
        cleaned = []
        for line in lines:
            if not isinstance(line, str):
                raise ValueError(f"every statement must be text, got {type(line).__name__}")
            words = len(line.split())
            if not _MIN_WORDS <= words <= _MAX_WORDS:
                raise ValueError(f"statement of {words} words ({line[:40]!r}); keep each to {_MIN_WORDS}-{_MAX_WORDS}")
            cleaned.append(" ".join(line.split()))
        return cleaned

    @field_validator("why")
    @classmethod
    def _why(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must say what is true instead")
        return " ".join(value.split())


@dataclass(frozen=True)
class Claim:
    """One fact: how it is said truly, how it is commonly said wrongly, and the correction."""

    id: str
    topic: str
    section: str
    true: tuple[str, ...]
    false: tuple[str, ...]
    why: str


@dataclass
class ClaimBook:
    """Every loaded claim, plus the problems met while loading."""

    claims: list[Claim] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def lines(self) -> list[tuple[str, bool, Claim]]:
        """Every statement with whether it is true and the claim it belongs to, true lines first per claim."""
        return [(text, truth, claim) for claim in self.claims for truth, texts in ((True, claim.true), (False, claim.false)) for text in texts]


def _read(path: Path, problems: list[str]) -> list | None:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        problems.append(invalid_yaml(f"claims/{path.name}", exc))
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"claims/{path.name}: cannot be read ({exc}); file skipped")
        return None
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(f"claims/{path.name}: must be a list of claims, found {type(raw).__name__}; file skipped")
        return None
    return raw


def load_claims(claims_dir: Path | None = None, known_sections: set[str] | None = None) -> ClaimBook:
    """Load every `<topic>.yaml` of the claim folder.

    A file whose name is not a topic, a claim with a missing or malformed field, a duplicate id, or
    (when `known_sections` is given) a section id that does not exist is reported and skipped.
    """
    folder = claims_dir or paths.corpus_dir() / "claims"
    book = ClaimBook()
    if not folder.is_dir():
        return book
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        topic = path.stem
        if topic not in TOPICS:
            book.problems.append(f"claims/{path.name}: not a topic of the module ({', '.join(TOPICS)}); file skipped")
            continue
        raw = _read(path, book.problems)
        for index, entry in enumerate(raw or []):
            where = f"claims/{path.name}: claim {index + 1}"
            if isinstance(entry, dict):
                # YAML 1.1 reads the bare keys `true:` and `false:` as booleans.
                entry = {({True: "true", False: "false"}[k] if isinstance(k, bool) else k): v for k, v in entry.items()}
            try:
                record = _ClaimRecord.model_validate(entry)
            except ValidationError as exc:
                fields = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'claim'}: {e['msg']}" for e in exc.errors())
                book.problems.append(f"{where} skipped ({fields})")
                continue
            if record.id in seen:
                book.problems.append(f"{where} skipped (id {record.id!r} is already used in claims/{seen[record.id]})")
                continue
            if known_sections is not None and record.section not in known_sections:
                book.problems.append(f"{where} ({record.id}) skipped (unknown section {record.section!r})")
                continue
            seen[record.id] = path.name
            book.claims.append(
                Claim(record.id, topic, record.section, tuple(record.true_lines), tuple(record.false_lines), record.why)
            )
    return book
