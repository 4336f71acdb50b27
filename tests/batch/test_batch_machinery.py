"""The batch machinery on small notebooks: bad rows, failing cells, kill and resume, Dask."""

from __future__ import annotations

import json
import os
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from toolkit.i18n import language
from training.batch import load_manifest, run_batch

from .helpers import NOTEBOOKS, alive, descendants, files_under, read_report, write_manifest

pytestmark = [pytest.mark.kernel, pytest.mark.slow]
ASESORLAB = Path(sys.executable).parent / "asesorlab"
RUN_FILES = {"writes_result_file.ipynb", "writes_result_file.html", "result.json"}


def test_a_bad_row_fails_alone_and_a_failing_cell_is_named(tmp_path: Path) -> None:
    path = write_manifest(tmp_path, """\
notebook: {notebooks}/writes_result_file.ipynb
output: out
grid:
  seed: [1, 2]
runs:
  - {seed: "three", label: b}
  - {seed: 4, colour: red}
""")
    with language("en"):
        outcome = run_batch(load_manifest(path), workers=2, progress=False)
    assert outcome.exit_code == 1
    report = read_report(tmp_path / "out")
    assert [r["status"] for r in report["runs"]] == ["ok", "ok", "failed", "failed"]
    assert report["runs"][2]["error"] == (
        f"{path.resolve()}:6: parameter 'seed' must be int, not 'three'")
    assert report["runs"][3]["error"].startswith(f"{path.resolve()}:7: unknown parameter "
                                                 "'colour'")
    assert report["runs"][2]["outputs"] == []
    for entry in report["runs"][:2]:
        run_dir = tmp_path / "out" / Path(entry["outputs"][0]).parts[0]
        assert {p.name for p in run_dir.iterdir()} == RUN_FILES
        assert json.loads((run_dir / "result.json").read_text())["seed"] == \
            entry["parameters"]["seed"]

    failing = write_manifest(tmp_path, """\
notebook: {notebooks}/fails_in_cell_2.ipynb
output: failing
runs: [{seed: 5}]
""", "failing.yaml")
    with language("en"):
        outcome = run_batch(load_manifest(failing), workers=1, progress=False)
    entry = read_report(tmp_path / "failing")["runs"][0]
    assert outcome.exit_code == 1 and entry["status"] == "failed"
    assert entry["error"] == "cell 2 failed: ValueError: planted failure for seed 5"
    executed = tmp_path / "failing" / entry["outputs"][0]
    nb = nbformat.read(executed, as_version=4)  # the failed notebook is kept to look at
    assert any(o.output_type == "error" for c in nb.cells for o in c.get("outputs", []))
    assert not (tmp_path / "failing" / ".batch").exists() or not any(
        (tmp_path / "failing" / ".batch").iterdir())


RUNS = 40


def _half_files(output: Path) -> list[str]:
    return [p for p in files_under(output) if p.endswith(".tmp") or p.startswith(".partial")]


def _long_grid(tmp_path: Path) -> Path:
    seeds = ", ".join(str(n) for n in range(1, RUNS + 1))
    return write_manifest(tmp_path, f"""\
notebook: {{notebooks}}/writes_result_file.ipynb
output: out
grid:
  seed: [{seeds}]
""")


