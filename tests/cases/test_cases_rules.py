"""The built-in evidence rule on hand-written cases, and the lead assessor's overrides."""

from __future__ import annotations

from datetime import date

import pytest

from toolkit.cases import (
    AsesiProfile,
    Case,
    CaseError,
    DefaultRule,
    EvidenceItem,
    EvidenceKind,
    Override,
    apply_override,
    derive_key,
)
from toolkit.cases.rules import currency_cutoff, overlap
from toolkit.i18n import language
from toolkit.plugins import PluginHost
from toolkit.scheme import Scheme

UNIT = "J.620100.004.02"
K11, K12, K21 = f"{UNIT}/1.1", f"{UNIT}/1.2", f"{UNIT}/2.1"


def _scheme(**settings: object) -> Scheme:
    return Scheme.model_validate({
        "code": "SKM-TINY", "title": "Tiny", "settings": settings,
        "units": [{"code": UNIT, "title": "Menggunakan Struktur Data", "elements": [
            {"title": "Mengidentifikasi konsep data", "criteria": [
                "Konsep data dan struktur data diidentifikasi sesuai konteks permasalahan.",
                "Alternatif struktur data dibandingkan kelebihan dan kekurangannya."]},
            {"title": "Menerapkan struktur data", "criteria": [
                "Struktur data diimplementasikan dalam bahasa pemrograman."]},
        ]}],
    })


def _item(number: int, kuk: str, text: str, owner: str = "Siti Rahayu",
          issuer: str = "PT Arunika", when: date = date(2024, 5, 1),
          named: str | None = None) -> EvidenceItem:
    return EvidenceItem(id=f"E{number:02d}", kind=EvidenceKind.WORK_SAMPLE, title="Bukti",
                        date=when, owner=owner, issuer=issuer, claims=[kuk],
                        summary=f"Hasil kerja di {named or issuer}: {text}")


TEXT = {
    K11: "Konsep data dan struktur data diidentifikasi sesuai konteks permasalahan.",
    K12: "Alternatif struktur data dibandingkan kelebihan dan kekurangannya.",
    K21: "Struktur data diimplementasikan dalam bahasa pemrograman.",
}


def _case(*items: EvidenceItem) -> Case:
    return Case(id="case-0001", scheme_code="SKM-TINY", scheme_title="Tiny",
                scheme_version="x", units=[UNIT], assessment_date=date(2025, 3, 1),
                asesi=AsesiProfile(name="Siti Rahayu"), evidence=list(items))


@pytest.fixture
def sound_case() -> Case:
    """Every KUK backed by two sound items; E01/E02 back 1.1."""
    return _case(*[_item(n * 2 + i + 1, kuk, TEXT[kuk]) for n, kuk in enumerate(TEXT)
                   for i in range(2)])


def test_a_sound_portfolio_is_competent(sound_case: Case) -> None:
    key = DefaultRule().derive(sound_case, _scheme())
    assert set(key.criteria.values()) == {"K"} and key.recommendation == "K"
    assert all(v.valid and v.authentic and v.current and v.sufficient
               for v in key.evidence.values())
    with language("en"):
        assert key.reasons.units[UNIT]["en"] == "every KUK of the unit is met"
    assert key.reasons.units[UNIT]["id"] == "semua KUK pada unit ini tercapai"


def test_each_rule_of_evidence(sound_case: Case) -> None:
    case = _case(
        _item(1, K11, TEXT[K11]),
        _item(2, K11, TEXT[K21]),  # does not address 1.1
        _item(3, K12, TEXT[K12], owner="Budi Santoso"),  # another person's name
        _item(4, K12, TEXT[K12], named="CV Lain Sekali"),  # issuer not the one named
        _item(5, K21, TEXT[K21], when=date(2021, 1, 1)),  # older than 3 years
        _item(6, K21, TEXT[K21], when=date(2025, 6, 1)),  # after the assessment
    )
    key = DefaultRule().derive(case, _scheme())
    ev = key.evidence
    assert ev["E01"].valid and ev["E01"].current and not ev["E01"].sufficient
    assert not ev["E02"].valid and ev["E02"].authentic
    assert not ev["E03"].authentic and "Budi Santoso" in key.reasons.evidence["E03"]["en"]
    assert not ev["E04"].authentic and "issuer (PT Arunika)" in key.reasons.evidence["E04"]["en"]
    assert not ev["E05"].current and ev["E05"].authentic
    assert "2022-03-01" in key.reasons.evidence["E05"]["en"]
    assert not ev["E06"].authentic
    assert set(key.criteria.values()) == {"BK"}
    assert "rejected: E02 (V)" in key.reasons.criteria[K11]["en"]
    assert key.reasons.criteria[K11]["id"].startswith("bukti belum cukup: E01 saja")
    assert K11 in key.follow_up_due  # one acceptable item alone: gather more evidence


