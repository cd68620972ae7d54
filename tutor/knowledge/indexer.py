"""Keeps the index in step with the corpus and the learner's ingested files, incrementally.

Chunk ids are content hashes, so a chunk whose text and metadata did not change is never
embedded again; chunks that disappeared are deleted. A manifest records the embedding model
and `CHUNKING_VERSION`; when either differs, everything is rebuilt.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from langchain_core.documents import Document

from tutor import paths
from tutor.knowledge.chunking import CHUNKING_VERSION, chunk_corpus_file, chunk_user_markdown
from tutor.knowledge.corpus import corpus_files
from tutor.knowledge.embedder import TextEmbedder
from tutor.knowledge.sentence_index import SentenceIndex
from tutor.knowledge.sentences import answer_units, unit_in_context
from tutor.knowledge.store import ChunkStore
from tutor.knowledge.user_sources import stored_sources

MANIFEST = "manifest.json"

_BATCH = 32


class IndexProgress(Protocol):
    """Receives progress while chunks are embedded (the CLI shows a rich progress bar)."""

    def start(self, total: int, description: str) -> None: ...
    def advance(self, n: int) -> None: ...
    def finish(self) -> None: ...


@dataclass(frozen=True)
class IndexReport:
    """What one sync did."""

    added: int
    removed: int
    unchanged: int
    rebuilt: bool
    seconds: float

    @property
    def changed(self) -> bool:
        return self.added > 0 or self.removed > 0 or self.rebuilt


def user_chunks(folder: Path | None = None) -> list[Document]:
    """Chunks of every file the learner ingested."""
    chunks: list[Document] = []
    for source, text_file in stored_sources(folder):
        chunks.extend(chunk_user_markdown(text_file.read_text(encoding="utf-8"), source.name, source.id, source.label))
    return chunks


def desired_chunks(corpus_dir: Path | None = None, ingested_dir: Path | None = None) -> list[Document]:
    """Every chunk the index should hold: the bundled corpus, then the learner's files."""
    chunks = [c for path in corpus_files(corpus_dir) for c in chunk_corpus_file(path)]
    return chunks + user_chunks(ingested_dir)


class Indexer:
    """Brings the Chroma store and the sentence index up to date with the desired chunks."""

    def __init__(
        self,
        store: ChunkStore,
        model_name: str,
        embedder: Callable[[], TextEmbedder],
        folder: Path | None = None,
    ) -> None:
        self.store = store
        self.model_name = model_name
        self._embedder = embedder  # a factory: a no-op sync never loads the model
        self.folder = folder or paths.index_dir()

    def _read_manifest(self) -> dict:
        try:
            return json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _write_manifest(self, count: int) -> None:
        manifest = {"embedding_model": self.model_name, "chunking_version": CHUNKING_VERSION, "chunks": count}
        tmp = self.folder / f".{MANIFEST}.tmp"
        tmp.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        os.replace(tmp, self.folder / MANIFEST)

    def needs_rebuild(self) -> bool:
        """True when the index was built with another model or chunking, or never built."""
        manifest = self._read_manifest()
        return (
            manifest.get("embedding_model") != self.model_name
            or manifest.get("chunking_version") != CHUNKING_VERSION
        )

    def is_current(self, chunks: list[Document] | None = None) -> bool:
        """True when a sync would change nothing."""
        chunks = desired_chunks() if chunks is None else chunks
        if self.needs_rebuild():
            return False
        wanted = {c.id for c in chunks}
        return self.store.ids() == wanted and SentenceIndex.load(self.folder).chunk_ids() == wanted

    def sync(
        self, chunks: list[Document] | None = None, *, rebuild: bool = False, progress: IndexProgress | None = None
    ) -> IndexReport:
        """Embed new chunks, delete removed ones; `rebuild` starts from empty."""
        began = time.perf_counter()
        chunks = desired_chunks() if chunks is None else chunks
        rebuild = rebuild or self.needs_rebuild()
        sentences = SentenceIndex.load(self.folder)
        if rebuild:
            self.store.reset()
            sentences.clear()
        wanted = {c.id: c for c in chunks}
        present = self.store.ids()
        removed = present - wanted.keys()
        to_add = [c for c in chunks if c.id not in present]
        missing_units = [c for c in chunks if c.id not in sentences]

        self.store.delete(sorted(removed))
        sentences.discard(sentences.chunk_ids() - wanted.keys())
        if to_add or missing_units:
            embedder = self._embedder()
            if progress:
                progress.start(len(to_add) + len(missing_units), "Indexing the course notes")
            for start in range(0, len(to_add), _BATCH):
                batch = to_add[start : start + _BATCH]
                self.store.add(batch)
                if progress:
                    progress.advance(len(batch))
            for start in range(0, len(missing_units), _BATCH):
                batch = missing_units[start : start + _BATCH]
                units = [answer_units(c.page_content) for c in batch]
                flat = [
                    unit_in_context(chunk.metadata.get("title", ""), u)
                    for chunk, group in zip(batch, units, strict=True)
                    for u in group
                ]
                vectors = embedder.embed(flat)
                offset = 0
                for chunk, group in zip(batch, units, strict=True):
                    sentences.put(chunk.id, group, vectors[offset : offset + len(group)])
                    offset += len(group)
                if progress:
                    progress.advance(len(batch))
            if progress:
                progress.finish()
        if to_add or missing_units or removed or rebuild:
            sentences.save()
        self._write_manifest(len(wanted))
        return IndexReport(
            added=len(to_add),
            removed=len(removed),
            unchanged=len(wanted) - len(to_add),
            rebuilt=rebuild,
            seconds=time.perf_counter() - began,
        )
