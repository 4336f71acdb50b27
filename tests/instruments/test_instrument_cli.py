"""The ``asesorlab instrument`` command, in-process and as the installed console script."""

from __future__ import annotations

import json
import shutil

import pytest

from toolkit.cli import main
from toolkit.i18n import set_language
from toolkit.instruments import sample_bank_path
from toolkit.schemeio import sample_scheme_path

from .instrument_readers import docx_column, parse_html


@pytest.fixture(autouse=True)
def _restore_language():
    """``main()`` sets this context's language; give later tests the default back."""
    yield
    set_language(None)


@pytest.fixture
def scheme_copy(tmp_path):
    """The sample scheme with its bank beside it (SCHEME.bank.yaml), in a private folder."""
    target = tmp_path / "jwp.yaml"
    shutil.copy(sample_scheme_path(), target)
    shutil.copy(sample_bank_path(), tmp_path / "jwp.bank.yaml")
    return target


def test_one_form_to_docx_with_units_and_details(scheme_copy, tmp_path, capsys, scheme):
    out = tmp_path / "ia01.docx"
    code = main(["instrument", str(scheme_copy), "FR.IA.01", "-o", str(out), "--units",
                 "J.620100.004.02,J.620100.011.01", "--template", "2020", "--asesi", "Siti"])
    assert code == 0
    printed = capsys.readouterr().out
    assert str(out) in printed and "jwp.bank.yaml" in printed  # the bank beside the scheme
    kuk = docx_column(out, "Kriteria Unjuk Kerja*")
    assert kuk == [f"{r.label}. {r.text}"
                   for r in scheme.iter_criteria(["J.620100.004.02", "J.620100.011.01"])]


def test_all_forms_into_a_folder(scheme_copy, tmp_path, capsys):
    folder = tmp_path / "forms"
    assert main(["instrument", str(scheme_copy), "all", "-o", str(folder),
                 "--format", "html,json"]) == 0
    names = sorted(p.name for p in folder.iterdir())
    assert "FR.IA.05.C.html" in names and "FR.AK.05.json" in names
    assert len(names) == 2 * 27  # 23 forms, FR.IA.05 and FR.IA.06 in three parts each
    assert "FR.AK.07.html" in names and "FR.VA.html" in names and "FR.IA.04B.json" in names
    data = json.loads((folder / "FR.APL.02.json").read_text(encoding="utf-8"))
    assert data["code"] == "FR.APL.02"


def test_all_forms_of_the_2020_set_leave_out_the_newer_forms(scheme_copy, tmp_path):
    folder = tmp_path / "forms2020"
    assert main(["instrument", str(scheme_copy), "all", "-o", str(folder), "--template", "2020",
                 "--format", "json"]) == 0
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 26 and "FR.AK.07.json" not in names  # FR.AK.07 is only in 2023


def test_english_output(scheme_copy, tmp_path):
    out = tmp_path / "ia07.html"
    assert main(["--lang", "en", "instrument", str(scheme_copy), "FR.IA.07", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "ORAL QUESTIONS" in page and 'lang="en"' in page
    assert parse_html(page).cells[("questions", "answer")][0]  # expected answers from the bank


def test_unknown_form_names_the_known_ones(scheme_copy, tmp_path, capsys):
    assert main(["instrument", str(scheme_copy), "FR.IA.99", "-o", str(tmp_path / "x.html")]) == 2
    assert "FR.IA.01" in capsys.readouterr().err


def test_unknown_unit_and_bad_type_are_plain_errors(scheme_copy, tmp_path, capsys):
    assert main(["instrument", str(scheme_copy), "FR.IA.01", "-o", str(tmp_path / "x.html"),
                 "--units", "J.999"]) == 1
    assert "J.999" in capsys.readouterr().err
    assert main(["instrument", str(scheme_copy), "FR.IA.01", "-o", str(tmp_path / "x.pdf")]) == 1
    assert ".docx" in capsys.readouterr().err


def test_bad_bank_is_reported_with_its_line(scheme_copy, tmp_path, capsys):
    bank = tmp_path / "bad.bank.yaml"
    bank.write_text("units:\n  J.620100.004.02:\n    methods: [ZZ]\n", encoding="utf-8")
    assert main(["instrument", str(scheme_copy), "FR.IA.01", "-o", str(tmp_path / "x.html"),
                 "--bank", str(bank)]) == 1
    assert f"{bank}:3:" in capsys.readouterr().out
    assert not (tmp_path / "x.html").exists()


def test_example_plugin_form_in_the_installed_cli(asesorlab, example_plugin_env, scheme_copy,
                                                  tmp_path, scheme):
    listed = asesorlab(["plugins"], env=example_plugin_env)
    assert listed.code == 0, listed.err
    assert "LSP.IA.02" in listed.out and "FR.IA.01" in listed.out
    out = tmp_path / "ia02.docx"
    made = asesorlab(["instrument", str(scheme_copy), "LSP.IA.02", "-o", str(out)],
                     env=example_plugin_env)
    assert made.code == 0, made.err
    steps = docx_column(out, "Langkah Kerja")
    assert steps == [e.title for u in scheme.units for e in u.elements]  # a step per element
