"""The parts of a case as HTML: the asesi, the employment history, the APL.02
self-assessment, and the direct evidence (observation notes, answers to questions).

Pure functions of the :class:`~toolkit.cases.model.Case` (which holds nothing of the key);
every text is escaped. The case view puts them together; a follow-up card shows one
observation or answer with the same functions.
"""

from __future__ import annotations

from toolkit.cases.model import Case, Employment, Observation, QuestionAnswer
from toolkit.i18n import _

from .evidence_card import facts_table
from .look import esc, ul


def _table(head: list[str], rows: list[list[str]]) -> str:
    cells = "".join(f"<th>{esc(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f"<table><tr>{cells}</tr>{body}</table>"


def profile_html(case: Case, lang: str) -> str:
    """The asesi's facts and background."""
    person = case.asesi
    facts = [
        (_("Name", lang=lang), person.name),
        (_("Education", lang=lang), person.education or "—"),
        (_("Workplace", lang=lang), person.workplace or "—"),
        (_("Experience", lang=lang), _("{years} years", lang=lang,
                                       years=person.experience_years)),
        (_("Assessment date", lang=lang), case.assessment_date.isoformat()),
    ]
    background = f"<p>{esc(person.background)}</p>" if person.background else ""
    return (f'<div class="asesorlab-card"><h3>{esc(_("Asesi", lang=lang))}</h3>'
            f"{facts_table(facts)}{background}</div>")


def _period(job: Employment, lang: str) -> str:
    end = job.end.isoformat() if job.end else _("now", lang=lang)
    return f"{job.start.isoformat()} – {end}"


def employment_html(case: Case, lang: str) -> str:
    """The work history as a table (employer, role, from–to, supervisor); empty without one."""
    jobs = case.asesi.employment
    if not jobs:
        return ""
    head = [_("Employer", lang=lang), _("Role", lang=lang), _("Period", lang=lang),
            _("Supervisor", lang=lang)]
    rows = [[job.employer, job.role, _period(job, lang), job.supervisor or "—"]
            for job in jobs]
    return (f'<div class="asesorlab-card asesorlab-employment">'
            f'<h3>{esc(_("Employment history", lang=lang))}</h3>{_table(head, rows)}</div>')


def self_assessment_html(case: Case, lang: str, labels: dict[str, str] | None = None) -> str:
    """The APL.02 rows (KUK, the asesi's K/BK, the evidence they name), folded."""
    claims = case.self_assessment
    if not claims:
        return ""
    labels = labels or {}
    head = [_("KUK", lang=lang), _("Asesi's answer", lang=lang),
            _("Evidence named", lang=lang)]
    rows = [[labels.get(c.criterion, c.criterion), c.answer, ", ".join(c.evidence) or "—"]
            for c in claims]
    competent = sum(c.answer == "K" for c in claims)
    summary = _("Self-assessment (FR.APL.02): {count} KUK, {k} K, {bk} BK", lang=lang,
                count=len(claims), k=competent, bk=len(claims) - competent)
    return (f'<div class="asesorlab-card asesorlab-apl02"><details><summary><b>'
            f"{esc(summary)}</b></summary>{_table(head, rows)}</details></div>")


def result_label(result: str | None, lang: str) -> str:
    """An observation's result: achieved / not achieved (tercapai / belum tercapai)."""
    return {"met": _("achieved", lang=lang),
            "not_met": _("not achieved", lang=lang)}.get(result or "", "")


def _observed(note: Observation, lang: str) -> str:
    result = result_label(note.result, lang)
    shown = (f' <span class="asesorlab-muted">({esc(_("result", lang=lang))}: '
             f"{esc(result)})</span>") if result else ""
    return f"{esc(note.note)}{shown}"


def observation_html(note: Observation, lang: str, labels: dict[str, str] | None = None) -> str:
    """One observation note: its KUK, the note, and the result the assessor recorded."""
    label = (labels or {}).get(note.criterion, note.criterion)
    return f"<b>{esc(label)}</b> {_observed(note, lang)}"


def _asked(answer: QuestionAnswer, lang: str) -> str:
    form = f'<span class="asesorlab-muted">{esc(answer.form)}</span> ' if answer.form else ""
    expected = (f'<br><span class="asesorlab-muted">{esc(_("Expected answer", lang=lang))}:'
                f"</span> {esc(answer.expected)}") if answer.expected else ""
    return (f"{form}<i>{esc(answer.question)}</i><br>"
            f'<span class="asesorlab-muted">{esc(_("Answer", lang=lang))}:</span> '
            f"{esc(answer.answer)}{expected}")


def answer_html(answer: QuestionAnswer, lang: str,
                labels: dict[str, str] | None = None) -> str:
    """One question: its KUK and form, the question, the asesi's answer, the expected one."""
    label = (labels or {}).get(answer.criterion, answer.criterion)
    return f"<b>{esc(label)}</b> {_asked(answer, lang)}"


def direct_for(case: Case, lang: str) -> dict[str, str]:
    """Per KUK, the case's observation notes and answers on it as HTML (for the KUK rows,
    which name the KUK already)."""
    parts: dict[str, list[str]] = {}
    observed, asked = _("Observation", lang=lang), _("Question", lang=lang)
    for note in case.observations:
        parts.setdefault(note.criterion, []).append(
            f'<div class="asesorlab-observation"><span class="asesorlab-muted">{esc(observed)}'
            f"</span> {_observed(note, lang)}</div>")
    for answer in case.answers:
        parts.setdefault(answer.criterion, []).append(
            f'<div class="asesorlab-answer"><span class="asesorlab-muted">{esc(asked)}</span> '
            f"{_asked(answer, lang)}</div>")
    return {kuk: "".join(html) for kuk, html in parts.items()}


def direct_evidence_html(case: Case, lang: str, labels: dict[str, str] | None = None) -> str:
    """The observation notes (FR.IA.01) and the answers to questions, one card each kind."""
    parts = []
    if case.observations:
        notes = [observation_html(o, lang, labels) for o in case.observations]
        parts.append(f'<div class="asesorlab-card"><h3>{esc(_("Observation notes", lang=lang))}'
                     f"</h3>{ul(notes)}</div>")
    if case.answers:
        answers = [answer_html(a, lang, labels) for a in case.answers]
        parts.append(f'<div class="asesorlab-card"><h3>{esc(_("Questions and answers", lang=lang))}'
                     f"</h3>{ul(answers)}</div>")
    return "".join(parts)


__all__ = ["answer_html", "direct_evidence_html", "direct_for", "employment_html",
           "observation_html", "profile_html", "result_label", "self_assessment_html"]
