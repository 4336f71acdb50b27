"""Readers that hostile files cannot stall (issue 15) and the reader defects of issue 17.

Every input here is a real file; the command-line cases run the installed ``asesorlab``
and check the exit code (never 70, "internal error"), the located message, and that no
traceback reaches the user.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from suite_support import CliResult

from toolkit import safeio
from toolkit.errors import SchemeInvalid
from toolkit.i18n import language
from toolkit.instruments import load_bank
from toolkit.safeio import Limits
from toolkit.schemeio import load_scheme, sample_scheme_path, save_scheme
from training.batch.manifest import ManifestInvalid, load_manifest

from .hostile import alias_bomb, deep_json, many_rows_xlsx, rows_xml, scheme_rows, write_xlsx

Run = Callable[..., CliResult]


def _refused(run: Run, path: Path, *args: str) -> CliResult:
    result = run(["--lang", "en", "validate", str(path), *args])
    assert result.code == 1, (result.code, result.out, result.err)
    assert "Traceback" not in result.out + result.err
    assert "internal error" not in result.out + result.err
    return result


def test_the_alias_bomb_is_refused_at_once_with_a_located_message(asesorlab: Run,
                                                                   tmp_path: Path) -> None:
    bomb = tmp_path / "laughs.yaml"
    bomb.write_text(alias_bomb(), encoding="utf-8")
    assert bomb.stat().st_size < 700
    start = time.perf_counter()
    with pytest.raises(SchemeInvalid) as caught:
        load_scheme(bomb)
    assert time.perf_counter() - start < 1.0
    error = caught.value.errors[0]
    assert error.file == str(bomb) and error.line is not None and "alias" in error.message
    started = time.perf_counter()
    result = _refused(asesorlab, bomb)
    assert time.perf_counter() - started < 5  # a whole process, imports included
    assert f"{bomb}:{error.line}: error: the file expands to more than" in result.out


@pytest.mark.parametrize(("name", "text", "line", "message"), [
    ("recursive.yaml", "code: &r [*r]\ntitle: T\nunits: []\n", 1, "recursive alias"),
    ("binary.yaml", "code: A\ntitle: !!binary aGVsbG8=\nunits: []\n", 2, "tag !!binary"),
    ("python.yaml", "code: !!python/object:os.system ls\n", 1, "tag !!python/object"),
    ("deep.json", deep_json(990), 1, "nested more than 64 levels"),
    ("deep.yaml", "code: " + "[" * 990 + "]" * 990 + "\n", 1, "nested more than 64 levels"),
    ("bigint.json", '{"code": "A",\n "title": "T", "units": [],\n "settings": {"x": '
     + "9" * 5000 + "}}", 3, "5000 digits"),
    ("bigint.yaml", "code: A\ntitle: T\nunits: []\nsettings:\n  x: " + "9" * 5000 + "\n", 5,
     "5000 digits"),
])
def test_issue_17_text_inputs_end_in_a_located_error(asesorlab: Run, tmp_path: Path, name: str,
                                                     text: str, line: int,
                                                     message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = _refused(asesorlab, path, "--json")
    errors = json.loads(result.out)["errors"]
    assert errors[0]["file"] == str(path) and errors[0]["line"] == line, errors
    assert message in errors[0]["message"]


def test_merge_keys_and_a_few_aliases_still_work_in_schemes(tmp_path: Path) -> None:
    path = tmp_path / "merge.yaml"
    path.write_text("""\
code: SKM-A
title: Anchors
units:
  - &unit
    code: J.620100.004.02
    title: Menggunakan Struktur Data
    elements: [{title: Mengidentifikasi data, criteria: [Data diidentifikasi]}]
  - <<: *unit
    code: J.620100.005.02
