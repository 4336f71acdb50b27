"""The authoring panes in a real JupyterLab at 1280×800: nothing past the pane's right edge,
no horizontal scrollbar, errors beside their control in plain words, a grouped correction
chooser in one language, and no critical accessibility violation (axe-core)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from a11y import assert_no_violations
from labserver import generate_in_simulator, open_notebook, run_all_cells_from_menu

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.kernel, pytest.mark.slow]

# Every visible element inside `selector` whose right edge is past the right edge of the
# notebook's output area holding it, and every element showing a horizontal scrollbar.
OVERFLOW = """(selector) => {
    const root = document.querySelector(selector);
    const pane = root.closest('.jp-OutputArea-output') || root.parentElement;
    const edge = pane.getBoundingClientRect().right + 1;
    const name = e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string'
        ? '.' + e.className.trim().split(/\\s+/).slice(0, 3).join('.') : '');
    const past = [], scrolling = [];
    for (const e of [root, ...root.querySelectorAll('*')]) {
        const box = e.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        if (box.right > edge) past.push(`${name(e)} right=${Math.round(box.right)}`);
        const style = getComputedStyle(e);
        if (['auto', 'scroll'].includes(style.overflowX) && e.scrollWidth > e.clientWidth + 1)
            scrolling.push(`${name(e)} ${e.scrollWidth}>${e.clientWidth} in `
                           + name(e.parentElement));
    }
    return {edge: Math.round(edge), past: past.slice(0, 15), scrolling: scrolling.slice(0, 15),
            count: past.length + scrolling.length};
}"""


@pytest.fixture
def small_page(browser: Any) -> Iterator[Any]:
    """A page of 1280×800, the laptop size the panes must fit."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()


def _fits(page: Any, selector: str) -> None:
    found = page.evaluate(OVERFLOW, selector)
    assert found["count"] == 0, (f"{selector} does not fit its pane (right edge "
                                 f"{found['edge']}): {found}")


def test_simulator_and_key_review_fit_1280_and_say_errors_beside_the_form(
        lab: Any, small_page: Any, artifacts: Path) -> None:
    from playwright.sync_api import expect

    page = small_page
    open_notebook(page, lab, "author.ipynb")
    run_all_cells_from_menu(page)
    editor = page.locator(".asesorlab-editor")
    expect(editor).to_be_visible(timeout=60_000)
    assert_no_violations(page, impact="critical", include=".asesorlab-author")

    simulator = generate_in_simulator(page)
    simulator.evaluate("element => element.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(artifacts / "author-simulator-1280.png"))
    _fits(page, ".asesorlab-simulator")
    assert_no_violations(page, impact="critical", include=".asesorlab-author")

    # the correction chooser: grouped (what, then which verdict), all in Indonesian
    form = simulator.locator(".asesorlab-override-form")
    texts = form.locator(".asesorlab-override-group select option").all_inner_texts()
    groups = [text.replace("\xa0", " ") for text in texts]  # ipywidgets shows spaces as nbsp
    assert groups[0] == "Rekomendasi" and any(g.startswith("Unit J.620100") for g in groups)
    assert any(g.startswith("Bukti E") for g in groups) and len(groups) < 40
    form.locator(".asesorlab-override-group select").select_option(
        label=next(t for t in texts if t.startswith("Bukti\xa0E")))
    verdicts = form.locator(".asesorlab-override-target select option")
    expect(verdicts).to_have_count(4)
    assert verdicts.all_inner_texts() == ["Valid", "Asli", "Terkini", "Memadai"]

    # an override without a note: the message is beside the button, in plain words
    button = form.locator(".asesorlab-override")
    button.scroll_into_view_if_needed()
    button.click()
    message = form.locator(".asesorlab-override-message")
    expect(message).to_contain_text("catatan", timeout=15_000)
    text = message.inner_text()
    assert "criteria/" not in text and "evidence/" not in text, text
    box, near = message.bounding_box(), button.bounding_box()
    assert box is not None and near is not None
    assert abs(box["y"] - near["y"]) < 120 and 0 <= box["y"] <= 800 - box["height"]
    page.screenshot(path=str(artifacts / "author-override-message-1280.png"))
    _fits(page, ".asesorlab-simulator")

    page.locator(".lm-TabBar-tab", has_text="Penyusun instrumen").click()
    expect(page.locator(".asesorlab-builder")).to_be_visible(timeout=60_000)
    assert_no_violations(page, impact="critical", include=".asesorlab-author")
