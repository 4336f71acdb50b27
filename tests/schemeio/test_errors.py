"""Every invalid input gives located errors in plain words: one test per error class."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from toolkit import SchemeError, SchemeInvalid, load_scheme
from toolkit.i18n import language

GOOD_UNIT = """\
  - code: J.620100.004.02
    title: Menggunakan Struktur Data
    elements:
      - title: Mengidentifikasi konsep data
        criteria:
          - Konsep data diidentifikasi
"""


def _errors(path: Path) -> list[SchemeError]:
    with language("en"), pytest.raises(SchemeInvalid) as caught:
        load_scheme(path)
    assert caught.value.errors, "SchemeInvalid without errors"
    return caught.value.errors


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "s.yaml", "code: A\ntitle: B\nunits:\n  - code: [unclosed\n")
    (error,) = _errors(path)
    assert error.file == str(path)
    assert error.line == 5 or error.line == 4
    assert "YAML syntax error" in error.message


def test_missing_field_names_field_and_line(tmp_path: Path) -> None:
    text = "code: A\ntitle: B\nunits:\n  - code: J.620100.004.02\n    elements: []\n"
    (error,) = _errors(_write(tmp_path, "s.yaml", text))
    assert error.line == 4
    assert error.message == "required field 'title' is missing"


def test_unknown_key_names_key_and_its_line(tmp_path: Path) -> None:
    text = "code: A\ntitle: B\nunits:\n" + GOOD_UNIT + "    judul: salah\n"
    (error,) = _errors(_write(tmp_path, "s.yaml", text))
    assert error.line == 10
    assert error.message.startswith("unknown key 'judul'")
    assert "title" in error.message  # says what is allowed


def test_duplicate_unit_codes(tmp_path: Path) -> None:
    text = "code: A\ntitle: B\nunits:\n" + GOOD_UNIT + GOOD_UNIT
    (error,) = _errors(_write(tmp_path, "s.yaml", text))
    assert error.line == 10
    assert error.message == "duplicate unit code J.620100.004.02: already used by unit 1"


def test_empty_element(tmp_path: Path) -> None:
    text = ("code: A\ntitle: B\nunits:\n" + GOOD_UNIT +
            "      - title: Elemen tanpa KUK\n        criteria: []\n")
    (error,) = _errors(_write(tmp_path, "s.yaml", text))
    assert error.line == 10
    assert error.message == "element 2 of unit J.620100.004.02 has no KUK"


def test_empty_unit(tmp_path: Path) -> None:
    text = ("code: A\ntitle: B\nunits:\n" + GOOD_UNIT +
            "  - code: J.620100.005.02\n    title: Kosong\n    elements: []\n")
    (error,) = _errors(_write(tmp_path, "s.yaml", text))
    assert error.line == 10
    assert error.message == "unit J.620100.005.02 has no elements"


def test_empty_file(tmp_path: Path) -> None:
    (error,) = _errors(_write(tmp_path, "s.yaml", "  \n"))
    assert error.message == "the file is empty"
    assert error.file.endswith("s.yaml")


def test_wrong_file_type_by_extension(tmp_path: Path) -> None:
    (error,) = _errors(_write(tmp_path, "s.docx", "x"))
    assert error.message.startswith("cannot read files of type '.docx'")
    assert ".xlsx" in error.message and ".yaml" in error.message


def test_wrong_file_type_by_content(tmp_path: Path) -> None:
    (error,) = _errors(_write(tmp_path, "s.xlsx", "code: A\n"))
    assert "not an Excel workbook" in error.message


def test_wrong_type_of_value(tmp_path: Path) -> None:
    text = "code: A\ntitle: B\nkind: sertifikat\nunits:\n" + GOOD_UNIT
    (error,) = _errors(_write(tmp_path, "s.yaml", text))
    assert error.line == 3
    assert "'kind' must be one of" in error.message


def test_json_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "s.json", '{\n  "code": "A",\n  "title": "B"\n  "units": []\n}\n')
    (error,) = _errors(path)
    assert error.line == 4
    assert error.message.startswith("JSON syntax error")


def test_json_semantic_errors_are_located(tmp_path: Path) -> None:
    data = {"code": "A", "title": "B", "units": [
        {"code": "J.620100.004.02", "title": "X", "elements": [{"title": "E", "criteria": []}]}]}
    path = _write(tmp_path, "s.json", json.dumps(data, indent=2))
    (error,) = _errors(path)
    assert error.line == 9  # the element's opening brace
    assert error.message == "element 1 of unit J.620100.004.02 has no KUK"


def test_off_pattern_unit_code_is_only_a_warning(tmp_path: Path) -> None:
    text = "code: A\ntitle: B\nunits:\n" + GOOD_UNIT.replace("J.620100.004.02", "LSP-UNIT-7")
    with language("en"):
        loaded = load_scheme(_write(tmp_path, "s.yaml", text))
    (warning,) = loaded.warnings
    assert warning.line == 4
    assert "does not follow the SKKNI pattern" in warning.message


@pytest.mark.parametrize("code", ["J.620100.004.02", "I.55HDR00.041.3", "N.82ADM00.001.3",
                                  "M.74DKV01.006.1"])
def test_real_skkni_codes_raise_no_warning(tmp_path: Path, code: str) -> None:
    text = "code: A\ntitle: B\nunits:\n" + GOOD_UNIT.replace("J.620100.004.02", code)
    assert load_scheme(_write(tmp_path, "s.yaml", text)).warnings == []


def _sheet(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Skema"
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


HEADER = ["Kode Unit", "Judul Unit", "Elemen", "KUK"]


def test_xlsx_kuk_row_before_any_unit(tmp_path: Path) -> None:
    path = _sheet(tmp_path / "s.xlsx", [["Kode Skema: A"], ["Judul Skema: B"], HEADER,
                                        [None, None, None, "1.1 KUK yatim"]])
    (error,) = _errors(path)
    assert error.cell == "Skema!D4"
    assert error.message == "KUK row before any unit"


def test_xlsx_without_header_row(tmp_path: Path) -> None:
    path = _sheet(tmp_path / "s.xlsx", [["Kode Skema: A"], ["Unit", "Judul", "KUK"]])
    (error,) = _errors(path)
    assert error.cell == "Skema!A1"
    assert error.message.startswith("no header row found")


def test_xlsx_duplicate_unit_code_names_the_cell(tmp_path: Path) -> None:
    unit = ["J.620100.004.02", "Struktur Data", "1. Elemen", "1.1 KUK"]
    path = _sheet(tmp_path / "s.xlsx", [["Kode Skema: A"], ["Judul Skema: B"], HEADER,
                                        unit, unit])
    (error,) = _errors(path)
    assert error.cell == "Skema!A5"
    assert error.message.startswith("duplicate unit code J.620100.004.02")


def test_xlsx_unit_without_kuk_names_the_cell(tmp_path: Path) -> None:
    path = _sheet(tmp_path / "s.xlsx", [["Kode Skema: A"], ["Judul Skema: B"], HEADER,
                                        ["J.620100.004.02", "Struktur Data", "1. Elemen", None]])
    (error,) = _errors(path)
    assert error.cell == "Skema!C4"
    assert error.message == "element 1 of unit J.620100.004.02 has no KUK"


def test_xlsx_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "s.xlsx"
    path.write_bytes(b"")
    (error,) = _errors(path)
    assert error.message == "the file is empty"


def test_messages_are_indonesian_by_default(tmp_path: Path) -> None:
    with language("id"), pytest.raises(SchemeInvalid) as caught:
        load_scheme(_write(tmp_path, "s.yaml", ""))
    assert caught.value.errors[0].message == "berkas kosong"


def test_json_repeated_key_names_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "s.json", '{\n  "code": "A",\n  "title": "B",\n  "code": "C"\n}\n')
    (error,) = _errors(path)
    assert error.line == 4
    assert error.message == "key 'code' appears twice in the same mapping"
