"""Penilaian lanjut, the debrief and accessibility in Debian Chromium.

A trainee asks for a follow-up on a thin KUK, sees what it revealed as a new card under
that KUK, decides, and the debrief credits it (that nothing of the follow-up file reaches
the browser before it is asked for is in ``test_browser``'s leak test). After submit the
headline (case result and score) is in view and focused; "Next case" opens the next case
at its top; axe-core finds no critical violation on the case view or the debrief; the
debrief is photographed at 1366×768 and 390×844 (into the git-ignored test-artifacts/).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from a11y import assert_no_violations

from toolkit.cases.io import (
    case_files,
    follow_up_path_for,
    key_path_for,
    load_case,
    load_follow_ups,
    load_key,
)
from toolkit.schemeio import read_scheme, sample_scheme_path
from toolkit.scoring import ScoreReport
from toolkit.store import Store

from .conftest import Served

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "practice"


def _sign_in(page: Any, served: Served, trainee: str) -> Any:
    page.goto(served.url)
    page.locator(".asesorlab-trainee input").fill(trainee)
    page.locator(".asesorlab-start").click()
    rows = page.locator(".asesorlab-kuk:visible")
    rows.first.locator(".asesorlab-verdict-k").wait_for(state="visible")
    return rows


def _decide_all(page: Any, rows: Any, key_criteria: dict[str, str], kuks: list[str]) -> None:
    """Mark every row as the key does (rows already decided are left)."""
    for index, kuk in enumerate(kuks):
        row = rows.nth(index)
        button = ".asesorlab-verdict-k" if key_criteria[kuk] == "K" else ".asesorlab-verdict-bk"
        if "mod-success" in (row.locator(".asesorlab-verdict-k").get_attribute("class") or "") \
                or "mod-danger" in (row.locator(".asesorlab-verdict-bk").get_attribute("class")
                                    or ""):
            continue
        row.locator(button).click()
    page.locator(".asesorlab-units .widget-toggle-button.mod-active").last.wait_for()


def _in_view(page: Any, selector: str) -> bool:
    return bool(page.evaluate("""(selector) => {
        const box = document.querySelector(selector).getBoundingClientRect();
        return box.top >= 0 && box.top < window.innerHeight && box.height > 0; }""", selector))


def _first_case(served: Served) -> tuple[Path, list[str]]:
    first = case_files(served.cases_dir)[0]
    case = load_case(first)
    return first, read_scheme(sample_scheme_path()).criterion_ids(case.units)


def test_a_follow_up_on_a_thin_kuk_is_shown_decided_and_credited(chromium: Any,
                                                                 served: Served) -> None:
    first, kuks = _first_case(served)
    key = load_key(key_path_for(first))
    assert key.follow_up_due, "the generated case has a KUK where a follow-up is due"
    thin = key.follow_up_due[0]
    revealed = load_follow_ups(follow_up_path_for(first)).criteria[thin]["third_party"]
    assert revealed.item is not None
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    rows = _sign_in(page, served, "Follow Up Trainee")
    row = rows.nth(kuks.index(thin))
    row.locator(".asesorlab-followup").click()
    chooser = row.locator(".asesorlab-followup-chooser")
    chooser.locator("select").select_option(label="third-party clarification")
    chooser.locator(".asesorlab-followup-ask").click()
    card = row.locator(".asesorlab-followup-result")
    card.wait_for()
    assert revealed.item.title in card.inner_text()
    assert revealed.item.summary[:60] in card.inner_text()
    assert chooser.count() == 0  # the chooser gives way to the card
    _decide_all(page, rows, key.criteria, kuks)
    page.locator(".asesorlab-submit").click()
    headline = page.locator(".asesorlab-debrief .asesorlab-headline")
    headline.wait_for()
    page.wait_for_function("document.activeElement && "
                           "document.activeElement.classList.contains('asesorlab-headline')")
    assert _in_view(page, ".asesorlab-debrief .asesorlab-headline")
    stored = Store(served.db_url).attempts("Follow Up Trainee")[0]
    assert stored.judgement["follow_ups"] == {thin: "third_party"}
    if "follow_ups_credited" not in ScoreReport.model_fields:
        context.close()
        pytest.skip("toolkit.scoring does not credit follow-ups yet (issue 10, the lead's)")
    credited = page.locator(".asesorlab-debrief .asesorlab-followup-credited")
    assert credited.count() == 1
    assert thin.replace("/", " ") in credited.inner_text()
    assert thin in stored.score["follow_ups_credited"]
    context.close()


def test_debrief_in_view_next_case_at_its_top_no_critical_a11y_and_screenshots(
        chromium: Any, served: Served) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    first, kuks = _first_case(served)
    key = load_key(key_path_for(first))
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    rows = _sign_in(page, served, "Look And Feel")
    page.locator(".asesorlab-evidence-toggle:visible").first.click()
    page.locator(".asesorlab-evidence").first.wait_for()
    row = rows.nth(0)
    row.locator(".asesorlab-followup").click()
    row.locator(".asesorlab-followup-ask").click()
    row.locator(".asesorlab-followup-result").wait_for()
    assert_no_violations(page, impact="critical")  # the case view, with a card and a chooser
    rows.nth(2).locator(".asesorlab-followup").click()
    rows.nth(2).locator(".asesorlab-followup-chooser").wait_for()
    assert_no_violations(page, impact="critical", include=".asesorlab-practice")
    _decide_all(page, rows, key.criteria, kuks)
    page.locator(".asesorlab-submit").scroll_into_view_if_needed()
    page.locator(".asesorlab-submit").click()
    page.wait_for_function("document.activeElement && "
                           "document.activeElement.classList.contains('asesorlab-headline')")
    assert _in_view(page, ".asesorlab-debrief .asesorlab-headline")
    assert _in_view(page, ".asesorlab-debrief .asesorlab-score")  # right under it
    text = page.locator(".asesorlab-debrief").inner_text()
    # things are named as the case shows them: no KUK ids, no item/rule ids, no field names
    assert not re.search(r"\.\d{2}/\d|/(valid|authentic|current|sufficient)\b|_", text), text
    assert_no_violations(page, impact="critical", include=".asesorlab-debrief")
    page.screenshot(path=str(ARTIFACTS / "debrief-1366x768.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator(".asesorlab-debrief .asesorlab-headline").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "debrief-390x844.png"))
    overflow = page.evaluate("""() => [...document.querySelectorAll('.asesorlab-debrief *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).length""")
    assert overflow == 0
    assert page.evaluate("""() => { const h = document.querySelector(
        '.asesorlab-debrief .asesorlab-headline'); return h.scrollWidth <= h.clientWidth + 1 }""")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.locator(".asesorlab-next").click()
    page.locator(".asesorlab-practice .asesorlab-case").wait_for()
    page.wait_for_function("document.activeElement && document.activeElement.tagName === "
                           "'SELECT' && !!document.activeElement.closest('.asesorlab-practice')")
    assert _in_view(page, ".asesorlab-practice .asesorlab-case")
    context.close()
