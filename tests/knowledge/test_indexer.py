"""Incremental indexing into Chroma on disk: only new or changed chunks are embedded."""

from __future__ import annotations

import json

from tutor import paths
from tutor.knowledge.chunking import CHUNKING_VERSION
from tutor.knowledge.hashing_embedder import HashingEmbedder
from tutor.knowledge.indexer import Indexer, desired_chunks
from tutor.knowledge.store import ChunkStore
from tutor.knowledge.embedder import LangChainEmbeddings

IAM = "# iam\n\n## IAM roles {#iam-roles}\n\nA role gives temporary credentials.\n\n## MFA {#iam-mfa}\n\nMFA adds a second factor.\n"
ORG = "# organizations\n\n## SCPs {#org-scps}\n\nAn SCP sets the maximum permissions.\n"


def _indexer(embedder: HashingEmbedder) -> Indexer:
    return Indexer(ChunkStore(LangChainEmbeddings(embedder)), embedder.name, lambda: embedder)


def _write(folder, name, text):
    (folder / name).write_text(text)


def test_first_sync_embeds_everything_and_a_second_embeds_nothing(tmp_path):
    _write(tmp_path, "02-iam.md", IAM)
    embedder = HashingEmbedder()
    first = _indexer(embedder).sync(desired_chunks(tmp_path))
    assert (first.added, first.removed, first.rebuilt) == (2, 0, True)
    # each chunk once for Chroma, each sentence once (after its section title) for the sentence index
    assert embedder.embedded == [
        "A role gives temporary credentials.",
        "MFA adds a second factor.",
        "IAM roles: A role gives temporary credentials.",
        "MFA: MFA adds a second factor.",
    ]
    embedder.embedded.clear()
    second = _indexer(embedder).sync(desired_chunks(tmp_path))
    assert (second.added, second.removed, second.unchanged, second.rebuilt) == (0, 0, 2, False)
    assert embedder.embedded == []
    manifest = json.loads((paths.index_dir() / "manifest.json").read_text())
    assert manifest == {"embedding_model": "hashing-bow", "chunking_version": CHUNKING_VERSION, "chunks": 2}


def test_changed_section_reembeds_only_its_chunk_and_removed_files_are_deleted(tmp_path):
    _write(tmp_path, "02-iam.md", IAM)
    _write(tmp_path, "03-organizations.md", ORG)
    embedder = HashingEmbedder()
    _indexer(embedder).sync(desired_chunks(tmp_path))
    embedder.embedded.clear()

    _write(tmp_path, "02-iam.md", IAM.replace("a second factor", "a one-time code"))
    (tmp_path / "03-organizations.md").unlink()
    indexer = _indexer(embedder)
    report = indexer.sync(desired_chunks(tmp_path))
    assert (report.added, report.removed, report.unchanged) == (1, 2, 1)
    assert embedder.embedded == ["MFA adds a one-time code.", "MFA: MFA adds a one-time code."]
    stored = {d.metadata["section_id"]: d.page_content for d in indexer.store.all_chunks()}
    assert stored == {"iam-roles": "A role gives temporary credentials.", "iam-mfa": "MFA adds a one-time code."}


def test_a_different_embedding_model_rebuilds_the_index(tmp_path):
    _write(tmp_path, "02-iam.md", IAM)
    _indexer(HashingEmbedder()).sync(desired_chunks(tmp_path))
    other = HashingEmbedder(name="another-model")
    indexer = _indexer(other)
    assert indexer.needs_rebuild()
    report = indexer.sync(desired_chunks(tmp_path))
    assert (report.added, report.rebuilt) == (2, True)
    assert len(other.embedded) == 4
    assert indexer.is_current(desired_chunks(tmp_path))
