"""The instrument bank file: reading, located errors, checks against the scheme, saving."""

from __future__ import annotations

import pytest

from toolkit.errors import SchemeInvalid
from toolkit.instruments import InstrumentBank, load_bank, sample_bank_path, save_bank


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
