"""The practice app for trainee assessors (served by Voilà through ``asesorlab serve``).

Small composed widgets — :class:`SignIn`, :class:`CaseView`, :class:`EvidenceCard`,
:class:`KukRow` (with its :class:`FollowUpChooser` and :class:`FollowUpCard` for
penilaian lanjut), :class:`UnitNav` (units and progress), :class:`UnitDecisions`,
:class:`Timer`, :class:`Debrief`, :class:`HistoryChart` — put together by
:class:`PracticeApp`; the kernel-side work (cases, key, scoring, store) is in
:mod:`widgets.practice.session`, on top of ``toolkit``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import ipywidgets as w

from toolkit.errors import SchemeInvalid
from toolkit.i18n import _, set_language

from .app import PracticeApp
from .case_view import CaseView
from .debrief import Debrief
from .evidence_card import EvidenceCard
from .faults import log_to_server, plain_errors
from .followup_card import FollowUpCard
from .followup_chooser import FollowUpChooser
from .history import HistoryChart
from .kuk_row import KukRow
from .look import esc
from .page_request import query_string
from .session import PracticeConfig, PracticeError, PracticeSession
from .signin import SignIn
from .timer import Timer
from .unit_decisions import UnitDecisions
from .unit_nav import UnitNav

#: The start of the line a preheated kernel writes to the server's log once the app is built.
READY = "[asesorlab ready]"


def practice_app(cases_dir: str | Path | None = None, scheme: str | Path | None = None,
                 db: str | None = None, lang: str | None = None) -> PracticeApp | w.HTML:
    """The app for the configured cases (arguments, else the ``ASESORLAB_*`` variables);
    a plain message instead of a traceback when it cannot start."""
    try:
        config = PracticeConfig.from_env(cases_dir, scheme, db, lang)
        set_language(config.lang)
        refuse_browser_widgets()
        log_to_server()  # causes of errors to the server's log, plain words to the page
        plain_errors()
        return PracticeApp(PracticeSession(config), user=os.environ.get("JUPYTERHUB_USER", ""))
    except SchemeInvalid as exc:
        problem = "; ".join(str(error) for error in exc.errors)
    except (OSError, ValueError) as exc:
        problem = str(exc)
    return w.HTML('<p class="asesorlab-error">{}</p>'.format(
        esc(_("The practice app cannot start: {problem}", problem=problem))))


def refuse_browser_widgets() -> None:
    """Stop the kernel from making widgets that a browser asks for (``comm_open`` on the
    ``jupyter.widget`` target): the app makes all its widgets itself. The control target,
    through which a page fetches the widgets' state, stays."""
    try:
        from comm import get_comm_manager

        get_comm_manager().targets.pop("jupyter.widget", None)
    except Exception:  # no kernel (a test, a script): nothing to refuse
        return


def apply_request(app: PracticeApp | w.HTML) -> None:
    """Under Voilà, wait for the page request (a preheated kernel waits here) and give the
    app its query string (``?case=ID``); outside Voilà this returns at once."""
    if not isinstance(app, PracticeApp):
        return
    if os.environ.get("VOILA_PREHEAT") == "True":
        # to the server's log (the kernel's own stderr): this kernel has run the notebook
        # and laid out the first case; a page that takes it now only waits for widgets
        print(READY, _("the practice app is ready, waiting for a trainee (kernel process "
                       "{pid})", pid=os.getpid()), file=sys.__stderr__, flush=True)
    app.request(query_string())


__all__ = [
    "READY",
    "CaseView",
    "Debrief",
    "EvidenceCard",
    "FollowUpCard",
    "FollowUpChooser",
    "HistoryChart",
    "KukRow",
    "PracticeApp",
    "PracticeConfig",
    "PracticeError",
    "PracticeSession",
    "SignIn",
    "Timer",
    "UnitDecisions",
    "UnitNav",
    "apply_request",
    "practice_app",
    "refuse_browser_widgets",
]
