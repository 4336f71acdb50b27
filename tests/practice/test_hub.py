"""A real JupyterHub (``deploy/jupyterhub_config.py``): two trainees sign in to the hub, each
gets the practice app under their own name with no name field, both submit, both attempts
are in the one PostgreSQL store; one trainee cannot open the other's app; a lead assessor
(a hub admin) gets JupyterLab and opens the cohort dashboard.

The hub is JupyterHub from PyPI with configurable-http-proxy from npm (``make test`` installs
it into ``.cache/chp``), started as :mod:`training.hub_trial`'s trial hub: only the
authenticator (JupyterHub's dummy one, one password) and the spawner (local processes under
the current user) are not the deployment's.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from toolkit.store import Store
from training.hub_trial import PROXY, TrialHub, trial_hub

from .conftest import create_database
from .test_browser import answer_every_kuk

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.postgres, pytest.mark.slow]

PASSWORD = "kelas-uji"
TRAINEES, LEAD = ("ani", "budi"), "lead"


@pytest.fixture(scope="module")
def hub(postgres_server: str, case_set: Path,
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[TrialHub]:
    if not PROXY.exists():
        pytest.skip(f"configurable-http-proxy is not installed at {PROXY} (make test installs "
                    "it with npm)")
    with trial_hub(tmp_path_factory.mktemp("hub"), create_database(postgres_server), case_set,
                   password=PASSWORD, trainees=TRAINEES, admins=(LEAD,)) as running:
        yield running


def _log_in(page: Any, hub: TrialHub, name: str) -> None:
    page.goto(hub.url + "hub/login")
    page.locator("#username_input").fill(name)
    page.locator("#password_input").fill(PASSWORD)
    page.locator("#login_submit").click()


def test_trainees_sign_in_to_the_hub_and_a_lead_opens_the_cohort(chromium: Any,
                                                                 hub: TrialHub) -> None:
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


def _lead_opens_the_cohort(chromium: Any, hub: TrialHub) -> None:
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
