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
from toolkit.trainees import MAX_FAILURES, TraineeCodeRow, TraineeCodes, normalize_code
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
