"""The ``asesorlab`` command line, run as the installed console script."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from suite_support import CliResult

from toolkit import __version__, read_scheme

Run = Callable[..., CliResult]


def test_version_and_help(asesorlab: Run) -> None:
    version = asesorlab(["--version"])
    assert version.code == 0 and __version__ in version.out
    helped = asesorlab(["--help"])
    assert helped.code == 0
    for command in ("validate", "convert", "plugins", "show"):
        assert command in helped.out
    assert "merancang asesmen kompetensi" in helped.out
    assert "Memeriksa berkas skema" in helped.out  # command help in Indonesian too
    english = asesorlab(["--lang", "en", "--help"]).out
    assert "design competency assessments" in english and "Check a scheme file" in english
    option = asesorlab(["plugins", "--help"]).out
    assert "Cetak JSON." in option


def test_validate_ok_ends_with_summary(asesorlab: Run, sample_path: Path) -> None:
    result = asesorlab(["validate", str(sample_path)])
    assert result.code == 0
    assert result.out.strip().splitlines()[-1] == "OK: 8 unit, 24 elemen, 68 KUK"
    english = asesorlab(["--lang", "en", "validate", str(sample_path)])
    assert english.out.strip().splitlines()[-1] == "OK: 8 units, 24 elements, 68 KUK"


def test_validate_json_shape(asesorlab: Run, sample_path: Path) -> None:
    result = asesorlab(["validate", str(sample_path), "--json"])
    assert result.code == 0
    assert json.loads(result.out) == {"valid": True, "units": 8, "elements": 24, "criteria": 68,
                                      "warnings": [], "errors": []}


def test_validate_invalid_file_exit_1_with_located_errors(asesorlab: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("code: A\ntitle: B\nunits:\n  - code: X\n    title: Y\n    elements: []\n")
    result = asesorlab(["validate", str(bad), "--json"])
    assert result.code == 1
    report = json.loads(result.out)
    assert report["valid"] is False
    assert report["errors"] == [{"file": str(bad), "line": 4, "cell": None,
                                 "message": "unit X tidak memiliki elemen"}]
    assert report["warnings"][0]["line"] == 4
    plain = asesorlab(["validate", str(bad)])
    assert plain.code == 1
    assert f"{bad}:4: galat: unit X tidak memiliki elemen" in plain.out
    assert "Traceback" not in plain.out + plain.err


def test_validate_usage_errors_exit_2(asesorlab: Run) -> None:
    assert asesorlab(["validate"]).code == 2
    assert asesorlab(["validate", "a.yaml", "--bogus"]).code == 2
    assert asesorlab(["nonsense"]).code == 2


def test_validate_missing_file_is_a_located_error(asesorlab: Run, tmp_path: Path) -> None:
    result = asesorlab(["validate", str(tmp_path / "none.yaml")])
    assert result.code == 1
    assert "berkas tidak ditemukan" in result.out
    assert "Traceback" not in result.out + result.err


def test_convert_between_types(asesorlab: Run, sample_path: Path, tmp_path: Path) -> None:
    xlsx, back = tmp_path / "s.xlsx", tmp_path / "back.json"
    assert asesorlab(["convert", str(sample_path), str(xlsx)]).code == 0
    result = asesorlab(["convert", str(xlsx), str(back)])
    assert result.code == 0 and "Ditulis" in result.out
    assert read_scheme(back) == read_scheme(sample_path)
    refused = asesorlab(["convert", str(sample_path), str(tmp_path / "s.pdf")])
    assert refused.code == 1 and "tidak dapat menulis berkas berjenis '.pdf'" in refused.out


def test_show_defaults_to_the_bundled_sample(asesorlab: Run) -> None:
    result = asesorlab(["show"])
    assert result.code == 0
    assert "Junior Web Programmer" in result.out
    assert "J.620100.004.02" in result.out and "Menggunakan Struktur Data" in result.out


def test_plugins_lists_builtins(asesorlab: Run) -> None:
    result = asesorlab(["plugins", "--json"])
    assert result.code == 0
    plugins = {p["name"]: p for p in json.loads(result.out)["plugins"]}
    formats = plugins["toolkit.plugins.default_formats"]["provides"]["register_scheme_formats"]
    assert "xlsx (.xlsx)" in formats
    commands = plugins["toolkit.plugins.default_commands"]["provides"]["register_commands"]
    assert {"validate", "convert", "plugins"} <= set(commands)


def test_environment_chooses_language(asesorlab: Run, tmp_path: Path) -> None:
    empty = tmp_path / "e.yaml"
    empty.write_text("")
    result = asesorlab(["validate", str(empty)], env={"ASESORLAB_LANG": "en"})
    assert "the file is empty" in result.out
