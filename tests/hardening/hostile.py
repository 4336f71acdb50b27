"""Hostile and broken input files, made byte by byte (shared by the reader and fuzz tests).

Each maker writes a real file and returns its path; the XLSX makers write the parts of a
workbook by hand, so a test can give it what no spreadsheet program would write (a
dimension of a million rows, a part that unzips to hundreds of megabytes, a formula whose
saved value is missing).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

# ruff: noqa: E501  (the OOXML boilerplate below is kept as Excel writes it, one element a line)

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
{sheets}
</Types>"""
_SHEET_TYPE = ('<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
               'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets>{sheets}</sheets>
</workbook>"""
_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
{rels}
</Relationships>"""
_SHEET_REL = ('<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/'
              'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>')
_SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="'
               'http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dimension}'
               '<sheetData>')
_SHEET_TAIL = "</sheetData></worksheet>"
COLUMNS = "ABCDE"


def cell(ref: str, value: object) -> str:
    """The XML of one cell: text inline, numbers as numbers, ``("=F", cached)`` a formula."""
    if isinstance(value, tuple):
        formula, cached = value
        saved = "" if cached is None else f"<v>{escape(str(cached))}</v>"
        return f'<c r="{ref}" t="str"><f>{escape(formula)}</f>{saved}</c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def rows_xml(rows: list[list[object]]) -> str:
    """``<row>`` elements for ``rows`` (row 1 first; ``None`` cells are left out)."""
    out = []
    for number, row in enumerate(rows, start=1):
        cells = "".join(cell(f"{COLUMNS[i]}{number}", v) for i, v in enumerate(row)
                        if v is not None)
        out.append(f'<row r="{number}">{cells}</row>')
    return "".join(out)


def scheme_rows(code: str = "SKM-X", kuk: object = "Data diidentifikasi") -> list[list[object]]:
    """A small valid scheme table: title block, header, one unit with two KUK."""
    return [[f"Kode Skema: {code}"], ["Judul Skema: Skema uji"], [],
            ["No", "Kode Unit", "Judul Unit", "Elemen", "KUK"],
            [1, "J.620100.004.02", "Menggunakan Struktur Data", "1. Mengidentifikasi data",
             f"1.1 {kuk}" if isinstance(kuk, str) else kuk],
            [None, None, None, None, "1.2 Struktur data dibandingkan"]]


def write_xlsx(path: Path, sheets: list[tuple[str, str, str]], *,
               extra_part: tuple[str, int] | None = None) -> Path:
    """A workbook of ``(title, state, sheet_xml_body)`` sheets (``state``: visible/hidden).

    ``sheet_xml_body`` is the ``<row>`` XML, optionally preceded by a ``<dimension>``
    element (pass it as ``"<dimension ref='A1:E1000000'/>|rows…"``). ``extra_part`` adds a
    part of that many zero bytes (a zip bomb, compressed to almost nothing).
    """
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES.format(
            sheets="".join(_SHEET_TYPE.format(n=n) for n in range(1, len(sheets) + 1))))
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK.format(sheets="".join(
            f'<sheet name="{escape(title)}" sheetId="{n}" state="{state}" r:id="rId{n}"/>'
            for n, (title, state, _body) in enumerate(sheets, start=1))))
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(rels="".join(
            _SHEET_REL.format(n=n) for n in range(1, len(sheets) + 1))))
        for n, (_title, _state, body) in enumerate(sheets, start=1):
            dimension, _sep, rows = body.rpartition("|")
            archive.writestr(f"xl/worksheets/sheet{n}.xml",
                             _SHEET_HEAD.format(dimension=dimension) + rows + _SHEET_TAIL)
        if extra_part is not None:
            name, size = extra_part
            with archive.open(name, "w", force_zip64=True) as part:
                block = b"\0" * (1 << 20)
                for _ in range(size >> 20):
                    part.write(block)
    return path


def many_rows_xlsx(path: Path, count: int, declare: bool) -> Path:
    """A scheme sheet of ``count`` KUK rows, with or without a ``<dimension>`` saying so."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        write_xlsx(path.with_suffix(".tmp.xlsx"), [("Skema", "visible", "")])
        with zipfile.ZipFile(path.with_suffix(".tmp.xlsx")) as template:
            for info in template.infolist():
                if not info.filename.startswith("xl/worksheets/"):
                    archive.writestr(info.filename, template.read(info.filename))
        path.with_suffix(".tmp.xlsx").unlink()
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            dimension = f'<dimension ref="A1:E{count + 6}"/>' if declare else ""
            part.write((_SHEET_HEAD.format(dimension=dimension)
                        + rows_xml(scheme_rows())).encode())
            chunk = []
            for number in range(7, count + 7):
                chunk.append(f'<row r="{number}"><c r="E{number}" t="inlineStr"><is><t>1.{number}'
                             f' KUK</t></is></c></row>')
                if len(chunk) == 10_000:
                    part.write("".join(chunk).encode())
                    chunk = []
            part.write(("".join(chunk) + _SHEET_TAIL).encode())
    return path


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """The "billion laughs": ``levels`` anchors, each a list of ``width`` aliases of the last."""
    lines = [f'a0: &a0 [{", ".join(["lol"] * width)}]']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * width)}]")
    lines.append(f"code: *a{levels - 1}")
    return "\n".join(lines) + "\n"


def deep_json(depth: int) -> str:
    """A JSON object whose ``code`` is ``depth`` nested lists."""
    return '{"code": ' + "[" * depth + "]" * depth + ', "title": "t", "units": []}'


__all__ = ["alias_bomb", "deep_json", "many_rows_xlsx", "rows_xml", "scheme_rows",
           "write_xlsx"]
