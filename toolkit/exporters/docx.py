"""Word (DOCX) form documents: A4, real Word tables, written as WordprocessingML.

Texts are written verbatim (escaped XML text, so ``<b>`` stays three
characters); line breaks in a cell become Word line breaks. Header rows of the
grid tables repeat on every page, no row may split across a page (``cantSplit``,
so a KUK's text never starts on one page and ends on the next), and the cells of
a table's ``merge`` columns (an element printed once for its KUK) are merged down.

python-docx opens, styles and saves the document; the body is written as XML in
one go, since its cell API takes seconds for the tables of a 750-KUK kit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt

from ..escaping import xml_chars, xml_text
from ..instruments.model import Fields, FormDocument, Row, Signatures, Table, Text
from ..schemeio.atomic import write_atomic

PAGE_WIDTH, PAGE_HEIGHT, MARGIN_X, MARGIN_Y = Mm(210), Mm(297), Mm(12), Mm(14)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
EMU_PER_TWIP = 635
TEXT_TWIPS = int(TEXT_WIDTH / EMU_PER_TWIP)
SHADE = '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>'
KEEP = "<w:trPr><w:cantSplit/></w:trPr>"
HEADER_ROW = '<w:trPr><w:cantSplit/><w:tblHeader w:val="true"/></w:trPr>'
_BOLD, _ITALIC = "<w:rPr><w:b/></w:rPr>", "<w:rPr><w:i/></w:rPr>"


def _runs(text: str, props: str = "") -> str:
    """One Word run of ``text`` with ``<w:br/>`` at each line break."""
    if not text:
        return ""
    lines = [xml_text(line) for line in text.split("\n")]
    inner = "<w:br/>".join(f'<w:t xml:space="preserve">{line}</w:t>' for line in lines)
    return f"<w:r>{props}{inner}</w:r>"


def _p(text: str = "", props: str = "", style: str = "") -> str:
    p_pr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{p_pr}{_runs(text, props)}</w:p>"


def _size(half_points: int, bold: bool = False) -> str:
    return f'<w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{half_points}"/></w:rPr>'


def _tc(width: int, content: str, extra: str = "") -> str:
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{extra}</w:tcPr>'
            f"{content or '<w:p/>'}</w:tc>")


def _table(widths: list[int], rows: list[str]) -> str:
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>" + _p())


def _widths(weights: list[float]) -> list[int]:
    total = sum(weights) or 1.0
    return [int(TEXT_TWIPS * weight / total) for weight in weights]


def _fields(block: Fields) -> str:
    widths = _widths([2.2, 2.0, 0.3, 6.0])
    rows = []
    items = block.items
    for index, item in enumerate(items):
        if item.group:
            first = index == 0 or items[index - 1].group != item.group
            last = index + 1 == len(items) or items[index + 1].group != item.group
            merge = "" if first and last else (
                '<w:vMerge w:val="restart"/>' if first else "<w:vMerge/>")
            label = (_tc(widths[0], _p(item.group, _BOLD) if first else "", merge)
                     + _tc(widths[1], _p(item.label, _BOLD)))
        else:
            label = _tc(widths[0] + widths[1], _p(item.label, _BOLD), '<w:gridSpan w:val="2"/>')
        rows.append(f"<w:tr>{KEEP}{label}{_tc(widths[2], _p(':'))}"
                    f"{_tc(widths[3], _p(item.value))}</w:tr>")
    return _table(widths, rows)


def _continues(rows: list[Row], index: int, key: str) -> bool:
    """Whether the cell ``key`` of row ``index`` continues the (merged) cell above."""
    row = rows[index]
    return (index > 0 and row.kind == "data" and not row.cells.get(key)
            and rows[index - 1].kind == "data")


def _header_rows(block: Table, widths: list[int]) -> list[str]:
    """One header row, or two when columns are grouped ("Pencapaian" above Ya, Tidak).

    No vertical merge in the header: LibreOffice drops body rows of a table whose
    repeated header holds one when its rows may not split. An ungrouped column's
    label sits in the top cell, with no border between it and the empty cell below.
    """
    columns = block.columns
    if not any(c.group for c in columns):
        cells = [_tc(w, _p(c.label, _BOLD), SHADE) for c, w in zip(columns, widths, strict=True)]
        return [f"<w:tr>{HEADER_ROW}{''.join(cells)}</w:tr>"]
    top, bottom = [], []
    index = 0
    while index < len(columns):
        column = columns[index]
        if not column.group:
            top.append(_tc(widths[index], _p(column.label, _BOLD),
                           SHADE + '<w:tcBorders><w:bottom w:val="nil"/></w:tcBorders>'))
            bottom.append(_tc(widths[index], "",
                              SHADE + '<w:tcBorders><w:top w:val="nil"/></w:tcBorders>'))
            index += 1
            continue
        span = 1
        while index + span < len(columns) and columns[index + span].group == column.group:
            span += 1
        width = sum(widths[index:index + span])
        top.append(_tc(width, _p(column.group, _BOLD), f'<w:gridSpan w:val="{span}"/>{SHADE}'))
        bottom += [_tc(widths[i], _p(columns[i].label, _BOLD), SHADE)
                   for i in range(index, index + span)]
        index += span
    return [f"<w:tr>{HEADER_ROW}{''.join(top)}</w:tr>",
            f"<w:tr>{HEADER_ROW}{''.join(bottom)}</w:tr>"]


def _body_rows(block: Table, widths: list[int]) -> list[str]:
    """The body rows of a grid table (rows never split; ``merge`` columns merged down)."""
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
                cells.append(_tc(width, _p(text), v_merge))
        else:
            props = _ITALIC if row.kind == "placeholder" else _BOLD
            cells.append(_tc(sum(widths), _p(row.text, props),
                             f'<w:gridSpan w:val="{len(columns)}"/>'))
        out.append(f"<w:tr>{KEEP}{''.join(cells)}</w:tr>")
    return out


def _grid(block: Table) -> str:
    widths = _widths([c.width for c in block.columns])
    caption = _p(block.caption, _BOLD) if block.caption else ""
    return caption + _table(widths, [*_header_rows(block, widths), *_body_rows(block, widths)])


def _signatures(block: Signatures) -> str:
    parties = block.parties or []
    widths = _widths([1.0] * max(1, len(parties)))
    cells = []
    for party, width in zip(parties, widths, strict=False):
        lines = "".join(_p(f"{line.label}: {line.value}") for line in party.lines)
        cells.append(_tc(width, _p(party.role, _BOLD) + lines + _p()))
    return _table(widths, [f"<w:tr>{KEEP}{''.join(cells) or _tc(widths[0], '')}</w:tr>"])


def _block(block: object) -> str:
    if isinstance(block, Text):
        if block.style == "heading":
            return _p(block.text, _BOLD)
        if block.style == "guide":
            return _p(block.text, style="ListBullet")
        return _p(block.text, _size(16) if block.style == "note" else "")
    if isinstance(block, Fields):
        return _fields(block)
    if isinstance(block, Table):
        return _grid(block)
    if isinstance(block, Signatures):
        return _signatures(block)
    raise TypeError(f"unknown block {type(block).__name__}")


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
    doc.core_properties.title = xml_chars(f"{document.slug} {document.title}")
    parts = [_p(document.heading, _size(24, bold=True))]
    if document.subtitle:
        parts.append(_p(document.subtitle, _BOLD))
    parts += [_block(block) for block in document.blocks]
    body = doc.element.body
    fragment = parse_xml(f"<w:body {nsdecls('w')}>{''.join(parts)}</w:body>")
    end = body.sectPr
    for child in list(fragment):
        end.addprevious(child)
    if document.footer:
        footer = section.footer.paragraphs[0]
        footer.text = xml_chars(document.footer)
        for footer_run in footer.runs:
            footer_run.font.size = Pt(7)
    return doc


def write_docx(document: FormDocument, path: Path) -> None:
    """Write one document as a DOCX file (atomically)."""
    built = build_docx(document)
    write_atomic(Path(path), lambda tmp: built.save(str(tmp)))


__all__ = ["build_docx", "write_docx"]
