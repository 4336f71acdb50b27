"""``toolkit.escaping``, the one place user text is escaped: each target's rule, and the
files written with it (a DOCX with control characters opens; XLSX text stays text)."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from openpyxl import Workbook, load_workbook

from toolkit.escaping import (
    html_lines,
    html_text,
    looks_like_formula,
    markdown_text,
    xlsx_cell,
    xlsx_row,
    xml_chars,
    xml_text,
)
from toolkit.exporters.docx import write_docx
from toolkit.instruments.model import FormDocument, Text

CONTROL = "bel\x07 vt\x0b nul\x00 ff\x0c esc\x1b ok"


def test_each_target_escapes_what_starts_its_markup() -> None:
    assert html_text('<a href="x">\'&') == "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;"
    assert html_lines("a<b\nc") == "a&lt;b<br>c"
    assert markdown_text("[x](javascript:alert(1)) *b* <i>") == \
        r"\[x\](javascript:alert(1)) \*b\* \<i\>"
    assert xml_chars(CONTROL) == "bel vt nul ff esc ok"
    assert xml_text("<w:t>\x01&") == "&lt;w:t&gt;&amp;"
    assert [looks_like_formula(v) for v in ("=1", "+1", "-2", "@SUM(1)", "\tx", "\rx", "1-2",
                                            "a=b", 5)] == [True] * 6 + [False] * 3


def test_a_docx_with_control_characters_opens_and_keeps_the_rest(tmp_path: Path) -> None:
    document = FormDocument(code="FR.X.01", title=f"judul {CONTROL}", template="2020",
                            lang="id", footer=CONTROL,
                            blocks=[Text(text=f"<script>alert(1)</script> {CONTROL}")])
    write_docx(document, tmp_path / "x.docx")
    text = "\n".join(p.text for p in Document(str(tmp_path / "x.docx")).paragraphs)
    assert "<script>alert(1)</script> bel vt nul ff esc ok" in text


def test_xlsx_text_is_stored_as_text_in_both_kinds_of_workbook(tmp_path: Path) -> None:
    values = ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(1)", "\tx", "plain", 3, None, CONTROL]
    normal = Workbook()
    for column, value in enumerate(values, start=1):
        xlsx_cell(normal.active, 1, column, value)
    normal.save(tmp_path / "normal.xlsx")
    fast = Workbook(write_only=True)
    sheet = fast.create_sheet("s")
    sheet.append(xlsx_row(sheet, values))
    fast.save(tmp_path / "fast.xlsx")
    expected = [*values[:-1], xml_chars(CONTROL)]
    for name in ("normal.xlsx", "fast.xlsx"):
        cells = next(load_workbook(tmp_path / name).worksheets[0].iter_rows())
        assert [c.value for c in cells] == expected
        assert [c.quotePrefix for c in cells[:5]] == [True] * 5
        assert all(c.data_type != "f" for c in cells)