def test_settings_change_the_key(sound_case: Case) -> None:
    old = sound_case.model_copy(deep=True)
    old.evidence[0].date = date(2021, 1, 1)
    assert derive_key(old, _scheme()).criteria[K11] == "BK"
    assert derive_key(old, _scheme(currency_years=5)).criteria[K11] == "K"
    assert derive_key(sound_case, _scheme(min_evidence=3)).recommendation == "BK"
    assert derive_key(sound_case, _scheme(min_evidence=1)).recommendation == "K"
    with pytest.raises(CaseError, match="min_evidence"):
        derive_key(sound_case, _scheme(min_evidence=0))
    with pytest.raises(CaseError, match="validity_overlap"):
        derive_key(sound_case, _scheme(validity_overlap="half"))


def test_helpers() -> None:
    assert currency_cutoff(date(2024, 2, 29), 3) == date(2021, 2, 28)
    assert overlap(TEXT[K11], "catatan: " + TEXT[K11]) == 1.0
    assert overlap(TEXT[K11], TEXT[K21]) < 0.5


def test_override_a_kuk_reaggregates_unit_and_recommendation(sound_case: Case) -> None:
    key = derive_key(sound_case, _scheme())
    changed = apply_override(key, Override(target=f"criteria/{K12}", value="bk",
                                           note="jawaban lisan tidak meyakinkan"))
    assert key.criteria[K12] == "K"  # the original is untouched
    assert changed.criteria[K12] == "BK" and changed.units[UNIT] == "BK"
    assert changed.recommendation == "BK"
    assert changed.reasons.criteria[K12]["id"] == (
        "koreksi oleh master asesor: jawaban lisan tidak meyakinkan")
    pinned = apply_override(changed, Override(target=f"units/{UNIT}", value="K", note="n"))
    again = apply_override(pinned, Override(target=f"criteria/{K11}", value="BK", note="n"))
    assert again.units[UNIT] == "K" and again.recommendation == "K"
    assert [o.target for o in again.overrides] == [f"criteria/{K12}", f"units/{UNIT}",
                                                   f"criteria/{K11}"]
    replaced = apply_override(again, Override(target=f"criteria/{K12}", value="K", note="m"))
    assert len(replaced.overrides) == 3 and replaced.overrides[-1].note == "m"


def test_evidence_override_flows_through_the_rule(sound_case: Case) -> None:
    override = Override(target="evidence/E01/authentic", value=False, note="tanda tangan palsu")
    key = derive_key(sound_case, _scheme(), overrides=[override])
    assert not key.evidence["E01"].authentic and not key.evidence["E02"].sufficient
    assert key.criteria[K11] == "BK" and key.recommendation == "BK"
    as_text = Override(target="evidence/E01/authentic", value="false", note="teks")
    assert derive_key(sound_case, _scheme(), overrides=[as_text]).criteria[K11] == "BK"
    # regenerating from the case keeps the correction (it lives in the key)
    again = derive_key(sound_case, _scheme(currency_years=10), previous=key)
    assert again.overrides == key.overrides and again.criteria[K11] == "BK"


@pytest.mark.parametrize(("target", "value", "problem"), [
    ("criteria/X/1.1", "K", "is not in the key"),
    (f"criteria/{K11}", "maybe", "must be K or BK"),
    ("evidence/E01/shiny", True, "is not in the key"),
    ("evidence/E01/valid", "perhaps", "must be true or false"),
    ("recommendation", "K", "a note saying why is required"),
])
def test_bad_overrides_are_refused(sound_case: Case, target: str, value: object,
                                   problem: str) -> None:
    key = derive_key(sound_case, _scheme())
    with language("en"), pytest.raises(CaseError, match=problem):
        apply_override(key, Override(target=target, value=value,  # type: ignore[arg-type]
                                     note="" if problem.startswith("a note") else "x"))


def test_a_case_of_units_the_scheme_lacks(sound_case: Case, host: PluginHost) -> None:
    case = sound_case.model_copy(update={"units": ["N.82ADM00.001.3"]})
    with language("en"), pytest.raises(CaseError, match=r"N\.82ADM00\.001\.3"):
        derive_key(case, _scheme(), host=host)
