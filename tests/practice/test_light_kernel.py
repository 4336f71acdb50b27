"""The practice kernel is light: it runs the notebook without Voilà's server side, and a
preheated kernel still gets the page's request (``?case=ID``) over Voilà's websocket.

A real kernel (``jupyter_client``) runs ``notebooks/practice.ipynb`` with the environment
``asesorlab serve`` gives its kernels; a real websocket server stands in for Voilà's
``/voila/query/<kernel id>`` handler, speaking its protocol (one JSON message of the
request's variables). ``tests/practice/test_browser_duties.py`` opens ``?case=ID`` through
a real Voilà server.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
from jupyter_client.manager import KernelManager

from toolkit.cases.io import case_files
from toolkit.schemeio import sample_scheme_path
from training.serve import Source, kernel_environment
from widgets.practice.page_request import query_string, query_url

from .conftest import free_port

pytestmark = [pytest.mark.server]

ROOT = Path(__file__).resolve().parents[2]
SERVER_SIDE = ("voila", "jupyter_server", "nbconvert", "jupyterlab_server", "requests")


class QueryServer:
    """Voilà's query handler, as a page taking a preheated kernel makes it speak."""

    def __init__(self, variables: dict[str, str]) -> None:
        self.variables, self.port, self.paths = variables, free_port(), []
        self.loop = asyncio.new_event_loop()
        started = threading.Event()
        threading.Thread(target=self._run, args=(started,), daemon=True).start()
        assert started.wait(10)

    def _run(self, started: threading.Event) -> None:
        import websockets

        async def handler(socket: Any) -> None:
            self.paths.append(socket.request.path)
            await socket.send(json.dumps(self.variables))

        async def main() -> None:
            async with websockets.serve(handler, "127.0.0.1", self.port):
                started.set()
                await asyncio.Future()

        self.loop.run_until_complete(main())


@pytest.fixture
def kernel(case_set: Path, tmp_path: Path) -> Iterator[Any]:
    def start(extra: dict[str, str]) -> Any:
        env = kernel_environment(Source(case_set, sample_scheme_path()),
                                 f"sqlite:///{tmp_path / 'attempts.db'}", "id")
        env.update(extra)
        manager = KernelManager(kernel_name="python3")
        manager.start_kernel(env=env, cwd=str(ROOT / "notebooks"))
        managers.append(manager)
        client = manager.client()
        client.start_channels()
        client.wait_for_ready(120)
        return client

    managers: list[KernelManager] = []
    yield start
    for manager in managers:
        manager.shutdown_kernel(now=True)


def run(client: Any, code: str) -> str:
    """Run ``code`` in the kernel; its printed output (an error fails the test)."""
    printed: list[str] = []

    def hook(msg: dict[str, Any]) -> None:
        if msg["msg_type"] == "stream":
            printed.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            printed.append("\n".join(msg["content"]["traceback"]))

    reply = client.execute_interactive(code, timeout=180, output_hook=hook)
    assert reply["content"]["status"] == "ok", "".join(printed)
    return "".join(printed)


def run_notebook(client: Any) -> None:
    for cell in nbformat.read(ROOT / "notebooks" / "practice.ipynb", as_version=4).cells:
        if cell.cell_type == "code":
            run(client, cell.source)


def test_a_preheated_kernel_gets_the_request_without_importing_voila(
        kernel: Any, case_set: Path) -> None:
    wanted = case_files(case_set)[1].name.removesuffix(".json")
    query = QueryServer({"QUERY_STRING": f"case={wanted}", "SERVER_SOFTWARE": "voila/0.5"})
    client = kernel({"VOILA_PREHEAT": "True", "VOILA_KERNEL_ID": "k-1",
                     "VOILA_APP_IP": "127.0.0.1", "VOILA_APP_PORT": str(query.port),
                     "VOILA_SERVER_URL": "/"})
    run_notebook(client)
    assert query.paths == ["/voila/query/k-1"]
    seen = json.loads(run(client, (
        "import json, os, sys\n"
        f"side = {SERVER_SIDE!r}\n"
        "loaded = sorted({m for m in sys.modules if m.split('.')[0] in side})\n"
        "print(json.dumps({'query': os.environ.get('QUERY_STRING'),\n"
        "                  'requested': app._requested, 'loaded': loaded}))")))
    assert seen["query"] == f"case={wanted}" and seen["requested"] == wanted
    assert seen["loaded"] == [], f"the kernel imported Voilà's server side: {seen['loaded']}"


def test_outside_a_preheated_kernel_the_query_is_the_environment_s(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("QUERY_STRING", "case=case-0002")
    assert query_string() == "case=case-0002"
    monkeypatch.delenv("QUERY_STRING")
    assert query_string() is None


def test_the_query_url_follows_voila_s_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {"VOILA_WS_PROTOCOL": "wss", "VOILA_APP_IP": "10.0.0.5",
                        "VOILA_APP_PORT": "9000", "VOILA_SERVER_URL": "/user/ana/",
                        "VOILA_KERNEL_ID": "abc"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("VOILA_WS_BASE_URL", raising=False)
    assert query_url() == "wss://10.0.0.5:9000/user/ana/voila/query/abc"
    monkeypatch.setenv("VOILA_WS_BASE_URL", "/proxy/")
    assert query_url() == "wss://10.0.0.5:9000/proxy/voila/query/abc"


def test_a_preheated_kernel_whose_request_never_comes_opens_the_default(
        kernel: Any) -> None:
    client = kernel({"VOILA_PREHEAT": "True", "VOILA_KERNEL_ID": "gone",
                     "VOILA_APP_PORT": str(free_port())})  # nothing listens there
    run_notebook(client)
    assert run(client, "print(app._requested)").strip() == "None"
