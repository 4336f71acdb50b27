"""The lead assessor's authoring app: scheme editor, case simulator and instrument builder.

Three tabs over one scheme. The editor opens first; the other two tabs are built
the first time they are shown (and follow the editor's scheme from then on), so
opening the app costs only the editor.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from toolkit.editing import ensure_scheme_file
from toolkit.i18n import _, get_language, language, normalize_language
from toolkit.plugins import PluginHost

from .editor import SchemeEditor
from .instrument_builder import InstrumentBuilder
from .simulator import CaseSimulator

EDITOR, SIMULATOR, BUILDER = 0, 1, 2


class AuthorApp(w.Tab):
    """Tabs: edit the scheme, simulate cases and fix their keys, build instruments."""

    def __init__(self, scheme_file: str | Path, *, language: str | None = None,
                 host: PluginHost | None = None) -> None:
        self._lang = normalize_language(language) if language else get_language()
        self._host = host
        self._editor = SchemeEditor(ensure_scheme_file(scheme_file), language=self._lang,
                                    host=host)
        self._simulator: CaseSimulator | None = None
        self._builder: w.Widget | None = None
        self._builder_version = ""
        titles = [_("Scheme editor", lang=self._lang), _("Case simulator", lang=self._lang),
                  _("Instrument builder", lang=self._lang)]
        super().__init__([self._editor, w.VBox(), w.VBox()], titles=titles,
                         layout=w.Layout(width="100%"))
        self.add_class("asesorlab-author")
        self.observe(self._on_selected_index, "selected_index")

    @property
    def editor(self) -> SchemeEditor:
        """The scheme editor (first tab)."""
        return self._editor

    @property
    def simulator(self) -> CaseSimulator:
        """The case simulator (second tab), built on first use."""
        self.selected_index = SIMULATOR
        assert self._simulator is not None
        return self._simulator

    @property
    def builder(self) -> w.Widget:
        """The instrument builder (third tab), built on first use."""
        self.selected_index = BUILDER
        assert self._builder is not None
        return self._builder

    def _on_selected_index(self, change: dict) -> None:
        scheme = self._editor.scheme
        if change["new"] == SIMULATOR:
            if self._simulator is None:
                self._simulator = CaseSimulator(scheme, language=self._lang, host=self._host)
                self._place(SIMULATOR, self._simulator)
            else:
                self._simulator.set_scheme(scheme)
        elif change["new"] == BUILDER and self._builder_version != scheme.version_hash():
            self._builder_version = scheme.version_hash()
            self._builder = self._make_builder()
            self._place(BUILDER, self._builder)

    def _make_builder(self) -> w.Widget:
        with language(self._lang):
            return InstrumentBuilder(self._editor.scheme, host=self._host)

    def _place(self, index: int, widget: w.Widget) -> None:
        children = list(self.children)
        old = children[index]
        children[index] = widget
        self.children = children
        if old is not widget:
            old.close()


__all__ = ["AuthorApp"]
