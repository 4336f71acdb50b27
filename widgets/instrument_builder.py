"""The instrument builder: pick units and a form, edit the bank, preview live, export.

A ``VBox`` with CSS class ``asesorlab-builder``. Forms come from the plugin host
(so a third-party form appears here too); generating and exporting are calls to
:mod:`toolkit.instruments` and :mod:`toolkit.exporters`. Headless use::

    builder = InstrumentBuilder(scheme, bank)
    builder.form, builder.units = "FR.IA.01", ["J.620100.004.02"]
    html = builder.preview()
    builder.export("ia01.docx")
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import ipywidgets as w
from traitlets import List, Unicode, observe

from toolkit.escaping import html_text as esc
from toolkit.exporters import export_documents
from toolkit.exporters.html import render_html
from toolkit.i18n import LANGUAGES, _
from toolkit.instruments import (
    DEFAULT_VERSION,
    VERSIONS,
    AssessmentDetails,
    FormDocument,
    InstrumentBank,
    list_instruments,
    save_bank,
)
from toolkit.plugins import PluginHost, default_host
from toolkit.scheme import Scheme

from .builder_bank import BankEditor


class InstrumentBuilder(w.VBox):
    """Generate FR forms from a scheme, with a live HTML preview."""

    form = Unicode("", help="code of the chosen form, e.g. FR.IA.01").tag(sync=True)
    units = List(Unicode(), help="codes of the chosen units (empty: all units)").tag(sync=True)
    template = Unicode(DEFAULT_VERSION, help="form layout version (2020 or 2023)").tag(sync=True)
    lang = Unicode("id", help="language of the forms (id or en)").tag(sync=True)
    html = Unicode("", help="the HTML of the last preview").tag(sync=True)
    status = Unicode("", help="the last message shown to the user").tag(sync=True)

    def __init__(self, scheme: Scheme, bank: InstrumentBank | None = None,
                 host: PluginHost | None = None, **kwargs: object) -> None:
        self._scheme = scheme
        self._host = host or default_host()
        self.bank = bank if bank is not None else InstrumentBank()
        self._export_callbacks: list[Callable[[list[Path]], None]] = []
        forms = [(f"{i.code} {i.title(self.lang)}", i.code) for i in list_instruments(self._host)]
        self._form = w.Dropdown(options=forms, description=_("Form"))
        self._units = w.SelectMultiple(
            options=[(f"{u.code} {u.title}", u.code) for u in scheme.units],
            description=_("Units"), rows=min(8, max(2, len(scheme.units))),
            layout=w.Layout(width="95%"))
        self._template = w.ToggleButtons(options=list(VERSIONS), value=DEFAULT_VERSION,
                                         description=_("Template"))
        self._lang = w.ToggleButtons(options=list(LANGUAGES), description=_("Language"))
        self._details = {key: w.Text(description=label) for key, label in (
            ("date", _("Date")), ("tuk", "TUK"), ("assessor", _("Assessor")),
            ("assessor_reg", "No. Reg"), ("candidate", _("Candidate")))}
        self._bank = BankEditor(scheme, self.bank)
        self._preview = w.HTML(layout=w.Layout(width="100%"))
        self._path = w.Text(description=_("Export to"), placeholder="FR.IA.01.docx")
        self._export = w.Button(description=_("Export"), icon="download")
        self._status = w.HTML()
        self._bank_path = w.Text(description=_("Bank file"), placeholder="scheme.bank.yaml")
        self._save_bank = w.Button(description=_("Save bank"), icon="save")
        choose = w.VBox([self._form, self._units, self._template, self._lang,
                         w.HBox(list(self._details.values()), layout=w.Layout(flex_flow="wrap"))])
        bank_box = w.VBox([self._bank, w.HBox([self._bank_path, self._save_bank])])
        tabs = w.Tab(children=[choose, bank_box])
        tabs.set_title(0, _("Form"))
        tabs.set_title(1, _("Instrument bank"))
        super().__init__(children=[tabs, w.HBox([self._path, self._export]), self._status,
                                   self._preview], **kwargs)
        self.add_class("asesorlab-builder")
        self._form.observe(self._on_form_value, "value")
        self._units.observe(self._on_units_value, "value")
        self._template.observe(self._on_template_value, "value")
        self._lang.observe(self._on_lang_value, "value")
        for field in self._details.values():
            field.observe(self._on_details_value, "value")
        self._bank.on_change(self.preview)
        self._export.on_click(self._on_export_click)
        self._save_bank.on_click(self._on_save_bank_click)
        self.form = self._form.value or ""

    # -- child → trait -----------------------------------------------------------
    def _on_form_value(self, change: dict) -> None:
        self.form = change["new"] or ""

    def _on_units_value(self, change: dict) -> None:
        self.units = list(change["new"])

    def _on_template_value(self, change: dict) -> None:
        self.template = change["new"]

    def _on_lang_value(self, change: dict) -> None:
        self.lang = change["new"]

    def _on_details_value(self, _change: dict) -> None:
        self.preview()

    # -- trait → child, then a fresh preview --------------------------------------
    @observe("form", "units", "template", "lang")
    def _on_choice(self, change: dict) -> None:
        child = {"form": self._form, "units": self._units, "template": self._template,
                 "lang": self._lang}[change["name"]]
        value = tuple(change["new"]) if change["name"] == "units" else change["new"]
        if child.value != value:
            child.value = value
        self.preview()

    # -- actions -----------------------------------------------------------------
    @property
    def details(self) -> AssessmentDetails:
        """The assessment details typed in (date, TUK, asesor, asesi)."""
        return AssessmentDetails(**{key: field.value for key, field in self._details.items()})

    def set_details(self, **values: str) -> None:
        """Fill in assessment details (``date``, ``tuk``, ``assessor``, ``candidate`` …)."""
        for key, value in values.items():
            self._details[key].value = value

    def documents(self) -> list[FormDocument]:
        """The documents of the chosen form for the chosen units."""
        instrument = self._host.lookup("register_instruments", self.form, "instrument")
        return instrument.generate(self._scheme, list(self.units) or None, self.bank,
                                   self.details, template=self.template, lang=self.lang)

    def preview(self) -> str:
        """Render the chosen form as HTML, show it, and return the page."""
        if not self.form:
            return ""
        try:
            page = render_html(self.documents())
        except (ValueError, LookupError) as exc:
            self._say(str(exc), error=True)
            return ""
        self.html = page
        self._preview.value = (f'<iframe srcdoc="{esc(page)}" title="{esc(self.form)}" '
                               'style="width:100%;height:900px;border:1px solid #ccc"></iframe>')
        return page

    def on_export(self, callback: Callable[[list[Path]], None]) -> None:
        """Call ``callback(paths)`` after every export."""
        self._export_callbacks.append(callback)

    def export(self, path: str | Path) -> list[Path]:
        """Write the chosen form to ``path`` (format from the extension); return the files."""
        try:
            paths = export_documents(self.documents(), path, self._host)
        except (OSError, ValueError, LookupError) as exc:
            self._say(str(exc), error=True)
            return []
        self._say(_("Written: {path}", path=", ".join(str(p) for p in paths)))
        for callback in self._export_callbacks:
            callback(paths)
        return paths

    def save_bank(self, path: str | Path) -> Path:
        """Write the edited bank to ``path`` as YAML."""
        written = save_bank(self.bank, path)
        self._say(_("Written: {path}", path=written))
        return written

    def _on_export_click(self, _button: object) -> None:
        if self._path.value.strip():
            self.export(self._path.value.strip())

    def _on_save_bank_click(self, _button: object) -> None:
        if self._bank_path.value.strip():
            self.save_bank(self._bank_path.value.strip())

    def _say(self, message: str, error: bool = False) -> None:
        self.status = message
        color = "#a00" if error else "#060"
        self._status.value = f"<span style='color:{color}'>{esc(message)}</span>"


__all__ = ["InstrumentBuilder"]
