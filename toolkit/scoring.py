"""Score a trainee's judgement of a case against the answer key: pass or not, and why.

The report says first whether the **case is passed**: every KUK judged, no critical error
and the right recommendation. Critical errors (``critical_errors``) are a KUK or unit
judged K that the key says BK (*K keliru, seharusnya BK*), a wrong recommendation (a BK
recommendation must also name the units that fell short), and accepting a document whose
flaw breaks authenticity (another person's, forged, copied) — judging it authentic, or
leaving its authenticity unchecked. Then come agreement on
every KUK (share over *all* KUK of the case, unjudged ones counted as such; Cohen's kappa
and Gwet's AC1 over the judged KUK, and kappa with "unjudged" as a category of its own),
the four rules of evidence per item (each check three-state: met, not met, not judged),
the unit decisions, the recommendation, and *penilaian lanjut*: a follow-up asked for where
the key says one was due is credited; a KUK decided without the follow-up that was due is
a (non-critical) error. ``flaws`` says, per document with planted flaws, whether the
trainee caught it (did not accept it) — what cohort analytics count.

:func:`score_many` scores many judgements of one case at once with NumPy (kappa and AC1
from :func:`toolkit.agreement.cohen_kappa_many` / :func:`~toolkit.agreement.gwet_ac1_many`).
The debrief (:mod:`toolkit.debrief`) lists every disagreement with the key's reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, Field

from .agreement import AgreementError, cohen_kappa_many, gwet_ac1_many
from .cases.model import AnswerKey, Case, Judgement
from .i18n import _, get_language, normalize_language
from .score_parts import Check, PartScore

if TYPE_CHECKING:
    from .plugins import PluginHost

DebriefKind = Literal["criterion", "evidence", "unit", "recommendation", "follow_up"]
CriticalKind = Literal["false_competent_criterion", "false_competent_unit",
                       "wrong_recommendation", "accepted_inauthentic", "integrity"]
RULES = ("valid", "authentic", "current", "sufficient")
_CODE = {"BK": 0.0, "K": 1.0}
UNJUDGED = 2.0


class ScoringError(ValueError):
    """A judgement that does not fit the key it is scored against."""


class DebriefItem(BaseModel):
    """One disagreement with the key, and the key's reason (one per KUK, item or unit)."""

    target: str
    kind: DebriefKind
    expected: str | bool
    given: str | bool | None
    reason: str
    critical: bool = False
    rules: list[str] = Field(default_factory=list, description="evidence: rules that differ")


class CriticalError(BaseModel):
    """A critical error: it fails the case whatever else is right."""

    kind: CriticalKind
    where: str
    why: str


class FlawOutcome(BaseModel):
    """A document with planted flaws, and whether the trainee caught it (did not accept it)."""

    item: str
    flaws: list[str]
    caught: bool


