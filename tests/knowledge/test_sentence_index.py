"""The saved sentence index: what a warm `ask` reads instead of embedding every sentence again."""

from __future__ import annotations

import json

import numpy as np

from tutor.knowledge.sentence_index import SentenceIndex
from tutor.knowledge.sentences import UNITS_VERSION


def test_a_saved_index_loads_back_with_its_units_and_vectors(tmp_path):
    index = SentenceIndex(tmp_path)
    index.put("c1", ["IAM is global.", "Roles are assumed."], np.array([[1.0, 0.0], [0.0, 1.0]]))
    index.save()
    loaded = SentenceIndex.load(tmp_path)
    units, vectors = loaded.get("c1")
    assert units == ["IAM is global.", "Roles are assumed."]
    assert vectors.tolist() == [[1.0, 0.0], [0.0, 1.0]]


def test_an_index_split_by_another_units_version_loads_empty_so_it_is_rebuilt(tmp_path):
    index = SentenceIndex(tmp_path)
    index.put("c1", ["IAM is global."], np.array([[1.0, 0.0]]))
    index.save()
    saved = json.loads((tmp_path / "sentences.json").read_text())
    assert saved["units_version"] == UNITS_VERSION
    saved["units_version"] = "0"
    (tmp_path / "sentences.json").write_text(json.dumps(saved))
    assert SentenceIndex.load(tmp_path).chunk_ids() == set()


def test_an_index_in_the_format_before_versions_loads_empty(tmp_path):
    (tmp_path / "sentences.json").write_text(json.dumps({"c1": [0, ["IAM is global."]]}))
    np.save(tmp_path / "sentences.npy", np.array([[1.0, 0.0]], dtype=np.float32))
    assert SentenceIndex.load(tmp_path).chunk_ids() == set()
