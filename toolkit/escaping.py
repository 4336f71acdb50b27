"""User text made safe for each place it is written: the one module every renderer uses.

A scheme, a case, a bank or a trainee's name is text written by someone else. Each target
has its own way to turn text into markup, and the same escape for all of them:

* HTML (:func:`html_text`, :func:`html_lines`): ``<script>`` shows as those characters;
  quotes are escaped too, so the text is safe inside an attribute.
* Markdown (:func:`markdown_text`): every character that could start markup — emphasis,
  links, inline HTML, tables — is backslash-escaped, so ``[x](javascript:…)`` shows as
  written and never becomes a link.
* XML, hence DOCX (:func:`xml_chars`, :func:`xml_text`): control characters XML 1.0 does
  not allow are dropped (Word refuses a file holding one), ``<``/``&`` escaped.
* XLSX (:func:`xlsx_value`, :func:`xlsx_cell`): a text starting with ``= + - @``, a tab or
  a carriage return is stored as *text* with Excel's quote prefix, so a spreadsheet program
  never runs it as a formula and reading the file back gives the text unchanged.

JSON needs nothing of this: :func:`json.dumps` writes text as data.
"""

from __future__ import annotations

import html
import re
from typing import Any
from xml.sax.saxutils import escape as _xml_escape

_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]|<>~&])")
#: Characters XML 1.0 does not allow (C0 controls but tab, LF, CR; lone surrogates;
#: U+FFFE and U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: How a spreadsheet program recognises a formula (or a DDE command) typed into a cell.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def html_text(text: object) -> str:
    """``text`` escaped for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


def html_lines(text: object) -> str:
    """``text`` escaped for HTML, its line breaks as ``<br>``."""
    return html_text(text).replace("\n", "<br>")


def markdown_text(text: object) -> str:
    """``text`` as literal Markdown (no emphasis, link, HTML, code or table starts in it).
    A ``#`` or ``1.`` at the start of a line could still make a heading or a list:
    harmless, as nothing runs and every character shows."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", str(text))


def xml_chars(text: object) -> str:
    """``text`` without the characters XML 1.0 does not allow (so Word, LibreOffice and
    openpyxl accept it); everything else unchanged."""
    return _NOT_XML.sub("", str(text))


def xml_text(text: object) -> str:
    """``text`` as XML character data: allowed characters only, ``< > &`` escaped."""
    return _xml_escape(xml_chars(text))


def looks_like_formula(value: object) -> bool:
    """Whether a spreadsheet program would take ``value`` typed into a cell as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def xlsx_value(value: Any) -> Any:
    """A value openpyxl may write: text without characters XML forbids; other values as
    they are. (Whether it is stored as text is :func:`xlsx_cell`'s business.)"""
    return xml_chars(value) if isinstance(value, str) else value


def _as_text(cell: Any) -> Any:
    if looks_like_formula(cell.value):
        cell.data_type = "s"  # openpyxl took it for a formula
        cell.quotePrefix = True  # and Excel/LibreOffice keep it text when it is edited
    return cell


def xlsx_cell(sheet: Any, row: int, column: int, value: Any) -> Any:
    """Set the cell at (``row``, ``column``) of an openpyxl sheet to ``value``; text is
    always stored as text (never as a formula). Returns the cell."""
    return _as_text(sheet.cell(row=row, column=column, value=xlsx_value(value)))


def xlsx_set(cell: Any, value: Any) -> Any:
    """Set an existing openpyxl cell (``sheet["A1"]``) to ``value`` as :func:`xlsx_cell`
    does. Returns the cell."""
    cell.value = xlsx_value(value)
    return _as_text(cell)


def xlsx_row(sheet: Any, values: list[Any]) -> list[Any]:
    """Cells for ``sheet.append`` of a write-only sheet: text always stored as text."""
    from openpyxl.cell import WriteOnlyCell

    return [_as_text(WriteOnlyCell(sheet, value=xlsx_value(value))) for value in values]


__all__ = [
    "FORMULA_START",
    "html_lines",
    "html_text",
    "looks_like_formula",
    "markdown_text",
    "xlsx_cell",
    "xlsx_row",
    "xlsx_set",
    "xlsx_value",
    "xml_chars",
    "xml_text",
]
