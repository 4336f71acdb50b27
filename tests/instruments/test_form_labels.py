"""Every built-in form, per template version, read back from its DOCX and its HTML.

Title, header-block labels (in order, right below the title), the column headers of
every table and the sign-off blocks (in order, after the form's body) must equal the
fixture table ``form_fixtures.FORMS``, which cites a source for each label.
"""

from __future__ import annotations

import pytest

from toolkit.exporters import export_documents
from toolkit.instruments import AssessmentDetails, list_instruments, load_templates

from .form_fixtures import FORMS, SOURCES
from .instrument_readers import docx_events, html_events

DETAILS = AssessmentDetails(date="2 Mei 2024", tuk="Sewaktu", assessor="Budi Santoso",
                            assessor_reg="MET.000.010629 2017", candidate="Siti Aminah")
PREPARER_TABLES = {"STATUS | NO | NAMA | NOMOR MET | TANDA TANGAN DAN TANGGAL",
                   "Nama | Jabatan | Tandatangan", "Nama | Jabatan | Tanggal dan Tandatangan"}
CASES = [(version, code) for version, forms in FORMS.items() for code in forms]


def _texts(labels: list[tuple[str, str]]) -> list[str]:
    return [text for text, _source in labels]


def _read(events: list[tuple[str, object]]) -> dict[str, object]:
    """Title, header labels (the field list right after the title), grids and the sign-off."""
    grids = [(k, v) for k, v in events if k == "grid"]
    labels = [v[1] if isinstance(v, tuple) else v for _k, v in grids]
    start = 1 + (events[1][0] == "heading")  # a part's subtitle (A. Soal) sits under the title
    header = events[start][1] if events[start][0] == "fields" else []
    body_end = max((n for n, (k, v) in enumerate(events) if k == "fields"
                    or (k == "grid" and " | ".join(v[1] if isinstance(v, tuple) else v)
                        not in PREPARER_TABLES)), default=0)
    signoff = []
    for kind, value in events[body_end + 1:]:
        if kind in ("role", "heading"):
            signoff.append(value)
        elif kind == "grid":
            signoff.append(" | ".join(value[1] if isinstance(value, tuple) else value))
    return {"title": events[0][1], "header": header, "grids": labels, "signoff": signoff}


@pytest.mark.parametrize(("version", "code"), CASES)
def test_form_prints_its_official_labels_in_docx_and_html(scheme, bank, version, code,
                                                           tmp_path):
    expected = FORMS[version][code]
    instrument = next(i for i in list_instruments() if i.code == code)
    documents = instrument.generate(scheme, None, bank, DETAILS, template=version, lang="id")
    assert [doc.part for doc in documents] == list(expected["parts"])
    for document in documents:
        want = expected["parts"][document.part]
        [html_path] = export_documents([document], tmp_path / f"{document.slug}.html")
        [docx_path] = export_documents([document], tmp_path / f"{document.slug}.docx")
        [html] = html_events(html_path.read_text(encoding="utf-8"))
        for events in (html, docx_events(docx_path)):
            read = _read(events)
            assert read["title"] == f"{code}. {expected['title'][0]}"
            assert read["header"] == _texts(want["header"])
            assert {tuple(labels) for labels in read["grids"]
                    if " | ".join(labels) not in PREPARER_TABLES} == {
                tuple(_texts(labels)) for labels in want["tables"].values()}
            assert read["signoff"] == _texts(want["signoff"])
        keyed = {value[0]: value[1] for kind, value in html if kind == "grid"}
        for key, labels in want["tables"].items():
            assert keyed[key] == _texts(labels), key  # the HTML says which table is which


def test_every_label_of_the_fixture_table_cites_a_known_source():
    for forms in FORMS.values():
        for entry in forms.values():
            labels = [entry["title"]]
            for part in entry["parts"].values():
                labels += part["header"] + part["signoff"]
                labels += [label for table in part["tables"].values() for label in table]
            assert all(source in SOURCES for _text, source in labels), labels


@pytest.mark.parametrize("version", FORMS)
def test_every_builtin_form_of_a_version_is_in_the_fixture_table(version):
    layouts = load_templates(version)
    codes = {i.code for i in list_instruments() if i.template is None and layouts.has(i.code)}
    assert codes == set(FORMS[version])
    assert len(codes) >= 22
