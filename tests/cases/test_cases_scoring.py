"""Scoring a judgement against a key: properties, degenerate keys, the debrief, batches."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from toolkit.agreement import gwet_ac1
from toolkit.cases import AnswerKey, EvidenceVerdict, FlawRates, Judgement, generate_cases
from toolkit.plugins import PluginHost
from toolkit.scheme import Scheme
from toolkit.scoring import ScoringError, score, score_many

ToJudgement = Callable[[AnswerKey], Judgement]

_SLOW_OK = settings(max_examples=30, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _key(scheme: Scheme, host: PluginHost, seed: int, met: float = 0.6) -> AnswerKey:
    return generate_cases(scheme, seed=seed, flaws=FlawRates(met=met), host=host,
                          generator="classic")[0][1]


@_SLOW_OK
@given(seed=st.integers(0, 10_000), met=st.floats(0, 1))
def test_a_key_scored_against_itself_is_perfect(small_scheme: Scheme, host: PluginHost,
                                                seed: int, met: float,
        as_judgement: ToJudgement) -> None:
    key = _key(small_scheme, host, seed, met)
    report = score(key, as_judgement(key))
    assert report.criteria_agreement == 1.0 and report.evidence_agreement == 1.0
    assert report.kappa == 1.0 and report.ac1 == 1.0
    assert report.false_competent == report.false_not_yet_competent == 0
    assert all(report.units_correct.values()) and report.recommendation_correct
    assert report.debrief == []


@_SLOW_OK
@given(seed=st.integers(0, 10_000), data=st.data())
def test_flipping_one_bk_to_k_adds_exactly_one_false_competent(
        small_scheme: Scheme, host: PluginHost, seed: int, data: st.DataObject,
        as_judgement: ToJudgement) -> None:
    key = _key(small_scheme, host, seed, met=0.5)
    judgement = as_judgement(key)
    # start from a judgement with some errors of both kinds, then flip one more BK → K
    for kuk in data.draw(st.lists(st.sampled_from(list(key.criteria)), max_size=5,
                                  unique=True)):
        judgement.criteria[kuk] = "K" if key.criteria[kuk] == "BK" else "BK"
    before = score(key, judgement)
    still_right = [k for k, v in key.criteria.items()
                   if v == "BK" and judgement.criteria[k] == "BK"]
    if not still_right:
        return
    kuk = data.draw(st.sampled_from(still_right))
    judgement.criteria[kuk] = "K"
    after = score(key, judgement)
    assert after.false_competent == before.false_competent + 1
    assert after.false_not_yet_competent == before.false_not_yet_competent
    assert after.criteria_agreed == before.criteria_agreed - 1
    flagged = [d for d in after.debrief if d.target == kuk]
    assert flagged and flagged[0].critical and flagged[0].expected == "BK"


def test_kappa_and_ac1_match_the_literature(small_scheme: Scheme, host: PluginHost,
        as_judgement: ToJudgement) -> None:
    key = _key(small_scheme, host, seed=4, met=0.5)
    judgement = as_judgement(key)
    for kuk in list(key.criteria)[:6]:
        judgement.criteria[kuk] = "K"
    report = score(key, judgement)
    ref = list(key.criteria.values())
    given_ = [judgement.criteria[k] for k in key.criteria]
    assert report.kappa == pytest.approx(cohen_kappa_score(ref, given_))
    assert report.ac1 == pytest.approx(gwet_ac1([ref, given_], categories=["BK", "K"]))
    assert report.criteria_agreement == pytest.approx(
        sum(a == b for a, b in zip(ref, given_, strict=True)) / len(ref))


def test_degenerate_all_k_key_has_a_defined_kappa(small_scheme: Scheme,
                                                   host: PluginHost,
        as_judgement: ToJudgement) -> None:
    key = _key(small_scheme, host, seed=1, met=1.0)
    assert set(key.criteria.values()) == {"K"}
    perfect = score(key, as_judgement(key))
    assert perfect.kappa == 1.0 and perfect.ac1 == 1.0
    judgement = as_judgement(key)
    judgement.criteria[next(iter(key.criteria))] = "BK"
    one_off = score(key, judgement)
    assert not math.isnan(one_off.kappa) and not math.isnan(one_off.ac1)
    assert one_off.kappa == 0.0 and one_off.false_not_yet_competent == 1


def test_missing_decisions_count_against_and_are_shown(small_scheme: Scheme,
                                                        host: PluginHost,
        as_judgement: ToJudgement) -> None:
    key = _key(small_scheme, host, seed=2)
    judgement = as_judgement(key)
    kuk = next(iter(key.criteria))
    del judgement.criteria[kuk]
    item = next(iter(key.evidence))
    del judgement.evidence[item]
    judgement.criteria = {}
    empty = score(key, judgement)
    assert empty.criteria_missing == len(key.criteria) and empty.criteria_agreement == 0.0
    assert empty.criteria_unjudged == len(key.criteria) and empty.kappa == 0.0
    assert not math.isnan(empty.ac1) and empty.evidence_unjudged == 1
    assert empty.evidence_agreement == pytest.approx(1 - 4 / (4 * len(key.evidence)))
    missing = [d for d in empty.debrief if d.target == item]
    assert len(missing) == 1 and missing[0].given is None  # one line, not one per rule
    assert not [d for d in empty.debrief if d.kind == "criterion"]  # counted, not listed


def test_debrief_gives_the_key_reason_in_the_trainee_language(small_pairs: list,
        as_judgement: ToJudgement) -> None:
    _case, key = small_pairs[0]
    judgement = as_judgement(key)
    item = next(i for i, flaws in key.flaws.items() if flaws)
    verdict = key.evidence[item]
    judgement.evidence[item] = EvidenceVerdict(valid=True, authentic=True, current=True,
                                               sufficient=True)
    judgement.recommendation = "K" if key.recommendation == "BK" else "BK"
    english = score(key, judgement, lang="en")
    indonesian = score(key, judgement, lang="id")
    wrong = [d for d in english.debrief if d.kind == "evidence"]
    expected_wrong = [r for r in ("valid", "authentic", "current", "sufficient")
                      if not getattr(verdict, r)]
    assert [d.target for d in wrong] == [item] and wrong[0].rules == expected_wrong
    assert wrong[0].reason == key.reasons.evidence[item]["en"]  # once, for all its rules
    indonesian_wrong = [d for d in indonesian.debrief if d.kind == "evidence"]
    assert indonesian_wrong[0].reason == key.reasons.evidence[item]["id"]
    assert wrong[0].reason != indonesian_wrong[0].reason
    assert "Valid" in wrong[0].expected and "Asli" in indonesian_wrong[0].expected
    assert not english.recommendation_correct and not english.passed
    assert english.debrief[0].critical  # critical errors come first
    assert any(d.kind == "recommendation" and d.critical for d in english.debrief)


def test_score_many_equals_scoring_one_by_one(small_pairs: list,
        as_judgement: ToJudgement) -> None:
    _case, key = small_pairs[1]
    judgements = []
    for shift in range(5):
        judgement = as_judgement(key)
        for index, kuk in enumerate(key.criteria):
            if (index + shift) % (shift + 2) == 0:
                judgement.criteria[kuk] = "K" if key.criteria[kuk] == "BK" else "BK"
        judgements.append(judgement)
    batch = score_many(key, judgements, lang="en")
    assert [r.to_dict() for r in batch] == [score(key, j, lang="en").to_dict()
                                           for j in judgements]


def test_a_judgement_of_another_case_is_refused(small_pairs: list,
        as_judgement: ToJudgement) -> None:
    key = small_pairs[0][1]
    other = as_judgement(small_pairs[1][1])
    with pytest.raises(ScoringError, match="case-0002"):
        score(key, other)
    stray = as_judgement(key)
    stray.criteria["X.1/9.9"] = "K"
    with pytest.raises(ScoringError, match=r"X\.1/9\.9"):
        score(key, stray)


def test_to_dict_is_json_ready(small_pairs: list,
        as_judgement: ToJudgement) -> None:
    import json

    key = small_pairs[0][1]
    data = score(key, as_judgement(key)).to_dict()
    assert {"criteria_agreement", "kappa", "ac1", "false_competent", "false_not_yet_competent",
            "evidence_agreement", "units_correct", "recommendation_correct", "criteria_total",
            "debrief"} <= set(data)
    assert json.loads(json.dumps(data)) == data
