"""Spreadsheets laid out the way LSPs keep them are read right."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from toolkit import load_scheme
from toolkit.schemeio.xlsx import strip_numbering


def _lsp_workbook(path: Path) -> None:
    """A title block, a No column, merged unit/element cells, numbering, blank rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Skema JWP"
    ws["A1"] = "SKEMA SERTIFIKASI OKUPASI"
    ws["A2"], ws["C2"] = "Kode Skema", ": SS.JWP/LSPP/005/2022"
    ws["A3"] = "Judul Skema: Junior Web Programmer"
    ws.append([])
    ws.append(["No", "KODE UNIT", "Judul  Unit", "Elemen Kompetensi", "No", "Kriteria Unjuk Kerja"])
    rows = [
        [1, "J.620100.004.02", "Menggunakan Struktur Data", "1. Mengidentifikasi konsep data",
         "1.1", "1.1 Konsep data diidentifikasi."],
        [None, None, None, None, "1.2", "1.2. Alternatif struktur data dibandingkan."],
        [None, None, None, "2. Menerapkan struktur data", "2.1",
         "2.1 Struktur data diimplementasikan."],
        [None, None, None, None, None, None],
        [None, None, None, None, "2.2", "Akses terhadap data dinyatakan."],
        [2, "J.620100.005.02", "Mengimplementasikan User Interface",
         "1 Mengidentifikasi rancangan", "1.1", "1.1 Rancangan diidentifikasi."],
    ]
    for row in rows:
        ws.append(row)
    ws.merge_cells("B6:B10")
    ws.merge_cells("C6:C10")
    ws.merge_cells("D6:D7")
    wb.save(path)


def test_lsp_layout_reads_right(tmp_path: Path) -> None:
    path = tmp_path / "lsp.xlsx"
    _lsp_workbook(path)
    loaded = load_scheme(path)
    scheme = loaded.scheme
    assert scheme.code == "SS.JWP/LSPP/005/2022"
    assert scheme.title == "Junior Web Programmer"
    assert [u.code for u in scheme.units] == ["J.620100.004.02", "J.620100.005.02"]
    first = scheme.units[0]
    assert [e.title for e in first.elements] == [
        "Mengidentifikasi konsep data", "Menerapkan struktur data"]
    assert [c.text for c in first.elements[0].criteria] == [
        "Konsep data diidentifikasi.", "Alternatif struktur data dibandingkan."]
    assert [c.text for c in first.elements[1].criteria] == [
        "Struktur data diimplementasikan.", "Akses terhadap data dinyatakan."]
    assert scheme.criterion("J.620100.005.02/1.1").text == "Rancangan diidentifikasi."
    assert loaded.warnings == []


def test_strip_numbering_takes_one_prefix_only() -> None:
    assert strip_numbering("1.1. Konsep data") == "Konsep data"
    assert strip_numbering("2. Menerapkan") == "Menerapkan"
    assert strip_numbering("1.1 5 langkah kerja") == "5 langkah kerja"
    assert strip_numbering("Tanpa nomor") == "Tanpa nomor"
