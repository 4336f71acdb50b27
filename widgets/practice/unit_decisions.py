"""Unit decisions and the recommendation: filled from the KUK by the toolkit's rule,
and overridable by the trainee (an override is marked, and kept until the trainee
picks the rule's value again)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from toolkit.cases.model import VERDICTS, Verdict, recommendation, unit_verdict
from toolkit.i18n import _

from .look import Look, esc


class _Decision(w.HBox):
    """One decision: a label, K/BK toggles, and a marker saying rule or override."""

    def __init__(self, label_html: str, look: Look, lang: str, name: str = "") -> None:
        self._lang = lang
        self.auto: Verdict | None = None
        # each button's tooltip (its title) names the decision, for a screen reader
        self._toggle = w.ToggleButtons(options=list(VERDICTS), value=None,
                                       layout=look.auto, style=look.toggle_style,
                                       tooltips=[f"{name}: {v}" if name else v
                                                 for v in VERDICTS])
        self._marker = look.html("", layout=look.auto)
        super().__init__([look.html(label_html), self._toggle, self._marker], layout=look.row)
        self._toggle.observe(self._on_toggle_value, "value")

    @property
    def value(self) -> Verdict | None:
        """The decision shown (the rule's, or the trainee's override)."""
        value = self._toggle.value
        return value if value in VERDICTS else None

    @value.setter
    def value(self, verdict: Verdict | None) -> None:
        self._toggle.value = verdict

    @property
    def overridden(self) -> bool:
        """True when the trainee chose something other than the rule's value."""
        return self.value is not None and self.value != self.auto

    def set_auto(self, verdict: Verdict | None) -> None:
        """Take the rule's value, unless the trainee has overridden it."""
        overridden = self.overridden
        self.auto = verdict
        if not overridden:
            self._toggle.value = verdict
        self._show_marker()

    def reset(self) -> None:
        """Forget the rule's value and any override."""
        self.auto = None
        self._toggle.value = None
        self._show_marker()

    def on_change(self, callback: Callable[[Any], None]) -> None:
        """Call ``callback(change)`` when the shown decision changes."""
        self._toggle.observe(callback, "value")

    def _on_toggle_value(self, _change: Any) -> None:
        self._show_marker()

    def _show_marker(self) -> None:
        text = _("override", lang=self._lang) if self.overridden else (
            _("by rule", lang=self._lang) if self.auto else "")
        self._marker.value = f'<span class="asesorlab-muted">{esc(text)}</span>'


class UnitDecisions(w.VBox):
    """The unit decisions of every unit in the scheme; only the open case's are shown (the
    others are not among the children)."""

    def __init__(self, units: list[tuple[str, str]], look: Look, lang: str) -> None:
        self._units = {code: _Decision(f"<b>{esc(code)}</b> {esc(title)}", look, lang,
                                       f"{code} {title}")
                       for code, title in units}
        recommended = _("Recommendation for the asesi", lang=lang)
        self._recommendation = _Decision(f"<b>{esc(recommended)}</b>", look, lang, recommended)
        self._active: list[str] = list(self._units)
        self._heading = look.html(f"<h3>{esc(_('Unit decisions', lang=lang))}</h3>")
        super().__init__([self._heading, *self._units.values(), self._recommendation],
                         layout=look.full)
        self.add_class("asesorlab-units")
        for decision in self._units.values():
            decision.on_change(self._on_unit_change)

    def _on_unit_change(self, _change: Any) -> None:
        units = self.units()
        complete = all(units.get(code) for code in self._active)
        self._recommendation.set_auto(recommendation(units) if complete else None)

    def use_units(self, codes: list[str]) -> None:
        """Show the units of a new case and clear every decision."""
        self._active = [code for code in self._units if code in set(codes)]
        for decision in self._units.values():
            decision.reset()
        self._recommendation.reset()
        self.children = (self._heading, *(self._units[code] for code in self._active),
                         self._recommendation)

    def update_from(self, criteria: dict[str, Verdict], answered: dict[str, bool]) -> None:
        """Apply the rule: a unit is K when all its KUK are K (once all are answered)."""
        for code in self._active:
            complete = answered.get(code, False)
            self._units[code].set_auto(unit_verdict(criteria, code) if complete else None)
        self._on_unit_change({})

    def units(self) -> dict[str, Verdict]:
        """The decision of every unit of the case that has one."""
        return {code: value for code in self._active
                if (value := self._units[code].value) is not None}

    def recommendation(self) -> Verdict | None:
        """The recommendation shown."""
        return self._recommendation.value

    def override(self, code: str | None, verdict: Verdict) -> None:
        """Set a unit's (or, with ``None``, the recommendation's) decision by hand."""
        (self._recommendation if code is None else self._units[code]).value = verdict


__all__ = ["UnitDecisions"]
