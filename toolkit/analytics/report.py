"""The cohort report as data: every table the dashboard and the report files show.

:func:`build_report` runs the queries of :class:`~toolkit.analytics.queries.Cohort`, the
qualification rule and the consistency measures once, and holds the results in a
:class:`CohortReport`; :meth:`CohortReport.to_dict` is the JSON file
(``asesorlab report -o report.json``). The HTML and XLSX files are written from the same
object by :mod:`toolkit.analytics.report_html` and :mod:`toolkit.analytics.report_xlsx`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..store import Store
from .consistency import consistency
from .qualification import DefaultQualification, Qualification, QualificationRule
from .queries import CaseStat, Cohort, Filters, KukStat, Rate

if TYPE_CHECKING:
    from ..plugins import PluginHost


@dataclass
class TraineeSummary:
    """One row of the trainee table, and the FR.AK.05-style summary of that trainee."""

    name: str
    qualification: Qualification
    attempts: int
    passed: int
    criteria_agreement: float
    kappa: float | None
    ac1: float | None
    false_competent: int
    false_not_yet_competent: int
    recommendation_false_competent: int
    critical: int
    seconds: float
    flaws: dict[str, Rate] = field(default_factory=dict)
    units: dict[str, Rate] = field(default_factory=dict)
    agreement_series: list[tuple[datetime, float]] = field(default_factory=list)

    @property
    def status(self) -> str:
        """``belum siap`` | ``hampir siap`` | ``siap``."""
        return self.qualification.status

    def weak_flaws(self, count: int = 3) -> list[tuple[str, Rate]]:
        """The flaw kinds this trainee missed, the most often first."""
        missed = [(k, r) for k, r in self.flaws.items() if r.bad]
        return sorted(missed, key=lambda p: (-(p[1].rate or 0.0), p[0]))[:count]

    def strong_flaws(self, count: int = 3) -> list[tuple[str, Rate]]:
        """The flaw kinds this trainee always caught (seen at least three times)."""
        return [(k, r) for k, r in sorted(self.flaws.items()) if r.total >= 3 and not r.bad][
            :count]

    def weak_units(self, count: int = 3) -> list[tuple[str, Rate]]:
        """The units this trainee decided wrong, the most often first."""
        wrong = [(u, r) for u, r in self.units.items() if r.bad]
        return sorted(wrong, key=lambda p: (-(p[1].rate or 0.0), p[0]))[:count]

    def to_dict(self) -> dict[str, Any]:
        """The trainee as the JSON report holds it."""
        return {
            "name": self.name, "status": self.status,
            "reasons": self.qualification.reasons, "attempts": self.attempts,
            "passed": self.passed, "criteria_agreement": round(self.criteria_agreement, 6),
            "kappa": None if self.kappa is None else round(self.kappa, 6),
            "ac1": None if self.ac1 is None else round(self.ac1, 6),
            "false_competent": self.false_competent,
            "false_not_yet_competent": self.false_not_yet_competent,
            "recommendation_false_competent": self.recommendation_false_competent,
            "critical_errors": self.critical, "seconds_per_case": round(self.seconds, 1),
            "flaw_miss_rates": {k: round(r.rate, 6) for k, r in self.flaws.items()
                                if r.rate is not None},
            "weak_units": [u for u, _r in self.weak_units()],
        }


@dataclass
class CohortReport:
    """Everything a cohort report shows."""

    generated: datetime
    filters: Filters
    rule: str
    trainees: list[TraineeSummary]
    flaws: dict[str, Rate]
    kuks: list[KukStat]
    cases: list[CaseStat]
    consistency: dict[str, Any]
    cohort: Cohort = field(repr=False)

    @property
    def attempts(self) -> int:
        """Attempts in the report."""
        return sum(t.attempts for t in self.trainees)

    def status_counts(self) -> dict[str, int]:
        """How many trainees have each status."""
        counts = {"belum siap": 0, "hampir siap": 0, "siap": 0}
        for trainee in self.trainees:
            counts[trainee.status] = counts.get(trainee.status, 0) + 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        """The JSON report."""
        f = self.filters
        return {
            "generated": self.generated.isoformat(timespec="seconds"),
            "filters": {"scheme": f.scheme, "unit": f.unit,
                        "since": f.since.isoformat() if f.since else None,
                        "until": f.until.isoformat() if f.until else None},
            "rule": self.rule, "attempts": self.attempts,
            "statuses": self.status_counts(),
            "trainees": [t.to_dict() for t in self.trainees],
            "flaw_miss_rates": {k: round(r.rate, 6) for k, r in self.flaws.items()
                                if r.rate is not None},
            "flaws": {k: {"planted": r.total, "missed": r.bad} for k, r in self.flaws.items()},
            "kuk": [{"kuk": s.kuk, "attempts": s.attempts, "errors": s.errors,
                     "false_competent": s.false_competent, "error_rate": round(s.rate, 6)}
                    for s in self.kuks],
            "cases": [{"case": c.case_id, "scheme": c.scheme_code, "attempts": c.attempts,
                       "trainees": c.trainees,
                       "criteria_agreement": round(c.criteria_agreement, 6),
                       "passed_share": round(c.passed_share, 6),
                       "difficulty": round(c.difficulty, 6),
                       "false_competent": c.false_competent,
                       "seconds": round(c.seconds, 1)} for c in self.cases],
            "consistency": self.consistency,
        }


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def get_rule(name: str = "default", host: PluginHost | None = None) -> QualificationRule:
    """The qualification rule registered under ``name``."""
    from ..i18n import _
    from ..plugins import default_host

    rule: QualificationRule = (host or default_host()).lookup(
        "register_qualification_rules", name, _("qualification rule"))
    return rule


def build_report(store: Store, filters: Filters | None = None,
                 rule: QualificationRule | None = None, max_cases: int = 50) -> CohortReport:
    """Query the store once and build every table of the report."""
    cohort = Cohort(store, filters)
    rule = rule or DefaultQualification()
    trainees = []
    for name, records in cohort.by_trainee.items():
        kappas = [r.kappa for r in records if r.kappa is not None]
        ac1s = [r.ac1 for r in records if r.ac1 is not None]
        trainees.append(TraineeSummary(
            name=name, qualification=rule.evaluate(records), attempts=len(records),
            passed=sum(r.passed for r in records),
            criteria_agreement=_mean([r.criteria_agreement for r in records]) or 0.0,
            kappa=_mean(kappas), ac1=_mean(ac1s),
            false_competent=sum(r.false_competent for r in records),
            false_not_yet_competent=sum(r.false_not_yet_competent for r in records),
            recommendation_false_competent=sum(r.recommendation_false_competent
                                               for r in records),
            critical=sum(r.critical for r in records),
            seconds=_mean([r.seconds for r in records]) or 0.0,
            flaws=cohort.flaw_rates(name), units=cohort.unit_rates(name),
            agreement_series=[(r.submitted_at, r.criteria_agreement) for r in records]))
    return CohortReport(datetime.now(UTC), cohort.filters, getattr(rule, "name", "?"),
                        trainees, cohort.flaw_rates(), cohort.kuk_stats(), cohort.case_stats(),
                        consistency(cohort, max_cases), cohort)


__all__ = ["CohortReport", "TraineeSummary", "build_report", "get_rule"]
