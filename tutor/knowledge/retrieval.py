"""Hybrid retrieval: dense search in Chroma, BM25, and the best single sentence, fused by RRF.

Whole-chunk embeddings blur a section's one relevant sentence among the rest ("Patch management"
in a list of shared controls); ranking chunks by their closest quotable unit as well keeps such
sections in reach. The unit vectors are precomputed by the indexer, so this costs one matrix product.

Results are one chunk per section (its best-ranked chunk), so `k` counts distinct sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from langchain_core.documents import Document

from tutor.knowledge.embedder import TextEmbedder
from tutor.knowledge.lexical import LexicalIndex, tokenize
from tutor.knowledge.sentence_index import SentenceIndex
from tutor.knowledge.sentences import answer_units, unit_in_context
from tutor.knowledge.store import ChunkStore

RRF_K = 60
"""The usual RRF constant: damps the difference between neighbouring ranks."""

CANDIDATES = 20
"""How many chunks each of dense and BM25 search contributes before fusion."""

_RANKINGS = 3  # dense chunks, BM25, best unit
_BEST_FUSED = _RANKINGS / (RRF_K + 1)  # ranked first by every search; used to scale fused scores to 0..1


@dataclass(frozen=True)
class RetrievedChunk:
    """One retrieved chunk, standing for its section."""

    id: str
    section_id: str
    title: str
    source: str
    text: str
    score: float
    """Fused RRF score scaled so that first place in every search is 1.0."""
    origin: Literal["corpus", "user"]


@dataclass
class Retrieval:
    """A search with the signals the answerer needs to judge its confidence."""

    query: str
    query_vector: np.ndarray
    chunks: list[RetrievedChunk]
    dense: list[tuple[str, float]] = field(default_factory=list)
    """(chunk id, cosine) from the vector store, best first."""
    lexical: list[tuple[str, float]] = field(default_factory=list)
    """(chunk id, BM25 score), best first."""
    by_unit: list[tuple[str, float]] = field(default_factory=list)
    """(chunk id, cosine of its closest unit), best first."""
    query_terms: list[str] = field(default_factory=list)
    known_terms: list[str] = field(default_factory=list)
    """Query terms that occur somewhere in the indexed text."""
    named_terms: list[str] = field(default_factory=list)
    """Terms of the question's names: capitalised words not opening a sentence, and acronyms."""
    unknown_named_terms: list[str] = field(default_factory=list)
    """Named terms the indexed text never uses, e.g. a product the module does not cover."""

    @property
    def top_cosine(self) -> float:
        return self.dense[0][1] if self.dense else 0.0

    @property
    def named_coverage(self) -> float:
        """Share of the question's named terms that the indexed text contains (1.0 when it names nothing)."""
        if not self.named_terms:
            return 1.0
        return 1.0 - len(self.unknown_named_terms) / len(self.named_terms)

    @property
    def term_coverage(self) -> float:
        """Share of the question's content terms that the indexed text contains at all."""
        return len(self.known_terms) / len(self.query_terms) if self.query_terms else 0.0


_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]*|[.!?]")


def named_terms(question: str) -> list[str]:
    """Content terms of the names in a question: "SageMaker", "DMS", "Route" of "Route 53".

    A word counts when it has a capital after its first letter, or starts with a capital
    without opening a sentence. Words of one or two letters ("OK", "OS") are too ambiguous.
    """
    names: list[str] = []
    sentence_start = True
    for word in _WORD.findall(question):
        if word in ".!?":
            sentence_start = True
            continue
        inner_capital = any(c.isupper() for c in word[1:])
        if len(word) > 2 and (inner_capital or (word[0].isupper() and not sentence_start)):
            names.extend(tokenize(word))
        sentence_start = False
    return list(dict.fromkeys(names))


