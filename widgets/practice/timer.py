"""A running clock of the time spent on the case.

It ticks in the browser with a CSS animation, so it costs the kernel no messages; the time
that counts (stored with the attempt) is measured in the kernel from opening to submit.
"""

from __future__ import annotations

from datetime import UTC, datetime

import ipywidgets as w

from toolkit.i18n import _

from .look import Look, esc


class Timer(w.HTML):
    """Shows minutes:seconds since :meth:`restart`; :attr:`started` is the kernel's clock."""

    def __init__(self, look: Look, lang: str) -> None:
        super().__init__("", layout=look.auto, style=look.html_style)
        self._lang = lang
        self.started: datetime | None = None
        self.add_class("asesorlab-timer")

    def restart(self) -> None:
        """Start counting from now."""
        self.started = datetime.now(UTC)
        # a new element restarts the animation; the stamp makes the value differ
        self.value = (f'<span class="asesorlab-muted">{esc(_("Time", lang=self._lang))}</span> '
                      f'<span class="asesorlab-clock" data-start="{self.started.timestamp()}">'
                      f"</span>")

    def stop(self) -> float:
        """Stop the clock; return the seconds counted by the kernel."""
        seconds = self.elapsed()
        self.value = esc(_("Time taken: {minutes}:{seconds:02d}", lang=self._lang,
                           minutes=int(seconds // 60), seconds=int(seconds % 60)))
        return seconds

    def elapsed(self) -> float:
        """Seconds since :meth:`restart` (0 before)."""
        if self.started is None:
            return 0.0
        return (datetime.now(UTC) - self.started).total_seconds()


__all__ = ["Timer"]
