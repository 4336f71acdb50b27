"""Attempts of trainee assessors, stored through SQLAlchemy.

One row per submitted attempt: who, which case, the scheme version the case was made
from (a changed scheme is a new version, as ORA2 versions its rubrics), every decision
(the whole :class:`~toolkit.cases.model.Judgement`), the time taken, the score and the
timestamps. A SQLite file by default (WAL mode, so readers never block the writer), any
SQLAlchemy URL otherwise — ``postgresql+psycopg://user@host/db`` for a deployment with
many trainees.

Every opened case gets an attempt *token* (:func:`new_token`); the token column is
unique, so a submit that arrives twice (a double click, a retried request) is stored
once and :meth:`Store.record` hands back the first row.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    create_engine,
    event,
    func,
    insert,
    select,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from .i18n import _
from .store_pool import pool_options

#: Environment variable holding the database URL.
DB_ENV = "ASESORLAB_DB"
#: Longest trainee name, case id and token the store accepts.
NAME_MAX, CASE_MAX, TOKEN_MAX = 120, 120, 64


class StoreError(ValueError):
    """A database URL that cannot be used, or an attempt that cannot be stored."""


def data_dir() -> Path:
    """The per-user data folder: ``$XDG_DATA_HOME/asesorlab`` or ``~/.local/share/asesorlab``."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "asesorlab"


def default_db_url() -> str:
    """``ASESORLAB_DB`` when set, else a SQLite file in :func:`data_dir`."""
    return os.environ.get(DB_ENV) or f"sqlite:///{data_dir() / 'attempts.db'}"


def new_token() -> str:
    """A fresh, unguessable attempt token for one opened case."""
    return secrets.token_urlsafe(18)


def _now() -> datetime:
    return datetime.now(UTC)


class _Base(DeclarativeBase):
    pass


class AttemptRow(_Base):
    """The ``attempts`` table."""

    __tablename__ = "attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token: Mapped[str] = mapped_column(String(TOKEN_MAX), unique=True, nullable=False)
    trainee: Mapped[str] = mapped_column(String(NAME_MAX), index=True, nullable=False)
    case_id: Mapped[str] = mapped_column(String(CASE_MAX), index=True, nullable=False)
    scheme_code: Mapped[str] = mapped_column(String(120), default="")
    scheme_version: Mapped[str] = mapped_column(String(64), default="")
    language: Mapped[str] = mapped_column(String(8), default="id")
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    seconds: Mapped[float] = mapped_column(Float, nullable=False)
    judgement: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    score: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    criteria_agreement: Mapped[float] = mapped_column(Float, nullable=False)
    kappa: Mapped[float | None] = mapped_column(Float, nullable=True)
    false_competent: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    false_not_yet_competent: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    recommendation_correct: Mapped[bool] = mapped_column(Boolean, nullable=False)


