"""One run, as a worker executes it: papermill on a pooled kernel, exports, atomic publish.

A run is executed in a private staging folder (``OUT/.partial/<run>-<pid>``); when it is
complete the folder is renamed to ``OUT/<run>`` and then a marker
``OUT/.batch/<run>.json`` (input hash, outputs) is written atomically. A batch killed at
any point therefore leaves either no run folder, a complete one without a marker (re-run
by ``--resume``), or a complete one with its marker (skipped by ``--resume``); never a
half-written file taken for done.

:func:`execute_run` is a plain picklable function of a :class:`RunTask`, so the same code
runs in a local process pool and on Dask workers.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from toolkit.i18n import _, language
from toolkit.schemeio.atomic import write_text_atomic

PARTIAL_DIR = ".partial"
STATE_DIR = ".batch"


@dataclass
class RunTask:
    """Everything a worker needs to execute one run (picklable)."""

    name: str
    notebook: str
    parameters: dict[str, Any]
    output: str
    formats: tuple[str, ...]
    input_hash: str
    preload: tuple[str, ...] = ()
    start_next: bool = True
    kernel_name: str | None = None
    retries: int = 2
    language: str = "id"
    template: str | None = None
    lines: list[int] = field(default_factory=list)


@dataclass
class RunResult:
    """What became of one run; one entry of ``batch-report.json``."""

    name: str
    status: str  # ok | failed | skipped
    parameters: dict[str, Any]
    outputs: list[str] = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None
    line: int | None = None
    attempts: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a report entry."""
        return asdict(self)


def marker_path(output: Path, name: str) -> Path:
    """Where the completion marker of run ``name`` lives."""
    return output / STATE_DIR / f"{name}.json"


def _cell_error(exc: Any, output_nb: Path) -> str:
    """``cell N: Ename: message`` with N counted in the notebook as written (from 1)."""
    number = int(getattr(exc, "cell_index", 0)) + 1
    added = {"injected-parameters", "papermill-error-cell-tag"}
    try:
        import nbformat

        nb = nbformat.read(str(output_nb), as_version=4)
        own = [c for c in nb.cells if not added & set(c.metadata.get("tags", []))]
        failing = [i for i, c in enumerate(own)
                   if c.metadata.get("papermill", {}).get("exception")]
        if failing:
            number = failing[0] + 1
    except (OSError, ValueError):
        pass
    evalue = str(getattr(exc, "evalue", "")).strip().splitlines()
    return _("cell {number} failed: {ename}: {evalue}", number=number,
             ename=getattr(exc, "ename", "Error"), evalue=evalue[0] if evalue else "")


def _run_notebook(task: RunTask, staging: Path, target: Path) -> tuple[str | None, int]:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from ..engine import KernelStartError

    attempts = 0
    while True:
        attempts += 1
        try:
            papermill.execute_notebook(
                task.notebook, str(target), parameters=task.parameters, engine_name="asesorlab",
                kernel_name=task.kernel_name, progress_bar=False, log_output=False,
                request_save_on_cell_execute=False, kernel_cwd=str(staging),
                preload=list(task.preload), start_next=task.start_next,
                template=task.template)
            return None, attempts
        except PapermillExecutionError as exc:
            return _cell_error(exc, target), attempts
        except KernelStartError as exc:
            if attempts > task.retries:
                return _("the kernel did not start ({attempts} attempts): {problem}",
                         attempts=attempts, problem=exc), attempts
        except Exception as exc:  # a missing kernel, an unreadable notebook, …
            return f"{type(exc).__name__}: {exc}", attempts


def _export(task: RunTask, staging: Path, executed: Path) -> None:
    """Write the HTML/DOCX exports and keep or drop the executed notebook.

    A notebook may name a sub-folder of the run per format in its metadata
    (``{"asesorlab": {"outputs": {"html": "trainee", "ipynb": "trainer"}}}``): the training
    pack sends what trainees may read to ``trainee/`` and the executed notebook, whose
    parameters would let anyone make the keys again, to ``trainer/``.
    """
    import nbformat

    from .export import notebook_docx, write_html

    nb = nbformat.read(str(executed), as_version=4)
    folders = nb.metadata.get("asesorlab", {}).get("outputs", {})

    def place(fmt: str) -> Path:
        folder = staging / str(folders.get(fmt, "")) if folders.get(fmt) else staging
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{executed.stem}.{fmt}"

    if "html" in task.formats:
        write_html(nb, place("html"))
    if "docx" in task.formats:
        notebook_docx(nb, place("docx"))
    if "ipynb" not in task.formats:
        executed.unlink()
    elif folders.get("ipynb"):
        os.replace(executed, place("ipynb"))


def _publish(staging: Path, final: Path) -> None:
    if final.exists():
        shutil.rmtree(final)
    os.replace(staging, final)


def execute_run(task: RunTask) -> RunResult:
    """Execute one run and publish its folder; never raises for a failure of the run."""
    started = time.perf_counter()
    output = Path(task.output)
    final = output / task.name
    staging = output / PARTIAL_DIR / f"{task.name}-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    executed = staging / Path(task.notebook).name
    with language(task.language):
        error, attempts = _run_notebook(task, staging, executed)
        if error is None:
            try:
                _export(task, staging, executed)
            except Exception as exc:
                error = _("export failed: {problem}", problem=f"{type(exc).__name__}: {exc}")
    leftovers = [p for p in staging.rglob(".*.tmp")]
    for leftover in leftovers:
        leftover.unlink()
    _publish(staging, final)
    outputs = sorted(str(p.relative_to(output)) for p in final.rglob("*") if p.is_file())
    seconds = round(time.perf_counter() - started, 3)
    result = RunResult(task.name, "failed" if error else "ok", task.parameters, outputs,
                       seconds, error, task.lines[0] if task.lines else None, attempts)
    marker = marker_path(output, task.name)
    if error is None:
        write_text_atomic(marker, json.dumps({"input_hash": task.input_hash,
                                              "result": result.to_dict()},
                                             ensure_ascii=False, indent=1))
    else:
        marker.unlink(missing_ok=True)
    return result


__all__ = ["PARTIAL_DIR", "STATE_DIR", "RunResult", "RunTask", "execute_run", "marker_path"]
