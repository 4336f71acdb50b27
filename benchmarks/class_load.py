"""A whole class at once: N trainees through one case each against ``asesorlab serve``.

Each trainee is a websocket client speaking the widget protocol as the browser's widget
manager does (Chromium for 40 trainees does not fit on 2 cores beside the server): it
GETs ``/`` (the page, whose config names the page's kernel), opens the kernel's channels,
opens the ``jupyter.widget.control`` comm and asks for the widget states (as the page does
at start), signs in (an ``update`` of the name field), marks every KUK of the opened case K
(a ``click`` on each K button), and submits. Measured per trainee:

* ``first case``: GET ``/`` → the practice view of the first case shown (the update that
  makes it visible), the sign-in sent as soon as the states arrived;
* ``click → update``: a K click sent → the kernel's update of that button (its style);
* ``submit → debrief``: the Submit click → the score in a widget's value;
* per kernel, at the end (every trainee's kernel still running): RSS and PSS
  (``/proc/PID/smaps_rollup``: shared pages split between the processes sharing them);
* failures (with the first reason of each kind) and the attempts the store holds, which
  must equal the submits.

Between two clicks a trainee "reads" for ``--think`` seconds (±50 %, seeded); ``--think 0``
is a stress run. Trainees arrive within ``--spread`` seconds (0: all at once).

With ``--hub`` the same clients go through a trial JupyterHub (:mod:`training.hub_trial`):
each signs in with the hub's login form, waits for their own server as the hub's pending
page does, and then goes through the case (no sign-in step: the hub's user is the trainee);
the memory of each trainee's own server is reported beside the kernel's.

The browser's own downloads (scripts, styles) are not part of this run: see
``benchmarks/slow_network.py``.

Usage::

    python benchmarks/class_load.py                        # N = 10, 20, 40; SQLite, PostgreSQL
    python benchmarks/class_load.py -n 20 --no-postgres    # one size, SQLite only
    python benchmarks/class_load.py --serve-arg=--pool=1 --label before
    python benchmarks/class_load.py -n 2 --no-postgres --results /tmp/out   # a smoke run
    python benchmarks/class_load.py -n 10 -n 20 --hub --no-serve   # a trial JupyterHub
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import math
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import print_table, write_result
from practice_app import BIN, READY, RUNNING, Server, free_port

KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-f-]{36})"')


class Trainee:
    """One trainee's browser, as far as the kernel sees it: the page's widget manager."""

    def __init__(self, base: str, name: str, think: float, seed: int,
                 timeout: float = 300.0) -> None:
        self.base, self.name, self.think = base, name, think
        self.random = random.Random(seed)
        self.timeout = timeout
        self.models: dict[str, dict[str, Any]] = {}
        self.session = uuid.uuid4().hex
        self.result: dict[str, Any] = {"clicks": [], "submitted": False}
        self.ws: Any = None
        self.kernel_id = ""

    # -- the protocol ------------------------------------------------------------------
    def _send(self, msg_type: str, content: dict[str, Any], version: str = "2.1.0") -> str:
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": msg_type, "username": self.name,
                       "session": self.session, "date": "", "version": "5.3"},
            "parent_header": {}, "metadata": {"version": version}, "content": content,
            "channel": "shell", "buffers": []}))
        return msg_id

    def _comm(self, comm_id: str, data: dict[str, Any]) -> str:
        return self._send("comm_msg", {"comm_id": comm_id, "data": data})

    def _apply(self, frame: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        """Apply a kernel message to the models; return the (model, state) changes."""
        kind, content = frame.get("msg_type"), frame.get("content", {})
        changes: list[tuple[str, dict[str, Any]]] = []
        if kind == "comm_open" and content.get("target_name") == "jupyter.widget":
            state = content["data"]["state"]
            self.models[content["comm_id"]] = dict(state)
            changes.append((content["comm_id"], state))
        elif kind == "comm_msg":
            data = content.get("data", {})
            if data.get("method") == "update_states":
                for model_id, model in data["states"].items():
                    self.models[model_id] = dict(model["state"])
                    changes.append((model_id, model["state"]))
            elif data.get("method") in ("update", "echo_update"):
                model = self.models.setdefault(content["comm_id"], {})
                model.update(data.get("state", {}))
                changes.append((content["comm_id"], data.get("state", {})))
        elif kind == "comm_close":
            self.models.pop(content.get("comm_id", ""), None)
        return changes

    def _wait(self, done: Callable[[list[tuple[str, dict[str, Any]]]], bool],
              what: str) -> None:
        """Read the kernel's messages until ``done(changes)`` holds."""
        deadline = time.monotonic() + self.timeout
        while True:
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                raw = self.ws.recv()
            except Exception as exc:
                raise RuntimeError(f"waiting for {what}: {type(exc).__name__}") from exc
            if isinstance(raw, bytes):
                continue
            if done(self._apply(json.loads(raw))):
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"waiting for {what}: timed out")

    def _find(self, css: str) -> str:
        for model_id, state in self.models.items():
            if css in state.get("_dom_classes", ()):
                return model_id
        raise RuntimeError(f"no widget with class {css}")

    @staticmethod
    def _ref(value: str) -> str:
        return value.removeprefix("IPY_MODEL_")

    # -- a trainee's run ---------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        import websocket

        start = time.perf_counter()
        try:
            page = self._open_page()
            found = KERNEL_ID.search(page)
            if not found:
                raise RuntimeError("the page names no kernel: " +
                                   re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))[-200:])
            self.kernel_id = found.group(1)
            self.result["page_s"] = time.perf_counter() - start
            host = self.base.split("//", 1)[1].rstrip("/")
            self.ws = websocket.create_connection(
                f"ws://{host}/api/kernels/{self.kernel_id}/channels?session_id={self.session}",
                timeout=self.timeout, cookie=self._cookie())
            control = uuid.uuid4().hex
            self._send("comm_open", {"comm_id": control, "target_name":
                                     "jupyter.widget.control", "data": {}},
                       version="1.0.0")  # the control protocol's version
            self._comm(control, {"method": "request_states"})
            self._wait(lambda changes: bool(changes) and len(self.models) > 10, "states")
            self.result["states_s"] = time.perf_counter() - start
            self._sign_in()
            self.result["first_case_s"] = time.perf_counter() - start
            self._judge_and_submit()
        except Exception as exc:
            self.result["error"] = str(exc)[:300]
        finally:
            if self.ws is not None:
                self.ws.close()
        self.result["kernel"] = self.kernel_id
        return self.result

    def _open_page(self) -> str:
        """The practice page (its config names its kernel)."""
        with urllib.request.urlopen(self.base, timeout=self.timeout) as response:
            return str(response.read().decode("utf-8", "replace"))

    def _cookie(self) -> str | None:
        """The cookies the page's websocket carries (none for ``asesorlab serve``)."""
        return None

    def _sign_in(self) -> None:
        name_field, start = self._find("asesorlab-trainee"), self._find("asesorlab-start")
        practice = self._find("asesorlab-practice")
        layout = self._ref(self.models[practice]["layout"])
        self._comm(name_field, {"method": "update", "state": {"value": self.name},
                                "buffer_paths": []})
        self._comm(start, {"method": "custom", "content": {"event": "click"}})
        self._wait(lambda _c: self.models.get(layout, {}).get("display") not in ("none", None),
                   "the first case")

    def _k_buttons(self) -> list[str]:
        """The K button of every KUK row below the practice box (rows sit in unit sections)."""
        buttons: list[str] = []
        stack = [self._find("asesorlab-practice")]
        while stack:
            model_id = stack.pop()
            model = self.models.get(model_id, {})
            if "asesorlab-verdict-k" in model.get("_dom_classes", ()):
                buttons.append(model_id)
                continue
            stack.extend(reversed([self._ref(c) for c in model.get("children", [])]))
        return buttons

    def _judge_and_submit(self) -> None:
        buttons = self._k_buttons()
        if not buttons:
            raise RuntimeError("the opened case shows no KUK")
        for button in buttons:
            if self.think:
                time.sleep(self.think * self.random.uniform(0.5, 1.5))
            begin = time.perf_counter()
            self._comm(button, {"method": "custom", "content": {"event": "click"}})
            self._wait(lambda changes, b=button: any(
                model == b and "button_style" in state for model, state in changes),
                "the K button's update")
            self.result["clicks"].append(time.perf_counter() - begin)
        submit = self._find("asesorlab-submit")
        begin = time.perf_counter()
        self._comm(submit, {"method": "custom", "content": {"event": "click"}})
        self._wait(lambda changes: any("asesorlab-score" in str(state.get("value", ""))
                                       for _m, state in changes), "the debrief")
        self.result["submit_s"] = time.perf_counter() - begin
        self.result["submitted"] = True


