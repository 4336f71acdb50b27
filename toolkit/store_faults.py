"""When the attempts database refuses: what went wrong, for the server log and the trainee.

A submit can fail for reasons that are nobody's fault in the page: the database file was
made read-only, the disk is full, the server cannot be reached, every connection is taken.
:func:`store_guard` turns any such error into :class:`StoreUnavailable` — its ``kind`` one
of :data:`FAULT_KINDS`, its text a plain sentence saying that nothing is lost and to try
again — and logs the cause (the database's own words) on the ``asesorlab.store`` logger,
which the practice app sends to the server's log. Nothing was written: an attempt is stored
in one transaction, so trying again stores it once.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from .i18n import _
from .store import StoreError

#: What a database fault can be.
FAULT_KINDS = ("read_only", "full", "unreachable", "exhausted", "other")
LOG = logging.getLogger("asesorlab.store")

#: Words of SQLite, PostgreSQL (psycopg) and SQLAlchemy's pool, by fault.
_SIGNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("read_only", ("readonly database", "read-only", "read only")),
    ("full", ("disk is full", "no space left", "could not extend file", "disk full",
              "quota exceeded")),
    ("exhausted", ("too many clients", "remaining connection slots", "too many connections",
                   "queuepool limit", "connection pool", "database is locked")),
    ("unreachable", ("unable to open database", "connection refused", "could not connect",
                     "connection failed", "server closed the connection", "timeout expired",
                     "could not translate host", "no such host", "connection is closed",
                     "terminating connection", "connection is lost", "disk i/o error",
                     "the database system is")),
)


def _cause(exc: BaseException) -> str:
    """The database's own words, on one line (SQLAlchemy adds SQL and a link: dropped)."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc)
    text = text.split("\n[SQL:")[0].split("(Background on this error at:")[0]
    return " ".join(text.split()) or type(exc).__name__


def fault_kind(exc: BaseException) -> str:
    """Which of :data:`FAULT_KINDS` ``exc`` is."""
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    if isinstance(exc, PoolTimeout):
        return "exhausted"
    text = f"{exc} {getattr(exc, 'orig', '')}".lower()
    for kind, signs in _SIGNS:
        if any(sign in text for sign in signs):
            return kind
    return "other"


def _reason(kind: str) -> str:
    reasons = {
        "read_only": _("the database is read-only"),
        "full": _("the database is full"),
        "unreachable": _("the database cannot be reached"),
        "exhausted": _("the database is busy"),
    }
    return reasons.get(kind, _("a database error"))


class StoreUnavailable(StoreError):
    """The database refused for now; ``str()`` is the trainee's message, ``cause`` the
    database's own words (for the log, never for the page)."""

    def __init__(self, kind: str, cause: str, action: str = "submit") -> None:
        self.kind, self.cause, self.action = kind, cause, action
        if action == "submit":
            text = _("Your answers could not be saved just now ({reason}). Nothing is lost: "
                     "your work stays on this page. Try Submit again in a moment.",
                     reason=_reason(kind))
        else:
            text = _("Your earlier attempts could not be read just now ({reason}); you can "
                     "go on working and submit as usual.", reason=_reason(kind))
        super().__init__(text)


def is_store_fault(exc: BaseException) -> bool:
    """Whether ``exc`` is the database refusing (not a bug of ours)."""
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    if isinstance(exc, DBAPIError):
        return True
    return isinstance(exc, (SQLAlchemyError, sqlite3.Error)) and \
        fault_kind(exc) != "other"


@contextmanager
def store_guard(action: str = "submit", who: str = "") -> Iterator[None]:
    """Run a database step; a database fault becomes :class:`StoreUnavailable`, logged
    with its cause. Anything else (a bug) passes through unchanged."""
    try:
        yield
    except StoreUnavailable:
        raise
    except Exception as exc:
        if not is_store_fault(exc):
            raise
        kind = fault_kind(exc)
        LOG.error("attempts database refused %s%s (%s): %s", action,
                  f" for {who!r}" if who else "", kind, _cause(exc))
        raise StoreUnavailable(kind, _cause(exc), action) from exc


__all__ = ["FAULT_KINDS", "StoreUnavailable", "fault_kind", "is_store_fault", "store_guard"]
