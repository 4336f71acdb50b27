"""A running clock of the time spent on the case, or of the time left in timed mode.

It ticks in the browser with a CSS animation, so it costs the kernel no messages; the time
that counts (stored with the attempt) is measured in the kernel from opening to submit.
With a time limit it counts down; the kernel (not the browser) keeps the deadline
(:mod:`widgets.practice.deadline`) and calls :meth:`Timer.warn` and :meth:`Timer.expire`.
"""

from __future__ import annotations

import math
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
        self.limit_s: float | None = None
        self.add_class("asesorlab-timer")

    def restart(self, limit_s: float | None = None) -> None:
        """Start counting from now: up, or down from ``limit_s`` seconds when given."""
        self.started = datetime.now(UTC)
        self.limit_s = limit_s
        self.remove_class("asesorlab-timer-warning")
        if limit_s is not None:
            self.value = countdown_html(limit_s, self._lang)
            return
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

    def warn(self) -> None:
        """Mark the countdown: little time is left (the kernel calls it 5 minutes before)."""
        self.add_class("asesorlab-timer-warning")
        if self.limit_s is not None and self.started is not None:
            left = max(0.0, self.limit_s - self.elapsed())
            self.value = countdown_html(left, self._lang, warning=True)

    def expire(self) -> float:
        """Time is up: say so; return the seconds counted by the kernel."""
        seconds = self.elapsed()
        self.value = (f'<span class="asesorlab-error asesorlab-time-up">'
                      f'{esc(_("Time is up: the case was submitted as it stood", lang=self._lang))}'
                      "</span>")
        return seconds

    def elapsed(self) -> float:
        """Seconds since :meth:`restart` (0 before)."""
        if self.started is None:
            return 0.0
        return (datetime.now(UTC) - self.started).total_seconds()


def countdown_html(seconds: float, lang: str, warning: bool = False) -> str:
    """The time left as a browser-side countdown from ``seconds`` (whole seconds, rounded
    up) to 0:00: two CSS animations, seconds and minutes, started part-way (negative delays)
    so that the first shows ``seconds % 60`` and the second ``seconds // 60`` now."""
    left = max(0, math.ceil(seconds))
    minutes, secs = divmod(left, 60)
    delay = 60 * (6000 - minutes) + (59 - secs)
    style = (f"animation: asesorlab-sec-down 60s steps(60, jump-none) {minutes + 1} "
             f"-{59 - secs}s forwards, asesorlab-min-down 360000s steps(6000, end) "
             f"-{delay}s forwards")
    label = _("5 minutes left or less", lang=lang) if warning else _("Time left", lang=lang)
    css = "asesorlab-error" if warning else "asesorlab-muted"
    return (f'<span class="{css}">{esc(label)}</span> '
            f'<span class="asesorlab-clock asesorlab-countdown" data-left="{left}" '
            f'style="{style}"></span>')


__all__ = ["Timer", "countdown_html"]
