"""The instrument builder widget, driven headless: set values, call methods, read state."""

from __future__ import annotations

import pytest

from toolkit.instruments import InstrumentBank, load_bank
from widgets.instrument_builder import InstrumentBuilder

from .instrument_readers import HOSTILE, docx_column, parse_html


@pytest.fixture
def builder(scheme, bank):
    return InstrumentBuilder(scheme, InstrumentBank.model_validate(bank.to_data()))


def test_is_a_vbox_with_the_builder_class(builder):
    assert "asesorlab-builder" in builder._dom_classes
    assert builder.form == "FR.APL.02" and builder.html  # previewed at once


def test_choosing_form_and_units_updates_the_preview(builder, scheme):
    builder.form = "FR.IA.01"
    builder.units = ["J.620100.005.02"]
    cells = parse_html(builder.html).cells[("observation", "kuk")]
    assert cells == [f"{r.label}. {r.text}" for r in scheme.iter_criteria(["J.620100.005.02"])]
    builder._template.value = "2020"  # the child drives the trait too
    assert builder.template == "2020" and "Benchmark (SOP" in builder.html
    builder._lang.value = "en"
    assert "OBSERVATION CHECKLIST" in builder.html


def test_details_appear_in_the_header(builder):
    builder.set_details(candidate="Siti Aminah", tuk="TUK Sewaktu")
    assert "Siti Aminah" in builder.html and builder.details.tuk == "TUK Sewaktu"


def test_editing_the_bank_changes_the_form(builder, tmp_path, scheme):
    builder.form, builder.units = "FR.IA.07", ["J.620100.017.02"]
    assert parse_html(builder.html).cells.get(("questions", "question")) is None  # placeholder
    editor = builder._bank
    editor._unit.value = "J.620100.017.02"
    editor._kuk.value = ("3.1",)
    editor._kind.value = "oral"
    editor._text.value = f"Apa beda prosedur dan fungsi? {HOSTILE}"
    editor._answer.value = "Fungsi mengembalikan nilai."
    editor._add.click()
    assert editor.message and builder.bank.questions("J.620100.017.02", "oral")
    [question] = parse_html(builder.html).cells[("questions", "question")]
    assert question.startswith("Apa beda prosedur dan fungsi? " + HOSTILE)
    saved = builder.save_bank(tmp_path / "jwp.bank.yaml")
    assert load_bank(saved, scheme).questions("J.620100.017.02", "oral")[0].kuk == ["3.1"]


def test_an_invalid_question_is_refused_with_a_reason(builder):
    before = len(builder.bank.unit("J.620100.004.02").questions)
    ok = builder._bank.add("J.620100.004.02", "multiple_choice", "Pilih", ["1.1"], "e",
                           ["satu", "dua"])
    assert not ok and "a, b" in builder._bank.message
    assert len(builder.bank.unit("J.620100.004.02").questions) == before


def test_export_writes_the_chosen_form(builder, tmp_path):
    builder.form, builder.units = "FR.IA.01", ["J.620100.004.02"]
    seen = []
    builder.on_export(seen.append)
    builder._path.value = str(tmp_path / "ia01.docx")
    builder._export.click()
    assert seen == [[tmp_path / "ia01.docx"]] and str(tmp_path) in builder.status
    assert len(docx_column(tmp_path / "ia01.docx", "Kriteria Unjuk Kerja")) == 4
    assert builder.export(tmp_path / "ia01.pdf") == [] and ".docx" in builder.status


def test_third_party_form_appears_in_the_builder(scheme, host_with_example):
    builder = InstrumentBuilder(scheme, host=host_with_example)
    codes = [value for _label, value in builder._form.options]
    assert "LSP.IA.02" in codes and codes.index("LSP.IA.02") == len(codes) - 1
    builder.form = "LSP.IA.02"
    assert "TUGAS PRAKTIK DEMONSTRASI (FORMAT LSP)" in builder.html
    assert parse_html(builder.html).cells[("steps", "step")][0] == scheme.units[0].elements[0].title
