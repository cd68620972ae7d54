"""Chunking notes on their headings, with metadata and content-hash ids."""

from __future__ import annotations

from tutor.knowledge.chunking import CHUNK_SIZE, chunk_corpus_markdown, chunk_user_markdown

NOTE = """# ddos

Intro text.

## AWS WAF {#ddos-waf}

AWS WAF filters web requests with rules.

## AWS Shield Standard {#ddos-shield-standard}

Shield Standard is free and automatic.
"""


def test_each_section_becomes_a_chunk_with_its_metadata():
    chunks = chunk_corpus_markdown(NOTE, "corpus/05-ddos.md")
    assert [c.page_content for c in chunks] == [
        "AWS WAF filters web requests with rules.",
        "Shield Standard is free and automatic.",
    ]
    assert chunks[0].metadata == {
        "section_id": "ddos-waf",
        "title": "AWS WAF",
        "source": "corpus/05-ddos.md",
        "topic": "ddos",
        "origin": "corpus",
        "chunk_index": 0,
    }


def test_ids_are_content_hashes_that_change_only_with_the_content():
    first = chunk_corpus_markdown(NOTE, "corpus/05-ddos.md")
    again = chunk_corpus_markdown(NOTE, "corpus/05-ddos.md")
    edited = chunk_corpus_markdown(NOTE.replace("is free", "costs nothing"), "corpus/05-ddos.md")
    assert [c.id for c in first] == [c.id for c in again]
    assert edited[0].id == first[0].id
    assert edited[1].id != first[1].id


def test_long_section_is_split_on_sentence_boundaries():
    sentence = "Amazon GuardDuty reads flow logs and DNS logs to find threats in the account."
    body = " ".join(f"{sentence[:-1]} number {i}." for i in range(30))
    chunks = chunk_corpus_markdown(f"# t\n\n## Long {{#long}}\n\n{body}\n", "corpus/t.md")
    assert len(chunks) > 1
    assert [c.metadata["chunk_index"] for c in chunks] == list(range(len(chunks)))
    for chunk in chunks:
        assert len(chunk.page_content) <= CHUNK_SIZE
        assert chunk.page_content.startswith("Amazon GuardDuty") and chunk.page_content.endswith(".")


def test_user_markdown_sections_are_named_after_file_and_heading():
    chunks = chunk_user_markdown(
        "Loose text.\n\n# My notes\n\nKMS keys.\n\n## Keys\n\nRotate.\n\n# Other notes\n\n## Keys\n\nAgain.", "n.md"
    )
    assert [(c.metadata["section_id"], c.metadata["title"], c.metadata["origin"]) for c in chunks] == [
        ("user:n.md#n-md", "n.md", "user"),
        ("user:n.md#my-notes", "My notes", "user"),
        ("user:n.md#keys", "Keys", "user"),
        ("user:n.md#keys-2", "Keys", "user"),
    ]


def test_user_sections_carry_the_source_id_and_cite_the_source_label():
    chunks = chunk_user_markdown("Loose text.\n\n# Keys\n\nRotate.", "n.md", "n.md@1a2b3c4d", "n.md (from a/)")
    assert [(c.metadata["section_id"], c.metadata["title"], c.metadata["source"]) for c in chunks] == [
        ("user:n.md@1a2b3c4d#n-md", "n.md", "n.md (from a/)"),
        ("user:n.md@1a2b3c4d#keys", "Keys", "n.md (from a/)"),
    ]
