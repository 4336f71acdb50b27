"""What each built-in form prints, per template version, and where each label comes from.

``FORMS[version][code]`` gives the title, and per printed document (part ``""`` or
``A``/``B``/``C``) the header-block labels in order, the column headers of each table
(``group / label``) and the sign-off blocks (signers' roles, headings and the
PENYUSUN DAN VALIDATOR table as ``" | "``-joined columns), each label a ``(text,
source)`` pair. Sources are keys of :data:`SOURCES`; ``ours`` marks a label no public
source settles — docs/instruments.md lists those as **[?]**. A change to a printed label
of a built-in form must change this table too.
"""

from __future__ import annotations

from typing import Any

#: Where a label was read. Repositories are the public LSP applications that print the forms.
SOURCES = {
    "lsp-v3": "inifikri/lsp-v3 asesor/form-*.php (PHP/FPDF; the 2020 set verbatim)",
    "PBL_LSP": "trktic24/PBL_LSP resources/views/** and database/seeders/** (newer layout)",
    "ak02-apps": "FR.AK.02 as several public LSP apps print it (guidance, LAMPIRAN DOKUMEN)",
    "forms.md": "../shared/forms.md (scans of real forms, scribd references)",
    "issue13": "issue 13 (the forms as LSPs print them, checked by the reporter)",
    "ours": "asesorlab's own wording: no public source found [?]",
}

Label = tuple[str, str]


def _labels(source: str, *texts: str) -> list[Label]:
    return [(text, source) for text in texts]


HEADER = _labels("lsp-v3", "Skema Sertifikasi (KKNI/Okupasi/Klaster)", "Judul", "Nomor", "TUK",
                 "Nama Asesor", "Nama Asesi", "Tanggal")
SCHEME_ONLY = HEADER[:3]
BATCH = [*HEADER[:5], HEADER[6]]  # no asesi: FR.AK.05 and FR.AK.06
K_BK = _labels("lsp-v3", "Rekomendasi / K", "Rekomendasi / BK")
YA_TIDAK = _labels("PBL_LSP", "Pencapaian / Ya", "Pencapaian / Tidak")
UNITS = _labels("lsp-v3", "No.", "Kode Unit", "Judul Unit")
SIGN = _labels("lsp-v3", "Asesi", "Asesor")
PREPARERS = [("Penyusun dan Validator", "lsp-v3"), ("Nama | Jabatan | Tandatangan", "lsp-v3")]
PREPARERS_IA04A = [("PENYUSUN DAN VALIDATOR", "lsp-v3"),
                   ("STATUS | NO | NAMA | NOMOR MET | TANDA TANGAN DAN TANGGAL", "lsp-v3")]


