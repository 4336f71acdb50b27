"""Markdown for a training pack: the unit introduction, cases, exercise sheet and answer key.

Pure functions of the scheme, the cases and their keys, in the language in force
(:func:`toolkit.i18n.language`). :mod:`training.pack` assembles them; the notebook shows
them, nbconvert turns them into HTML and :mod:`training.batch.export` into DOCX.
"""

from __future__ import annotations

from collections.abc import Iterable

from toolkit.cases import AnswerKey, Case, EvidenceItem
from toolkit.escaping import markdown_text as md
from toolkit.i18n import _, get_language
from toolkit.scheme import Scheme, Unit

VATM = ("valid", "authentic", "current", "sufficient")


def _cell(text: object) -> str:
    return md(text).replace("\n", " ")


def table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    """A Markdown pipe table."""
    head = [_cell(h) for h in header]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _h in head) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def kind_label(kind: str) -> str:
    """A reader's name for an evidence kind."""
    labels = {
        "certificate": _("training certificate"), "work_sample": _("work sample"),
        "log": _("photo/video log"), "third_party_report": _("third-party report"),
        "cv_entry": _("work history entry"), "written_answer": _("written answer"),
        "observation_note": _("observation note"), "project_report": _("project report"),
        "employment_letter": _("employment letter"),
    }
    return labels.get(kind, kind)


def _items(value: str | list[str] | None) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def unit_intro(scheme: Scheme, units: list[str]) -> str:
    """The scheme and, per selected unit, its description, elements, KUK and critical aspects."""
    parts = ["# " + _("Training pack: {title}", title=md(scheme.title)),
             _("Scheme {code} ({kind}); {count} unit(s) in this pack.", code=md(scheme.code),
               kind=md(scheme.kind), count=len(units))]
    for code in units:
        unit: Unit = scheme.unit(code)
        parts.append(f"## {md(unit.code)} — {md(unit.title)}")
        if unit.description:
            parts.append(md(" ".join(unit.description.split())))
        for number, element in enumerate(unit.elements, 1):
            lines = ["**" + _("Element {number}. {title}", number=number,
                              title=md(element.title)) + "**", ""]
            lines += [f"- {number}.{k} {md(c.text)}" for k, c in enumerate(element.criteria, 1)]
            parts.append("\n".join(lines))
        critical = _items(unit.assessment_guide.aspek_kritis if unit.assessment_guide else None)
        if critical:
            parts.append("**" + _("Critical aspects") + "**\n\n" +
                         "\n".join(f"- {md(item)}" for item in critical))
    return "\n\n".join(parts)


def _details(item: EvidenceItem) -> str:
    """What the document shows besides its text: class, signatory, signature, validity …"""
    parts = []
    if item.evidence_class:
        parts.append(_("class {value}", value=item.evidence_class))
    if item.signatory:
        parts.append(_("signed by {name} ({role})", name=item.signatory,
                       role=item.signatory_role or "-"))
    if item.signed is False:
        parts.append(_("no signature"))
    if item.stamped is not None:
        parts.append(_("stamped") if item.stamped else _("no stamp"))
    if item.valid_until:
        parts.append(_("valid until {date}", date=item.valid_until.isoformat()))
    if item.certifies:
        parts.append(_("certifies attendance") if item.certifies == "attendance"
                     else _("certifies competence"))
    if item.contributors:
        parts.append(_("made by {names}", names=", ".join(item.contributors)))
    if item.contribution:
        parts.append(item.contribution)
    return "; ".join(parts) or "-"


def _evidence_rows(items: list[EvidenceItem]) -> list[list[object]]:
    return [[item.id, kind_label(item.kind), item.title, item.date.isoformat(), item.owner,
             item.issuer or "-", _details(item), ", ".join(item.claims) or "-", item.summary]
            for item in items]


def _observed(result: str | None) -> str:
    if result is None:
        return "-"
    return _("✓ shown") if result == "met" else _("✗ not yet shown")


