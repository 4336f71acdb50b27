"""The dashboard's charts as image widgets: agreement over time, the KUK × trainee error
heat map and the flaw-kind miss rates (drawn by :mod:`toolkit.analytics.charts`)."""

from __future__ import annotations

import ipywidgets as w

from toolkit.analytics import CohortReport
from toolkit.analytics import charts as draw


class CohortCharts(w.VBox):
    """Three charts; :meth:`show` redraws them from a report."""

    def __init__(self) -> None:
        self._agreement = w.Image(format="png", layout=w.Layout(max_width="100%"))
        self._heatmap = w.Image(format="png", layout=w.Layout(max_width="100%"))
        self._flaws = w.Image(format="png", layout=w.Layout(max_width="100%"))
        super().__init__([self._agreement, self._heatmap, self._flaws],
                         layout=w.Layout(width="100%"))
        self.add_class("asesorlab-cohort-charts")

    def show(self, report: CohortReport) -> None:
        """Draw the charts of ``report``."""
        self._agreement.value = draw.agreement_chart(
            {t.name: t.agreement_series for t in report.trainees})
        self._heatmap.value = draw.heatmap_chart(report.cohort.error_matrix())
        self._flaws.value = draw.flaw_chart(report.flaws)

    @property
    def images(self) -> dict[str, bytes]:
        """The PNG bytes of each chart (for tests)."""
        return {"agreement": bytes(self._agreement.value), "heatmap": bytes(self._heatmap.value),
                "flaws": bytes(self._flaws.value)}


__all__ = ["CohortCharts"]
