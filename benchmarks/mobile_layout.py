"""Measure the practice app's case view on a phone (390×844, is_mobile, has_touch).

With the first case open and every unit's evidence shown, in Debian Chromium:

* ``rightmost px``: the largest right edge (``getBoundingClientRect().right``) of any
  element on the page (the viewport is 390 px wide: more means horizontal scrolling);
* ``scroll width``: the document's ``scrollWidth``;
* ``elements beyond``: how many elements end beyond the viewport's right edge;
* ``controls``: the visible buttons, selects and text fields of the app, and
  ``< 44 px``: how many of them are less than 44 px high or wide (touch targets);
* the same at 1366×768 (the desktop layout), for comparison.

Usage::

    python benchmarks/mobile_layout.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import print_table, write_result
from practice_app import BIN, CHROMIUM_ARGS, RUNNING, Server, free_port

#: Every element's right edge, the controls and their sizes (in the page).
MEASURE = """() => {
  const width = window.innerWidth;
  let right = 0, beyond = 0;
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    right = Math.max(right, box.right);
    if (box.right > width + 0.5) beyond += 1;
  }
  const controls = [...document.querySelectorAll(
      '.asesorlab-app button, .asesorlab-app select, .asesorlab-app input, '
      + '.asesorlab-app textarea')].filter(el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  });
  const small = controls.filter(el => {
    const box = el.getBoundingClientRect();
    return box.height < 44 || box.width < 44;
  });
  return {width, right, beyond, scroll: document.documentElement.scrollWidth,
          controls: controls.length, small: small.length,
          examples: small.slice(0, 6).map(el => el.tagName + '.' + el.className + ' '
              + Math.round(el.getBoundingClientRect().width) + 'x'
              + Math.round(el.getBoundingClientRect().height))};
}"""


#: Click every shown evidence button not clicked before (the unit's, the unplaced items').
OPEN_EVIDENCE = """() => {
  let opened = 0;
  for (const el of document.querySelectorAll('.asesorlab-evidence-toggle')) {
    if (el.getClientRects().length === 0 || el.dataset.opened) continue;
    el.dataset.opened = '1';
    el.click();
    opened += 1;
  }
  return opened;
}"""


def measure(browser: Any, url: str, viewport: dict[str, int], mobile: bool) -> dict[str, Any]:
    """Sign in and open every unit's evidence (unit by unit where the page has a unit
    list); the worst of the units' measurements."""
    context = browser.new_context(viewport=viewport, is_mobile=mobile, has_touch=mobile)
    page = context.new_page()
    page.goto(url, timeout=180_000)
    page.locator(".asesorlab-trainee input").fill("Layout Probe", timeout=180_000)
    page.locator(".asesorlab-start").click()
    page.locator(".asesorlab-kuk .asesorlab-verdict-k").first.wait_for(state="visible",
                                                                       timeout=60_000)
    units = page.locator(".asesorlab-unit-list select")
    count = units.locator("option").count() if units.count() else 1
    worst: dict[str, Any] = {}
    for index in range(count):
        if units.count():
            units.select_option(index=index)
            page.locator(".asesorlab-unit-section.asesorlab-unit-current h3").nth(0).wait_for()
        opened = page.evaluate(OPEN_EVIDENCE)
        if opened:
            page.locator(".asesorlab-evidence select:visible").first.wait_for()
        found = page.evaluate(MEASURE)
        for key in ("right", "beyond", "scroll", "controls", "small"):
            worst[key] = max(worst.get(key, 0), found[key])
        worst.setdefault("examples", found["examples"])
    context.close()
    return worst


def main() -> int:
    from playwright.sync_api import sync_playwright

    from toolkit.cases import generate_cases
    from toolkit.cases.io import save_case_set
    from toolkit.schemeio import read_scheme, sample_scheme_path

    folder = Path(tempfile.mkdtemp(prefix="asesorlab-mobile-"))
    save_case_set(generate_cases(read_scheme(sample_scheme_path()), count=2, seed=3),
                  folder / "cases")
    port = free_port()
    env = dict(os.environ, ASESORLAB_LANG="id", PYTHONUNBUFFERED="1")
    server = Server([str(BIN / "asesorlab"), "serve", str(folder / "cases"), "--port",
                     str(port), "--db", f"sqlite:///{folder / 'a.db'}", "--pool", "0"],
                    RUNNING, env)  # a kernel per view: the layout, not the speed, is measured
    rows, results = [], {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=CHROMIUM_ARGS)
            for name, viewport, mobile in (("phone 390x844", {"width": 390, "height": 844},
                                            True),
                                           ("desktop 1366x768", {"width": 1366, "height": 768},
                                            False)):
                found = measure(browser, f"http://127.0.0.1:{port}/", viewport, mobile)
                results[name] = found
                rows.append([name, round(found["right"], 1), found["scroll"], found["beyond"],
                             found["controls"], found["small"]])
            browser.close()
    finally:
        server.stop()
    print_table(["view", "rightmost px", "scroll width", "elements beyond", "controls",
                 "< 44 px"], rows)
    for name, found in results.items():
        if found["examples"]:
            print(f"{name}: small controls e.g. {'; '.join(found['examples'])}")
    path = write_result("mobile_layout", {"views": results})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
