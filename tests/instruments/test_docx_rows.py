"""DOCX tables as printed forms keep them: rows never split, headers repeat, elements merged.

The LibreOffice test converts the whole kit of a 750-KUK scheme to PDF (one
``soffice --headless --convert-to pdf`` run) and reads FR.IA.01 page by page with
poppler's ``pdftotext``: each KUK's text, tagged at both ends, starts and ends on
the same page.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn

from toolkit.exporters import export_documents
from toolkit.exporters.html import render_html
from toolkit.instruments import AssessmentDetails, InstrumentBank, generate, list_instruments
from toolkit.scheme import Scheme
from toolkit.synthetic import make_large_scheme

from .instrument_readers import docx_column


def _rows(path):
    return [row for table in Document(str(path)).tables for row in table.rows]


def test_no_row_splits_headers_repeat_and_elements_merge_down(scheme, bank, tmp_path):
    unit = scheme.units[0]
    [path] = export_documents(generate(scheme, "FR.IA.01", [unit.code], bank), tmp_path / "a.docx")
    rows = _rows(path)
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)
    [grid] = [t for t in Document(str(path)).tables if len(t.columns) == 7]
    headers = [r for r in grid.rows if r._tr.trPr.find(qn("w:tblHeader")) is not None]
    assert len(headers) == 2  # "Pencapaian" above "Ya" and "Tidak"
    merges = []
    for row in grid.rows[2:]:
        v_merge = row._tr.tc_lst[1].tcPr.find(qn("w:vMerge"))
        merges.append(None if v_merge is None else v_merge.get(qn("w:val"), "continue"))
    expected = []
    for element in unit.elements:
        count = len(element.criteria)
        expected += ["restart", *["continue"] * (count - 1)] if count > 1 else [None]
    assert merges == expected
    cells = docx_column(path, "Elemen")  # python-docx repeats a merged cell's text
    elements = [cell for n, cell in enumerate(cells) if n == 0 or cell != cells[n - 1]]
    assert elements == [element.title for element in unit.elements]


def _tagged_large_scheme() -> Scheme:
    """The 750-KUK synthetic scheme, each KUK's text doubled and tagged at both ends."""
    data = make_large_scheme().to_data()
    number = 0
    for unit in data["units"]:
        for element in unit["elements"]:
            tagged = []
            for text in element["criteria"]:
                number += 1
                text = text["text"] if isinstance(text, dict) else text
                tagged.append(f"K{number:03d}A {text} {text} K{number:03d}Z")
            element["criteria"] = tagged
    return Scheme.model_validate(data)


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="needs LibreOffice and poppler-utils (make system-deps)")
def test_libreoffice_prints_every_kuk_of_a_750_kuk_scheme_on_one_page(tmp_path):
    scheme = _tagged_large_scheme()
    details = AssessmentDetails(date="2 Mei 2024", tuk="Sewaktu", assessor="Budi Santoso",
                                assessor_reg="MET.000.010629 2017", candidate="Siti Aminah")
    folder = tmp_path / "kit"
    written = []
    for instrument in list_instruments():
        documents = instrument.generate(scheme, None, InstrumentBank(), details)
        written += export_documents(documents, folder / f"{instrument.code}.docx")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"),
                    *map(str, written)], check=True, capture_output=True, timeout=600)
    pdfs = {path.stem: tmp_path / "pdf" / f"{path.stem}.pdf" for path in written}
    assert all(pdf.stat().st_size > 0 for pdf in pdfs.values())  # the whole kit converts
    text = subprocess.run(["pdftotext", str(pdfs["FR.IA.01"]), "-"], check=True,
                          capture_output=True, text=True).stdout
    pages = text.split("\f")
    assert len(pages) > 20
    start = {tag: n for n, page in enumerate(pages) for tag in re.findall(r"K\d{3}A", page)}
    end = {tag: n for n, page in enumerate(pages) for tag in re.findall(r"K\d{3}Z", page)}
    assert len(start) == len(end) == scheme.criterion_count  # no row lost
    split = [tag for tag in start if end[tag.replace("A", "Z")] != start[tag]]
    assert split == []  # each KUK starts and ends on the same page

    def squash(value: str) -> str:  # pdftotext joins wrapped lines and drops hyphens at breaks
        return re.sub(r"[\s-]", "", value)

    flat = [squash(page) for page in pages]
    missing = [ref.id for ref in scheme.iter_criteria()
               if squash(f"{ref.label}. {ref.text}") not in flat[start[ref.text[:5]]]]
    assert missing == []  # and its whole text is on that page


def test_html_merges_the_element_cell_down_too(scheme, bank):
    unit = scheme.units[1]
    page = render_html(generate(scheme, "FR.IA.01", [unit.code], bank))
    cells = re.findall(r'<td data-col="element"(?: rowspan="(\d+)")?>([^<]*)</td>', page)
    assert [(int(span or 1), text) for span, text in cells] == [
        (len(element.criteria), element.title) for element in unit.elements]
