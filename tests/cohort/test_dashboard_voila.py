"""The cohort notebook served by Voilà shows the dashboard in Debian Chromium: the trainee
table and the charts as images."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from practice.conftest import _wait_for_line, free_port
from suite_support import ROOT

from toolkit.analytics import demo_cohort
from toolkit.scheme import Scheme
from toolkit.store import Store
from training.serve import voila_arguments

pytestmark = [pytest.mark.browser, pytest.mark.server]


@pytest.fixture
def voila_url(tmp_path: Path, scheme: Scheme) -> Iterator[str]:
    """``notebooks/cohort_report.ipynb`` under Voilà over a small synthetic cohort."""
    db = f"sqlite:///{tmp_path / 'attempts.db'}"
    store = Store(db)
    demo_cohort(store, scheme, trainees=6, attempts=5, seed=3)
    store.dispose()
    port = free_port()
    args = voila_arguments(ROOT / "notebooks" / "cohort_report.ipynb", port, "127.0.0.1", 0,
                           900)
    env = dict(os.environ, ASESORLAB_DB=db, ASESORLAB_LANG="en", PYTHONUNBUFFERED="1")
    process = subprocess.Popen([sys.executable, "-m", "voila", *args], env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        _wait_for_line(process, [], "Voilà is running at")
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def test_the_dashboard_renders_under_voila(chromium: Any, voila_url: str) -> None:
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    try:
        page.goto(voila_url, timeout=120_000)
        page.wait_for_selector("table.asesorlab-trainees tr[data-trainee]", timeout=120_000)
        assert page.locator("table.asesorlab-trainees tr[data-trainee]").count() == 6
        page.wait_for_function(
            "Array.from(document.querySelectorAll('.asesorlab-cohort-charts img'))"
            ".filter(i => i.complete && i.naturalWidth > 200).length === 3", timeout=60_000)
        assert page.get_by_text("6 trainees, 30 attempts").is_visible()
    finally:
        page.close()