class ScoreReport(BaseModel):
    """How well one judgement agrees with the key of its case."""

    case: str
    language: str
    passed: bool = False
    critical_errors: list[CriticalError] = Field(default_factory=list)
    criteria_total: int
    criteria_agreed: int
    criteria_missing: int
    criteria_unjudged: int = 0
    criteria_agreement: float
    kappa: float
    ac1: float
    kappa_all: float = 0.0
    false_competent: int
    false_not_yet_competent: int
    evidence_total: int
    evidence_unjudged: int = 0
    evidence_agreement: float
    evidence_rule_agreement: dict[str, float] = Field(default_factory=dict)
    units_correct: dict[str, bool] = Field(default_factory=dict)
    units_agreement: float
    recommendation_expected: str
    recommendation_given: str
    recommendation_correct: bool
    follow_ups_credited: list[str] = Field(default_factory=list)
    follow_ups_missed: list[str] = Field(default_factory=list)
    flaws: list[FlawOutcome] = Field(default_factory=list)
    debrief: list[DebriefItem] = Field(default_factory=list)
    plan: PartScore = Field(default_factory=PartScore)
    integrity: PartScore = Field(default_factory=PartScore)
    judging: PartScore = Field(default_factory=PartScore)
    feedback: PartScore = Field(default_factory=PartScore)
    record: PartScore = Field(default_factory=PartScore)
    time_used_s: float | None = None
    time_limit_minutes: int | None = None
    auto_submitted: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (floats rounded to 6 places)."""
        data = self.model_dump(mode="json")
        for name, value in data.items():
            if isinstance(value, float):
                data[name] = round(value, 6)
        data["evidence_rule_agreement"] = {k: round(v, 6) for k, v in
                                           data["evidence_rule_agreement"].items()}
        for part in ("plan", "integrity", "judging", "feedback", "record"):
            data[part]["score"] = round(data[part]["score"], 6)
        return data


def check_judgement(key: AnswerKey, judgement: Judgement) -> list[tuple[tuple[str, ...], str]]:
    """Where ``judgement`` does not fit ``key``: (data path, message) pairs; empty if it fits."""
    problems: list[tuple[tuple[str, ...], str]] = []
    if judgement.case != key.case:
        problems.append((("case",), _("this judgement is of case {given}, the key of case "
                                      "{expected}", given=judgement.case, expected=key.case)))
    for kuk in [*judgement.criteria, *judgement.follow_ups]:
        if kuk not in key.criteria:
            problems.append((("criteria", kuk), _("KUK {kuk} is not in the key of {case}",
                                                  kuk=kuk, case=key.case)))
    for item in judgement.evidence:
        if item not in key.evidence:
            problems.append((("evidence", item), _(
                "evidence item {item} is not in the key of {case}", item=item, case=key.case)))
    for unit in judgement.units:
        if unit not in key.units:
            problems.append((("units", unit), _("unit {unit} is not in the key of {case}",
                                                unit=unit, case=key.case)))
    return problems


def _criteria_matrix(judgements: Sequence[Judgement], kuks: list[str]) -> NDArray[np.float64]:
    """(judgements, KUK) codes: 1.0 K, 0.0 BK, NaN unjudged."""
    nan = float("nan")
    rows = [[_CODE.get(j.criteria.get(k, ""), nan) for k in kuks] for j in judgements]
    return np.array(rows, dtype=np.float64).reshape(len(judgements), len(kuks))


def _check(value: bool | None) -> float:
    return float("nan") if value is None else float(value)


def _evidence_matrix(judgements: Sequence[Judgement], items: list[str]) -> NDArray[np.float64]:
    """(judgements, item × rule) as 1.0/0.0, NaN where a check was not judged."""
    missing = (float("nan"),) * len(RULES)
    rows = []
    for judgement in judgements:
        row: list[float] = []
        for item in items:
            v = judgement.evidence.get(item)
            row.extend(missing if v is None else (_check(v.valid), _check(v.authentic),
                                                  _check(v.current), _check(v.sufficient)))
        rows.append(row)
    return np.array(rows, dtype=np.float64).reshape(len(judgements), len(items) * len(RULES))


def _safe(compute: Any, ref: NDArray[np.float64], given: NDArray[np.float64],
          categories: list[float]) -> NDArray[np.float64]:
    """Kappa/AC1 per row; rows with no judged KUK (or an empty key) get 0.0."""
    out = np.zeros(given.shape[0])
    judged = ~np.isnan(given).all(axis=1) if given.size else np.zeros(given.shape[0], bool)
    if ref.size and judged.any():
        try:
            out[judged] = compute(ref, given[judged], categories=categories)
        except AgreementError:  # pragma: no cover - guarded by ``judged``
            out[judged] = 0.0
    return out


def score_many(key: AnswerKey, judgements: Sequence[Judgement],
               lang: str | None = None, *, case: Case | None = None,
               host: PluginHost | None = None) -> list[ScoreReport]:
    """Score every judgement of one case against ``key`` (vectorised over judgements).

    ``case`` (the case file) lets the feedback and record parts check names and evidence
    types; ``host`` gives the feedback-check plugins (default: the shared host).
    """
    from .debrief import build_debrief, critical_errors, flaw_outcomes
    from .duties_scoring import apply_duties

    lang = normalize_language(lang) if lang else get_language()
    for judgement in judgements:
        problems = check_judgement(key, judgement)
        if problems:
            raise ScoringError("; ".join(message for _where, message in problems))
    kuks = list(key.criteria)
    ref = np.array([_CODE[key.criteria[k]] for k in kuks])
    given = _criteria_matrix(judgements, kuks)
    judged = ~np.isnan(given)
    agree = judged & (given == ref[None, :])
    false_k = judged & (ref[None, :] == 0.0) & (given == 1.0)
    false_bk = judged & (ref[None, :] == 1.0) & (given == 0.0)
    kappa = _safe(cohen_kappa_many, ref, given, [0.0, 1.0])
    ac1 = _safe(gwet_ac1_many, ref, given, [0.0, 1.0])
    with_unjudged = np.where(judged, given, UNJUDGED)
    kappa_all = _safe(cohen_kappa_many, ref, with_unjudged, [0.0, 1.0, UNJUDGED])
    items = list(key.evidence)
    ev_ref = np.array([float(getattr(key.evidence[i], r)) for i in items for r in RULES])
    ev_given = _evidence_matrix(judgements, items)
    ev_agree = ~np.isnan(ev_given) & (ev_given == ev_ref[None, :])
    n_items = len(items)
    by_item = ev_given.reshape(len(judgements), n_items, len(RULES))
    unjudged_items = np.isnan(by_item).all(axis=2).sum(axis=1) if n_items else np.zeros(
        len(judgements), int)
    per_rule = (ev_agree.reshape(len(judgements), n_items, len(RULES)).mean(axis=1)
                if n_items else np.ones((len(judgements), len(RULES))))
    ev_share = ev_agree.mean(axis=1) if n_items else np.ones(len(judgements))
    criteria_share = agree.mean(axis=1) if kuks else np.ones(len(judgements))
    reports = []
    for row, judgement in enumerate(judgements):
        units_correct = {u: judgement.units.get(u) == v for u, v in key.units.items()}
        asked = set(judgement.follow_ups)
        critical = critical_errors(key, judgement, lang)
        right = judgement.recommendation == key.recommendation
        complete = bool(judged[row].all())
        reports.append(ScoreReport(
            case=key.case, language=lang, passed=right and complete and not critical,
            critical_errors=critical, criteria_total=len(kuks),
            criteria_agreed=int(agree[row].sum()), criteria_missing=int((~judged[row]).sum()),
            criteria_unjudged=int((~judged[row]).sum()),
            criteria_agreement=float(criteria_share[row]),
            kappa=float(kappa[row]), ac1=float(ac1[row]), kappa_all=float(kappa_all[row]),
            false_competent=int(false_k[row].sum()),
            false_not_yet_competent=int(false_bk[row].sum()),
            evidence_total=n_items * len(RULES), evidence_unjudged=int(unjudged_items[row]),
            evidence_agreement=float(ev_share[row]),
            evidence_rule_agreement={rule: float(per_rule[row, i])
                                     for i, rule in enumerate(RULES)},
            units_correct=units_correct,
            units_agreement=(sum(units_correct.values()) / len(units_correct)
                             if units_correct else 1.0),
            recommendation_expected=key.recommendation,
            recommendation_given=judgement.recommendation, recommendation_correct=right,
            follow_ups_credited=[k for k in key.follow_up_due if k in asked],
            follow_ups_missed=[k for k in key.follow_up_due if k not in asked],
            flaws=flaw_outcomes(key, judgement),
            debrief=build_debrief(key, judgement, lang),
        ))
        apply_duties(reports[-1], key, judgement, lang, case, host)
    return reports


def score(key: AnswerKey, judgement: Judgement, lang: str | None = None, *,
          case: Case | None = None, host: PluginHost | None = None) -> ScoreReport:
    """Score one judgement against ``key``; ``lang`` is the debrief's language."""
    return score_many(key, [judgement], lang, case=case, host=host)[0]


def format_report(report: ScoreReport) -> str:
    """The report as text for a terminal, in the current language."""
    from .debrief import format_lines

    return "\n".join(format_lines(report))


__all__ = [
    "RULES",
    "Check",
    "CriticalError",
    "DebriefItem",
    "FlawOutcome",
    "PartScore",
    "ScoreReport",
    "ScoringError",
    "check_judgement",
    "format_report",
    "score",
    "score_many",
]
