"""The pooled-kernel papermill engine: fresh kernels, preloads outside the namespace."""

from __future__ import annotations

import json
from pathlib import Path

import papermill
import pytest

from training.engine import kernel_pool, shutdown_pools

from .helpers import NOTEBOOKS

pytestmark = pytest.mark.kernel


def _state(nb: object) -> dict[str, object]:
    cell = nb.cells[2]  # type: ignore[attr-defined]  (after the injected parameters)
    return json.loads(cell.outputs[0].text)


def test_each_notebook_gets_a_fresh_kernel_in_its_folder(tmp_path: Path) -> None:
    states = []
    try:
        for number in range(3):
            folder = tmp_path / f"run-{number}"
            folder.mkdir()
            nb = papermill.execute_notebook(
                str(NOTEBOOKS / "reports_kernel_state.ipynb"), str(folder / "out.ipynb"),
                parameters={"mark": f"run {number}"}, engine_name="asesorlab",
                progress_bar=False, kernel_cwd=str(folder), preload=["json", "csv"],
                start_next=number < 2)
            states.append(_state(nb))
        assert kernel_pool().spares == 0
    finally:
        shutdown_pools()
    assert len({s["pid"] for s in states}) == 3
    assert [s["cwd"] for s in states] == [str(tmp_path / f"run-{n}") for n in range(3)]
    assert all(s["left_behind"] is None for s in states)  # nothing carried over
    for state in states:  # the preload ("csv") imported nothing into the namespace
        assert "csv" not in state["names"]
        assert "LEFT_BEHIND" not in state["names"]
