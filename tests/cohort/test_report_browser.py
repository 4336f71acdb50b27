"""The HTML report opens in Debian Chromium and its charts are visible images; the
screenshot is kept in ``test-artifacts/cohort-report.png``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from suite_support import ROOT

from toolkit.analytics import build_report, write_report
from toolkit.i18n import language
from toolkit.scheme import Scheme
from toolkit.store import Store

pytestmark = pytest.mark.browser


def test_report_charts_are_visible_in_chromium(chromium: Any, tmp_path: Path,
                                               scheme: Scheme) -> None:
    from toolkit.analytics import demo_cohort

    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    demo_cohort(store, scheme, trainees=10, attempts=8, seed=2, focus="too_old")
    page_path = tmp_path / "report.html"
    with language("en"):
        write_report(build_report(store), page_path)
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    try:
        page.goto(page_path.as_uri())
        page.wait_for_function("Array.from(document.images).length === 4 && "
                               "Array.from(document.images).every(i => i.complete)")
        sizes = page.evaluate("Array.from(document.images).map(i => [i.dataset.chart, "
                              "i.naturalWidth, i.naturalHeight, i.getBoundingClientRect().width])")
        assert {s[0] for s in sizes} == {"status", "agreement", "flaws", "heatmap"}
        assert all(w > 200 and h > 100 and shown > 200 for _n, w, h, shown in sizes), sizes
        assert page.locator("table.trainees tr").count() == 11
        assert page.locator("[data-status]").first.is_visible()
        artifacts = ROOT / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        shot = artifacts / "cohort-report.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 50_000
    finally:
        page.close()
        store.dispose()
