"""Work survives a reload: the judgement so far is kept per trainee and case and put back
when the trainee opens that case again; a submit removes it. Without a browser here, and in
Debian Chromium (judge some KUK, reload the page, sign in again with name and code)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from toolkit.drafts import Drafts
from toolkit.store import Store
from toolkit.trainees import TraineeCodes

from .conftest import Served, start_server, stop_server
from .conftest import open_app as _app


def test_a_new_page_puts_back_the_work_on_the_case(case_set: Path, db: str) -> None:
    first = _app(case_set, db)
    first.sign_in("Ani")
    case = first.case_id
    rows = first.rows
    rows[0].choose("K")
    rows[1].choose("BK")
    rows[1].note = "log tidak lengkap"
    panel = first.evidence_panels[0]
    panel.expand()
    item = panel.cards[0].item_id
    panel.cards[0].set_checks(valid=True, current=False)
    first._feedback.value = "Bukti kurang terkini."
    second = _app(case_set, db)  # a reload: a new kernel, a new page
    second.sign_in("Ani")
    assert second.case_id == case
    back = second.judgement()
    assert back is not None
    assert back.criteria == {rows[0].kuk_id: "K", rows[1].kuk_id: "BK"}
    assert back.notes == {rows[1].kuk_id: "log tidak lengkap"}
    assert back.evidence[item].valid is True and back.evidence[item].current is False
    assert back.evidence[item].authentic is None
    assert back.feedback == "Bukti kurang terkini."
    assert second.units.recommendation() is None  # not decided yet: still not decided
    other = _app(case_set, db)
    other.sign_in("Budi")  # another trainee's work is not theirs
    assert other.case_id == case and other.judgement().criteria == {}  # type: ignore[union-attr]


def test_an_overridden_unit_comes_back_and_a_submit_removes_the_draft(case_set: Path,
                                                                     db: str) -> None:
    first = _app(case_set, db)
    first.sign_in("Ani")
    for row in first.rows:
        row.choose("K")
    unit = next(iter(first.units.units()))
    first.units.override(unit, "BK")
    second = _app(case_set, db)
    second.sign_in("Ani")
    assert second.units.units()[unit] == "BK" and second.units.recommendation() == "BK"
    assert second.submit()
    store = Store(db)
    try:
        assert Drafts(store).load("Ani", str(second.case_id)) is None
    finally:
        store.dispose()


def _draft(db: str) -> dict[str, Any] | None:
    store = Store(db)
    try:
        return Drafts(store).load("Reload Trainee", "case-0001")
    finally:
        store.dispose()


def _until(condition: Callable[[], bool], timeout: float = 20.0) -> bool:
    """Whether ``condition`` holds within ``timeout`` seconds (checked every 0.1 s)."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            return False
        time.sleep(0.1)
    return True


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.slow
def test_after_a_reload_and_signing_in_again_the_values_are_back(
        chromium: Any, case_set: Path, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    db = f"sqlite:///{tmp_path / 'attempts.db'}"
    store = Store(db)
    code = dict(TraineeCodes(store).issue(["Reload Trainee"]))["Reload Trainee"]
    store.dispose()
    served: Served = start_server(case_set, db)
    context = chromium.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()

    def sign_in() -> Any:
        page.goto(served.url, timeout=120_000)  # a reload waits for the pool's next kernel
        name = page.locator(".asesorlab-trainee input")
        name.wait_for(state="visible", timeout=120_000)  # the kernel may still be preparing
        name.fill("Reload Trainee")
        page.locator(".asesorlab-code input").fill(code)
        page.locator(".asesorlab-start").click()
        rows = page.locator(".asesorlab-kuk:visible")
        rows.first.locator(".asesorlab-verdict-k").wait_for(state="visible")
        expect(page.locator(".asesorlab-signin")).to_contain_text("Signed in as Reload Trainee")
        return rows

    try:
        rows = sign_in()
        rows.nth(0).locator(".asesorlab-verdict-k").click()
        rows.nth(1).locator(".asesorlab-verdict-bk").click()
        rows.nth(2).locator(".asesorlab-verdict-k").click()
        # the draft is in the store a moment after the last click (the save is debounced)
        assert _until(lambda: len((_draft(db) or {}).get("criteria", {})) == 3), _draft(db)
        # a reload, and at once another load (an impatient trainee): the pages that never
        # connected are replaced, not counted against the browser's two kernels
        page.reload(timeout=120_000)
        rows = sign_in()
        selected = ".widget-button.mod-success, .widget-button.mod-danger"
        expect(rows.nth(0).locator(".asesorlab-verdict-k.mod-success")).to_have_count(1)
        expect(rows.nth(1).locator(".asesorlab-verdict-bk.mod-danger")).to_have_count(1)
        expect(rows.nth(2).locator(".asesorlab-verdict-k.mod-success")).to_have_count(1)
        expect(rows.nth(3).locator(selected)).to_have_count(0)
    finally:
        context.close()
        stop_server(served)
