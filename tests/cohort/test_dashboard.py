"""The cohort dashboard, driven without a browser; and its notebook on a real kernel."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from toolkit.analytics import DemoCohort
from toolkit.store import Store
from widgets.cohort import CohortDashboard, cohort_dashboard

PNG = b"\x89PNG"


def test_table_charts_filters_and_drilldown(store: Store, cohort: DemoCohort) -> None:
    board = cohort_dashboard(store.url, lang="en")
    assert isinstance(board, CohortDashboard)
    assert board.table.html.count("<tr data-trainee=") == 12
    assert "12 trainees, 120 attempts" in board.summary
    assert 'data-status="siap"' in board.table.html
    assert all(png.startswith(PNG) for png in board.charts.images.values())
    name = cohort.profiles[1].name
    board.table.select(name)
    records = board.report.cohort.by_trainee[name]  # type: ignore[union-attr]
    board.drilldown.show_attempt(records[-1].id)
    assert "asesorlab-score" in board.drilldown.text and name in board.drilldown.text
    board.filters.until = date(2026, 1, 6)  # the first two days only
    assert "24 attempts" in board.summary
    assert board.table.selected == name and board.drilldown.text == ""
    unit = cohort.cases[0][0].units[0]
    board.filters.unit = unit
    kuks = {s.kuk.rpartition("/")[0] for s in board.report.kuks}  # type: ignore[union-attr]
    assert kuks == {unit}
    board.filters.scheme = cohort.cases[0][0].scheme_code
    assert board.report is not None and board.report.filters.scheme == board.filters.scheme


def test_a_broken_store_is_a_message(tmp_path: Path) -> None:
    shown = cohort_dashboard("not a url", lang="en")
    assert not isinstance(shown, CohortDashboard)
    assert "cannot start" in shown.value


@pytest.mark.kernel
def test_the_notebook_runs_with_parameters(store: Store, cohort: DemoCohort,
                                           tmp_path: Path) -> None:
    import papermill

    notebook = Path(__file__).resolve().parents[2] / "notebooks" / "cohort_report.ipynb"
    result = papermill.execute_notebook(
        str(notebook), str(tmp_path / "out.ipynb"), progress_bar=False, kernel_name="python3",
        parameters={"db": store.url, "lang": "en"})
    outputs = [o for cell in result.cells if cell.cell_type == "code" for o in cell.outputs]
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
    assert not [o for o in outputs if o.get("output_type") == "error"]
