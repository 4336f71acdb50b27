"""Navigation by unit, driven headless: the unit list's progress follows the KUK rows'
verdicts, the jump goes to the next unjudged KUK (showing its unit), and every control
has a label a screen reader can read."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets.practice import PracticeApp, practice_app
from widgets.practice.kuk_row import KukRow
from widgets.practice.look import Look
from widgets.practice.unit_nav import CURRENT, UnitNav

UNITS = {"U.001": ["1.1", "1.2", "2.1"], "U.002": ["1.1", "1.2"], "U.003": ["1.1"]}


def _nav(lang: str = "en") -> tuple[UnitNav, dict[str, KukRow]]:
    look = Look()
    nav = UnitNav(look, lang)
    rows: dict[str, KukRow] = {}
    for code, labels in UNITS.items():
        unit_rows = [KukRow(f"{code}/{label}", label, f"statement {label}", look, lang)
                     for label in labels]
        rows.update({row.kuk_id: row for row in unit_rows})
        nav.add_unit(code, f"Unit {code}", [look.html(f"<h3>{code}</h3>"), *unit_rows])
    return nav, rows


def test_progress_per_unit_and_overall_follows_the_verdicts() -> None:
    nav, rows = _nav()
    nav.use_units(["U.002", "U.001"])  # scheme order, whatever the case lists
    assert nav.units == ["U.001", "U.002"] and nav.current == "U.001"
    assert nav.progress == (0, 5) and nav.progress_text == "0/5 KUK judged"
    assert nav._next.description == "0/5 KUK judged · next unjudged KUK"
    rows["U.001/1.2"].choose("K")
    rows["U.002/1.1"].choose("BK")
    assert nav.progress == (2, 5) and nav.unit_progress("U.001") == (1, 3)
    assert nav.footer.description == "2/5 KUK judged · next unjudged KUK"
    assert nav.unit_labels == ["U.001 · 1/3 · Unit U.001", "U.002 · 1/2 · Unit U.002"]
    rows["U.002/1.2"].choose("K")
    assert nav.unit_labels[1] == "U.002 · 2/2 ✓ · Unit U.002"
    assert nav.current == "U.001" and nav._list.value == "U.001"  # relabelled, kept
    rows["U.002/1.2"].choose(None)  # cleared again: not done any more
    assert nav.unit_progress("U.002") == (1, 2)
    assert nav.unit_labels[1] == "U.002 · 1/2 · Unit U.002"
    rows["U.003/1.1"].choose("K")  # a unit not in the open case counts for nothing
    assert nav.progress == (2, 5)


def test_the_indonesian_progress_line() -> None:
    nav, rows = _nav("id")
    nav.use_units(list(UNITS))
    rows["U.001/1.1"].choose("K")
    assert nav.progress_text == "1/6 KUK dinilai"
    assert nav._next.description == "1/6 KUK dinilai · ke KUK berikutnya yang belum dinilai"


def test_one_unit_is_current_and_its_section_marked() -> None:
    nav, _rows = _nav()
    nav.use_units(list(UNITS))
    shown: list[str] = []
    nav.on_show(shown.append)
    sections = dict(zip(nav.units, nav.sections, strict=True))
    assert CURRENT in sections["U.001"]._dom_classes
    nav._list.value = "U.002"  # as the page's select sends it
    assert nav.current == "U.002" and shown == ["U.002"]
    assert [CURRENT in s._dom_classes for s in sections.values()] == [False, True, False]
    nav.next_unjudged()
    assert nav.current == "U.001" and nav._list.value == "U.001" and shown[-1] == "U.001"
    with pytest.raises(ValueError, match=r"no unit 'U\.999'"):
        nav.show_unit("U.999")


def test_next_unjudged_goes_on_from_the_last_judged_and_wraps() -> None:
    nav, rows = _nav()
    nav.use_units(list(UNITS))
    assert nav.next_unjudged() is rows["U.001/1.1"]
    rows["U.001/1.1"].choose("K")
    rows["U.001/1.2"].choose("K")
    assert nav.next_unjudged() is rows["U.001/2.1"]
    rows["U.002/1.2"].choose("BK")  # judged out of order: the jump goes on from there
    target = nav.next_unjudged()
    assert target is rows["U.003/1.1"] and nav.current == "U.003"
    rows["U.003/1.1"].choose("K")
    assert nav.next_unjudged() is rows["U.001/2.1"]  # wrapped round
    assert nav.current == "U.001"
    rows["U.001/2.1"].choose("K")
    nav.footer.click()  # the button under the sections does the same
    assert nav.current == "U.002"
    rows["U.002/1.1"].choose("K")
    assert nav.progress == (6, 6) and nav.next_unjudged() is None
    assert nav._next.disabled and nav.footer.disabled
    assert nav._next.description == "6/6 KUK judged"


def test_a_new_case_starts_at_its_first_unit_with_fresh_progress() -> None:
    nav, rows = _nav()
    nav.use_units(list(UNITS))
    rows["U.001/1.1"].choose("K")
    nav.show_unit("U.003")
    for row in rows.values():
        row.reset()
    nav.use_units(["U.002", "U.003"])
    assert nav.current == "U.002" and nav.progress == (0, 3)
    assert len(nav.sections) == 2 and not nav._next.disabled
    assert nav.next_unjudged() is rows["U.002/1.1"]


# -- in the app ----------------------------------------------------------------------

def _app(cases: Path, tmp_path: Path) -> PracticeApp:
    app = practice_app(cases, db=f"sqlite:///{tmp_path / 'a.db'}", lang="en")
    assert isinstance(app, PracticeApp), getattr(app, "value", app)
    return app


def test_the_app_shows_a_section_per_unit_and_counts_as_rows_are_judged(
        case_set: Path, tmp_path: Path) -> None:
    app = _app(case_set, tmp_path)
    app.sign_in("Nav Trainee")
    case = app.session.entry(app.case_id).case  # type: ignore[arg-type, union-attr]
    rows = app.rows
    assert app.nav.units == [u for u in app.nav._all if u in case.units]
    assert app.nav.progress == (0, len(rows))
    practice = app._practice.children
    assert app.nav in practice and app.nav.footer in practice
    assert all(section in practice for section in app.nav.sections)
    section_rows = [c for s in app.nav.sections for c in s.children if isinstance(c, KukRow)]
    assert section_rows == rows  # every KUK of the case, each in its unit's section
    rows[0].choose("K")
    rows[-1].choose("BK")
    assert app.nav.progress == (2, len(rows))
    assert app.nav._next.description.startswith(f"2/{len(rows)} KUK judged")
    last_unit = rows[-1].kuk_id.rpartition("/")[0]
    assert app.nav.unit_progress(last_unit)[0] == 1
    assert app.nav.next_unjudged() is rows[1]  # after the last judged, wrapping round
    assert app.nav.current == rows[1].kuk_id.rpartition("/")[0]
    for row in rows:
        row.choose("K")
    assert app.nav.progress == (len(rows), len(rows)) and app.nav.next_unjudged() is None
    assert app.submit()
    app.next_case()  # the next case: progress from zero
    assert app.nav.progress == (0, len(app.rows))


def test_every_control_of_a_row_and_a_card_has_a_label(case_set: Path, tmp_path: Path) -> None:
    app = _app(case_set, tmp_path)
    app.sign_in("Label Trainee")
    row = app.rows[0]
    assert row._k.tooltip == f"KUK {row.label}: competent (K)"
    assert row._bk.tooltip == f"KUK {row.label}: not yet competent (BK)"
    row.choose("K")
    assert row._note is not None and row._note.description == f"Note on KUK {row.label}"
    assert "asesorlab-sr-label" in row._note._dom_classes
    assert app._feedback.description == "Feedback"
    panel = next(p for p in app.evidence_panels if p.items)
    panel.expand()
    card = panel.cards[0]
    assert all(box.description and box.tooltip.startswith(card.item_id)
               for box in card._checks.values())
    code = app.nav.units[0]
    decision = app.units._units[code]
    assert decision._toggle.tooltips[0].startswith(f"{code} ") and \
        decision._toggle.tooltips[0].endswith(": K")
    assert list(app.units._recommendation._toggle.tooltips) == [
        "Recommendation for the asesi: K", "Recommendation for the asesi: BK"]
