"""Score a trainee's judgement of a case against the answer key, with a debrief.

The score reports agreement on every KUK (share, Cohen's kappa, Gwet's AC1),
the **false competent** count (a KUK the key says BK judged K: the critical
error) and the false not-yet-competent count, agreement on the four rules of
evidence for every item, the unit decisions and the recommendation. The
debrief lists every disagreement with the key's reason in the trainee's
language.

:func:`score_many` scores many judgements of one case at once: the KUK and
evidence decisions become NumPy arrays, and kappa and AC1 come from
:func:`toolkit.agreement.cohen_kappa_many` / :func:`~toolkit.agreement.gwet_ac1_many`.
A KUK the trainee left undecided counts as a disagreement and is left out of
kappa and AC1; when kappa is undefined (the key's and the trainee's decisions
all one and the same) it is 1.0, as :mod:`toolkit.agreement` documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, Field

from .agreement import AgreementError, cohen_kappa_many, gwet_ac1_many
from .cases.model import AnswerKey, Judgement, LocalizedText
from .i18n import _, get_language, normalize_language

DebriefKind = Literal["criterion", "evidence", "unit", "recommendation"]
_RULES = ("valid", "authentic", "current", "sufficient")
_CODE = {"BK": 0.0, "K": 1.0}


class ScoringError(ValueError):
    """A judgement that does not fit the key it is scored against."""


class DebriefItem(BaseModel):
    """One disagreement with the key, and the key's reason."""

    target: str
    kind: DebriefKind
    expected: str | bool
    given: str | bool | None
    reason: str
    critical: bool = False


class ScoreReport(BaseModel):
    """How well one judgement agrees with the key of its case."""

    case: str
    language: str
    criteria_total: int
    criteria_agreed: int
    criteria_missing: int
    criteria_agreement: float
    kappa: float
    ac1: float
    false_competent: int
    false_not_yet_competent: int
    evidence_total: int
    evidence_agreement: float
    evidence_rule_agreement: dict[str, float] = Field(default_factory=dict)
    units_correct: dict[str, bool] = Field(default_factory=dict)
    units_agreement: float
    recommendation_expected: str
    recommendation_given: str
    recommendation_correct: bool
    debrief: list[DebriefItem] = Field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (floats rounded to 6 places)."""
        data = self.model_dump(mode="json")
        for name, value in data.items():
            if isinstance(value, float):
                data[name] = round(value, 6)
        data["evidence_rule_agreement"] = {k: round(v, 6) for k, v in
                                           data["evidence_rule_agreement"].items()}
        return data


def check_judgement(key: AnswerKey, judgement: Judgement) -> list[tuple[tuple[str, ...], str]]:
    """Where ``judgement`` does not fit ``key``: (data path, message) pairs; empty if it fits."""
    problems: list[tuple[tuple[str, ...], str]] = []
    if judgement.case != key.case:
        problems.append((("case",), _("this judgement is of case {given}, the key of case "
                                      "{expected}", given=judgement.case, expected=key.case)))
    for kuk in judgement.criteria:
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


def _reason(texts: LocalizedText | None, lang: str) -> str:
    if not texts:
        return ""
    return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")


def _criteria_matrix(judgements: Sequence[Judgement], kuks: list[str]) -> NDArray[np.float64]:
    """(judgements, KUK) codes: 1.0 K, 0.0 BK, NaN undecided."""
    nan = float("nan")
    rows = [[_CODE.get(j.criteria.get(k, ""), nan) for k in kuks] for j in judgements]
    return np.array(rows, dtype=np.float64).reshape(len(judgements), len(kuks))


def _evidence_matrix(judgements: Sequence[Judgement], items: list[str]) -> NDArray[np.float64]:
    """(judgements, item × rule) as 1.0/0.0, NaN where the item was not judged."""
    missing = (float("nan"),) * len(_RULES)
    rows = []
    for judgement in judgements:
        row: list[float] = []
        for item in items:
            v = judgement.evidence.get(item)
            row.extend(missing if v is None else (v.valid, v.authentic, v.current,
                                                  v.sufficient))
        rows.append(row)
    return np.array(rows, dtype=np.float64).reshape(len(judgements), len(items) * len(_RULES))


def _safe(compute: Any, ref: NDArray[np.float64], given: NDArray[np.float64]) -> NDArray[
        np.float64]:
    """Kappa/AC1 per row; rows with no decided KUK (or an empty key) get 0.0."""
    out = np.zeros(given.shape[0])
    decided = ~np.isnan(given).all(axis=1) if given.size else np.zeros(given.shape[0], bool)
    if ref.size and decided.any():
        try:
            out[decided] = compute(ref, given[decided], categories=[0.0, 1.0])
        except AgreementError:  # pragma: no cover - guarded by ``decided``
            out[decided] = 0.0
    return out


def score_many(key: AnswerKey, judgements: Sequence[Judgement],
               lang: str | None = None) -> list[ScoreReport]:
    """Score every judgement of one case against ``key`` (vectorised over judgements)."""
    lang = normalize_language(lang) if lang else get_language()
    for judgement in judgements:
        problems = check_judgement(key, judgement)
        if problems:
            raise ScoringError("; ".join(message for _where, message in problems))
    kuks = list(key.criteria)
    ref = np.array([_CODE[key.criteria[k]] for k in kuks])
    given = _criteria_matrix(judgements, kuks)
    decided = ~np.isnan(given)
    agree = decided & (given == ref[None, :])
    false_k = decided & (ref[None, :] == 0.0) & (given == 1.0)
    false_bk = decided & (ref[None, :] == 1.0) & (given == 0.0)
    kappa = _safe(cohen_kappa_many, ref, given)
    ac1 = _safe(gwet_ac1_many, ref, given)
    ev_targets = [(item, rule) for item in key.evidence for rule in _RULES]
    ev_ref = np.array([float(getattr(key.evidence[i], r)) for i, r in ev_targets])
    ev_given = _evidence_matrix(judgements, list(key.evidence))
    ev_agree = ~np.isnan(ev_given) & (ev_given == ev_ref[None, :])
    agreed, missing = agree.sum(axis=1), (~decided).sum(axis=1)
    criteria_share = agree.mean(axis=1) if kuks else np.ones(len(judgements))
    false_k_count, false_bk_count = false_k.sum(axis=1), false_bk.sum(axis=1)
    n_items = len(key.evidence)
    per_rule = (ev_agree.reshape(len(judgements), n_items, len(_RULES)).mean(axis=1)
                if n_items else np.ones((len(judgements), len(_RULES))))
    ev_share = ev_agree.mean(axis=1) if n_items else np.ones(len(judgements))
    reports = []
    for row, judgement in enumerate(judgements):
        by_rule = {rule: float(per_rule[row, i]) for i, rule in enumerate(_RULES)}
        units_correct = {u: judgement.units.get(u) == v for u, v in key.units.items()}
        reports.append(ScoreReport(
            case=key.case, language=lang, criteria_total=len(kuks),
            criteria_agreed=int(agreed[row]), criteria_missing=int(missing[row]),
            criteria_agreement=float(criteria_share[row]),
            kappa=float(kappa[row]), ac1=float(ac1[row]),
            false_competent=int(false_k_count[row]),
            false_not_yet_competent=int(false_bk_count[row]),
            evidence_total=len(ev_targets), evidence_agreement=float(ev_share[row]),
            evidence_rule_agreement=by_rule, units_correct=units_correct,
            units_agreement=(sum(units_correct.values()) / len(units_correct)
                             if units_correct else 1.0),
            recommendation_expected=key.recommendation,
            recommendation_given=judgement.recommendation,
            recommendation_correct=judgement.recommendation == key.recommendation,
            debrief=_debrief(key, judgement, kuks, agree[row], ev_targets, ev_agree[row], lang),
        ))
    return reports


def _debrief(key: AnswerKey, judgement: Judgement, kuks: list[str], agree: NDArray[np.bool_],
             ev_targets: list[tuple[str, str]], ev_agree: NDArray[np.bool_],
             lang: str) -> list[DebriefItem]:
    items: list[DebriefItem] = []
    make = DebriefItem.model_construct  # the values come from validated models
    for index in np.flatnonzero(~agree):
        kuk = kuks[index]
        expected, given = key.criteria[kuk], judgement.criteria.get(kuk)
        items.append(make(target=kuk, kind="criterion", expected=expected, given=given,
                                 reason=_reason(key.reasons.criteria.get(kuk), lang),
                                 critical=expected == "BK" and given == "K"))
    for index in np.flatnonzero(~ev_agree):
        item, rule = ev_targets[index]
        verdict = judgement.evidence.get(item)
        items.append(make(
            target=f"{item}/{rule}", kind="evidence",
            expected=bool(getattr(key.evidence[item], rule)),
            given=None if verdict is None else bool(getattr(verdict, rule)),
            reason=_reason(key.reasons.evidence.get(item), lang)))
    for unit, expected in key.units.items():
        given = judgement.units.get(unit)
        if given != expected:
            items.append(make(target=unit, kind="unit", expected=expected, given=given,
                                     reason=_reason(key.reasons.units.get(unit), lang),
                                     critical=expected == "BK" and given == "K"))
    if judgement.recommendation != key.recommendation:
        items.append(make(
            target="recommendation", kind="recommendation", expected=key.recommendation,
            given=judgement.recommendation, reason=_reason(key.reasons.recommendation, lang),
            critical=key.recommendation == "BK"))
    return items


def score(key: AnswerKey, judgement: Judgement, lang: str | None = None) -> ScoreReport:
    """Score one judgement against ``key``; ``lang`` is the debrief's language."""
    return score_many(key, [judgement], lang)[0]


