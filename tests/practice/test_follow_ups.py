"""Penilaian lanjut in the practice app, headless: the kernel checks what the browser asks
for, reads only the asked KUK's follow-up, shows it under the row, and passes it on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.cases.io import case_files, follow_up_path_for, load_follow_ups, save_case_set
from toolkit.cases.keys import generate_case_set
from toolkit.schemeio import read_scheme, sample_scheme_path
from toolkit.store import Store
from widgets.practice import PracticeApp, practice_app

from .test_app import _states


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'attempts.db'}"


@pytest.fixture(scope="module")
def one_unit_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two generated cases of the sample scheme's first unit, with their follow-up files."""
    scheme = read_scheme(sample_scheme_path())
    triples = generate_case_set(scheme, count=2, seed=11, units=[scheme.units[0].code])
    folder = tmp_path_factory.mktemp("one-unit")
    save_case_set([(c, k) for c, k, _f in triples], folder, [f for _c, _k, f in triples])
    return folder


def _app(cases: Path, db: str, lang: str = "en") -> PracticeApp:
    app = practice_app(cases, db=db, lang=lang)
    assert isinstance(app, PracticeApp), getattr(app, "value", app)
    return app


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [t for v in value.values() for t in _strings(v)]
    if isinstance(value, list):
        return [t for v in value for t in _strings(v)]
    return [value] if isinstance(value, str) and len(value) >= 20 else []


def follow_up_secrets(case_path: Path, criteria: dict[str, object]) -> list[str]:
    """The texts of these follow-up entries that the case does not hold already (a bank
    question may be asked in the case too): what must not reach a page unasked."""
    known = case_path.read_text(encoding="utf-8")
    return sorted({t for t in _strings(criteria) if json.dumps(t, ensure_ascii=False)[1:-1]
                   not in known})


def test_a_follow_up_shows_that_kuks_evidence_only_and_is_passed_on(case_set: Path,
                                                                    db: str) -> None:
    app = _app(case_set, db, lang="id")
    app.sign_in("Sari")
    opened = app._opened
    assert opened is not None
    prepared = load_follow_ups(follow_up_path_for(case_files(case_set)[0]))
    row = app.rows[3]
    kuk = row.kuk_id
    entry = prepared.criteria[kuk]["question"]
    assert entry.answer is not None
    first = case_files(case_set)[0]
    everything = follow_up_secrets(first, prepared.model_dump(mode="json")["criteria"])
    assert len(everything) > 20
    before = json.dumps(_states(app), ensure_ascii=False)
    assert not [t for t in everything if t in before]
    row.want_follow_up()
    assert row.chooser is not None
    row.chooser.ask("question")  # as the trainee clicks "Minta"
    card = row.follow_up_card
    assert card is not None and card.kind == "question"
    assert entry.answer.answer.replace("'", "&#x27;") in card.value or \
        entry.answer.answer in card.value
    assert opened.follow_ups == {kuk: "question"} and list(opened.revealed) == [kuk]
    state = json.dumps(_states(app), ensure_ascii=False)
    data = prepared.model_dump(mode="json")["criteria"]
    asked = set(_strings(data[kuk]["question"]))
    unasked = {k: v for k, v in data.items() if k != kuk}
    unasked[kuk] = {k: v for k, v in data[kuk].items() if k != "question"}
    leaked = [t for t in follow_up_secrets(first, unasked) if t in state and t not in asked]
    assert leaked == []
    assert app.follow_up(kuk, "third_party") == entry  # one follow-up per KUK and attempt
    row.choose("BK")
    for other in app.rows:
        if other.verdict is None:
            other.choose("K")
    assert app.judgement().follow_ups == {kuk: "question"}  # type: ignore[union-attr]
    assert app.submit()
    stored = Store(db).attempts("Sari")[0]
    assert stored.judgement["follow_ups"] == {kuk: "question"}
    assert app.follow_up(app.rows[4].kuk_id, "question") is None  # after submit: nothing


def test_the_kernel_refuses_a_kuk_outside_the_open_case_and_an_unknown_kind(
        one_unit_set: Path, db: str) -> None:
    app = _app(one_unit_set, db)
    app.sign_in("Tono")
    opened = app._opened
    assert opened is not None
    scheme = app.session.scheme
    outside = scheme.criterion_ids([scheme.units[1].code])[0]  # of the scheme, not the case
    for kuk, kind in [(outside, "question"), ("../case-0001.key", "question"),
                      ("J.620100.004.02/9.9", "question")]:
        assert app.follow_up(kuk, kind) is None
        assert "no KUK" in app.message
    inside = app.rows[0].kuk_id
    assert app.follow_up(inside, "bribe") is None and "no follow-up bribe" in app.message
    assert opened.revealed == {} and opened.follow_ups == {}
    assert app.rows[0].follow_up_card is None
    assert app.follow_up(inside, "demonstration") is not None
    assert app.rows[0].follow_up_card is not None and opened.follow_ups == {
        inside: "demonstration"}


def test_a_case_without_a_follow_up_file_says_so_in_the_row(one_unit_set: Path, db: str,
                                                            tmp_path: Path) -> None:
    first = case_files(one_unit_set)[0]
    path = follow_up_path_for(first)
    away = tmp_path / "away.followup.json"
    path.rename(away)
    try:
        app = _app(one_unit_set, db)
        app.sign_in("Uli")
        row = app.rows[0]
        row.want_follow_up()
        assert app.follow_up(row.kuk_id, "question") is None
        assert row.chooser is not None and "Nothing more" in row.chooser.message
        assert row.follow_up_card is None
    finally:
        away.rename(path)


def test_a_new_case_drops_the_follow_up_cards(one_unit_set: Path, db: str) -> None:
    app = _app(one_unit_set, db)
    app.sign_in("Wati")
    row = app.rows[0]
    assert app.follow_up(row.kuk_id, "third_party") is not None
    assert row.follow_up_card is not None
    app.open_case("case-0002")
    assert row.follow_up_card is None and app._opened is not None
    assert app._opened.follow_ups == {}
