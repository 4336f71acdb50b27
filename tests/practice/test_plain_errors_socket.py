"""An error in a widget callback reaches the browser as one plain sentence: no traceback, no
install path, no exception name in any websocket frame; the server's log has it all.

The error is real: the answer key of the first case is removed from the served folder, so
the kernel fails when the trainee submits.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from toolkit.cases.io import case_files, key_path_for

from .conftest import Served, start_server, stop_server
from .test_browser import _sign_in_and_answer

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

#: What a traceback or an install path looks like in a frame.
LEAKS = ("Traceback", "site-packages", 'File "', ".py\\", ".py:", "/work/", "/root/", "/tmp/",
         "SchemeInvalid", "FileNotFoundError", "\\u001b[")


@pytest.fixture
def served_broken(case_set: Path, tmp_path: Path) -> Iterator[Served]:
    cases = tmp_path / "cases"
    shutil.copytree(case_set, cases)
    key_path_for(case_files(cases)[0]).unlink()
    server = start_server(cases, f"sqlite:///{tmp_path / 'attempts.db'}")
    yield server
    stop_server(server)


def _text(payload: str | bytes) -> str:
    return payload if isinstance(payload, str) else payload.decode("utf-8", "replace")


def test_a_failing_callback_sends_a_plain_message_only(chromium: Any,
                                                       served_broken: Served) -> None:
    context = chromium.new_context()
    page = context.new_page()
    frames: list[str] = []
    sockets: list[Any] = []

    def on_websocket(ws: Any) -> None:
        sockets.append(ws)
        ws.on("framereceived", lambda payload: frames.append(_text(payload)))

    page.on("websocket", on_websocket)
    _sign_in_and_answer(page, served_broken, "Eka Putri")
    plain = "Something went wrong in the practice app"
    kernel = next(ws for ws in sockets if "/api/kernels/" in ws.url)
    with kernel.expect_event("framereceived", predicate=lambda p: plain in _text(p),
                             timeout=120_000):
        page.locator(".asesorlab-submit").click()
    context.close()
    leaked = {leak for frame in frames for leak in LEAKS if leak in frame}
    assert leaked == set()
    log = "".join(served_broken.log)
    assert "error in the practice app" in log and "Traceback" in log
