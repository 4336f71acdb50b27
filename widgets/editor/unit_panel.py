"""One unit in the editor: a header (code, title, messages) and a body built on demand.

A collapsed unit is a handful of widgets; its elements and KUK are only made
when it is opened, which keeps a 40-unit, 750-KUK scheme quick to show.
"""

from __future__ import annotations

import ipywidgets as w
from traitlets import Bool

from toolkit.checks import Finding
from toolkit.editing import findings_under
from toolkit.i18n import _

from ._common import EditorContext, Movable, close_tree, findings_html
from .element_panel import ElementPanel


class UnitPanel(w.VBox, Movable):
    """A unit kompetensi: code checked as typed, title, and its elements when expanded."""

    expanded = Bool(False, help="whether the elements and KUK are shown")

    def __init__(self, context: EditorContext, index: int, expanded: bool = False) -> None:
        self._init_actions()
        self._ctx, self.index = context, index
        lang = context.lang
        unit = context.edit.unit(index)
        self._toggle = w.ToggleButton(value=False, icon="chevron-right",
                                      tooltip=_("Show or hide the elements", lang=lang),
                                      layout=w.Layout(width="2.4em", flex="0 0 auto"))
        self._code = w.Text(value=unit.code, continuous_update=True,
                            placeholder=_("Unit code", lang=lang),
                            layout=w.Layout(width="13em", flex="0 0 auto"))
        self._code.add_class("asesorlab-unit-code")
        self._title = w.Text(value=unit.title, continuous_update=False,
                             placeholder=_("Unit title", lang=lang),
                             layout=w.Layout(flex="1 1 auto", width="auto"))
        self._title.add_class("asesorlab-unit-title")
        self._message = w.HTML()
        self._message.add_class("asesorlab-unit-message")
        header = w.HBox([self._toggle, self._code, self._title],
                        layout=w.Layout(width="100%"))
        self._body: w.VBox | None = None
        self._elements = w.VBox()
        super().__init__([header, self._message],
                         layout=w.Layout(width="100%", border="1px solid #ccc",
                                         padding="4px", margin="2px 0"))
        self.add_class("asesorlab-unit")
        self._code.observe(self._on_code_value, "value")
        self._title.observe(self._on_title_value, "value")
        self._toggle.observe(self._on_toggle_value, "value")
        self.observe(self._on_expanded, "expanded")
        self.expanded = expanded

    # -- public ----------------------------------------------------------------
    @property
    def code(self) -> str:
        """The unit code as shown (set it to type a new code)."""
        return self._code.value

    @code.setter
    def code(self, value: str) -> None:
        self._code.value = value

    @property
    def title(self) -> str:
        """The unit title as shown."""
        return self._title.value

    @title.setter
    def title(self, value: str) -> None:
        self._title.value = value

    @property
    def message(self) -> str:
        """The messages shown next to this unit (HTML)."""
        return self._message.value

    @property
    def elements(self) -> list[ElementPanel]:
        """The element panels (the unit is expanded to make them)."""
        self.expanded = True
        return list(self._elements.children)  # type: ignore[arg-type]

    def element_panel(self, e: int) -> ElementPanel:
        """The panel of element ``e`` (from 0)."""
        return self.elements[e]

    def add_element(self) -> None:
        """Add an element (with one empty KUK) at the end of the unit."""
        self._ctx.edit.add_element(self.index)
        self.rebuild()
        self._ctx.refresh()

    def renumber(self, index: int) -> None:
        """Take position ``index`` in the scheme (after a move)."""
        self.index = index

    def rebuild(self) -> None:
        """Make the element panels again from the scheme (only when expanded)."""
        for panel in self._elements.children:
            close_tree(panel)
        if not self.expanded:
            self._elements.children = []
            return
        panels = []
        for e in range(len(self._ctx.edit.unit(self.index).elements)):
            panel = ElementPanel(self._ctx, self, e)
            panel.on_move(lambda delta, panel=panel: self._move_element(panel.index, delta))
            panel.on_delete(lambda panel=panel: self._delete_element(panel.index))
            panels.append(panel)
        self._elements.children = panels

    def show_findings(self, findings: list[Finding]) -> None:
        """Show the unit's problems in its header, and inner ones where they belong."""
        path = ("units", self.index)
        inner = [f for f in findings_under(findings, path)
                 if f not in findings_under(findings, path, exact=True)]
        extra = ""
        if inner and not self.expanded:
            extra = _("{count} problem(s) in the elements and KUK", count=len(inner),
                      lang=self._ctx.lang)
        self._message.value = findings_html(findings_under(findings, path, exact=True), extra)
        if self.expanded:
            for panel in self._elements.children:
                panel.show_findings(findings)  # type: ignore[attr-defined]

    # -- handlers --------------------------------------------------------------
    def _build_body(self) -> w.VBox:
        lang = self._ctx.lang
        add = w.Button(description=_("Add element", lang=lang), icon="plus",
                       layout=w.Layout(width="auto"))
        add.add_class("asesorlab-add-element")
        add.on_click(lambda _button: self.add_element())
        buttons = self._action_buttons(_("Move unit up", lang=lang),
                                       _("Move unit down", lang=lang),
                                       _("Delete unit", lang=lang))
        return w.VBox([self._elements, w.HBox([add, *buttons])])

    def _on_expanded(self, change: dict) -> None:
        self._toggle.value = change["new"]
        self._toggle.icon = "chevron-down" if change["new"] else "chevron-right"
        if change["new"] and self._body is None:
            self._body = self._build_body()
        self.rebuild()
        header, message = self.children[:2]
        self.children = [header, message, self._body] if change["new"] else [header, message]
        self._ctx.refresh()

    def _on_toggle_value(self, change: dict) -> None:
        self.expanded = change["new"]

    def _on_code_value(self, change: dict) -> None:
        if change["new"] != self._ctx.edit.unit(self.index).code:
            self._ctx.edit.update_unit(self.index, code=change["new"])
            self._ctx.refresh()

    def _on_title_value(self, change: dict) -> None:
        if change["new"] != self._ctx.edit.unit(self.index).title:
            self._ctx.edit.update_unit(self.index, title=change["new"])
            self._ctx.refresh()

    def _move_element(self, e: int, delta: int) -> None:
        self._ctx.edit.move_element(self.index, e, e + delta)
        self.rebuild()
        self._ctx.refresh()

    def _delete_element(self, e: int) -> None:
        self._ctx.edit.delete_element(self.index, e)
        self.rebuild()
        self._ctx.refresh()


__all__ = ["UnitPanel"]