""", encoding="utf-8")
    scheme = load_scheme(path).scheme
    assert [unit.code for unit in scheme.units] == ["J.620100.004.02", "J.620100.005.02"]
    assert scheme.criterion_count == 2


def test_size_limit_is_configurable_and_located(asesorlab: Run, tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("# padding\n" * 150_000 + sample_scheme_path().read_text(encoding="utf-8"),
                    encoding="utf-8")
    assert asesorlab(["validate", str(path)]).code == 0  # 1.4 MB: within the default
    limited = asesorlab(["--lang", "en", "validate", str(path)],
                        env={"ASESORLAB_MAX_FILE_MB": "1"})
    assert limited.code == 1
    assert f"{path}: error: the file is 1.4 MB, more than the limit of 1.0 MB" in limited.out
    with language("en"), pytest.raises(SchemeInvalid, match="not a regular file"):
        safeio.read_text("/dev/zero")


# -- XLSX --------------------------------------------------------------------------------

def test_a_hidden_sheet_placed_first_is_not_read_as_the_scheme(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "hidden-first.xlsx", [
        ("Lama", "hidden", rows_xml(scheme_rows("SKM-OLD"))),
        ("Skema", "visible", rows_xml(scheme_rows("SKM-NEW")))])
    assert load_scheme(path).scheme.code == "SKM-NEW"
    only_hidden = write_xlsx(tmp_path / "only-hidden.xlsx", [
        ("Kosong", "visible", rows_xml([["catatan"]])),
        ("Lama", "hidden", rows_xml(scheme_rows("SKM-OLD")))])
    with language("en"), pytest.raises(SchemeInvalid, match="no header row"):
        load_scheme(only_hidden)


def test_a_formula_kuk_without_a_saved_value_is_reported_at_its_cell(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "formula.xlsx", [("Skema", "visible", rows_xml(
        scheme_rows(kuk=('CONCAT("1.1 ","Data")', None))))])
    with language("en"), pytest.raises(SchemeInvalid) as caught:
        load_scheme(path)
    [error] = caught.value.errors
    assert error.cell == "Skema!E5" and "formula" in error.message
    assert 'CONCAT("1.1 ","Data")' in error.message
    saved = write_xlsx(tmp_path / "formula-saved.xlsx", [("Skema", "visible", rows_xml(
        scheme_rows(kuk=('CONCAT("1.1 ","Data diidentifikasi")', "1.1 Data diidentifikasi"))))])
    scheme = load_scheme(saved).scheme
    assert scheme.criterion_count == 2  # the saved value is read: no KUK dropped
    assert scheme.units[0].elements[0].criteria[0].text == "Data diidentifikasi"


def test_text_that_starts_with_an_equals_sign_is_text(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "equals.xlsx", [("Skema", "visible", rows_xml(
        scheme_rows(kuk="=tanda sama dengan sebagai teks")))])
    scheme = load_scheme(path).scheme
    assert scheme.units[0].elements[0].criteria[0].text == "=tanda sama dengan sebagai teks"


@pytest.mark.parametrize("meta", ["[1, 2, 3]", '{"units": [1]}', '{"units": {"X": 5}}',
                                  "{not json", "[" * 200 + "]" * 200])
def test_a_damaged_hidden_sheet_is_a_located_error(tmp_path: Path, meta: str) -> None:
    path = tmp_path / "scheme.xlsx"
    save_scheme(load_scheme(sample_scheme_path()).scheme, path)
    workbook = load_workbook(path)
    workbook["_asesorlab"]["A1"] = meta
    workbook.save(path)
    with language("en"), pytest.raises(SchemeInvalid) as caught:
        load_scheme(path)
    assert caught.value.errors[0].cell == "_asesorlab!A1", caught.value.errors


def test_a_million_rows_are_refused_fast(tmp_path: Path) -> None:
    for declare in (True, False):  # with and without a <dimension> that says so
        path = many_rows_xlsx(tmp_path / f"rows-{declare}.xlsx", 1_000_000, declare=declare)
        start = time.perf_counter()
        with language("en"), pytest.raises(SchemeInvalid) as caught:
            load_scheme(path)
        assert time.perf_counter() - start < 3.0  # the issue saw 40 s and 1 GB
        [error] = caught.value.errors
        assert error.cell == "Skema!A20001" and "more than 20000 rows" in error.message


def test_rows_past_the_limit_are_refused_while_reading(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "far.xlsx", [("Skema", "visible", rows_xml(scheme_rows())
                                               + '<row r="500000"><c r="A500000"><v>1</v></c>'
                                               "</row>")])
    with language("en"), pytest.raises(SchemeInvalid) as caught:
        load_scheme(path)
    assert caught.value.errors[0].cell == "Skema!A20001"


def test_zip_bombs_and_too_many_sheets_are_refused(tmp_path: Path) -> None:
    bomb = write_xlsx(tmp_path / "bomb.xlsx", [("Skema", "visible", rows_xml(scheme_rows()))],
                      extra_part=("xl/media/zeros.bin", 24 << 20))
    assert bomb.stat().st_size < 200_000
    with language("en"), pytest.raises(SchemeInvalid, match=r"unzips to 24\.0 MB"):
        safeio.check_xlsx(bomb, Limits(xlsx_max_unzipped=16 << 20))
    assert load_scheme(bomb).scheme.code == "SKM-X"  # within the default limit
    sheets = [(f"S{n}", "visible", rows_xml([["x"]])) for n in range(70)]
    with language("en"), pytest.raises(SchemeInvalid, match="70 sheets, more than 64"):
        load_scheme(write_xlsx(tmp_path / "sheets.xlsx", sheets))


# -- manifests, banks, case files --------------------------------------------------------

def _manifest(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "manifest.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_manifest_merge_keys_are_applied(tmp_path: Path) -> None:
    manifest = load_manifest(_manifest(tmp_path, """\
