"""The practice app served by ``asesorlab serve`` on the payload scheme, in Debian Chromium:
no dialog, no injected element, every payload shown as written — on the sign-in page, the
case with its evidence opened, and the debrief."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from practice.conftest import Served, start_server, stop_server
from practice.test_browser import _sign_in_and_answer

from security.conftest import record
from security.payloads import hostile_case_set, hostile_scheme
from security.payloads import missing as not_shown
from security.test_payloads import INJECTED
from toolkit.schemeio import save_scheme

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]


@pytest.fixture
def served_hostile(tmp_path: Path) -> Iterator[Served]:
    scheme = hostile_scheme()
    folder = tmp_path / "cases"
    folder.mkdir()
    save_scheme(scheme, folder / "scheme.yaml")
    hostile_case_set(scheme, folder, count=1, units=[scheme.units[0].code, scheme.units[5].code])
    server = start_server(folder, f"sqlite:///{tmp_path / 'attempts.db'}")
    yield server
    stop_server(server)


def test_the_served_app_shows_every_payload_as_written(chromium: Any,
                                                       served_hostile: Served) -> None:
    context = chromium.new_context()
    context.set_default_timeout(180_000)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    _sign_in_and_answer(page, served_hostile, "Rina O'Neil")
    for toggle in page.locator(".asesorlab-evidence-toggle:visible").all():
        toggle.click()
    page.locator(".asesorlab-evidence:visible").first.wait_for()
    case_text = page.inner_text("body")
    injected = page.evaluate(INJECTED)
    page.locator(".asesorlab-submit").click()
    page.locator(".asesorlab-debrief .asesorlab-score").wait_for()
    injected += page.evaluate(INJECTED)
    context.close()
    record("served practice app (Voilà)", 1, len(dialogs))
    assert dialogs == [] and injected == 0
    assert not_shown(case_text) == []
