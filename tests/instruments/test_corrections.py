"""The corrections of issue 13, each read back from the rendered DOCX and HTML.

Label text and position: the guidance of FR.IA.07 in order under its heading, the
candidate's instruction of FR.IA.05 A outside the assessor's guidance, "Tanggapan:"
under each FR.IA.03 question, the FR.AK.01 evidence list of each version, FR.AK.02's
guidance and LAMPIRAN DOKUMEN, the FR.MAPA.02 matrix from the bank, the TUK choice.
"""

from __future__ import annotations

import pytest

from toolkit.exporters import export_documents
from toolkit.instruments import AssessmentDetails, InstrumentBank, generate

from .instrument_readers import (
    docx_column,
    docx_lines,
    html_lines,
    parse_html,
)

UNIT = "J.620100.004.02"


def _at(lines: list[str], prefix: str) -> int:
    """The index of the first line that starts with ``prefix``."""
    return next(n for n, line in enumerate(lines) if line.startswith(prefix))


def _both(documents, tmp_path, name):
    """Per document: (HTML text lines, DOCX lines, parsed HTML)."""
    html = export_documents(documents, tmp_path / f"{name}.html")
    word = export_documents(documents, tmp_path / f"{name}.docx")
    return [(html_lines(h.read_text(encoding="utf-8")), docx_lines(d),
             parse_html(h.read_text(encoding="utf-8"))) for h, d in zip(html, word, strict=True)]


IA07_2020 = [
    "PANDUAN BAGI ASESOR", "Instruksi:",
    "Pertanyaan lisan merupakan jenis bukti tambahan untuk mendukung bukti-bukti yang sudah ada.",
    "Buatlah pertanyaan lisan yang dapat mencakupi penguatan informasi berdasarkan KUK, batasan "
    "variabel, pengetahuan dan ketrampilan esensial, sikap dan aspek kritis.",
    "Perkiraan jawaban dapat dibuat pada lembar lain.",
    "Tanggapan/penilaian dapat diisi dengan centang (v) pada kolom K (kompeten) atau BK (belum "
    "kompeten). Dibutuhkan jastifikasi profesional asesor untuk memutuskan hal ini.",
    "Unit Kompetensi"]
IA07_2023 = [
    "PANDUAN BAGI ASESOR",
    "Pertanyaan lisan merupakan jenis bukti tambahan untuk mendukung bukti-bukti yang sudah ada.",
    "Buatlah pertanyaan lisan yang dapat mencakupi penguatan informasi berdasarkan KUK, batasan "
    "variabel, pengetahuan dan ketrampilan esensial, sikap dan aspek kritis.",
    "Perkiraan jawaban dapat diisikan pada baris kunci jawaban.",
    "Tanggapan/penilaian dapat diisi dengan centang (✓) pada kolom Asesi “Ya” atau ”Tidak”.",
    "Dibutuhkan jastifikasi profesional asesor untuk memutuskan hal ini.", "Kelompok Pekerjaan 1"]


@pytest.mark.parametrize(("version", "expected"), [("2020", IA07_2020), ("2023", IA07_2023)])
def test_ia07_guidance_is_the_standard_text_in_order_under_its_heading(
        scheme, bank, version, expected, tmp_path):
    [(html, word, _parsed)] = _both(generate(scheme, "FR.IA.07", [UNIT], bank,
                                             template=version), tmp_path, "ia07")
    for lines in (html, word):
        start = lines.index("PANDUAN BAGI ASESOR")
        assert lines[start:start + len(expected)] == expected  # consecutive, nothing between
        assert not any("penyimpangan" in line for line in lines)
        assert lines.index("Penyusun dan Validator") > _at(lines, "No. Reg")  # after signers


@pytest.mark.parametrize("code", ["FR.IA.05", "FR.IA.06"])
def test_written_sheet_a_gives_the_candidate_instruction_outside_the_assessor_guidance(
        scheme, bank, code, tmp_path):
    sheets = _both(generate(scheme, code, [UNIT], bank), tmp_path, code)
    html, word, _parsed = sheets[0]
    for lines in (html, word):
        assert "PANDUAN BAGI ASESOR" not in lines
        instruction = next(n for n, line in enumerate(lines) if line.startswith("Jawablah"))
        assert lines.index("Tanggal") < instruction < lines.index("Soal")
        assert lines.index("Soal") < lines.index("Penyusun dan Validator")


def test_ia03_2020_leaves_room_for_the_answer_under_each_question(scheme, bank, tmp_path):
    documents = generate(scheme, "FR.IA.03", [UNIT], bank, template="2020")
    [(_html, _word, parsed)] = _both(documents, tmp_path, "ia03")
    questions = bank.questions(UNIT, "supporting")
    cells = parsed.cells[("questions", "question")]
    word_cells = docx_column(tmp_path / "ia03.docx", "Pertanyaan")
    for found in (cells, word_cells):
        assert len(found) == len(questions)
        for cell, question in zip(found, questions, strict=True):
            lines = cell.split("\n")
            assert lines[0] == question.text and lines[-1] == "Tanggapan:"
    [new] = generate(scheme, "FR.IA.03", [UNIT], bank, template="2023")
    assert "Tanggapan:" not in new.tables("questions")[0].rows[0].cells["question"]


AK01 = {
    "2020": ["TL : Verifikasi Portofolio", "L : Observasi Langsung", "T : Hasil Tes Tulis",
             "T : Hasil Tes Lisan", "T : Hasil Wawancara"],
    "2023": ["Hasil Verifikasi Portofolio", "Hasil Reviu Produk", "Hasil Observasi Langsung",
             "Hasil Kegiatan Terstruktur", "Hasil Pertanyaan Lisan", "Hasil Pertanyaan Tertulis",
             "Hasil Pertanyaan Wawancara", "Lainnya"],
}


