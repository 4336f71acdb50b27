"""Queries over a cohort's attempts: per trainee, per KUK, per flaw kind, per case.

:class:`Cohort` refreshes the fact tables (:mod:`toolkit.analytics.facts`) and answers
every question of the dashboard and the reports with a few aggregate queries, the same
SQL on SQLite and PostgreSQL. :class:`Filters` narrows everything to a scheme, a unit, a
period or some trainees. A case is named by its id; the store knows it together with
the scheme code and version it was made from.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Select, and_, case, func, select

from ..store import Attempt, Store
from .facts import ErrorRow, FactRow, FlawRow, KukSetRow, refresh

#: Trainees per case whose verdicts the consistency measures use (those who judged it last).
MAX_RATERS = 200


@dataclass(frozen=True)
class Filters:
    """What part of the store to look at; ``None`` (or empty) means everything."""

    scheme: str | None = None
    unit: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    trainees: tuple[str, ...] = ()

    def apply(self, query: Select[Any]) -> Select[Any]:
        """``query`` (over ``cohort_attempts``) narrowed to these filters."""
        conditions = []
        if self.scheme:
            conditions.append(FactRow.scheme_code == self.scheme)
        if self.unit:
            conditions.append(FactRow.units.like(f"%,{self.unit},%"))
        if self.since:
            conditions.append(FactRow.submitted >= _aware(self.since).timestamp())
        if self.until:
            conditions.append(FactRow.submitted <= _aware(self.until).timestamp())
        if self.trainees:
            conditions.append(FactRow.trainee.in_(self.trainees))
        return query.where(and_(*conditions)) if conditions else query


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class AttemptRecord(NamedTuple):
    """One attempt as the analytics see it (no judgement, no debrief); a named tuple, as
    a cohort has a hundred thousand of them."""

    id: int
    trainee: str
    case_id: str
    scheme_code: str
    submitted: float  # POSIX seconds, UTC
    seconds: float
    criteria_agreement: float
    kappa: float | None
    ac1: float | None
    key_k_share: float | None
    false_competent: int
    false_not_yet_competent: int
    recommendation_correct: bool
    recommendation_false_competent: bool
    passed: bool
    critical: int
    disagreements: int

    @property
    def submitted_at(self) -> datetime:
        """When the attempt was submitted."""
        return datetime.fromtimestamp(self.submitted, UTC)


@dataclass(frozen=True)
class Rate:
    """How often something went wrong: ``bad`` of ``total``."""

    total: int
    bad: int

    @property
    def rate(self) -> float | None:
        """``bad / total``, or None when there is nothing to count."""
        return self.bad / self.total if self.total else None


@dataclass(frozen=True)
class KukStat:
    """How often trainees disagreed with the key on one KUK."""

    kuk: str
    attempts: int
    errors: int
    false_competent: int

    @property
    def rate(self) -> float:
        """Share of attempts with this KUK that got it wrong."""
        return self.errors / self.attempts if self.attempts else 0.0


@dataclass(frozen=True)
class CaseStat:
    """How one case went across the cohort (its difficulty)."""

    case_id: str
    scheme_code: str
    attempts: int
    trainees: int
    criteria_agreement: float
    passed_share: float
    false_competent: int
    seconds: float

    @property
    def difficulty(self) -> float:
        """1 − the share of attempts that passed (0 easy … 1 nobody passes)."""
        return 1.0 - self.passed_share


@dataclass
class Matrix:
    """Error rates, trainees (rows) × KUK (columns); NaN where a trainee never met a KUK."""

    trainees: list[str]
    kuks: list[str]
    rates: NDArray[np.float64] = field(repr=False)


_RECORD_COLUMNS = (FactRow.attempt_id, FactRow.trainee, FactRow.case_id, FactRow.scheme_code,
                   FactRow.submitted, FactRow.seconds, FactRow.criteria_agreement,
                   FactRow.kappa, FactRow.ac1, FactRow.key_k_share, FactRow.false_competent,
                   FactRow.false_not_yet_competent, FactRow.recommendation_correct,
                   FactRow.recommendation_false_competent, FactRow.passed, FactRow.critical,
                   FactRow.disagreements)


class Cohort:
    """The attempts of a store seen through :class:`Filters` (facts refreshed first)."""

    def __init__(self, store: Store, filters: Filters | None = None,
                 refreshed: bool = False) -> None:
        self.store, self.filters = store, filters or Filters()
        self.engine = store.engine
        if not refreshed:
            refresh(store)

    def _all(self, query: Select[Any]) -> list[Any]:
        with self.engine.connect() as conn:
            return list(conn.execute(query).all())

    # -- attempts and trainees ----------------------------------------------------------
    @cached_property
    def records(self) -> list[AttemptRecord]:
        """Every attempt in the filters, oldest first."""
        make = AttemptRecord._make  # sorted here: cheaper than the database's sort
        records = [make(row) for row in self._all(self.filters.apply(select(*_RECORD_COLUMNS)))]
        records.sort(key=lambda r: (r.submitted, r.id))
        return records

    @cached_property
    def by_trainee(self) -> dict[str, list[AttemptRecord]]:
        """Each trainee's attempts, oldest first (trainees by name)."""
        grouped: dict[str, list[AttemptRecord]] = defaultdict(list)
        for record in self.records:
            grouped[record.trainee].append(record)
        return dict(sorted(grouped.items()))

    def schemes(self) -> list[str]:
        """Scheme codes in the store (ignoring the filters)."""
        return sorted(row[0] for row in self._all(select(FactRow.scheme_code).distinct())
                      if row[0])

    def units(self) -> list[str]:
        """Unit codes of the cases in the filters."""
        found: set[str] = set()
        for (text,) in self._all(self.filters.apply(select(FactRow.units).distinct())):
            found.update(code for code in text.split(",") if code)
        return sorted(found)

    # -- KUK ----------------------------------------------------------------------------
    @cached_property
    def _kuk_sets(self) -> dict[str, list[str]]:
        return {row[0]: [k for k in row[1].split("\n") if k]
                for row in self._all(select(KukSetRow.id, KukSetRow.kuks))}

    def _wanted(self, kuk: str) -> bool:
        return not self.filters.unit or kuk.rpartition("/")[0] == self.filters.unit

    @cached_property
    def _kuk_grid(self) -> tuple[list[str], list[str], NDArray[np.float64],
                                 NDArray[np.float64], NDArray[np.float64]]:
        """(trainees, KUK, attempts, errors, false competent), the last three shaped
        trainees × KUK: attempts whose case had the KUK, and how many got it wrong.

        Attempts are counted per (trainee, KUK list) in SQL and spread over the KUK with
        one matrix product; errors are counted per (trainee, KUK) in SQL.
        """
        query = self.filters.apply(select(FactRow.trainee, FactRow.kuk_set,
                                          func.count(FactRow.attempt_id))
                                   .group_by(FactRow.trainee, FactRow.kuk_set))
        groups = self._all(query)
        trainees = sorted({t for t, _s, _n in groups})
        set_ids = sorted({s for _t, s, _n in groups})
        kuks = sorted({k for s in set_ids for k in self._kuk_sets.get(s, []) if self._wanted(k)})
        row = {t: i for i, t in enumerate(trainees)}
        col = {k: j for j, k in enumerate(kuks)}
        of_set = {s: i for i, s in enumerate(set_ids)}
        membership = np.zeros((len(set_ids), len(kuks)))
        for s in set_ids:
            columns = [col[k] for k in self._kuk_sets.get(s, []) if k in col]
            membership[of_set[s], columns] = 1.0
        counts = np.zeros((len(trainees), len(set_ids)))
        for trainee, set_id, count in groups:
            counts[row[trainee], of_set[set_id]] += int(count)
        attempts = counts @ membership
        errors = np.zeros_like(attempts)
        false_k = np.zeros_like(attempts)
        wrong_k = func.sum(case((and_(ErrorRow.expected == "BK", ErrorRow.given == "K"), 1),
                                else_=0))
        query = self.filters.apply(
            select(FactRow.trainee, ErrorRow.target, func.count(ErrorRow.id), wrong_k)
            .join(FactRow, FactRow.attempt_id == ErrorRow.attempt_id)
            .where(ErrorRow.level == "kuk").group_by(FactRow.trainee, ErrorRow.target))
        for trainee, kuk, count, fk in self._all(query):
            j = col.get(kuk)
            if j is not None and trainee in row:
                errors[row[trainee], j] += int(count)
                false_k[row[trainee], j] += int(fk or 0)
        return trainees, kuks, attempts, errors, false_k

    def kuk_stats(self) -> list[KukStat]:
        """Every KUK met in the filters, the most often missed first."""
        _trainees, kuks, attempts, errors, false_k = self._kuk_grid
        totals, wrong, fk = attempts.sum(axis=0), errors.sum(axis=0), false_k.sum(axis=0)
        stats = [KukStat(kuk, int(totals[j]), int(wrong[j]), int(fk[j]))
                 for j, kuk in enumerate(kuks)]
        return sorted(stats, key=lambda s: (-s.rate, s.kuk))

    def error_matrix(self, trainees: list[str] | None = None,
                     kuks: list[str] | None = None) -> Matrix:
        """KUK error rates per trainee (the heat map); NaN where a trainee never met a KUK."""
        known, columns, attempts, errors, _fk = self._kuk_grid
        with np.errstate(divide="ignore", invalid="ignore"):
            rates = np.where(attempts > 0, errors / np.where(attempts > 0, attempts, 1), np.nan)
        names = trainees if trainees is not None else list(self.by_trainee)
        wanted = kuks if kuks is not None else columns
        row = {t: i for i, t in enumerate(known)}
        col = {k: j for j, k in enumerate(columns)}
        out = np.full((len(names), len(wanted)), np.nan)
        rows = [(i, row[n]) for i, n in enumerate(names) if n in row]
        cols = [(j, col[k]) for j, k in enumerate(wanted) if k in col]
        if rows and cols:
            ri, rs = zip(*rows, strict=True)
            ci, cs = zip(*cols, strict=True)
            out[np.ix_(ri, ci)] = rates[np.ix_(rs, cs)]
        return Matrix(names, list(wanted), out)

    # -- units ----------------------------------------------------------------------------
    @cached_property
    def _unit_errors(self) -> dict[tuple[str, str], int]:
        query = self.filters.apply(
            select(FactRow.trainee, ErrorRow.target, func.count(ErrorRow.id))
            .join(FactRow, FactRow.attempt_id == ErrorRow.attempt_id)
            .where(ErrorRow.level == "unit").group_by(FactRow.trainee, ErrorRow.target))
        return {(t, u): int(n) for t, u, n in self._all(query)}

    @cached_property
    def _unit_attempts(self) -> dict[tuple[str, str], int]:
        query = self.filters.apply(select(FactRow.trainee, FactRow.units,
                                          func.count(FactRow.attempt_id))
                                   .group_by(FactRow.trainee, FactRow.units))
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for trainee, text, count in self._all(query):
            for unit in (u for u in text.split(",") if u):
                counts[(trainee, unit)] += int(count)
        return counts

    @cached_property
    def _unit_table(self) -> dict[str | None, dict[str, list[int]]]:
        """trainee (None: everyone) → unit → [attempts, wrong]."""
        table: dict[str | None, dict[str, list[int]]] = defaultdict(
            lambda: defaultdict(lambda: [0, 0]))
        for index, source in enumerate((self._unit_attempts, self._unit_errors)):
            for (name, unit), count in source.items():
                table[name][unit][index] += count
                table[None][unit][index] += count
        return table

    def unit_rates(self, trainee: str | None = None) -> dict[str, Rate]:
        """Per unit: attempts that had it and wrong unit decisions (of one trainee)."""
        return {unit: Rate(*pair)
                for unit, pair in sorted(self._unit_table.get(trainee, {}).items())}

    # -- flaw kinds -----------------------------------------------------------------------
    @cached_property
    def _flaws(self) -> dict[tuple[str, str], tuple[int, int]]:
        """(trainee, kind) → (planted, missed)."""
        query = self.filters.apply(
            select(FactRow.trainee, FlawRow.kind, func.sum(FlawRow.planted),
                   func.sum(FlawRow.missed))
            .join(FactRow, FactRow.attempt_id == FlawRow.attempt_id)
            .group_by(FactRow.trainee, FlawRow.kind))
        return {(t, k): (int(p or 0), int(m or 0)) for t, k, p, m in self._all(query)}

    @cached_property
    def _flaw_table(self) -> dict[str | None, dict[str, list[int]]]:
        """trainee (None: everyone) → kind → [planted, missed]."""
        table: dict[str | None, dict[str, list[int]]] = defaultdict(
            lambda: defaultdict(lambda: [0, 0]))
        for (name, kind), (planted, missed) in self._flaws.items():
            for who in (name, None):
                table[who][kind][0] += planted
                table[who][kind][1] += missed
        return table

    def flaw_rates(self, trainee: str | None = None) -> dict[str, Rate]:
        """Per flaw kind: items planted and items the trainee(s) accepted anyway, the most
        often missed first."""
        rates = {kind: Rate(*pair) for kind, pair in self._flaw_table.get(trainee, {}).items()}
        return dict(sorted(rates.items(), key=lambda kv: (-(kv[1].rate or 0.0), kv[0])))

    def flaw_miss_rates(self, trainee: str | None = None) -> dict[str, float]:
        """Per flaw kind, the share of planted items missed (most missed first)."""
        return {kind: rate.rate for kind, rate in self.flaw_rates(trainee).items()
                if rate.rate is not None}

    # -- cases ----------------------------------------------------------------------------
    @cached_property
    def _case_stats(self) -> list[CaseStat]:
        """Every case in the filters, the hardest first."""
        passed = func.sum(case((FactRow.passed, 1), else_=0))
        query = self.filters.apply(select(
            FactRow.case_id, FactRow.scheme_code, func.count(FactRow.attempt_id),
            func.count(func.distinct(FactRow.trainee)), func.avg(FactRow.criteria_agreement),
            passed, func.sum(FactRow.false_competent), func.avg(FactRow.seconds))
            .group_by(FactRow.case_id, FactRow.scheme_code))
        stats = [CaseStat(case, scheme, int(n), int(people), float(agreement or 0.0),
                          int(ok or 0) / int(n) if n else 0.0, int(false_k or 0),
                          float(seconds or 0.0))
                 for case, scheme, n, people, agreement, ok, false_k, seconds
                 in self._all(query)]
        return sorted(stats, key=lambda s: (-s.difficulty, s.case_id))

    def case_stats(self) -> list[CaseStat]:
        """Every case in the filters, the hardest first."""
        return list(self._case_stats)

    @cached_property
    def _latest_verdicts(self) -> dict[tuple[str, str], dict[str, tuple[str, str]]]:
        """(case, scheme) → trainee → (KUK list id, verdict string) of their latest attempt,
        for the :data:`MAX_RATERS` trainees who judged the case last."""
        query = self.filters.apply(select(
            FactRow.case_id, FactRow.scheme_code, FactRow.trainee, FactRow.kuk_set,
            FactRow.verdicts, FactRow.submitted, FactRow.attempt_id))
        newest: dict[tuple[str, str], dict[str, tuple[float, int, str, str]]] = defaultdict(dict)
        for case_id, scheme, trainee, set_id, verdicts, when, number in self._all(query):
            mine = newest[(case_id, scheme)]
            seen = mine.get(trainee)
            if seen is None or (when, number) > seen[:2]:
                mine[trainee] = (when, number, set_id, verdicts)
        latest: dict[tuple[str, str], dict[str, tuple[str, str]]] = {}
        for key, by_trainee in newest.items():
            last = sorted(by_trainee.items(), key=lambda kv: kv[1][:2])[-MAX_RATERS:]
            latest[key] = {t: (v[2], v[3]) for t, v in last}
        return latest

    def verdicts(self, case_id: str, scheme_code: str,
                 ) -> tuple[list[str], list[str], list[str]]:
        """The latest verdicts of each trainee on one case (the last :data:`MAX_RATERS`
        trainees): (trainees, KUK, verdict strings) over the KUK list most of them share."""
        latest = self._latest_verdicts.get((case_id, scheme_code), {})
        if not latest:
            return [], [], []
        counts: dict[str, int] = defaultdict(int)
        for set_id, _v in latest.values():
            counts[set_id] += 1
        common = max(sorted(counts), key=lambda s: counts[s])
        names = [t for t, (s, _v) in latest.items() if s == common]
        return names, self._kuk_sets.get(common, []), [latest[t][1] for t in names]

    def attempt(self, attempt_id: int) -> Attempt | None:
        """One stored attempt with its whole judgement and score report (the drill-down)."""
        return self.store.by_id(attempt_id)

    def attempt_ids(self, trainee: str) -> list[int]:
        """The ids of one trainee's attempts in the filters, oldest first."""
        return [r.id for r in self.by_trainee.get(trainee, [])]


__all__ = ["MAX_RATERS", "AttemptRecord", "CaseStat", "Cohort", "Filters", "KukStat", "Matrix",
           "Rate"]
