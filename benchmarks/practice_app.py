"""Benchmark the practice app in Debian Chromium, beside a trivial one-button Voilà app.

Measured in one run, each in a fresh browser context (an empty cache, as a trainee's first
visit):

* ``first widget``: navigation → the first widget visible (our sign-in field; the trivial
  app's button);
* ``first KUK``: navigation → sign in → the first KUK row's K button visible and enabled;
* ``submit → debrief``: click Submit (every KUK answered) → the score visible; ``in page``
  is the same span on the browser's own clock (click event → score in the document),
  without Playwright's checks and polling, which take most of the first number.

For the sample scheme's cases (68 KUK) and for a 100-KUK case (a synthetic scheme), with a
kernel started per page view (``--pool 0``, cold) and with a preheated pool (``--pool 1``).
Targets: our app preheated reaches the first KUK no later than the trivial app shows its
button (ratio ≤ 1.0) and in under 2 s (median); submit → debrief under 300 ms.

"Preheated" means the kernel has run the notebook: Voilà's "kernel pool is filled" only
says a kernel has *started* (the notebook then runs for seconds), so each preheated view
waits for the app's own line in the server log (``widgets.practice.READY``), written when
the kernel has built the app and waits for a page.

Each view also records what the page loads: requests and bytes (``requests``, ``kB``) and
the widget models the page receives (``models``: the states fetched at start, plus any
``comm_open`` until the measured point).

The machine is shared with other work while this runs, so the numbers are noisy: compare the
ratios of one run, not absolute times across runs.

Usage::

    python benchmarks/practice_app.py           # 5 page views per setting
    python benchmarks/practice_app.py --quick   # 2 page views per setting
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import print_table, write_result

BIN = Path(sys.executable).parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """A server process whose output is watched for lines (pool filled, running)."""

    def __init__(self, command: list[str], ready: str, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, env=env)
        self.lines: list[str] = []
        self._changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for(ready, 1)

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._changed:
                self.lines.append(line)
                self._changed.notify_all()

    def count(self, needle: str) -> int:
        with self._changed:
            return sum(needle in line for line in self.lines)

    def wait_for(self, needle: str, times: int, timeout: float = 180) -> None:
        """Wait until ``needle`` has appeared ``times`` times in the output."""
        with self._changed:
            if not self._changed.wait_for(
                    lambda: sum(needle in line for line in self.lines) >= times, timeout):
                raise RuntimeError(f"server never said {needle!r}:\n{''.join(self.lines[-30:])}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


READY = "[asesorlab ready]"  # widgets.practice.READY, without importing ipywidgets here
RUNNING = "is running at"


def trivial_notebook(folder: Path) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell(
        "import ipywidgets as w\nw.Button(description='Start')")]
    path = folder / "trivial.ipynb"
    nbformat.write(notebook, path)
    return path


def trivial_server(folder: Path, env: dict[str, str]) -> tuple[Server, str]:
    """The trivial one-button app under plain Voilà (the baseline): the server, its URL."""
    port = free_port()
    server = Server([str(BIN / "voila"), str(trivial_notebook(folder)), "--no-browser",
                     f"--port={port}", "--Voila.ip=127.0.0.1"], RUNNING, env)
    return server, f"http://127.0.0.1:{port}/"


def case_sets(folder: Path, quick: bool) -> dict[str, tuple[Path, Path]]:
    """Case folders and their scheme files: the sample scheme and a 100-KUK scheme."""
    from toolkit.cases import generate_cases
    from toolkit.cases.io import save_case_set
    from toolkit.schemeio import read_scheme, sample_scheme_path, save_scheme
    from toolkit.synthetic import make_large_scheme

    count = 3 if quick else 6
    sample = sample_scheme_path()
    save_case_set(generate_cases(read_scheme(sample), count=count, seed=3), folder / "sample")
    large = make_large_scheme(units=4, elements=5, criteria=5)  # 100 KUK
    large_path = save_scheme(large, folder / "scheme-100.yaml")
    save_case_set(generate_cases(large, count=count, seed=3), folder / "kuk100")
    return {"sample (68 KUK)": (folder / "sample", sample),
            "100 KUK": (folder / "kuk100", large_path)}


class Loads:
    """What a page loads: its requests (sizes read afterwards) and its websocket frames."""

    def __init__(self, page: Any) -> None:
        self.requests: list[Any] = []
        self.frames: list[str | bytes] = []
        page.on("requestfinished", lambda request: self.requests.append(request))
        page.on("websocket", lambda ws: ws.on("framereceived",
                                              lambda frame: self.frames.append(frame)))

    def summary(self) -> dict[str, float]:
        """Requests, kilobytes of response bodies, widget models received so far."""
        size = 0
        for request in list(self.requests):
            try:
                size += max(0, int(request.sizes()["responseBodySize"]))
            except Exception:  # a request whose page is gone
                continue
        models = 0
        for frame in list(self.frames):
            text = frame if isinstance(frame, str) else bytes(frame).decode("utf-8", "replace")
            if '"update_states"' in text:
                models += text.count('"_model_name"')
            elif '"comm_open"' in text and '"jupyter.widget"' in text:
                models += 1
        return {"requests": float(len(self.requests)), "kB": size / 1024, "models": float(models)}


def new_page(browser: Any) -> tuple[Any, Any, Loads]:
    context = browser.new_context()
    page = context.new_page()
    return context, page, Loads(page)


def close(context: Any, page: Any) -> None:
    page.close(run_before_unload=True)  # Voilà shuts the page's kernel down on unload
    context.close()


def view_trivial(browser: Any, url: str) -> dict[str, float]:
    context, page, loads = new_page(browser)
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.locator(".widget-button").first.wait_for(state="visible", timeout=120_000)
    first = time.perf_counter() - start
    result = {"first_widget": first, **loads.summary()}
    close(context, page)
    return result


#: In the page: the time of the click on Submit and of the score's arrival in the document
#: (the browser's own clock, without the round trips of Playwright's checks and polling).
WATCH_SUBMIT = """() => {
  const marks = window.__asesorlab = {};
  document.querySelector('.asesorlab-submit').addEventListener(
    'click', () => { marks.click = performance.now(); }, {capture: true, once: true});
  new MutationObserver((_changes, observer) => {
    if (document.querySelector('.asesorlab-score')) {
      marks.score = performance.now();
      observer.disconnect();
    }
  }).observe(document, {subtree: true, childList: true});
}"""


def view_app(browser: Any, url: str, trainee: str, submit: bool) -> dict[str, float]:
    context, page, loads = new_page(browser)
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    name = page.locator(".asesorlab-trainee input")
    name.wait_for(state="visible", timeout=120_000)
    first_widget = time.perf_counter() - start
    name.fill(trainee)
    page.locator(".asesorlab-start").click()
    rows = page.locator(".asesorlab-kuk:visible")
    first_k = rows.first.locator(".asesorlab-verdict-k")
    first_k.wait_for(state="visible", timeout=120_000)
    assert first_k.is_enabled()
    first_kuk = time.perf_counter() - start
    result = {"first_widget": first_widget, "first_kuk": first_kuk,
              "rows": float(rows.count()), **loads.summary()}
    if submit:
        buttons = page.locator(".asesorlab-kuk:visible .asesorlab-verdict-k")
        for index in range(buttons.count()):
            buttons.nth(index).click()
        page.locator(".asesorlab-units .widget-toggle-button.mod-active").last.wait_for()
        page.evaluate(WATCH_SUBMIT)
        begin = time.perf_counter()
        page.locator(".asesorlab-submit").click()
        page.locator(".asesorlab-score").wait_for(state="visible", timeout=60_000)
        result["submit_debrief"] = time.perf_counter() - begin
        result["submit_debrief_page"] = page.evaluate(
            "() => (window.__asesorlab.score - window.__asesorlab.click) / 1000")
    close(context, page)
    return result


def serve_app(cases: Path, scheme: Path, db: str, pool: int, env: dict[str, str]) -> tuple[
        Server, str]:
    port = free_port()
    command = [str(BIN / "asesorlab"), "serve", str(cases), "--scheme", str(scheme),
               "--port", str(port), "--db", db, f"--pool={pool}", "--lang", "en"]
    server = Server(command, READY if pool else RUNNING, env)
    return server, f"http://127.0.0.1:{port}/"


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 page views per setting")
    args = parser.parse_args()
    views = 2 if args.quick else 5
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="asesorlab-bench-"))
    env = dict(os.environ, PYTHONUNBUFFERED="1", ASESORLAB_LANG="en",
               XDG_CACHE_HOME=str(work / "cache"), XDG_DATA_HOME=str(work / "data"))
    sets = case_sets(work, args.quick)
    results: dict[str, dict[str, Any]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        trivial, url = trivial_server(work, env)
        try:
            view_trivial(browser, url)  # warm the server's caches
            runs = [view_trivial(browser, url) for _ in range(views)]
        finally:
            trivial.stop()
        results["trivial one-button app (plain voila)"] = {
            key: median([r[key] for r in runs])
            for key in ("first_widget", "requests", "kB", "models")} | {"runs": runs}
        for label, (cases, scheme) in sets.items():
            for pool in (0, 1):
                slug = re.sub(r"\W+", "_", label)
                db = f"sqlite:///{work / f'{slug}-{pool}.db'}"
                server, url = serve_app(cases, scheme, db, pool, env)
                runs = []
                try:
                    for view in range(views + 1):  # the first view warms the server's caches
                        ready = server.count(READY)
                        runs.append(view_app(browser, url, f"bench {view}", submit=True))
                        print(f"  {label}, pool {pool}, view {view}: "
                              f"{runs[-1]['first_kuk']:.2f} s", file=sys.stderr, flush=True)
                        if pool:  # wait until the next kernel has built the app
                            server.wait_for(READY, ready + 1)
                finally:
                    server.stop()
                runs = runs[1:]
                results[f"practice app, {label}, {'preheated' if pool else 'cold'}"] = {
                    key: median([r[key] for r in runs])
                    for key in ("first_widget", "first_kuk", "submit_debrief",
                                "submit_debrief_page", "rows", "requests", "kB", "models")
                } | {"runs": runs}
        browser.close()
    trivial_time = results["trivial one-button app (plain voila)"]["first_widget"]
    rows = []
    for name, data in results.items():
        first_kuk = data.get("first_kuk")
        rows.append([name, data["first_widget"], first_kuk if first_kuk else "-",
                     (first_kuk / trivial_time) if first_kuk else "-",
                     data.get("submit_debrief", "-"), data.get("submit_debrief_page", "-"),
                     int(data["requests"]),
                     round(data["kB"]), int(data["models"])])
    print(f"median of {views} page views each; seconds; ratio = first KUK / trivial app's "
          "first widget (target <= 1.0 preheated); shared, noisy machine")
    print_table(["setting", "first widget", "first KUK", "ratio", "submit->debrief",
                 "(in page)", "requests", "kB", "models"], rows)
    targets = {name: {"ratio_ok": data["first_kuk"] / trivial_time <= 1.0,
                      "under_2s": data["first_kuk"] < 2.0,
                      "debrief_under_300ms": data["submit_debrief"] < 0.3}
               for name, data in results.items() if "preheated" in name}
    path = write_result("practice_app" + ("-quick" if args.quick else ""),
                        {"views": views, "results": results, "targets": targets})
    print(f"targets (preheated): {targets}")
    print(f"written: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
