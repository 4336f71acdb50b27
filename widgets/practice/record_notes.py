"""The FR.AK.02 parts of the feedback, under "Umpan balik untuk asesi": the *tindak lanjut*
(follow-up: gap training, re-assessment, for each BK) and the assessor's *komentar*.

Both are plain text the rubric (``toolkit``) checks after submit; the widget only holds them.
"""

from __future__ import annotations

import ipywidgets as w

from toolkit.i18n import _

from .look import Look

TEXT_MAX = 5000


class RecordNotes(w.VBox):
    """Tindak lanjut and komentar; :attr:`next_steps` and :attr:`comments` are the texts."""

    def __init__(self, look: Look, lang: str) -> None:
        self._next_steps = w.Textarea(
            placeholder=_("Follow-up (tindak lanjut, FR.AK.02): for each BK, what the asesi "
                          "does next — gap training, re-assessment", lang=lang),
            rows=3, layout=look.full, style=look.text_style, continuous_update=False)
        self._next_steps.add_class("asesorlab-next-steps")
        self._comments = w.Textarea(
            placeholder=_("Assessor's comments (komentar, FR.AK.02)", lang=lang),
            rows=3, layout=look.full, style=look.text_style, continuous_update=False)
        self._comments.add_class("asesorlab-comments")
        super().__init__([self._next_steps, self._comments], layout=look.full)
        self.add_class("asesorlab-record-notes")

    @property
    def next_steps(self) -> str:
        """The tindak lanjut, trimmed and cut to :data:`TEXT_MAX` characters."""
        return str(self._next_steps.value or "").strip()[:TEXT_MAX]

    @property
    def comments(self) -> str:
        """The komentar, trimmed and cut to :data:`TEXT_MAX` characters."""
        return str(self._comments.value or "").strip()[:TEXT_MAX]

    def set(self, next_steps: str = "", comments: str = "") -> None:
        """Type both texts, as the trainee does."""
        self._next_steps.value = next_steps
        self._comments.value = comments

    def reset(self) -> None:
        """Empty both."""
        self.set("", "")


__all__ = ["RecordNotes"]
