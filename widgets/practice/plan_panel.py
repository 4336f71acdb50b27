"""The planning step (FR.MAPA.01) before judging: the assessment route, the TUK type, and per
unit of the case the methods (each with the evidence class it yields, L/TL/T) and the
instruments (FR.IA.xx).

The widget only collects choices: the methods, their evidence classes and the instruments
offered are given by the caller (from ``toolkit``); :attr:`PlanPanel.plan` is the
:class:`~toolkit.cases.duties_model.AssessmentPlan` the scoring compares with the key.
The route and TUK are always shown; the per-unit rows are laid out when the trainee opens
them (:meth:`PlanPanel.expand`: a widget model costs the page, and a case may have eight
units), and kept for the next case with that unit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as w
from ipywidgets.widgets.widget_bool import CheckboxStyle

from toolkit.cases.duties_model import ROUTES, TUK_TYPES, AssessmentPlan, UnitPlan
from toolkit.cases.plan import method_labels, route_labels, tuk_labels
from toolkit.i18n import _

from .look import Look, esc


class _UnitPlanRow(w.VBox):
    """One unit: its title, a checkbox per method (with its class) and the instruments."""

    def __init__(self, code: str, title: str, methods: Sequence[tuple[str, str]],
                 instruments: Sequence[tuple[str, str]], lang: str, look: Look,
                 check_layout: w.Layout, check_style: CheckboxStyle) -> None:
        labels = method_labels(lang)
        self._checks = {
            method: w.Checkbox(value=False, description=f"{labels.get(method, method)} "
                               f"({evidence})", indent=False, layout=check_layout,
                               style=check_style)
            for method, evidence in methods}
        for method, box in self._checks.items():
            box.add_class(f"asesorlab-method-{method}")
        self._instruments = w.SelectMultiple(
            options=[(f"{code_} · {title_}" if title_ else code_, code_)
                     for code_, title_ in instruments],
            rows=min(6, max(2, len(instruments))), description=_("Instruments", lang=lang),
            layout=w.Layout(width="auto", min_width="260px"),
            style=look.select_style)
        self._instruments.add_class("asesorlab-plan-instruments")
        heading = look.html(f"<b>{esc(code)}</b> {esc(title)}", layout=look.full)
        methods_box = w.HBox(list(self._checks.values()), layout=w.Layout(flex_flow="row wrap"))
        methods_box.add_class("asesorlab-plan-methods")
        super().__init__([heading, methods_box, self._instruments], layout=look.full)
        self.add_class("asesorlab-plan-unit")

    @property
    def unit_plan(self) -> UnitPlan:
        """The methods ticked and the instruments chosen."""
        return UnitPlan(methods=[m for m, box in self._checks.items() if box.value],  # type: ignore[misc]
                        instruments=list(self._instruments.value))

    def set(self, methods: Sequence[str] | None = None,
            instruments: Sequence[str] | None = None) -> None:
        """Tick exactly ``methods`` and choose exactly ``instruments`` (as a trainee does);
        an unknown method or instrument is refused."""
        if methods is not None:
            unknown = set(methods) - set(self._checks)
            if unknown:
                raise ValueError(f"unknown method(s): {', '.join(sorted(unknown))}")
            for method, box in self._checks.items():
                box.value = method in methods
        if instruments is not None:
            self._instruments.value = tuple(instruments)  # the trait refuses unknown ids

    def reset(self) -> None:
        """Untick everything."""
        self.set([], [])


class PlanPanel(w.VBox):
    """The plan of the open case; :attr:`plan` is what the trainee chose so far."""

    def __init__(self, units: Sequence[tuple[str, str]], methods: Sequence[tuple[str, str]],
                 instruments: Callable[[], Sequence[tuple[str, str]]], look: Look,
                 lang: str) -> None:
        """``instruments()`` gives the (code, title) pairs offered; it is called when the
        unit rows are first opened (the forms' titles cost a read of their templates)."""
        self._lang, self._look = lang, look
        self._titles = dict(units)
        self._methods = list(methods)
        self._instruments = instruments
        self._instrument_options: list[tuple[str, str]] | None = None
        self._rows: dict[str, _UnitPlanRow] = {}
        self._active: list[str] = []
        self._expanded = False
        self._check_layout = w.Layout(width="auto", margin="0 12px 0 0")
        self._check_style = CheckboxStyle(description_width="initial")
        select_style = look.select_style
        none = _("— choose —", lang=lang)
        self._route = w.Dropdown(
            options=[(none, None), *((route_labels(lang)[r], r) for r in ROUTES)],
            value=None, description=_("Assessment route", lang=lang), layout=look.auto,
            style=select_style)
        self._route.add_class("asesorlab-plan-route")
        self._tuk = w.Dropdown(
            options=[(none, None), *((tuk_labels(lang)[t], t) for t in TUK_TYPES)],
            value=None, description=_("TUK type", lang=lang), layout=look.auto,
            style=select_style)
        self._tuk.add_class("asesorlab-plan-tuk")
        hint = _("Plan the assessment for this asesi before judging: the route (a portfolio "
                 "of work, or a competency test), the TUK, and for each unit the methods and "
                 "instruments. The letter after a method is the evidence it gives: L direct, "
                 "TL indirect, T supplementary.", lang=lang)
        self._heading = look.html(
            f"<h3>{esc(_('Assessment plan (FR.MAPA.01)', lang=lang))}</h3>"
            f'<div class="asesorlab-muted">{esc(hint)}</div>', layout=look.full)
        self._expand = look.button(_("Plan the methods and instruments per unit", lang=lang),
                                   "asesorlab-plan-expand", icon="list")
        super().__init__([self._heading, self._route, self._tuk, self._expand],
                         layout=look.full)
        self.add_class("asesorlab-plan")
        self._expand.on_click(self._on_expand_click)

    def use_units(self, codes: Sequence[str]) -> None:
        """Take the units of a new case (in the given order), closed; clear every choice."""
        self._route.value = None
        self._tuk.value = None
        self._active = [code for code in codes if code in self._titles]
        for row in self._rows.values():
            row.reset()
        self._expanded = False
        self.children = (self._heading, self._route, self._tuk, self._expand)

    def expand(self) -> None:
        """Lay out (or show again) a row per unit of the case, as the button does."""
        if self._expanded:
            return
        if self._instrument_options is None:
            self._instrument_options = list(self._instruments())
        for code in self._active:
            if code not in self._rows:
                self._rows[code] = _UnitPlanRow(
                    code, self._titles[code], self._methods, self._instrument_options,
                    self._lang, self._look, self._check_layout, self._check_style)
        self._expanded = True
        self.children = (self._heading, self._route, self._tuk,
                         *(self._rows[c] for c in self._active))

    @property
    def expanded(self) -> bool:
        """True once the per-unit rows are shown."""
        return self._expanded

    @property
    def units(self) -> list[str]:
        """The unit codes shown."""
        return list(self._active)

    @property
    def plan(self) -> AssessmentPlan:
        """The plan as chosen so far: unchosen route/TUK are None; units only once the
        per-unit rows are open (an untouched unit is an empty plan)."""
        units = ({code: self._rows[code].unit_plan for code in self._active}
                 if self._expanded else {})
        return AssessmentPlan(route=self._route.value, tuk=self._tuk.value, units=units)

    def set_route(self, route: str | None) -> None:
        """Choose the route (``portofolio`` / ``uji_kompetensi``) as the dropdown does."""
        self._route.value = route

    def set_tuk(self, tuk: str | None) -> None:
        """Choose the TUK type (``sewaktu`` / ``tempat_kerja`` / ``mandiri``)."""
        self._tuk.value = tuk

    def set_unit(self, code: str, methods: Sequence[str] | None = None,
                 instruments: Sequence[str] | None = None) -> None:
        """Tick the methods and choose the instruments of a unit of the case (the rows are
        opened first)."""
        if code not in self._active:
            raise ValueError(f"unit {code} is not in the open case")
        self.expand()
        self._rows[code].set(methods, instruments)

    def _on_expand_click(self, _button: w.Button) -> None:
        self.expand()


__all__ = ["PlanPanel"]
