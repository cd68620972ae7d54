"""Dataset lines that cannot be used are reported with file and line; the rest are kept."""

from __future__ import annotations

import pytest

from tutor.evaluation.datasets import DatasetError, read_records, text_field


def test_bad_lines_are_reported_and_good_ones_kept(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text('{"question": "one"}\n{not json\n\n[1, 2]\n{"question": ""}\n{"other": 1}\n{"question": "two"}\n')
    items, problems = read_records(path, lambda r: text_field(r, "question"))
    assert items == [(1, "one"), (7, "two")]
    assert [str(p) for p in problems] == [
        f"{path}:2: not valid JSON: Expecting property name enclosed in double quotes (column 2)",
        f"{path}:4: expected a JSON object",
        f"{path}:5: field 'question' must be a non-empty string",
        f"{path}:6: missing field 'question'",
    ]


def test_a_missing_file_is_a_dataset_error(tmp_path):
    with pytest.raises(DatasetError, match="no such dataset file"):
        read_records(tmp_path / "absent.jsonl", dict)
