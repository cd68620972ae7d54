"""A deterministic bag-of-words embedder: each content term hashed to one of `dimension` axes.

It has no notion of meaning, only of shared words, which makes its rankings predictable:
the test suite injects it to pin exact outcomes without loading a model.
"""

from __future__ import annotations

import hashlib

import numpy as np

from tutor.knowledge.lexical import tokenize


class HashingEmbedder:
    """Unit-length term-count vectors; counts every call so tests can assert what was embedded."""

    def __init__(self, dimension: int = 256, name: str = "hashing-bow") -> None:
        self.dimension = dimension
        self.name = name
        self.embedded: list[str] = []

    def _axis(self, term: str) -> int:
        return int.from_bytes(hashlib.blake2b(term.encode(), digest_size=4).digest(), "big") % self.dimension

    def embed(self, texts: list[str]) -> np.ndarray:
        self.embedded.extend(texts)
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for term in tokenize(text):
                vectors[row, self._axis(term)] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1.0, norms)
