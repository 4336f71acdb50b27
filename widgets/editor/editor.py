"""The scheme editor: open a scheme file (or start empty), edit the tree, check, save.

All editing rules live in :class:`toolkit.editing.SchemeEdit`; this widget shows
the scheme, forwards edits, and shows the findings of
:func:`toolkit.checks.check_scheme` next to the items they concern.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import ipywidgets as w
from traitlets import Bool, Unicode

from toolkit.editing import SchemeEdit, open_for_edit
from toolkit.errors import SchemeInvalid
from toolkit.escaping import html_text as esc
from toolkit.i18n import _, get_language, language, normalize_language
from toolkit.plugins import PluginHost
from toolkit.scheme import Scheme
from toolkit.schemeio import save_scheme

from ._common import EditorContext, findings_html
from .toolbar import Toolbar
from .tree import SchemeTree
from .unit_panel import UnitPanel


class SchemeEditor(w.VBox):
    """Edit a scheme's units, elements and KUK; save back to YAML, JSON or XLSX."""

    dirty = Bool(False, help="true when the scheme has changes not yet saved")
    path = Unicode(help="the file the scheme is opened from and saved to")

    def __init__(self, source: Scheme | str | Path | None = None, *,
                 language: str | None = None, host: PluginHost | None = None) -> None:
        self._lang = normalize_language(language) if language else get_language()
        self._host = host
        self._save_handlers: list[Callable[[Path], None]] = []
        self._ctx = EditorContext(SchemeEdit(), self._lang, self.refresh)
        lang = self._lang
        self._heading = w.HTML()
        self._scheme_code = w.Text(description=_("Scheme code", lang=lang),
                                   continuous_update=False,
                                   style={"description_width": "8em"})
        self._scheme_title = w.Text(description=_("Scheme title", lang=lang),
                                    continuous_update=False,
                                    style={"description_width": "8em"},
                                    layout=w.Layout(width="60%"))
        self._scheme_code.observe(self._on_scheme_code_value, "value")
        self._scheme_title.observe(self._on_scheme_title_value, "value")
        self._toolbar = Toolbar(lang, {"open": self.open_file, "save": self.save,
                                       "undo": self.undo, "redo": self.redo,
                                       "expand": self.expand_all,
                                       "collapse": self.collapse_all})
        w.link((self._toolbar, "path"), (self, "path"))
        self._summary = w.HTML()
        self._summary.add_class("asesorlab-summary")
        self._tree = SchemeTree(self._ctx)
        super().__init__([self._heading, self._toolbar,
                          w.HBox([self._scheme_code, self._scheme_title]),
                          self._summary, self._tree], layout=w.Layout(width="100%"))
        self.add_class("asesorlab-editor")
        if isinstance(source, Scheme):
            self._load(source)
        elif source is not None:
            self.open_file(source)
        else:
            self._load(self._ctx.edit.scheme)

    # -- public ------------------------------------------------------------------
    @property
    def edit(self) -> SchemeEdit:
        """The scheme under edit, with its history."""
        return self._ctx.edit

    @property
    def scheme(self) -> Scheme:
        """The scheme as it is now."""
        return self._ctx.edit.scheme

    @property
    def units(self) -> list[UnitPanel]:
        """The unit panels, in order."""
        return self._tree.panels

    def unit_panel(self, u: int) -> UnitPanel:
        """The panel of unit ``u`` (from 0)."""
        return self._tree.panels[u]

    @property
    def status(self) -> str:
        """The last status message (HTML)."""
        return self._toolbar.status

    @property
    def toolbar(self) -> Toolbar:
        """The toolbar (its buttons can be clicked in tests)."""
        return self._toolbar

    def add_unit(self) -> UnitPanel:
        """Add an empty unit at the end and return its (open) panel."""
        return self._tree.add_unit()

    def open_file(self, path: str | Path | None = None) -> bool:
        """Open the scheme file ``path`` (or the path box's); False and a message on errors."""
        target = Path(path) if path is not None else Path(self.path.strip())
        if path is None and not self.path.strip():
            self._set_status(_("Type the path of a scheme file first.", lang=self._lang), True)
            return False
        with language(self._lang):
            try:
                scheme = open_for_edit(target, self._host)
            except SchemeInvalid as exc:
                self._set_status("<br>".join(esc(str(e)) for e in exc.errors), True)
                return False
        self.path = str(target)
        self._load(scheme)
        self._set_status(_("Opened {path}", path=str(target), lang=self._lang))
        return True

    def save(self, path: str | Path | None = None) -> Path | None:
        """Save to ``path`` (or the path box's) atomically; return the file, None on errors."""
        if path is not None:
            self.path = str(path)
        if not self.path.strip():
            self._set_status(_("Type the path to save to first.", lang=self._lang), True)
            return None
        target = Path(self.path.strip())
        with language(self._lang):
            try:
                save_scheme(self.scheme, target, self._host)
            except SchemeInvalid as exc:
                self._set_status("<br>".join(esc(str(e)) for e in exc.errors), True)
                return None
            except OSError as exc:
                self._set_status(esc(_("cannot write {path}: {problem}",
                                               path=str(target), problem=exc.strerror)), True)
                return None
        self.edit.mark_saved()
        errors = sum(1 for f in self.edit.findings() if f.severity == "error")
        message = _("Saved to {path}", path=str(target), lang=self._lang)
        if errors:
            message += " " + _("({count} error(s) still to fix)", count=errors, lang=self._lang)
        self._set_status(message)
        self.refresh()
        for callback in self._save_handlers:
            callback(target)
        return target

    def on_save(self, callback: Callable[[Path], None]) -> None:
        """Call ``callback(path)`` after every successful save."""
        self._save_handlers.append(callback)

    def undo(self) -> bool:
        """Undo the last change."""
        return self._history(self.edit.undo)

    def redo(self) -> bool:
        """Redo the last undone change."""
        return self._history(self.edit.redo)

    def expand_all(self) -> None:
        """Show every unit open (slow on very large schemes)."""
        for panel in self.units:
            panel.expanded = True

    def collapse_all(self) -> None:
        """Show every unit closed."""
        for panel in self.units:
            panel.expanded = False

    def refresh(self) -> None:
        """Show the current findings next to their items, and the unsaved marker."""
        with language(self._lang):
            findings = self.edit.findings()
        self._tree.show_findings(findings)
        scheme_level = [f for f in findings if (f.path and f.path[0] != "units")
                        or f.path == ("units",)]
        errors = sum(1 for f in findings if f.severity == "error")
        warnings = len(findings) - errors
        count = _("{errors} error(s), {warnings} warning(s)", errors=errors, warnings=warnings,
                  lang=self._lang)
        self._summary.value = (f"<b>{esc(count)}</b>" + findings_html(scheme_level))
        self.dirty = self.edit.dirty
        self._toolbar.dirty = self.edit.dirty
        self._toolbar.can_undo = self.edit.can_undo
        self._toolbar.can_redo = self.edit.can_redo
        self._heading.value = "<h3>{}</h3>".format(esc(
            _("Scheme editor: {code} {title}", code=self.scheme.code, title=self.scheme.title,
              lang=self._lang)))

    # -- internals ---------------------------------------------------------------
    def _load(self, scheme: Scheme) -> None:
        self.edit.reset(scheme)
        self._show_scheme_fields()
        self._tree.rebuild()
        self.refresh()

    def _show_scheme_fields(self) -> None:
        self._scheme_code.value = self.scheme.code
        self._scheme_title.value = self.scheme.title

    def _history(self, step: Callable[[], bool]) -> bool:
        opened = self._tree.expanded_units()
        if not step():
            return False
        self._show_scheme_fields()
        self._tree.rebuild({u for u in opened if u < len(self.scheme.units)})
        self.refresh()
        return True

    def _set_status(self, message: str, error: bool = False) -> None:
        colour = "#b3261e" if error else "#2e7d32"
        self._toolbar.status = f'<span style="color:{colour}">{message}</span>'

    def _on_scheme_code_value(self, change: dict) -> None:
        if change["new"] != self.scheme.code:
            self.edit.set_scheme_field("code", change["new"])
            self.refresh()

    def _on_scheme_title_value(self, change: dict) -> None:
        if change["new"] != self.scheme.title:
            self.edit.set_scheme_field("title", change["new"])
            self.refresh()


__all__ = ["SchemeEditor"]
