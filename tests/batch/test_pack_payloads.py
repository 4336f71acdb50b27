"""Scheme and case text is shown as written in the packs: no script runs, no markup works.

A scheme whose every text holds the classic payloads (a ``<script>``, an ``<iframe>`` with a
``javascript:`` URL, a Markdown link to ``javascript:``, ``{{7*7}}``, emphasis) is made
into a pack; the trainee sections rendered by nbconvert as the batch renders them, and the
trainer pack, are opened in Debian Chromium: no dialog opens and the text is literal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
import pytest
from docx import Document

from toolkit.scheme import Scheme
from toolkit.schemeio import read_scheme, sample_scheme_path
from training.batch.export import notebook_docx, notebook_html
from training.pack import Pack, build_pack

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAYLOADS = ("<script>alert('S')</script>", "<iframe src=javascript:alert('F')></iframe>",
            "[x](javascript:alert('md'))", "{{7*7}}", "*tebal* dan <b>b</b>")
LITERAL = "{{7*7}}"


def _hostile(scheme: Scheme) -> Scheme:
    unit = scheme.units[0]
    data = unit.model_dump()
    data["title"] = f"{unit.title} {PAYLOADS[0]}"
    data["description"] = f"{PAYLOADS[2]} {PAYLOADS[3]}"
    data["elements"][0]["title"] += f" {PAYLOADS[4]}"
    data["elements"][0]["criteria"][0] = f"{data['elements'][0]['criteria'][0]} {PAYLOADS[1]}"
    hostile = type(unit).model_validate(data)
    return scheme.model_copy(update={"title": f"JWP {PAYLOADS[3]}", "units": [hostile]})


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> tuple[Pack, Path]:
    out = tmp_path_factory.mktemp("hostile")
    made = build_pack(scheme=_hostile(read_scheme(sample_scheme_path())), cases=1,
                      language="en", out_dir=out)
    return made, out


def _as_notebook(made: Pack) -> Any:
    """The trainee sections as the executed notebook holds them (Markdown outputs)."""
    nb = nbformat.v4.new_notebook()
    for section in (made.intro, made.cases, made.exercise):
        cell = nbformat.v4.new_code_cell("pack.section")
        cell.outputs = [nbformat.v4.new_output("display_data",
                                               data={"text/markdown": str(section)})]
        nb.cells.append(cell)
    return nb


def _open(chromium: Any, page_file: Path) -> tuple[list[str], str]:
    page = chromium.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    text = page.inner_text("body")
    page.close()
    return dialogs, text


def test_no_payload_runs_and_each_shows_as_written(pack: tuple[Pack, Path], chromium: Any,
                                                  tmp_path: Path) -> None:
    made, out = pack
    trainee = tmp_path / "trainee.html"
    nb = _as_notebook(made)
    trainee.write_text(notebook_html(nb), encoding="utf-8")
    for page_file in (trainee, out / "trainer" / "trainer-pack.html"):
        dialogs, text = _open(chromium, page_file)
        assert dialogs == [], page_file.name
        for payload in PAYLOADS:
            assert payload in text, (page_file.name, payload)
    notebook_docx(nb, tmp_path / "trainee.docx")
    for docx in (tmp_path / "trainee.docx", out / "trainer" / "trainer-pack.docx"):
        document = Document(str(docx))
        body = "\n".join([p.text for p in document.paragraphs] + [
            cell.text for table in document.tables for row in table.rows for cell in row.cells])
        for payload in PAYLOADS:
            assert payload in body, (docx.name, payload)
