"""The database becomes read-only while a trainee works: the page says their work is kept and
to try again, the server's log says why, and once it is writable again the same submit is
stored — once.

Read-only is real: the database folder and files are chmod-ed. Root ignores file modes, so
under root (as in CI) the server runs without the capabilities that override them
(``setpriv --bounding-set -dac_override,-dac_read_search``).
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from toolkit.store import Store

from .conftest import Served, start_server, stop_server
from .test_browser import _pattern, _sign_in_and_answer

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]


def _modes_apply() -> tuple[str, ...]:
    """A command prefix under which file modes apply: root without the capabilities that
    override them (``setpriv``); nothing for another user."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot make a file read-only to the app")
    return (setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--")


@pytest.fixture
def base(case_set: Path) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="asesorlab-readonly-", dir="/tmp"))
    folder.chmod(0o755)
    shutil.copytree(case_set, folder / "cases")
    (folder / "db").mkdir()
    yield folder
    _writable(folder / "db")
    shutil.rmtree(folder, ignore_errors=True)


def _read_only(folder: Path) -> None:
    for path in folder.iterdir():
        path.chmod(0o444)
    folder.chmod(0o555)


def _writable(folder: Path) -> None:
    folder.chmod(0o755)
    for path in folder.iterdir():
        path.chmod(stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP | stat.S_IROTH)


@pytest.fixture
def served_readonly(base: Path) -> Iterator[Served]:
    server = start_server(base / "cases", f"sqlite:///{base / 'db' / 'attempts.db'}",
                          prefix=_modes_apply())
    yield server
    stop_server(server)


def test_read_only_database_mid_attempt_then_writable_again(chromium: Any, base: Path,
                                                            served_readonly: Served) -> None:
    served = served_readonly
    page = chromium.new_context().new_page()
    count = _sign_in_and_answer(page, served, "Dewi Lestari")
    _read_only(base / "db")
    page.locator(".asesorlab-submit").click()
    message = page.locator(".asesorlab-practice .asesorlab-error")
    message.wait_for()
    assert "could not be saved" in message.inner_text()
    assert "work stays on this page" in message.inner_text()
    assert "Traceback" not in page.inner_text("body")
    assert not page.locator(".asesorlab-debrief .asesorlab-score").is_visible()
    # the decisions are still on the page
    rows = page.locator(".asesorlab-kuk:visible")
    assert rows.count() == count
    assert rows.nth(2).locator(".asesorlab-verdict-bk.mod-danger").count() == 1
    assert rows.nth(0).locator(".asesorlab-verdict-k.mod-success").count() == 1
    assert any("attempts database refused submit" in line and "Dewi Lestari" in line
               for line in served.log), "".join(served.log[-20:])

    _writable(base / "db")
    page.locator(".asesorlab-submit").click()
    page.locator(".asesorlab-debrief .asesorlab-score").wait_for()
    page.context.close()
    store = Store(served.db_url)
    attempts = store.attempts("Dewi Lestari")
    store.dispose()
    assert len(attempts) == 1
    verdicts = list(attempts[0].judgement["criteria"].values())
    assert verdicts == [_pattern(i) for i in range(count)]
