"""The practice app's sign-in page in Debian Chromium: it says what it is, Enter in the name
field starts, and axe-core finds no critical accessibility violation."""

from __future__ import annotations

from typing import Any

import pytest
from a11y import assert_no_violations

from .conftest import Served

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]


def test_the_sign_in_page_says_what_it_is_and_enter_starts(chromium: Any, served: Served) -> None:
    from playwright.sync_api import expect

    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(served.url)
    signin = page.locator(".asesorlab-signin")
    expect(signin.locator("h1")).to_have_text("Assessor practice", timeout=60_000)
    expect(signin.locator(".asesorlab-intro")).to_contain_text("Practise judging a simulated asesi")
    assert_no_violations(page, impact="critical")

    name = page.locator(".asesorlab-trainee input")
    name.click()
    name.press_sequentially("Enter Key Trainee")
    name.press("Enter")
    expect(page.locator(".asesorlab-kuk .asesorlab-verdict-k").first).to_be_visible(
        timeout=30_000)
    expect(signin).to_contain_text("Signed in as Enter Key Trainee")
    expect(signin.locator(".asesorlab-intro")).to_have_count(0)
    context.close()