class HubTrainee(Trainee):
    """A trainee of a class on JupyterHub: signs in to the hub (the login form), which starts
    their own server; the app takes their name from the hub, so there is no sign-in step."""

    def __init__(self, hub: str, name: str, password: str, think: float, seed: int,
                 timeout: float = 300.0) -> None:
        super().__init__(f"{hub}user/{name}/", name, think, seed, timeout)
        self.hub, self.password = hub, password
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _open_page(self) -> str:
        with self.opener.open(f"{self.hub}hub/login", timeout=self.timeout) as response:
            form = response.read().decode("utf-8", "replace")
        xsrf = re.search(r'name="_xsrf"\s+value="([^"]+)"', form)
        data = urllib.parse.urlencode({"username": self.name, "password": self.password,
                                       "_xsrf": xsrf.group(1) if xsrf else ""}).encode()
        with self.opener.open(f"{self.hub}hub/login", data=data,
                              timeout=self.timeout) as response:
            response.read()  # the hub starts the server; its "pending" page
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:  # as the pending page does: until the app is up
            with self.opener.open(self.base, timeout=self.timeout) as response:
                page = str(response.read().decode("utf-8", "replace"))
            if KERNEL_ID.search(page):
                return page
            time.sleep(1.0)
        raise RuntimeError("the hub never gave the trainee's server")

    def _cookie(self) -> str | None:
        path = urllib.parse.urlsplit(self.base).path
        return "; ".join(f"{c.name}={c.value}" for c in self.jar if path.startswith(c.path))

    def _sign_in(self) -> None:
        practice = self._find("asesorlab-practice")
        layout = self._ref(self.models[practice]["layout"])
        if self.models.get(layout, {}).get("display") not in ("none", None):
            return  # the hub's user was signed in when the page took the kernel
        self._wait(lambda _c: self.models.get(layout, {}).get("display") not in ("none", None),
                   "the first case")


