"""The dashboard's filters: scheme, unit and period; :meth:`apply` (or any change) tells
the owner, who asks :attr:`CohortFilters.value` for a :class:`toolkit.analytics.Filters`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time

import ipywidgets as w
import traitlets

from toolkit.analytics import Filters
from toolkit.i18n import _


class CohortFilters(w.HBox):
    """Scheme and unit dropdowns (``""`` = all) and a from/to period."""

    scheme = traitlets.Unicode("", help="scheme code, '' for every scheme")
    unit = traitlets.Unicode("", help="unit code, '' for every unit")
    since = traitlets.Any(None, allow_none=True, help="first day (a date) or None")
    until = traitlets.Any(None, allow_none=True, help="last day (a date) or None")

    def __init__(self, lang: str) -> None:
        self._lang = lang
        self._handlers: list[Callable[[], None]] = []
        everything = _("(all)", lang=lang)
        self._scheme = w.Dropdown(options=[(everything, "")], description=_("Scheme", lang=lang),
                                  layout=w.Layout(width="auto"))
        self._unit = w.Dropdown(options=[(everything, "")], description=_("Unit", lang=lang),
                                layout=w.Layout(width="auto"))
        self._since = w.DatePicker(description=_("From", lang=lang),
                                   layout=w.Layout(width="auto"))
        self._until = w.DatePicker(description=_("To", lang=lang), layout=w.Layout(width="auto"))
        super().__init__([self._scheme, self._unit, self._since, self._until],
                         layout=w.Layout(flex_flow="row wrap"))
        self.add_class("asesorlab-cohort-filters")
        for child, name in ((self._scheme, "scheme"), (self._unit, "unit"),
                            (self._since, "since"), (self._until, "until")):
            w.link((child, "value"), (self, name))
        self.observe(self._on_self_change, names=["scheme", "unit", "since", "until"])

    def use(self, schemes: Sequence[str], units: Sequence[str]) -> None:
        """Offer these schemes and units (the current choice stays when still offered)."""
        everything = _("(all)", lang=self._lang)
        for dropdown, values in ((self._scheme, schemes), (self._unit, units)):
            keep = dropdown.value if dropdown.value in values else ""
            with self.hold_trait_notifications():
                dropdown.options = [(everything, ""), *((v, v) for v in values)]
                dropdown.value = keep

    @property
    def value(self) -> Filters:
        """The chosen filters."""
        def moment(day: date | None, at: time) -> datetime | None:
            return datetime.combine(day, at, UTC) if day else None

        return Filters(scheme=self.scheme or None, unit=self.unit or None,
                       since=moment(self.since, time.min), until=moment(self.until, time.max))

    def on_change(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` when a filter changes (or :meth:`apply` is called)."""
        self._handlers.append(callback)

    def apply(self) -> None:
        """Tell the owner the filters are to be applied."""
        for handler in self._handlers:
            handler()

    def _on_self_change(self, _change: dict[str, object]) -> None:
        self.apply()


__all__ = ["CohortFilters"]