def format_report(report: ScoreReport) -> str:
    """The report as text for a terminal, in the current language."""
    pct = f"{report.criteria_agreement:.1%}"
    lines = [
        _("Case {case}: {agreed}/{total} KUK agree with the key ({percent})", case=report.case,
          agreed=report.criteria_agreed, total=report.criteria_total, percent=pct),
        _("Cohen's kappa: {kappa}   Gwet's AC1: {ac1}", kappa=f"{report.kappa:.3f}",
          ac1=f"{report.ac1:.3f}"),
        _("False competent (BK judged K, critical): {count}", count=report.false_competent),
        _("False not yet competent (K judged BK): {count}",
          count=report.false_not_yet_competent),
        _("Evidence (VATM) agreement: {percent}", percent=f"{report.evidence_agreement:.1%}"),
        _("Units correct: {correct}/{total}", correct=sum(report.units_correct.values()),
          total=len(report.units_correct)),
        (_("Recommendation: correct ({verdict})", verdict=report.recommendation_expected)
         if report.recommendation_correct else
         _("Recommendation: wrong (key {expected}, yours {given})",
           expected=report.recommendation_expected, given=report.recommendation_given)),
    ]
    if report.debrief:
        lines.append(_("Debrief:"))
    for item in report.debrief:
        mark = "!" if item.critical else "-"
        lines.append(_("{mark} {target}: key {expected}, yours {given}: {reason}", mark=mark,
                       target=item.target, expected=_show(item.expected),
                       given=_show(item.given), reason=item.reason))
    return "\n".join(lines)


def _show(value: str | bool | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


__all__ = [
    "DebriefItem",
    "ScoreReport",
    "ScoringError",
    "check_judgement",
    "format_report",
    "score",
    "score_many",
]
