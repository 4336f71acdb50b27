"""The practice app on a phone and by keyboard, in Debian Chromium.

At 390×844 (is_mobile, has_touch), unit by unit through the unit list: with the unit's
evidence open no element's right edge is beyond the viewport, every control is at least
44 px, every K/BK button and every VATM check is tapped and the kernel takes it (the
buttons are marked by the kernel; the stored attempt holds every verdict and check).
A keyboard-only run (Tab, Space, Enter; arrow keys in a select) signs in, jumps to the
next unjudged KUK, judges every KUK and one unit's evidence, submits and reads the
debrief, with a visible focus ring; axe-core finds no serious or critical violation on
the case view with evidence open, on the phone and on the desktop.
"""

from __future__ import annotations

from typing import Any

import pytest
from a11y import assert_no_violations

from toolkit.cases.io import case_files, load_case
from toolkit.schemeio import read_scheme, sample_scheme_path
from toolkit.store import Store
from widgets.practice.evidence_card import CHECKS

from .conftest import Served

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

#: Every element of the page whose right edge is beyond the viewport, and the visible
#: controls of the app less than 44 px high or wide.
LAYOUT = """() => {
  const width = window.innerWidth, beyond = [], small = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.right > width + 0.5) beyond.push(el.tagName + '.' + el.className + ' '
                                             + Math.round(box.right));
  }
  for (const el of document.querySelectorAll('.asesorlab-app button, .asesorlab-app select, '
                                             + '.asesorlab-app input, .asesorlab-app textarea')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.width < 44 || box.height < 44) small.push(el.tagName + '.' + el.className + ' '
        + Math.round(box.width) + 'x' + Math.round(box.height));
  }
  return {beyond, small, scroll: document.documentElement.scrollWidth, width};
}"""

#: What has the focus: its classes, its KUK row (index on the page) and whether that row
#: is judged, and for a VATM check its value and the evidence item's id.
ACTIVE = """() => {
  const a = document.activeElement;
  if (!a || a === document.body) return {cls: '', tag: '', row: -1};
  const row = a.closest('.asesorlab-kuk');
  const card = a.closest('.asesorlab-evidence');
  return {cls: String(a.className || ''), tag: a.tagName,
          row: row ? [...document.querySelectorAll('.asesorlab-kuk')].indexOf(row) : -1,
          judged: row ? !!row.querySelector('.mod-success, .mod-danger') : false,
          item: card ? card.querySelector('b').textContent.split(' · ')[0] : null,
          value: a.tagName === 'SELECT' ? a.value : null,
          outline: getComputedStyle(a).outlineStyle + ' ' + getComputedStyle(a).outlineWidth};
}"""


def _pattern(index: int) -> str:
    return "BK" if index % 3 == 1 else "K"


def _check(item_index: int, check_index: int) -> bool:
    return (item_index + check_index) % 4 != 3


def _case(served: Served) -> tuple[Any, list[str]]:
    case = load_case(case_files(served.cases_dir)[0])
    return case, read_scheme(sample_scheme_path()).criterion_ids(case.units)


def _judged(page: Any, index: int, verdict: str) -> None:
    """Wait until the kernel has marked row ``index`` (by page order) ``verdict``."""
    css = "mod-success" if verdict == "K" else "mod-danger"
    button = "asesorlab-verdict-k" if verdict == "K" else "asesorlab-verdict-bk"
    page.wait_for_function(
        "([i, b, c]) => document.querySelectorAll('.asesorlab-kuk')[i]"
        ".querySelector('.' + b).classList.contains(c)", arg=[index, button, css])


