"""The read-only case: the asesi's profile, observation notes and answers, as one HTML widget.

Everything shown comes from the :class:`~toolkit.cases.model.Case`, which holds nothing of
the answer key; every text is escaped.
"""

from __future__ import annotations

import ipywidgets as w

from toolkit.cases.model import Case
from toolkit.i18n import _

from .look import Look, esc, ul


def case_html(case: Case, lang: str, labels: dict[str, str] | None = None) -> str:
    """The case as HTML; ``labels`` maps KUK ids to printed labels (``J.6…/1.2`` → ``1.2``)."""
    labels = labels or {}
    person = case.asesi
    facts = [
        (_("Name", lang=lang), person.name),
        (_("Education", lang=lang), person.education or "—"),
        (_("Workplace", lang=lang), person.workplace or "—"),
        (_("Experience", lang=lang), _("{years} years", lang=lang,
                                       years=person.experience_years)),
        (_("Assessment date", lang=lang), case.assessment_date.isoformat()),
    ]
    rows = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in facts)
    parts = [f"<h2>{esc(case.scheme_code)} — {esc(case.scheme_title)}</h2>",
             f'<div class="asesorlab-muted">{esc(_("Case", lang=lang))} {esc(case.id)}</div>',
             f'<div class="asesorlab-card"><h3>{esc(_("Asesi", lang=lang))}</h3>'
             f"<table>{rows}</table>"
             + (f"<p>{esc(person.background)}</p>" if person.background else "") + "</div>"]
    if case.observations:
        notes = [f"<b>{esc(labels.get(o.criterion, o.criterion))}</b> {esc(o.note)}"
                 for o in case.observations]
        parts.append(f'<div class="asesorlab-card"><h3>{esc(_("Observation notes", lang=lang))}'
                     f"</h3>{ul(notes)}</div>")
    if case.answers:
        answers = [f"<b>{esc(labels.get(a.criterion, a.criterion))}</b> "
                   f"<i>{esc(a.question)}</i><br>{esc(a.answer)}" for a in case.answers]
        parts.append(f'<div class="asesorlab-card"><h3>{esc(_("Questions and answers", lang=lang))}'
                     f"</h3>{ul(answers)}</div>")
    return "".join(parts)


class CaseView(w.HTML):
    """Shows one case; :meth:`show` replaces it."""

    def __init__(self, look: Look) -> None:
        super().__init__("", layout=look.full, style=look.html_style)
        self.add_class("asesorlab-case")

    def show(self, case: Case, lang: str, labels: dict[str, str] | None = None) -> None:
        """Render ``case``."""
        self.value = case_html(case, lang, labels)


__all__ = ["CaseView", "case_html"]
