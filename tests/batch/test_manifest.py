"""Manifests: grid expansion with lines, and located errors (exit code 2) for bad ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.cli import main
from toolkit.i18n import language
from training.batch.manifest import ManifestInvalid, load_manifest

from .helpers import write_manifest


def test_grid_and_rows_expand_with_their_lines(tmp_path: Path) -> None:
    path = write_manifest(tmp_path, """\
notebook: training_pack
output: packs/
formats: [ipynb, docx]
grid:
  seed: [1, 2]
  language: [id, en]
runs:
  - {seed: 9, language: id}
""")
    manifest = load_manifest(path)
    assert manifest.notebook.name == "training_pack.ipynb"
    assert manifest.output == (tmp_path / "packs").resolve()
    assert manifest.formats == ("ipynb", "docx")
    assert [run.parameters for run in manifest.runs] == [
        {"seed": 1, "language": "id"}, {"seed": 1, "language": "en"},
        {"seed": 2, "language": "id"}, {"seed": 2, "language": "en"},
        {"seed": 9, "language": "id"}]
    assert manifest.runs[1].line_of("language") == 6
    assert manifest.runs[4].line == 8


@pytest.mark.parametrize(("text", "line", "message"), [
    ("notebook: training_pack\ngrid:\n  seed: [1\n", 4, "not valid YAML"),
    ("notebook: training_pack\ncolour: red\nruns: [{seed: 1}]\n", 2, "unknown key 'colour'"),
    ("notebook: nowhere.ipynb\nruns: [{seed: 1}]\n", 1, "not found"),
    ("notebook: training_pack\nformats: [pdf]\nruns: [{seed: 1}]\n", 2, "unknown format"),
    ("notebook: training_pack\n", 1, "no runs"),
    ("notebook: training_pack\nruns:\n  - 5\n", 3, "must be a mapping"),
])
def test_bad_manifests_are_located(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write_manifest(tmp_path, text)
    with language("en"), pytest.raises(ManifestInvalid) as caught:
        load_manifest(path)
    assert any(e.line == line and message in e.message for e in caught.value.errors), \
        caught.value.errors


def test_a_bad_manifest_exits_2_with_file_and_line(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = write_manifest(tmp_path, "notebook: training_pack\ncolour: red\nruns: [{seed: 1}]\n")
    assert main(["batch", str(path), "--lang", "en"]) == 2
    out = capsys.readouterr().out
    assert f"{path}:2: error: unknown key 'colour'" in out
