"""Fact cards load with per-card error reports; the catalogue validates everything and drops duplicates."""

from __future__ import annotations

from tutor.quiz.catalogue import build_catalogue
from tutor.quiz.facts import load_facts


def test_a_malformed_fact_card_is_reported_with_file_index_and_field_and_skipped(tmp_path):
    (tmp_path / "services.yaml").write_text(
        "- {id: waf, name: AWS WAF, category: network-protection, purpose: Filters web requests., section: ddos-waf}\n"
        "- {id: shield, name: AWS Shield, category: network-protection, section: ddos-shield-standard}\n",
        encoding="utf-8",
    )
    (tmp_path / "shared_responsibility.yaml").write_text(
        "- {id: x, item: Patching, owner: nobody, service: ec2, service_type: infrastructure, section: srm-by-service}\n",
        encoding="utf-8",
    )
    (tmp_path / "identity.yaml").write_text("[1, 2]\n", encoding="utf-8")
    book = load_facts(tmp_path)
    assert [s.id for s in book.services] == ["waf"]
    assert book.responsibilities == []
    assert book.problems == [
        "services.yaml: services[1] skipped (purpose: Field required)",
        "shared_responsibility.yaml: items[0] skipped (owner: Input should be 'aws', 'customer' or 'shared')",
        "identity.yaml: expected a mapping with identity_types and best_practices",
    ]


def test_missing_fact_files_give_an_empty_book_without_problems(tmp_path):
    book = load_facts(tmp_path)
    assert (book.services, book.concepts, book.problems) == ([], [], [])


def test_the_catalogue_validates_every_question_and_collects_load_problems(tiny_corpus):
    (tiny_corpus / "quiz" / "broken.yaml").write_text("- topic: iam\n  kind: single\n", encoding="utf-8")
    catalogue = build_catalogue(tiny_corpus)
    assert catalogue.invalid() == []
    assert len(catalogue.valid_questions()) == len({q.id for q in catalogue.valid_questions()}) == 50
    assert catalogue.load_problems == [
        "broken.yaml:1: question [0] skipped (difficulty: Field required; stem: Field required; options: Field required)"
    ]


def test_a_bank_question_repeated_in_two_files_is_kept_once(tiny_corpus):
    original = (tiny_corpus / "quiz" / "basics.yaml").read_text(encoding="utf-8")
    (tiny_corpus / "quiz" / "copy.yaml").write_text(original, encoding="utf-8")
    stems = [c.question.stem for c in build_catalogue(tiny_corpus).checked]
    assert stems.count("An explicit Deny overrides every Allow.") == 1
