"""Kernels under load: a cap per class and per browser, only healthy kernels handed out, no
asset from outside the machine, and the class-size rule (issues 14 and 17)."""

from __future__ import annotations

import http.cookiejar
import re
import shutil
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from training.admission import Admission, class_plan

from .conftest import Served, start_server, stop_server

KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-f-]{36})"')


# -- the rules, without a server ---------------------------------------------------------

@pytest.mark.parametrize(("size", "pool", "cap"), [(1, 1, 2), (4, 1, 5), (10, 3, 13),
                                                   (20, 5, 25), (40, 8, 50), (100, 8, 125)])
def test_class_plan(size: int, pool: int, cap: int) -> None:
    plan = class_plan(size)
    assert (plan.pool, plan.max_pages) == (pool, cap)


def test_admission_caps_per_browser_and_per_class() -> None:
    admission = Admission(max_pages=3, per_client=2, grace=60)
    for kernel in ("k1", "k2"):
        assert admission.refusal("a") is None
        admission.reserve("a")
        admission.settle("a", kernel)
    assert admission.observe({"k1", "k2"}, {}, now=1000) == []  # pages still being sent
    for kernel in ("k1", "k2"):
        admission.delivered(kernel, now=0)
    assert admission.refusal("a") == "client"
    assert admission.refusal("b") is None
    admission.reserve("b")  # being served: counts already
    assert admission.refusal("c") == "full"
    admission.settle("b", None)  # its kernel did not start
    assert admission.refusal("c") is None
    # k1's page connected and went away: the same browser may reload; k2 never connected
    assert admission.observe({"k1", "k2"}, {"k1": 1}, now=10) == []
    assert admission.freeable("a", {"k1": 1, "k2": 0}) == ["k2"]  # k1's page is open
    assert admission.freeable("a", {"k1": 1, "k2": 1}) == []  # two open tabs: "client"
    assert admission.freeable("a", {"k1": 0}) == ["k1", "k2"]  # the closed page first
    assert admission.freeable("b", {}) == []  # never another browser's
    assert admission.observe({"k1", "k2"}, {}, now=61) == ["k2"]
    assert admission.observe({"k1"}, {}, now=62) == [] and set(admission.held) == {"k1"}


# -- a real server -----------------------------------------------------------------------

def _kernels(served: Served) -> int:
    """Kernel processes of the server (its children)."""
    pid = served.process.pid
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    count = 0
    for child in children:
        try:
            count += b"ipykernel" in Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
    return count


def _get(url: str, opener: urllib.request.OpenerDirector | None = None) -> tuple[int, str]:
    try:
        with (opener or urllib.request.build_opener()).open(url, timeout=300) as response:
            return int(response.status), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


