"""The realistic generator over many cases of two real schemes, and naive trainees.

What a master assessor expects of a practice set (issue 10): a mix of K and BK candidates,
portfolios whose documents back several KUK and never quote one, many kinds of flaw — and
cases that a trainee cannot pass by a strategy instead of judgement.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from toolkit.cases import (
    AnswerKey,
    Case,
    CaseOptions,
    DefaultRule,
    EvidenceVerdict,
    Judgement,
    generate_case_set,
    generate_cases,
    recommendation,
    unit_verdict,
)
from toolkit.cases.rules import overlap
from toolkit.plugins import PluginHost
from toolkit.scheme import Scheme
from toolkit.schemeio import read_scheme
from toolkit.scoring import score

DATA = Path(__file__).resolve().parents[2] / "toolkit" / "data"
ToJudgement = Callable[[AnswerKey], Judgement]


@pytest.fixture(scope="module")
def cookery() -> Scheme:
    """A real hospitality scheme (5 units, 48 KUK), not IT."""
    return read_scheme(DATA / "helper-cookery.yaml")


@pytest.fixture(scope="module")
def jwp_cases(jwp: Scheme, host: PluginHost) -> list[tuple[Case, AnswerKey]]:
    return generate_cases(jwp, count=200, seed=2026, host=host)


@pytest.fixture(scope="module")
def cookery_cases(cookery: Scheme, host: PluginHost) -> list[tuple[Case, AnswerKey]]:
    return generate_cases(cookery, count=200, seed=2026, host=host)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


def _longest_shared_run(kuk: str, text: str) -> int:
    a, b = _words(kuk), _words(text)
    grams = {tuple(a[i:i + n]) for n in range(1, len(a) + 1) for i in range(len(a) - n + 1)}
    best = 0
    for i in range(len(b)):
        for n in range(best + 1, len(b) - i + 1):
            if tuple(b[i:i + n]) not in grams:
                break
            best = n
    return best


@pytest.mark.parametrize("which", ["jwp", "cookery"])
def test_two_hundred_default_cases_look_like_a_real_practice_set(
        which: str, request: pytest.FixtureRequest) -> None:
    scheme: Scheme = request.getfixturevalue(which)
    made: list[tuple[Case, AnswerKey]] = request.getfixturevalue(f"{which}_cases")
    k_share = sum(key.recommendation == "K" for _c, key in made) / len(made)
    assert 0.30 <= k_share <= 0.80, k_share
    texts = {ref.id: ref.text for ref in scheme.iter_criteria()}
    runs = [(case.id, item.id, kuk) for case, _key in made for item in case.evidence
            for kuk in item.claims
            if _longest_shared_run(texts[kuk], f"{item.title} {item.summary}") >= 8]
    assert runs == []
    items = [item for case, _key in made for item in case.evidence]
    assert sum(len(i.claims) for i in items) / len(items) >= 1.5
    assert all(5 <= len(case.evidence) <= 15 for case, _key in made)
    across = sum(len({k.rpartition("/")[0] for k in i.claims}) > 1 for i in items)
    assert across / len(items) >= 0.3  # documents back KUK of several units
    # matching words does not find relevant items: most claims share little with the KUK
    low = [overlap(texts[k], i.summary) < 0.5 for i in items for k in i.claims]
    assert sum(low) / len(low) >= 0.9
    kinds = Counter(f for _c, key in made for flaws in (*key.flaws.values(),
                                                         *key.criteria_flaws.values())
                    for f in flaws)
    assert len(kinds) >= 10, kinds
    units_with_gaps = [sum(v == "BK" for v in key.units.values()) for _c, key in made
                       if key.recommendation == "BK"]
    assert max(units_with_gaps) <= 2 and min(units_with_gaps) >= 1  # a few real gaps
    assert any(key.follow_up_due for _c, key in made)


def test_knobs_move_the_outcome_and_the_difficulty(jwp: Scheme, host: PluginHost) -> None:
    def share(options: CaseOptions) -> float:
        made = generate_cases(jwp, count=30, seed=5, options=options, host=host)
        return sum(key.recommendation == "K" for _c, key in made) / len(made)

    assert share(CaseOptions(k_share=1.0)) == 1.0
    assert share(CaseOptions(k_share=0.0)) == 0.0

    def flawed(difficulty: str) -> float:
        made = generate_cases(jwp, count=30, seed=5, options=CaseOptions(difficulty=difficulty),
                              host=host)
        return sum(bool(f) for _c, key in made for f in key.flaws.values()) / len(made)

    assert flawed("mudah") < flawed("sedang") < flawed("sulit")


def test_follow_ups_are_true_to_the_key(jwp: Scheme, host: PluginHost) -> None:
    made = generate_case_set(jwp, count=20, seed=9, host=host)
    due = 0
    for case, key, follow in made:
        assert follow is not None and set(follow.criteria) == set(key.criteria)
        for kuk in key.follow_up_due:
            due += 1
            result = follow.criteria[kuk]
            shown = result["demonstration"].observation
            assert shown is not None
            assert (shown.result == "met") == (key.criteria[kuk] == "K")
            third = result["third_party"].item
            assert third is not None and (kuk in third.claims) == (key.criteria[kuk] == "K")
        # without the follow-up, the rule cannot decide a thin KUK K
        blind = DefaultRule().derive(case, jwp)
        assert all(blind.criteria[k] == "BK" for k in key.follow_up_due)
    assert due > 0


# -- naive trainees -----------------------------------------------------------------

def _everything(key: AnswerKey, verdict: str, checks: bool | None) -> Judgement:
    criteria = dict.fromkeys(key.criteria, verdict)
    units = {code: unit_verdict(criteria, code) for code in key.units}  # type: ignore[arg-type]
    evidence = {item: EvidenceVerdict(valid=checks, authentic=checks, current=checks,
                                      sufficient=checks) for item in key.evidence}
    return Judgement(case=key.case, criteria=criteria, evidence=evidence,  # type: ignore[arg-type]
                     units=units, recommendation=recommendation(units))


def _word_overlap_bot(case: Case, scheme: Scheme, key: AnswerKey) -> Judgement:
    """Valid when the text shares half the KUK's words; a KUK K with two such items."""
    texts = {ref.id: ref.text for ref in scheme.iter_criteria(case.units)}
    evidence, backing = {}, Counter[str]()
    for item in case.evidence:
        ok = all(overlap(texts[k], item.summary) >= 0.5 for k in item.claims if k in texts)
        evidence[item.id] = EvidenceVerdict(valid=ok, authentic=ok, current=ok, sufficient=ok)
        for kuk in item.claims:
            backing[kuk] += ok
    criteria = {kuk: "K" if backing[kuk] >= 2 else "BK" for kuk in key.criteria}
    units = {code: unit_verdict(criteria, code) for code in key.units}  # type: ignore[arg-type]
    return Judgement(case=case.id, criteria=criteria, evidence=evidence,  # type: ignore[arg-type]
                     units=units, recommendation=recommendation(units))


