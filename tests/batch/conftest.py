"""Shared fixtures of the batch tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import NOTEBOOKS


@pytest.fixture(scope="session")
def test_notebooks() -> Path:
    """The folder of the small notebooks the machinery tests run."""
    return NOTEBOOKS