# -- the server and its kernels -------------------------------------------------------

def kernel_memory(server_pid: int) -> list[dict[str, float]]:
    """RSS and PSS (MB) of each kernel process under the server (children, or forks of a
    kernel template that is a child)."""
    found = []
    for pid in descendants(server_pid):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
            status = Path(f"/proc/{pid}/status").read_text()
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        kernel = b"ipykernel" in cmdline or (b"kernel_template" in cmdline and
                                            not _is_template(pid))
        if not kernel and b"-m voila" not in cmdline:
            continue
        kind = "kernel" if kernel else "server"  # a trainee's own server under JupyterHub
        rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]
        pss = int(re.search(r"^Pss:\s+(\d+)", rollup, re.M).group(1)) / 1024  # type: ignore[union-attr]
        found.append({"pid": pid, "kind": kind, "rss_mb": rss, "pss_mb": pss})
    return found


def _is_template(pid: int) -> bool:
    """A kernel template is the parent of forked kernels, itself not forked from one."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        return b"kernel_template" not in Path(f"/proc/{parent}/cmdline").read_bytes()
    except OSError:
        return False


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def shutdown_kernels(base: str, kernels: list[str]) -> None:
    for kernel in kernels:
        try:
            request = urllib.request.Request(f"{base}voila/api/shutdown/{kernel}", method="POST",
                                             data=b"")
            urllib.request.urlopen(request, timeout=30).close()
        except Exception:  # already gone
            continue


def p(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def drive(trainees: list[Trainee], spread: float) -> tuple[list[dict[str, Any]], float]:
    """Run every trainee at once (arriving within ``spread`` s); their results, the wall time."""
    size = len(trainees)
    results: list[dict[str, Any]] = [{} for _ in trainees]
    gate = threading.Barrier(size)

    def one(index: int) -> None:
        gate.wait()
        if spread:
            time.sleep(spread * index / size)
        results[index] = trainees[index].run()

    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(size)]
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - begin


def stored_attempts(db: str) -> int:
    from toolkit.store import Store

    store = Store(db)
    try:
        return store.count()
    finally:
        store.dispose()


def summary(results: list[dict[str, Any]], wall: float, memory: list[dict[str, float]],
            stored: int, log_tail: list[str]) -> dict[str, Any]:
    """The measures of one run."""
    clicks = [c for r in results for c in r.get("clicks", [])]
    first = [r["first_case_s"] for r in results if "first_case_s" in r]
    submits = [r["submit_s"] for r in results if r.get("submitted")]
    errors: dict[str, int] = {}
    for r in results:
        if "error" in r:
            reason = re.sub(r"[0-9a-f]{8,}", "…", r["error"])[:120]
            errors[reason] = errors.get(reason, 0) + 1
    kernels = [m for m in memory if m.get("kind", "kernel") == "kernel"]
    servers = [m for m in memory if m.get("kind") == "server"]
    return {
        "trainees": len(results), "wall_s": wall,
        "first_case_p50_s": p(first, 0.5), "first_case_p95_s": p(first, 0.95),
        "first_case_max_s": max(first, default=float("nan")),
        "click_p50_ms": p(clicks, 0.5) * 1000, "click_p95_ms": p(clicks, 0.95) * 1000,
        "clicks": len(clicks),
        "submit_p50_ms": p(submits, 0.5) * 1000, "submit_p95_ms": p(submits, 0.95) * 1000,
        "submits": len(submits), "attempts_stored": stored,
        "failures": sum(1 for r in results if "error" in r), "errors": errors,
        "kernels": len(kernels),
        "kernel_rss_mb": statistics.median([m["rss_mb"] for m in kernels]) if kernels else 0.0,
        "kernel_pss_mb": statistics.median([m["pss_mb"] for m in kernels]) if kernels else 0.0,
        "kernels_rss_total_mb": sum(m["rss_mb"] for m in kernels),
        "kernels_pss_total_mb": sum(m["pss_mb"] for m in kernels),
        "servers": len(servers),
        "server_rss_mb": statistics.median([m["rss_mb"] for m in servers]) if servers else 0.0,
        "servers_pss_total_mb": sum(m["pss_mb"] for m in servers),
        "server_log_tail": log_tail,
    }


def run_class(cases: Path, db: str, size: int, serve_args: list[str], think: float,
              spread: float, env: dict[str, str]) -> dict[str, Any]:
    """Serve, drive ``size`` trainees at once, measure, stop the server."""
    port = free_port()
    command = [str(BIN / "asesorlab"), "serve", str(cases), "--port", str(port), "--db", db,
               "--lang", "en", *serve_args]
    no_pool = any(arg in ("--pool=0", "--pool 0") for arg in serve_args)
    server = Server(command, RUNNING if no_pool else READY, env)
    base = f"http://127.0.0.1:{port}/"
    try:
        results, wall = drive([Trainee(base, f"trainee {i:02d}", think, seed=i)
                               for i in range(size)], spread)
        memory = kernel_memory(server.process.pid)
        shutdown_kernels(base, [r["kernel"] for r in results if r.get("kernel")])
    finally:
        server.stop()
    return summary(results, wall, memory, stored_attempts(db), server.lines[-5:])


def run_hub_class(cases: Path, db: str, size: int, think: float, spread: float,
                  env: dict[str, str], work: Path) -> dict[str, Any]:
    """A trial JupyterHub (``training.hub_trial``: the deployment's configuration with one
    password and local processes): ``size`` trainees sign in at once, each to a server of
    their own, and go through a case."""
    from training.hub_trial import trial_hub

    names = tuple(f"t{i:02d}" for i in range(size))
    password = uuid.uuid4().hex
    with trial_hub(work / f"hub-{uuid.uuid4().hex[:6]}", db, cases, password=password,
                   trainees=names, env=env) as hub:
        results, wall = drive([HubTrainee(hub.url, name, password, think, seed=i)
                               for i, name in enumerate(names)], spread)
        memory = kernel_memory(hub.process.pid)
        log_tail = hub.log[-5:]
    return summary(results, wall, memory, stored_attempts(db), log_tail)


def sample_cases(folder: Path, count: int) -> Path:
    from toolkit.cases.io import save_case_set
    from toolkit.cases.keys import generate_case_set
    from toolkit.schemeio import read_scheme, sample_scheme_path

    made = generate_case_set(read_scheme(sample_scheme_path()), count=count, seed=11)
    save_case_set([(c, k) for c, k, _f in made], folder, [f for _c, _k, f in made])
    return folder


@contextmanager
def databases(work: Path, postgres: bool) -> Iterator[dict[str, Callable[[str], str]]]:
    """Database URL makers: a fresh SQLite file, a fresh PostgreSQL database per run."""
    made: dict[str, Callable[[str], str]] = {
        "sqlite": lambda name: f"sqlite:///{work / (name + '.db')}"}
    context = nullcontext(None)
    if postgres:
        from cohort import postgres as start_postgres

        context = start_postgres()  # type: ignore[assignment]
    with context as url:
        if url:
            import psycopg

            server = url.rsplit("/", 1)[0]

            def fresh(name: str) -> str:
                plain = server.replace("postgresql+psycopg://", "postgresql://")
                with psycopg.connect(f"{plain}/postgres", autocommit=True) as conn:
                    conn.execute(f'CREATE DATABASE "{name}"')
                return f"{server}/{name}"

            made["postgresql"] = fresh
        yield made


def _whole(value: float) -> int | str:
    """``value`` rounded, or "-" when nothing was measured (NaN: every trainee failed)."""
    return "-" if math.isnan(value) else round(value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", "--trainees", type=int, action="append",
                        help="class size (repeat; default 10, 20, 40)")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--hub", action="store_true",
                        help="also a trial JupyterHub (training.hub_trial) per class size, "
                             "with PostgreSQL: every trainee signs in to the hub")
    parser.add_argument("--no-serve", action="store_true",
                        help="no asesorlab serve runs (with --hub: the hub only)")
    parser.add_argument("--think", type=float, default=0.5,
                        help="seconds between two clicks of one trainee (±50%%)")
    parser.add_argument("--spread", type=float, default=0.0,
                        help="trainees arrive within this many seconds (0: at once)")
    parser.add_argument("--serve-arg", action="append", default=[],
                        help="extra argument of asesorlab serve (repeat), e.g. --pool=1; "
                             "the text {n} is replaced by the class size")
    parser.add_argument("--label", default="", help="a name for this run's JSON file")
    parser.add_argument("--results", type=Path, default=None,
                        help="folder for the JSON (default benchmarks/results)")
    args = parser.parse_args()
    sizes = args.trainees or [10, 20, 40]
    work = Path(tempfile.mkdtemp(prefix="asesorlab-class-"))
    env = dict(os.environ, PYTHONUNBUFFERED="1", ASESORLAB_LANG="en",
               XDG_CACHE_HOME=str(work / "cache"), XDG_DATA_HOME=str(work / "data"))
    cases = sample_cases(work / "cases", 10)
    runs: list[dict[str, Any]] = []
    plan = [] if args.no_serve else [("serve", kind) for kind in
                                         (["sqlite"] + ([] if args.no_postgres else
                                                        ["postgresql"]))]
    plan += [("hub", "postgresql")] if args.hub else []
    with databases(work, any(kind == "postgresql" for _t, kind in plan)) as dbs:
        for target, kind in plan:
            for size in sizes:
                serve_args = [a.replace("{n}", str(size)) for a in args.serve_arg]
                db = dbs[kind](f"class_{kind}_{size}_{uuid.uuid4().hex[:6]}")
                print(f"  {target}, {kind}, {size} trainees "
                      f"{' '.join(serve_args) if target == 'serve' else ''}…",
                      file=sys.stderr, flush=True)
                if target == "hub":
                    run = run_hub_class(cases, db, size, args.think, args.spread, env, work)
                else:
                    run = run_class(cases, db, size, serve_args, args.think, args.spread, env)
                run["db"], run["target"] = kind, target
                runs.append(run)
                print(f"    first case p95 {run['first_case_p95_s']:.1f} s, click p95 "
                      f"{run['click_p95_ms']:.0f} ms, failures {run['failures']} "
                      f"{run['errors'] or ''}", file=sys.stderr, flush=True)
    rows = [[r["target"], r["db"], r["trainees"], r["first_case_p50_s"], r["first_case_p95_s"],
             _whole(r["click_p50_ms"]), _whole(r["click_p95_ms"]), _whole(r["submit_p95_ms"]),
             _whole(r["kernel_rss_mb"]), _whole(r["kernel_pss_mb"]),
             _whole(r["server_rss_mb"]) if r["servers"] else "-", r["failures"],
             f"{r['attempts_stored']}/{r['submits']}"] for r in runs]
    print(f"serve {' '.join(args.serve_arg) or '(defaults)'}; think {args.think} s; "
          f"spread {args.spread} s; first case in s, latencies in ms, memory in MB (median "
          "per kernel; under the hub also per trainee's server)")
    print_table(["target", "db", "N", "first case p50", "p95", "click p50", "click p95",
                 "submit p95", "kernel RSS", "PSS", "server RSS", "failures",
                 "stored/submits"], rows)
    targets = {f"{r['target']}-{r['db']}-{r['trainees']}": {
        "click_p95_under_300ms": r["click_p95_ms"] < 300,
        "no_lost_attempts": r["attempts_stored"] == r["submits"] and r["failures"] == 0}
        for r in runs}
    name = "class_load" + (f"-{args.label}" if args.label else "")
    path = write_result(name, {"serve_args": args.serve_arg, "think_s": args.think,
                               "spread_s": args.spread, "runs": runs, "targets": targets},
                        folder=args.results)
    print(f"targets: {targets}")
    print(f"written: {path}")
    return 0 if all(r["failures"] == 0 for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
