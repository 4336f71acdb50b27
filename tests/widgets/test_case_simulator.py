"""The case simulator driven headless: generate, override with a note, regenerate, save."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.cases.generator import FlawRates
from toolkit.cases.io import load_case, load_key
from toolkit.schemeio import read_scheme, sample_scheme_path
from widgets.simulator import CaseSimulator


@pytest.fixture(scope="module")
def scheme():
    return read_scheme(sample_scheme_path())


@pytest.fixture
def simulator(scheme) -> CaseSimulator:
    sim = CaseSimulator(scheme)
    sim.controls.units = [scheme.units[0].code, scheme.units[1].code]
    sim.controls.seed = 7
    return sim


def test_generate_shows_the_case_beside_its_key(simulator: CaseSimulator) -> None:
    assert "asesorlab-simulator" in simulator._dom_classes
    assert simulator.generate()
    case, key = simulator.case, simulator.key
    assert case is not None and key is not None
    assert set(case.units) == set(simulator.controls.units)
    assert len(simulator.view.cards) == len(case.evidence) > 0
    assert all("asesorlab-evidence" in card._dom_classes for card in simulator.view.cards)
    assert case.evidence[0].title in simulator.view.cards[0].value
    assert case.asesi.name in simulator.view._case.value
    kuk = next(iter(key.criteria))
    assert key.reasons.criteria[kuk]["id"] in simulator.review.html.replace("&#x27;", "'")


def test_override_persists_across_regeneration(simulator: CaseSimulator, tmp_path: Path) -> None:
    simulator.generate()
    assert simulator.key is not None
    kuk, verdict = next(iter(simulator.key.criteria.items()))
    flipped = "BK" if verdict == "K" else "K"
    assert simulator.override(f"criteria/{kuk}", flipped, "observasi ulang menunjukkan sebaliknya")
    assert simulator.key.criteria[kuk] == flipped
    assert "observasi ulang" in simulator.review.html
    assert "✎" in simulator.review.html

    simulator.controls.seed = 8  # another case: no override there
    simulator.generate()
    assert simulator.key.overrides == []
    simulator.controls.seed = 7  # the same case again: the override comes back
    simulator.controls.generate()
    assert simulator.key.criteria[kuk] == flipped
    assert [o.target for o in simulator.key.overrides] == [f"criteria/{kuk}"]

    [case_file] = simulator.save(tmp_path / "set")
    key = load_key(case_file.with_name(case_file.stem + ".key.json"))
    assert load_case(case_file) == simulator.case
    assert key.criteria[kuk] == flipped
    assert key.overrides[0].note == "observasi ulang menunjukkan sebaliknya"
    assert "case-0001" in simulator.status


def test_an_evidence_override_reaches_the_key(simulator: CaseSimulator) -> None:
    simulator.generate()
    assert simulator.key is not None
    item = next(iter(simulator.key.evidence))
    current = simulator.key.evidence[item].authentic
    form = simulator.review.form
    assert form.choose(f"evidence/{item}/authentic")
    form.value = not current
    form.note = "nama pemilik sudah diverifikasi"
    form._apply.click()
    assert simulator.key.evidence[item].authentic is (not current)
    assert form.note == "" and "asesorlab-ok" in simulator.review.message
    assert f"Asli (Bukti {item})" in simulator.review.message


def test_bad_overrides_and_early_actions_give_messages(simulator: CaseSimulator) -> None:
    assert simulator.save() == []
    assert "asesorlab-error" in simulator.status
    simulator.generate()
    kuk = next(iter(simulator.key.criteria))
    before = simulator.key
    assert not simulator.override(f"criteria/{kuk}", "BK", "   ")  # a note is required
    message = simulator.review.message  # beside the button, naming the KUK as the form does
    assert "asesorlab-error" in message and "catatan" in message
    unit, number = kuk.split("/")
    assert "criteria/" not in message and f"KUK {number} (Unit {unit})" in message
    assert simulator.key == before


def test_the_correction_chooser_is_grouped_and_in_one_language(simulator: CaseSimulator) -> None:
    simulator.generate()
    key, form = simulator.key, simulator.review.form
    assert key is not None
    groups = form.group_labels
    assert groups[0] == "Rekomendasi"
    assert len(groups) == 1 + len(key.units) + len(key.evidence)
    assert all(g.startswith(("Unit ", "Bukti ")) for g in groups[1:])
    item = next(iter(key.evidence))
    assert form.choose(f"evidence/{item}/current")
    assert [label for label, _t in form._target.options] == ["Valid", "Asli", "Terkini",
                                                               "Memadai"]
    assert [label for label, _v in form._value.options] == ["Ya", "Tidak"]
    kuk = next(iter(key.criteria))
    assert form.choose(f"criteria/{kuk}") and form.target == f"criteria/{kuk}"
    labels = [label for label, _t in form._target.options]
    assert labels[0] == "Keputusan unit" and all(x.startswith("KUK ") for x in labels[1:])
    everything = " ".join(groups + labels)
    assert not any(word in everything for word in ("authentic", "sufficient", "current"))
    assert not form.choose("criteria/X.000/9.9")


def test_new_scheme_units_and_english_labels(scheme) -> None:
    simulator = CaseSimulator(scheme, language="en")
    assert simulator.controls.units == [scheme.units[0].code]
    smaller = scheme.model_copy(update={"units": scheme.units[2:4]})
    simulator.set_scheme(smaller)
    assert simulator.controls.units == [scheme.units[2].code]
    assert simulator.controls.generator == "default"
    simulator.controls.set_rate("met", 1.0)  # the realistic generator takes no rates
    assert simulator.controls.flaw_rates() == FlawRates()
    simulator.controls.generator = "classic"
    assert simulator.controls.flaw_rates().met == 1.0
    assert simulator.generate()
    assert "evidence item(s)" in simulator.status
    assert "Answer key" in simulator.review.html


def test_the_realistic_knobs_shape_the_case_and_follow_ups_are_saved(
        simulator: CaseSimulator, tmp_path: Path) -> None:
    simulator.controls.set_options("mudah", 1.0)
    assert simulator.generate()
    assert simulator.key is not None and simulator.key.recommendation == "K"
    simulator.controls.set_options("sulit", 0.0)
    assert simulator.generate()
    assert simulator.key is not None and simulator.key.recommendation == "BK"
    written = simulator.save(tmp_path)
    assert (tmp_path / "case-0001.followup.json").is_file() and written
    simulator.controls.generator = "classic"
    assert simulator.controls.case_options() is None