def form(title: Label, parts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One form: its title and, per printed document, header, tables and sign-off."""
    return {"title": title, "parts": parts}


def doc(header: list[Label], tables: dict[str, list[Label]],
        signoff: list[Label]) -> dict[str, Any]:
    """One printed document of a form."""
    return {"header": header, "tables": tables, "signoff": signoff}


IA05_TABLES = {
    "A": {"questions": [("No.", "lsp-v3"), ("Soal", "ours")]},
    "B": {"key": [("No.", "lsp-v3"), ("Kunci Jawaban", "lsp-v3"), ("Unit / KUK", "ours")]},
    "C": {"answers": [("No.", "lsp-v3"), ("Jawaban Asesi", "forms.md"), *YA_TIDAK]},
}

FORMS_2020: dict[str, dict[str, Any]] = {
    "FR.APL.02": form(("ASESMEN MANDIRI", "lsp-v3"), {"": doc(
        SCHEME_ONLY,
        {"self": _labels("forms.md", "Dapatkah Saya ……?", "K", "BK", "Bukti yang relevan")},
        _labels("forms.md", "Asesi", "Ditinjau oleh Asesor"))}),
    "FR.MAPA.01": form(("MERENCANAKAN AKTIVITAS DAN PROSES ASESMEN", "lsp-v3"), {"": doc(
        SCHEME_ONLY,
        {"units": UNITS,
         "plan": [("Unit Kompetensi", "lsp-v3"),
                  ("Bukti-Bukti (Kinerja, Produk, Portofolio, dan / atau Hafalan) diidentifikasi "
                   "berdasarkan Kriteria Unjuk Kerja dan Pendekatan Asesmen", "lsp-v3"),
                  *_labels("lsp-v3", "Jenis Bukti / L", "Jenis Bukti / TL", "Jenis Bukti / T"),
                  # lsp-v3 prints these six column heads as images: their words are ours.
                  *_labels("ours", "Metode dan Perangkat Asesmen / Observasi langsung",
                           "Metode dan Perangkat Asesmen / Kegiatan terstruktur",
                           "Metode dan Perangkat Asesmen / Tanya jawab",
                           "Metode dan Perangkat Asesmen / Verifikasi portofolio",
                           "Metode dan Perangkat Asesmen / Reviu produk",
                           "Metode dan Perangkat Asesmen / Lainnya")],
         "confirm": _labels("lsp-v3", "Orang yang Relevan", "Tandatangan")},
        _labels("lsp-v3", "Penyusun dan Validator", "Nama | Jabatan | Tanggal dan Tandatangan"))}),
    "FR.MAPA.02": form(("PETA INSTRUMEN ASESMEN HASIL PENDEKATAN ASESMEN DAN PERENCANAAN "
                        "ASESMEN", "lsp-v3"), {"": doc(
        SCHEME_ONLY,
        {"units": UNITS,
         "map": [("No.", "lsp-v3"), ("MUK", "forms.md"),
                 *[(f"Potensi Asesi ** / {n}", "lsp-v3") for n in range(1, 6)]]},
        _labels("forms.md", "Penyusun", "Validator"))}),
    "FR.IA.01": form(("CEKLIS OBSERVASI AKTIVITAS DI TEMPAT KERJA ATAU TEMPAT KERJA SIMULASI",
                      "lsp-v3"), {"": doc(
        HEADER,
        {"observation": [*_labels("lsp-v3", "No.", "Elemen", "Kriteria Unjuk Kerja*",
                                  "Benchmark (SOP / spesifikasi produk industri)"),
                         *K_BK, ("Penilaian Lanjut", "lsp-v3")]},
        SIGN)}),
    "FR.IA.02": form(("TUGAS PRAKTIK DEMONSTRASI", "lsp-v3"), {"": doc(
        HEADER,
        # lsp-v3 numbers the steps as a list; the KUK column is ours.
        {"steps": [("No.", "lsp-v3"), ("Langkah kerja", "lsp-v3"), ("KUK", "ours")]},
        [])}),
    "FR.IA.03": form(("PERTANYAAN UNTUK MENDUKUNG OBSERVASI", "lsp-v3"), {"": doc(
        HEADER, {"questions": [*_labels("lsp-v3", "No.", "Pertanyaan"), *K_BK]}, SIGN)}),
    "FR.IA.04A": form(("DIT - DAFTAR INSTRUKSI TERSTRUKTUR (PENJELASAN PROYEK SINGKAT/ "
                       "KEGIATAN TERSTRUKTUR LAINNYA*)", "lsp-v3"), {"": doc(
        HEADER,
        # lsp-v3 prints the two cells of the brief without column heads.
        {"units": UNITS, "brief": _labels("ours", "Skenario / Instruksi",
                                          "Hasil yang diharapkan")},
        [*SIGN, ("Supervisor (Jika ada)", "lsp-v3"), *PREPARERS_IA04A])}),
    "FR.IA.04B": form(("PENILAIAN PROYEK SINGKAT ATAU KEGIATAN TERSTRUKTUR LAINNYA", "lsp-v3"),
                      {"": doc(HEADER, {"assessment": _labels(
                          "lsp-v3",
                          "Aspek Penilaian / Lingkup Penyajian proyek atau kegiatan terstruktur "
                          "lainnya",
                          "Aspek Penilaian / Daftar Pertanyaan",
                          "Aspek Penilaian / Kesesuaian dengan standar kompetensi kerja "
                          "(unit/elemen/KUK)",
                          "Pencapaian / Ya", "Pencapaian / Tidak")}, SIGN)}),
    "FR.IA.05": form(("PERTANYAAN TERTULIS PILIHAN GANDA", "lsp-v3"), {
        "A": doc(HEADER, IA05_TABLES["A"], PREPARERS),
        "B": doc(HEADER, IA05_TABLES["B"], [("Asesor", "ours")]),
        "C": doc(HEADER, IA05_TABLES["C"], SIGN)}),
    "FR.IA.06": form(("PERTANYAAN TERTULIS ESAI", "lsp-v3"), {
        "A": doc(HEADER, IA05_TABLES["A"], PREPARERS),
        "B": doc(HEADER, IA05_TABLES["B"], PREPARERS),
        "C": doc(HEADER, IA05_TABLES["C"], SIGN)}),
    "FR.IA.07": form(("PERTANYAAN LISAN", "lsp-v3"), {"": doc(
        HEADER,
        {"questions": [*_labels("lsp-v3", "No.", "Pertanyaan", "Kunci Jawaban",
                                "Jawaban (tulis jawaban asesi secara singkat)"), *K_BK]},
        [*SIGN, *PREPARERS])}),
    "FR.IA.08": form(("CEKLIS VERIFIKASI PORTOFOLIO", "lsp-v3"), {"": doc(
        HEADER,
        {"portfolio": [("No.", "lsp-v3"), ("Dokumen portofolio:", "lsp-v3"),
                       *[(f"{rule} / {answer}", "lsp-v3")
                         for rule in ("Valid", "Asli", "Terkini", "Memadai")
                         for answer in ("Ya", "Tidak")]],
         "clarify": _labels("lsp-v3", "Cek List", "Elemen", "Materi/substansi wawancara (KUK)")},
        SIGN)}),
    "FR.IA.09": form(("PERTANYAAN WAWANCARA", "PBL_LSP"), {"": doc(
        HEADER,
        {"questions": [("No", "PBL_LSP"), ("Pertanyaan", "PBL_LSP"),
                       ("Kesimpulan Jawaban Asesi", "PBL_LSP"), *YA_TIDAK]},
        _labels("PBL_LSP", "Asesi", "Asesor"))}),
    "FR.IA.10": form(("KLARIFIKASI BUKTI PIHAK KETIGA", "forms.md"), {"": doc(
        HEADER,
        {"questions": [("No.", "ours"), ("Pertanyaan", "lsp-v3"), ("Ya", "lsp-v3"),
                       ("Tdk", "lsp-v3")]},
        [("Asesor", "lsp-v3")])}),
    "FR.IA.11": form(("CEKLIS MENINJAU INSTRUMEN ASESMEN", "PBL_LSP"), {"": doc(
        HEADER,
        {"review": [("No.", "ours"), ("Kegiatan Asesmen", "lsp-v3"),
                    *_labels("lsp-v3", "Ya/Tidak / Ya", "Ya/Tidak / Tidak", "Komentar")]},
        [("Peninjau", "lsp-v3")])}),
    "FR.AK.01": form(("PERSETUJUAN ASESMEN DAN KERAHASIAAN", "lsp-v3"), {"": doc(
        HEADER[:6], {}, _labels("lsp-v3", "Asesor", "Asesi"))}),  # no date: agreed below
    "FR.AK.02": form(("REKAMAN ASESMEN KOMPETENSI", "lsp-v3"), {"": doc(
        [*HEADER[:4], HEADER[5], HEADER[4],
         *_labels("lsp-v3", "Tanggal Asesmen", "Mulai", "Selesai")],
        {"record": _labels("lsp-v3", "Unit Kompetensi", "Observasi demonstrasi", "Portofolio",
                           "Pernyataan Pihak Ketiga Pertanyaan Wawancara", "Pertanyaan lisan",
                           "Pertanyaan tertulis", "Proyek kerja", "Lainnya")},
        [*SIGN, ("LAMPIRAN DOKUMEN:", "ak02-apps")])}),
    "FR.AK.03": form(("UMPAN BALIK DAN CATATAN ASESMEN", "lsp-v3"), {"": doc(
        [("Nama Asesi", "issue13"), ("Nama Asesor", "issue13"), ("Hari/ Tanggal", "issue13"),
         ("Waktu", "issue13")],
        {"feedback": [("No.", "lsp-v3"), ("Komponen", "lsp-v3"),
                      *_labels("lsp-v3", "Hasil / Ya", "Hasil / Tidak"),
                      ("Catatan/Komentar Asesi", "lsp-v3")]},
        [("Asesi", "lsp-v3")])}),
    "FR.AK.04": form(("BANDING ASESMEN", "lsp-v3"), {"": doc(
        _labels("lsp-v3", "Nama Asesi", "Nama Asesor", "Tanggal Asesmen"),
        {"questions": _labels("lsp-v3", "Jawablah dengan Ya atau Tidak pertanyaan-pertanyaan "
                                        "berikut ini :", "YA", "TIDAK")},
        [("Asesi", "lsp-v3")])}),
    "FR.AK.05": form(("LAPORAN ASESMEN", "lsp-v3"), {"": doc(
        BATCH,
        {"report": [*_labels("lsp-v3", "No.", "Nama Asesi"), *K_BK, ("Keterangan**", "lsp-v3")]},
        [("Asesor", "lsp-v3")])}),
    "FR.AK.06": form(("MENINJAU PROSES ASESMEN", "lsp-v3"), {"": doc(
        BATCH,
        {"principles": [("Aspek yang ditinjau", "lsp-v3"),
                        *[(f"Kesesuaian dengan prinsip asesmen / {p}", "lsp-v3")
                          for p in ("Validitas", "Reliabel", "Fleksibel", "Adil")]],
         "dimensions": [("Aspek yang ditinjau", "lsp-v3"),
                        *[(f"Pemenuhan dimensi kompetensi / {d}", "lsp-v3")
                          for d in ("Task Skills", "Task Management Skills",
                                    "Contingency Management Skills",
                                    "Job Role/ Environment Skills", "Transfer Skills")]]},
        [("Peninjau", "ours")])}),
    "FR.VA": form(("MEMBERIKAN KONTRIBUSI DALAM VALIDASI ASESMEN", "lsp-v3"), {"": doc(
        _labels("lsp-v3", "Tim Validasi", "Hari/ Tanggal", "Tempat", "Periode", "Nama Skema",
                "Nomor Skema"),
        {"focus": _labels("lsp-v3", "Tujuan dan fokus validasi", "Konteks validasi",
                          "Pendekatan validasi"),
         "people": _labels("lsp-v3", "Orang yang relevan", "Nama",
                           "Hasil konfirmasi/diskusi tujuan, fokus & konteks"),
         "aspects": [("No.", "lsp-v3"),
                     ("Aspek-Aspek Dalam Kegiatan Validasi (Meninjau, Membandingkan, "
                      "Mengevaluasi)", "lsp-v3"),
                     *[(f"Aturan Bukti / {x}", "lsp-v3") for x in "VATM"],
                     *[(f"Prinsip Asesmen / {x}", "lsp-v3") for x in "VRFF"]],
         "findings": [("No.", "ours"), ("Temuan", "ours"), ("Rekomendasi perbaikan", "ours")]},
        [("Tim Validasi", "ours")])}),
}


def _with(code: str, **changes: Any) -> dict[str, Any]:
    """The 2020 entry of ``code`` with the single document's keys ``changes`` replaced."""
    base = FORMS_2020[code]
    return form(base["title"], {"": {**base["parts"][""], **changes}})


FORMS_2023: dict[str, dict[str, Any]] = {
    **FORMS_2020,
    "FR.IA.01": _with("FR.IA.01", tables={"observation": [
        *_labels("PBL_LSP", "No", "Elemen", "Kriteria Unjuk Kerja",
                 "Standar Industri atau Tempat Kerja"), *YA_TIDAK,
        ("Penilaian Lanjut", "PBL_LSP")]}),
    "FR.IA.03": _with("FR.IA.03", tables={"questions": [
        *_labels("PBL_LSP", "No", "Pertanyaan", "Tanggapan"), *YA_TIDAK]}),
    "FR.IA.07": _with("FR.IA.07", tables={"questions": [
        ("No", "PBL_LSP"), ("Pertanyaan", "PBL_LSP"), ("Kunci Jawaban", "PBL_LSP"),
        ("Jawaban (tulis jawaban asesi secara singkat)", "lsp-v3"),
        # PBL_LSP's guidance says Ya/Tidak; its table heads are not settled [?].
        ("Pencapaian / Ya", "ours"), ("Pencapaian / Tidak", "ours")]}),
    "FR.AK.07": form(("CEKLIS PENYESUAIAN YANG WAJAR DAN BERALASAN", "lsp-v3"), {"": doc(
        HEADER,
        {"potential": [("√", "ours"), ("Potensi Asesi", "PBL_LSP")],
         "adjustments": _labels("lsp-v3", "No", "Karakteristik Asesi", "Ya", "Tidak",
                                "Keterangan")},
        _labels("lsp-v3", "Asesor", "Asesi"))}),
}

FORMS = {"2020": FORMS_2020, "2023": FORMS_2023}