def fuse(rankings: list[list[str]], k: int = RRF_K) -> dict[str, float]:
    """Reciprocal rank fusion: sum of 1 / (k + rank) over the rankings that contain each id."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return fused


class HybridRetriever:
    """Dense + BM25 retrieval over every stored chunk (corpus and the learner's files)."""

    def __init__(self, store: ChunkStore, embedder: TextEmbedder, sentences: SentenceIndex) -> None:
        self.store = store
        self.embedder = embedder
        self.sentences = sentences
        self.refresh()

    def refresh(self) -> None:
        """Reload the chunk list and rebuild BM25 (after indexing or ingesting)."""
        self._chunks: dict[str, Document] = {d.id: d for d in self.store.all_chunks()}
        ids = list(self._chunks)
        self.lexical = LexicalIndex(ids, [self._lexical_text(self._chunks[i]) for i in ids])
        self._by_section: dict[str, list[Document]] = {}
        for doc in self._chunks.values():
            self._by_section.setdefault(doc.metadata["section_id"], []).append(doc)
        owners: list[int] = []
        blocks: list[np.ndarray] = []
        for position, chunk_id in enumerate(ids):
            units, vectors = self.units(chunk_id)
            owners.extend([position] * len(units))
            blocks.append(np.asarray(vectors, dtype=np.float32).reshape(len(units), -1))
        self._unit_ids = ids
        self._unit_owner = np.asarray(owners, dtype=np.int64)
        self._unit_matrix = np.vstack(blocks) if owners else None

    def _rank_by_unit(self, vector: np.ndarray, n: int) -> list[tuple[str, float]]:
        """(chunk id, best unit cosine) of the `n` chunks holding the units closest to the query."""
        if self._unit_matrix is None:
            return []
        sims = self._unit_matrix @ np.asarray(vector, dtype=np.float32)
        best = np.full(len(self._unit_ids), -np.inf, dtype=np.float32)
        np.maximum.at(best, self._unit_owner, sims)
        top = np.argsort(-best, kind="stable")[:n]
        return [(self._unit_ids[i], float(best[i])) for i in top if np.isfinite(best[i])]

    @staticmethod
    def _lexical_text(doc: Document) -> str:
        # The title carries the service name even when the body says "it".
        return f"{doc.metadata.get('title', '')}\n{doc.page_content}"

    def __len__(self) -> int:
        return len(self._chunks)

    def chunk(self, chunk_id: str) -> Document | None:
        return self._chunks.get(chunk_id)

    def section_chunks(self, section_id: str) -> list[Document]:
        """Every chunk of a section, in reading order."""
        return sorted(self._by_section.get(section_id, []), key=lambda d: d.metadata.get("chunk_index", 0))

    def sections(self) -> list[tuple[str, str, str, str]]:
        """(section id, title, source, origin) of every indexed section."""
        seen = {}
        for doc in self._chunks.values():
            m = doc.metadata
            seen.setdefault(m["section_id"], (m["section_id"], m["title"], m["source"], m["origin"]))
        return sorted(seen.values(), key=lambda s: (s[3] != "corpus", s[2], s[0]))

    def units(self, chunk_id: str) -> tuple[list[str], np.ndarray]:
        """Quotable units of a chunk with their vectors; embedded now if the index lacks them."""
        entry = self.sentences.get(chunk_id)
        if entry is None:
            doc = self._chunks[chunk_id]
            units = answer_units(doc.page_content)
            title = doc.metadata.get("title", "")
            self.sentences.put(chunk_id, units, self.embedder.embed([unit_in_context(title, u) for u in units]))
            entry = self.sentences.get(chunk_id)
        return entry

    def retrieve(self, query: str, k: int) -> Retrieval:
        """Search both ways, fuse, and keep the best chunk of each of the top `k` sections."""
        vector = self.embedder.embed([query])[0]
        dense = [(i, s) for i, s in self.store.query(vector.tolist(), CANDIDATES) if i in self._chunks]
        lexical = self.lexical.search(query, CANDIDATES)
        by_unit = self._rank_by_unit(vector, CANDIDATES)
        fused = fuse([[i for i, _ in dense], [i for i, _ in lexical], [i for i, _ in by_unit]])
        ranked = sorted(fused.items(), key=lambda item: (-item[1], item[0]))
        chunks: list[RetrievedChunk] = []
        seen_sections: set[str] = set()
        for chunk_id, score in ranked:
            doc = self._chunks[chunk_id]
            section_id = doc.metadata["section_id"]
            if section_id in seen_sections:
                continue
            seen_sections.add(section_id)
            chunks.append(
                RetrievedChunk(
                    id=chunk_id,
                    section_id=section_id,
                    title=doc.metadata["title"],
                    source=doc.metadata["source"],
                    text=doc.page_content,
                    score=round(score / _BEST_FUSED, 4),
                    origin=doc.metadata.get("origin", "corpus"),
                )
            )
            if len(chunks) == k:
                break
        terms = list(dict.fromkeys(tokenize(query)))
        names = named_terms(query)
        return Retrieval(
            query=query,
            query_vector=vector,
            chunks=chunks,
            dense=dense,
            lexical=lexical,
            by_unit=by_unit,
            query_terms=terms,
            known_terms=[t for t in terms if t in self.lexical.vocabulary],
            named_terms=names,
            unknown_named_terms=[t for t in names if t not in self.lexical.vocabulary],
        )

    def search(self, query: str, k: int = 5) -> list[RetrievedChunk]:
        """The top `k` sections for a query, best first."""
        return self.retrieve(query, k).chunks
