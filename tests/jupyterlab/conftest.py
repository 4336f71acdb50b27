"""Fixtures of the real-JupyterLab tests: one lab server and one Chromium per module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from labserver import ROOT, LabServer, lab_server

from toolkit.schemeio import sample_scheme_path

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    """JupyterLab serving a copy of notebooks/author.ipynb and of the sample scheme."""
    workdir = tmp_path_factory.mktemp("lab")
    files = {"author.ipynb": ROOT / "notebooks" / "author.ipynb",
             "skema.yaml": sample_scheme_path()}
    with lab_server(workdir, files) as server:
        yield server


@pytest.fixture(scope="module")
def browser(chromium: object) -> object:
    """The suite's one Debian Chromium (``chromium`` in ``tests/conftest.py``): Playwright's
    sync API allows one running instance per thread."""
    return chromium


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh page, 1400×1000."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/ (git-ignored) for screenshots."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
