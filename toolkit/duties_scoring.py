"""Score the duties beyond judging: plan, integrity, feedback, the record — and judging as a part.

:func:`apply_duties` fills the parts of a :class:`~toolkit.scoring.ScoreReport`
(``plan``, ``integrity``, ``judging``, ``feedback``, ``record``, each a
:class:`~toolkit.score_parts.PartScore`) and adds the critical error of kind
``"integrity"``: proceeding where the key says decline (or proceeding undisclosed where
it asks for disclosure), or giving no declaration on a case that carries an integrity
scenario. On a case without one, a missing declaration fails the integrity part (the
FR.AK.01 agreement asks for it in every case) but is not critical, so judgements written
before the duties came still pass.

The case is **passed** as before (every KUK judged, no critical error, the right
recommendation) and not passed on an integrity critical error; a trainee who rightly
declined and handed the case over passes without judging it. The other parts are scored
and explained, but do not fail the case.

The **record** part compares the trainee's FR.AK.02 (:func:`ak02_rows`: decision per
unit, evidence types L/TL/T, tindak lanjut for each BK) with the reference one from the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .cases.integrity import integrity_checks
from .cases.model import AnswerKey, Case, Judgement
from .cases.plan import METHOD_EVIDENCE, plan_checks, unit_classes
from .feedback_rubric import decisions
from .i18n import _, language
from .score_parts import Check, PartScore

if TYPE_CHECKING:
    from .plugins import PluginHost
    from .scoring import ScoreReport

#: Share of plan checks to meet for the plan part to pass (route and TUK always).
PLAN_PASS = 0.8
CLASSES = ("L", "TL", "T")


@dataclass
class Ak02Row:
    """One unit row of FR.AK.02: the decision, the evidence types used, the tindak lanjut."""

    unit: str
    decision: str
    classes: list[str]
    follow_up: str = ""


def _part(checks: list[Check], passed: bool | None = None) -> PartScore:
    share = sum(c.met for c in checks) / len(checks) if checks else 1.0
    return PartScore(score=share, passed=all(c.met for c in checks) if passed is None
                     else passed, checks=checks)


def evidence_classes(case: Case, judgement: Judgement, unit: str) -> list[str]:
    """The evidence types (L/TL/T) ``judgement`` used for ``unit``: the items it accepted that
    claim a KUK of the unit, the observations and answers — or the plan's methods."""
    found: set[str] = set()
    by_id = {item.id: item for item in case.evidence}
    for item_id, verdict in judgement.evidence.items():
        item = by_id.get(item_id)
        if item and verdict.accepted() and any(k.rpartition("/")[0] == unit
                                               for k in item.claims):
            found.add(item.evidence_class or "TL")
    holds = set(unit_classes(case, unit))
    found |= holds & {"L", "T"}
    if judgement.plan is not None and unit in judgement.plan.units:
        found |= {METHOD_EVIDENCE[m] for m in judgement.plan.units[unit].methods} & holds
    return [c for c in CLASSES if c in found]


def ak02_rows(case: Case | None, key: AnswerKey, judgement: Judgement) -> list[Ak02Row]:
    """The FR.AK.02 unit rows of ``judgement`` (the key itself gives the reference rows)."""
    rows = []
    for unit, decision in decisions(key, judgement).items():
        classes = evidence_classes(case, judgement, unit) if case is not None else []
        rows.append(Ak02Row(unit, decision, classes,
                            judgement.next_steps if decision == "BK" else ""))
    return rows


def _record_checks(case: Case | None, key: AnswerKey, judgement: Judgement) -> list[Check]:
    mine = {row.unit: row for row in ak02_rows(case, key, judgement)}
    reference = {row.unit: row for row in ak02_rows(case, key, key)}
    checks = []
    for unit, ref in reference.items():
        given = mine[unit]
        checks.append(Check(id=f"record.unit.{unit}", met=given.decision == ref.decision,
                            why=_("FR.AK.02 unit {unit}: yours {given}, the key's {expected}",
                                  unit=unit, given=given.decision, expected=ref.decision)))
        if case is not None:
            checks.append(Check(
                id=f"record.evidence.{unit}", met=given.classes == ref.classes,
                why=_("evidence types for unit {unit}: yours {given}, the key's {expected}",
                      unit=unit, given="/".join(given.classes) or "-",
                      expected="/".join(ref.classes) or "-")))
    bk = [u for u, row in mine.items() if row.decision == "BK"]
    if bk:
        text = judgement.next_steps.lower()
        unnamed = [u for u in bk if u.lower() not in text] if len(bk) > 1 else []
        met = bool(text.strip()) and not unnamed
        why = (_("a tindak lanjut is written for each BK unit") if met else
               _("no tindak lanjut for BK unit(s) {units}",
                 units=", ".join(unnamed or bk)))
        checks.append(Check(id="record.follow_up", met=met, why=why))
    right = judgement.recommendation == key.recommendation
    checks.append(Check(id="record.recommendation", met=right, why=_(
        "recommendation: yours {given}, the key's {expected}",
        given=judgement.recommendation, expected=key.recommendation)))
    return checks


