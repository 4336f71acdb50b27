"""How many database connections one process keeps: a bounded pool, set by environment.

A PostgreSQL server takes a fixed number of connections (``max_connections``); every
practice kernel is a process of its own, so kernels that each keep connections open can
take them all while most trainees are reading a case. The pool is bounded and its size
set per deployment:

``ASESORLAB_DB_POOL_SIZE``
    Connections kept open (default 5). ``0``: none kept — a connection is opened for each
    use and closed after it (what ``asesorlab serve`` gives its kernels: a kernel stores a
    handful of rows an hour, and an idle trainee then holds no connection).
``ASESORLAB_DB_MAX_OVERFLOW``
    Connections opened beyond those when all are in use (default 5).
``ASESORLAB_DB_POOL_TIMEOUT``
    Seconds to wait for a free connection before giving up (default 10); the practice app
    then tells the trainee to try again.
"""

from __future__ import annotations

import os
from typing import Any

from .i18n import _

POOL_SIZE_ENV = "ASESORLAB_DB_POOL_SIZE"
MAX_OVERFLOW_ENV = "ASESORLAB_DB_MAX_OVERFLOW"
POOL_TIMEOUT_ENV = "ASESORLAB_DB_POOL_TIMEOUT"
DEFAULTS = {POOL_SIZE_ENV: 5, MAX_OVERFLOW_ENV: 5, POOL_TIMEOUT_ENV: 10}


def _setting(name: str) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return DEFAULTS[name]
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < 0:
        from .store import StoreError

        raise StoreError(_("{name} must be a whole number, 0 or more (not {value!r})",
                           name=name, value=raw))
    return value


def pool_options(sqlite: bool = False) -> dict[str, Any]:
    """Keyword arguments of :func:`sqlalchemy.create_engine` for the pool in force. SQLite
    keeps SQLAlchemy's own pool unless the pool size is 0 (then, too, a connection per use,
    so a file made read-only is seen at the next use)."""
    from sqlalchemy.pool import NullPool

    size = _setting(POOL_SIZE_ENV)
    if size == 0:
        return {"poolclass": NullPool}
    if sqlite:
        return {}
    return {"pool_size": size, "max_overflow": _setting(MAX_OVERFLOW_ENV),
            "pool_timeout": _setting(POOL_TIMEOUT_ENV), "pool_pre_ping": True}


__all__ = ["MAX_OVERFLOW_ENV", "POOL_SIZE_ENV", "POOL_TIMEOUT_ENV", "pool_options"]
