"""The cohort analytics recover the error patterns planted in a synthetic cohort, on SQLite
and on PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from toolkit.analytics import Cohort, DemoCohort, Filters, build_report, refresh
from toolkit.analytics.facts import ErrorRow, FactRow, FlawRow
from toolkit.i18n import language
from toolkit.store import Attempt, Store, new_token


def _count(store: Store, table: type) -> int:
    from sqlalchemy import func, select

    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(table)) or 0)


def test_the_most_missed_flaw_kind_comes_out_on_top(store: Store, cohort: DemoCohort) -> None:
    rates = Cohort(store).flaw_miss_rates()
    assert next(iter(rates)) == "too_old"
    assert rates["too_old"] > 3 * max(v for k, v in rates.items() if k != "too_old")


def test_each_weak_trainee_s_own_weakness_is_recovered(store: Store,
                                                       cohort: DemoCohort) -> None:
    view = Cohort(store)
    weak = [p for p in cohort.profiles if p.weak and p.weak_miss >= 0.5]
    assert len(weak) >= 3
    for profile in weak:
        rates = view.flaw_rates(profile.name)
        top = next(iter(rates))
        assert top in profile.weak, (profile, rates)
    for profile in (p for p in cohort.profiles if not p.weak):
        assert not any(r.bad for r in view.flaw_rates(profile.name).values())


def test_statuses_follow_the_rule(store: Store, cohort: DemoCohort) -> None:
    with language("en"):
        report = build_report(store)
    view = Cohort(store)
    by_name = {t.name: t for t in report.trainees}
    for profile in cohort.profiles:
        summary = by_name[profile.name]
        recent = view.by_trainee[profile.name][-10:]
        passed = sum(r.passed for r in recent) / len(recent)
        agreement = sum(r.criteria_agreement for r in recent) / len(recent)
        false_k = any(r.recommendation_false_competent for r in recent)
        if not profile.weak:  # never misses, never slips: every rule met over 10 cases
            assert summary.status == "siap", summary.qualification.reasons
        if false_k or passed < 0.7:
            assert summary.status == "belum siap", summary.qualification.reasons
        if summary.status == "siap":
            assert passed >= 0.8 and agreement >= 0.9 and not false_k
        unmet = [c for c in summary.qualification.checks if not c.met]
        assert (summary.status == "siap") == (not unmet)
        assert all("needed" in c.reason or "allowed" in c.reason or "critical" in c.reason
                   or "cases the rule looks at" in c.reason for c in unmet)
    assert {"siap", "belum siap"} <= {t.status for t in report.trainees}


def test_kuk_case_and_consistency_tables(store: Store, cohort: DemoCohort) -> None:
    view = Cohort(store)
    kuks = view.kuk_stats()
    assert kuks[0].rate >= kuks[-1].rate and kuks[0].errors > 0
    assert all(s.attempts <= 120 for s in kuks)
    matrix = view.error_matrix()
    assert matrix.rates.shape == (12, len(kuks))
    cases = view.case_stats()
    assert sum(c.attempts for c in cases) == 120 and cases[0].difficulty >= cases[-1].difficulty
    report = build_report(store)
    consistency = report.consistency
    assert consistency["cases"] and all(c["raters"] >= 2 for c in consistency["cases"])
    assert -1.0 <= consistency["fleiss_kappa"] <= 1.0
    assert -1.0 <= consistency["krippendorff_alpha"] <= 1.0


def test_facts_are_read_once_and_new_attempts_are_picked_up(store: Store,
                                                           cohort: DemoCohort) -> None:
    assert refresh(store) == 120
    errors, flaws = _count(store, ErrorRow), _count(store, FlawRow)
    assert refresh(store) == 0 and _count(store, ErrorRow) == errors
    # an attempt of today's shape: no "passed", no "flaws" in the score
    now = datetime.now(UTC)
    store.record(Attempt(
        token=new_token(), trainee="Nur Rahma", case_id="case-0001",
        opened_at=now - timedelta(minutes=20), submitted_at=now,
        judgement={"case": "case-0001", "criteria": {"U/1.1": "K", "U/1.2": "K"}},
        score={"criteria_total": 2, "criteria_agreed": 1, "criteria_agreement": 0.5,
               "kappa": 0.0, "false_competent": 1, "false_not_yet_competent": 0,
               "recommendation_expected": "BK", "recommendation_given": "K",
               "recommendation_correct": False, "units_correct": {"U": False},
               "debrief": [{"target": "U/1.2", "kind": "criterion", "expected": "BK",
                            "given": "K", "critical": True}]}))
    assert refresh(store) == 1
    assert _count(store, FlawRow) == flaws and _count(store, FactRow) == 121
    record = Cohort(store, Filters(trainees=("Nur Rahma",))).records[0]
    assert not record.passed and record.critical == 1 and record.recommendation_false_competent
    assert Cohort(store).flaw_rates("Nur Rahma") == {}


def test_filters_narrow_every_table(store: Store, cohort: DemoCohort) -> None:
    unit = cohort.cases[0][0].units[0]
    by_unit = Cohort(store, Filters(unit=unit))
    assert {s.kuk.rpartition("/")[0] for s in by_unit.kuk_stats()} == {unit}
    first_days = Cohort(store, Filters(until=datetime(2026, 1, 7, 23, 59, tzinfo=UTC)))
    assert len(first_days.records) == 12 * 3
    assert Cohort(store, Filters(scheme="NO-SUCH-SCHEME")).records == []
    some = Cohort(store, Filters(trainees=(cohort.profiles[0].name,)))
    assert {r.trainee for r in some.records} == {cohort.profiles[0].name}
