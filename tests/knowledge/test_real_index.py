"""Integration: the real model, Chroma on disk and a Chroma server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import chromadb
import numpy as np
from chromadb.config import Settings
import pytest

from tutor.config import get_settings
from tutor.knowledge.embedder import LangChainEmbeddings
from tutor.knowledge.indexer import Indexer, desired_chunks
from tutor.knowledge.retrieval import HybridRetriever
from tutor.knowledge.sentence_index import SentenceIndex
from tutor.knowledge.store import ChunkStore, open_client

pytestmark = pytest.mark.slow

NOTES = """# ddos

## AWS WAF {#ddos-waf}

AWS WAF is a web application firewall that filters HTTP requests with rules. A rate-based rule blocks an address that sends too many requests.

## AWS Shield Standard {#ddos-shield-standard}

AWS Shield Standard protects every AWS customer from common network and transport layer DDoS attacks at no extra cost.
"""

ENCRYPTION = """# encryption

## AWS KMS {#enc-kms}

AWS Key Management Service creates and controls the cryptographic keys used to encrypt data.
"""


class CountingEmbedder:
    """Wraps the real model and records every text it is asked to embed."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name = inner.name
        self.embedded: list[str] = []

    def embed(self, texts):
        self.embedded.extend(texts)
        return self.inner.embed(texts)


def _indexer(embedder, client=None) -> Indexer:
    return Indexer(ChunkStore(LangChainEmbeddings(embedder), client=client), embedder.name, lambda: embedder)


def test_real_model_vectors_are_unit_length_and_rank_meaning(real_embedder):
    vectors = real_embedder.embed(["encrypt data with keys", "KMS manages cryptographic keys", "a slow loris attack"])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_on_disk_index_is_incremental_with_the_real_model(tmp_path, real_embedder):
    (tmp_path / "05-ddos.md").write_text(NOTES)
    (tmp_path / "06-encryption.md").write_text(ENCRYPTION)
    embedder = CountingEmbedder(real_embedder)
    first = _indexer(embedder).sync(desired_chunks(tmp_path))
    assert (first.added, first.rebuilt) == (3, True)

    embedder.embedded.clear()
    again = _indexer(embedder).sync(desired_chunks(tmp_path))
    assert (again.added, again.removed, again.unchanged) == (0, 0, 3)
    assert embedder.embedded == []

    (tmp_path / "06-encryption.md").write_text(ENCRYPTION.replace("encrypt data", "encrypt and decrypt data"))
    changed = _indexer(embedder).sync(desired_chunks(tmp_path))
    assert (changed.added, changed.removed, changed.unchanged) == (1, 1, 2)
    sentence = "AWS Key Management Service creates and controls the cryptographic keys used to encrypt and decrypt data."
    assert embedder.embedded == [sentence, f"AWS KMS: {sentence}"]  # the chunk, then its sentence after its title

    retriever = HybridRetriever(ChunkStore(LangChainEmbeddings(real_embedder)), real_embedder, SentenceIndex.load(
        Path(os.environ["TUTOR_HOME"]) / "data" / "index"))
    assert [r.section_id for r in retriever.search("Which service manages encryption keys?", k=1)] == ["enc-kms"]
    assert retriever.search("How do I stop one address sending too many requests?", k=1)[0].section_id == "ddos-waf"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _chroma_binary() -> str:
    beside = Path(sys.executable).parent / "chroma"
    found = str(beside) if beside.exists() else shutil.which("chroma")
    if not found:
        pytest.fail("the chroma command is not installed beside the Python interpreter")
    return found


@pytest.fixture
def chroma_server(tmp_path):
    """A `chroma run` server on a free loopback port, stopped after the test."""
    port = _free_port()
    process = subprocess.Popen(
        [_chroma_binary(), "run", "--path", str(tmp_path / "server-db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                chromadb.HttpClient(host="127.0.0.1", port=port, settings=Settings(anonymized_telemetry=False)).heartbeat()
                break
            except Exception:  # refused until the server listens; the client wraps it in several types
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"chroma run did not start on port {port}")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_index_and_query_through_a_chroma_server(tmp_path, monkeypatch, chroma_server, real_embedder):
    monkeypatch.setenv("TUTOR_CHROMA_URL", chroma_server)
    get_settings.cache_clear()
    client = open_client()  # waits for the heartbeat, through HttpClient
    assert type(client).__name__ != "PersistentClient"
    (tmp_path / "05-ddos.md").write_text(NOTES)
    report = _indexer(real_embedder, client).sync(desired_chunks(tmp_path))
    assert report.added == 2

    store = ChunkStore(LangChainEmbeddings(real_embedder), client=open_client())
    assert store.count() == 2
    hits = store.query(real_embedder.embed(["free protection from network DDoS attacks"])[0].tolist(), 1)
    chunk = next(d for d in store.all_chunks() if d.id == hits[0][0])
    assert chunk.metadata["section_id"] == "ddos-shield-standard"
