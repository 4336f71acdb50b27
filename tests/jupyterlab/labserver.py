"""A real JupyterLab on a free localhost port, and the browser steps to drive a notebook.

Used by the JupyterLab tests (through ``conftest.py``) and by
``benchmarks/editor_render.py``. Everything the server writes (config, data,
runtime, settings, workspaces) goes to a temporary folder; the notebook and the
scheme are copies in a temporary ``--ServerApp.root_dir``.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
JUPYTER = Path(sys.executable).parent / "jupyter"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
# Settings that keep pop-ups (news, update checks) off the page.
_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
}


def free_port() -> int:
    """A port that was free a moment ago (bind to port 0, read it back)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LabServer:
    """A running ``jupyter lab``: where it is and the folder it serves."""

    url: str
    token: str
    root: Path
    log: Path
    process: subprocess.Popen[str]

    def notebook_url(self, name: str) -> str:
        """The page of notebook ``name`` (relative to the root), with the token."""
        return f"{self.url}/lab/tree/{name}?token={self.token}&reset"


def _wait_for_start(process: subprocess.Popen[str], port: int, log: Path,
                    ready: threading.Event) -> None:
    """Copy the server's output to ``log``; set ``ready`` when it prints its URL."""
    assert process.stdout is not None
    with log.open("w", encoding="utf-8") as sink:
        for line in process.stdout:
            sink.write(line)
            sink.flush()
            if f"127.0.0.1:{port}/lab" in line:
                ready.set()
    ready.set()  # the process ended: stop waiting either way


@contextmanager
def lab_server(workdir: Path, files: dict[str, Path], timeout: float = 90) -> Iterator[LabServer]:
    """Start JupyterLab serving copies of ``files`` (name → source) from ``workdir/root``."""
    root = workdir / "root"
    root.mkdir(parents=True, exist_ok=True)
    for name, source in files.items():
        shutil.copyfile(source, root / name)
    settings = workdir / "settings"
    for name, value in _SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value), encoding="utf-8")
    env = {**os.environ,
           "JUPYTER_CONFIG_DIR": str(workdir / "config"),
           "JUPYTER_DATA_DIR": str(workdir / "data"),
           "JUPYTER_RUNTIME_DIR": str(workdir / "runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(settings),
           "JUPYTERLAB_WORKSPACES_DIR": str(workdir / "workspaces"),
           "IPYTHONDIR": str(workdir / "ipython"),
           "ASESORLAB_LANG": "id",
           "PYTHONPATH": str(ROOT)}
    port, token = free_port(), secrets.token_hex(16)
    log = workdir / "jupyter-lab.log"
    process = subprocess.Popen(
        [str(JUPYTER), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True",
         "--LabApp.news_url=", "--LabApp.extension_manager=readonly",
         *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])],
        cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    ready = threading.Event()
    reader = threading.Thread(target=_wait_for_start, args=(process, port, log, ready),
                              daemon=True)
    reader.start()
    try:
        if not ready.wait(timeout) or process.poll() is not None:
            raise RuntimeError(f"jupyter lab did not start; see {log}:\n{log.read_text()}")
        yield LabServer(f"http://127.0.0.1:{port}", token, root, log, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        reader.join(timeout=10)


def launch_browser(playwright: Any) -> Any:
    """Debian's Chromium, headless."""
    return playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)


def open_notebook(page: Any, server: LabServer, name: str, timeout: float = 60_000) -> None:
    """Open notebook ``name`` and wait until its kernel is idle."""
    page.goto(server.notebook_url(name))
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=timeout)
    page.wait_for_function(
        """() => {
            const app = window.jupyterapp;
            const panel = app && app.shell.currentWidget;
            const kernel = panel && panel.sessionContext && panel.sessionContext.session
                && panel.sessionContext.session.kernel;
            return !!kernel && kernel.status === 'idle'
                && panel.sessionContext.isReady;
        }""", timeout=timeout)


def run_all_cells_from_menu(page: Any) -> None:
    """Run ▸ Run All Cells, as a user does."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()


def generate_in_simulator(page: Any) -> Any:
    """Open the author app's "Simulator kasus" tab, generate a case, wait for its key;
    return the simulator's locator."""
    from playwright.sync_api import expect

    page.locator(".lm-TabBar-tab", has_text="Simulator kasus").click()
    simulator = page.locator(".asesorlab-simulator")
    expect(simulator).to_be_visible(timeout=30_000)
    simulator.locator(".asesorlab-generate").click()
    expect(simulator.locator(".asesorlab-evidence").first).to_be_visible(timeout=30_000)
    expect(simulator.locator(".asesorlab-key")).to_contain_text("Kunci jawaban")
    return simulator


__all__ = ["LabServer", "free_port", "generate_in_simulator", "lab_server", "launch_browser",
           "open_notebook", "run_all_cells_from_menu"]
