"""What ``asesorlab batch`` prints and returns: whole reasons, exit 2 for a missing file."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.cli import main

from .helpers import write_manifest

MISSING = """\
notebook: training_pack
grid:
  scheme: [schemes/jwp.yaml]
  seed: [1, 2]
runs:
  - {scheme: schemes/other.yaml, seed: 3}
  - {seed: 4}
"""


def test_a_manifest_naming_a_missing_file_exits_2_before_anything_runs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_manifest(tmp_path, MISSING)
    assert main(["batch", str(path), "--lang", "en", "--no-progress"]) == 2
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{path}:3: error: parameter 'scheme': file not found: schemes/jwp.yaml (paths are "
        "relative to the manifest's folder)",
        f"{path}:6: error: parameter 'scheme': file not found: schemes/other.yaml (paths are "
        "relative to the manifest's folder)",
    ]
    assert not (tmp_path / "packs").exists() and sorted(p.name for p in tmp_path.iterdir()) == [
        "manifest.yaml"]


def test_the_missing_file_message_is_in_indonesian_by_default(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_manifest(tmp_path, MISSING)
    assert main(["batch", str(path), "--no-progress"]) == 2
    assert f"{path}:3: galat: parameter 'scheme': berkas tidak ditemukan" in capsys.readouterr().out


def test_a_failed_run_shows_its_whole_reason(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    reason = ("notebook_that_is_not_there_" * 4).rstrip("_")
    path = write_manifest(tmp_path, f"notebook: training_pack\nruns:\n  - {{seed: 'ten', "
                                    f"{reason}: 1}}\n")
    assert main(["batch", str(path), "--lang", "en", "--no-progress", "--workers", "1"]) == 1
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("1 "))
    assert f"{path}:3: parameter 'seed' must be int, not 'ten'" in row
    assert f"unknown parameter '{reason}'; the notebook declares: scheme, units" in row
    assert row.rstrip().endswith("out_dir") and "…" not in out
