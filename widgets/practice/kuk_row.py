"""One KUK to judge: its number and statement, a K and a BK button, a third choice
"perlu bukti tambahan" (gather more evidence first: penilaian lanjut), an optional note.

A row is five widget models (its grid, its text, K, BK, the follow-up button) sharing the
app's layouts and styles. The note field is made only when it is wanted — once the trainee
has marked the KUK (a note explains a verdict), or when a note is set — so a 100-KUK case
does not send a hundred empty text fields to the page. The grid keeps the note's column
free, so the statement does not reflow when the field appears. The follow-up chooser is
made when the trainee picks the third choice, and what the follow-up revealed appears as a
card under the row; then the trainee decides K or BK.

The verdict has an explicit unset state: None until the trainee chooses, and clicking the
chosen button again clears it.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w
from traitlets import Unicode

from toolkit.cases.model import VERDICTS, FollowUpResult
from toolkit.i18n import _

from .followup_card import FollowUpCard
from .followup_chooser import FollowUpChooser
from .look import Look, esc

#: Longest note kept for one KUK; the browser may send more, the kernel keeps this much.
NOTE_MAX = 1000


class KukRow(w.GridBox):
    """A KUK row. ``verdict`` lives in the kernel only (not a synced trait)."""

    verdict = Unicode(None, allow_none=True, help="K, BK, or None before the trainee chooses")

    def __init__(self, kuk_id: str, label: str, text: str, look: Look, lang: str,
                 element: str = "") -> None:
        self.kuk_id, self.label = kuk_id, label
        self._look, self._lang = look, lang
        heading = f'<div class="asesorlab-element">{esc(element)}</div>' if element else ""
        self._statement = f"{heading}<b>{esc(label)}</b> {esc(text)}"
        self._text = look.html(self._statement)
        # the tooltip (the button's title) names the KUK, for a screen reader's list of buttons
        self._k = w.Button(description="K", layout=look.verdict, style=look.button_style,
                           tooltip=_("KUK {label}: competent (K)", lang=lang, label=label))
        self._bk = w.Button(description="BK", layout=look.verdict, style=look.button_style,
                            tooltip=_("KUK {label}: not yet competent (BK)", lang=lang,
                                      label=label))
        self._follow = w.Button(description=_("more evidence needed", lang=lang),
                                layout=look.auto, style=look.button_style,
                                tooltip=_("Gather more evidence before deciding "
                                          "(penilaian lanjut)", lang=lang))
        self._k.add_class("asesorlab-verdict-k")
        self._bk.add_class("asesorlab-verdict-bk")
        self._follow.add_class("asesorlab-followup")
        self._note: w.Text | None = None
        self._chooser: FollowUpChooser | None = None
        self._card: FollowUpCard | None = None
        super().__init__(self._base, layout=look.kuk)
        self.add_class("asesorlab-kuk")
        self._k.on_click(self._on_k_click)
        self._bk.on_click(self._on_bk_click)
        self._follow.on_click(self._on_follow_click)
        self._handlers: list[Callable[[KukRow], None]] = []
        self._follow_handlers: list[Callable[[KukRow, str], None]] = []

    @property
    def _base(self) -> list[w.Widget]:
        return [self._text, self._k, self._bk, self._follow]

    def _lay_out(self) -> None:
        extras = [x for x in (self._note, self._chooser, self._card) if x is not None]
        self.children = (*self._base, *extras)

    # -- actions -----------------------------------------------------------------
    def on_change(self, callback: Callable[[KukRow], None]) -> None:
        """Call ``callback(row)`` when the verdict changes."""
        self._handlers.append(callback)

    def on_follow_up(self, callback: Callable[[KukRow, str], None]) -> None:
        """Call ``callback(row, kind)`` when the trainee asks for a follow-up."""
        self._follow_handlers.append(callback)

    def choose(self, verdict: str | None) -> None:
        """Set the verdict as a click would (``None`` clears it). Deciding while the
        follow-up chooser is open (nothing asked yet) closes it."""
        if verdict is not None and verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {VERDICTS}, not {verdict!r}")
        if verdict is not None and self._chooser is not None:
            self._drop_chooser()
        if verdict == self.verdict:
            return
        self.verdict = verdict
        self._k.button_style = "success" if verdict == "K" else ""
        self._bk.button_style = "danger" if verdict == "BK" else ""
        if verdict is not None:
            self._note_field()
        for handler in self._handlers:
            handler(self)

    def want_follow_up(self, wanted: bool = True) -> None:
        """Mark the KUK "perlu bukti tambahan" (the verdict is cleared and the chooser
        opens), or, with ``False``, take that back; nothing once a follow-up was revealed."""
        if self._card is not None or wanted == (self._chooser is not None):
            return
        if not wanted:
            self._drop_chooser()
            return
        self.choose(None)
        self._chooser = FollowUpChooser(self._look, self._lang)
        self._chooser.on_ask(self._on_chooser_ask)
        self._follow.button_style = "warning"
        self._lay_out()

    @property
    def wants_follow_up(self) -> bool:
        """True while the chooser is open (marked "perlu bukti tambahan", nothing asked)."""
        return self._chooser is not None

    @property
    def chooser(self) -> FollowUpChooser | None:
        """The follow-up chooser while it is open."""
        return self._chooser

    @property
    def follow_up_card(self) -> FollowUpCard | None:
        """What the follow-up revealed, once it has."""
        return self._card

    def show_follow_up(self, kind: str, result: FollowUpResult,
                       labels: dict[str, str] | None = None) -> None:
        """Show what the follow-up revealed under the row (the chooser goes); the
        follow-up button stays marked and can no longer be used."""
        if self._card is not None:
            return
        self._drop_chooser(relayout=False)
        self._card = FollowUpCard(kind, result, self._look, self._lang, labels)
        self._follow.button_style = "info"
        self._follow.disabled = True
        self._lay_out()

    def follow_up_refused(self, text: str) -> None:
        """Say why no follow-up could be had (the chooser stays for another kind)."""
        if self._chooser is not None:
            self._chooser.say(text)

    def _drop_chooser(self, relayout: bool = True) -> None:
        chooser, self._chooser = self._chooser, None
        self._follow.button_style = ""
        if relayout:
            self._lay_out()
        if chooser is not None:
            chooser.close()

    def _on_k_click(self, _button: w.Button) -> None:
        self.choose(None if self.verdict == "K" else "K")

    def _on_bk_click(self, _button: w.Button) -> None:
        self.choose(None if self.verdict == "BK" else "BK")

    def _on_follow_click(self, _button: w.Button) -> None:
        self.want_follow_up(self._chooser is None)

    def _on_chooser_ask(self, kind: str) -> None:
        for handler in self._follow_handlers:
            handler(self, kind)

    # -- values ------------------------------------------------------------------
    @property
    def note(self) -> str:
        """The trainee's note, stripped and cut to :data:`NOTE_MAX` characters."""
        if self._note is None:
            return ""
        return str(self._note.value or "").strip()[:NOTE_MAX]

    @note.setter
    def note(self, text: str) -> None:
        self._note_field().value = text

    @property
    def has_note_field(self) -> bool:
        """True once the note field has been made (after a verdict, or a note set)."""
        return self._note is not None

    def _note_field(self) -> w.Text:
        if self._note is None:
            self._note = w.Text(placeholder=_("note (optional)", lang=self._lang),
                                layout=self._look.note, style=self._look.text_style,
                                continuous_update=False,
                                description=_("Note on KUK {label}", lang=self._lang,
                                              label=self.label))
            self._note.add_class("asesorlab-sr-label")  # the label is for screen readers
            self._lay_out()
        return self._note

    def focus_verdict(self) -> None:
        """Move the page's focus (and so its scroll) to the row's K button."""
        self._k.focus()

    def show_direct(self, html: str) -> None:
        """Show the case's direct evidence on this KUK (already-escaped HTML: observation
        notes, answers) under the statement; empty shows the statement alone."""
        value = self._statement + (f'<div class="asesorlab-direct">{html}</div>' if html else "")
        if self._text.value != value:
            self._text.value = value

    def reset(self) -> None:
        """Clear the verdict and drop the note field, the chooser and any follow-up card
        (a new case)."""
        self.choose(None)
        extras = [x for x in (self._note, self._chooser, self._card) if x is not None]
        self._note = self._chooser = self._card = None
        self._follow.button_style, self._follow.disabled = "", False
        if extras:
            self._lay_out()
        for widget in extras:
            widget.close()


__all__ = ["NOTE_MAX", "KukRow"]
