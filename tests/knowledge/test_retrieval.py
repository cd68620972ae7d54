"""Hybrid retrieval: dense and BM25 rankings fused by reciprocal rank fusion."""

from __future__ import annotations

import pytest

from tutor.answer.service import AnswerService
from tutor.knowledge.hashing_embedder import HashingEmbedder
from tutor.knowledge.retrieval import RetrievedChunk, fuse

NOTES = {
    "05-ddos.md": """# ddos

## AWS WAF {#ddos-waf}

AWS WAF is a web application firewall. It filters HTTP requests with rules that block SQL injection.

## AWS Shield Standard {#ddos-shield-standard}

AWS Shield Standard protects every customer from common network DDoS attacks at no extra cost.
""",
    "06-encryption.md": """# encryption

## AWS KMS {#enc-kms}

AWS KMS creates and manages the encryption keys that protect your data.
""",
}


@pytest.fixture
def retriever(tmp_path):
    for name, text in NOTES.items():
        (tmp_path / name).write_text(text)
    return AnswerService(embedder=HashingEmbedder(), corpus_dir=tmp_path).retriever


def test_fuse_sums_reciprocal_ranks():
    assert fuse([["a", "b"], ["b", "c"]], k=60) == {
        "a": pytest.approx(1 / 61),
        "b": pytest.approx(1 / 62 + 1 / 61),
        "c": pytest.approx(1 / 62),
    }


def test_search_puts_the_section_matching_both_ways_first(retriever):
    results = retriever.search("Which firewall blocks SQL injection in HTTP requests?", k=2)
    assert [r.section_id for r in results] == ["ddos-waf", "ddos-shield-standard"]
    top = results[0]
    assert isinstance(top, RetrievedChunk)
    assert (top.title, top.source, top.origin, top.score) == ("AWS WAF", "corpus/05-ddos.md", "corpus", 1.0)
    assert top.text.startswith("AWS WAF is a web application firewall.")


def test_k_counts_distinct_sections(retriever):
    assert len(retriever.search("encryption keys", k=1)) == 1
    assert len({r.section_id for r in retriever.search("encryption keys", k=3)}) == 3


def test_retrieval_reports_term_coverage(retriever):
    retrieval = retriever.retrieve("sourdough encryption", k=3)
    assert retrieval.query_terms == ["sourdough", "encryption"]
    assert retrieval.known_terms == ["encryption"]
    assert retrieval.term_coverage == 0.5


def test_each_chunk_is_also_ranked_by_its_closest_sentence(retriever):
    query = "Which firewall blocks SQL injection?"
    retrieval = retriever.retrieve(query, k=3)
    q = retriever.embedder.embed([query])[0]
    waf = next(d for d in retriever.section_chunks("ddos-waf"))
    units, vectors = retriever.units(waf.id)
    assert units == [
        "AWS WAF is a web application firewall.",
        "It filters HTTP requests with rules that block SQL injection.",
    ]
    assert retrieval.by_unit[0] == (waf.id, pytest.approx(float(max(vectors @ q)), abs=1e-5))
    assert [cosine for _, cosine in retrieval.by_unit] == sorted((c for _, c in retrieval.by_unit), reverse=True)
    assert len(retrieval.by_unit) == 3  # every chunk of this small index, best first