def _judging_checks(report: ScoreReport) -> list[Check]:
    checks = [
        Check(id="judging.complete", met=report.criteria_unjudged == 0, why=_(
            "{count} of {total} KUK not judged", count=report.criteria_unjudged,
            total=report.criteria_total)),
        Check(id="judging.criteria", met=report.criteria_agreed == report.criteria_total,
              why=_("{agreed} of {total} KUK agree with the key",
                    agreed=report.criteria_agreed, total=report.criteria_total)),
        Check(id="judging.units", met=all(report.units_correct.values()), why=_(
            "{right} of {total} unit decisions agree with the key",
            right=sum(report.units_correct.values()), total=len(report.units_correct))),
        Check(id="judging.recommendation", met=report.recommendation_correct, why=_(
            "recommendation: yours {given}, the key's {expected}",
            given=report.recommendation_given, expected=report.recommendation_expected)),
        Check(id="judging.critical", met=not report.critical_errors, why=_(
            "{count} critical error(s)", count=len(report.critical_errors))),
    ]
    return checks


def feedback_checks(case: Case | None, key: AnswerKey, judgement: Judgement, lang: str,
                    host: PluginHost | None = None) -> list[Check]:
    """Every rubric check (plugins of ``register_feedback_checks``) for the feedback's language:
    the case's (Indonesian first, English cases get English checks), else ``lang``; the
    reasons are in the language in force."""
    from .plugins import default_host

    lang = case.language if case is not None else lang
    found: dict[str, object] = {}
    for check in (host or default_host()).collect("register_feedback_checks"):
        found.setdefault(check.name, check)
    checks = []
    for name, check in found.items():
        if lang not in getattr(check, "languages", (lang,)):
            continue
        met, why = check.check(case, key, judgement, lang)  # type: ignore[attr-defined]
        checks.append(Check(id=f"feedback.{name}", met=bool(met), why=why))
    return checks


def apply_duties(report: ScoreReport, key: AnswerKey, judgement: Judgement, lang: str,
                 case: Case | None = None, host: PluginHost | None = None) -> ScoreReport:
    """Fill the duty parts of ``report`` (in place, reasons in ``lang``); settle ``passed``."""
    with language(lang):
        return _apply(report, key, judgement, lang, case, host)


def _apply(report: ScoreReport, key: AnswerKey, judgement: Judgement, lang: str,
           case: Case | None, host: PluginHost | None) -> ScoreReport:
    from .cases.duties_model import IntegrityKey
    from .scoring import CriticalError

    report.time_used_s = judgement.time_used_s
    report.auto_submitted = judgement.auto_submitted
    report.time_limit_minutes = case.time_limit_minutes if case is not None else None
    report.judging = _part(_judging_checks(report), passed=report.passed)
    if key.plan_key is not None:
        checks = plan_checks(key.plan_key, judgement.plan, lang)
        share = sum(c.met for c in checks) / len(checks) if checks else 1.0
        report.plan = _part(checks, passed=len(checks) > 1 and checks[0].met
                            and checks[1].met and share >= PLAN_PASS)
    ikey = key.integrity_key or IntegrityKey()
    checks, critical = integrity_checks(ikey, judgement.integrity, lang)
    if critical and (judgement.integrity is not None or ikey.scenario is not None):
        report.critical_errors.append(CriticalError(kind="integrity", where="integrity",
                                                    why=critical))
    else:
        critical = None
    report.integrity = _part(checks)
    report.feedback = _part(feedback_checks(case, key, judgement, lang, host))
    report.record = _part(_record_checks(case, key, judgement))
    declined = (judgement.integrity is not None and judgement.integrity.act == "decline"
                and "decline" in ikey.acts and judgement.integrity.conflict == ikey.conflict)
    if critical:
        report.passed = False
    elif declined:
        report.critical_errors = [e for e in report.critical_errors if e.kind == "integrity"]
        report.passed = True
    return report


__all__ = ["Ak02Row", "ak02_rows", "apply_duties", "evidence_classes", "feedback_checks"]
