"""The adaptive next case targets each trainee's weak flaw kind, and the practice app uses it:
it opens the chosen case and its debrief says why."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.analytics import (
    CaseProfile,
    TraineeProfile,
    WeakestFirst,
    choose_next,
    demo_cohort,
    flaw_kinds,
    flaw_label,
    generate_targeted,
    weakness,
)
from toolkit.cases import generate_cases
from toolkit.cases.io import save_case_set
from toolkit.i18n import language
from toolkit.scheme import Scheme
from toolkit.store import Store


@pytest.fixture(scope="module")
def catalog(scheme: Scheme) -> list[tuple]:
    """Twelve realistic cases (each with a few of the fourteen flaw kinds), ids case-0101 …"""
    pairs = generate_cases(scheme, count=12, seed=40)
    out = []
    for number, (case, key) in enumerate(pairs, start=101):
        new_id = f"case-{number:04d}"
        out.append((case.model_copy(update={"id": new_id}),
                    key.model_copy(update={"case": new_id})))
    return out


def _kinds(catalog: list[tuple], cohort_keys: list) -> list[str]:
    """Three flaw kinds planted at least twice in the cohort's own cases and found in
    at most half of the catalog (so that a random pick would often miss them)."""
    planted: dict[str, int] = {}
    for key in cohort_keys:
        for kinds in key.flaws.values():
            for kind in kinds:
                planted[kind] = planted.get(kind, 0) + 1
    share = {kind: sum(any(kind in v for v in k.flaws.values()) for _c, k in catalog)
             for kind in flaw_kinds([k for _c, k in catalog])}
    return [k for k in share if planted.get(k, 0) >= 2 and 0 < share[k] <= len(catalog) // 2
            ][:3]


def _weak_cohort(store: Store, scheme: Scheme, catalog: list[tuple]) -> list[TraineeProfile]:
    keys = [k for _c, k in generate_cases(scheme, count=8, seed=9)]
    profiles = [TraineeProfile(f"Trainee {kind} {n}", weak=(kind,), weak_miss=0.95,
                               base_miss=0.02) for kind in _kinds(catalog, keys)
                for n in range(3)]
    assert len(profiles) >= 6  # two kinds at least, three trainees each
    demo_cohort(store, scheme, trainees=len(profiles), attempts=8, seed=9, profiles=profiles)
    return profiles


def test_selection_targets_the_weak_flaw_kind_in_most_picks(store: Store, scheme: Scheme,
                                                            catalog: list[tuple]) -> None:
    profiles = _weak_cohort(store, scheme, catalog)
    candidates = [CaseProfile.from_key(key) for _case, key in catalog]
    picks = hits = 0
    for profile in profiles:
        for seed in range(4):
            choice = choose_next(store, profile.name, candidates, seed=seed)
            assert choice is not None
            picks += 1
            chosen = next(c for c in candidates if c.case_id == choice.case_id)
            hits += chosen.flaws.get(profile.weak[0], 0) > 0 and profile.weak[0] in choice.flaws
    print(f"adaptive picks on the weak flaw kind: {hits}/{picks}")
    assert hits / picks >= 0.8, (hits, picks)


def test_no_adaptation_before_enough_attempts_or_with_nothing_to_target(
        store: Store, scheme: Scheme, catalog: list[tuple]) -> None:
    candidates = [CaseProfile.from_key(key) for _case, key in catalog]
    assert choose_next(store, "Nobody Yet", candidates) is None
    strong = TraineeProfile("Strong One", base_miss=0.0, slips=0.0)
    demo_cohort(store, scheme, trainees=1, attempts=4, seed=3, profiles=[strong])
    assert weakness(store, "Strong One").attempts == 4
    assert WeakestFirst().choose(weakness(store, "Strong One"), candidates) is None


def test_a_targeted_case_can_be_generated(store: Store, scheme: Scheme,
                                          catalog: list[tuple]) -> None:
    profiles = _weak_cohort(store, scheme, catalog)
    weak = weakness(store, profiles[-1].name)
    case, key, choice = generate_targeted(scheme, weak, seed=2, tries=6)
    assert choice is not None and choice.case_id == case.id == key.case
    assert profiles[-1].weak[0] in choice.flaws
    assert any(profiles[-1].weak[0] in kinds for kinds in key.flaws.values())


def test_the_practice_app_opens_the_chosen_case_and_says_why(
        tmp_path: Path, scheme: Scheme, catalog: list[tuple]) -> None:
    from widgets.practice import PracticeApp, practice_app

    folder = tmp_path / "cases"
    save_case_set(catalog, folder)
    db = f"sqlite:///{tmp_path / 'attempts.db'}"
    store = Store(db)
    kind = _kinds(catalog, [k for _c, k in generate_cases(scheme, count=4, seed=1)])[0]
    weak = TraineeProfile("Siti Rahma", weak=(kind,), weak_miss=0.9)
    demo_cohort(store, scheme, trainees=1, attempts=4, seed=1, profiles=[weak])
    store.dispose()
    app = practice_app(folder, db=db, lang="en")
    assert isinstance(app, PracticeApp)
    app.sign_in("Siti Rahma")
    key = next(k for c, k in catalog if c.id == app.case_id)
    assert any(kind in kinds for kinds in key.flaws.values())
    why = app.session.why_chosen("Siti Rahma", str(app.case_id))
    with language("en"):
        label = flaw_label(kind)
    assert why.startswith(f"This case was chosen to practise what you miss most: {label}")
    for row in app.rows:
        row.choose("K")
    assert app.submit()
    assert 'class="asesorlab-why"' in app.debrief.text and label in app.debrief.text
    # a trainee with no history gets the usual first case, and no "why"
    fresh = practice_app(folder, db=db, lang="en")
    assert isinstance(fresh, PracticeApp)
    fresh.sign_in("Budi Baru")
    assert fresh.case_id == "case-0101"
    assert fresh.session.why_chosen("Budi Baru", "case-0101") == ""
