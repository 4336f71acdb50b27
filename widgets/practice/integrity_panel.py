"""Objectivity: the case's integrity situation (when it has one) and the declaration every
case asks for — *pernyataan tidak ada konflik kepentingan*, or a conflict declared — with
what the assessor does: proceed, proceed with disclosure, or decline and hand over.

The widget shows the situation text the case holds (never the right act: that is in the
key, read at submit) and collects the choice; :attr:`IntegrityPanel.declaration` is the
:class:`~toolkit.cases.duties_model.IntegrityDeclaration` (None until something is chosen).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from toolkit.cases.duties_model import INTEGRITY_ACTS, IntegrityDeclaration
from toolkit.i18n import _

from .look import Look, esc

NOTE_MAX = 1000


def act_labels(lang: str) -> dict[str, str]:
    """The printed name of each act."""
    return {"proceed": _("proceed with the assessment", lang=lang),
            "proceed_disclosed": _("proceed, with the conflict disclosed to the LSP",
                                   lang=lang),
            "decline": _("decline and hand the asesi over to another assessor", lang=lang)}


class IntegrityPanel(w.VBox):
    """The situation (if any) and the trainee's declaration and act."""

    def __init__(self, look: Look, lang: str) -> None:
        self._lang = lang
        radio_layout = look.auto
        style = look.select_style
        self._conflict = w.RadioButtons(
            options=[(_("I declare there is no conflict of interest (pernyataan tidak ada "
                        "konflik kepentingan)", lang=lang), False),
                     (_("I declare a conflict of interest", lang=lang), True)],
            value=None, description=_("Declaration", lang=lang), layout=radio_layout,
            style=style)
        self._conflict.add_class("asesorlab-integrity-conflict")
        labels = act_labels(lang)
        self._act = w.RadioButtons(options=[(labels[a], a) for a in INTEGRITY_ACTS], value=None,
                                   description=_("What you do", lang=lang),
                                   layout=radio_layout, style=style)
        self._act.add_class("asesorlab-integrity-act")
        self._look = look
        self._note: w.Textarea | None = None  # made when a conflict is declared
        hint = _("As the FR.AK.01 agreement and the assessors' code of ethics require, declare "
                 "in every case whether you have a conflict of interest, and what you do.",
                 lang=lang)
        # the heading and the situation (when the case has one) in one HTML widget
        self._top = (f"<h3>{esc(_('Objectivity', lang=lang))}</h3>"
                     f'<div class="asesorlab-muted">{esc(hint)}</div>')
        self._heading = look.html(self._top, layout=look.full)
        self._situation = ""
        super().__init__([self._heading, self._conflict, self._act], layout=look.full)
        self.add_class("asesorlab-integrity")
        self._conflict.observe(self._on_conflict_value, "value")

    def use_case(self, case: Any) -> None:
        """Show ``case``'s integrity situation (nothing when it has none); clear the choice."""
        scenario = getattr(case, "integrity", None)
        if scenario is None:
            self._situation = ""
        else:
            who = (f'<div class="asesorlab-muted">{esc(scenario.who)}</div>'
                   if scenario.who else "")
            self._situation = (
                f'<div class="asesorlab-card asesorlab-integrity-situation"><b>'
                f"{esc(_('Situation', lang=self._lang))}</b>{who}<p>{esc(scenario.text)}</p>"
                "</div>")
        self._heading.value = self._top + self._situation
        self.set(None, None, "")

    @property
    def situation(self) -> str:
        """The situation as shown (HTML; empty when the case has none)."""
        return self._situation

    @property
    def declaration(self) -> IntegrityDeclaration | None:
        """What the trainee declared; None when neither a declaration nor an act is chosen."""
        conflict, act = self._conflict.value, self._act.value
        if conflict is None and act is None:
            return None
        return IntegrityDeclaration(conflict=conflict, act=act, note=self.note)

    @property
    def note(self) -> str:
        """What the trainee wrote about the conflict (trimmed, cut to :data:`NOTE_MAX`)."""
        return "" if self._note is None else str(self._note.value or "").strip()[:NOTE_MAX]

    @property
    def has_note_field(self) -> bool:
        """True while the note field is shown (once a conflict is declared)."""
        return self._note is not None and self._note in self.children

    def set(self, conflict: bool | None, act: str | None, note: str = "") -> None:
        """Choose as the trainee does (an unknown act is refused by the radio buttons); a
        note is written in the note field, which a declared conflict shows."""
        if not note and self._note is not None:
            self._note.value = ""
        self._conflict.value = conflict
        self._act.value = act
        if note:
            self._note_field().value = note

    def _note_field(self) -> w.Textarea:
        if self._note is None:
            self._note = w.Textarea(
                value="", placeholder=_("Note: what you disclose, and to whom", lang=self._lang),
                rows=2, continuous_update=False, layout=self._look.full,
                style=self._look.text_style)
            self._note.add_class("asesorlab-integrity-note")
        if self._note not in self.children:
            self.children = (*self.children, self._note)
        return self._note

    def _on_conflict_value(self, change: Any) -> None:
        if change["new"] is True:
            self._note_field()
        elif self._note is not None and not self._note.value:
            self.children = tuple(c for c in self.children if c is not self._note)


__all__ = ["IntegrityPanel", "act_labels"]
