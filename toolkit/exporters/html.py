"""Standalone, printable HTML of form documents (A4 print CSS inlined).

Every text is escaped: a scheme text ``<script>`` prints as those characters.
Tables carry ``data-key`` and their cells ``data-col`` (the column key), so
tools and tests can find a column without relying on its printed label.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..escaping import html_lines, html_text
from ..instruments.model import Fields, FormDocument, Signatures, Table, Text
from ..instruments.templates import TEMPLATE_DIR
from ..schemeio.atomic import write_text_atomic


@lru_cache(maxsize=1)
def print_css() -> str:
    """The print style sheet of the forms."""
    return (TEMPLATE_DIR / "print.css").read_text(encoding="utf-8")


def _text(value: str) -> str:
    return html_lines(value)


def _fields(block: Fields) -> str:
    out = ['<table class="fields">']
    items = block.items
    index = 0
    while index < len(items):
        item = items[index]
        if item.group:
            span = 1
            while index + span < len(items) and items[index + span].group == item.group:
                span += 1
            for offset in range(span):
                row = items[index + offset]
                head = (f'<th class="group" rowspan="{span}">{_text(row.group)}</th>'
                        if offset == 0 else "")
                out.append(f'<tr>{head}<th>{_text(row.label)}</th><td class="colon">:</td>'
                           f"<td>{_text(row.value)}</td></tr>")
            index += span
        else:
            out.append(f'<tr><th colspan="2">{_text(item.label)}</th><td class="colon">:</td>'
                       f"<td>{_text(item.value)}</td></tr>")
            index += 1
    out.append("</table>")
    return "".join(out)


def _spans(block: Table) -> list[dict[str, int]]:
    """Per row, the rowspan of each ``merge`` column (0: the cell above covers it)."""
    spans: list[dict[str, int]] = [{} for _row in block.rows]
    for key in block.merge:
        start = None
        for index, row in enumerate(block.rows):
            continues = (start is not None and row.kind == "data" and not row.cells.get(key))
            if continues:
                spans[index][key] = 0
                spans[start][key] += 1  # type: ignore[index]
            else:
                start = index if row.kind == "data" else None
                spans[index][key] = 1
    return spans


def _rowspan(span: int) -> str:
    return f' rowspan="{span}"' if span > 1 else ""


def _table(block: Table) -> str:
    total = sum(c.width for c in block.columns) or 1
    cols = "".join(f'<col style="width:{100 * c.width / total:.2f}%">' for c in block.columns)
    grouped = any(c.group for c in block.columns)
    first, second = [], []
    index = 0
    columns = block.columns
    while index < len(columns):
        column = columns[index]
        key = html_text(column.key)
        if not column.group:
            span = ' rowspan="2"' if grouped else ""
            first.append(f'<th data-col="{key}"{span}>{_text(column.label)}</th>')
            index += 1
            continue
        span = 1
        while index + span < len(columns) and columns[index + span].group == column.group:
            span += 1
        first.append(f'<th class="group" colspan="{span}">{_text(column.group)}</th>')
        second += [f'<th data-col="{html_text(c.key)}">{_text(c.label)}</th>'
                   for c in columns[index:index + span]]
        index += span
    head = f"<tr>{''.join(first)}</tr>" + (f"<tr>{''.join(second)}</tr>" if second else "")
    body = []
    spans = _spans(block)
    for index, row in enumerate(block.rows):
        if row.kind == "data":
            cells = "".join(
                f'<td data-col="{html_text(c.key)}"{_rowspan(spans[index].get(c.key, 1))}>'
                f'{_text(row.cells.get(c.key, ""))}</td>'
                for c in columns if spans[index].get(c.key, 1))
            body.append(f'<tr data-ref="{html_text(row.ref)}">{cells}</tr>')
        else:
            body.append(f'<tr class="{row.kind}"><td class="{row.kind}" colspan="{len(columns)}">'
                        f"{_text(row.text)}</td></tr>")
    caption = f"<caption>{_text(block.caption)}</caption>" if block.caption else ""
    return (f'<table class="grid" data-key="{html_text(block.key)}">{caption}<colgroup>{cols}'
            f"</colgroup><thead>{head}</thead><tbody>{''.join(body)}</tbody></table>")


def _signatures(block: Signatures) -> str:
    cells = []
    for party in block.parties:
        lines = "".join(f'<div class="line">{_text(line.label)}: {_text(line.value)}</div>'
                        for line in party.lines)
        cells.append(f'<td><div class="role">{_text(party.role)}</div>{lines}</td>')
    return f'<table class="signatures"><tr>{"".join(cells)}</tr></table>'


def _block(block: object) -> str:
    if isinstance(block, Text):
        if block.style == "heading":
            return f'<h2 class="section">{_text(block.text)}</h2>'
        return f'<p class="{block.style}">{_text(block.text)}</p>'
    if isinstance(block, Fields):
        return _fields(block)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Signatures):
        return _signatures(block)
    raise TypeError(f"unknown block {type(block).__name__}")


def render_document(document: FormDocument) -> str:
    """One form as an ``<article>`` element."""
    parts = [f'<article class="form" data-code="{html_text(document.slug)}">',
             f'<h1 class="form-title">{_text(document.heading)}</h1>']
    if document.subtitle:
        parts.append(f'<p class="subtitle">{_text(document.subtitle)}</p>')
    pending: list[str] = []
    for block in document.blocks:
        if isinstance(block, Text) and block.style == "guide":
            pending.append(f"<li>{_text(block.text)}</li>")
            continue
        if pending:
            parts.append(f'<ul class="guide">{"".join(pending)}</ul>')
            pending = []
        parts.append(_block(block))
    if pending:
        parts.append(f'<ul class="guide">{"".join(pending)}</ul>')
    if document.footer:
        parts.append(f'<footer class="form-footer">{_text(document.footer)}</footer>')
    parts.append("</article>")
    return "".join(parts)


def render_html(documents: list[FormDocument] | FormDocument) -> str:
    """A standalone HTML page holding ``documents`` (one per printed page run)."""
    docs = [documents] if isinstance(documents, FormDocument) else list(documents)
    title = html_text(" · ".join(f"{d.slug} {d.title}" for d in docs[:1]))
    lang = html_text(docs[0].lang if docs else "id")
    body = "\n".join(render_document(doc) for doc in docs)
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{title}</title>\n<style>\n{print_css()}</style>\n</head>\n<body>\n"
            f"{body}\n</body>\n</html>\n")


def write_html(document: FormDocument, path: Path) -> None:
    """Write one document as a standalone HTML file (atomically)."""
    write_text_atomic(Path(path), render_html(document))


__all__ = ["print_css", "render_document", "render_html", "write_html"]
