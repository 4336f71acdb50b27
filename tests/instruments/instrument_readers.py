"""Read generated forms back the way a user's tools would: an HTML parser and python-docx."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn


class _Columns(HTMLParser):
    """Collect the text of every ``td`` by (table data-key, cell data-col), plus all tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.cells: dict[tuple[str, str], list[str]] = {}
        self.text: list[str] = []
        self._table = ""
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if tag == "table":
            self._table = values.get("data-key") or ""
        elif tag == "td" and values.get("data-col"):
            self._cell = self.cells.setdefault((self._table, values["data-col"] or ""), [])
            self._cell.append("")
        elif tag == "br" and self._cell is not None:
            self._cell[-1] += "\n"

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell[-1] += data


def parse_html(page: str) -> _Columns:
    """Parse a page; ``.cells[(table_key, column_key)]``, ``.tags`` and ``.text``."""
    parser = _Columns()
    parser.feed(page)
    parser.close()
    return parser


def docx_column(path: Path, label: str) -> list[str]:
    """The texts below the header ``label`` in every table of a DOCX that has it, in order."""
    found: list[str] = []
    for table in Document(str(path)).tables:
        rows = table.rows
        header = [cell.text for cell in rows[0].cells]
        second = [cell.text for cell in rows[1].cells] if len(rows) > 1 else []
        if label in header:
            index, start = header.index(label), 1
        elif label in second:
            index, start = second.index(label), 2
        else:
            continue
        repeated = sum(1 for row in rows if row._tr.trPr is not None
                       and row._tr.trPr.find(qn("w:tblHeader")) is not None)
        start = max(start, repeated)  # a two-row header: "Pencapaian" above "Ya", "Tidak"
        found += [row.cells[index].text for row in rows[start:]]
    return found


def docx_text(path: Path) -> str:
    """Every paragraph and table cell text of a DOCX."""
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def assert_in_order(texts: list[str], expected: list[str]) -> None:
    """Each of ``expected`` occurs in ``texts`` (joined), in this order."""
    joined = "\n".join(texts)
    position = 0
    for text in expected:
        found = joined.find(text, position)
        assert found >= 0, f"{text!r} missing or out of order"
        position = found + len(text)


#: Markup in scheme texts that must print as text, never as markup.
HOSTILE = "<script>alert('x')</script> & <b>tebal</b>"


# -- the form as a reader sees it: title, header labels, grid columns, sign-off -------------
class _Events(HTMLParser):
    """The blocks of one HTML form in order: title, field lists, grids, headings, signers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, object]] = []
        self._text: list[str] | None = None
        self._kind = ""
        self._fields: list[str] | None = None
        self._grid: dict[str, object] | None = None
        self._head_row = -1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if (tag in ("h1", "caption") or (tag == "h2" and "section" in classes)
                or "subtitle" in classes):
            self._kind, self._text = ("title" if tag == "h1" else "heading"), []
        elif tag == "div" and "role" in classes:
            self._kind, self._text = "role", []
        elif tag == "table" and "fields" in classes:
            self._fields = []
        elif tag == "table" and "grid" in classes:
            self._grid = {"key": values.get("data-key") or "", "rows": [[], []]}
        elif tag == "tr" and self._grid is not None:
            self._head_row += 1
        elif tag == "th":
            self._kind, self._text = "th", []
            self._th_span = int(values.get("colspan") or 1)
            self._th_group = "group" in classes

    def handle_endtag(self, tag: str) -> None:
        text = "".join(self._text or []).strip()
        if (tag in ("h1", "h2", "div", "p", "caption") and self._text is not None
                and self._kind != "th"):
            self.events.append((self._kind, text))
            self._text = None
        elif tag == "th" and self._text is not None:
            if self._fields is not None:
                self._fields.append(text)
            elif self._grid is not None and self._head_row in (0, 1):
                rows = self._grid["rows"]
                rows[self._head_row].append((text, self._th_span, self._th_group))  # type: ignore[index]
            self._text = None
        elif tag == "table" and self._fields is not None:
            self.events.append(("fields", self._fields))
            self._fields = None
        elif tag == "thead" and self._grid is not None:
            self._head_row = 5
        elif tag == "table" and self._grid is not None:
            first, second = self._grid["rows"]  # type: ignore[misc]
            labels: list[str] = []
            lower = iter(second)
            for text, span, group in first:
                if group:
                    labels += [f"{text} / {next(lower)[0]}" for _ in range(span)]
                else:
                    labels.append(text)
            self.events.append(("grid", (self._grid["key"], labels)))
            self._grid, self._head_row = None, -1

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def html_events(page: str) -> list[list[tuple[str, object]]]:
    """Per form on the page (``<article>``), its events: ``(kind, value)`` in reading order."""
    forms = []
    for article in page.split('<article class="form"')[1:]:
        parser = _Events()
        parser.feed(article)
        parser.close()
        forms.append(parser.events)
    return forms


def _docx_grid_labels(table: object) -> list[str]:
    rows = table.rows  # type: ignore[attr-defined]
    headers = [row for row in rows if row._tr.trPr is not None
               and row._tr.trPr.find(qn("w:tblHeader")) is not None]
    first = [cell.text for cell in headers[0].cells]
    if len(headers) == 1:
        return first
    second = [cell.text for cell in headers[1].cells]
    return [top if top == low or not low else f"{top} / {low}"
            for top, low in zip(first, second, strict=True)]


def docx_events(path: Path) -> list[tuple[str, object]]:
    """The events of a DOCX form, read with python-docx in body order (as :func:`html_events`).

    A bold paragraph is a heading (the first one the title); a table with repeated header
    rows is a grid (its column labels, ``group / label``); a table of ``label : value``
    rows a field list; any other table a row of signature blocks (their roles).
    """
    doc = Document(str(path))
    tables = {table._tbl: table for table in doc.tables}
    events: list[tuple[str, object]] = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            runs = child.findall(qn("w:r"))
            text = "".join(t.text or "" for t in child.iter(qn("w:t"))).strip()
            bold = runs and all(r.find(qn("w:rPr")) is not None
                                and r.find(qn("w:rPr")).find(qn("w:b")) is not None
                                for r in runs)
            if text and bold:
                events.append(("title" if not events else "heading", text))
        elif child.tag == qn("w:tbl"):
            table = tables[child]
            if any(row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
                   for row in table.rows):
                events.append(("grid", _docx_grid_labels(table)))
            elif all(len(row.cells) == 4 and row.cells[2].text == ":" for row in table.rows):
                labels: list[str] = []
                group = None
                for row in table.rows:
                    first, second = row.cells[0].text, row.cells[1].text
                    if first != second and first != group:
                        labels.append(first)
                    group = first if first != second else None
                    labels.append(second)
                events.append(("fields", labels))
            else:
                for cell in table.rows[0].cells:
                    events.append(("role", cell.paragraphs[0].text.strip()))
    return events


def docx_lines(path: Path) -> list[str]:
    """Every line of a DOCX in body order, table cells row by row (merged cells once)."""
    doc = Document(str(path))
    tables = {table._tbl: table for table in doc.tables}
    lines: list[str] = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            lines.append("".join(t.text or "" for t in child.iter(qn("w:t"))))
        elif child.tag == qn("w:tbl"):
            for row in tables[child].rows:
                seen: list[object] = []
                for cell in row.cells:
                    if cell._tc not in seen:
                        seen.append(cell._tc)
                        lines += cell.text.split("\n")
    return lines


def html_lines(page: str) -> list[str]:
    """The text nodes of a page in order (a cell's line breaks split it)."""
    return [text for text in parse_html(page).text if text.strip()]
