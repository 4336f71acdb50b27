"""The ``asesorlab`` papermill engine behaves as papermill's stock engine (issue 15).

papermill's own ``test_execute.py`` runs with both engines in ``tests/papermill_execute``;
these tests add what it does not cover: the same exceptions and logged output side by side,
``cwd=`` with spare kernels, and recovery when the directory a long-lived process started
in, the kernel template or a spare kernel goes away.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import papermill
import pytest
from nbclient.exceptions import CellTimeoutError
from papermill.exceptions import PapermillExecutionError

from training.engine import kernel_pool, shutdown_pools

pytestmark = pytest.mark.kernel
ENGINES = ("nbclient", "asesorlab")


def _notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, path)
    return path


def _run(engine: str, source: Path, out: Path, **kwargs: Any) -> Any:
    return papermill.execute_notebook(str(source), str(out), engine_name=engine,
                                      progress_bar=False, kernel_name="python3", **kwargs)


@pytest.fixture(autouse=True)
def _fresh_pool() -> Iterator[None]:
    yield
    shutdown_pools()


@pytest.fixture
def restore_cwd() -> Iterator[None]:
    before = os.getcwd()
    yield
    os.chdir(before)


@pytest.mark.parametrize("engine", ENGINES)
def test_the_same_exceptions_for_a_failing_cell_sys_exit_and_a_timeout(engine: str,
                                                                      tmp_path: Path) -> None:
    failing = _notebook(tmp_path / "fails.ipynb", "x = 1", "raise ValueError('no')", "y = 2")
    with pytest.raises(PapermillExecutionError) as caught:
        _run(engine, failing, tmp_path / "out.ipynb")
    assert caught.value.ename == "ValueError" and caught.value.evalue == "no"
    exits = _notebook(tmp_path / "exits.ipynb", "import sys", "sys.exit(3)")
    with pytest.raises(PapermillExecutionError) as exited:
        _run(engine, exits, tmp_path / "out2.ipynb")
    assert exited.value.ename == "SystemExit"
    slow = _notebook(tmp_path / "slow.ipynb", "import time", "time.sleep(30)")
    with pytest.raises(CellTimeoutError):
        _run(engine, slow, tmp_path / "out3.ipynb", execution_timeout=2)


def test_log_output_and_stdout_file_match_the_stock_engine(tmp_path: Path) -> None:
    source = _notebook(tmp_path / "prints.ipynb", "print('hello out')",
                       "import sys; print('hello err', file=sys.stderr)")
    seen = {}
    for engine in ENGINES:
        out, err = io.StringIO(), io.StringIO()
        _run(engine, source, tmp_path / f"{engine}.ipynb", log_output=True, stdout_file=out,
             stderr_file=err)
        seen[engine] = (out.getvalue(), err.getvalue())
    assert seen["asesorlab"] == seen["nbclient"] == ("hello out\n", "hello err\n")


def test_papermill_cwd_is_honoured_by_spare_kernels(tmp_path: Path) -> None:
    source = _notebook(tmp_path / "where.ipynb", "import os", "print(os.getcwd())")
    seen = []
    for number in range(3):  # the second and third run on spares started earlier
        folder = tmp_path / f"dir-{number}"
        folder.mkdir()
        nb = _run("asesorlab", source, tmp_path / f"out-{number}.ipynb", cwd=str(folder))
        seen.append(nb.cells[1].outputs[0].text.strip())
    assert seen == [str(tmp_path / f"dir-{n}") for n in range(3)]
    folder = tmp_path / "explicit"
    folder.mkdir()
    nb = _run("asesorlab", source, tmp_path / "out-k.ipynb", cwd=str(tmp_path / "dir-0"),
              kernel_cwd=str(folder))  # the engine's own option wins, as documented
    assert nb.cells[1].outputs[0].text.strip() == str(folder)


def test_kernels_survive_the_deletion_of_the_directory_the_pool_started_in(
        tmp_path: Path, restore_cwd: None) -> None:
    source = _notebook(tmp_path / "where.ipynb", "import os", "print(os.getcwd())")
    first = tmp_path / "first"
    first.mkdir()
    os.chdir(first)
    _run("asesorlab", source, tmp_path / "out-0.ipynb")  # pool, template and spare start here
    second = tmp_path / "second"
    second.mkdir()
    os.chdir(second)
    shutil.rmtree(first)
    for number in range(1, 4):
        nb = _run("asesorlab", source, tmp_path / f"out-{number}.ipynb")
        assert nb.cells[1].outputs[0].text.strip() == str(second)


def test_a_dead_template_or_spare_kernel_is_replaced(tmp_path: Path) -> None:
    source = _notebook(tmp_path / "pid.ipynb", "import os", "print(os.getpid())")
    _run("asesorlab", source, tmp_path / "out-0.ipynb")
    pool = kernel_pool()
    assert pool.spares == 1
    for template in pool._templates.values():  # the template dies (and its spare with it)
        assert template.process is not None
        template.process.kill()
        template.process.wait()
    nb = _run("asesorlab", source, tmp_path / "out-1.ipynb")
    assert nb.cells[1].outputs[0].text.strip().isdigit()
    for spare in pool._spares:  # a spare kernel dies on its own
        spare.kill()
    nb = _run("asesorlab", source, tmp_path / "out-2.ipynb")
    assert nb.cells[1].outputs[0].text.strip().isdigit()


@pytest.mark.parametrize("engine", ENGINES)
def test_a_kernel_that_never_answers_fails_after_start_timeout(
        engine: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = tmp_path / "jupyter" / "kernels" / "silent"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-c", "import time; time.sleep(120)", "{connection_file}"],
        "display_name": "never answers", "language": "python"}), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    source = _notebook(tmp_path / "one.ipynb", "x = 1")
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="didn't respond in 3 seconds"):
        papermill.execute_notebook(str(source), str(tmp_path / "out.ipynb"), engine_name=engine,
                                   progress_bar=False, kernel_name="silent", start_timeout=3)
    assert time.monotonic() - started < 30