@pytest.mark.parametrize("version", AK01)
def test_ak01_lists_the_evidence_of_its_version_in_order_ticked_from_the_bank(
        scheme, bank, version, tmp_path):
    documents = generate(scheme, "FR.AK.01", ["J.620100.011.01"], bank, template=version)
    [(html, word, _parsed)] = _both(documents, tmp_path, "ak01")  # methods: CL, DPL
    ticked = {"2020": {"L : Observasi Langsung", "T : Hasil Tes Lisan"},
              "2023": {"Hasil Observasi Langsung", "Hasil Pertanyaan Lisan"}}[version]
    for lines in (html, word):
        start = lines.index("Bukti yang akan dikumpulkan:")
        items = lines[start + 1:start + 1 + len(AK01[version])]
        assert [line[2:] for line in items] == AK01[version]
        assert {line[2:] for line in items if line.startswith("☑")} == ticked


@pytest.mark.parametrize("version", ["2020", "2023"])
def test_ak02_guidance_record_and_attachments(scheme, bank, version, tmp_path):
    data = scheme.to_data()
    data["groups"] = [{"name": "Pemrograman", "units": [scheme.units[1].code,
                                                        scheme.units[0].code]}]
    grouped = type(scheme).model_validate(data)
    [(html, word, parsed)] = _both(generate(grouped, "FR.AK.02", None, bank,
                                            template=version), tmp_path, "ak02")
    guide = ("Beri tanda centang (√) di kolom yang sesuai untuk mencerminkan bukti yang diperoleh "
             "untuk menentukan Kompetensi asesi untuk setiap Unit Kompetensi.")
    attachments = ["LAMPIRAN DOKUMEN:", "1. Dokumen APL 01 peserta", "2. Dokumen APL 02 peserta",
                   "3. Bukti-bukti berkualitas peserta", "4. Tinjauan proses asesmen"]
    for lines in (html, word):
        assert lines.index(guide) < lines.index("Observasi demonstrasi")
        start = lines.index("LAMPIRAN DOKUMEN:")
        assert lines[start:start + len(attachments)] == attachments
        assert _at(lines, "No. Reg") < start  # after the signers, the last block of the form
        assert len(lines) - start - len(attachments) <= 1  # only the 2020 footer may follow
        grouped_rows = [line for line in lines if line.startswith("Kelompok Pekerjaan")]
        assert grouped_rows == ([] if version == "2020" else
                                ["Kelompok Pekerjaan 1: Pemrograman", "Kelompok Pekerjaan 2"])
    observed = parsed.cells[("record", "observation")]  # unit 004.02 chose CL, 005.02 too
    units = [cell.split("\n")[0] for cell in parsed.cells[("record", "unit")]]
    assert [observed[units.index(code)] for code in (UNIT, "J.620100.005.02")] == ["√", "√"]


def test_mapa02_matrix_is_ticked_from_the_bank_and_carries_its_footnote(scheme, bank, tmp_path):
    [(html, word, parsed)] = _both(generate(scheme, "FR.MAPA.02", [UNIT], bank), tmp_path, "m2")
    rows = dict(zip(parsed.cells[("map", "muk")], parsed.cells[("map", "p1")], strict=True))
    chosen = {"CL", "PMO", "DPL", "DPT"}  # the bank's methods of the unit
    for muk, mark in rows.items():
        code = muk.split(". ")[1].split(" ")[0]
        assert mark == ("☑" if code in chosen else "☐"), muk
    note = "*) diisi berdasarkan hasil penentuan pendekatan asesmen dan perencanaan asesmen"
    for lines in (html, word):
        assert lines.index("FR.IA.11. CRP - Ceklis Reviu Produk") < lines.index(note)
        assert lines.index(note) < lines.index("**) Keterangan:")
    bank_by_potential = InstrumentBank.model_validate(
        {**bank.to_data(), "settings": {"potential": {"CL": [1, 3], "DPL": [5]}}})
    [doc] = generate(scheme, "FR.MAPA.02", [UNIT], bank_by_potential)
    cl = next(row for row in doc.tables("map")[0].rows if row.ref == "CL")
    assert [cl.cells[f"p{n}"] for n in range(1, 6)] == ["☑", "☐", "☑", "☐", "☐"]


@pytest.mark.parametrize(("details", "settings", "expected"), [
    (AssessmentDetails(), {}, "Sewaktu/Tempat Kerja/Mandiri*"),
    (AssessmentDetails(), {"tuk": "tempat_kerja"}, "☐ Sewaktu  ☑ Tempat Kerja  ☐ Mandiri"),
    (AssessmentDetails(tuk="TUK Sewaktu LSP Maju"), {},
     "☑ Sewaktu  ☐ Tempat Kerja  ☐ Mandiri (TUK Sewaktu LSP Maju)"),
    (AssessmentDetails(tuk_kind="mandiri"), {"tuk": "sewaktu"},
     "☐ Sewaktu  ☐ Tempat Kerja  ☑ Mandiri"),
])
def test_tuk_prints_as_the_three_way_choice(scheme, details, settings, expected, tmp_path):
    bank = InstrumentBank.model_validate({"settings": settings})
    [(html, word, _parsed)] = _both(generate(scheme, "FR.IA.01", [UNIT], bank, details),
                                    tmp_path, "tuk")
    for lines in (html, word):
        position = lines.index("TUK")
        assert expected in lines[position + 1:position + 3]  # the value beside the label
