"""Who is signing in: the hub's user under JupyterHub, else a name and the trainee's code.

Under JupyterHub the server belongs to one hub user (``JUPYTERHUB_USER``): the sign-in shows
no name field and signs that user in when the page arrives (:meth:`TraineeSignIn.arrive`).
Standalone, once the lead assessor has registered trainees (``asesorlab trainees add``),
the sign-in asks for the name and the code the lead handed out, and checks them with
:class:`toolkit.trainees.TraineeCodes`; a store with no registered trainee signs in by name.
While the store does not answer, codes are taken as needed when they were the last time it
answered, or when the server found registered trainees at its start: the sign-in then says
the code cannot be checked yet, and nobody signs in by name alone.
"""

from __future__ import annotations

import os
from typing import Protocol

import ipywidgets as w

from toolkit.i18n import _
from toolkit.store_faults import StoreUnavailable, store_guard
from toolkit.trainees import CODES_REQUIRED_ENV

from .look import Look, esc
from .signin import SignIn, clean_name


class CodeCheck(Protocol):
    """What the sign-in asks of the registry (:class:`toolkit.trainees.TraineeCodes`)."""

    def required(self) -> bool:
        """Whether a code is needed."""
        ...

    def verify(self, name: str, code: str) -> bool:
        """Whether ``code`` is ``name``'s."""
        ...


class TraineeSignIn(SignIn):
    """:class:`SignIn` with the hub's user, or with a code per trainee."""

    def __init__(self, look: Look, lang: str, user: str = "",
                 codes: CodeCheck | None = None, codes_expected: bool | None = None) -> None:
        super().__init__(look, lang)
        self._hub_user = clean_name(user) if user else None
        self._codes = codes
        # whether codes are needed when the store cannot say: what the store said last,
        # else what the server found at its start (CODES_REQUIRED_ENV)
        self._expected = (os.environ.get(CODES_REQUIRED_ENV) == "1"
                          if codes_expected is None else codes_expected)
        self._busy = False
        self._code = w.Password(placeholder=_("Code from your lead assessor", lang=lang),
                                description=_("Code", lang=lang), continuous_update=False,
                                layout=w.Layout(width="260px"), style=look.text_style)
        self._code.add_class("asesorlab-code")
        self._code.observe(self._on_code_value, "value")
        if self._hub_user:
            self._bar.children = [self._message]
        else:
            self.arrive(sign_in=False)

    @property
    def hub_user(self) -> str | None:
        """The JupyterHub user this server belongs to (None standalone)."""
        return self._hub_user

    def _needs_code(self) -> bool:
        if self._codes is None or self._hub_user is not None:
            return False
        try:
            with store_guard("read the trainee codes"):
                self._expected = self._codes.required()
        except StoreUnavailable:  # logged; codes as they were known (the start's, the last)
            pass
        return self._expected

    def arrive(self, sign_in: bool = True) -> None:
        """A page arrived: under the hub, sign its user in; standalone, show the code field
        when codes are needed (the lead may have registered trainees since start-up)."""
        if self._hub_user:
            if sign_in:
                self.start()
            return
        if self.trainee is None:
            parts = [self._name, self._code] if self._needs_code() else [self._name]
            self._bar.children = [*parts, self._start, self._message]

    def start(self, name: str | None = None, code: str | None = None) -> None:
        """Sign in as ``name`` (or the field's text) with ``code`` (or the code field's)."""
        if self._busy:
            return
        self._busy = True
        try:
            if self._hub_user:
                if self.trainee is None:
                    super().start(self._hub_user)
            else:
                self._start_checked(name, code)
        finally:
            self._busy = False

    def _start_checked(self, name: str | None, code: str | None) -> None:
        if name is not None:
            self._name.value = name
        if code is not None:
            self._code.value = code
        if not self._needs_code():
            super().start()
            return
        trainee = clean_name(self._name.value)
        if trainee is None or trainee == self.trainee:
            super().start()  # the name's own message, or already signed in
            return
        self.arrive(sign_in=False)  # the code field, if it was not shown yet
        typed = str(self._code.value or "")
        if not typed.strip():
            self._error(_("Type the code your lead assessor gave you.", lang=self._lang))
            return
        self._code.value = ""  # not kept in the page
        assert self._codes is not None
        try:
            with store_guard("check a trainee's code", trainee):
                good = self._codes.verify(trainee, typed)
        except StoreUnavailable:  # logged; nobody signs in unchecked
            self._error(_("Your code cannot be checked just now: the server's attempt store "
                          "does not answer. Try again in a moment.", lang=self._lang))
            return
        if not good:
            self._error(_("That name and code do not match. Check both; after ten wrong codes "
                          "the name is locked until your lead assessor issues a new code.",
                          lang=self._lang))
            return
        super().start()
        self._bar.children = [self._name, self._message]
        self._name.disabled = True

    def _error(self, text: str) -> None:
        self._message.value = f'<span class="asesorlab-error">{esc(text)}</span>'

    def _on_name_value(self, change: dict) -> None:
        if self._needs_code() and not str(self._code.value or "").strip():
            return  # Enter in the name field: the code comes next
        super()._on_name_value(change)

    def _on_code_value(self, change: dict) -> None:
        if self.trainee is None and str(change["new"] or "").strip():  # Enter in the code
            self.start()


__all__ = ["CodeCheck", "TraineeSignIn"]
