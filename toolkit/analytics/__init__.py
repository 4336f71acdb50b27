"""Cohort analytics over the attempt store: who is ready to assess, which KUK and flaw kinds
trip trainees up, how consistent they are, and which case each should do next.

:class:`Cohort` answers the dashboard's queries (SQLite and PostgreSQL alike) from fact
tables refreshed from the attempts (:mod:`toolkit.analytics.facts`);
:class:`DefaultQualification` gives each trainee a status (belum siap / hampir siap /
siap) with reasons; :func:`build_report` and :func:`write_report` make the HTML, XLSX and
JSON reports; :func:`choose_next` picks the adaptive next case; :func:`demo_cohort` fills
a store with a synthetic cohort. No widgets here: ``widgets.cohort`` shows all this.
"""

from __future__ import annotations

from .adaptive import (
    CaseProfile,
    CaseSelector,
    Choice,
    WeakestFirst,
    Weakness,
    choose_next,
    generate_targeted,
    get_selector,
    weakness,
)
from .consistency import CaseConsistency, case_consistency, consistency
from .demo import DemoCohort, TraineeProfile, demo_cohort, flaw_kinds, judge, trainee_profiles
from .facts import refresh
from .labels import flaw_label
from .outcomes import AttemptFacts, attempt_facts, fallback_passed, flaw_outcomes, with_outcomes
from .qualification import (
    STATUSES,
    Check,
    DefaultQualification,
    Qualification,
    QualificationRule,
    status_label,
)
from .queries import AttemptRecord, CaseStat, Cohort, Filters, KukStat, Matrix, Rate
from .report import CohortReport, TraineeSummary, build_report, get_rule
from .report_files import REPORT_TYPES, ReportError, write_report

__all__ = [
    "REPORT_TYPES",
    "STATUSES",
    "AttemptFacts",
    "AttemptRecord",
    "CaseConsistency",
    "CaseProfile",
    "CaseSelector",
    "CaseStat",
    "Check",
    "Choice",
    "Cohort",
    "CohortReport",
    "DefaultQualification",
    "DemoCohort",
    "Filters",
    "KukStat",
    "Matrix",
    "Qualification",
    "QualificationRule",
    "Rate",
    "ReportError",
    "TraineeProfile",
    "TraineeSummary",
    "WeakestFirst",
    "Weakness",
    "attempt_facts",
    "build_report",
    "case_consistency",
    "choose_next",
    "consistency",
    "demo_cohort",
    "fallback_passed",
    "flaw_kinds",
    "flaw_label",
    "flaw_outcomes",
    "generate_targeted",
    "get_rule",
    "get_selector",
    "judge",
    "refresh",
    "status_label",
    "trainee_profiles",
    "weakness",
    "with_outcomes",
    "write_report",
]
