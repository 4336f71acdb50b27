"""The instrument bank file: reading, located errors, checks against the scheme, saving."""

from __future__ import annotations

import pytest

from toolkit.errors import SchemeInvalid
from toolkit.instruments import InstrumentBank, generate, load_bank, sample_bank_path, save_bank


def _write(tmp_path, text):
    path = tmp_path / "jwp.bank.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_sample_bank_is_valid_for_the_sample_scheme(bank, scheme):
    assert bank.scheme == scheme.code
    assert bank.questions("J.620100.004.02", "multiple_choice")
    assert bank.benchmark("J.620100.004.02", "2.1").startswith("Program berjalan")
    assert bank.benchmark("J.620100.004.02", "1.1").startswith("SOP")  # the unit's default
    assert bank.methods(["J.620100.011.01"]) == {"CL", "DPL"}


def test_errors_name_file_line_and_what_is_allowed(tmp_path, scheme):
    path = _write(tmp_path, """\
units:
  J.620100.004.02:
    questions:
      - kind: oral
        text: Jelaskan konsep stack.
        kuk: "7.1"
      - kind: quiz
        text: x
      - kind: multiple_choice
        text: Pilih satu
        options: [satu, dua]
        answer: e
    methods: [CL, XX]
    colour: red
  J.999.999.99:
    methods: [CL]
""")
    with pytest.raises(SchemeInvalid) as caught:
        load_bank(path, scheme)
    assert all(e.file == str(path) for e in caught.value.errors)
    lines = sorted(e.line for e in caught.value.errors)
    assert lines == [7, 13, 14]  # model errors first: kind, methods, unknown key
    messages = " ".join(e.message for e in caught.value.errors)
    assert "'colour'" in messages and "methods" in messages and "kind" in messages
    path = _write(tmp_path, """\
units:
  J.620100.004.02:
    questions:
      - kind: oral
        text: Jelaskan konsep stack.
        kuk: "7.1"
      - kind: multiple_choice
        text: Pilih satu
        options: [satu, dua]
        answer: e
  J.999.999.99:
    methods: [CL]
""")
    with pytest.raises(SchemeInvalid) as caught:
        load_bank(path, scheme)
    located = {e.line: e.message for e in caught.value.errors}
    assert set(located) == {6, 10, 11}
    assert "7.1" in located[6] and "a, b" in located[10] and "J.999.999.99" in located[11]


def test_a_bank_for_another_scheme_is_refused(tmp_path, scheme):
    path = _write(tmp_path, "scheme: SKM-LAIN\nunits: {}\n")
    with pytest.raises(SchemeInvalid, match="SKM-LAIN") as caught:
        load_bank(path, scheme)
    assert caught.value.errors[0].line == 1


def test_yaml_syntax_error_is_located(tmp_path):
    path = _write(tmp_path, "units:\n  J.1: [unclosed\n")
    with pytest.raises(SchemeInvalid) as caught:
        load_bank(path)
    assert caught.value.errors[0].line is not None


def test_save_and_load_round_trip(tmp_path, bank, scheme):
    copy = InstrumentBank.model_validate(bank.to_data())
    copy.add_question("J.620100.017.02", "oral", "Apa beda prosedur dan fungsi?", ["3.3"],
                      "Fungsi mengembalikan nilai; prosedur tidak.")
    copy.set_benchmark("J.620100.017.02", "1.1", "Standar penamaan tipe data TUK")
    path = save_bank(copy, tmp_path / "out.bank.yaml")
    again = load_bank(path, scheme)
    assert again == copy
    assert again.questions("J.620100.017.02", "oral")[0].kuk == ["3.3"]


def test_missing_file_is_an_error_not_a_traceback(tmp_path):
    with pytest.raises(SchemeInvalid) as caught:
        load_bank(tmp_path / "nope.yaml")
    assert caught.value.errors[0].file == str(tmp_path / "nope.yaml")
    assert sample_bank_path().is_file()


def test_the_new_forms_take_their_content_from_the_bank(scheme, bank):
    unit = "J.620100.004.02"
    task = bank.unit(unit).demonstration
    [ia02] = generate(scheme, "FR.IA.02", [unit], bank)
    steps = ia02.tables("steps")[0].rows
    assert [row.cells["step"] for row in steps] == [step.text for step in task.steps]
    assert [row.cells["kuk"] for row in steps] == [", ".join(step.kuk) for step in task.steps]
    texts = [block.text for block in ia02.blocks if hasattr(block, "style")]
    assert f"{unit}: {task.scenario}" in texts
    [ia04a] = generate(scheme, "FR.IA.04A", [unit], bank)
    assert ia04a.tables("brief")[0].rows[0].cells["output"] == bank.unit(unit).project.output
    [ia04b] = generate(scheme, "FR.IA.04B", [unit], bank)
    assert ia04b.tables("assessment")[0].rows[0].cells["fit"] == f"{unit} KUK 2.1, 2.2"
    essay_key = generate(scheme, "FR.IA.06", [unit], bank)[1].tables("key")[0].rows
    assert [row.cells["answer"] for row in essay_key] == [
        q.answer for q in bank.questions(unit, "essay")]
    [ia09] = generate(scheme, "FR.IA.09", [unit], bank)
    assert ia09.tables("questions")[0].rows[0].cells["question"].startswith("Ceritakan proyek")
    [ia10] = generate(scheme, "FR.IA.10", [unit], bank)
    questions = [row.cells["question"] for row in ia10.tables("questions")[0].rows]
    assert len(questions) == 7 and questions[-1] == bank.questions(unit, "third_party")[0].text
    [empty] = generate(scheme, "FR.IA.02", ["J.620100.017.02"], bank)
    assert [row.kind for row in empty.tables("steps")[0].rows] == ["placeholder"]


def test_a_demonstration_step_must_name_kuk_the_unit_has(scheme, tmp_path):
    path = _write(tmp_path, "units:\n  J.620100.004.02:\n    demonstration:\n"
                            "      scenario: Buat modul.\n      steps:\n"
                            "        - text: Langkah satu\n          kuk: \"9.9\"\n")
    with pytest.raises(SchemeInvalid) as caught:
        load_bank(path, scheme)
    [error] = caught.value.errors
    assert error.line == 7 and "9.9" in error.message
