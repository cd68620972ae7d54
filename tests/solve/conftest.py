"""The literal solver world of fakes.py, as a fixture."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("solve_fakes", Path(__file__).with_name("fakes.py"))
fakes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fakes)


@pytest.fixture(scope="module")
def solver():
    return fakes.fake_solver()


@pytest.fixture(scope="session")
def world():
    """The literal world of fakes.py itself (sections, cards, embedder, retriever), for tests that build their own bank."""
    return fakes
