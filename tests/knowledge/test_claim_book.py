"""The claim book loader: one file per topic, every claim checked, bad ones reported and skipped."""

from __future__ import annotations

from pathlib import Path

from tutor.knowledge.claims import Claim, load_claims

GOOD = """\
- id: iam-global
  section: iam-overview
  true:
    - IAM is a global service that is not tied to one Region.
  false:
    - IAM users must be created again in every Region.
  why: IAM identities exist once per account and work in every Region.
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_claim_loads_with_its_topic_from_the_file_name(tmp_path):
    _write(tmp_path, "iam.yaml", GOOD)
    book = load_claims(tmp_path, known_sections={"iam-overview"})
    assert book.problems == []
    assert book.claims == [
        Claim(
            "iam-global", "iam", "iam-overview",
            ("IAM is a global service that is not tied to one Region.",),
            ("IAM users must be created again in every Region.",),
            "IAM identities exist once per account and work in every Region.",
        )
    ]


def test_lines_list_true_then_false_statements_with_their_claim(tmp_path):
    _write(tmp_path, "iam.yaml", GOOD)
    lines = load_claims(tmp_path).lines()
    assert [(text, truth, claim.id) for text, truth, claim in lines] == [
        ("IAM is a global service that is not tied to one Region.", True, "iam-global"),
        ("IAM users must be created again in every Region.", False, "iam-global"),
    ]


def test_a_claim_without_false_lines_is_reported_and_the_rest_still_load(tmp_path):
    broken = GOOD.replace("iam-global", "iam-broken").split("  false:")[0] + "  why: Something true.\n"
    _write(tmp_path, "iam.yaml", broken + GOOD)
    book = load_claims(tmp_path)
    assert [c.id for c in book.claims] == ["iam-global"]
    assert len(book.problems) == 1
    assert book.problems[0].startswith("claims/iam.yaml: claim 1 skipped (false: Field required")


def test_an_unknown_section_and_a_duplicate_id_are_reported_by_file_and_position(tmp_path):
    _write(tmp_path, "iam.yaml", GOOD + GOOD.replace("iam-overview", "iam-nowhere"))
    book = load_claims(tmp_path, known_sections={"iam-overview"})
    assert [c.id for c in book.claims] == ["iam-global"]
    assert book.problems == ["claims/iam.yaml: claim 2 skipped (id 'iam-global' is already used in claims/iam.yaml)"]
    _write(tmp_path, "iam.yaml", GOOD.replace("iam-overview", "iam-nowhere"))
    assert load_claims(tmp_path, known_sections={"iam-overview"}).problems == [
        "claims/iam.yaml: claim 1 (iam-global) skipped (unknown section 'iam-nowhere')"
    ]


def test_a_file_not_named_after_a_topic_is_skipped_with_the_topics_named(tmp_path):
    _write(tmp_path, "billing.yaml", GOOD)
    book = load_claims(tmp_path)
    assert book.claims == []
    assert book.problems[0].startswith("claims/billing.yaml: not a topic of the module (shared-responsibility, iam,")


def test_malformed_yaml_names_the_file_and_line(tmp_path):
    _write(tmp_path, "ddos.yaml", "- id: a\n  true: [unclosed\n")
    book = load_claims(tmp_path)
    assert book.claims == []
    assert book.problems[0].startswith("claims/ddos.yaml:3: not valid YAML")


def test_a_one_word_statement_is_refused(tmp_path):
    _write(tmp_path, "iam.yaml", GOOD.replace("IAM users must be created again in every Region.", "Regional"))
    book = load_claims(tmp_path)
    assert book.claims == []
    assert "statement of 1 words ('Regional'); keep each to 3-40" in book.problems[0]


def test_a_missing_folder_is_an_empty_book(tmp_path):
    book = load_claims(tmp_path / "absent")
    assert (book.claims, book.problems) == ([], [])


def test_the_bundled_claim_book_loads_cleanly_and_covers_every_topic():
    from tutor.knowledge.corpus import load_sections
    from tutor.topics import TOPICS

    book = load_claims(known_sections={s.id for s in load_sections()})
    assert book.problems == []
    assert {c.topic for c in book.claims} == set(TOPICS)
