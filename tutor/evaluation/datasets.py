"""Reading evaluation datasets: one JSON object per line, bad lines reported with file:line and skipped."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


class DatasetError(ValueError):
    """A dataset that cannot be read at all (missing file, not text)."""


@dataclass(frozen=True)
class DatasetProblem:
    """One unusable line of a dataset."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def read_records(path: Path, build: Callable[[dict], T]) -> tuple[list[tuple[int, T]], list[DatasetProblem]]:
    """Every line of `path` that parses and that `build` accepts, with its line number, and the problems.

    `build` turns a JSON object into the suite's item and raises `ValueError` (or `KeyError`/`TypeError`)
    with a message naming the field when a line is unusable.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DatasetError(f"{path}: no such dataset file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(f"{path}: cannot read the dataset: {exc}") from None
    items: list[tuple[int, T]] = []
    problems: list[DatasetProblem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(DatasetProblem(str(path), number, f"not valid JSON: {exc.msg} (column {exc.colno})"))
            continue
        if not isinstance(record, dict):
            problems.append(DatasetProblem(str(path), number, "expected a JSON object"))
            continue
        try:
            items.append((number, build(record)))
        except KeyError as exc:
            problems.append(DatasetProblem(str(path), number, f"missing field {exc.args[0]!r}"))
        except (ValueError, TypeError) as exc:
            problems.append(DatasetProblem(str(path), number, str(exc)))
    return items, problems


def text_field(record: dict, name: str) -> str:
    """A required non-empty string field."""
    value = record[name]
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"field {name!r} must be a non-empty string")
    return value.strip()


def list_field(record: dict, name: str, required: bool = True) -> list[str]:
    """A list of strings; missing is an error only when `required`."""
    if name not in record and not required:
        return []
    value = record[name]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"field {name!r} must be a list of strings")
    if required and not value:
        raise ValueError(f"field {name!r} must not be empty")
    return value
