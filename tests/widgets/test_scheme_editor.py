"""The scheme editor driven headless: set values, click buttons, check the model and files."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from toolkit.editing import open_for_edit
from toolkit.schemeio import read_scheme
from toolkit.synthetic import make_large_scheme
from widgets.editor import SchemeEditor


def _texts(widget: w.Widget) -> list[str]:
    """Every description, value and placeholder shown in a widget tree."""
    found = []
    for name in ("description", "value", "placeholder", "tooltip"):
        value = getattr(widget, name, None)
        if isinstance(value, str) and value:
            found.append(value)
    for child in getattr(widget, "children", ()):
        found.extend(_texts(child))
    return found


def test_add_rename_delete_undo_save_reload(scheme_file: Path) -> None:
    editor = SchemeEditor(scheme_file)
    original = read_scheme(scheme_file)
    assert [p.title for p in editor.units] == [u.title for u in original.units]
    assert not editor.dirty and "asesorlab-editor" in editor._dom_classes
    assert editor.comm is not None  # the widget is open (a front end can show it)

    panel = editor.add_unit()
    panel.code = "J.620100.099.01"
    panel.title = "Unit uji coba"
    panel.element_panel(0).title = "Elemen uji"
    panel.element_panel(0).kuk_row(0).value = "Sesuatu diuji sesuai prosedur."
    assert editor.dirty
    assert "●" in editor.toolbar._marker.value

    row = editor.unit_panel(0).element_panel(0).kuk_row(1)
    row.value = "Alternatif struktur data dibandingkan."
    elements = len(editor.scheme.units[1].elements)
    editor.unit_panel(1).element_panel(0).delete()
    assert len(editor.scheme.units[1].elements) == elements - 1
    assert len(editor.unit_panel(1).elements) == elements - 1

    editor.toolbar.button("undo").click()  # brings the deleted element back
    assert len(editor.scheme.units[1].elements) == elements
    assert editor.unit_panel(1).expanded  # what was open stays open after undo

    editor.toolbar.button("save").click()
    assert not editor.dirty
    assert "asesorlab-save" in editor.toolbar.button("save")._dom_classes
    saved = read_scheme(scheme_file)
    assert saved == editor.scheme
    assert saved.units[0].elements[0].criteria[1].text == "Alternatif struktur data dibandingkan."
    assert saved.units[-1].code == "J.620100.099.01"
    assert len(saved.units) == len(original.units) + 1
    assert not list(scheme_file.parent.glob(".*.tmp"))  # the atomic write left no temp file

    reopened = SchemeEditor(scheme_file)
    assert reopened.scheme == editor.scheme
    assert [p.title for p in reopened.units][-1] == "Unit uji coba"


def test_invalid_unit_code_shows_its_message_on_that_unit(scheme_file: Path) -> None:
    editor = SchemeEditor(scheme_file)
    editor.unit_panel(2).code = "J-6201"
    assert "J-6201" in editor.unit_panel(2).message
    assert "SKKNI" in editor.unit_panel(2).message
    assert all(p.message == "" for i, p in enumerate(editor.units) if i != 2)
    editor.unit_panel(2).code = editor.scheme.units[0].code  # now a duplicate: an error
    assert "ganda" in editor.unit_panel(2).message
    assert "1 error(s)" in editor._summary.value or "1 galat" in editor._summary.value
    editor.unit_panel(2).code = "J.620100.777.01"
    assert editor.unit_panel(2).message == ""


def test_problems_inside_a_collapsed_unit_are_counted_in_its_header(scheme_file: Path) -> None:
    editor = SchemeEditor(scheme_file)
    unit = editor.unit_panel(0)
    unit.add_element()  # an element with one empty KUK
    row = unit.element_panel(len(unit.elements) - 1).kuk_row(0)
    assert "kosong" in row._message.value
    unit.expanded = False
    assert "2 masalah" in unit.message  # the title and the KUK are empty
    editor.undo()
    assert editor.unit_panel(0).message == ""


def test_reordering_kuk_and_units(scheme_file: Path) -> None:
    editor = SchemeEditor(scheme_file)
    first, second = editor.scheme.units[0].code, editor.scheme.units[1].code
    editor.unit_panel(0).expanded = True
    kuk = [c.text for c in editor.scheme.units[0].elements[0].criteria]
    editor.unit_panel(0).element_panel(0).kuk_row(0).move(1)
    assert [r.value for r in editor.unit_panel(0).element_panel(0).rows] == kuk[::-1]
    assert [r.label for r in editor.unit_panel(0).element_panel(0).rows] == ["1.1", "1.2"]
    editor.unit_panel(0).move(1)
    assert [p.code for p in editor.units[:2]] == [second, first]
    assert editor.unit_panel(1).expanded
    editor.unit_panel(1).element_panel(0).kuk_row(0).value = "Diubah setelah dipindah."
    assert editor.scheme.units[1].elements[0].criteria[0].text == "Diubah setelah dipindah."
    editor.unit_panel(0).delete()
    assert editor.units[0].code == first and len(editor.units) == len(editor.scheme.units)


def test_start_empty_and_save_needs_a_path(tmp_path: Path) -> None:
    editor = SchemeEditor(language="en")
    assert editor.units == []
    assert "the scheme has no units" in editor._summary.value
    assert editor.save() is None
    assert "Type the path" in editor.status
    editor._scheme_code.value = "SKM-01"
    panel = editor.add_unit()
    panel.code = "N.82ADM00.001.3"
    target = editor.save(tmp_path / "new.json")
    assert target is not None and open_for_edit(target).units[0].code == "N.82ADM00.001.3"
    assert "error(s) still to fix" in editor.status  # the title is still empty


def test_bad_files_give_messages_not_tracebacks(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("code: X\ntitle: Y\nunits:\n  - kode: 1\n", encoding="utf-8")
    editor = SchemeEditor(broken, language="en")
    assert "broken.yaml:4" in editor.status and "unknown key" in editor.status
    assert editor.open_file(tmp_path / "missing.yaml") is False
    assert "file not found" in editor.status
    editor.add_unit()
    assert editor.save(tmp_path / "scheme.txt") is None
    assert "cannot write files of type" in editor.status


def test_labels_follow_the_language(scheme_file: Path) -> None:
    indonesian = _texts(SchemeEditor(scheme_file))
    english = _texts(SchemeEditor(scheme_file, language="en"))
    assert "Simpan" in indonesian and "Save" not in indonesian
    assert "Save" in english and "Undo" in english


def test_a_750_kuk_scheme_opens_collapsed() -> None:
    scheme = make_large_scheme()
    editor = SchemeEditor(scheme)
    assert len(editor.units) == 30 and scheme.criterion_count == 750
    assert all(not p.expanded for p in editor.units)
    assert len(editor.unit_panel(29).elements) == 5  # built on demand
    assert len(editor.unit_panel(29).element_panel(4).rows) == 5