notebook: training_pack
runs:
  - &base {seed: 1, language: id}
  - <<: *base
    language: en
"""))
    assert [run.parameters for run in manifest.runs] == [
        {"seed": 1, "language": "id"}, {"seed": 1, "language": "en"}]


def test_a_manifest_grid_of_millions_of_runs_is_refused_before_expanding(tmp_path: Path) -> None:
    values = ", ".join(str(n) for n in range(45))
    path = _manifest(tmp_path, "notebook: training_pack\ngrid:\n" + "".join(
        f"  p{n}: [{values}]\n" for n in range(4)))
    start = time.perf_counter()
    with language("en"), pytest.raises(ManifestInvalid) as caught:
        load_manifest(path)
    assert time.perf_counter() - start < 1.0
    [error] = caught.value.errors
    assert error.line == 2 and "4100625 runs, more than the limit of 10000" in error.message


@pytest.mark.parametrize("text", [alias_bomb().replace("code:", "runs:"),
                                  "notebook: training_pack\nruns: &r [*r]\n",
                                  "notebook: !!binary aGk=\n",
                                  "notebook: training_pack\nruns:\n  - <<: 5\n"])
def test_hostile_manifests_are_located(tmp_path: Path, text: str) -> None:
    with pytest.raises(ManifestInvalid) as caught:
        load_manifest(_manifest(tmp_path, text))
    assert all(error.line for error in caught.value.errors), caught.value.errors


def test_a_bank_alias_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.bank.yaml"
    path.write_text(alias_bomb().replace("code:", "units:"), encoding="utf-8")
    with language("en"), pytest.raises(SchemeInvalid, match="alias bomb"):
        load_bank(path)


def test_case_key_and_judgement_files_are_bounded(asesorlab: Run, tmp_path: Path) -> None:
    key = tmp_path / "case-0001.key.json"
    key.write_text(deep_json(5000), encoding="utf-8")
    judgement = tmp_path / "judgement.json"
    judgement.write_text('{"case": "case-0001", "criteria": {}, "recommendation": "K", '
                         '"x": ' + "1" * 5000 + "}", encoding="utf-8")
    result = asesorlab(["--lang", "en", "score", str(key), str(judgement)])
    assert result.code == 1 and "Traceback" not in result.out + result.err
    assert f"{key}:1: error: the data is nested more than 64 levels deep" in result.out


def test_an_unknown_key_that_looks_like_a_type_name_is_located(tmp_path: Path) -> None:
    path = tmp_path / "key.yaml"  # found by the fuzz test: "[" in a key crashed the report
    path.write_text("c&b [*b]ode: A\ntitle: T\nunits: []\n", encoding="utf-8")
    with language("en"), pytest.raises(SchemeInvalid) as caught:
        load_scheme(path)
    assert any(e.line == 1 and "unknown key 'c&b [*b]ode'" in e.message
               for e in caught.value.errors), caught.value.errors


@pytest.mark.parametrize("name", ["t" + '{"a":' * 100 + "x", "x" * 300 + ".ipynb",
                                  "~nobody-here/x.ipynb"])
def test_a_manifest_notebook_name_the_system_cannot_look_up_is_located(tmp_path: Path,
                                                                       name: str) -> None:
    path = _manifest(tmp_path, f"notebook: '{name}'\nruns: [{{seed: 1}}]\n")  # fuzz finding
    with language("en"), pytest.raises(ManifestInvalid) as caught:
        load_manifest(path)
    assert caught.value.errors[0].line == 1 and "not found" in caught.value.errors[0].message
