"""The practice app driven without a browser: the actions a trainee takes, the checks the
kernel makes on what a browser sends, and where the key is (not) read."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import ipywidgets as w
import pytest

from toolkit.cases.io import case_files, key_path_for, load_key
from toolkit.cases.model import EvidenceVerdict
from toolkit.errors import SchemeInvalid
from toolkit.store import Store
from widgets.practice import PracticeApp, practice_app
from widgets.practice.session import read_key


def _app(cases: Path, db: str) -> PracticeApp:
    app = practice_app(cases, db=db, lang="en")
    assert isinstance(app, PracticeApp), getattr(app, "value", app)
    return app


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'attempts.db'}"


def _states(widget: w.Widget, seen: set[str] | None = None) -> list[dict[str, Any]]:
    """The synced state of ``widget`` and of every widget it refers to."""
    seen = set() if seen is None else seen
    if widget.model_id in seen:
        return []
    seen.add(widget.model_id)
    states = [widget.get_state()]
    for name in widget.keys:
        value = getattr(widget, name)
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, w.Widget):
                states += _states(item, seen)
    return states


def test_sign_in_judge_submit_debrief_and_next(case_set: Path, db: str) -> None:
    app = _app(case_set, db)
    app.sign_in("  Siti   Rahma ")
    assert app.trainee == "Siti Rahma" and app.case_id == "case-0001"
    rows = app.rows
    case = app.session.entry("case-0001").case  # type: ignore[union-attr]
    assert [r.kuk_id for r in rows] == app.session.scheme.criterion_ids(case.units)
    for row in rows:
        row.choose("K")
    assert set(app.units.units().values()) == {"K"} and app.units.recommendation() == "K"
    first_unit = next(iter(app.units.units()))
    app.units.override(first_unit, "BK")  # the trainee overrides the rule
    assert app.units.units()[first_unit] == "BK" and app.units.recommendation() == "BK"
    app.evidence_panels[0].expand()
    app.evidence_cards[0].set_checks(valid=True, authentic=True)
    assert app.submit() and app.submit()  # a double submit
    assert "asesorlab-score" in app.debrief.text
    attempts = Store(db).attempts("Siti Rahma")
    assert len(attempts) == 1
    judgement = attempts[0].judgement
    assert judgement["units"][first_unit] == "BK" and judgement["recommendation"] == "BK"
    assert next(iter(judgement["evidence"].values()))["valid"] is True
    app.debrief.next()
    assert app.case_id == "case-0002" and all(r.verdict is None for r in app.rows)


def test_a_page_gets_five_models_a_kuk_and_note_fields_only_when_wanted(case_set: Path,
                                                                        db: str) -> None:
    app = _app(case_set, db)
    kuks = len(app.session.scheme.criterion_ids())
    models = _states(app)
    # a row is its grid, its text, K, BK and "more evidence needed"; layouts and styles are
    # shared by the app. The rest (140) is the page's frame: sign-in, unit navigation, the
    # plan's route and TUK (its per-unit rows only when opened), the declaration, AK.02's
    # notes, the clock, the unit decisions and the debrief
    assert len(models) <= 5 * kuks + 140, len(models)
    assert sum(m["_model_name"] == "TextModel" for m in models) == 1  # the trainee's name
    app.sign_in("Rina")
    first, second = app.rows[0], app.rows[1]
    assert not first.has_note_field and first.note == ""
    first.choose("BK")  # a verdict brings the note field
    assert first.has_note_field and len(first.children) == 5
    first.note = "  no date on the log  "
    second.note = "set before a verdict"
    assert first.note == "no date on the log" and second.has_note_field
    assert app.judgement().notes == {first.kuk_id: "no date on the log",  # type: ignore[union-attr]
                                     second.kuk_id: "set before a verdict"}
    app.open_case("case-0002")  # a new case drops the fields
    assert not first.has_note_field and len(first.children) == 4 and first.verdict is None


def test_submit_is_refused_until_every_kuk_is_marked(case_set: Path, db: str) -> None:
    app = _app(case_set, db)
    app.sign_in("Ani")
    for row in app.rows[1:]:
        row.choose("BK")
    assert not app.submit()
    assert app.rows[0].label in app.message
    assert Store(db).count() == 0


def test_browser_values_are_checked(case_set: Path, db: str) -> None:
    app = _app(case_set, db)
    app.open_case("case-0002")  # before sign-in: nothing opens
    assert app.case_id is None
    app.sign_in("<script>alert(1)</script>")
    assert app.trainee is None
    app.sign_in("Budi")
    app.open_case("../case-0001.key")
    assert app.case_id == "case-0001" and "no case" in app.message
    with pytest.raises(ValueError):
        app.rows[0].choose("maybe")
    app.rows[0].note = "x" * 5000
    assert len(app.rows[0].note) == 1000


def test_no_widget_holds_anything_of_the_key_before_submit(case_set: Path, db: str,
                                                            tmp_path: Path) -> None:
    first = case_files(case_set)[0]
    key = load_key(key_path_for(first))
    hidden = tmp_path / "away.key.json"
    key_path_for(first).rename(hidden)  # the key is not even on disk while the trainee works
    try:
        app = _app(case_set, db)
        app.sign_in("Dewi")
        for row in app.rows:
            row.choose("K")
        for panel in app.evidence_panels:
            panel.expand()
        state = json.dumps(_states(app), ensure_ascii=False)
    finally:
        hidden.rename(key_path_for(first))
    reasons = [text for group in (key.reasons.criteria, key.reasons.evidence)
               for localized in group.values() for text in localized.values()]
    assert reasons and not [r for r in reasons if r in state]
    assert "not_authentic" not in state and "truly_met" not in state
    assert app.submit()
    assert any(r.replace("'", "&#x27;") in app.debrief.text for r in reasons)


def test_the_key_read_at_submit_is_the_toolkits_and_a_broken_one_is_located(
        case_set: Path, tmp_path: Path) -> None:
    path = key_path_for(case_files(case_set)[0])
    assert read_key(path) == load_key(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["evidence"]  # a key must state every decision, even an empty one
    broken = tmp_path / "case-0001.key.json"
    broken.write_text(json.dumps(data, indent=1), encoding="utf-8")
    with pytest.raises(SchemeInvalid) as raised:
        read_key(broken)
    assert "evidence" in str(raised.value.errors[0]) and raised.value.errors[0].file


def _ten_at_once(case_set: Path, url: str) -> None:
    apps = [_app(case_set, url) for _ in range(10)]
    for number, app in enumerate(apps):
        app.sign_in(f"Trainee {number}")
        for row in app.rows:
            row.choose("K")
    barrier = threading.Barrier(len(apps))
    results: list[bool] = []

    def submit(app: PracticeApp) -> None:
        barrier.wait()
        results.append(app.submit())

    threads = [threading.Thread(target=submit, args=(app,)) for app in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [True] * 10
    store = Store(url)
    assert store.count() == 10
    assert {a.trainee for a in store.attempts()} == {f"Trainee {n}" for n in range(10)}


def test_ten_trainees_submit_at_once_on_sqlite(case_set: Path, db: str) -> None:
    _ten_at_once(case_set, db)


@pytest.mark.postgres
def test_ten_trainees_submit_at_once_on_postgres(case_set: Path, postgres_url: str) -> None:
    _ten_at_once(case_set, postgres_url)


def test_a_broken_setup_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    shown = practice_app(tmp_path, db=f"sqlite:///{tmp_path / 'a.db'}", lang="en")
    assert isinstance(shown, w.HTML) and "no case files" in shown.value


@pytest.mark.kernel
def test_the_notebook_runs_with_parameters(case_set: Path, db: str, tmp_path: Path) -> None:
    import papermill

    notebook = Path(__file__).resolve().parents[2] / "notebooks" / "practice.ipynb"
    result = papermill.execute_notebook(
        str(notebook), str(tmp_path / "out.ipynb"), progress_bar=False, kernel_name="python3",
        parameters={"cases_dir": str(case_set), "db": db, "lang": "en"})
    outputs = [o for cell in result.cells if cell.cell_type == "code" for o in cell.outputs]
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
    assert not [o for o in outputs if o.get("output_type") == "error"]


def test_the_judgement_keeps_unjudged_checks_unjudged(case_set: Path, db: str) -> None:
    app = _app(case_set, db)
    app.sign_in("Yuni")
    app.evidence_panels[0].expand()
    first, second = app.evidence_cards[:2]
    first.set_checks(valid=True, current=False)  # two judged, two belum dinilai
    judgement = app.judgement()
    assert judgement is not None
    assert judgement.evidence == {first.item_id: EvidenceVerdict(valid=True, current=False)}
    assert second.item_id not in judgement.evidence  # nothing judged: left out, unjudged
    for row in app.rows:
        row.choose("K")
    assert app.submit()
    stored = Store(db).attempts("Yuni")[0]
    assert stored.judgement["evidence"][first.item_id] == {
        "valid": True, "authentic": None, "current": False, "sufficient": None}
    items = len(app.session.entry("case-0001").case.evidence)  # type: ignore[union-attr]
    assert stored.score["evidence_unjudged"] == items - 1  # all but the one partly judged
