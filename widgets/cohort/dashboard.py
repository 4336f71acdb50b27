"""The cohort dashboard: filters, the trainee table with statuses, charts, and a drill-down
to one attempt's debrief. Every number comes from :func:`toolkit.analytics.build_report`."""

from __future__ import annotations

import ipywidgets as w

from toolkit.analytics import CohortReport, build_report, get_rule
from toolkit.i18n import _
from toolkit.store import Store

from ..practice.look import CSS, esc
from .charts import CohortCharts
from .drilldown import AttemptDrilldown
from .filters import CohortFilters
from .trainee_table import TraineeTable

_CSS = """
.asesorlab-cohort table { border-collapse: collapse; }
.asesorlab-cohort td, .asesorlab-cohort th { border: 1px solid #d0d7de; padding: 2px 6px;
  text-align: left; vertical-align: top; font-size: 13px; }
.asesorlab-status-belum-siap { color: #cf222e; font-weight: 600; }
.asesorlab-status-hampir-siap { color: #9a6700; font-weight: 600; }
.asesorlab-status-siap { color: #1a7f37; font-weight: 600; }
"""


class CohortDashboard(w.VBox):
    """The dashboard over one store; :meth:`refresh` re-reads it with the chosen filters."""

    def __init__(self, store: Store, lang: str, rule: str = "default",
                 scheme: str | None = None) -> None:
        self.store, self._lang, self._rule = store, lang, get_rule(rule)
        self.report: CohortReport | None = None
        self._filters = CohortFilters(lang)
        self._summary = w.HTML("", layout=w.Layout(width="100%"))
        self._table = TraineeTable(lang)
        self._charts = CohortCharts()
        self._drilldown = AttemptDrilldown(store.by_id, lang)
        style = w.HTML(f"<style>{CSS}{_CSS}</style>", layout=w.Layout(display="none"))
        super().__init__([style, self._filters, self._summary, self._table, self._drilldown,
                          self._charts], layout=w.Layout(width="100%"))
        self.add_class("asesorlab-cohort")
        if scheme:
            self._filters.use([scheme], [])
            self._filters.scheme = scheme
        self._filters.on_change(self.refresh)
        self._table.on_select(self._on_table_select)
        self.refresh()

    @property
    def filters(self) -> CohortFilters:
        """The filters (set ``scheme``, ``unit``, ``since``, ``until``)."""
        return self._filters

    @property
    def table(self) -> TraineeTable:
        """The trainee table."""
        return self._table

    @property
    def charts(self) -> CohortCharts:
        """The charts."""
        return self._charts

    @property
    def drilldown(self) -> AttemptDrilldown:
        """The attempt drill-down."""
        return self._drilldown

    @property
    def summary(self) -> str:
        """The line above the table."""
        return str(self._summary.value)

    def refresh(self) -> None:
        """Read the store again with the chosen filters and redraw everything."""
        report = build_report(self.store, self._filters.value, self._rule)
        self.report = report
        self._filters.use(report.cohort.schemes(), report.cohort.units())
        counts = report.status_counts()
        self._summary.value = "<b>{}</b>".format(esc(_(
            "{trainees} trainees, {attempts} attempts: {ready} ready, {almost} almost ready, "
            "{not_ready} not ready", lang=self._lang, trainees=len(report.trainees),
            attempts=report.attempts, ready=counts["siap"], almost=counts["hampir siap"],
            not_ready=counts["belum siap"])))
        self._table.show(report.trainees)
        self._charts.show(report)
        self._on_table_select(self._table.selected)

    def _on_table_select(self, name: str) -> None:
        records = self.report.cohort.by_trainee.get(name, []) if self.report else []
        self._drilldown.use(records)


__all__ = ["CohortDashboard"]
