"""One element in the editor: its title, its KUK rows, and buttons to add and reorder."""

from __future__ import annotations

from typing import Protocol

import ipywidgets as w

from toolkit.checks import Finding
from toolkit.editing import findings_under
from toolkit.i18n import _

from ._common import EditorContext, Movable, close_tree, findings_html
from .kuk_row import KukRow


class _HasIndex(Protocol):
    index: int


class ElementPanel(w.VBox, Movable):
    """An elemen kompetensi: editable title and its KUK; KUK edits go to the scheme edit."""

    def __init__(self, context: EditorContext, unit: _HasIndex, index: int) -> None:
        self._init_actions()
        self._ctx, self._unit, self.index = context, unit, index
        lang = context.lang
        element = context.edit.element(unit.index, index)
        self._number = w.Label(layout=w.Layout(width="6em", flex="0 0 auto"))
        self._title = w.Text(value=element.title, continuous_update=False,
                             placeholder=_("Element title", lang=lang),
                             layout=w.Layout(flex="1 1 auto", width="auto"))
        self._title.observe(self._on_title_value, "value")
        self._message = w.HTML()
        buttons = self._action_buttons(_("Move element up", lang=lang),
                                       _("Move element down", lang=lang),
                                       _("Delete element", lang=lang))
        header = w.HBox([self._number, self._title, *buttons], layout=w.Layout(width="100%"))
        self._rows = w.VBox(layout=w.Layout(margin="0 0 0 2em"))
        add = w.Button(description=_("Add KUK", lang=lang), icon="plus",
                       layout=w.Layout(margin="0 0 0 5em", width="auto"))
        add.add_class("asesorlab-add-kuk")
        add.on_click(lambda _button: self.add_kuk())
        super().__init__([header, self._message, self._rows, add],
                         layout=w.Layout(width="100%", border_left="3px solid #ddd",
                                         padding="2px 0 4px 6px", margin="4px 0"))
        self.add_class("asesorlab-element")
        self.renumber(index)
        self.rebuild()

    @property
    def rows(self) -> list[KukRow]:
        """The KUK rows, in order."""
        return list(self._rows.children)  # type: ignore[arg-type]

    def kuk_row(self, k: int) -> KukRow:
        """The row of KUK ``k`` (from 0)."""
        return self.rows[k]

    @property
    def title(self) -> str:
        """The element title as shown."""
        return self._title.value

    @title.setter
    def title(self, value: str) -> None:
        self._title.value = value

    def renumber(self, index: int) -> None:
        """Take position ``index`` within the unit (after a move)."""
        self.index = index
        self._number.value = _("Element {number}", number=index + 1, lang=self._ctx.lang)
        for k, row in enumerate(self.rows):
            row.label = f"{index + 1}.{k + 1}"

    def rebuild(self) -> None:
        """Make the KUK rows again from the scheme."""
        for row in self.rows:
            close_tree(row)
        element = self._ctx.edit.element(self._unit.index, self.index)
        rows = []
        for k, criterion in enumerate(element.criteria):
            row = KukRow(f"{self.index + 1}.{k + 1}", criterion.text, self._ctx.lang)
            row.on_edit(lambda text, k=k: self._edit_kuk(k, text))
            row.on_move(lambda delta, k=k: self._move_kuk(k, delta))
            row.on_delete(lambda k=k: self._delete_kuk(k))
            rows.append(row)
        self._rows.children = rows

    def add_kuk(self) -> None:
        """Add an empty KUK at the end of this element."""
        self._ctx.edit.add_criterion(self._unit.index, self.index)
        self._changed(rebuild=True)

    def show_findings(self, findings: list[Finding]) -> None:
        """Show this element's problems under its title and each KUK's beside it."""
        path = ("units", self._unit.index, "elements", self.index)
        self._message.value = findings_html(findings_under(findings, path, exact=True))
        for k, row in enumerate(self.rows):
            row.show_findings(findings_under(findings, (*path, "criteria", k)))

    def _on_title_value(self, change: dict) -> None:
        if change["new"] != self._ctx.edit.element(self._unit.index, self.index).title:
            self._ctx.edit.update_element(self._unit.index, self.index, change["new"])
            self._changed()

    def _edit_kuk(self, k: int, text: str) -> None:
        if text != self._ctx.edit.criterion(self._unit.index, self.index, k).text:
            self._ctx.edit.update_criterion(self._unit.index, self.index, k, text)
            self._changed()

    def _move_kuk(self, k: int, delta: int) -> None:
        self._ctx.edit.move_criterion(self._unit.index, self.index, k, k + delta)
        self._changed(rebuild=True)

    def _delete_kuk(self, k: int) -> None:
        self._ctx.edit.delete_criterion(self._unit.index, self.index, k)
        self._changed(rebuild=True)

    def _changed(self, rebuild: bool = False) -> None:
        if rebuild:
            self.rebuild()
        self._ctx.refresh()


__all__ = ["ElementPanel"]
