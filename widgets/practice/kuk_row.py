"""One KUK to judge: its number and statement, a K and a BK button, an optional note.

A row is four widget models (its grid, its text, K, BK) sharing the app's layouts and
styles. The note field is made only when it is wanted — once the trainee has marked the
KUK (a note explains a verdict), or when a note is set — so a 100-KUK case does not send
a hundred empty text fields to the page. The grid keeps the note's column free, so the
statement does not reflow when the field appears.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w
from traitlets import Unicode

from toolkit.cases.model import VERDICTS
from toolkit.i18n import _

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
        self._text = look.html(f"{heading}<b>{esc(label)}</b> {esc(text)}")
        self._k = w.Button(description="K", layout=look.verdict, style=look.button_style,
                           tooltip=_("Competent (K)", lang=lang))
        self._bk = w.Button(description="BK", layout=look.verdict, style=look.button_style,
                            tooltip=_("Not yet competent (BK)", lang=lang))
        self._k.add_class("asesorlab-verdict-k")
        self._bk.add_class("asesorlab-verdict-bk")
        self._note: w.Text | None = None
        super().__init__([self._text, self._k, self._bk], layout=look.kuk)
        self.add_class("asesorlab-kuk")
        self._k.on_click(self._on_k_click)
        self._bk.on_click(self._on_bk_click)
        self._handlers: list[Callable[[KukRow], None]] = []

    # -- actions -----------------------------------------------------------------
    def on_change(self, callback: Callable[[KukRow], None]) -> None:
        """Call ``callback(row)`` when the verdict changes."""
        self._handlers.append(callback)

    def choose(self, verdict: str | None) -> None:
        """Set the verdict as a click would (``None`` clears it)."""
        if verdict is not None and verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {VERDICTS}, not {verdict!r}")
        if verdict == self.verdict:
            return
        self.verdict = verdict
        self._k.button_style = "success" if verdict == "K" else ""
        self._bk.button_style = "danger" if verdict == "BK" else ""
        if verdict is not None:
            self._note_field()
        for handler in self._handlers:
            handler(self)

    def _on_k_click(self, _button: w.Button) -> None:
        self.choose("K")

    def _on_bk_click(self, _button: w.Button) -> None:
        self.choose("BK")

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
                                continuous_update=False)
            self.children = (*self.children, self._note)
        return self._note

    def reset(self) -> None:
        """Clear the verdict and drop the note field (a new case)."""
        self.choose(None)
        if self._note is not None:
            note, self._note = self._note, None
            self.children = self.children[:3]
            note.close()


__all__ = ["NOTE_MAX", "KukRow"]
