"""PostgreSQL with every connection taken: kernels still start, trainees are told to try
again, and every trainee's submit is stored once connections free up — more trainees than
the server has connections for.

A PostgreSQL with ``max_connections=4`` (none reserved) serves the app; the test takes all
four connections itself. Three trainees' apps (as their kernels build them, in this
process) start, sign in and submit: each told to try again. The test gives two connections
back — two connections for three trainees — and each retries until stored, once. In
Chromium, the same with the served page: a kernel starts, no Voilà error page, the
trainee is told to retry, and the submit is stored once connections are free.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from toolkit.store import Store

from .conftest import Served, running_postgres, start_server, stop_server
from .test_browser import _sign_in_and_answer

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow, pytest.mark.postgres]

CONNECTIONS = 4
TRAINEES = ("Ayu Pratiwi", "Bima Sakti", "Citra Dewi")


@pytest.fixture
def small_postgres() -> Iterator[str]:
    with running_postgres(CONNECTIONS, "superuser_reserved_connections=0") as server:
        name = f"t_{uuid.uuid4().hex[:12]}"
        plain = server.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(f"{plain}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        yield f"{server}/{name}"


@pytest.fixture
def served_pg(case_set: Path, small_postgres: str) -> Iterator[Served]:
    server = start_server(case_set, small_postgres)  # creates the tables, then lets go
    yield server
    stop_server(server)


def _take_all(url: str) -> list[psycopg.Connection[Any]]:
    """Every connection the server will give (until it says too many clients)."""
    plain = url.replace("postgresql+psycopg://", "postgresql://")
    held: list[psycopg.Connection[Any]] = []
    while True:
        try:
            held.append(psycopg.connect(plain, connect_timeout=10))
        except psycopg.OperationalError as exc:
            assert "too many clients" in str(exc) or "remaining connection slots" in str(exc)
            return held


def _submit_until_stored(page: Any, tries: int = 30) -> int:
    """Click Submit until the debrief shows; the number of refusals (each said plainly:
    the page still shows the try-again message, never an error page)."""
    score = page.locator(".asesorlab-debrief .asesorlab-score")
    for refused in range(tries):
        page.locator(".asesorlab-submit").click()
        try:
            score.wait_for(timeout=5_000)
            return refused
        except PlaywrightTimeout:
            message = page.inner_text(".asesorlab-practice .asesorlab-error")
            assert "Try Submit again" in message, message
    raise AssertionError(f"not stored after {tries} tries")


def _judge_all(app: Any) -> None:
    for index, row in enumerate(app.rows):
        row.choose("BK" if index % 3 == 2 else "K")


def _others(served: Any, trainees: tuple[str, ...]) -> list[Any]:
    """Trainees' apps as their kernels build them (in this process): each starts while
    every connection is taken, signs in with a notice and is told to retry its submit."""
    from widgets.practice import PracticeApp, practice_app

    apps = []
    for trainee in trainees:
        app = practice_app(served.cases_dir, db=served.db_url, lang="en")
        assert isinstance(app, PracticeApp), getattr(app, "value", app)
        app.sign_in(trainee)
        assert "earlier attempts could not be read" in app.message
        _judge_all(app)
        assert not app.submit() and "Try Submit again" in app.message
        apps.append(app)
    return apps


def _retry(apps: list[Any]) -> None:
    for app in apps:
        for _try in range(30):
            if app.submit():
                break
            assert "Try Submit again" in app.message
        else:
            raise AssertionError(f"{app.trainee} never stored")


def _stored(served: Any) -> dict[str, int]:
    store = Store(served.db_url)
    stored = {t: len(store.attempts(t)) for t in TRAINEES}
    store.dispose()
    return stored


@dataclass
class _Database:
    cases_dir: Path
    db_url: str


def test_more_trainees_than_connections(case_set: Path, small_postgres: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASESORLAB_DB_POOL_SIZE", "0")  # what serve gives its kernels
    Store(small_postgres).dispose()  # the tables, as serve makes them before any kernel
    served_pg = _Database(case_set, small_postgres)
    held = _take_all(served_pg.db_url)
    assert len(held) == CONNECTIONS
    apps: list[Any] = []
    try:
        apps = _others(served_pg, TRAINEES)
        for conn in held[:2]:  # two connections free for three trainees
            conn.close()
        _retry(apps)
    finally:
        for conn in held:
            conn.close()
        for app in apps:
            app.session.store.dispose()
    assert _stored(served_pg) == dict.fromkeys(TRAINEES, 1)


# Under a heavily loaded machine (load 15-25 on 2 cores) the page's sign-in sometimes does
# not appear within 180 s; only that timeout is expected to fail, every assertion counts.
@pytest.mark.xfail(raises=PlaywrightTimeout, strict=False,
                   reason="page load under heavy machine load (see the report of issue 17)")
def test_the_page_while_every_connection_is_taken(chromium: Any, served_pg: Served) -> None:
    held = _take_all(served_pg.db_url)
    context = chromium.new_context()
    context.set_default_timeout(180_000)
    page = context.new_page()
    try:
        _sign_in_and_answer(page, served_pg, TRAINEES[0])  # a kernel started, no error page
        body = page.inner_text("body")
        assert "error when executing" not in body.lower() and "Traceback" not in body
        assert "earlier attempts could not be read" in body
        page.locator(".asesorlab-submit").click()
        page.locator(".asesorlab-practice .asesorlab-error").wait_for()
        assert "database is busy" in page.inner_text(".asesorlab-practice .asesorlab-error")
        for conn in held:
            conn.close()
        _submit_until_stored(page)
    finally:
        for conn in held:
            conn.close()
        context.close()
    assert _stored(served_pg)[TRAINEES[0]] == 1
    assert any("attempts database refused submit" in line and "exhausted" in line
               for line in served_pg.log)
