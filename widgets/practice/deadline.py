"""Timed mode's deadline, kept by the kernel: a warning some minutes before, and at zero the
attempt is submitted as it stands. The browser's clock (:class:`~.timer.Timer`) is only a
display; a page that is closed, frozen or tampered with changes nothing here.

The callbacks run in the kernel's own event loop (the one that handles the widgets'
messages), so they touch widgets from the thread that owns them. Without a running loop
(a script) nothing is scheduled and :meth:`Deadline.expire` is the way to end the time.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from typing import Any

#: Overrides the limit of every timed case, in seconds (for short drills and the tests).
LIMIT_ENV = "ASESORLAB_TIME_LIMIT_SECONDS"
#: The warning comes this many seconds before zero.
WARN_BEFORE_S = 300.0


def limit_seconds(case: Any) -> float | None:
    """The time limit of ``case`` in seconds: None when the case is untimed (no
    ``time_limit_minutes``); else ``ASESORLAB_TIME_LIMIT_SECONDS`` when that is a positive
    number, else the case's limit."""
    minutes = getattr(case, "time_limit_minutes", None)
    if not minutes:
        return None
    override = os.environ.get(LIMIT_ENV, "").strip()
    if override:
        try:
            value = float(override)
        except ValueError:
            value = 0.0
        if value > 0:
            return value
    return float(minutes) * 60


class Deadline:
    """At most one running deadline: :meth:`start` replaces it, :meth:`cancel` ends it."""

    def __init__(self) -> None:
        self._handles: list[asyncio.TimerHandle] = []
        self._on_zero: Callable[[], None] | None = None
        self.running = False

    def start(self, seconds: float, on_warn: Callable[[], None],
              on_zero: Callable[[], None], warn_before: float = WARN_BEFORE_S) -> bool:
        """Call ``on_warn()`` ``warn_before`` seconds before zero (at once when less time
        is left) and ``on_zero()`` at zero; False when no event loop runs here."""
        self.cancel()
        self._on_zero, self.running = on_zero, True
        if seconds <= warn_before:
            on_warn()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return False
        if seconds > warn_before:
            self._handles.append(loop.call_later(seconds - warn_before, self._fire, on_warn))
        self._handles.append(loop.call_later(seconds, self.expire))
        return True

    def cancel(self) -> None:
        """Stop the deadline (the trainee submitted, or opened another case)."""
        for handle in self._handles:
            handle.cancel()
        self._handles.clear()
        self._on_zero, self.running = None, False

    def expire(self) -> None:
        """Time is up: call the ``on_zero`` of the running deadline, once."""
        on_zero = self._on_zero
        self.cancel()
        if on_zero is not None:
            on_zero()

    def _fire(self, callback: Callable[[], None]) -> None:
        if self.running:
            callback()


__all__ = ["LIMIT_ENV", "WARN_BEFORE_S", "Deadline", "limit_seconds"]
