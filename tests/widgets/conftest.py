"""Fixtures of the headless widget tests: a writable copy of the sample scheme."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.schemeio import sample_scheme_path


@pytest.fixture
def scheme_file(tmp_path: Path) -> Path:
    """A copy of the bundled sample scheme that a test may change and save."""
    target = tmp_path / "skema.yaml"
    shutil.copyfile(sample_scheme_path(), target)
    return target