@pytest.mark.server
@pytest.mark.slow
def test_twenty_anonymous_page_loads_start_no_more_than_the_configured_kernels(
        case_set: Path, tmp_path: Path) -> None:
    plan = class_plan(2)  # pool 1, 3 kernels held by pages
    served = start_server(case_set, f"sqlite:///{tmp_path / 'a.db'}", "--class-size=2")
    try:
        # one browser (a cookie) loading three pages that never connect (reloads before
        # the scripts connected): the third replaces the first, the browser holds two
        browser = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        first = [_get(served.url, browser) for _ in range(3)]
        assert [status for status, _page in first] == [200, 200, 200]
        kernels = [KERNEL_ID.search(page).group(1) for _status, page in first]  # type: ignore[union-attr]
        shut = _wait_for_log(served, r"kernel ([0-9a-f-]{36}) shut down")
        assert shut == [kernels[0]], shut

        # twenty anonymous loads at once (a script, no cookies)
        most, loads = [0], []
        done = threading.Event()

        def watch() -> None:
            while not done.is_set():
                most[0] = max(most[0], _kernels(served))
                done.wait(0.05)

        def load() -> None:
            loads.append(_get(served.url))

        watcher = threading.Thread(target=watch)
        watcher.start()
        threads = [threading.Thread(target=load) for _ in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        done.set()
        watcher.join()
        served_pages = [page for status, page in loads if status == 200]
        refused = [page for status, page in loads if status == 503]
        assert len(served_pages) == plan.max_pages - 2  # the browser holds two
        assert len(refused) == 20 - len(served_pages)
        assert all("The class is full right now" in page and not KERNEL_ID.search(page)
                   for page in refused)
        assert most[0] <= plan.max_pages + plan.pool, most[0]
    finally:
        stop_server(served)


@pytest.mark.server
@pytest.mark.slow
def test_a_kernel_that_did_not_build_the_app_is_never_handed_out(
        case_set: Path, tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    shutil.copytree(case_set, cases)
    served = start_server(cases, f"sqlite:///{tmp_path / 'a.db'}", "--pool=1")
    try:
        status, page = _get(served.url)  # the healthy preheated kernel; the refill will fail
        assert status == 200
        good = KERNEL_ID.search(page).group(1)  # type: ignore[union-attr]
        cases.rename(tmp_path / "away")
        failed = _wait_for_log(served, r"kernel (\S+) did not build the practice app")
        assert good not in failed
        (tmp_path / "away").rename(cases)
        ready = sum("[asesorlab ready]" in line for line in served.log)
        _wait_for_log(served, re.escape("[asesorlab ready]"), times=ready + 1)
        status, page = _get(served.url)
        assert status == 200
        kernel = KERNEL_ID.search(page).group(1)  # type: ignore[union-attr]
        assert kernel not in failed
        assert "cannot start" not in page
    finally:
        stop_server(served)


def _wait_for_log(served: Served, pattern: str, times: int = 1,
                  timeout: float = 240) -> list[str]:
    """Wait until ``pattern`` matched ``times`` lines of the server's log; its groups."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [m for line in list(served.log) for m in [re.search(pattern, line)] if m]
        if len(found) >= times:
            return [m.group(1) if m.groups() else m.group(0) for m in found]
        served.process.poll()
        assert served.process.returncode is None, "".join(served.log[-30:])
        time.sleep(0.2)  # the log is read by another thread; poll it
    raise AssertionError(f"the server never logged {pattern!r}:\n{''.join(served.log[-30:])}")


@pytest.mark.server
def test_template_paths_outside_a_template_are_404(served: Served) -> None:
    for path in ("voila/templates/..", "voila/templates/../", "voila/templates/lab",
                 "voila/templates/lab/static/../../../../etc/passwd", "voila/templates/x/y"):
        request = urllib.request.Request(served.url + path)
        # urllib keeps ".." segments as written (a browser would fold them)
        status, _page = _get(request.full_url)
        assert status == 404, path


@pytest.mark.browser
@pytest.mark.server
def test_no_request_leaves_the_machine(chromium: Any, served: Served) -> None:
    context = chromium.new_context()
    outside: list[str] = []

    def refuse(request_route: Any) -> None:
        outside.append(request_route.request.url)
        request_route.abort()

    # matched by the browser's driver: only requests for another host reach Python
    context.route(re.compile(r"^(https?|wss?)://(?!(127\.0\.0\.1|localhost)[:/])"), refuse)
    context.on("request", lambda request: urlparse(request.url).hostname in
               (None, "", "127.0.0.1", "localhost") or outside.append(request.url))
    page = context.new_page()
    try:
        response = page.goto(served.url)
        assert response is not None and "asesorlab-preparing" in response.text()
        page.locator(".asesorlab-trainee input").wait_for(timeout=120_000)
        page.locator("#asesorlab-preparing").wait_for(state="detached", timeout=30_000)
        page.locator(".asesorlab-trainee input").fill("Offline Trainee")
        page.locator(".asesorlab-start").click()
        page.locator(".asesorlab-kuk .asesorlab-verdict-k").first.wait_for(timeout=60_000)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert outside == []


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.slow
def test_a_closed_page_gives_its_kernel_back_at_once(chromium: Any, case_set: Path,
                                                     tmp_path: Path) -> None:
    served = start_server(case_set, f"sqlite:///{tmp_path / 'a.db'}")
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.goto(served.url, timeout=120_000)
        page.locator(".asesorlab-trainee input").wait_for(state="visible", timeout=120_000)
        (kernel,) = KERNEL_ID.findall(page.content())
        # another browser (no cookie of this page's) cannot shut that kernel down
        status, _page = _post(f"{served.url}voila/api/shutdown/{kernel}")
        assert status == 403
        assert f"kernel {kernel} shut down" not in "".join(served.log)
        page.goto("about:blank")  # the page's beforeunload beacon
        assert _wait_for_log(served, rf"kernel ({kernel}) shut down: its page was closed",
                             timeout=30) == [kernel]
    finally:
        context.close()
        stop_server(served)


def _post(url: str) -> tuple[int, str]:
    try:
        request = urllib.request.Request(url, method="POST", data=b"")
        with urllib.request.urlopen(request, timeout=60) as response:
            return int(response.status), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
