"""Generated forms, read back with an HTML parser and python-docx."""

from __future__ import annotations

import json

import pytest

from toolkit.exporters import export_documents
from toolkit.exporters.html import render_html
from toolkit.instruments import (
    VERSIONS,
    AssessmentDetails,
    InstrumentBank,
    generate,
    list_instruments,
)

from .instrument_readers import HOSTILE, assert_in_order, docx_column, docx_text, parse_html

DETAILS = AssessmentDetails(date="2 Mei 2024", tuk="TUK Sewaktu LSP", assessor="Budi Santoso",
                            assessor_reg="MET.000.010629 2017", candidate="Siti Aminah")


@pytest.fixture(scope="module")
def selected(scheme) -> list[str]:
    """Two units that are not next to each other, in scheme order."""
    return [scheme.units[1].code, scheme.units[4].code]


@pytest.mark.parametrize("version", VERSIONS)
def test_ia01_lists_every_selected_kuk_in_order_in_the_kuk_column(
        scheme, bank, selected, version, tmp_path):
    documents = generate(scheme, "FR.IA.01", selected, bank, DETAILS, template=version)
    expected = [f"{ref.label}. {ref.text}" for ref in scheme.iter_criteria(selected)]
    others = [ref.text for ref in scheme.iter_criteria() if ref.unit.code not in selected]
    [html_path] = export_documents(documents, tmp_path / "ia01.html")
    [docx_path] = export_documents(documents, tmp_path / "ia01.docx")
    parsed = parse_html(html_path.read_text(encoding="utf-8"))
    html_kuk = parsed.cells[("observation", "kuk")]
    assert html_kuk == expected
    label = documents[0].tables()[0].columns[2].label
    docx_kuk = docx_column(docx_path, label)
    assert docx_kuk == expected
    assert not any(text in "\n".join(html_kuk + docx_kuk) for text in others)
    elements = [cell for cell in parsed.cells[("observation", "element")] if cell]
    assert elements == [e.title for code in selected for e in scheme.unit(code).elements]


def test_apl02_lists_every_kuk_under_its_element(scheme, selected, tmp_path):
    documents = generate(scheme, "FR.APL.02", selected, details=DETAILS)
    expected = [ref.text for ref in scheme.iter_criteria(selected)]
    [html_path] = export_documents(documents, tmp_path / "apl02.html")
    [docx_path] = export_documents(documents, tmp_path / "apl02.docx")
    parsed = parse_html(html_path.read_text(encoding="utf-8"))
    assert_in_order(parsed.cells[("self", "question")], expected)
    assert_in_order(docx_column(docx_path, "Dapatkah Saya ……?"), expected)
    rows = parsed.cells[("self", "question")]
    assert len(rows) == sum(len(scheme.unit(code).elements) for code in selected)


def test_header_block_in_html_and_docx(scheme, tmp_path):
    documents = generate(scheme, "FR.AK.02", details=DETAILS)
    [html_path] = export_documents(documents, tmp_path / "ak02.html")
    [docx_path] = export_documents(documents, tmp_path / "ak02.docx")
    html_text = " ".join(parse_html(html_path.read_text(encoding="utf-8")).text)
    word_text = docx_text(docx_path)
    for value in (scheme.title, scheme.code, DETAILS.tuk, DETAILS.assessor, DETAILS.candidate,
                  DETAILS.date, DETAILS.assessor_reg, "Skema Sertifikasi (KKNI/Okupasi/Klaster)",
                  "Nama Asesor", "Nama Asesi", "Tanggal", "TUK", "No. Reg"):
        assert value in html_text and value in word_text, value
    units = docx_column(docx_path, "Unit Kompetensi")
    assert units == ["Kelompok Pekerjaan 1", *(f"{u.code}\n{u.title}" for u in scheme.units)]


@pytest.mark.parametrize("code", [i.code for i in list_instruments()])
def test_markup_in_scheme_texts_prints_as_text(hostile_scheme, code, tmp_path):
    bank = InstrumentBank()
    bank.add_question("J.620100.004.02", "oral", f"Tanya {HOSTILE}", ["1.1"], f"Jawab {HOSTILE}")
    bank.add_question("J.620100.004.02", "supporting", f"Dukung {HOSTILE}", ["1.1"])
    bank.add_question("J.620100.004.02", "multiple_choice", f"Pilih {HOSTILE}", ["1.1"], "a",
                      [f"opsi {HOSTILE}", "opsi dua"])
    details = AssessmentDetails(candidate=f"Asesi {HOSTILE}", assessor="A <u>B</u>")
    documents = generate(hostile_scheme, code, None, bank, details)
    paths = export_documents(documents, tmp_path / f"{code}.html")
    docx_paths = export_documents(documents, tmp_path / f"{code}.docx")
    for html_path, docx_path in zip(paths, docx_paths, strict=True):
        parsed = parse_html(html_path.read_text(encoding="utf-8"))
        assert not {"script", "b", "i", "u"} & set(parsed.tags)
        text = "".join(parsed.text)
        assert HOSTILE in text
        assert HOSTILE in docx_text(docx_path)


