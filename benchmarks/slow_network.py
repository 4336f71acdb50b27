"""A trainee on a slow line: bytes downloaded and time until the case is usable, throttled.

Chromium's DevTools network emulation (CDP ``Network.emulateNetworkConditions``): 1.6 Mbps
down, 750 kbps up, 150 ms latency, cache off — a phone on a classroom's shared connection.
Each view is a fresh browser context (a first visit). Measured:

* ``usable``: navigation → signed in and the first KUK's K button visible (the trivial
  one-button Voilà app: its button visible);
* ``kB``: bytes on the wire (``encodedDataLength``: compressed when the server compresses)
  of every response until then, and the number of requests; ``outside``: requests to
  another host than this machine (they fail in a TUK without internet).

The practice app as served by this checkout's ``asesorlab`` ("after") and, with
``--before DIR``, by another checkout's (``DIR/.venv/bin/asesorlab``, e.g. ``main``), beside
the trivial app under plain Voilà, all in one run. Preheated pool; each view waits for the
next kernel's ``[asesorlab ready]``.

Usage::

    python benchmarks/slow_network.py --before /work/main     # before/after and trivial
    python benchmarks/slow_network.py --views 1               # quicker
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import print_table, write_result
from practice_app import BIN, CHROMIUM_ARGS, READY, Server, free_port, trivial_server

PROFILE = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8,
           "uploadThroughput": 750_000 / 8}


def throttled_view(browser: Any, url: str, usable: Any) -> dict[str, float]:
    """One first visit on the throttled profile; ``usable(page)`` waits for the goal."""
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", PROFILE)
    sizes: dict[str, float] = {}
    urls: dict[str, str] = {}
    cdp.on("Network.requestWillBeSent",
           lambda event: urls.__setitem__(event["requestId"], event["request"]["url"]))
    cdp.on("Network.loadingFinished",
           lambda event: sizes.__setitem__(event["requestId"], event["encodedDataLength"]))
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=600_000)
    usable(page)
    seconds = time.perf_counter() - start
    outside = sum(1 for u in urls.values()
                  if urlparse(u).hostname not in (None, "", "127.0.0.1", "localhost"))
    result = {"usable_s": seconds, "kB": sum(sizes.values()) / 1024,
              "requests": float(len(urls)), "outside": float(outside)}
    page.close(run_before_unload=True)
    context.close()
    return result


def app_usable(page: Any) -> None:
    name = page.locator(".asesorlab-trainee input")
    name.wait_for(state="visible", timeout=600_000)
    name.fill("slow line trainee")
    page.locator(".asesorlab-start").click()
    page.locator(".asesorlab-kuk:visible .asesorlab-verdict-k").first.wait_for(
        state="visible", timeout=600_000)


def trivial_usable(page: Any) -> None:
    page.locator(".widget-button").first.wait_for(state="visible", timeout=600_000)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", type=Path, default=None,
                        help="another checkout whose .venv/bin/asesorlab is 'before'")
    parser.add_argument("--views", type=int, default=3, help="views per setting")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from toolkit.cases.io import save_case_set
    from toolkit.cases.keys import generate_case_set
    from toolkit.schemeio import read_scheme, sample_scheme_path

    work = Path(tempfile.mkdtemp(prefix="asesorlab-slow-"))
    env = dict(os.environ, PYTHONUNBUFFERED="1", ASESORLAB_LANG="en",
               XDG_CACHE_HOME=str(work / "cache"), XDG_DATA_HOME=str(work / "data"))
    made = generate_case_set(read_scheme(sample_scheme_path()), count=3, seed=5)
    save_case_set([(c, k) for c, k, _f in made], work / "cases", [f for _c, _k, f in made])
    servers = {"practice app, after (this checkout)": BIN / "asesorlab"}
    if args.before:
        servers = {"practice app, before (" + args.before.name + ")":
                   args.before / ".venv" / "bin" / "asesorlab", **servers}
    results: dict[str, dict[str, Any]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        trivial, url = trivial_server(work, env)
        try:
            runs = [throttled_view(browser, url, trivial_usable) for _ in range(args.views)]
        finally:
            trivial.stop()
        results["trivial one-button app (plain voila)"] = {"runs": runs}
        for label, command in servers.items():
            port = free_port()
            server = Server([str(command), "serve", str(work / "cases"), "--port", str(port),
                             "--db", f"sqlite:///{work / (str(port) + '.db')}", "--lang", "en"],
                            READY, env)
            runs = []
            try:
                for _view in range(args.views):
                    ready = server.count(READY)
                    runs.append(throttled_view(browser, f"http://127.0.0.1:{port}/",
                                               app_usable))
                    server.wait_for(READY, ready + 1, timeout=600)
            finally:
                server.stop()
            results[label] = {"runs": runs}
            print(f"  {label}: {runs}", file=sys.stderr, flush=True)
        browser.close()
    rows = []
    for label, data in results.items():
        for key in ("usable_s", "kB", "requests", "outside"):
            data[key] = statistics.median(r[key] for r in data["runs"])
        rows.append([label, data["usable_s"], round(data["kB"]), int(data["requests"]),
                     int(data["outside"])])
    print(f"throttled: 1.6 Mbps down, 750 kbps up, 150 ms latency, no cache; median of "
          f"{args.views} first visits; usable = signed in, first K button visible")
    print_table(["setting", "usable (s)", "kB on the wire", "requests", "outside"], rows)
    path = write_result("slow_network", {"profile": PROFILE, "views": args.views,
                                         "results": results})
    print(f"written: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
