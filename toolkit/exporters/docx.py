"""Word (DOCX) form documents through python-docx: A4, real Word tables.

Texts are written verbatim (escaped XML text, so ``<b>`` stays three
characters); line breaks in a cell become Word line breaks. Header rows of the
grid tables repeat on every page, no row may split across a page (``cantSplit``,
so a KUK's text never starts on one page and ends on the next), and the cells of
a table's ``merge`` columns (an element printed once for its KUK) are merged down.
The body rows of the grid tables are written as XML in one go: a 750-KUK FR.IA.01
would take seconds through python-docx's cell API.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from ..instruments.model import Fields, FormDocument, Signatures, Table, Text
from ..schemeio.atomic import write_atomic

PAGE_WIDTH, PAGE_HEIGHT, MARGIN_X, MARGIN_Y = Mm(210), Mm(297), Mm(12), Mm(14)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X


_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
EMU_PER_TWIP = 635


def _flag(row: Any, name: str) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement(name)
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _repeat_header(row: Any) -> None:
    _flag(row, "w:tblHeader")


def _keep_rows_whole(table: Any) -> None:
    for row in table.rows:
        _flag(row, "w:cantSplit")


def _runs(text: str, props: str = "") -> str:
    """Word runs of ``text``: one run, ``<w:br/>`` at each line break."""
    if not text:
        return ""
    lines = [escape(_INVALID_XML.sub("", line)) for line in text.split("\n")]
    inner = "<w:br/>".join(f'<w:t xml:space="preserve">{line}</w:t>' for line in lines)
    return f"<w:r>{props}{inner}</w:r>"


def _continues(rows: list[Any], index: int, key: str) -> bool:
    """Whether the cell ``key`` of row ``index`` continues the (merged) cell above."""
    row = rows[index]
    return (index > 0 and row.kind == "data" and not row.cells.get(key)
            and rows[index - 1].kind == "data")


def _body_xml(block: Table, widths: list[int]) -> str:
    """The body rows of a grid table as WordprocessingML (rows never split)."""
    columns, rows = block.columns, block.rows
    merge = set(block.merge)
    out = []
    for index, row in enumerate(rows):
        cells = []
        if row.kind == "data":
            for column, width in zip(columns, widths, strict=True):
                key = column.key
                v_merge = ""
                if key in merge:
                    if _continues(rows, index, key):
                        v_merge = "<w:vMerge/>"
                    elif index + 1 < len(rows) and _continues(rows, index + 1, key):
                        v_merge = '<w:vMerge w:val="restart"/>'
                text = "" if v_merge == "<w:vMerge/>" else row.cells.get(key, "")
                cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{v_merge}'
                             f"</w:tcPr><w:p>{_runs(text)}</w:p></w:tc>")
        else:
            style = "<w:i/>" if row.kind == "placeholder" else "<w:b/>"
            props = f"<w:rPr>{style}</w:rPr>"
            cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{sum(widths)}" w:type="dxa"/>'
                         f'<w:gridSpan w:val="{len(columns)}"/></w:tcPr>'
                         f"<w:p>{_runs(row.text, props)}</w:p></w:tc>")
        out.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>")
    return "".join(out)


def _border(cell: Any, side: str) -> None:
    """Hide one border of a cell (``top``/``bottom``)."""
    borders = OxmlElement("w:tcBorders")
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "nil")
    borders.append(edge)
    cell._tc.get_or_add_tcPr().append(borders)


def _shade(cell: Any, fill: str = "D9D9D9") -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _bold(cell: Any, text: str) -> None:
    cell.text = ""
    cell.paragraphs[0].add_run(text).bold = True


def _widths(table: Any, weights: list[float]) -> None:
    total = sum(weights) or 1.0
    for column, weight in zip(table.columns, weights, strict=True):
        column.width = int(TEXT_WIDTH * weight / total)
    for row in table.rows:
        for cell, weight in zip(row.cells, weights, strict=False):
            cell.width = int(TEXT_WIDTH * weight / total)


def _fields(doc: Any, block: Fields) -> None:
    table = doc.add_table(rows=len(block.items), cols=4)
    table.style = "Table Grid"
    _widths(table, [2.2, 2.0, 0.3, 6.0])
    index = 0
    items = block.items
    while index < len(items):
        item = items[index]
        span = 1
        if item.group:
            while index + span < len(items) and items[index + span].group == item.group:
                span += 1
        for offset in range(span):
            row = table.rows[index + offset]
            entry = items[index + offset]
            row.cells[2].text = ":"
            row.cells[3].text = entry.value
            if item.group:
                _bold(row.cells[1], entry.label)
            else:
                merged = row.cells[0].merge(row.cells[1])
                _bold(merged, entry.label)
        if item.group:
            top = table.rows[index].cells[0]
            merged = top.merge(table.rows[index + span - 1].cells[0]) if span > 1 else top
            _bold(merged, item.group)
        index += span
    _keep_rows_whole(table)
    doc.add_paragraph()


def _grid(doc: Any, block: Table) -> None:
    columns = block.columns
    grouped = any(c.group for c in columns)
    header_rows = 2 if grouped else 1
    if block.caption:
        doc.add_paragraph().add_run(block.caption).bold = True
    table = doc.add_table(rows=header_rows, cols=len(columns))
    table.style = "Table Grid"
    _widths(table, [c.width for c in columns])
    for index, column in enumerate(columns):
        top = table.rows[0].cells[index]
        if not grouped:
            _bold(top, column.label)
            continue
        if not column.group:
            # Not a vertical merge: LibreOffice drops body rows of a table whose repeated
            # header holds one when its rows may not split. The label sits in the top
            # cell and no border divides it from the empty cell below.
            _bold(top, column.label)
            _border(top, "bottom")
            _border(table.rows[1].cells[index], "top")
        else:
            _bold(table.rows[1].cells[index], column.label)
    if grouped:
        index = 0
        while index < len(columns):
            column = columns[index]
            span = 1
            while (column.group and index + span < len(columns)
                   and columns[index + span].group == column.group):
                span += 1
            if column.group:
                first = table.rows[0].cells[index]
                merged = first.merge(table.rows[0].cells[index + span - 1]) if span > 1 else first
                _bold(merged, column.group)
            index += span
    for row in table.rows[:header_rows]:
        _repeat_header(row)
        _flag(row, "w:cantSplit")
        for cell in row.cells:
            _shade(cell)
    if block.rows:
        total = sum(c.width for c in columns) or 1.0
        widths = [int(TEXT_WIDTH * c.width / total / EMU_PER_TWIP) for c in columns]
        body = parse_xml(f"<w:tbl {nsdecls('w')}>{_body_xml(block, widths)}</w:tbl>")
        tbl = table._tbl
        for tr in list(body):
            tbl.append(tr)
    doc.add_paragraph()


def _signatures(doc: Any, block: Signatures) -> None:
    table = doc.add_table(rows=1, cols=max(1, len(block.parties)))
    table.style = "Table Grid"
    for cell, party in zip(table.rows[0].cells, block.parties, strict=False):
        _bold(cell, party.role)
        for line in party.lines:
            cell.add_paragraph(f"{line.label}: {line.value}")
        cell.add_paragraph()
    _keep_rows_whole(table)
    doc.add_paragraph()


def build_docx(document: FormDocument) -> Any:
    """A python-docx ``Document`` of one form."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN_X
    section.top_margin = section.bottom_margin = MARGIN_Y
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(9.5)
    doc.core_properties.title = f"{document.slug} {document.title}"
    heading = doc.add_paragraph()
    run = heading.add_run(document.heading)
    run.bold, run.font.size = True, Pt(12)
    if document.subtitle:
        doc.add_paragraph().add_run(document.subtitle).bold = True
    for block in document.blocks:
        if isinstance(block, Text):
            if block.style == "heading":
                doc.add_paragraph().add_run(block.text).bold = True
            elif block.style == "guide":
                doc.add_paragraph(block.text, style="List Bullet")
            else:
                paragraph = doc.add_paragraph()
                text_run = paragraph.add_run(block.text)
                if block.style == "note":
                    text_run.font.size = Pt(8)
        elif isinstance(block, Fields):
            _fields(doc, block)
        elif isinstance(block, Table):
            _grid(doc, block)
        elif isinstance(block, Signatures):
            _signatures(doc, block)
    if document.footer:
        footer = section.footer.paragraphs[0]
        footer.text = document.footer
        for footer_run in footer.runs:
            footer_run.font.size = Pt(7)
    return doc


def write_docx(document: FormDocument, path: Path) -> None:
    """Write one document as a DOCX file (atomically)."""
    built = build_docx(document)
    write_atomic(Path(path), lambda tmp: built.save(str(tmp)))


__all__ = ["build_docx", "write_docx"]
