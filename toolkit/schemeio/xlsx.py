"""Scheme spreadsheets as LSPs keep them: one sheet, a header row, one KUK per row.

Reading finds the header row by its cell names (``Kode Unit``, ``Judul Unit``,
``Elemen``/``Elemen Kompetensi``, ``KUK``/``Kriteria Unjuk Kerja``; ``No``
columns are ignored), takes ``Kode Skema: …`` and ``Judul Skema: …`` from the
title block above it, treats blank (or merged) unit and element cells as
continuations and strips numbering such as ``1.``, ``1.1`` or ``1.1.``.

Writing produces the same layout with merged unit and element cells, and keeps
everything the table cannot hold (kind, standard, settings, unit descriptions,
range statements, assessment guides, groups) as JSON on a second sheet named
``_asesorlab``, so that a round trip is lossless.

Reading goes through :mod:`toolkit.safeio` (zip-bomb, sheet, row and column limits).
Only visible sheets are read as the scheme. A formula cell is read by the value Excel
saved with it; a formula without a saved value is an error at its cell, never a
silently empty cell.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .. import safeio
from ..errors import SchemeError, SchemeInvalid
from ..escaping import xlsx_cell, xlsx_set
from ..i18n import _
from ..scheme import Scheme
from .atomic import write_atomic
from .validate import LoadedScheme, Locator, build_scheme

META_SHEET = "_asesorlab"
_CHUNK = 30_000  # Excel holds at most 32 767 characters in a cell
_HEADERS = {
    "kodeunit": "unit_code",
    "judulunit": "unit_title",
    "elemen": "element",
    "elemenkompetensi": "element",
    "kuk": "criterion",
    "kriteriaunjukkerja": "criterion",
}
_REQUIRED = ("unit_code", "unit_title", "element", "criterion")
_NUMBERING = re.compile(r"^\s*\d+(?:\.\d+)*\.?(?:\s+|$)")
_TITLE_FIELDS = {"kodeskema": "code", "judulskema": "title", "jenisskema": "kind",
                 "standar": "standard"}


def _norm(value: Any) -> str:
    return re.sub(r"[\s_:]+", "", str(value)).lower() if value is not None else ""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def strip_numbering(text: str) -> str:
    """``"1.1. Konsep data …"`` → ``"Konsep data …"`` (one numbering prefix only)."""
    return _NUMBERING.sub("", text, count=1).strip()


def _title_block(rows: list[tuple[Any, ...]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for row in rows:
        cells = [_text(v) for v in row]
        for index, cell in enumerate(cells):
            if not cell:
                continue
            label, sep, rest = cell.partition(":")
            key = _TITLE_FIELDS.get(_norm(label))
            if not key:
                continue
            value = rest.strip() if sep else ""
            if not value:  # label and value in neighbouring cells
                value = next((c for c in cells[index + 1:] if c and c != ":"), "")
                value = value.lstrip(":").strip()
            if value:
                found[key] = value.lower() if key == "kind" else value
    return found


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


Rows = list[tuple[Any, ...]]


def _read_sheets(file: Path) -> tuple[list[tuple[str, Rows]], Rows | None]:
    """(title, rows) of each visible sheet but the metadata one, and the metadata rows.

    Read as written (formulas as ``=…``); where a formula is found, the workbook is read
    again for the values Excel saved, and a formula without one stays a :class:`_Formula`.
    """
    sheets, meta = _sheet_values(file, data_only=False)
    if any(isinstance(v, str) and v.startswith("=") for _t, rows in sheets for r in rows
           for v in r):
        saved, _meta = _sheet_values(file, data_only=True)
        sheets = [(title, [tuple(_merge_saved(v, s) for v, s in zip(row, saved_row,
                                                                    strict=False))
                           for row, saved_row in zip(rows, saved_rows, strict=False)])
                  for (title, rows), (_t, saved_rows) in zip(sheets, saved, strict=True)]
    return sheets, meta


class _Formula(str):
    """A formula cell for which the workbook holds no saved value."""


def _merge_saved(value: Any, saved: Any) -> Any:
    if isinstance(value, str) and value.startswith("="):
        return _Formula(value) if saved is None else saved
    return value


def _sheet_values(file: Path, data_only: bool) -> tuple[list[tuple[str, Rows]], Rows | None]:
    workbook = safeio.open_xlsx(file, data_only=data_only)
    try:
        sheets: list[tuple[str, Rows]] = []
        meta: Rows | None = None
        for sheet in workbook.worksheets:
            if sheet.title == META_SHEET:
                meta = list(safeio.sheet_rows(sheet, file))
            elif getattr(sheet, "sheet_state", "visible") == "visible":
                sheets.append((sheet.title, list(safeio.sheet_rows(sheet, file))))
    finally:
        workbook.close()
    return sheets, meta


def _metadata_of(file: Path, rows: Rows | None) -> dict[str, Any]:
    """The JSON object kept on the hidden ``_asesorlab`` sheet (``{}`` when there is none)."""
    where = f"{META_SHEET}!A1"
    raw = "".join(row[0] for row in rows or [] if row and isinstance(row[0], str))
    if not raw:
        return {}
    try:
        meta = safeio.load_json(raw, file)
    except SchemeInvalid as exc:
        raise SchemeInvalid([SchemeError(error.message, file=str(file), cell=where)
                             for error in exc.errors]) from None
    units = meta.get("units", {}) if isinstance(meta, dict) else None
    if not isinstance(meta, dict) or not isinstance(units, dict) or not all(
            isinstance(extra, dict) for extra in units.values()):
        raise SchemeInvalid([SchemeError(
            _("the hidden sheet {sheet} does not hold asesorlab's data (a JSON object); "
              "delete the sheet or restore it", sheet=META_SHEET), file=str(file), cell=where)])
    return meta


def _find_header(rows: list[tuple[Any, ...]]) -> tuple[int, dict[str, int]] | None:
    for r_index, row in enumerate(rows[:50]):
        columns: dict[str, int] = {}
        for c_index, value in enumerate(row):
            key = _HEADERS.get(_norm(value))
            if key and key not in columns:
                columns[key] = c_index
        if all(key in columns for key in _REQUIRED):
            return r_index, columns
    return None


def read_xlsx(path: str | Path) -> LoadedScheme:
    """Read a scheme spreadsheet (see the module docstring for the layout)."""
    file = Path(path)
    sheets, meta_rows = _read_sheets(file)
    meta = _metadata_of(file, meta_rows)
    header = None
    name, rows = sheets[0] if sheets else ("Sheet1", [])
    for title, candidate in sheets:
        header = _find_header(candidate)
        if header:
            name, rows = title, candidate
            break
    if not any(any(v is not None for v in row) for row in rows):
        raise SchemeInvalid([SchemeError(_("the workbook has no data"), file=str(file),
                                         cell=f"{name}!A1")])
    if header is None:
        raise SchemeInvalid([SchemeError(
            _("no header row found: expected columns Kode Unit, Judul Unit, Elemen, KUK"),
            file=str(file), cell=f"{name}!A1")])
    header_index, columns = header
    _check_formulas(file, name, rows, header_index, columns)
    return build_scheme(*_rows_to_data(file, name, rows, header_index, columns, meta))


def _check_formulas(file: Path, sheet: str, rows: Rows, header_index: int,
                    columns: dict[str, int]) -> None:
    """An error at every formula without a saved value in the title block or the columns read."""
    wanted = set(columns.values())
    errors = [
        SchemeError(_("this cell holds a formula ({formula}) without a saved value; open the "
                      "workbook in Excel or LibreOffice and save it again, or type the text",
                      formula=value[:60]), file=str(file),
                    cell=f"{sheet}!{_column_letter(c_index + 1)}{r_index + 1}")
        for r_index, row in enumerate(rows) for c_index, value in enumerate(row)
        if isinstance(value, _Formula) and (r_index < header_index or c_index in wanted)]
    if errors:
        raise SchemeInvalid(errors)


def _rows_to_data(
    file: Path, sheet: str, rows: list[tuple[Any, ...]], header_index: int,
    columns: dict[str, int], meta: dict[str, Any],
) -> tuple[dict[str, Any], Locator]:
    locator = Locator(str(file))
    title = _title_block(rows[:header_index])

    def cell(r_index: int, key: str) -> str:
        return f"{sheet}!{_column_letter(columns[key] + 1)}{r_index + 1}"

    units: list[dict[str, Any]] = []
    errors: list[SchemeError] = []
    unit_meta = meta.get("units", {})
    for r_index in range(header_index + 1, len(rows)):
        row = rows[r_index]

        def value(key: str, row: tuple[Any, ...] = row) -> str:
            index = columns[key]
            return _text(row[index]) if index < len(row) else ""

        code, unit_title = value("unit_code"), value("unit_title")
        element, criterion = value("element"), value("criterion")
        if code:
            extra = unit_meta.get(code, {}) if isinstance(unit_meta, dict) else {}
            units.append({"code": code, "title": unit_title, **extra, "elements": []})
            u_path = ("units", len(units) - 1)
            locator.cells[u_path] = cell(r_index, "unit_code")
            locator.cells[(*u_path, "title")] = cell(r_index, "unit_title")
        elif unit_title and not units:
            errors.append(SchemeError(_("unit title without a unit code"), file=str(file),
                                      cell=cell(r_index, "unit_title")))
            continue
        if element:
            if not units:
                errors.append(SchemeError(_("element row before any unit"), file=str(file),
                                          cell=cell(r_index, "element")))
                continue
            elements = units[-1]["elements"]
            elements.append({"title": strip_numbering(element), "criteria": []})
            locator.cells[("units", len(units) - 1, "elements", len(elements) - 1)] = cell(
                r_index, "element")
        if criterion:
            if not units:
                errors.append(SchemeError(_("KUK row before any unit"), file=str(file),
                                          cell=cell(r_index, "criterion")))
                continue
            elements = units[-1]["elements"]
            if not elements:
                errors.append(SchemeError(
                    _("KUK row before any element of unit {code}", code=units[-1]["code"]),
                    file=str(file), cell=cell(r_index, "criterion")))
                continue
            criteria = elements[-1]["criteria"]
            criteria.append(strip_numbering(criterion))
            locator.cells[("units", len(units) - 1, "elements", len(elements) - 1,
                           "criteria", len(criteria) - 1)] = cell(r_index, "criterion")
    if errors:
        raise SchemeInvalid(errors)
    data: dict[str, Any] = {k: v for k, v in meta.items() if k != "units"}
    data.update(title)
    if "code" not in data:
        errors.append(SchemeError(_("the title block has no 'Kode Skema: …' row"),
                                  file=str(file), cell=f"{sheet}!A1"))
    if "title" not in data:
        errors.append(SchemeError(_("the title block has no 'Judul Skema: …' row"),
                                  file=str(file), cell=f"{sheet}!A1"))
    if errors:
        raise SchemeInvalid(errors)
    data["units"] = units
    return data, locator


def write_xlsx(scheme: Scheme, path: str | Path) -> None:
    """Write ``scheme`` in the LSP spreadsheet layout (atomically)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Skema"
    xlsx_set(sheet["A1"], f"Kode Skema: {scheme.code}")
    xlsx_set(sheet["A2"], f"Judul Skema: {scheme.title}")
    sheet["A1"].font = sheet["A2"].font = Font(bold=True)
    header_row = 4
    for col, label in enumerate(("No", "Kode Unit", "Judul Unit", "Elemen", "KUK"), start=1):
        sheet.cell(row=header_row, column=col, value=label).font = Font(bold=True)
    row = header_row + 1
    wrap = Alignment(wrap_text=True, vertical="top")
    for u_number, unit in enumerate(scheme.units, start=1):
        unit_start = row
        sheet.cell(row=row, column=1, value=u_number)
        xlsx_cell(sheet, row, 2, unit.code)
        xlsx_cell(sheet, row, 3, unit.title)
        for e_number, element in enumerate(unit.elements, start=1):
            element_start = row
            xlsx_cell(sheet, row, 4, f"{e_number}. {element.title}")
            for k_number, criterion in enumerate(element.criteria, start=1):
                xlsx_cell(sheet, row, 5, f"{e_number}.{k_number} {criterion.text}")
                row += 1
            if not element.criteria:
                row += 1
            if row - 1 > element_start:
                sheet.merge_cells(start_row=element_start, end_row=row - 1, start_column=4,
                                  end_column=4)
        if not unit.elements:
            row += 1
        if row - 1 > unit_start:
            for col in (1, 2, 3):
                sheet.merge_cells(start_row=unit_start, end_row=row - 1, start_column=col,
                                  end_column=col)
    for col, width in zip("ABCDE", (5, 18, 36, 44, 70), strict=True):
        sheet.column_dimensions[col].width = width
    for cells in sheet.iter_rows(min_row=header_row + 1, max_row=row, min_col=2, max_col=5):
        for c in cells:
            c.alignment = wrap
    meta_sheet = workbook.create_sheet(META_SHEET)
    meta_sheet.sheet_state = "hidden"
    text = json.dumps(_metadata(scheme), ensure_ascii=False)
    for number, start in enumerate(range(0, len(text), _CHUNK), start=1):
        xlsx_cell(meta_sheet, number, 1, text[start:start + _CHUNK])
    write_atomic(Path(path), lambda tmp: workbook.save(tmp))


def _metadata(scheme: Scheme) -> dict[str, Any]:
    data = scheme.to_data()
    meta = {k: v for k, v in data.items() if k not in ("code", "title", "units")}
    units = {}
    for unit in data["units"]:
        extra = {k: v for k, v in unit.items() if k not in ("code", "title", "elements")}
        if extra:
            units[unit["code"]] = extra
    if units:
        meta["units"] = units
    return meta


__all__ = ["META_SHEET", "read_xlsx", "strip_numbering", "write_xlsx"]
