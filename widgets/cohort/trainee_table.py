"""The table of trainees with their status and reasons; choosing one shows their attempts."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as w
import traitlets

from toolkit.analytics import TraineeSummary, status_label
from toolkit.i18n import _

from ..practice.look import esc


def trainee_rows_html(trainees: Sequence[TraineeSummary], lang: str) -> str:
    """The trainees as an HTML table (status as a CSS class, unmet rules as reasons)."""
    head = "".join(f"<th>{esc(h)}</th>" for h in (
        _("Trainee assessor", lang=lang), _("Status", lang=lang), _("Cases", lang=lang),
        _("Passed", lang=lang), _("KUK agreement", lang=lang), "kappa",
        _("False competent", lang=lang), _("Reasons", lang=lang)))
    rows = []
    for t in trainees:
        unmet = [c.reason for c in t.qualification.checks if not c.met]
        kappa = "—" if t.kappa is None else f"{t.kappa:.2f}"
        css = "asesorlab-status-" + t.status.replace(" ", "-")
        rows.append(
            f'<tr data-trainee="{esc(t.name)}"><td>{esc(t.name)}</td>'
            f'<td class="{css}" data-status="{esc(t.status)}">'
            f"{esc(status_label(t.status))}</td><td>{t.attempts}</td><td>{t.passed}</td>"
            f"<td>{t.criteria_agreement * 100:.0f}%</td><td>{kappa}</td>"
            f"<td>{t.false_competent}</td><td>{esc('; '.join(unmet))}</td></tr>")
    return f'<table class="asesorlab-trainees"><tr>{head}</tr>{"".join(rows)}</table>'


class TraineeTable(w.VBox):
    """The table and a dropdown choosing one trainee (:meth:`on_select` / :meth:`select`)."""

    selected = traitlets.Unicode("", help="the chosen trainee's name, '' for none")

    def __init__(self, lang: str) -> None:
        self._lang = lang
        self._handlers: list[Callable[[str], None]] = []
        self._table = w.HTML("", layout=w.Layout(width="100%"))
        self._choose = w.Dropdown(options=[("—", "")], description=_("Trainee assessor",
                                                                      lang=lang),
                                  layout=w.Layout(width="auto"))
        super().__init__([self._table, self._choose], layout=w.Layout(width="100%"))
        self.add_class("asesorlab-trainee-table")
        w.link((self._choose, "value"), (self, "selected"))
        self.observe(self._on_self_selected, names="selected")

    def show(self, trainees: Sequence[TraineeSummary]) -> None:
        """Show ``trainees`` (the choice stays when that trainee is still shown)."""
        names = [t.name for t in trainees]
        self._table.value = trainee_rows_html(trainees, self._lang)
        keep = self.selected if self.selected in names else ""
        with self.hold_trait_notifications():
            self._choose.options = [("—", ""), *((n, n) for n in names)]
            self._choose.value = keep

    @property
    def html(self) -> str:
        """The table's HTML (for tests)."""
        return str(self._table.value)

    def on_select(self, callback: Callable[[str], None]) -> None:
        """Call ``callback(name)`` when a trainee is chosen."""
        self._handlers.append(callback)

    def select(self, name: str) -> None:
        """Choose ``name``, as the dropdown does."""
        self.selected = name

    def _on_self_selected(self, change: dict[str, object]) -> None:
        for handler in self._handlers:
            handler(str(change["new"]))


__all__ = ["TraineeTable", "trainee_rows_html"]
