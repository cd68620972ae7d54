"""The bakery: a tiny literal scenario (one bucket, one table, one key) for policy-question specs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.iam import load_scenario

BAKERY_FILE = Path(__file__).with_name("bakery.yaml")


@pytest.fixture
def bakery():
    """The bakery scenario, freshly loaded."""
    return load_scenario(BAKERY_FILE)


@pytest.fixture
def bakery_file():
    """The bakery scenario file, for the router (which loads scenarios by name or path)."""
    return BAKERY_FILE
