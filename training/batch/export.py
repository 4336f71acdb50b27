"""Exports of an executed notebook for trainees: HTML without code, and DOCX.

HTML goes through nbconvert with every code input hidden (a pack shows content, not code).
DOCX is built with python-docx from what a reader sees: markdown cells and the Markdown,
plain-text and PNG outputs of code cells (headings, bullet lists, pipe tables, paragraphs
and images), in order.
"""

from __future__ import annotations

import base64
import io
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from docx import Document
from docx.shared import Inches

from toolkit.schemeio.atomic import write_atomic, write_text_atomic

_INLINE = re.compile(r"(\*\*|__|`)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")


@lru_cache(maxsize=1)
def _html_exporter() -> Any:
    from nbconvert import HTMLExporter

    return HTMLExporter(exclude_input=True, exclude_input_prompt=True,
                        exclude_output_prompt=True)


def notebook_html(nb: Any) -> str:
    """The executed notebook as a standalone HTML page with code inputs hidden."""
    body, _resources = _html_exporter().from_notebook_node(nb)
    return str(body)


def write_html(nb: Any, path: Path) -> None:
    """Write :func:`notebook_html` of ``nb`` to ``path`` atomically."""
    write_text_atomic(path, notebook_html(nb))


def _blocks(nb: Any) -> list[tuple[str, Any]]:
    """What a reader sees, in order: ("markdown", text), ("text", text), ("png", bytes)."""
    blocks: list[tuple[str, Any]] = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            blocks.append(("markdown", cell.source))
            continue
        if cell.cell_type != "code" or "injected-parameters" in cell.metadata.get("tags", []):
            continue
        for output in cell.get("outputs", []):
            if output.output_type == "stream" and output.name == "stdout":
                blocks.append(("text", output.text))
            elif output.output_type in ("display_data", "execute_result"):
                data = output.get("data", {})
                if "image/png" in data:
                    blocks.append(("png", base64.b64decode(data["image/png"])))
                elif "text/markdown" in data:
                    blocks.append(("markdown", data["text/markdown"]))
                elif "text/plain" in data:
                    blocks.append(("text", data["text/plain"]))
            elif output.output_type == "error":
                blocks.append(("text", f"{output.ename}: {output.evalue}"))
    return blocks


def _plain(text: str) -> str:
    return _INLINE.sub("", _LINK.sub(r"\1", text)).strip()


def _add_markdown(document: Any, text: str) -> None:
    table_rows: list[list[str]] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            document.add_paragraph(_plain(" ".join(paragraph)))
            paragraph.clear()
        if table_rows:
            width = max(len(row) for row in table_rows)
            table = document.add_table(rows=len(table_rows), cols=width)
            table.style = "Table Grid"
            for r, row in enumerate(table_rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = _plain(value)
            table_rows.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("|"):
            if paragraph:
                document.add_paragraph(_plain(" ".join(paragraph)))
                paragraph.clear()
            cells = [c.strip() for c in line.strip("|").split("|")]
            if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                table_rows.append(cells)
            continue
        if table_rows:
            flush()
        heading = re.match(r"(#{1,6})\s+(.*)", line)
        bullet = re.match(r"[-*]\s+(.*)", line)
        numbered = re.match(r"\d+[.)]\s+(.*)", line)
        if not line:
            flush()
        elif heading:
            flush()
            document.add_heading(_plain(heading.group(2)), level=min(len(heading.group(1)), 4))
        elif bullet or numbered:
            flush()
            item = (bullet or numbered).group(1)  # type: ignore[union-attr]
            document.add_paragraph(_plain(item),
                                   style="List Bullet" if bullet else "List Number")
        else:
            paragraph.append(line)
    flush()


def markdown_docx(text: str, path: Path) -> None:
    """Write a Markdown text to ``path`` as DOCX (atomically)."""
    document = Document()
    _add_markdown(document, text)
    write_atomic(path, lambda tmp: document.save(str(tmp)))


def notebook_docx(nb: Any, path: Path) -> None:
    """Write the reader's view of an executed notebook to ``path`` as DOCX (atomically)."""
    document = Document()
    for kind, value in _blocks(nb):
        if kind == "markdown":
            _add_markdown(document, value)
        elif kind == "png":
            document.add_picture(io.BytesIO(value), width=Inches(6))
        elif value.strip():
            for line in value.strip().splitlines():
                document.add_paragraph(line)
    write_atomic(path, lambda tmp: document.save(str(tmp)))


__all__ = ["markdown_docx", "notebook_docx", "notebook_html", "write_html"]
