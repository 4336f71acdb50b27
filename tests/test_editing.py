"""Scheme edit operations and their undo history (toolkit.editing)."""

from __future__ import annotations

import pytest

from toolkit.editing import (
    EditError,
    SchemeEdit,
    ensure_scheme_file,
    findings_under,
    open_for_edit,
)
from toolkit.errors import SchemeInvalid
from toolkit.i18n import language
from toolkit.schemeio import read_scheme, sample_scheme_path, save_scheme


@pytest.fixture(scope="module")
def sample():
    return read_scheme(sample_scheme_path())


@pytest.fixture
def edit(sample):
    return SchemeEdit(sample)


def test_edit_works_on_a_copy(sample, edit):
    edit.update_unit(0, title="Judul baru")
    assert sample.units[0].title == "Menggunakan Struktur Data"
    assert edit.scheme.units[0].title == "Judul baru"


def test_add_unit_then_undo_restores_the_scheme(sample, edit):
    before = edit.scheme.to_data()
    index = edit.add_unit("J.620100.099.01", "Unit baru")
    assert index == len(sample.units)
    assert edit.scheme.units[-1].code == "J.620100.099.01"
    assert len(edit.scheme.units[-1].elements) == 1
    assert edit.dirty and edit.can_undo
    assert edit.undo()
    assert edit.scheme.to_data() == before
    assert not edit.dirty
    assert edit.redo()
    assert edit.scheme.units[-1].title == "Unit baru"
    assert edit.dirty


def test_typing_in_one_field_is_one_undo_step(edit):
    for text in ("K", "Ko", "Kon", "Konsep"):
        edit.update_criterion(0, 0, 0, text)
    edit.update_criterion(0, 0, 1, "lain")
    assert edit.scheme.units[0].elements[0].criteria[0].text == "Konsep"
    edit.undo()
    assert edit.scheme.units[0].elements[0].criteria[1].text.startswith("Alternatif")
    assert edit.scheme.units[0].elements[0].criteria[0].text == "Konsep"
    edit.undo()
    assert edit.scheme.units[0].elements[0].criteria[0].text.startswith("Konsep data")
    assert not edit.can_undo and not edit.dirty


def test_move_and_delete(edit):
    first, second = (u.code for u in edit.scheme.units[:2])
    assert edit.move_unit(0, 1) == 1
    assert [u.code for u in edit.scheme.units[:2]] == [second, first]
    assert edit.move_unit(1, 99) == len(edit.scheme.units) - 1
    kuk = [c.text for c in edit.scheme.units[0].elements[0].criteria]
    edit.move_criterion(0, 0, 0, 1)
    assert [c.text for c in edit.scheme.units[0].elements[0].criteria[:2]] == kuk[1::-1]
    elements = len(edit.scheme.units[0].elements)
    removed = edit.delete_element(0, 0)
    assert len(edit.scheme.units[0].elements) == elements - 1
    assert removed.criteria[1].text == kuk[0]
    edit.delete_criterion(0, 0, 0)
    edit.delete_unit(0)
    while edit.undo():
        pass
    assert edit.scheme.units[0].code == first
    assert not edit.dirty


def test_save_marks_clean_and_round_trips(tmp_path, edit):
    e = edit.add_element(1, "Elemen baru")
    edit.update_criterion(1, e, 0, "KUK baru diuji.")
    target = tmp_path / "skema.yaml"
    save_scheme(edit.scheme, target)
    edit.mark_saved()
    assert not edit.dirty
    assert read_scheme(target) == edit.scheme
    edit.undo()
    assert edit.dirty


def test_a_half_written_scheme_can_be_saved_and_reopened(tmp_path, edit):
    edit.add_element(0)  # an element whose only KUK is empty: an error, not a blocker
    target = tmp_path / "draft.json"
    save_scheme(edit.scheme, target)
    with pytest.raises(SchemeInvalid):
        read_scheme(target)
    assert open_for_edit(target) == edit.scheme
    target.write_text("code: [", encoding="utf-8")
    with pytest.raises(SchemeInvalid):
        open_for_edit(target)


def test_bad_positions_raise_located_errors(edit):
    with language("en"), pytest.raises(EditError, match="no unit 99"):
        edit.delete_unit(98)
    with language("en"), pytest.raises(EditError, match="has no element 40"):
        edit.update_element(0, 39, "x")
    with language("id"), pytest.raises(EditError, match="tidak memiliki KUK 9"):
        edit.update_criterion(0, 0, 8, "x")
    assert not edit.can_undo


def test_findings_follow_the_edits(edit):
    edit.update_unit(2, code="bukan-kode")
    unit_findings = findings_under(edit.findings(), ("units", 2), exact=True)
    assert [f.severity for f in unit_findings] == ["warning"]
    edit.update_unit(2, code=edit.scheme.units[0].code)
    assert "duplicate" in findings_under(edit.findings(), ("units", 2))[0].message or \
        "ganda" in findings_under(edit.findings(), ("units", 2))[0].message
    edit.add_element(0)
    deeper = findings_under(edit.findings(), ("units", 0))
    assert deeper and all(f.path[:3] == ("units", 0, "elements") for f in deeper)
    assert findings_under(edit.findings(), ("units", 0), exact=True) == []


def test_listeners_hear_every_change(edit):
    heard: list[str] = []
    edit.on_change(lambda _edit, kind: heard.append(kind))
    edit.add_unit()
    edit.undo()
    edit.redo()
    edit.reset(edit.scheme)
    assert heard == ["units", "undo", "redo", "reset"]
    assert not edit.can_undo and not edit.dirty


def test_history_is_bounded(sample):
    edit = SchemeEdit(sample, history_limit=3)
    for n in range(6):
        edit.add_unit(code=f"X{n}")
    undone = 0
    while edit.undo():
        undone += 1
    assert undone == 3
    assert edit.dirty


def test_ensure_scheme_file_copies_the_sample_once(tmp_path, sample):
    target = ensure_scheme_file(tmp_path / "mine.yaml")
    assert read_scheme(target) == sample
    target.write_text(target.read_text(encoding="utf-8").replace("Junior", "Senior"),
                      encoding="utf-8")
    assert read_scheme(ensure_scheme_file(target)).title == "Senior Web Programmer"
