"""The Chroma vector store of chunks: on disk in the data dir, or a Chroma server when `chroma_url` is set."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings

from tutor import paths
from tutor.config import get_settings

COLLECTION = "tutor_chunks"


class StoreError(RuntimeError):
    """The vector store could not be opened or reached."""


def open_client() -> Any:
    """A Chroma client: `HttpClient` for a configured server, else `PersistentClient` in the index dir."""
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False)
    url = get_settings().chroma_url
    if not url:
        return chromadb.PersistentClient(path=str(paths.index_dir()), settings=settings)
    parsed = urlparse(url if "://" in url else f"http://{url}")
    if not parsed.hostname:
        raise StoreError(f"chroma_url {url!r} has no host; expected e.g. http://127.0.0.1:8000")
    port = parsed.port or (443 if parsed.scheme == "https" else 8000)
    try:
        client = chromadb.HttpClient(
            host=parsed.hostname, port=port, ssl=parsed.scheme == "https", settings=settings
        )
        client.heartbeat()
    except Exception as exc:  # connection errors surface as several httpx/chromadb types
        raise StoreError(f"could not reach the Chroma server at {url}: {exc}") from exc
    return client


def store_location() -> str:
    """Where the chunks live, for the manifest and for messages."""
    return get_settings().chroma_url or str(paths.index_dir())


class ChunkStore:
    """Chunks and their embeddings in one Chroma collection, through langchain-chroma."""

    def __init__(self, embeddings: Embeddings, client: Any | None = None) -> None:
        from langchain_chroma import Chroma

        self._client = client if client is not None else open_client()
        self._embeddings = embeddings
        self._vectors = Chroma(
            collection_name=COLLECTION,
            embedding_function=embeddings,
            client=self._client,
            collection_configuration={"hnsw": {"space": "cosine"}},
        )

    def ids(self) -> set[str]:
        """Ids of every stored chunk."""
        return set(self._vectors.get(include=[])["ids"])

    def count(self) -> int:
        return self._vectors._collection.count()

    def add(self, chunks: list[Document]) -> None:
        """Embed and store chunks under their content-hash ids."""
        if chunks:
            self._vectors.add_documents(chunks, ids=[c.id for c in chunks])

    def delete(self, ids: list[str]) -> None:
        if ids:
            self._vectors.delete(ids=ids)

    def reset(self) -> None:
        """Drop every chunk (used when the embedding model or the chunking changes)."""
        self._vectors.reset_collection()

    def all_chunks(self) -> list[Document]:
        """Every stored chunk with its metadata, in a stable order."""
        got = self._vectors.get(include=["documents", "metadatas"])
        docs = [
            Document(page_content=text, metadata=dict(meta or {}), id=chunk_id)
            for chunk_id, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        ]
        return sorted(docs, key=lambda d: (d.metadata.get("source", ""), d.metadata.get("section_id", ""),
                                            d.metadata.get("chunk_index", 0), d.id))

    def query(self, vector: list[float], n: int) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the `n` nearest chunks."""
        n = min(n, self.count())
        if n <= 0:
            return []
        # The collection uses cosine space, where Chroma's distance is 1 - cosine similarity.
        found = self._vectors._collection.query(query_embeddings=[vector], n_results=n, include=["distances"])
        return [(i, 1.0 - float(d)) for i, d in zip(found["ids"][0], found["distances"][0], strict=True)]
