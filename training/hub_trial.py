"""A trial JupyterHub on one machine: ``deploy/jupyterhub_config.py`` with a shared
password and local processes, for trying a class on a laptop, for the tests and for
``benchmarks/class_load.py --hub``.

The deployment's own choices stay (the practice app per trainee, lead assessors as admins on
JupyterLab, one PostgreSQL store, the idle culler); only what is the site's is replaced:
JupyterHub's dummy authenticator (every listed user signs in with one password) and its
simple local-process spawner (every server runs as the current user, homes under the trial
folder). Never for a real class: everyone who knows the password is anyone.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEPLOY_CONFIG = REPO / "deploy" / "jupyterhub_config.py"
#: Where ``make setup`` installs configurable-http-proxy (npm).
PROXY = REPO / ".cache" / "chp" / "node_modules" / ".bin" / "configurable-http-proxy"
RUNNING = "JupyterHub is now running at"

TRIAL_CONFIG = '''
import os
load_subconfig({deploy!r})
c.JupyterHub.authenticator_class = "dummy"          # a trial's: one shared password
c.DummyAuthenticator.password = {password!r}
c.JupyterHub.spawner_class = "simple"                # local processes, current user
c.SimpleLocalProcessSpawner.home_dir_template = {home!r}
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.JupyterHub.db_url = "sqlite:///{folder}/hub.sqlite"
c.JupyterHub.cookie_secret_file = "{folder}/cookie_secret"
c.ConfigurableHTTPProxy.pid_file = "{folder}/proxy.pid"
c.JupyterHub.concurrent_spawn_limit = {spawn_limit}
c.LocalProcessSpawner.interrupt_timeout = 3   # servers and the culler stop quickly at the end
c.LocalProcessSpawner.term_timeout = 3
_choose = c.Spawner.pre_spawn_hook

def _as_root_too(spawner):
    _choose(spawner)
    if os.geteuid() == 0 and spawner.user.admin:   # JupyterLab refuses root without the flag
        spawner.args = ["--allow-root"]

c.Spawner.pre_spawn_hook = _as_root_too
'''


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class TrialHub:
    """A running trial hub: its public URL, the store its servers use, its log."""

    url: str
    db_url: str
    password: str
    folder: Path
    process: subprocess.Popen[str]
    log: list[str] = field(default_factory=list)


def trial_config(folder: Path, password: str, port: int, spawn_limit: int = 100) -> Path:
    """Write the trial hub's configuration into ``folder``; its path."""
    config = folder / "jupyterhub_config.py"
    config.write_text(TRIAL_CONFIG.format(
        deploy=str(DEPLOY_CONFIG), password=password,
        home=str(folder / "home" / "{username}"), port=port, hub_port=_free_port(),
        api_port=_free_port(), proxy=str(PROXY), folder=folder, spawn_limit=spawn_limit),
        encoding="utf-8")
    return config


@contextmanager
def trial_hub(folder: Path, db_url: str, cases: Path, *, password: str,
              trainees: tuple[str, ...], admins: tuple[str, ...] = (), lang: str = "en",
              env: Mapping[str, str] | None = None, timeout: float = 180) -> Iterator[TrialHub]:
    """Start a trial hub serving ``cases`` with the store ``db_url`` (PostgreSQL); stop it,
    and the servers it started, at the end."""
    if not PROXY.exists():
        raise FileNotFoundError(f"configurable-http-proxy is not installed at {PROXY} "
                                "(make setup installs it with npm)")
    folder.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    config = trial_config(folder, password, port)
    environment = dict(env or os.environ, ASESORLAB_DB=db_url, ASESORLAB_CASES=str(cases),
                       ASESORLAB_LANG=lang, ASESORLAB_HUB_ADMINS=",".join(admins),
                       ASESORLAB_HUB_TRAINEES=",".join(trainees),
                       ASESORLAB_WORKSPACE=str(folder / "workspace"), PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "jupyterhub"), "-f", str(config)], cwd=folder,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment)
    hub = TrialHub(f"http://127.0.0.1:{port}/", db_url, password, folder, process)
    ready = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            hub.log.append(line)
            if RUNNING in line:
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        deadline = time.monotonic() + timeout
        while not ready.wait(0.5):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the trial hub did not start:\n" + "".join(hub.log[-30:]))
        yield hub
    finally:
        process.terminate()  # the hub stops the servers it started, then the proxy
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


__all__ = ["PROXY", "TrialHub", "trial_config", "trial_hub"]
