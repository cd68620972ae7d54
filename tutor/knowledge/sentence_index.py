"""Precomputed embeddings of every quotable unit of every chunk, keyed by chunk id.

Stored beside the Chroma index so a warm `ask` only has to embed the question.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from tutor.knowledge.sentences import UNITS_VERSION

_UNITS_FILE = "sentences.json"
_VECTORS_FILE = "sentences.npy"


class SentenceIndex:
    """chunk id -> (units, unit vectors)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._entries: dict[str, tuple[list[str], np.ndarray]] = {}

    @classmethod
    def load(cls, folder: Path) -> SentenceIndex:
        """The saved index, or an empty one when missing, unreadable or split by another
        `UNITS_VERSION` (the indexer then rebuilds it from the chunks)."""
        index = cls(folder)
        try:
            saved = json.loads((folder / _UNITS_FILE).read_text(encoding="utf-8"))
            vectors = np.load(folder / _VECTORS_FILE)
        except (OSError, ValueError):
            return index
        if not isinstance(saved, dict) or saved.get("units_version") != UNITS_VERSION:
            return index
        for chunk_id, (start, units) in saved["chunks"].items():
            index._entries[chunk_id] = (units, vectors[start : start + len(units)])
        return index

    def save(self) -> None:
        """Write both files atomically, so a killed process leaves the previous index."""
        self.folder.mkdir(parents=True, exist_ok=True)
        layout: dict[str, tuple[int, list[str]]] = {}
        blocks: list[np.ndarray] = []
        start = 0
        for chunk_id in sorted(self._entries):
            units, vectors = self._entries[chunk_id]
            layout[chunk_id] = (start, units)
            blocks.append(vectors)
            start += len(units)
        dim = blocks[0].shape[1] if blocks else 0
        stacked = np.vstack(blocks) if blocks else np.zeros((0, dim), dtype=np.float32)
        tmp_vectors = self.folder / f".{_VECTORS_FILE}.tmp.npy"
        tmp_units = self.folder / f".{_UNITS_FILE}.tmp"
        np.save(tmp_vectors, stacked.astype(np.float32))
        tmp_units.write_text(json.dumps({"units_version": UNITS_VERSION, "chunks": layout}), encoding="utf-8")
        os.replace(tmp_vectors, self.folder / _VECTORS_FILE)
        os.replace(tmp_units, self.folder / _UNITS_FILE)

    def __contains__(self, chunk_id: str) -> bool:
        return chunk_id in self._entries

    def chunk_ids(self) -> set[str]:
        return set(self._entries)

    def get(self, chunk_id: str) -> tuple[list[str], np.ndarray] | None:
        return self._entries.get(chunk_id)

    def put(self, chunk_id: str, units: list[str], vectors: np.ndarray) -> None:
        self._entries[chunk_id] = (units, np.asarray(vectors, dtype=np.float32))

    def discard(self, chunk_ids: set[str]) -> None:
        for chunk_id in chunk_ids:
            self._entries.pop(chunk_id, None)

    def clear(self) -> None:
        self._entries.clear()