@dataclass
class Attempt:
    """One attempt as plain data (what :meth:`Store.record` takes and returns)."""

    token: str
    trainee: str
    case_id: str
    opened_at: datetime
    judgement: dict[str, Any]
    score: dict[str, Any]
    scheme_code: str = ""
    scheme_version: str = ""
    language: str = "id"
    submitted_at: datetime = field(default_factory=_now)
    id: int | None = None

    @property
    def seconds(self) -> float:
        """Time taken from opening the case to submitting it."""
        return max(0.0, (_aware(self.submitted_at) - _aware(self.opened_at)).total_seconds())

    def _row(self) -> AttemptRow:
        score = self.score
        return AttemptRow(
            token=self.token, trainee=self.trainee, case_id=self.case_id,
            scheme_code=self.scheme_code, scheme_version=self.scheme_version,
            language=self.language, opened_at=_aware(self.opened_at),
            submitted_at=_aware(self.submitted_at), seconds=self.seconds,
            judgement=self.judgement, score=score,
            criteria_agreement=float(score.get("criteria_agreement") or 0.0),
            kappa=_optional_float(score.get("kappa")),
            false_competent=int(score.get("false_competent") or 0),
            false_not_yet_competent=int(score.get("false_not_yet_competent") or 0),
            recommendation_correct=bool(score.get("recommendation_correct")),
        )

    @classmethod
    def _from_row(cls, row: AttemptRow) -> Attempt:
        return cls(token=row.token, trainee=row.trainee, case_id=row.case_id,
                   opened_at=_aware(row.opened_at), judgement=dict(row.judgement),
                   score=dict(row.score), scheme_code=row.scheme_code,
                   scheme_version=row.scheme_version, language=row.language,
                   submitted_at=_aware(row.submitted_at), id=row.id)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _optional_float(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def _check(attempt: Attempt) -> None:
    for name, limit in (("trainee", NAME_MAX), ("case_id", CASE_MAX), ("token", TOKEN_MAX)):
        value = getattr(attempt, name)
        if not isinstance(value, str) or not value.strip() or len(value) > limit:
            raise StoreError(_("attempt field {name} must be 1 to {limit} characters",
                               name=name, limit=limit))


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get their folder created and WAL mode."""
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy raises ArgumentError for garbage
        raise StoreError(_("not a database URL: {url}", url=url)) from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 30}, **pool_options(sqlite=True))
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        connect = {"connect_timeout": 10} if parsed.get_backend_name() == "postgresql" else {}
        return create_engine(parsed, connect_args=connect, **pool_options())
    except Exception as exc:  # a missing driver, an unknown dialect
        raise StoreError(_("cannot use database {url}: {problem}", url=url,
                           problem=str(exc))) from exc


class Store:
    """The attempts database. Thread-safe; one per process is enough. With ``connect``
    false nothing is opened until first use (a practice kernel starts even when the
    database is down or has no connection to spare)."""

    def __init__(self, url: str | None = None, *, connect: bool = True) -> None:
        self.url = url or default_db_url()
        self.engine = make_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._ready = False
        self._tables: list[MetaData] = [_Base.metadata]
        if connect:
            self._create_tables()

    def use_tables(self, metadata: MetaData) -> None:
        """Keep ``metadata``'s tables (trainee codes, drafts…) in this database too: created
        now when the store is connected, else with the store's own on first use."""
        if metadata in self._tables:
            return
        self._tables.append(metadata)
        if self._ready:
            self._create(metadata)

    def _create(self, metadata: MetaData) -> None:
        try:
            metadata.create_all(self.engine)
        except DBAPIError:  # another process created them between check and create
            metadata.create_all(self.engine)

    def _create_tables(self) -> None:
        for metadata in self._tables:
            self._create(metadata)
        self._ready = True

    @contextmanager
    def _session(self) -> Iterator[Session]:
        if not self._ready:
            self._create_tables()
        with self._sessions.begin() as session:
            yield session

    def record(self, attempt: Attempt) -> tuple[Attempt, bool]:
        """Store ``attempt`` in one transaction; ``(stored, created)``.

        When an attempt with the same token exists, nothing is written and the stored one is
        returned with ``created`` false.
        """
        _check(attempt)
        try:
            with self._session() as session:
                row = attempt._row()
                session.add(row)
                session.flush()
                return Attempt._from_row(row), True
        except IntegrityError:
            existing = self.by_token(attempt.token)
            if existing is None:
                raise
            return existing, False

    def record_many(self, attempts: Iterable[Attempt], batch: int = 5000) -> int:
        """Store many new attempts with bulk inserts (a demo cohort, a benchmark); the
        number stored. Unlike :meth:`record`, a token already stored is an error."""
        columns = [c.key for c in AttemptRow.__table__.columns if c.key != "id"]
        count, rows = 0, []
        with self._session() as session:
            for attempt in attempts:
                _check(attempt)
                row = attempt._row()
                rows.append({name: getattr(row, name) for name in columns})
                if len(rows) >= batch:
                    session.execute(insert(AttemptRow), rows)
                    count, rows = count + len(rows), []
            if rows:
                session.execute(insert(AttemptRow), rows)
                count += len(rows)
        return count

    def by_token(self, token: str) -> Attempt | None:
        """The attempt stored under ``token``, if any."""
        with self._session() as session:
            row = session.scalars(select(AttemptRow).where(AttemptRow.token == token)).first()
            return Attempt._from_row(row) if row else None

    def by_id(self, attempt_id: int) -> Attempt | None:
        """The attempt stored under ``attempt_id``, if any."""
        with self._session() as session:
            row = session.get(AttemptRow, attempt_id)
            return Attempt._from_row(row) if row else None

    def attempts(self, trainee: str | None = None) -> list[Attempt]:
        """All attempts (of one trainee), oldest first."""
        query = select(AttemptRow).order_by(AttemptRow.submitted_at, AttemptRow.id)
        if trainee is not None:
            query = query.where(AttemptRow.trainee == trainee)
        with self._session() as session:
            return [Attempt._from_row(row) for row in session.scalars(query)]

    def finished_cases(self, trainee: str) -> set[str]:
        """Ids of the cases ``trainee`` has submitted at least once."""
        query = select(AttemptRow.case_id).where(AttemptRow.trainee == trainee).distinct()
        with self._session() as session:
            return set(session.scalars(query))

    def count(self) -> int:
        """Number of stored attempts."""
        with self._session() as session:
            return int(session.scalar(select(func.count(AttemptRow.id))) or 0)

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


__all__ = [
    "DB_ENV",
    "Attempt",
    "AttemptRow",
    "Store",
    "StoreError",
    "data_dir",
    "default_db_url",
    "make_engine",
    "new_token",
]