@pytest.fixture(scope="module")
def hundred(jwp_cases: list[tuple[Case, AnswerKey]]) -> list[tuple[Case, AnswerKey]]:
    return jwp_cases[:100]


def _passed(made: list[tuple[Case, AnswerKey]],
            bot: Callable[[Case, AnswerKey], Judgement]) -> float:
    return sum(score(key, bot(case, key)).passed for case, key in made) / len(made)


def test_naive_strategies_fail(hundred: list[tuple[Case, AnswerKey]], jwp: Scheme,
                               as_judgement: ToJudgement) -> None:
    assert _passed(hundred, lambda c, k: _everything(k, "BK", False)) <= 0.10
    assert _passed(hundred, lambda c, k: _everything(k, "K", True)) <= 0.10
    assert _passed(hundred, lambda c, k: _everything(k, "K", None)) <= 0.10  # evidence unread
    assert _passed(hundred, lambda c, k: _word_overlap_bot(c, jwp, k)) <= 0.20
    assert _passed(hundred, lambda c, k: as_judgement(k)) == 1.0


def test_the_flaws_are_findable_from_the_case_itself(hundred: list[tuple[Case, AnswerKey]],
                                                     jwp: Scheme) -> None:
    """A bot that applies the rule's checks to what the trainee sees (no follow-ups, no key)
    gets at least 90% of the key's KUK verdicts and every document verdict right."""
    right = total = 0
    for case, key in hundred:
        seen = DefaultRule().derive(case, jwp)
        right += sum(seen.criteria[k] == v for k, v in key.criteria.items())
        total += len(key.criteria)
        assert seen.evidence == key.evidence
    assert right / total >= 0.90
