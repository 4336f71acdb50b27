"""A real JupyterHub (``deploy/jupyterhub_config.py``): two trainees sign in to the hub, each
gets the practice app under their own name with no name field, both submit, both attempts
are in the one PostgreSQL store; one trainee cannot open the other's app; a lead assessor
(a hub admin) gets JupyterLab and opens the cohort dashboard.

The hub is JupyterHub from PyPI with configurable-http-proxy from npm (``make test`` installs
it into ``.cache/chp``); only the authenticator (JupyterHub's dummy one, one password) and the
spawner (local processes under the current user) are the test's own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from toolkit.store import Store

from .conftest import _wait_for_line, create_database, free_port
from .test_browser import answer_every_kuk

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.postgres, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
CHP = ROOT / ".cache" / "chp" / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = "kelas-uji"
TRAINEES, LEAD = ("ani", "budi"), "lead"

TEST_CONFIG = '''
import os
load_subconfig({deploy!r})
c.JupyterHub.authenticator_class = "dummy"          # the test's own: one password
c.DummyAuthenticator.password = {password!r}
c.JupyterHub.spawner_class = "simple"                # local processes, current user
c.SimpleLocalProcessSpawner.home_dir_template = {home!r}
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.JupyterHub.db_url = "sqlite:///{folder}/hub.sqlite"
c.JupyterHub.cookie_secret_file = "{folder}/cookie_secret"
c.ConfigurableHTTPProxy.pid_file = "{folder}/proxy.pid"
c.LocalProcessSpawner.interrupt_timeout = 3   # servers and the culler stop quickly at the end
c.LocalProcessSpawner.term_timeout = 3
_choose = c.Spawner.pre_spawn_hook

def _as_root_too(spawner):
    _choose(spawner)
    if os.geteuid() == 0 and spawner.user.admin:   # CI runs as root
        spawner.args = ["--allow-root"]

c.Spawner.pre_spawn_hook = _as_root_too
'''


@dataclass
class Hub:
    """A running hub: its public URL and the attempt store all its servers use."""

    url: str
    db_url: str
    log: list[str]


@pytest.fixture(scope="module")
def hub(postgres_server: str, case_set: Path,
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    if not CHP.exists():
        pytest.skip(f"configurable-http-proxy is not installed at {CHP} (make test installs "
                    "it with npm)")
    folder = tmp_path_factory.mktemp("hub")
    port = free_port()
    config = folder / "jupyterhub_config.py"
    config.write_text(TEST_CONFIG.format(
        deploy=str(ROOT / "deploy" / "jupyterhub_config.py"), password=PASSWORD,
        home=str(folder / "home" / "{username}"), port=port, hub_port=free_port(),
        api_port=free_port(), chp=str(CHP), folder=folder), encoding="utf-8")
    db_url = create_database(postgres_server)
    env = dict(os.environ, ASESORLAB_DB=db_url, ASESORLAB_CASES=str(case_set),
               ASESORLAB_LANG="en", ASESORLAB_HUB_ADMINS=LEAD,
               ASESORLAB_HUB_TRAINEES=",".join(TRAINEES),
               ASESORLAB_WORKSPACE=str(folder / "workspace"), PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "jupyterhub"), "-f", str(config)], cwd=folder,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    log: list[str] = []
    try:
        _wait_for_line(process, log, "JupyterHub is now running at")
        yield Hub(f"http://127.0.0.1:{port}/", db_url, log)
    finally:
        process.terminate()  # the hub stops the servers it started, then the proxy
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _log_in(page: Any, hub: Hub, name: str) -> None:
    page.goto(hub.url + "hub/login")
    page.locator("#username_input").fill(name)
    page.locator("#password_input").fill(PASSWORD)
    page.locator("#login_submit").click()


def test_trainees_sign_in_to_the_hub_and_a_lead_opens_the_cohort(chromium: Any, hub: Hub) -> None:
    from playwright.sync_api import expect

    contexts = {name: chromium.new_context() for name in TRAINEES}
    pages = {name: context.new_page() for name, context in contexts.items()}
    try:
        for name, page in pages.items():  # both servers spawn at once
            _log_in(page, hub, name)
        for name, page in pages.items():
            signin = page.locator(".asesorlab-signin")
            expect(signin).to_contain_text(f"Signed in as {name}", timeout=120_000)
            assert page.url == f"{hub.url}user/{name}/"
            assert page.locator(".asesorlab-trainee").count() == 0  # no name field
            assert page.locator(".asesorlab-code").count() == 0
        for page in pages.values():
            answer_every_kuk(page)
            page.locator(".asesorlab-submit").click()
        for page in pages.values():
            page.locator(".asesorlab-debrief .asesorlab-score").wait_for(timeout=60_000)
        # one trainee cannot open the other's app (the hub refuses the OAuth grant)
        other = pages["budi"].goto(f"{hub.url}user/ani/")
        assert other is not None and other.status == 403
        assert pages["budi"].locator(".asesorlab-signin").count() == 0
    finally:
        for context in contexts.values():
            context.close()
    store = Store(hub.db_url)
    try:
        attempts = store.attempts()
    finally:
        store.dispose()
    assert sorted(a.trainee for a in attempts) == sorted(TRAINEES)
    _lead_opens_the_cohort(chromium, hub)


def _lead_opens_the_cohort(chromium: Any, hub: Hub) -> None:
    """The lead assessor (a hub admin) gets JupyterLab and opens the cohort dashboard,
    which shows the trainees' attempts."""
    from playwright.sync_api import expect

    context = chromium.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    try:
        _log_in(page, hub, LEAD)
        page.wait_for_url(f"{hub.url}user/{LEAD}/lab/**", timeout=120_000)
        lab = page.request.get(f"{hub.url}user/{LEAD}/lab")
        assert lab.status == 200 and "JupyterLab" in lab.text()
        page.goto(f"{hub.url}user/{LEAD}/voila/render/cohort_report.ipynb")
        expect(page.locator(".asesorlab-cohort")).to_be_visible(timeout=120_000)
        table = page.locator(".asesorlab-trainee-table")
        for name in TRAINEES:
            expect(table).to_contain_text(name, timeout=60_000)
    finally:
        context.close()