def test_on_a_phone_every_unit_fits_and_every_control_is_tapped(chromium: Any,
                                                                served: Served) -> None:
    case, kuks = _case(served)
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                   has_touch=True)
    page = context.new_page()
    page.goto(served.url)
    page.locator(".asesorlab-trainee input").wait_for(timeout=120_000)  # a kernel ready
    page.locator(".asesorlab-trainee input").fill("Phone Trainee")
    page.locator(".asesorlab-start").tap()
    page.locator(".asesorlab-kuk .asesorlab-verdict-k").first.wait_for(state="visible")
    units = page.locator(".asesorlab-unit-list select")
    assert units.locator("option").count() == len(case.units)
    assert page.locator(".asesorlab-kuk:visible").count() < len(kuks)  # one unit at a time
    all_rows = page.locator(".asesorlab-kuk")
    assert all_rows.count() == len(kuks)
    checks: dict[str, dict[str, bool]] = {}
    for unit_index, code in enumerate(case.units):
        units.tap()
        units.select_option(index=unit_index)
        section = page.locator(".asesorlab-unit-section.asesorlab-unit-current")
        section.locator("h3", has_text=code).wait_for()
        for toggle in page.locator(".asesorlab-evidence-toggle:visible").all():
            if toggle.inner_text().endswith("show"):
                toggle.tap()
        if section.locator(".asesorlab-evidence-toggle").count():
            section.locator(".asesorlab-evidence select").first.wait_for()
        layout = page.evaluate(LAYOUT)
        assert layout["beyond"] == [] and layout["scroll"] <= layout["width"], layout
        assert layout["small"] == [], layout["small"]
        if unit_index == 0:
            assert_no_violations(page, impact="serious", include=".asesorlab-practice")
        for index in range(all_rows.count()):
            row = all_rows.nth(index)
            if not row.is_visible():
                continue
            verdict = _pattern(index)
            row.locator(".asesorlab-verdict-k" if verdict == "K"
                        else ".asesorlab-verdict-bk").tap()
            _judged(page, index, verdict)
        for card in page.locator(".asesorlab-evidence:visible").all():
            item = card.locator("b").first.inner_text().split(" · ")[0]
            if item in checks:
                continue
            number = len(checks)
            checks[item] = {}
            for check_index, (name, select) in enumerate(
                    zip(CHECKS, card.locator("select").all(), strict=True)):
                met = _check(number, check_index)
                select.tap()
                select.select_option("met" if met else "not met")
                checks[item][name] = met
    assert checks, "the case has evidence to judge"
    progress = page.locator(".asesorlab-next-unjudged").first
    assert progress.inner_text().strip() == f"{len(kuks)}/{len(kuks)} KUK judged"
    page.locator(".asesorlab-units .widget-toggle-button.mod-active").last.wait_for()
    page.locator(".asesorlab-submit").tap()
    page.locator(".asesorlab-debrief .asesorlab-headline").wait_for()
    context.close()
    stored = Store(served.db_url).attempts("Phone Trainee")[0]
    assert stored.judgement["criteria"] == {kuk: _pattern(i) for i, kuk in enumerate(kuks)}
    assert {item: stored.judgement["evidence"][item] for item in checks} == checks


def _tab_to(page: Any, wanted: str, limit: int = 80) -> dict[str, Any]:
    """Press Tab until the focused element has the class ``wanted``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if wanted in active["cls"].split():
            return active
    raise AssertionError(f"Tab never reached .{wanted}")


def test_a_keyboard_only_run_completes_a_case(chromium: Any, served: Served) -> None:
    case, kuks = _case(served)
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(served.url)
    page.locator(".asesorlab-trainee input").wait_for(timeout=120_000)  # a kernel ready
    for _ in range(20):  # from the top of the page to the name field
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('.asesorlab-trainee')"):
            break
    page.keyboard.type("Keyboard Trainee")
    page.keyboard.press("Enter")
    page.locator(".asesorlab-kuk .asesorlab-verdict-k").first.wait_for(state="visible")
    # the app focuses the case picker; the jump goes to the first unjudged KUK's K
    page.wait_for_function("document.activeElement.tagName === 'SELECT'")
    _tab_to(page, "asesorlab-next-unjudged")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.classList.contains('asesorlab-verdict-k')")
    active = page.evaluate(ACTIVE)
    assert active["row"] == 0 and not active["judged"]
    assert active["outline"].startswith("solid") and float(active["outline"].split()[1][:-2]) >= 2
    page.keyboard.press("Space")
    _judged(page, 0, "K")
    expected = {kuks[0]: "K"}
    opened = False
    checked: dict[str, dict[str, bool]] = {}
    for _ in range(len(kuks) * 8 + 200):
        if len(expected) == len(kuks):
            break
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        classes = active["cls"].split()
        if "asesorlab-evidence-toggle" in classes and not opened:
            page.keyboard.press("Enter")  # the first unit's evidence, opened by keyboard
            page.locator(".asesorlab-evidence select").first.wait_for()
            opened = True
        elif active["item"] and active["value"] == "not judged yet":
            page.keyboard.press("ArrowDown")  # a select's own keys: not judged → met
            page.wait_for_function("document.activeElement.value === 'met'")
            checked.setdefault(active["item"], {})
        elif active["row"] >= 0 and not active["judged"]:
            verdict = _pattern(active["row"])
            if ("asesorlab-verdict-k" if verdict == "K" else "asesorlab-verdict-bk") in classes:
                page.keyboard.press("Space")
                _judged(page, active["row"], verdict)
                expected[kuks[active["row"]]] = verdict
    assert len(expected) == len(kuks), f"judged {len(expected)} of {len(kuks)} by keyboard"
    assert opened and checked
    assert_no_violations(page, impact="serious", include=".asesorlab-practice")
    page.locator(".asesorlab-units .widget-toggle-button.mod-active").last.wait_for()
    _tab_to(page, "asesorlab-submit", limit=200)
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && "
                           "document.activeElement.classList.contains('asesorlab-headline')")
    assert "Case" in page.locator(".asesorlab-debrief .asesorlab-headline").inner_text()
    _tab_to(page, "asesorlab-next")
    page.keyboard.press("Enter")
    page.locator(".asesorlab-practice .asesorlab-case").wait_for()
    context.close()
    stored = Store(served.db_url).attempts("Keyboard Trainee")[0]
    assert stored.case_id == case.id
    assert stored.judgement["criteria"] == {kuk: _pattern(i) for i, kuk in enumerate(kuks)}
    for item in checked:
        assert set(stored.judgement["evidence"][item].values()) == {True}, item
