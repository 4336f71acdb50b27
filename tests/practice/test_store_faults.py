"""Database faults, real ones: what kind each is, what the trainee is told, that nothing is
lost, and that a later submit is stored once. The pool is bounded as configured."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from toolkit.store import Store, StoreError
from toolkit.store_faults import StoreUnavailable, fault_kind, store_guard
from widgets.practice import PracticeApp

from .conftest import free_port
from .conftest import open_app as _app


def _judge_all(app: PracticeApp) -> dict[str, str]:
    for index, row in enumerate(app.rows):
        row.choose("BK" if index % 3 == 2 else "K")
    return {row.kuk_id: str(row.verdict) for row in app.rows}


def _caught(call: Any) -> StoreUnavailable:
    with pytest.raises(StoreUnavailable) as caught, store_guard("submit", "Tester"):
        call()
    return caught.value


@pytest.fixture
def full_disk() -> Iterator[Any]:
    """A SQLite database that can grow no more: every new connection gets a page limit of
    what the file holds now (SQLite's own "database or disk is full")."""
    def limit(store: Store) -> Any:
        def on_connect(conn: Any, _record: Any) -> None:
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count={pages}")

        event.listen(store.engine, "connect", on_connect)
        store.engine.dispose()
        limits.append((store, on_connect))
        return on_connect

    limits: list[tuple[Store, Any]] = []
    yield limit
    for store, on_connect in limits:
        if event.contains(store.engine, "connect", on_connect):
            event.remove(store.engine, "connect", on_connect)


def _lift(store: Store, limit: Any) -> None:
    event.remove(store.engine, "connect", limit)
    store.engine.dispose()


def test_kinds_of_real_faults(tmp_path: Path, full_disk: Any) -> None:
    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    store.count()
    read_only = Store(f"sqlite:///file:{tmp_path / 'a.db'}?mode=ro&uri=true", connect=False)
    from toolkit.store import Attempt, new_token

    def attempt() -> Attempt:
        from datetime import UTC, datetime

        return Attempt(token=new_token(), trainee="Tester", case_id="case-0001",
                       opened_at=datetime.now(UTC), judgement={"filler": "x" * 20000},
                       score={"criteria_agreement": 1.0})

    assert _caught(lambda: read_only._create_tables() or read_only.record(attempt())).kind \
        == "read_only"
    full_disk(store)
    fault = _caught(lambda: store.record(attempt()))
    assert fault.kind == "full" and "full" in fault.cause
    unreachable = Store(f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/x",
                        connect=False)
    fault = _caught(unreachable.count)
    assert fault.kind == "unreachable" and "refused" in fault.cause.lower()
    # in the default language: Indonesian, plain
    assert str(fault).startswith("Jawaban Anda belum dapat disimpan") and \
        "tidak dapat dihubungi" in str(fault) and "Tekan Kirim lagi" in str(fault)
    for each in (store, read_only, unreachable):
        each.dispose()


def test_a_bug_is_not_taken_for_a_database_fault() -> None:
    with pytest.raises(KeyError), store_guard("submit"):
        raise KeyError("a bug of ours")
    assert fault_kind(RuntimeError("something")) == "other"


@pytest.mark.postgres
def test_the_pool_is_bounded_as_configured(postgres_url: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASESORLAB_DB_POOL_SIZE", "1")
    monkeypatch.setenv("ASESORLAB_DB_MAX_OVERFLOW", "0")
    monkeypatch.setenv("ASESORLAB_DB_POOL_TIMEOUT", "1")
    store = Store(postgres_url)
    assert (store.engine.pool.size(), store.engine.pool._max_overflow) == (1, 0)  # type: ignore[attr-defined]
    held = store.engine.connect()  # the pool's one connection
    try:
        fault = _caught(store.count)
        assert fault.kind == "exhausted" and "sedang sibuk" in str(fault)
    finally:
        held.close()
    assert store.count() == 0
    store.dispose()
    monkeypatch.setenv("ASESORLAB_DB_POOL_SIZE", "many")
    with pytest.raises(StoreError, match="ASESORLAB_DB_POOL_SIZE"):
        Store(postgres_url)


def test_full_database_on_submit_keeps_the_work_and_a_later_submit_stores_once(
        case_set: Path, tmp_path: Path, full_disk: Any,
        caplog: pytest.LogCaptureFixture) -> None:
    app = _app(case_set, f"sqlite:///{tmp_path / 'attempts.db'}")
    app.sign_in("Rina")
    verdicts = _judge_all(app)
    store = app.session.store
    limit = full_disk(store)
    logging.getLogger("asesorlab").addHandler(caplog.handler)
    try:
        assert not app.submit()
    finally:
        logging.getLogger("asesorlab").removeHandler(caplog.handler)
    assert "could not be saved" in app.message and "database is full" in app.message
    assert "asesorlab-error" in app.message
    assert any("refused submit for 'Rina' (full)" in r.getMessage() for r in caplog.records)
    assert {row.kuk_id: str(row.verdict) for row in app.rows} == verdicts  # still there
    assert not app.submit()  # still full: told again, nothing stored
    _lift(store, limit)
    assert app.submit()
    assert "asesorlab-score" in app.debrief.text
    attempts = Store(f"sqlite:///{tmp_path / 'attempts.db'}").attempts("Rina")
    assert len(attempts) == 1 and attempts[0].judgement["criteria"] == verdicts


def test_the_app_starts_and_works_while_the_database_is_unreachable(case_set: Path) -> None:
    app = _app(case_set, f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/attempts")
    app.sign_in("Rina")  # no record of earlier attempts: the first case, and a notice
    assert app.case_id == "case-0001" and "earlier attempts could not be read" in app.message
    _judge_all(app)
    assert not app.submit()
    assert "cannot be reached" in app.message and "Try Submit again" in app.message
