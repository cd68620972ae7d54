"""Specs for the course corpus: the notes' sections and sizes, the fact cards' schemas, and originality.

The loaders here are deliberately local: the knowledge pipeline owns the production corpus loader,
and these tests check the files against the README contract independently of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tutor import paths

CORPUS = paths.project_root() / "corpus"
FACTS = CORPUS / "facts"
WORD = re.compile(r"[a-z0-9']+")
HEADING = re.compile(r"^## (?P<title>.+?) \{#(?P<id>[^}]+)\}\s*$")
STOPWORDS = frozenset(
    "a an the of to and or in on for by with is are be it its as at from that this which can not no any each "
    "every your you their them so such into only than then when who what whose one".split()
)

SERVICE_CATEGORIES = {
    "identity", "governance", "compliance", "network-protection", "encryption", "threat-detection",
    "vulnerability-management", "logging-audit", "data-protection", "secrets", "security-posture",
}
OWNERS = {"aws", "customer", "shared"}
SRM_SERVICES = {"general", "ec2", "rds", "lambda", "s3", "dynamodb"}
SERVICE_TYPE_OF = {"general": "general", "ec2": "infrastructure", "rds": "container", "lambda": "abstracted", "s3": "abstracted", "dynamodb": "abstracted"}
CREDENTIALS = {"long-term", "temporary", "none"}
CONCEPT_CATEGORIES = {"srm", "iam-policy", "organizations", "compliance", "ddos", "encryption"}


@dataclass(frozen=True)
class NoteSection:
    id: str
    file: str
    body: str


def words(text: str) -> list[str]:
    """Normalised words: lowercase runs of letters, digits and apostrophes."""
    return WORD.findall(text.lower())


def readme_table() -> dict[str, list[str]]:
    """File name -> section ids, in order, from the table in corpus/README.md."""
    table: dict[str, list[str]] = {}
    for line in (CORPUS / "README.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\| `(?P<file>[^`]+\.md)` \| (?P<ids>.+) \|$", line)
        if match:
            table[match["file"]] = re.findall(r"`([^`]+)`", match["ids"])
    return table


def note_files() -> list[Path]:
    return sorted(p for p in CORPUS.glob("*.md") if p.name != "README.md")


def split_note(path: Path) -> tuple[str, list[NoteSection]]:
    """The text before the first `##` heading, and the sections (headings outside code fences)."""
    preamble: list[str] = []
    sections: list[NoteSection] = []
    current_id: str | None = None
    body: list[str] = []
    in_fence = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_fence = not in_fence
        match = None if in_fence else HEADING.match(line)
        if match or (not in_fence and line.startswith("## ")):
            if current_id is not None:
                sections.append(NoteSection(current_id, path.name, "\n".join(body)))
            current_id, body = (match["id"] if match else f"<no id: {line}>"), []
        elif current_id is None:
            preamble.append(line)
        else:
            body.append(line)
    if current_id is not None:
        sections.append(NoteSection(current_id, path.name, "\n".join(body)))
    return "\n".join(preamble), sections


def all_sections() -> list[NoteSection]:
    return [s for path in note_files() for s in split_note(path)[1]]


def section_text() -> dict[str, str]:
    return {s.id: s.body for s in all_sections()}


def load_facts(name: str):
    return yaml.safe_load((FACTS / name).read_text(encoding="utf-8"))


def stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def unsupported_words(statement: str, section_body: str) -> list[str]:
    """Content words of a card statement that its section never uses (ignoring simple suffixes)."""
    present = {stem(w) for w in words(section_body)}
    return [w for w in words(statement) if w not in STOPWORDS and stem(w) not in present]


def shared_ngrams(text: str, other: str, n: int = 8) -> set[tuple[str, ...]]:
    """Runs of n consecutive normalised words that occur in both texts."""
    a, b = words(text), words(other)
    grams = {tuple(b[i : i + n]) for i in range(len(b) - n + 1)}
    return {tuple(a[i : i + n]) for i in range(len(a) - n + 1)} & grams


# --- card schema validation -------------------------------------------------------------------


def _require(card: dict, fields: dict[str, type], where: str) -> list[str]:
    errors = []
    for field, kind in fields.items():
        if field not in card:
            errors.append(f"{where}: missing field {field!r}")
        elif not isinstance(card[field], kind) or (kind is str and not card[field].strip()):
            errors.append(f"{where}: field {field!r} must be a non-empty {kind.__name__}")
    return errors


def service_card_errors(cards: list, sections: set[str]) -> list[str]:
    """Problems in services.yaml cards, each naming the card and field."""
    errors: list[str] = []
    ids = [c.get("id") for c in cards if isinstance(c, dict)]
    fields = {"id": str, "name": str, "aliases": list, "category": str, "purpose": str,
              "features": list, "not_for": list, "confused_with": list, "section": str}
    for index, card in enumerate(cards):
        where = f"services.yaml[{index}] {card.get('id', '?') if isinstance(card, dict) else '?'}"
        if not isinstance(card, dict):
            errors.append(f"{where}: a card must be a mapping")
            continue
        errors += _require(card, fields, where)
        if errors and errors[-1].startswith(where):
            continue
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", card["id"]):
            errors.append(f"{where}: id must be lowercase words joined by hyphens")
        if card["category"] not in SERVICE_CATEGORIES:
            errors.append(f"{where}: unknown category {card['category']!r}")
        if not 3 <= len(card["features"]) <= 6:
            errors.append(f"{where}: needs 3-6 features, has {len(card['features'])}")
        if not 1 <= len(card["not_for"]) <= 3:
            errors.append(f"{where}: needs 1-3 not_for entries, has {len(card['not_for'])}")
        for other in card["confused_with"]:
            if other not in ids or other == card["id"]:
                errors.append(f"{where}: confused_with names unknown card {other!r}")
        if card["section"] not in sections:
            errors.append(f"{where}: section {card['section']!r} does not exist")
    duplicates = {i for i in ids if ids.count(i) > 1}
    errors += [f"services.yaml: id {i!r} is used more than once" for i in sorted(duplicates)]
    return errors


def responsibility_errors(items: list, sections: set[str]) -> list[str]:
    errors: list[str] = []
    fields = {"id": str, "item": str, "owner": str, "service": str, "service_type": str, "section": str}
    ids = [c.get("id") for c in items if isinstance(c, dict)]
    for index, card in enumerate(items):
        where = f"shared_responsibility.yaml[{index}] {card.get('id', '?')}"
        missing = _require(card, fields, where)
        errors += missing
        if missing:
            continue
        if card["owner"] not in OWNERS:
            errors.append(f"{where}: owner must be one of {sorted(OWNERS)}, not {card['owner']!r}")
        if card["service"] not in SRM_SERVICES:
            errors.append(f"{where}: unknown service {card['service']!r}")
        elif card["service_type"] != SERVICE_TYPE_OF[card["service"]]:
            errors.append(f"{where}: service {card['service']!r} has service_type {SERVICE_TYPE_OF[card['service']]!r}")
        if card["section"] not in sections:
            errors.append(f"{where}: section {card['section']!r} does not exist")
    errors += [f"shared_responsibility.yaml: id {i!r} is used more than once" for i in sorted({i for i in ids if ids.count(i) > 1})]
    return errors


def identity_errors(data: dict, sections: set[str]) -> list[str]:
    errors: list[str] = []
    types = data.get("identity_types", [])
    practices = data.get("best_practices", [])
    type_ids = [t.get("id") for t in types]
    for index, card in enumerate(types):
        where = f"identity.yaml identity_types[{index}] {card.get('id', '?')}"
        missing = _require(card, {"id": str, "name": str, "definition": str, "credentials": str,
                                  "use_for": list, "not_for": list, "section": str}, where)
        errors += missing
        if missing:
            continue
        if card["credentials"] not in CREDENTIALS:
            errors.append(f"{where}: credentials must be one of {sorted(CREDENTIALS)}")
        if card["section"] not in sections:
            errors.append(f"{where}: section {card['section']!r} does not exist")
    practice_ids = [p.get("id") for p in practices]
    for index, card in enumerate(practices):
        where = f"identity.yaml best_practices[{index}] {card.get('id', '?')}"
        missing = _require(card, {"id": str, "practice": str, "rationale": str, "applies_to": str, "section": str}, where)
        errors += missing
        if missing:
            continue
        if card["applies_to"] != "account" and card["applies_to"] not in type_ids:
            errors.append(f"{where}: applies_to {card['applies_to']!r} is neither 'account' nor an identity type")
        if card["section"] not in sections:
            errors.append(f"{where}: section {card['section']!r} does not exist")
    for label, ids in (("identity_types", type_ids), ("best_practices", practice_ids)):
        errors += [f"identity.yaml {label}: id {i!r} is used more than once" for i in sorted({i for i in ids if ids.count(i) > 1})]
    return errors


def concept_errors(items: list, sections: set[str]) -> list[str]:
    errors: list[str] = []
    ids = [c.get("id") for c in items]
    for index, card in enumerate(items):
        where = f"concepts.yaml[{index}] {card.get('id', '?')}"
        missing = _require(card, {"id": str, "term": str, "definition": str, "category": str, "section": str}, where)
        errors += missing
        if missing:
            continue
        if card["category"] not in CONCEPT_CATEGORIES:
            errors.append(f"{where}: unknown category {card['category']!r}")
        if card["section"] not in sections:
            errors.append(f"{where}: section {card['section']!r} does not exist")
    errors += [f"concepts.yaml: id {i!r} is used more than once" for i in sorted({i for i in ids if ids.count(i) > 1})]
    return errors


# --- notes ------------------------------------------------------------------------------------


def test_note_files_are_exactly_those_in_the_readme_table():
    assert [p.name for p in note_files()] == sorted(readme_table())


def test_each_file_has_the_readme_section_ids_in_order():
    for name, ids in readme_table().items():
        _, sections = split_note(CORPUS / name)
        assert [s.id for s in sections] == ids, name


def test_every_readme_section_id_is_a_heading_exactly_once_and_no_other_ids_exist():
    expected = [i for ids in readme_table().values() for i in ids]
    found = [s.id for s in all_sections()]
    assert sorted(found) == sorted(expected)
    assert len(set(found)) == len(found)


def test_each_file_starts_with_a_topic_title_and_at_most_one_intro_paragraph():
    for path in note_files():
        preamble, _ = split_note(path)
        lines = preamble.strip().splitlines()
        assert re.fullmatch(r"# \S.*", lines[0]), path.name
        paragraphs = [p for p in "\n".join(lines[1:]).split("\n\n") if p.strip()]
        assert len(paragraphs) <= 1, path.name


@pytest.mark.parametrize("section", all_sections(), ids=lambda s: s.id)
def test_section_has_60_to_300_words(section):
    assert 60 <= len(words(section.body)) <= 300


def test_notes_total_5000_to_9000_words():
    total = sum(len(words(p.read_text(encoding="utf-8"))) for p in note_files())
    assert 5000 <= total <= 9000


def test_no_run_of_eight_words_in_the_corpus_or_eval_sets_is_shared_with_the_seed():
    seed = paths.project_root().parent / "shared/seed/module-6-security.md"
    if not seed.exists():
        pytest.skip(f"seed text not found at {seed}")
    seed_text = seed.read_text(encoding="utf-8")
    # Everything written in our own words: notes, fact cards, scenarios, the quiz bank and the eval sets.
    root = paths.project_root()
    written = sorted(
        p
        for p in [*CORPUS.rglob("*"), *(root / "evals").glob("*.jsonl")]
        if p.is_file() and p.suffix in {".md", ".yaml", ".yml", ".jsonl"}
    )
    shared = {
        str(p.relative_to(root)): sorted(" ".join(g) for g in shared_ngrams(p.read_text(encoding="utf-8"), seed_text))
        for p in written
    }
    assert {name: grams for name, grams in shared.items() if grams} == {}


def test_shared_ngrams_finds_an_eight_word_run_regardless_of_case_and_punctuation():
    copied = "Intro. The Quick, brown fox jumps over the lazy dog today! End."
    source = "the quick brown fox jumps over the lazy dog today"
    assert shared_ngrams(copied, source) == {
        ("the", "quick", "brown", "fox", "jumps", "over", "the", "lazy"),
        ("quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog"),
        ("brown", "fox", "jumps", "over", "the", "lazy", "dog", "today"),
    }
    assert shared_ngrams("the quick brown fox jumps over the cat", source) == set()


# --- fact cards -------------------------------------------------------------------------------


def test_service_cards_match_the_schema():
    assert service_card_errors(load_facts("services.yaml"), set(section_text())) == []


def test_service_card_validation_names_each_fault():
    cards = [
        {"id": "waf", "name": "AWS WAF", "aliases": [], "category": "firewall", "purpose": "Filters requests.",
         "features": ["a", "b"], "not_for": ["x"], "confused_with": ["shield"], "section": "ddos-nope"},
        {"id": "kms", "name": "AWS KMS", "aliases": []},
    ]
    assert service_card_errors(cards, {"ddos-waf"}) == [
        "services.yaml[0] waf: unknown category 'firewall'",
        "services.yaml[0] waf: needs 3-6 features, has 2",
        "services.yaml[0] waf: confused_with names unknown card 'shield'",
        "services.yaml[0] waf: section 'ddos-nope' does not exist",
        "services.yaml[1] kms: missing field 'category'",
        "services.yaml[1] kms: missing field 'purpose'",
        "services.yaml[1] kms: missing field 'features'",
        "services.yaml[1] kms: missing field 'not_for'",
        "services.yaml[1] kms: missing field 'confused_with'",
        "services.yaml[1] kms: missing field 'section'",
    ]


def test_every_service_the_module_teaches_has_a_card():
    ids = {c["id"] for c in load_facts("services.yaml")}
    assert {
        "iam", "iam-identity-center", "sts", "organizations", "artifact", "customer-compliance-center",
        "shield-standard", "shield-advanced", "waf", "security-groups", "elb", "kms", "cloudhsm", "acm",
        "inspector", "guardduty", "cloudtrail", "security-hub", "macie", "secrets-manager", "cognito",
        "detective", "firewall-manager",
    } <= ids


def test_no_two_service_cards_share_a_purpose_or_feature():
    cards = load_facts("services.yaml")
    statements = [s.lower() for c in cards for s in [c["purpose"], *c["features"]]]
    assert len(statements) == len(set(statements))


def test_card_statements_use_the_words_of_their_section():
    """Purpose, features, definitions and items may only rephrase lightly what their section says."""
    text = section_text()
    statements = [(c["id"], s, c["section"]) for c in load_facts("services.yaml") for s in [c["purpose"], *c["features"]]]
    statements += [(c["id"], c["item"], c["section"]) for c in load_facts("shared_responsibility.yaml")]
    statements += [(c["id"], c["definition"], c["section"]) for c in load_facts("concepts.yaml")]
    identity = load_facts("identity.yaml")
    statements += [(c["id"], c["definition"], c["section"]) for c in identity["identity_types"]]
    statements += [(c["id"], c["practice"], c["section"]) for c in identity["best_practices"]]
    weak = {}
    for card_id, statement, section in statements:
        content = [w for w in words(statement) if w not in STOPWORDS]
        missing = unsupported_words(statement, text[section])
        if len(missing) > max(1, len(content) // 4):
            weak[f"{card_id}: {statement}"] = missing
    assert weak == {}


def test_shared_responsibility_cards_match_the_schema_and_cover_every_service():
    items = load_facts("shared_responsibility.yaml")
    assert responsibility_errors(items, set(section_text())) == []
    assert len(items) >= 45
    assert {i["service"] for i in items} == SRM_SERVICES
    assert {i["owner"] for i in items} == OWNERS


@pytest.mark.parametrize(
    ("item_id", "owner"),
    [
        ("ec2-guest-os-patching", "customer"),
        ("rds-engine-patching", "aws"),
        ("lambda-runtime-patching", "aws"),
        ("security-group-rules", "customer"),
        ("physical-data-centre-security", "aws"),
        ("iam-management", "customer"),
        ("patch-management", "shared"),
    ],
)
def test_classic_shared_responsibility_traps_have_the_right_owner(item_id, owner):
    items = {i["id"]: i for i in load_facts("shared_responsibility.yaml")}
    assert items[item_id]["owner"] == owner


def test_responsibility_validation_rejects_a_wrong_service_type():
    item = {"id": "x", "item": "Patching", "owner": "amazon", "service": "rds", "service_type": "abstracted", "section": "srm-by-service"}
    assert responsibility_errors([item], {"srm-by-service"}) == [
        "shared_responsibility.yaml[0] x: owner must be one of ['aws', 'customer', 'shared'], not 'amazon'",
        "shared_responsibility.yaml[0] x: service 'rds' has service_type 'container'",
    ]


def test_identity_cards_match_the_schema():
    data = load_facts("identity.yaml")
    assert identity_errors(data, set(section_text())) == []
    assert {t["id"] for t in data["identity_types"]} == {"root-user", "iam-user", "iam-group", "iam-role", "federated-identity"}
    assert len(data["best_practices"]) >= 12


def test_identity_credentials_follow_the_notes():
    types = {t["id"]: t["credentials"] for t in load_facts("identity.yaml")["identity_types"]}
    assert types == {"root-user": "long-term", "iam-user": "long-term", "iam-group": "none",
                     "iam-role": "temporary", "federated-identity": "temporary"}


def test_concept_cards_match_the_schema_and_span_every_category():
    items = load_facts("concepts.yaml")
    assert concept_errors(items, set(section_text())) == []
    assert len(items) >= 35
    assert {c["category"] for c in items} == CONCEPT_CATEGORIES
