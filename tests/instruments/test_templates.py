"""Every form's official title and column headers, pinned for both template versions.

A mislabelled form is the common defect of existing LSP software: any change to
a title or a column header of a built-in form must change this file too.
"""

from __future__ import annotations

import pytest

from toolkit.instruments import VERSIONS, list_instruments, load_templates
from toolkit.instruments.templates import TemplateError

K_BK = ["Rekomendasi / K", "Rekomendasi / BK"]
YA_TIDAK = ["Pencapaian / Ya", "Pencapaian / Tidak"]
POTENSI = [f"Potensi Asesi ** / {n}" for n in range(1, 6)]

TITLES = {
    "FR.APL.02": "ASESMEN MANDIRI",
    "FR.MAPA.02": "PETA INSTRUMEN ASESMEN HASIL PENDEKATAN ASESMEN DAN PERENCANAAN ASESMEN",
    "FR.IA.01": "CEKLIS OBSERVASI AKTIVITAS DI TEMPAT KERJA ATAU TEMPAT KERJA SIMULASI",
    "FR.IA.03": "PERTANYAAN UNTUK MENDUKUNG OBSERVASI",
    "FR.IA.05": "PERTANYAAN TERTULIS PILIHAN GANDA",
    "FR.IA.07": "PERTANYAAN LISAN",
    "FR.AK.01": "PERSETUJUAN ASESMEN DAN KERAHASIAAN",
    "FR.AK.02": "REKAMAN ASESMEN KOMPETENSI",
    "FR.AK.03": "UMPAN BALIK DAN CATATAN ASESMEN",
    "FR.AK.05": "LAPORAN ASESMEN",
}

COLUMNS_2020: dict[str, dict[str, list[str]]] = {
    "FR.APL.02": {"self": ["Dapatkah Saya ……?", "K", "BK", "Bukti yang relevan"]},
    "FR.MAPA.02": {"units": ["No.", "Kode Unit", "Judul Unit"],
                   "map": ["No.", "MUK", *POTENSI]},
    "FR.IA.01": {"observation": ["No.", "Elemen", "Kriteria Unjuk Kerja*",
                                 "Benchmark (SOP / spesifikasi produk industri)", *K_BK,
                                 "Penilaian Lanjut"]},
    "FR.IA.03": {"questions": ["No.", "Pertanyaan", *K_BK]},
    "FR.IA.05": {"questions": ["No.", "Soal"],
                 "key": ["No.", "Kunci Jawaban", "Unit / KUK"],
                 "answers": ["No.", "Jawaban Asesi", *YA_TIDAK]},
    "FR.IA.07": {"questions": ["No.", "Pertanyaan", "Kunci Jawaban",
                               "Jawaban (tulis jawaban asesi secara singkat)", *K_BK]},
    "FR.AK.01": {},
    "FR.AK.02": {"record": ["Unit Kompetensi", "Observasi demonstrasi", "Portofolio",
                            "Pernyataan Pihak Ketiga Pertanyaan Wawancara", "Pertanyaan lisan",
                            "Pertanyaan tertulis", "Proyek kerja", "Lainnya"]},
    "FR.AK.03": {"feedback": ["No.", "Komponen", "Hasil / Ya", "Hasil / Tidak",
                              "Catatan/Komentar Asesi"]},
    "FR.AK.05": {"report": ["No.", "Nama Asesi", *K_BK, "Keterangan**"]},
}

COLUMNS_2023 = {
    **COLUMNS_2020,
    "FR.IA.01": {"observation": ["No", "Elemen", "Kriteria Unjuk Kerja",
                                 "Standar Industri atau Tempat Kerja", *YA_TIDAK,
                                 "Penilaian Lanjut"]},
    "FR.IA.03": {"questions": ["No", "Pertanyaan", "Tanggapan", *YA_TIDAK]},
    "FR.IA.07": {"questions": ["No", "Pertanyaan", "Kunci Jawaban",
                               "Jawaban (tulis jawaban asesi secara singkat)", *YA_TIDAK]},
}
EXPECTED = {"2020": COLUMNS_2020, "2023": COLUMNS_2023}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("code", sorted(TITLES))
def test_title_and_columns_are_the_official_text(scheme, bank, version, code):
    instrument = next(i for i in list_instruments() if i.code == code)
    documents = instrument.generate(scheme, None, bank, template=version, lang="id")
    assert {doc.title for doc in documents} == {TITLES[code]}
    assert documents[0].heading == f"{code}. {TITLES[code]}"
    found: dict[str, list[str]] = {}
    for doc in documents:
        for table in doc.tables():
            assert found.setdefault(table.key, table.column_labels()) == table.column_labels()
    assert found == EXPECTED[version][code]


def test_every_builtin_form_is_pinned():
    codes = {i.code for i in list_instruments() if i.template is None}
    assert codes == set(TITLES)


@pytest.mark.parametrize("version", VERSIONS)
def test_every_label_has_indonesian_and_english(version):
    templates = load_templates(version)
    assert templates.version == version
    for code in templates.codes():
        form = templates.form(code)
        assert form.title("id") and form.title("en") and form.title("id") != form.title("en")
        for table in (form.data.get("columns") or {}):
            english = [c.label for c in form.columns(table, "en")]
            assert all(english), (code, table)
            assert all(isinstance(c.key, str) for c in form.columns(table, "id"))
        for key in form.data.get("texts") or {}:
            assert form.text(key, "id") and form.text(key, "en"), (code, key)


def test_english_forms_use_the_english_labels(scheme):
    instrument = next(i for i in list_instruments() if i.code == "FR.IA.01")
    [doc] = instrument.generate(scheme, template="2020", lang="en")
    assert doc.title.startswith("OBSERVATION CHECKLIST")
    assert doc.tables()[0].column_labels()[:3] == ["No.", "Element", "Performance criteria*"]


def test_unknown_version_names_the_known_ones():
    with pytest.raises(TemplateError, match="2020, 2023"):
        load_templates("2019")


def test_newer_set_extends_the_older_one():
    old, new = load_templates("2020"), load_templates("2023")
    assert new.form("FR.AK.03").data == old.form("FR.AK.03").data
    assert new.form("FR.IA.01").grouped and not old.form("FR.IA.01").grouped
    assert new.footer is None and old.footer
