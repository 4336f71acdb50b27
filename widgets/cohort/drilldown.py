"""Drill-down to one attempt: choose one of a trainee's attempts and read its debrief, as
the trainee saw it (the practice app's :func:`~widgets.practice.debrief.debrief_html`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as w
import traitlets
from pydantic import ValidationError

from toolkit.analytics import AttemptRecord
from toolkit.i18n import _
from toolkit.scoring import ScoreReport
from toolkit.store import Attempt

from ..practice.debrief import debrief_html
from ..practice.look import esc


class AttemptDrilldown(w.VBox):
    """A dropdown of attempts and the chosen attempt's debrief."""

    attempt_id = traitlets.Int(0, help="the shown attempt's id, 0 for none")

    def __init__(self, fetch: Callable[[int], Attempt | None], lang: str) -> None:
        self._fetch, self._lang = fetch, lang
        self._choose = w.Dropdown(options=[("—", 0)], description=_("Attempt", lang=lang),
                                  layout=w.Layout(width="auto"))
        self._debrief = w.HTML("", layout=w.Layout(width="100%"))
        super().__init__([self._choose, self._debrief], layout=w.Layout(width="100%"))
        self.add_class("asesorlab-debrief")
        w.link((self._choose, "value"), (self, "attempt_id"))
        self.observe(self._on_self_attempt_id, names="attempt_id")

    def use(self, records: Sequence[AttemptRecord]) -> None:
        """Offer these attempts (newest first) and show none."""
        options = [(f"{r.submitted_at:%Y-%m-%d %H:%M} {r.case_id} "
                    f"({r.criteria_agreement * 100:.0f}%)", r.id) for r in reversed(records)]
        with self.hold_trait_notifications():
            self._choose.options = [("—", 0), *options]
            self._choose.value = 0
        self._debrief.value = ""

    def show_attempt(self, attempt_id: int) -> None:
        """Show the debrief of ``attempt_id``, as choosing it does."""
        self.attempt_id = attempt_id

    @property
    def text(self) -> str:
        """The shown debrief's HTML."""
        return str(self._debrief.value)

    def _on_self_attempt_id(self, change: dict[str, object]) -> None:
        chosen = int(str(change["new"] or 0))
        attempt = self._fetch(chosen) if chosen else None
        if attempt is None:
            self._debrief.value = ""
            return
        try:
            report = ScoreReport.model_validate(attempt.score)
        except ValidationError:
            self._debrief.value = esc(_("The score report of this attempt cannot be shown.",
                                        lang=self._lang))
            return
        head = _("{trainee}, case {case}", lang=self._lang, trainee=attempt.trainee,
                 case=attempt.case_id)
        self._debrief.value = f"<h3>{esc(head)}</h3>" + debrief_html(report, self._lang)


__all__ = ["AttemptDrilldown"]
