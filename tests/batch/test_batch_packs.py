"""A real batch of the training_pack notebook: 4 runs on 2 workers, then --resume."""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from docx import Document

from toolkit.cases.io import load_key
from toolkit.cli import main

from .helpers import files_under, read_report, write_manifest
from .leaks import trainee_leaks

pytestmark = [pytest.mark.kernel, pytest.mark.slow]

MANIFEST = """\
notebook: training_pack
output: packs
formats: [ipynb, html, docx]
grid:
  units: [[J.620100.004.02]]
  cases: [2]
  seed: [1, 2]
  language: [id, en]
"""
TRAINEE_FILES = {"trainee/training_pack.html", "trainee/training_pack.docx",
                 "trainee/cases/case-0001.json", "trainee/cases/case-0002.json",
                 "trainee/instruments/FR.IA.01.html", "trainee/instruments/FR.IA.03.html"}
TRAINER_FILES = {"trainer/training_pack.ipynb", "trainer/pack-results.json",
                 "trainer/trainer-pack.html", "trainer/trainer-pack.docx",
                 "trainer/difficulty.png", "trainer/cases/case-0001.json",
                 "trainer/cases/case-0001.key.json", "trainer/cases/case-0002.json",
                 "trainer/cases/case-0002.key.json"}
PACK_FILES = TRAINEE_FILES | TRAINER_FILES


@dataclass
class Batch:
    """A finished batch: its manifest, output folder, exit code and printed text."""

    manifest: Path
    output: Path
    code: int
    out: str


def run(*args: str) -> tuple[int, str]:
    """``asesorlab ARGS`` in this process; the exit code and what it printed."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main([*args, "--lang", "en"])
    return code, buffer.getvalue()


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    folder = tmp_path_factory.mktemp("packs")
    manifest = write_manifest(folder, MANIFEST)
    code, out = run("batch", str(manifest), "--workers", "2", "--no-progress")
    return Batch(manifest, folder / "packs", code, out)


def test_every_run_passes_and_is_reported(batch: Batch) -> None:
    assert batch.code == 0, batch.out
    report = read_report(batch.output)
    assert report["counts"] == {"ok": 4, "failed": 0, "skipped": 0}
    assert [(r["parameters"]["seed"], r["parameters"]["language"]) for r in report["runs"]] == [
        (1, "id"), (1, "en"), (2, "id"), (2, "en")]
    for entry in report["runs"]:
        assert entry["status"] == "ok" and entry["error"] is None
        assert entry["seconds"] > 0
        run_dir = Path(entry["outputs"][0]).parts[0]
        assert {str(Path(p).relative_to(run_dir)) for p in entry["outputs"]} == PACK_FILES
        assert all((batch.output / p).is_file() for p in entry["outputs"])
    assert "4 ok, 0 failed, 0 skipped" in batch.out


def test_outputs_are_the_pack_in_the_asked_language(batch: Batch) -> None:
    report = read_report(batch.output)
    for entry in report["runs"]:
        folder = batch.output / Path(entry["outputs"][0]).parts[0]
        nb = nbformat.read(folder / "trainer" / "training_pack.ipynb", as_version=4)
        assert nb.metadata.papermill.parameters["seed"] == entry["parameters"]["seed"]
        assert not [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
        html = (folder / "trainee" / "training_pack.html").read_text(encoding="utf-8")
        assert "build_pack(" not in html  # inputs hidden: content, not code
        english = entry["parameters"]["language"] == "en"
        assert ("Exercise sheet" in html) is english
        assert ("Lembar latihan" in html) is not english
        sidecar = json.loads((folder / "trainer" / "pack-results.json").read_text(
            encoding="utf-8"))
        assert sidecar["parameters"]["seed"] == entry["parameters"]["seed"]
        assert [c["id"] for c in sidecar["cases"]] == ["case-0001", "case-0002"]
        assert set(sidecar["files"]) == TRAINER_FILES - {"trainer/training_pack.ipynb"} | (
            TRAINEE_FILES - {"trainee/training_pack.html", "trainee/training_pack.docx"})
        document = Document(str(folder / "trainee" / "training_pack.docx"))
        assert "J.620100.004.02" in "\n".join(p.text for p in document.paragraphs)
        key = (folder / "trainer" / "trainer-pack.html").read_text(encoding="utf-8")
        assert "case-0002" in key and "J.620100.004.02/1.1" in key
        assert "data:image/png;base64" in key


def test_the_trainee_folder_of_every_run_holds_nothing_of_a_key(batch: Batch) -> None:
    report = read_report(batch.output)
    for entry in report["runs"]:
        folder = batch.output / Path(entry["outputs"][0]).parts[0]
        keys = [load_key(path) for path in sorted((folder / "trainer" / "cases").glob(
            "*.key.json"))]
        assert len(keys) == 2
        assert trainee_leaks(folder / "trainee", keys) == []


def test_the_same_seed_gives_the_same_cases(batch: Batch) -> None:
    report = read_report(batch.output)
    first = [batch.output / Path(e["outputs"][0]).parts[0] for e in report["runs"]]
    case_a = json.loads((first[0] / "trainer" / "cases" / "case-0001.key.json").read_text())
    case_c = json.loads((first[2] / "trainer" / "cases" / "case-0001.key.json").read_text())
    assert case_a["criteria"].keys() == case_c["criteria"].keys()
    assert (first[0] / "trainer" / "cases" / "case-0001.json").read_text() != \
        (first[2] / "trainer" / "cases" / "case-0001.json").read_text()  # seed 1 vs seed 2


def test_resume_executes_nothing(batch: Batch) -> None:
    before = {p: (batch.output / p).stat().st_mtime_ns for p in files_under(batch.output)
              if not p.endswith("batch-report.json")}
    code, out = run("batch", str(batch.manifest), "--workers", "2", "--resume", "--no-progress")
    assert code == 0, out
    report = read_report(batch.output)
    assert report["counts"] == {"ok": 0, "failed": 0, "skipped": 4}
    after = {p: (batch.output / p).stat().st_mtime_ns for p in files_under(batch.output)
             if not p.endswith("batch-report.json")}
    assert after == before
