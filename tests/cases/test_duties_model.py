"""The duties contract (issue 11): the new optional fields, and files written before them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from toolkit.cases import AssessmentPlan, IntegrityDeclaration, IntegrityKey, Judgement, UnitPlan
from toolkit.cases.io import load_case, load_judgement, load_key
from toolkit.scoring import score

V1 = Path(__file__).parent / "data" / "v1"


def test_v1_case_key_and_judgement_read_with_the_duty_fields_empty_and_still_score() -> None:
    case = load_case(V1 / "case-0001.json")
    key = load_key(V1 / "case-0001.key.json")
    judgement = load_judgement(V1 / "judgement.json", key=key)
    assert case.integrity is None and case.time_limit_minutes is None
    assert key.plan_key is None and key.integrity_key is None
    assert judgement.plan is None and judgement.integrity is None
    assert (judgement.next_steps, judgement.comments) == ("", "")
    assert judgement.time_used_s is None and judgement.auto_submitted is False
    report = score(key, judgement)
    assert report.passed and not report.critical_errors
    data = report.to_dict()
    for part in ("plan", "integrity", "judging", "feedback", "record"):
        assert set(data[part]) == {"score", "passed", "checks"}


def test_a_judgement_with_every_duty_round_trips_and_bad_values_are_refused() -> None:
    judgement = Judgement(
        case="case-0001", recommendation="BK",
        plan=AssessmentPlan(route="portofolio", tuk="tempat_kerja", units={
            "J.620100.004.02": UnitPlan(methods=["portofolio", "lisan"],
                                        instruments=["FR.IA.08", "FR.IA.07"])}),
        integrity=IntegrityDeclaration(conflict=True, act="decline", note="sepupu saya"),
        next_steps="pelatihan", comments="baik", time_used_s=12.5, auto_submitted=True)
    again = Judgement.model_validate(json.loads(judgement.model_dump_json()))
    assert again == judgement
    with pytest.raises(ValidationError):
        AssessmentPlan.model_validate({"route": "wawancara"})
    with pytest.raises(ValidationError):
        IntegrityDeclaration.model_validate({"act": "help"})
    assert IntegrityKey().acts == ["proceed"] and IntegrityKey().conflict is False
