"""Loading the corpus notes into sections with stable ids."""

from __future__ import annotations

import pytest

from tutor.knowledge.corpus import CorpusError, load_sections, parse_sections

NOTE = """# iam

An introduction that belongs to no section.

## Multi-factor authentication {#iam-mfa}

MFA asks for a second proof of identity.

- A code from an app.

## IAM roles {#iam-roles}

A role gives temporary credentials.
"""


def test_parse_sections_reads_ids_titles_topic_and_bodies():
    sections = parse_sections(NOTE, "corpus/02-iam.md")
    assert [(s.id, s.title, s.topic, s.file) for s in sections] == [
        ("iam-mfa", "Multi-factor authentication", "iam", "corpus/02-iam.md"),
        ("iam-roles", "IAM roles", "iam", "corpus/02-iam.md"),
    ]
    assert sections[0].text == "MFA asks for a second proof of identity.\n\n- A code from an app."
    assert sections[1].text == "A role gives temporary credentials."


def test_heading_without_id_is_reported_with_file_and_line():
    with pytest.raises(CorpusError, match=r"corpus/x\.md:3: section heading has no id"):
        parse_sections("# x\n\n## No id here\n\ntext\n", "corpus/x.md")


def test_load_sections_skips_readme_and_rejects_duplicate_ids(tmp_path):
    (tmp_path / "README.md").write_text("## Not material {#readme}\n\nignored\n")
    (tmp_path / "01-a.md").write_text("# a\n\n## One {#same}\n\nfirst\n")
    assert [s.id for s in load_sections(tmp_path)] == ["same"]
    (tmp_path / "02-b.md").write_text("# b\n\n## Two {#same}\n\nsecond\n")
    with pytest.raises(CorpusError, match=r"02-b\.md: section id 'same' is already used in corpus/01-a\.md"):
        load_sections(tmp_path)
