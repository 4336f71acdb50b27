"""Read generated forms back the way a user's tools would: an HTML parser and python-docx."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from docx import Document


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
        if len(rows) > 1 and header != second and any(h == s for h, s in zip(header, second,
                                                                               strict=False)):
            start = 2  # a two-row header (merged cells repeat their text)
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
