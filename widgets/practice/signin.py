"""Sign in with a name (prefilled with the JupyterHub user when there is one)."""

from __future__ import annotations

import re
from collections.abc import Callable

import ipywidgets as w

from toolkit.i18n import _
from toolkit.store import NAME_MAX

from .look import Look, esc

_NAME = re.compile(r"^[\w][\w .,'@-]*$")


def clean_name(text: object) -> str | None:
    """The trainee name as stored, or None when ``text`` is not an acceptable name."""
    name = " ".join(str(text or "").split())
    if not name or len(name) > NAME_MAX or not _NAME.match(name):
        return None
    return name


class SignIn(w.HBox):
    """A name field and a start button; :attr:`trainee` is set once the name is accepted."""

    def __init__(self, look: Look, lang: str, user: str = "") -> None:
        self._lang = lang
        self.trainee: str | None = None
        self._name = w.Text(value=user, placeholder=_("Your name", lang=lang),
                            description=_("Trainee", lang=lang), continuous_update=False,
                            layout=w.Layout(width="320px"), style=look.text_style)
        self._name.add_class("asesorlab-trainee")
        self._start = look.button(_("Start", lang=lang), "asesorlab-start",
                                  button_style="primary", icon="play")
        self._message = look.html("", layout=look.auto)
        super().__init__([self._name, self._start, self._message], layout=look.bar)
        self.add_class("asesorlab-signin")
        self._handlers: list[Callable[[str], None]] = []
        self._start.on_click(self._on_start_click)
        self._name.on_submit(self._on_name_submit)

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
        self.trainee = trainee
        self._message.value = esc(_("Signed in as {name}", lang=self._lang, name=trainee))
        for handler in self._handlers:
            handler(trainee)

    def _on_start_click(self, _button: w.Button) -> None:
        self.start()

    def _on_name_submit(self, _text: w.Text) -> None:
        self.start()


__all__ = ["SignIn", "clean_name"]
