"""Consistency between trainees on the same case, for a validation (moderation) meeting.

For each case judged by two or more trainees, their latest KUK verdicts form a
raters × KUK matrix; Fleiss' kappa, Krippendorff's alpha (nominal) and the share of
agreeing rater pairs come from :mod:`toolkit.agreement`. The KUK on which the trainees
split most are named: those are the ones to discuss (FR.VA).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..agreement import AgreementError, fleiss_kappa, krippendorff_alpha, percent_agreement
from .outcomes import UNDECIDED
from .queries import Cohort

_CODES = {"K": 1.0, "B": 0.0}


@dataclass
class CaseConsistency:
    """How consistently the trainees judged one case."""

    case_id: str
    scheme_code: str
    raters: int
    kuks: int
    fleiss_kappa: float | None
    krippendorff_alpha: float | None
    percent_agreement: float | None
    split_kuks: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"case": self.case_id, "scheme": self.scheme_code, "raters": self.raters,
                "kuks": self.kuks, "fleiss_kappa": _round(self.fleiss_kappa),
                "krippendorff_alpha": _round(self.krippendorff_alpha),
                "percent_agreement": _round(self.percent_agreement),
                "split_kuks": self.split_kuks}


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 6)


def _safe(compute: Any, matrix: Any, **options: Any) -> float | None:
    try:
        return float(compute(matrix, **options))
    except AgreementError:
        return None


def case_consistency(cohort: Cohort, case_id: str, scheme_code: str,
                     split_count: int = 5) -> CaseConsistency | None:
    """The consistency on one case, or None with fewer than two trainees."""
    trainees, kuks, verdicts = cohort.verdicts(case_id, scheme_code)
    if len(trainees) < 2 or not kuks:
        return None
    width = len(kuks)
    raw = np.frombuffer("".join(t[:width].ljust(width, UNDECIDED) for t in verdicts)
                        .encode("ascii", "replace"), dtype=np.uint8).reshape(-1, width)
    matrix = np.full(raw.shape, np.nan)
    for code, value in _CODES.items():
        matrix[raw == ord(code)] = value
    options = {"categories": [0.0, 1.0]}
    rated = (~np.isnan(matrix)).sum(axis=0)
    share_k = np.divide(np.nansum(matrix, axis=0), rated, out=np.zeros(len(kuks)),
                        where=rated > 0)
    split = np.minimum(share_k, 1.0 - share_k)
    order = [int(j) for j in np.argsort(-split, kind="stable") if split[j] > 0][:split_count]
    return CaseConsistency(
        case_id, scheme_code, len(trainees), len(kuks),
        _safe(fleiss_kappa, matrix, **options), _safe(krippendorff_alpha, matrix, **options),
        _safe(percent_agreement, matrix, **options), [kuks[j] for j in order])


def consistency(cohort: Cohort, max_cases: int = 50) -> dict[str, Any]:
    """Per case (the ``max_cases`` judged by most trainees) and overall (means)."""
    stats = sorted(cohort.case_stats(), key=lambda s: (-s.trainees, s.case_id))
    cases = []
    for stat in stats[:max_cases]:
        if stat.trainees < 2:
            continue
        made = case_consistency(cohort, stat.case_id, stat.scheme_code)
        if made is not None:
            cases.append(made)

    def mean(name: str) -> float | None:
        values = [getattr(c, name) for c in cases if getattr(c, name) is not None]
        return round(float(np.mean(values)), 6) if values else None

    return {"cases": [c.to_dict() for c in cases], "fleiss_kappa": mean("fleiss_kappa"),
            "krippendorff_alpha": mean("krippendorff_alpha"),
            "percent_agreement": mean("percent_agreement")}


__all__ = ["CaseConsistency", "case_consistency", "consistency"]
