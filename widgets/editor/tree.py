"""The scheme tree: one collapsible panel per unit, and a button to add a unit."""

from __future__ import annotations

import ipywidgets as w

from toolkit.checks import Finding
from toolkit.i18n import _

from ._common import EditorContext, close_tree
from .unit_panel import UnitPanel


class SchemeTree(w.VBox):
    """Units → elements → KUK. Unit panels are rebuilt only when units change."""

    def __init__(self, context: EditorContext) -> None:
        self._ctx = context
        self._units = w.VBox(layout=w.Layout(width="100%"))
        self._add = w.Button(description=_("Add unit", lang=context.lang), icon="plus",
                             layout=w.Layout(width="auto"))
        self._add.add_class("asesorlab-add-unit")
        self._add.on_click(lambda _button: self.add_unit())
        super().__init__([self._units, self._add], layout=w.Layout(width="100%"))
        self.add_class("asesorlab-tree")

    @property
    def panels(self) -> list[UnitPanel]:
        """The unit panels, in scheme order."""
        return list(self._units.children)  # type: ignore[arg-type]

    def rebuild(self, expanded: set[int] | None = None) -> None:
        """Make every unit panel again from the scheme; ``expanded`` are shown open."""
        for panel in self.panels:
            close_tree(panel)
        opened = expanded or set()
        self._units.children = [self._make(u, u in opened)
                                for u in range(len(self._ctx.edit.scheme.units))]

    def expanded_units(self) -> set[int]:
        """The indexes of the units now shown open."""
        return {panel.index for panel in self.panels if panel.expanded}

    def add_unit(self) -> UnitPanel:
        """Add an empty unit at the end, open it, and return its panel."""
        u = self._ctx.edit.add_unit()
        panel = self._make(u, expanded=True)
        self._units.children = [*self.panels, panel]
        self._ctx.refresh()
        return panel

    def show_findings(self, findings: list[Finding]) -> None:
        """Hand each unit panel the findings (each picks its own)."""
        for panel in self.panels:
            panel.show_findings(findings)

    def _make(self, u: int, expanded: bool) -> UnitPanel:
        panel = UnitPanel(self._ctx, u, expanded=expanded)
        panel.on_move(lambda delta, panel=panel: self._move(panel, delta))
        panel.on_delete(lambda panel=panel: self._delete(panel))
        return panel

    def _move(self, panel: UnitPanel, delta: int) -> None:
        target = self._ctx.edit.move_unit(panel.index, panel.index + delta)
        panels = self.panels
        panels.insert(target, panels.pop(panel.index))
        for index, each in enumerate(panels):
            each.renumber(index)
        self._units.children = panels
        self._ctx.refresh()

    def _delete(self, panel: UnitPanel) -> None:
        self._ctx.edit.delete_unit(panel.index)
        panels = [each for each in self.panels if each is not panel]
        close_tree(panel)
        for index, each in enumerate(panels):
            each.renumber(index)
        self._units.children = panels
        self._ctx.refresh()


__all__ = ["SchemeTree"]
