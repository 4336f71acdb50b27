"""The cohort fact tables: what the dashboard and reports aggregate, kept beside the attempts.

A stored attempt holds its whole judgement and score report as JSON (tens of kilobytes
for a full-scheme case). Reading all of them for every chart does not scale to a cohort,
so :func:`refresh` reads each attempt **once**, in id order, and writes its facts
(:mod:`toolkit.analytics.outcomes`) to four small tables in the same database:

* ``cohort_attempts`` — one row per attempt: trainee, case, time (POSIX seconds),
  agreement, kappa, AC1, passed, critical errors, disagreements, the units, and the
  trainee's KUK verdicts as one string (``K``/``B``/``.``) over the KUK list of
  ``cohort_kuk_sets``;
* ``cohort_errors`` — one row per KUK, unit or recommendation the trainee got wrong;
* ``cohort_flaws`` — per attempt and flaw kind: items planted, items missed;
* ``cohort_kuk_sets`` — the distinct KUK lists (a case's KUK, sorted), by a hash.

Attempts are only ever added to the store, so the facts are brought up to date by reading
the attempts whose id is above the highest one seen. Two processes refreshing at once are
safe: the one that loses the race on the primary key rolls back and reads on.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    cast,
    func,
    insert,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ..store import AttemptRow, Store
from .outcomes import attempt_facts

#: Attempts read per transaction by :func:`refresh`.
BATCH = 2000


class _Base(DeclarativeBase):
    pass


class FactRow(_Base):
    """``cohort_attempts``: the facts of one attempt."""

    __tablename__ = "cohort_attempts"

    attempt_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    trainee: Mapped[str] = mapped_column(String(120), index=True)
    case_id: Mapped[str] = mapped_column(String(120), index=True)
    scheme_code: Mapped[str] = mapped_column(String(120), index=True)
    scheme_version: Mapped[str] = mapped_column(String(64))
    submitted: Mapped[float] = mapped_column(Float, index=True)  # POSIX seconds, UTC
    seconds: Mapped[float] = mapped_column(Float)
    criteria_agreement: Mapped[float] = mapped_column(Float)
    kappa: Mapped[float | None] = mapped_column(Float, nullable=True)
    ac1: Mapped[float | None] = mapped_column(Float, nullable=True)
    key_k_share: Mapped[float | None] = mapped_column(Float, nullable=True)
    false_competent: Mapped[int] = mapped_column(Integer)
    false_not_yet_competent: Mapped[int] = mapped_column(Integer)
    recommendation_correct: Mapped[bool] = mapped_column(Boolean)
    recommendation_false_competent: Mapped[bool] = mapped_column(Boolean)
    passed: Mapped[bool] = mapped_column(Boolean)
    critical: Mapped[int] = mapped_column(Integer)
    disagreements: Mapped[int] = mapped_column(Integer)
    flaws_known: Mapped[bool] = mapped_column(Boolean)
    units: Mapped[str] = mapped_column(Text)  # ",U1,U2," so that LIKE '%,U1,%' finds a unit
    kuk_set: Mapped[str] = mapped_column(String(40))
    verdicts: Mapped[str] = mapped_column(Text)


class ErrorRow(_Base):
    """``cohort_errors``: one KUK, unit or recommendation the trainee got wrong."""

    __tablename__ = "cohort_errors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("cohort_attempts.attempt_id"),
                                            index=True)
    level: Mapped[str] = mapped_column(String(16))
    target: Mapped[str] = mapped_column(String(200), index=True)
    expected: Mapped[str] = mapped_column(String(8))
    given: Mapped[str] = mapped_column(String(8))


class FlawRow(_Base):
    """``cohort_flaws``: per attempt and flaw kind, items planted and items missed."""

    __tablename__ = "cohort_flaws"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("cohort_attempts.attempt_id"),
                                            index=True)
    kind: Mapped[str] = mapped_column(String(80), index=True)
    planted: Mapped[int] = mapped_column(Integer)
    missed: Mapped[int] = mapped_column(Integer)


class KukSetRow(_Base):
    """``cohort_kuk_sets``: a sorted KUK list, by the hash the fact rows use."""

    __tablename__ = "cohort_kuk_sets"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    kuks: Mapped[str] = mapped_column(Text)  # newline-separated


def kuk_set_id(kuks: Iterable[str]) -> str:
    """The hash that names a KUK list."""
    return hashlib.sha1("\n".join(kuks).encode("utf-8")).hexdigest()


def create_tables(engine: Engine) -> None:
    """Create the fact tables when they are missing."""
    _Base.metadata.create_all(engine)


_ATTEMPT_COLUMNS = (AttemptRow.id, AttemptRow.trainee, AttemptRow.case_id,
                    AttemptRow.scheme_code, AttemptRow.scheme_version,
                    AttemptRow.submitted_at, AttemptRow.seconds,
                    AttemptRow.criteria_agreement, AttemptRow.kappa,
                    AttemptRow.false_competent, AttemptRow.false_not_yet_competent,
                    AttemptRow.recommendation_correct,
                    cast(AttemptRow.judgement, Text), cast(AttemptRow.score, Text))
_DECODER = json.JSONDecoder()
_CRITERIA = re.compile(r'"criteria"\s*:\s*')


def _criteria(text: str | None) -> dict[str, Any]:
    """The ``criteria`` of a judgement's JSON text, without parsing its evidence verdicts
    (most of its bytes): decoded from where the key is, the whole text as a fallback."""
    if not text:
        return {}
    found = _CRITERIA.search(text)
    if found:
        try:
            value, _end = _DECODER.raw_decode(text, found.end())
            if isinstance(value, dict):
                return value
        except ValueError:
            pass
    data = json.loads(text)
    return dict(data.get("criteria") or {}) if isinstance(data, dict) else {}


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _score(text: str | None) -> dict[str, Any]:
    data = json.loads(text) if text else {}
    return data if isinstance(data, dict) else {}


def _rows(batch: list[Any], known_sets: set[str]) -> tuple[list[dict[str, Any]], ...]:
    facts, errors, flaws, sets = [], [], [], []
    for row in batch:
        made = attempt_facts(_score(row[13]), {"criteria": _criteria(row[12])})
        set_id = kuk_set_id(made.kuks)
        if set_id not in known_sets:
            known_sets.add(set_id)
            sets.append({"id": set_id, "kuks": "\n".join(made.kuks)})
        facts.append({
            "attempt_id": row.id, "trainee": row.trainee, "case_id": row.case_id,
            "scheme_code": row.scheme_code or "", "scheme_version": row.scheme_version or "",
            "submitted": _aware(row.submitted_at).timestamp(),
            "seconds": float(row.seconds or 0.0),
            "criteria_agreement": float(row.criteria_agreement or 0.0), "kappa": row.kappa,
            "ac1": made.ac1, "key_k_share": made.key_k_share,
            "false_competent": int(row.false_competent or 0),
            "false_not_yet_competent": int(row.false_not_yet_competent or 0),
            "recommendation_correct": bool(row.recommendation_correct),
            "recommendation_false_competent": made.recommendation_false_competent,
            "passed": made.passed, "critical": made.critical,
            "disagreements": made.disagreements, "flaws_known": made.flaws is not None,
            "units": "," + ",".join(made.units) + ",", "kuk_set": set_id,
            "verdicts": made.verdicts})
        errors += [{"attempt_id": row.id, "level": e.level, "target": e.target[:200],
                    "expected": e.expected[:8], "given": e.given[:8]} for e in made.errors]
        flaws += [{"attempt_id": row.id, "kind": kind[:80], "planted": planted,
                   "missed": missed} for kind, (planted, missed) in (made.flaws or {}).items()]
    return facts, errors, flaws, sets


def refresh(store: Store, batch: int = BATCH) -> int:
    """Bring the fact tables up to date with the attempts; the number of attempts read."""
    engine = store.engine
    create_tables(engine)
    done = 0
    while True:
        with engine.connect() as conn:
            last = conn.scalar(select(func.max(FactRow.attempt_id))) or 0
            known = set(conn.scalars(select(KukSetRow.id)))
            pending = conn.execute(select(*_ATTEMPT_COLUMNS).where(AttemptRow.id > last)
                                   .order_by(AttemptRow.id).limit(batch)).all()
        if not pending:
            return done
        facts, errors, flaws, sets = _rows(pending, known)
        try:
            with engine.begin() as conn:
                if sets:
                    conn.execute(insert(KukSetRow), sets)
                conn.execute(insert(FactRow), facts)
                if errors:
                    conn.execute(insert(ErrorRow), errors)
                if flaws:
                    conn.execute(insert(FlawRow), flaws)
        except IntegrityError:  # another process wrote these facts first: read on
            continue
        done += len(pending)


__all__ = ["BATCH", "ErrorRow", "FactRow", "FlawRow", "KukSetRow", "create_tables",
           "kuk_set_id", "refresh"]
