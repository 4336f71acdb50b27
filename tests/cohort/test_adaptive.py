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
    generate_targeted,
    weakness,
)
from toolkit.cases import FlawRates, generate_cases
from toolkit.cases.io import save_case_set
from toolkit.scheme import Scheme
from toolkit.store import Store

KINDS = ("not_valid", "not_authentic", "not_current")


def _flavoured(scheme: Scheme, kind: str, count: int, seed: int) -> list:
    """Cases whose failing KUK all fail by ``kind`` (other flaw rates 0)."""
    rates = {k: 0.0 for k in (*KINDS, "not_sufficient")}
    rates[kind] = 0.6
    units = [u.code for u in scheme.units[:3]]
    return generate_cases(scheme, count=count, seed=seed, units=units,
                          flaws=FlawRates(met=0.6, **rates))


def _renamed(pairs: list, start: int) -> list:
    out = []
    for number, (case, key) in enumerate(pairs, start=start):
        new_id = f"case-{number:04d}"
        out.append((case.model_copy(update={"id": new_id}),
                    key.model_copy(update={"case": new_id})))
    return out


@pytest.fixture(scope="module")
def catalog(scheme: Scheme) -> list[tuple]:
    """Nine cases, three of each flavour, with ids case-0101 … case-0109."""
    pairs = []
    for index, kind in enumerate(KINDS):
        pairs += _renamed(_flavoured(scheme, kind, 3, seed=40 + index), 101 + 3 * index)
    return pairs


def _weak_cohort(store: Store, scheme: Scheme) -> list[TraineeProfile]:
    profiles = [TraineeProfile(f"Trainee {kind} {n}", weak=(kind,), weak_miss=0.8,
                               base_miss=0.02) for kind in KINDS for n in range(3)]
    demo_cohort(store, scheme, trainees=len(profiles), attempts=5, seed=9, profiles=profiles)
    return profiles


def test_selection_targets_the_weak_flaw_kind_in_most_picks(store: Store, scheme: Scheme,
                                                            catalog: list[tuple]) -> None:
    profiles = _weak_cohort(store, scheme)
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


def test_a_targeted_case_can_be_generated(store: Store, scheme: Scheme) -> None:
    profiles = _weak_cohort(store, scheme)
    weak = weakness(store, profiles[-1].name)  # weak in not_current
    case, key, choice = generate_targeted(scheme, weak, seed=2, tries=4)
    assert choice is not None and choice.case_id == case.id == key.case
    assert "not_current" in choice.flaws


def test_the_practice_app_opens_the_chosen_case_and_says_why(
        tmp_path: Path, scheme: Scheme, catalog: list[tuple]) -> None:
    from widgets.practice import PracticeApp, practice_app

    folder = tmp_path / "cases"
    save_case_set(catalog, folder)
    db = f"sqlite:///{tmp_path / 'attempts.db'}"
    store = Store(db)
    weak_in_current = TraineeProfile("Siti Rahma", weak=("not_current",), weak_miss=0.9)
    demo_cohort(store, scheme, trainees=1, attempts=4, seed=1, profiles=[weak_in_current])
    store.dispose()
    app = practice_app(folder, db=db, lang="en")
    assert isinstance(app, PracticeApp)
    app.sign_in("Siti Rahma")
    key = next(k for c, k in catalog if c.id == app.case_id)
    assert any("not_current" in kinds for kinds in key.flaws.values())
    assert app.case_id in {c.id for c, _k in catalog[6:]}  # a not_current case
    why = app.session.why_chosen("Siti Rahma", str(app.case_id))
    assert why.startswith("This case was chosen to practise what you miss most: "
                          "evidence not current")
    for row in app.rows:
        row.choose("K")
    assert app.submit()
    assert 'class="asesorlab-why"' in app.debrief.text and "evidence not current" in \
        app.debrief.text
    # a trainee with no history gets the usual first case, and no "why"
    fresh = practice_app(folder, db=db, lang="en")
    assert isinstance(fresh, PracticeApp)
    fresh.sign_in("Budi Baru")
    assert fresh.case_id == "case-0101"
    assert fresh.session.why_chosen("Budi Baru", "case-0101") == ""
