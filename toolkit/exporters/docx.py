"""Word (DOCX) form documents through python-docx: A4, real Word tables.

Texts are written verbatim (python-docx stores them as XML text, so ``<b>``
stays three characters); line breaks in a cell become Word line breaks. Header
rows of the grid tables repeat on every page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..instruments.model import Fields, FormDocument, Signatures, Table, Text
from ..schemeio.atomic import write_atomic

PAGE_WIDTH, PAGE_HEIGHT, MARGIN_X, MARGIN_Y = Mm(210), Mm(297), Mm(12), Mm(14)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


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
            _bold(top.merge(table.rows[1].cells[index]), column.label)
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
        for cell in row.cells:
            _shade(cell)
    for row in block.rows:
        cells = table.add_row().cells
        if row.kind == "data":
            for cell, column in zip(cells, columns, strict=True):
                value = row.cells.get(column.key, "")
                if value:
                    cell.text = value
        else:
            merged = cells[0].merge(cells[-1])
            merged.text = row.text
            if row.kind == "placeholder":
                for run in merged.paragraphs[0].runs:
                    run.italic = True
    doc.add_paragraph()


def _signatures(doc: Any, block: Signatures) -> None:
    table = doc.add_table(rows=1, cols=max(1, len(block.parties)))
    table.style = "Table Grid"
    for cell, party in zip(table.rows[0].cells, block.parties, strict=False):
        _bold(cell, party.role)
        for line in party.lines:
            cell.add_paragraph(f"{line.label}: {line.value}")
        cell.add_paragraph()
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
