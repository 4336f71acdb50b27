"""The debrief (pembahasan) of a scored judgement: critical errors, disagreements, text.

Built by :func:`toolkit.scoring.score_many`: one :class:`~toolkit.scoring.DebriefItem` per
KUK, document or unit that differs from the key (a document's four checks together, with
the key's reason once), the critical errors that fail the case, and what became of each
flawed document. :func:`format_lines` is the text ``asesorlab score`` prints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .cases.model import AnswerKey, EvidenceVerdict, Judgement, LocalizedText
from .i18n import _

if TYPE_CHECKING:
    from .scoring import CriticalError, DebriefItem, FlawOutcome, ScoreReport

RULES = ("valid", "authentic", "current", "sufficient")


def reason_in(texts: LocalizedText | None, lang: str) -> str:
    """A key reason in ``lang`` (English, then any, when it has none in ``lang``)."""
    if not texts:
        return ""
    return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")


def _rule_names(lang: str) -> dict[str, str]:
    return {"valid": _("Valid", lang=lang), "authentic": _("Authentic", lang=lang),
            "current": _("Current", lang=lang), "sufficient": _("Sufficient", lang=lang)}


def checks_text(verdict: EvidenceVerdict | None, lang: str) -> str:
    """``Valid ✓ · Authentic ✗ · Current – · Sufficient ✗`` (– not judged)."""
    names = _rule_names(lang)
    marks = []
    for rule in RULES:
        value = None if verdict is None else getattr(verdict, rule)
        marks.append(f"{names[rule]} {'–' if value is None else '✓' if value else '✗'}")
    return " · ".join(marks)


def critical_errors(key: AnswerKey, judgement: Judgement, lang: str) -> list[CriticalError]:
    """The errors that fail the case: K keliru on a KUK or unit, a wrong recommendation,
    a document accepted as authentic that is not."""
    from .scoring import CriticalError

    found: list[CriticalError] = []
    for kuk, expected in key.criteria.items():
        if expected == "BK" and judgement.criteria.get(kuk) == "K":
            found.append(CriticalError(kind="false_competent_criterion", where=kuk, why=_(
                "judged K where the key says BK (K keliru, seharusnya BK): {reason}",
                lang=lang, reason=reason_in(key.reasons.criteria.get(kuk), lang))))
    for unit, expected in key.units.items():
        if expected == "BK" and judgement.units.get(unit) == "K":
            found.append(CriticalError(kind="false_competent_unit", where=unit, why=_(
                "unit judged K where the key says BK: {reason}", lang=lang,
                reason=reason_in(key.reasons.units.get(unit), lang))))
    if judgement.recommendation != key.recommendation:
        found.append(CriticalError(kind="wrong_recommendation", where="recommendation", why=_(
            "recommendation {given} where the key says {expected}: {reason}", lang=lang,
            given=judgement.recommendation, expected=key.recommendation,
            reason=reason_in(key.reasons.recommendation, lang))))
    elif key.recommendation == "BK" and bk_units(judgement.units) != bk_units(key.units):
        found.append(CriticalError(kind="wrong_recommendation", where="recommendation", why=_(
            "BK must name the units that fell short: the key names {expected}, you named "
            "{given}", lang=lang, expected=", ".join(bk_units(key.units)) or "-",
            given=", ".join(bk_units(judgement.units)) or "-")))
    for item, verdict in key.evidence.items():
        given = judgement.evidence.get(item)
        checked = None if given is None else given.authentic
        if verdict.authentic or checked is False:
            continue
        message = ("accepted as authentic, but it is not: {reason}" if checked else
                   "not checked for authenticity, but it is not authentic: {reason}")
        found.append(CriticalError(kind="accepted_inauthentic", where=item, why=_(
            message, lang=lang, reason=reason_in(key.reasons.evidence.get(item), lang))))
    return found


def bk_units(units: dict[str, str]) -> list[str]:
    """The units decided BK, in order."""
    return [code for code, verdict in units.items() if verdict == "BK"]


def flaw_outcomes(key: AnswerKey, judgement: Judgement) -> list[FlawOutcome]:
    """Per document with planted flaws: caught when the trainee judged a rule not met."""
    from .scoring import FlawOutcome

    outcomes = []
    for item, flaws in key.flaws.items():
        if not flaws or item not in key.evidence:
            continue
        given = judgement.evidence.get(item)
        outcomes.append(FlawOutcome(item=item, flaws=[str(f) for f in flaws],
                                    caught=given is not None and given.rejected()))
    return outcomes


def build_debrief(key: AnswerKey, judgement: Judgement, lang: str) -> list[DebriefItem]:
    """Every judged disagreement with the key, one entry per KUK, document or unit."""
    from .scoring import DebriefItem

    make = DebriefItem.model_construct  # the values come from validated models
    items: list[DebriefItem] = []
    for kuk, expected in key.criteria.items():
        given = judgement.criteria.get(kuk)
        if given is not None and given != expected:
            items.append(make(target=kuk, kind="criterion", expected=expected, given=given,
                              reason=reason_in(key.reasons.criteria.get(kuk), lang),
                              critical=expected == "BK" and given == "K", rules=[]))
    for item, verdict in key.evidence.items():
        given_checks = judgement.evidence.get(item)
        differing = [r for r in RULES if given_checks is None
                     or getattr(given_checks, r) != getattr(verdict, r)]
        if differing:
            items.append(make(
                target=item, kind="evidence", expected=checks_text(verdict, lang),
                given=None if given_checks is None else checks_text(given_checks, lang),
                reason=reason_in(key.reasons.evidence.get(item), lang),
                critical=not verdict.authentic and (
                    given_checks is None or given_checks.authentic is not False),
                rules=differing))
    for unit, expected in key.units.items():
        given_unit = judgement.units.get(unit)
        if given_unit != expected:
            items.append(make(target=unit, kind="unit", expected=expected, given=given_unit,
                              reason=reason_in(key.reasons.units.get(unit), lang),
                              critical=expected == "BK" and given_unit == "K", rules=[]))
    if judgement.recommendation != key.recommendation:
        items.append(make(target="recommendation", kind="recommendation",
                          expected=key.recommendation, given=judgement.recommendation,
                          reason=reason_in(key.reasons.recommendation, lang), critical=True,
                          rules=[]))
    for kuk in key.follow_up_due:
        if kuk not in judgement.follow_ups:
            items.append(make(target=kuk, kind="follow_up", expected=key.criteria[kuk],
                              given=judgement.criteria.get(kuk), reason=_(
                                  "the evidence was thin: a follow-up (question, demonstration "
                                  "or third-party check) was due before deciding. {reason}",
                                  lang=lang, reason=reason_in(key.reasons.criteria.get(kuk),
                                                              lang)),
                              critical=False, rules=[]))
    items.sort(key=lambda d: not d.critical)
    return items


def _show(value: str | bool | None, lang: str) -> str:
    if value is None:
        return _("not judged", lang=lang)
    if isinstance(value, bool):
        return _("yes", lang=lang) if value else _("no", lang=lang)
    return value


def part_names(lang: str) -> dict[str, str]:
    """The duty parts of a report, by field name, with their printed names."""
    return {"plan": _("Plan (FR.MAPA.01)", lang=lang),
            "integrity": _("Objectivity (conflict of interest)", lang=lang),
            "judging": _("Judging the evidence", lang=lang),
            "feedback": _("Feedback to the asesi", lang=lang),
            "record": _("Record (FR.AK.02)", lang=lang)}


def part_lines(report: ScoreReport, every: bool = False) -> list[str]:
    """Each duty part as text: its name, share of checks met and result, then each check not
    met with why (``every``: the checks met too)."""
    lang = report.language
    lines = []
    if report.time_used_s is not None:
        used = round(report.time_used_s)
        lines.append(_("Time used: {minutes}:{seconds:02d}", lang=lang, minutes=used // 60,
                       seconds=used % 60) + (
            " " + _("(submitted by the clock)", lang=lang) if report.auto_submitted else ""))
    for field_name, name in part_names(lang).items():
        part = getattr(report, field_name)
        if not part.checks:
            continue
        lines.append(_("{part}: {percent} — {result}", lang=lang, part=name,
                       percent=f"{part.score:.0%}",
                       result=_("passed", lang=lang) if part.passed
                       else _("not passed", lang=lang)))
        lines += [f"  {'✓' if check.met else '✗'} {check.why}" for check in part.checks
                  if every or not check.met]
    return lines


def format_lines(report: ScoreReport) -> list[str]:
    """The report as lines of text in its language: the result first."""
    lang = report.language
    judged = report.criteria_total - report.criteria_unjudged
    lines = [_("Case passed", lang=lang) if report.passed else _("Case not passed", lang=lang)]
    for error in report.critical_errors:
        lines.append(_("! critical — {where}: {why}", lang=lang, where=error.where,
                       why=error.why))
    lines += [
        _("Case {case}: {agreed}/{total} KUK agree with the key ({percent})", lang=lang,
          case=report.case, agreed=report.criteria_agreed, total=report.criteria_total,
          percent=f"{report.criteria_agreement:.1%}"),
    ]
    if report.criteria_unjudged:
        lines.append(_("{count} KUK not judged yet (counted as not agreeing)", lang=lang,
                       count=report.criteria_unjudged))
    lines += [
        _("Cohen's kappa over the {judged} judged KUK: {kappa}   Gwet's AC1: {ac1}", lang=lang,
          judged=judged, kappa=f"{report.kappa:.3f}", ac1=f"{report.ac1:.3f}"),
        _("Cohen's kappa over all {total} KUK (not judged as a category): {kappa}", lang=lang,
          total=report.criteria_total, kappa=f"{report.kappa_all:.3f}"),
        _("False competent (BK judged K, critical): {count}", lang=lang,
          count=report.false_competent),
        _("False not yet competent (K judged BK): {count}", lang=lang,
          count=report.false_not_yet_competent),
        _("Evidence (VATM) agreement: {percent}", lang=lang,
          percent=f"{report.evidence_agreement:.1%}"),
    ]
    if report.evidence_unjudged:
        lines.append(_("{count} evidence item(s) not judged yet", lang=lang,
                       count=report.evidence_unjudged))
    lines.append(_("Units correct: {correct}/{total}", lang=lang,
                   correct=sum(report.units_correct.values()), total=len(report.units_correct)))
    lines.append(_("Recommendation: correct ({verdict})", lang=lang,
                   verdict=report.recommendation_expected) if report.recommendation_correct
                 else _("Recommendation: wrong (key {expected}, yours {given})", lang=lang,
                        expected=report.recommendation_expected,
                        given=report.recommendation_given))
    if report.follow_ups_credited or report.follow_ups_missed:
        lines.append(_("Follow-ups where due: {done} asked, {missed} missed", lang=lang,
                       done=len(report.follow_ups_credited),
                       missed=len(report.follow_ups_missed)))
    lines += part_lines(report)
    rest = [item for item in report.debrief if not item.critical]  # critical ones: above
    if rest:
        lines.append(_("Debrief:", lang=lang))
    for item in rest:
        lines.append(_("{mark} {target}: key {expected}, yours {given}: {reason}", lang=lang,
                       mark="-", target=item.target, expected=_show(item.expected, lang),
                       given=_show(item.given, lang), reason=item.reason))
    return lines


__all__ = [
    "bk_units",
    "build_debrief",
    "checks_text",
    "critical_errors",
    "flaw_outcomes",
    "format_lines",
    "part_lines",
    "part_names",
    "reason_in",
]
