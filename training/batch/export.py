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
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from docx import Document
from docx.shared import Inches

from toolkit.escaping import html_text, xml_chars
from toolkit.schemeio.atomic import write_atomic, write_text_atomic

_INLINE = re.compile(r"(\*\*|__|`)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
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


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_HELD = re.compile("[\ue000-\ue07f]")


def _hold(text: str) -> str:
    """Backslash-escaped characters as private-use stand-ins, out of reach of the markup."""
    return _ESCAPED.sub(lambda m: chr(0xE000 + ord(m.group(1))), text)


def _release(text: str, escape: bool = False) -> str:
    """The stand-ins of :func:`_hold` as the characters they stand for (HTML-escaped)."""
    def back(match: re.Match[str]) -> str:
        char = chr(ord(match.group()) - 0xE000)
        return html_text(char) if escape else char

    return _HELD.sub(back, text)


def _plain(text: str) -> str:
    return xml_chars(_release(_INLINE.sub("", _LINK.sub(r"\1", _hold(text)))).strip())


Block = tuple[str, Any]


def markdown_blocks(text: str) -> list[Block]:
    """The blocks of the Markdown we write: ("heading", (level, text)), ("paragraph", text),
    ("bullet", text), ("number", text), ("table", rows) and ("image", (alt, source)) for a
    line ``![alt](source)``; inline marks are kept."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    rows: list[list[str]] = []

    def flush() -> None:
        if paragraph:
            blocks.append(("paragraph", " ".join(paragraph)))
            paragraph.clear()
        if rows:
            blocks.append(("table", list(rows)))
            rows.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("|"):
            if paragraph:
                flush()
            cells = [c.strip().replace("\\|", "|")
                     for c in re.split(r"(?<!\\)\|", line.strip("|"))]
            if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                rows.append(cells)
            continue
        image = _IMAGE.fullmatch(line)
        if image:
            flush()
            blocks.append(("image", (image.group(1), image.group(2))))
            continue
        heading = re.match(r"(#{1,6})\s+(.*)", line)
        bullet = re.match(r"[-*]\s+(.*)", line)
        numbered = re.match(r"\d+[.)]\s+(.*)", line)
        if not line or heading or bullet or numbered or rows:
            flush()
        if heading:
            blocks.append(("heading", (len(heading.group(1)), heading.group(2))))
        elif bullet:
            blocks.append(("bullet", bullet.group(1)))
        elif numbered:
            blocks.append(("number", numbered.group(1)))
        elif line:
            paragraph.append(line)
    flush()
    return blocks


def _docx_table(document: Any, rows: list[list[str]]) -> None:
    from docx.table import _Cell

    width = max(len(row) for row in rows)
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    for row in rows:
        added = table.add_row()
        for tc, value in zip(added._tr.tc_lst, row, strict=False):
            _Cell(tc, table).text = _plain(value)


def _add_markdown(document: Any, text: str, images: Mapping[str, bytes] | None = None) -> None:
    for kind, value in markdown_blocks(text):
        if kind == "image":
            data = (images or {}).get(value[1])
            if data is not None:
                document.add_picture(io.BytesIO(data), width=Inches(6))
            else:
                document.add_paragraph(_plain(value[0]))
        elif kind == "heading":
            document.add_heading(_plain(value[1]), level=min(value[0], 4))
        elif kind == "table":
            _docx_table(document, value)
        elif kind in ("bullet", "number"):
            document.add_paragraph(_plain(value),
                                   style="List Bullet" if kind == "bullet" else "List Number")
        else:
            document.add_paragraph(_plain(value))


def _inline_html(text: str) -> str:
    escaped = html_text(_hold(text))
    escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)
    return _release(re.sub(r"`(.+?)`", r"<code>\1</code>", escaped), escape=True)


def markdown_html(text: str, title: str = "", images: Mapping[str, bytes] | None = None) -> str:
    """A standalone HTML page of a Markdown text (the subset :func:`markdown_blocks` reads);
    an image whose source is in ``images`` (PNG bytes) is embedded in the page."""
    body: list[str] = []
    for kind, value in markdown_blocks(text):
        if kind == "image":
            data = (images or {}).get(value[1])
            source = (f"data:image/png;base64,{base64.b64encode(data).decode('ascii')}"
                      if data is not None else value[1])
            body.append(f'<p><img alt="{html_text(value[0])}" src="{html_text(source)}" '
                        'style="max-width:100%"></p>')
        elif kind == "heading":
            body.append(f"<h{value[0]}>{_inline_html(value[1])}</h{value[0]}>")
        elif kind == "table":
            head, *rest = value
            body.append("<table><thead><tr>" + "".join(
                f"<th>{_inline_html(c)}</th>" for c in head) + "</tr></thead><tbody>" + "".join(
                "<tr>" + "".join(f"<td>{_inline_html(c)}</td>" for c in row) + "</tr>"
                for row in rest) + "</tbody></table>")
        elif kind in ("bullet", "number"):
            body.append(f"<ul><li>{_inline_html(value)}</li></ul>")
        else:
            body.append(f"<p>{_inline_html(value)}</p>")
    style = ("body{font-family:sans-serif;max-width:60em;margin:auto}table{border-collapse:"
             "collapse;margin:1em 0}td,th{border:1px solid #999;padding:.2em .4em;"
             "vertical-align:top}")
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{html_text(title)}"
            f"</title><style>{style}</style></head><body>\n" + "\n".join(body) +
            "\n</body></html>\n")


def markdown_docx(text: str, path: Path, images: Mapping[str, bytes] | None = None) -> None:
    """Write a Markdown text to ``path`` as DOCX (atomically); images as in
    :func:`markdown_html`."""
    document = Document()
    _add_markdown(document, text, images)
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
                document.add_paragraph(xml_chars(line))
    write_atomic(path, lambda tmp: document.save(str(tmp)))


__all__ = [
    "markdown_blocks", "markdown_docx", "markdown_html", "notebook_docx", "notebook_html",
    "write_html",
]
