"""FR.IA.01 through Chromium's print path: A4 PDF, and no table wider than the page."""

from __future__ import annotations

import re

import pytest

from toolkit.exporters import export_documents
from toolkit.instruments import VERSIONS, AssessmentDetails, generate

pytestmark = pytest.mark.browser
PRINTABLE_PX = round((210 - 2 * 12) / 25.4 * 96)  # A4 minus the @page margins, CSS px


@pytest.mark.parametrize("version", VERSIONS)
def test_ia01_prints_on_a4_without_cut_columns(chromium, scheme, bank, version, tmp_path):
    details = AssessmentDetails(date="2 Mei 2024", tuk="TUK Sewaktu", assessor="Budi Santoso",
                                assessor_reg="MET.000.010629 2017", candidate="Siti Aminah")
    documents = generate(scheme, "FR.IA.01", None, bank, details, template=version)
    [html_path] = export_documents(documents, tmp_path / "ia01.html")
    page = chromium.new_page(viewport={"width": PRINTABLE_PX, "height": 1100})
    try:
        page.goto(html_path.as_uri())
        page.emulate_media(media="print")
        page.wait_for_selector("table.grid")
        widths = page.eval_on_selector_all(
            "table", "ts => ts.map(t => [t.scrollWidth, t.clientWidth])")
        assert len(widths) > scheme.unit_count
        assert all(scroll <= client <= PRINTABLE_PX for scroll, client in widths), widths
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= PRINTABLE_PX
        cells = page.eval_on_selector_all(
            "td[data-col], th", "cs => cs.filter(c => c.scrollWidth > c.clientWidth + 1).length")
        assert cells == 0  # no cell text cut off either
        pdf_path = tmp_path / "ia01.pdf"
        page.pdf(path=str(pdf_path), format="A4", print_background=True)
        page.screenshot(path=str(tmp_path / "ia01.png"), full_page=True)
    finally:
        page.close()
    pdf = pdf_path.read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes, "no page in the PDF"
    assert len(boxes) >= 2  # 68 KUK do not fit on one page
    for width, height in boxes:
        assert abs(float(width) - 595.3) < 2 and abs(float(height) - 841.9) < 2  # A4 in points
    assert (tmp_path / "ia01.png").stat().st_size > 0
