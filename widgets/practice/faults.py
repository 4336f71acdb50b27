"""What goes wrong in a practice kernel reaches the server's log in full, the page in words.

:func:`log_to_server` sends the ``asesorlab`` loggers and Python's warnings to the
kernel's own stderr — the terminal or log of ``asesorlab serve`` — instead of the page.
:func:`plain_errors` replaces the kernel's traceback display: an error in a widget callback
is logged there with its traceback, and the browser's websocket gets one plain sentence
(no exception name, no install path, no source line).
"""

from __future__ import annotations

import logging
import re
import sys
from typing import Any

from toolkit.i18n import _

LOG = logging.getLogger("asesorlab.practice")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_HANDLER_NAME = "asesorlab-server-log"


def log_to_server() -> None:
    """Send ``asesorlab.*`` log records and warnings to the server's log (once)."""
    for name in ("asesorlab", "py.warnings"):
        logger = logging.getLogger(name)
        if any(h.get_name() == _HANDLER_NAME for h in logger.handlers):
            continue
        handler = logging.StreamHandler(sys.__stderr__)
        handler.set_name(_HANDLER_NAME)
        handler.setFormatter(logging.Formatter("[asesorlab %(levelname)s %(name)s] %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    logging.captureWarnings(True)


def plain_message() -> str:
    """What the page is told when something in the kernel fails."""
    return _("Something went wrong in the practice app. Your work on this page is kept; "
             "try again, and tell the lead assessor if it happens again.")


def plain_errors(shell: Any | None = None) -> bool:
    """Make ``shell`` (the running IPython kernel's, by default) log tracebacks on the
    server and send the page :func:`plain_message` only. False outside a kernel."""
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    send = getattr(shell, "_showtraceback", None)
    if send is None or getattr(send, "asesorlab_plain", False):
        return send is not None

    def plain(etype: type[BaseException], evalue: BaseException, stb: list[str]) -> None:
        LOG.error("error in the practice app (%s: %s)\n%s", etype.__name__, evalue,
                  _ANSI.sub("", "\n".join(stb)))
        message = plain_message()
        send(_Plain, message, [message])

    plain.asesorlab_plain = True  # type: ignore[attr-defined]
    shell._showtraceback = plain
    return True


class _Plain(Exception):
    """The name the page sees in place of the exception's (``Error``)."""


_Plain.__name__ = "Error"


def attempts_or_none(session: Any, trainee: str) -> list[Any]:
    """The trainee's attempts for the debrief's history; none (and a line in the server's
    log) when the database cannot be read just now — the debrief shows without them."""
    from toolkit.store_faults import StoreUnavailable, store_guard

    try:
        with store_guard("history", trainee):
            return list(session.history(trainee))
    except StoreUnavailable:
        return []


__all__ = ["attempts_or_none", "log_to_server", "plain_errors", "plain_message"]
