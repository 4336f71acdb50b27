"""Sign in with a name (prefilled with the JupyterHub user when there is one).

The sign-in is the top of the page: the app's title, one sentence on what it is (until
the trainee has signed in), and the name field; Enter in the field starts, as the button
does (the committed text starts, so the name the kernel gets is the one typed).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import ipywidgets as w

from toolkit.i18n import _
from toolkit.store import NAME_MAX

from .look import Look, esc

_TITLE_STYLE = "font-size: 1.5em; margin: 0.3em 0 0.1em"
_NAME = re.compile(r"^[\w][\w .,'@-]*$")


def clean_name(text: object) -> str | None:
    """The trainee name as stored, or None when ``text`` is not an acceptable name."""
    name = " ".join(str(text or "").split())
    if not name or len(name) > NAME_MAX or not _NAME.match(name):
        return None
    return name


class SignIn(w.VBox):
    """Title, what the app is, a name field and a start button; :attr:`trainee` is set once
    the name is accepted (by the button or by Enter in the field)."""

    def __init__(self, look: Look, lang: str, user: str = "") -> None:
        self._lang = lang
        self.trainee: str | None = None
        title = esc(_("Assessor practice", lang=lang))
        intro = esc(_("Practise judging a simulated asesi: study the evidence, mark every KUK "
                      "K or BK, check the evidence against VATM, submit, and read the debrief "
                      "against the answer key.", lang=lang))
        self._title = look.html(f'<h1 class="asesorlab-title" style="{_TITLE_STYLE}">{title}'
                                "</h1>", layout=look.full)
        self._intro = look.html(f'<p class="asesorlab-intro" style="margin: 0 0 0.4em">{intro}'
                                "</p>", layout=look.full)
        # Enter commits the field's text (the browser's change event): the committed value
        # starts. Text's "submit" message is not used: it can overtake the text it submits.
        self._name = w.Text(value=user, placeholder=_("Your name", lang=lang),
                            description=_("Trainee", lang=lang), continuous_update=False,
                            layout=w.Layout(width="320px"), style=look.text_style)
        self._name.add_class("asesorlab-trainee")
        self._start = look.button(_("Start", lang=lang), "asesorlab-start",
                                  button_style="primary", icon="play")
        self._message = look.html("", layout=look.auto)
        self._bar = w.HBox([self._name, self._start, self._message], layout=look.bar)
        super().__init__([self._title, self._intro, self._bar], layout=look.full)
        self.add_class("asesorlab-signin")
        self._handlers: list[Callable[[str], None]] = []
        self._start.on_click(self._on_start_click)
        self._name.observe(self._on_name_value, "value")

    def on_start(self, callback: Callable[[str], None]) -> None:
        """Call ``callback(trainee)`` when an acceptable name is submitted."""
        self._handlers.append(callback)

    def start(self, name: str | None = None) -> None:
        """Submit ``name`` (or the field's text) as the start button does."""
        if name is not None:
            self._name.value = name
        trainee = clean_name(self._name.value)
        if trainee is None:
            self._message.value = '<span class="asesorlab-error">{}</span>'.format(esc(_(
                "Type your name (letters, digits, spaces, . , ' @ -; at most {limit} characters).",
                lang=self._lang, limit=NAME_MAX)))
            return
        if trainee == self.trainee:
            return  # committed, then the button: one start
        self.trainee = trainee
        self._message.value = esc(_("Signed in as {name}", lang=self._lang, name=trainee))
        self.children = [self._title, self._bar]  # what the app is: said before sign-in
        for handler in self._handlers:
            handler(trainee)

    def _on_start_click(self, _button: w.Button) -> None:
        self.start()

    def _on_name_value(self, change: dict) -> None:
        if self.trainee is None and change["new"].strip():  # Enter (or leaving the field)
            self.start()


__all__ = ["SignIn", "clean_name"]
