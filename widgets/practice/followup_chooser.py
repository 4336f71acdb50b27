"""The follow-up chooser of one KUK (penilaian lanjut): which further evidence to gather —
an oral question from the bank, a demonstration, or a third-party clarification — and a
button that asks for it.

The kind comes from a dropdown, so a browser can only send one of the three; the app still
checks it (and the KUK) before the session reads anything.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from toolkit.cases.model import FOLLOW_UP_KINDS
from toolkit.i18n import _

from .look import Look, esc


def follow_up_labels(lang: str) -> dict[str, str]:
    """The printed name of each follow-up kind."""
    return {"question": _("oral question", lang=lang),
            "demonstration": _("demonstration", lang=lang),
            "third_party": _("third-party clarification", lang=lang)}


class FollowUpChooser(w.HBox):
    """A kind dropdown, an ask button and a line for messages."""

    def __init__(self, look: Look, lang: str) -> None:
        self._lang = lang
        labels = follow_up_labels(lang)
        self._kind = w.Dropdown(options=[(labels[k], k) for k in FOLLOW_UP_KINDS],
                                value=FOLLOW_UP_KINDS[0],
                                description=_("Gather more evidence by", lang=lang),
                                layout=look.select, style=look.select_style)
        self._ask = look.button(_("Ask", lang=lang), "asesorlab-followup-ask",
                                button_style="warning", icon="search")
        self._message = look.html("", layout=look.auto)
        super().__init__([self._kind, self._ask, self._message], layout=look.span)
        self.add_class("asesorlab-followup-chooser")
        self.add_class("asesorlab-span")
        self._handlers: list[Callable[[str], None]] = []
        self._ask.on_click(self._on_ask_click)

    @property
    def kind(self) -> str:
        """The chosen follow-up kind (question, demonstration or third_party)."""
        return str(self._kind.value)

    @kind.setter
    def kind(self, value: str) -> None:
        if value not in FOLLOW_UP_KINDS:
            raise ValueError(f"follow-up kind must be one of {FOLLOW_UP_KINDS}, not {value!r}")
        self._kind.value = value

    def on_ask(self, callback: Callable[[str], None]) -> None:
        """Call ``callback(kind)`` when the trainee asks."""
        self._handlers.append(callback)

    def ask(self, kind: str | None = None) -> None:
        """Ask for the follow-up ``kind`` (or the chosen one), as the button does."""
        if kind is not None:
            self.kind = kind
        for handler in self._handlers:
            handler(self.kind)

    def say(self, text: str) -> None:
        """Show a message beside the button (empty clears it)."""
        self._message.value = f'<span class="asesorlab-muted">{esc(text)}</span>' if text else ""

    @property
    def message(self) -> str:
        """The message shown."""
        return str(self._message.value)

    def close(self) -> None:
        """Close the chooser and its own widgets (not the shared layouts and styles)."""
        for widget in (self._kind, self._ask, self._message):
            widget.close()
        super().close()

    def _on_ask_click(self, _button: w.Button) -> None:
        self.ask()


__all__ = ["FollowUpChooser", "follow_up_labels"]
