"""Trainee identity without a browser: codes issued by the lead assessor (stored hashed),
the sign-in asking for name and code once trainees are registered, the lock after ten wrong
codes, the hub's user signed in with no name field, and one attempt per trainee, case and
try across tabs (two apps on one store)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from suite_support import CliResult

from toolkit.store import Store
from toolkit.trainees import (
    CODES_REQUIRED_ENV,
    MAX_FAILURES,
    TraineeCodeRow,
    TraineeCodes,
    normalize_code,
)
from widgets.practice import PracticeApp, practice_app


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'attempts.db'}"


def _app(cases: Path, db: str, user: str = "") -> PracticeApp:
    app = practice_app(cases, db=db, lang="en")
    assert isinstance(app, PracticeApp), getattr(app, "value", app)
    if user:  # as under JupyterHub: the server's user (practice_app reads JUPYTERHUB_USER)
        app = PracticeApp(app.session, user=user)
    return app


def _issue(db: str, *names: str) -> dict[str, str]:
    store = Store(db)
    try:
        return dict(TraineeCodes(store).issue(list(names)))
    finally:
        store.dispose()


def _answer_all(app: PracticeApp) -> None:
    for row in app.rows:
        row.choose("K")


def test_codes_are_stored_hashed_and_checked(db: str) -> None:
    codes = _issue(db, "Ani", "Budi")
    assert all(len(normalize_code(code)) == 8 for code in codes.values())
    store = Store(db)
    try:
        with store.engine.connect() as conn:
            stored = conn.execute(select(TraineeCodeRow.digest, TraineeCodeRow.salt)).all()
        assert stored and not any(normalize_code(c) in str(row) or c in str(row)
                                  for row in stored for c in codes.values())
        registry = TraineeCodes(store)
        assert registry.required()
        assert registry.verify("Ani", codes["Ani"].lower().replace("-", " "))  # as typed
        assert not registry.verify("Ani", codes["Budi"])
        assert not registry.verify("Eve", codes["Ani"])
    finally:
        store.dispose()


def test_sign_in_needs_the_trainees_own_code_once_trainees_are_registered(
        case_set: Path, db: str) -> None:
    open_app = _app(case_set, db)
    open_app.sign_in("Ani")  # no trainee registered: the name alone
    assert open_app.trainee == "Ani"
    codes = _issue(db, "Ani", "Budi")
    app = _app(case_set, db)
    app.sign_in("Ani")
    assert app.trainee is None and "code" in app._signin._message.value
    app.sign_in("Ani", codes["Budi"])  # another trainee's code
    assert app.trainee is None and "do not match" in app._signin._message.value
    app.sign_in("Eve", codes["Ani"])  # not registered
    assert app.trainee is None
    app.sign_in("Ani", codes["Ani"])
    assert app.trainee == "Ani" and app.case_id is not None
    assert app._signin._code.value == ""  # the code is not kept in the page


def test_ten_wrong_codes_lock_the_name_until_a_new_code(case_set: Path, db: str) -> None:
    codes = _issue(db, "Ani")
    app = _app(case_set, db)
    for _ in range(MAX_FAILURES):
        app.sign_in("Ani", "AAAA-AAAA")
    app.sign_in("Ani", codes["Ani"])
    assert app.trainee is None  # locked: even the right code
    new = _issue(db, "Ani")["Ani"]
    app.sign_in("Ani", new)
    assert app.trainee == "Ani"


def test_under_the_hub_the_hubs_user_is_signed_in_with_no_name_field(
        case_set: Path, db: str) -> None:
    _issue(db, "Someone")  # codes are for standalone use: the hub's sign-in is enough
    app = _app(case_set, db, user="ani")
    assert app._signin._name not in app._signin._bar.children
    assert app._signin._code not in app._signin._bar.children
    app.request("")  # the page arrives
    assert app.trainee == "ani" and app.case_id is not None
    app.sign_in("budi")  # whatever a browser sends, the trainee is the hub's user
    assert app.trainee == "ani"


def test_two_tabs_on_one_case_store_one_attempt_and_a_new_try_another(
        case_set: Path, db: str) -> None:
    first, second = _app(case_set, db), _app(case_set, db)
    for app in (first, second):
        app.sign_in("Ani")
        app.open_case("case-0002")
        _answer_all(app)
    second.rows[0].choose("BK")
    assert first.submit() and second.submit()
    attempts = first.session.store.attempts("Ani")
    assert len(attempts) == 1
    assert attempts[0].judgement["criteria"] == first.judgement().criteria  # type: ignore[union-attr]
    # the second tab's debrief is the stored attempt's, not its own unstored judgement
    shown = second._opened.result  # type: ignore[union-attr]
    assert shown is not None and shown[0].to_dict() == attempts[0].score
    first.open_case("case-0002")  # the next try is a new attempt
    _answer_all(first)
    assert first.submit()
    assert len(first.session.store.attempts("Ani")) == 2


def test_trainees_command_issues_lists_resets_and_removes(
        asesorlab: Callable[..., CliResult], db: str) -> None:
    added = asesorlab(["trainees", "add", "Ani Rahma", "Budi", "--db", db, "--lang", "en"])
    assert added.code == 0, added.err
    lines = added.out.splitlines()
    assert [line.split("  ")[0] for line in lines] == ["Ani Rahma", "Budi"]
    assert "not shown again" in added.err
    again = asesorlab(["trainees", "add", "Budi", "--db", db, "--lang", "en"])
    assert again.code == 1 and "already registered: Budi" in again.err
    listed = asesorlab(["trainees", "list", "--db", db, "--lang", "en"])
    assert listed.code == 0 and "Ani Rahma" in listed.out
    assert lines[0].split()[-1] not in listed.out  # codes are never shown again
    reset = asesorlab(["trainees", "reset", "Budi", "--db", db, "--lang", "en"])
    assert reset.code == 0 and reset.out.split()[-1] != lines[1].split()[-1]
    removed = asesorlab(["trainees", "remove", "Budi", "--db", db, "--lang", "en"])
    assert removed.code == 0 and "1 trainees removed" in removed.out


def test_while_the_store_is_away_a_server_with_codes_signs_nobody_in_by_name(
        case_set: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from .conftest import free_port

    away = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/attempts"  # nothing there
    monkeypatch.setenv(CODES_REQUIRED_ENV, "1")  # the server found trainees at its start
    app = _app(case_set, away)
    app.sign_in("Ani")
    assert app.trainee is None and "code" in app._signin._message.value
    app.sign_in("Ani", "ABCD-EFGH")
    assert app.trainee is None and "cannot be checked just now" in app._signin._message.value
    monkeypatch.delenv(CODES_REQUIRED_ENV)  # a server that had no trainee registered
    open_app = _app(case_set, away)
    open_app.sign_in("Ani")
    assert open_app.trainee == "Ani"  # the name alone, as before codes were issued


@pytest.mark.postgres
def test_a_store_that_goes_away_after_codes_were_seen_still_asks_for_the_code(
        case_set: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from .conftest import create_database, running_postgres

    monkeypatch.delenv(CODES_REQUIRED_ENV, raising=False)
    with running_postgres() as server:  # a server of this test's own, stopped below
        db = create_database(server)
        codes = _issue(db, "Ani", "Budi")
        first, second = _app(case_set, db), _app(case_set, db)
        first.sign_in("Ani", codes["Ani"])
        assert first.trainee == "Ani"
        second.sign_in("Budi")  # the store said: codes are needed
        assert second.trainee is None and "code" in second._signin._message.value
    # the database is stopped now
    second.sign_in("Budi")
    assert second.trainee is None
    second.sign_in("Budi", codes["Budi"])
    assert second.trainee is None
    assert "cannot be checked just now" in second._signin._message.value


@pytest.mark.server
def test_serve_tells_its_kernels_that_trainees_are_registered(case_set: Path, db: str) -> None:
    from .conftest import start_server, stop_server

    _issue(db, "Ani")
    served = start_server(case_set, db)  # returns once a preheated kernel built the app
    try:
        pid = served.process.pid
        kernels = [child for child in
                   Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
                   if b"ipykernel" in Path(f"/proc/{child}/cmdline").read_bytes()]
        environments = [Path(f"/proc/{kernel}/environ").read_bytes().split(b"\0")
                        for kernel in kernels]
        assert environments and all(f"{CODES_REQUIRED_ENV}=1".encode() in environment
                                    for environment in environments)
    finally:
        stop_server(served)