def case_text(case: Case) -> str:
    """One case as a trainee reads it: profile, evidence, observations and answers."""
    who = case.asesi
    parts = ["## " + _("Case {id}: {name}", id=md(case.id), name=md(who.name)),
             table([_("Background"), _("Education"), _("Workplace"), _("Experience (years)"),
                    _("Assessment date")],
                   [[who.background or "-", who.education or "-", who.workplace or "-",
                     who.experience_years, case.assessment_date.isoformat()]]),
    ]
    if who.employment:
        parts += ["### " + _("Employment history"),
                  table([_("Employer"), _("Role"), _("From"), _("Until"), _("Supervisor")],
                        [[job.employer, job.role, job.start.isoformat(),
                          job.end.isoformat() if job.end else _("now"), job.supervisor or "-"]
                         for job in who.employment])]
    if case.self_assessment:
        parts += ["### " + _("Self-assessment (FR.APL.02)"),
                  table([_("KUK"), _("Asesi's claim"), _("Evidence named")],
                        [[c.criterion, _("{verdict} (asesi's claim)", verdict=c.answer),
                          ", ".join(c.evidence) or "-"] for c in case.self_assessment])]
    parts += ["### " + _("Evidence"),
              table([_("No."), _("Kind"), _("Title"), _("Date"), _("Owner"), _("Issuer"),
                     _("Details"), _("Claims KUK"), _("Summary")],
                    _evidence_rows(case.evidence))]
    if case.observations:
        parts += ["### " + _("Observation notes"),
                  table([_("KUK"), _("Note"), _("Observed")],
                        [[o.criterion, o.note, _observed(o.result)]
                         for o in case.observations])]
    if case.answers:
        parts += ["### " + _("Answers to questions"),
                  table([_("KUK"), _("Question"), _("Expected answer"), _("Answer")],
                        [[a.criterion, a.question, a.expected or "-", a.answer]
                         for a in case.answers])]
    return "\n\n".join(parts)


def exercise_sheet(scheme: Scheme, cases: list[Case]) -> str:
    """Blank sheets: VATM per evidence item, K/BK per KUK, unit decisions, recommendation."""
    parts = ["# " + _("Exercise sheet"),
             _("For each case: judge every piece of evidence against the rules of evidence "
               "(Valid, Authentic, Current, Sufficient), mark every KUK K or BK, decide each "
               "unit and the recommendation, and write feedback for the asesi.")]
    vatm = [_("Valid"), _("Authentic"), _("Current"), _("Sufficient")]
    for case in cases:
        parts.append("## " + _("Case {id}: {name}", id=md(case.id), name=md(case.asesi.name)))
        parts.append(table([_("No."), _("Title"), *vatm, _("Note")],
                           [[item.id, item.title, "", "", "", "", ""]
                            for item in case.evidence]))
        refs = list(scheme.iter_criteria(case.units))
        parts.append(table([_("KUK"), _("Criterion"), "K", "BK", _("Note")],
                           [[ref.id, ref.text, "", "", ""] for ref in refs]))
        parts.append(table([_("Unit"), "K", "BK"], [[code, "", ""] for code in case.units]))
        parts.append(_("Recommendation") + ": K / BK\n\n" + _("Feedback") + ": ____________")
    return "\n\n".join(parts)


def _reason(reasons: dict[str, dict[str, str]], key: str) -> str:
    text = reasons.get(key, {})
    return text.get(get_language()) or text.get("id") or text.get("en") or "-"


def _yes(value: bool) -> str:
    return _("yes") if value else _("no")


def trainer_pack_text(scheme: Scheme, sections: list[str]) -> str:
    """The trainer pack: a title that says it is not to be handed out, then ``sections``."""
    head = ["# " + _("Trainer pack: {title} — for the trainer only, do not hand out",
                     title=md(scheme.title)),
            "**" + _("This pack holds the answer key (recommendations, verdicts, planted "
                     "flaws and reasons). Hand trainees only the files of the trainee "
                     "folder.") + "**"]
    return "\n\n".join([*head, *sections])


def answer_key_text(cases: list[Case], keys: list[AnswerKey]) -> str:
    """The answer key with reasons, for the trainer (kept in a separate file)."""
    parts = ["# " + _("Answer key")]
    for case, key in zip(cases, keys, strict=True):
        reasons = key.reasons
        parts.append("## " + _("Case {id}: {name}", id=md(case.id), name=md(case.asesi.name)))
        recommendation = key.recommendation
        why = md(reasons.recommendation.get(get_language()) or "")
        parts.append(("**" + _("Recommendation") + f": {recommendation}** — {why}").rstrip(" —"))
        parts.append(table([_("Unit"), _("Decision"), _("Reason")],
                           [[code, verdict, _reason(reasons.units, code)]
                            for code, verdict in key.units.items()]))
        flaws = key.flaws
        parts.append(table(
            [_("No."), _("Valid"), _("Authentic"), _("Current"), _("Sufficient"), _("Flaws"),
             _("Reason")],
            [[item_id, *(_yes(getattr(verdict, rule)) for rule in VATM),
              ", ".join(str(f) for f in flaws.get(item_id, [])) or "-",
              _reason(reasons.evidence, item_id)]
             for item_id, verdict in key.evidence.items()]))
        parts.append(table([_("KUK"), _("Decision"), _("Reason")],
                           [[kuk, verdict, _reason(reasons.criteria, kuk)]
                            for kuk, verdict in key.criteria.items()]))
    return "\n\n".join(parts)


__all__ = [
    "answer_key_text",
    "case_text",
    "exercise_sheet",
    "kind_label",
    "md",
    "table",
    "trainer_pack_text",
    "unit_intro",
]
