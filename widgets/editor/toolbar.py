"""The editor's toolbar: file path, open, save, undo/redo, expand, and the status line."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w
from traitlets import Bool, Unicode

from toolkit.i18n import _


class Toolbar(w.VBox):
    """Buttons that call the editor's actions, a path box and an unsaved-changes marker."""

    path = Unicode(help="the scheme file to open or save (YAML, JSON or XLSX)")
    dirty = Bool(False, help="true when there are unsaved changes")
    can_undo = Bool(False, help="enables the undo button")
    can_redo = Bool(False, help="enables the redo button")

    def __init__(self, lang: str, actions: dict[str, Callable[[], None]]) -> None:
        self._lang = lang
        self._path = w.Text(placeholder=_("path/to/scheme.yaml", lang=lang),
                            layout=w.Layout(flex="1 1 auto", width="auto"))
        self._path.add_class("asesorlab-path")
        w.link((self._path, "value"), (self, "path"))
        specs = [
            ("open", _("Open", lang=lang), "folder-open", ""),
            ("save", _("Save", lang=lang), "save", "asesorlab-save"),
            ("undo", _("Undo", lang=lang), "undo", "asesorlab-undo"),
            ("redo", _("Redo", lang=lang), "repeat", "asesorlab-redo"),
            ("expand", _("Expand all", lang=lang), "plus-square", ""),
            ("collapse", _("Collapse all", lang=lang), "minus-square", ""),
        ]
        self._buttons: dict[str, w.Button] = {}
        for name, label, icon, css in specs:
            button = w.Button(description=label, icon=icon, layout=w.Layout(width="auto"))
            if css:
                button.add_class(css)
            button.on_click(lambda _button, action=actions[name]: action())
            self._buttons[name] = button
        self._marker = w.HTML()
        self._marker.add_class("asesorlab-dirty-marker")
        self._status = w.HTML()
        self._status.add_class("asesorlab-status")
        row = w.HBox([self._path, *self._buttons.values(), self._marker],
                     layout=w.Layout(width="100%", flex_flow="row wrap"))
        super().__init__([row, self._status], layout=w.Layout(width="100%"))
        self.add_class("asesorlab-toolbar")
        self.observe(self._on_dirty, "dirty")
        self.observe(self._on_history, ["can_undo", "can_redo"])
        self._on_history({})
        self._on_dirty({"new": False})

    @property
    def status(self) -> str:
        """The last status message (HTML)."""
        return self._status.value

    @status.setter
    def status(self, value: str) -> None:
        self._status.value = value

    def button(self, name: str) -> w.Button:
        """The toolbar button ``name`` (open, save, undo, redo, expand, collapse)."""
        return self._buttons[name]

    def _on_dirty(self, change: dict) -> None:
        if change["new"]:
            self._marker.value = ('<span class="asesorlab-unsaved" style="color:#b3261e">● '
                                  + _("unsaved changes", lang=self._lang) + "</span>")
        else:
            self._marker.value = ('<span class="asesorlab-saved" style="color:#2e7d32">✓ '
                                  + _("no unsaved changes", lang=self._lang) + "</span>")
        self._buttons["save"].button_style = "warning" if change["new"] else ""

    def _on_history(self, _change: dict) -> None:
        self._buttons["undo"].disabled = not self.can_undo
        self._buttons["redo"].disabled = not self.can_redo


__all__ = ["Toolbar"]