def _start_until_a_run_is_done(command: list[str]) -> subprocess.Popen[bytes]:
    """Start a batch with its progress bar; return once the bar shows a completed run (runs
    are fast: a long grid keeps the batch going while a signal is on its way)."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stderr is not None
    progress = b""
    while not re.search(rb"ok=[1-9]", progress):
        readable, _w, _x = select.select([process.stderr], [], [], 60)
        assert readable, "no run completed within a minute"
        chunk = os.read(process.stderr.fileno(), 4096)
        assert chunk, (process.wait(), progress)
        progress += chunk
    return process


def test_a_batch_killed_outright_leaves_no_process_running(tmp_path: Path) -> None:
    path = _long_grid(tmp_path)
    process = _start_until_a_run_is_done(
        [str(ASESORLAB), "batch", str(path), "--workers", "2", "--lang", "en", "--progress"])
    children = descendants(process.pid)
    # two workers and the kernel template at least (kernels are forked from the template)
    assert len(children) >= 3, children
    process.kill()
    process.wait()
    deadline = time.monotonic() + 5
    while alive(children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert alive(children) == set(), [Path(f"/proc/{p}/cmdline").read_bytes()[:120]
                                       for p in alive(children)]


def test_a_killed_batch_resumes_without_duplicates_or_half_files(tmp_path: Path) -> None:
    path = _long_grid(tmp_path)
    output = tmp_path / "out"
    command = [str(ASESORLAB), "batch", str(path), "--workers", "1", "--lang", "en"]
    process = _start_until_a_run_is_done([*command, "--progress"])
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=90)  # workers get 15 s to stop their kernels
    assert process.returncode == 1, (out, err)
    assert b"Interrupted: run again with --resume" in err
    report = read_report(output)
    done_before = [r for r in report["runs"] if r["status"] == "ok"]
    assert report["interrupted"] is True
    assert 1 <= len(done_before) < RUNS, "the kill did not land mid-way"
    assert "interrupted before it finished" in {r["error"] for r in report["runs"]}
    assert _half_files(output) == []

    resumed = subprocess.run([*command, "--no-progress", "--resume"], capture_output=True,
                             text=True,
                             timeout=120, check=False)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    report = read_report(output)
    statuses = [r["status"] for r in report["runs"]]
    assert statuses.count("skipped") >= len(done_before)
    assert set(statuses) <= {"ok", "skipped"}
    assert _half_files(output) == []
    run_dirs = sorted(p for p in output.iterdir() if p.is_dir() and not p.name.startswith("."))
    assert len(run_dirs) == RUNS
    for run_dir in run_dirs:
        assert {p.name for p in run_dir.iterdir()} == RUN_FILES
        nb = nbformat.read(run_dir / "writes_result_file.ipynb", as_version=4)
        assert nb.metadata.papermill.parameters["seed"] == \
            json.loads((run_dir / "result.json").read_text())["seed"]
    left = [p for p in os.listdir(output / ".batch")]
    assert len(left) == RUNS


def test_dask_gives_the_same_outputs_as_the_local_pool(tmp_path: Path) -> None:
    from distributed import LocalCluster

    path = write_manifest(tmp_path, """\
notebook: {notebooks}/writes_result_file.ipynb
output: local
grid:
  seed: [1, 2]
  label: [a, b]
""")
    manifest = load_manifest(path)
    local = run_batch(manifest, workers=2, progress=False)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        remote = run_batch(manifest, output=tmp_path / "dask",
                           dask_address=cluster.scheduler_address, progress=False)
    assert local.exit_code == remote.exit_code == 0
    assert [r.status for r in remote.results] == ["ok"] * 4
    assert [r.outputs for r in remote.results] == [r.outputs for r in local.results]
    for result in local.results:
        for name in ("result.json",):
            a = (tmp_path / "local" / result.name / name).read_text()
            b = (tmp_path / "dask" / result.name / name).read_text()
            assert a == b
        nb_local = nbformat.read(tmp_path / "local" / result.name / "writes_result_file.ipynb",
                                 as_version=4)
        nb_dask = nbformat.read(tmp_path / "dask" / result.name / "writes_result_file.ipynb",
                                as_version=4)
        assert [c.get("outputs") for c in nb_local.cells] == \
            [c.get("outputs") for c in nb_dask.cells]


def test_a_kernel_that_fails_to_start_is_retried(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    marker = tmp_path / "started-once"
    spec_dir = tmp_path / "jupyter" / "kernels" / "fails_first_start"
    spec_dir.mkdir(parents=True)
    script = (f'if [ -e "{marker}" ]; then exec "{sys.executable}" -m ipykernel_launcher '
              f'-f "$0"; else touch "{marker}"; exit 1; fi')
    (spec_dir / "kernel.json").write_text(json.dumps({
        "argv": ["sh", "-c", script, "{connection_file}"], "display_name": "fails first start",
        "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    nb = nbformat.read(NOTEBOOKS / "writes_result_file.ipynb", as_version=4)
    nb.metadata.kernelspec = {"name": "fails_first_start", "display_name": "x",
                              "language": "python"}
    nbformat.write(nb, tmp_path / "kernel_fails_first_start.ipynb")
    path = write_manifest(tmp_path, "notebook: kernel_fails_first_start.ipynb\n"
                                    "output: out\nruns: [{seed: 1}]\n")
    outcome = run_batch(load_manifest(path), workers=1, progress=False)
    assert outcome.exit_code == 0, outcome.results
    assert outcome.results[0].attempts == 2
    assert marker.exists()
