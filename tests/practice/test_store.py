"""The attempts store: one row per submit, idempotent tokens, no lost attempts under load."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from toolkit.store import Attempt, Store, StoreError, new_token


def _attempt(trainee: str, case_id: str = "case-0001", token: str | None = None) -> Attempt:
    opened = datetime.now(UTC) - timedelta(seconds=90)
    return Attempt(token=token or new_token(), trainee=trainee, case_id=case_id,
                   opened_at=opened, judgement={"case": case_id, "criteria": {"U/1.1": "K"}},
                   score={"criteria_agreement": 0.75, "kappa": 0.5, "false_competent": 1,
                          "false_not_yet_competent": 0, "recommendation_correct": False},
                   scheme_code="SKM", scheme_version="abc123")


def test_record_stores_every_field_and_a_repeat_token_once(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    attempt = _attempt("Budi")
    stored, created = store.record(attempt)
    again, created_again = store.record(attempt)
    assert created and not created_again
    assert again.id == stored.id and store.count() == 1
    row = store.by_token(attempt.token)
    assert row is not None and row.judgement["criteria"] == {"U/1.1": "K"}
    assert row.score["kappa"] == 0.5 and row.scheme_version == "abc123"
    assert 89 <= row.seconds <= 120
    assert store.finished_cases("Budi") == {"case-0001"} and store.finished_cases("Ani") == set()


def test_sqlite_file_is_in_wal_mode(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'nested' / 'a.db'}")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


@pytest.mark.parametrize("field,value", [("trainee", ""), ("trainee", "x" * 500),
                                         ("case_id", "  ")])
def test_bad_attempt_fields_are_refused_with_a_message(tmp_path: Path, field: str,
                                                       value: str) -> None:
    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    attempt = _attempt("Budi")
    setattr(attempt, field, value)
    with pytest.raises(StoreError, match=field):
        store.record(attempt)
    assert store.count() == 0


def test_garbage_url_is_a_store_error() -> None:
    with pytest.raises(StoreError):
        Store("not a url at all")


def _hammer(url: str, trainees: int = 10, per_trainee: int = 5) -> Store:
    """``trainees`` threads, each with its own Store (as separate kernels have), submit at once;
    every second submit repeats the previous token (a double click)."""
    barrier = threading.Barrier(trainees)
    errors: list[BaseException] = []

    def trainee(number: int) -> None:
        try:
            store = Store(url)
            barrier.wait()
            token = ""
            for index in range(per_trainee):
                token = token if index % 2 else new_token()
                store.record(_attempt(f"trainee-{number}", f"case-{index:04d}", token))
            store.dispose()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=trainee, args=(n,)) for n in range(trainees)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return Store(url)


def test_ten_trainees_at_once_lose_nothing_on_sqlite(tmp_path: Path) -> None:
    store = _hammer(f"sqlite:///{tmp_path / 'a.db'}")
    # 5 submits per trainee, of which 2 repeat a token: 3 attempts each
    assert store.count() == 30
    assert {a.trainee for a in store.attempts()} == {f"trainee-{n}" for n in range(10)}


@pytest.mark.postgres
def test_ten_trainees_at_once_lose_nothing_on_postgres(postgres_url: str) -> None:
    store = _hammer(postgres_url)
    assert store.count() == 30
    assert all(len(store.attempts(f"trainee-{n}")) == 3 for n in range(10))