@pytest.mark.parametrize(("code", "table"), [("FR.IA.03", "questions"),
                                             ("FR.IA.07", "questions"),
                                             ("FR.IA.05", "questions")])
def test_units_without_questions_get_a_placeholder_never_invented_content(scheme, code, table):
    documents = generate(scheme, code, None, InstrumentBank())
    tables = documents[0].tables(table)
    assert len(tables) == scheme.unit_count
    for found in tables:
        assert [row.kind for row in found.rows] == ["placeholder"]
        assert "bank instrumen" in found.rows[0].text.lower()


def test_questions_come_from_the_bank(scheme, bank):
    unit = "J.620100.004.02"
    [ia07] = generate(scheme, "FR.IA.07", [unit], bank)
    rows = ia07.tables("questions")[0].rows
    oral = bank.questions(unit, "oral")
    assert [row.cells["question"].split("\n")[0] for row in rows] == [q.text for q in oral]
    assert [row.cells["answer"] for row in rows] == [q.answer for q in oral]
    [ia03] = generate(scheme, "FR.IA.03", [unit, "J.620100.017.02"], bank)
    kinds = [[row.kind for row in table.rows] for table in ia03.tables("questions")]
    assert kinds == [["data"] * len(bank.questions(unit, "supporting")), ["placeholder"]]


def test_ia05_is_questions_answer_key_and_answer_sheet(scheme, bank, tmp_path):
    units = ["J.620100.004.02", "J.620100.005.02"]
    documents = generate(scheme, "FR.IA.05", units, bank)
    assert [doc.slug for doc in documents] == ["FR.IA.05.A", "FR.IA.05.B", "FR.IA.05.C"]
    mc = [q for code in units for q in bank.questions(code, "multiple_choice")]
    key = documents[1].tables("key")[0]
    assert [row.cells["answer"][0] for row in key.rows] == [q.answer for q in mc]
    assert len(documents[2].tables("answers")[0].rows) == len(mc)
    question_page = render_html(documents[0])
    assert all(q.text in question_page for q in mc)
    assert "Kunci Jawaban" not in question_page  # the key never reaches the asesi's sheet
    paths = export_documents(documents, tmp_path / "ia05.docx")
    assert [p.name for p in paths] == ["ia05.docx", "ia05.B.docx", "ia05.C.docx"]
    assert all(p.stat().st_size > 0 for p in paths)


def test_ak01_ticks_the_evidence_of_the_chosen_methods(scheme, bank):
    [doc] = generate(scheme, "FR.AK.01", ["J.620100.011.01"], bank)  # methods: CL, DPL
    lines = [b.text for b in doc.blocks if getattr(b, "style", "") == "guide"]
    ticked = [line for line in lines if line.startswith("☑")]
    assert ticked == ["☑ Hasil Observasi Langsung", "☑ Hasil Pertanyaan Lisan"]


def test_grouped_layout_follows_kelompok_pekerjaan(scheme):
    data = scheme.to_data()
    data["groups"] = [{"name": "Pemrograman", "units": [scheme.units[4].code,
                                                        scheme.units[0].code]}]
    grouped = type(scheme).model_validate(data)
    [new] = generate(grouped, "FR.IA.01", template="2023")
    headings = [b.text for b in new.blocks if getattr(b, "style", "") == "heading"]
    assert headings[1:] == ["Kelompok Pekerjaan 1: Pemrograman", "Kelompok Pekerjaan 2"]
    units = [b.items[0].value for b in new.blocks if getattr(b, "items", None)
             and b.items[0].label == "Kode Unit"]
    assert units[:2] == [scheme.units[0].code, scheme.units[4].code]
    [old] = generate(grouped, "FR.IA.01", template="2020")
    assert not any("Kelompok Pekerjaan" in getattr(b, "text", "") for b in old.blocks)


def test_json_export_holds_the_document_model(scheme, bank, tmp_path):
    [path] = export_documents(generate(scheme, "FR.IA.01", None, bank), tmp_path / "ia01.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["code"] == "FR.IA.01" and data["template"] == "2023" and data["lang"] == "id"
    tables = [b for b in data["blocks"] if b["kind"] == "table"]
    assert len(tables) == scheme.unit_count
    refs = [row["ref"] for table in tables for row in table["rows"]]
    assert refs == scheme.criterion_ids()


def test_unknown_unit_is_named(scheme):
    with pytest.raises(ValueError, match=r"J\.999"):
        generate(scheme, "FR.IA.01", ["J.999"])


def test_unknown_export_type_names_the_known_ones(scheme, tmp_path):
    with pytest.raises(ValueError, match=r"\.docx"):
        export_documents(generate(scheme, "FR.AK.03"), tmp_path / "x.pdf")
