"""Every built-in flaw type: planted in a sound document → detected by the default rule →
named in the reason, breaking just the rules of evidence it says it breaks."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from toolkit.cases import (
    AnswerKey,
    Case,
    CaseOptions,
    DefaultRule,
    SelfClaim,
    catalogue_for,
    flaw_types,
    generate_cases,
)
from toolkit.cases.catalogue import EvidenceCatalogue
from toolkit.cases.flaw_types import BUILTIN_FLAWS
from toolkit.cases.flaws import PlantContext, RuleContext
from toolkit.cases.rules import currency_cutoff
from toolkit.plugins import PluginHost
from toolkit.scheme import Scheme

ITEM_FLAWS = [f.name for f in BUILTIN_FLAWS if f.scope == "item"]
LETTER = {"V": "valid", "A": "authentic", "T": "current", "M": "sufficient"}


@pytest.fixture(scope="module")
def clean(jwp: Scheme, host: PluginHost) -> list[tuple[Case, AnswerKey]]:
    """Competent candidates in easy cases: documents with no planted flaw to plant into."""
    return generate_cases(jwp, count=12, seed=31, host=host,
                          options=CaseOptions(k_share=1.0, difficulty="mudah"))


def case_kuks(case: Case) -> list[str]:
    """The KUK of a generated case, in order (every one has an APL.02 row)."""
    return [claim.criterion for claim in case.self_assessment]


def _context(case: Case, catalogue: EvidenceCatalogue, subtle: bool) -> PlantContext:
    return PlantContext(random.Random(1), case.language, case.asesi.name,
                        ["Rina Wulandari", "Teguh Siregar", "Made Halim", "Putri Nasution"],
                        case.asesi.employment, case.assessment_date,
                        currency_cutoff(case.assessment_date, 3), catalogue,
                        ["PT Tidak Pernah Ada"], subtle, list(case_kuks(case)))


def test_every_builtin_type_is_registered_and_labelled(host: PluginHost) -> None:
    types = flaw_types(host)
    assert set(types) >= {f.name for f in BUILTIN_FLAWS} and len(BUILTIN_FLAWS) == 14
    for flaw in BUILTIN_FLAWS:
        assert set(flaw.breaks) <= set("VATM") and flaw.breaks
        assert flaw.label.keys() == {"id", "en"} and flaw.label["id"] != flaw.label["en"]


@pytest.mark.parametrize("subtle", [False, True], ids=["plain", "subtle"])
@pytest.mark.parametrize("name", ITEM_FLAWS)
def test_planted_flaw_is_detected_and_named(name: str, subtle: bool, jwp: Scheme,
                                            host: PluginHost,
                                            clean: list[tuple[Case, AnswerKey]]) -> None:
    flaw = flaw_types(host)[name]
    catalogue = catalogue_for(jwp, host)
    for case, key in clean:
        for index, item in enumerate(case.evidence):
            if key.flaws[item.id]:
                continue
            copy = case.model_copy(deep=True)
            target = copy.evidence[index]
            ctx = _context(copy, catalogue, subtle)
            if not flaw.applies(catalogue.artefact(target.artefact), target, ctx):
                continue
            flaw.plant(target, ctx)
            found, findings = DefaultRule(host=host).findings(copy, jwp)
            assert findings[target.id] == [name], (case.id, target.id, findings[target.id])
            rule_ctx = RuleContext(copy, catalogue, {r.id: r.text for r in jwp.iter_criteria()},
                                   currency_cutoff(copy.assessment_date, 3), 3)
            reason = flaw.detect(target, rule_ctx)
            assert reason is not None
            for lang in ("id", "en"):
                assert reason[lang] in found.reasons.evidence[target.id][lang]
            verdict = found.evidence[target.id]
            for letter in flaw.breaks:
                assert getattr(verdict, LETTER[letter]) is False, letter
            for letter in set("VAT") - set(flaw.breaks):
                assert getattr(verdict, LETTER[letter]) is True, letter
            return
    pytest.fail(f"no document of the clean cases takes the flaw {name}")


def test_too_little_evidence_is_found_and_calls_for_a_follow_up(
        jwp: Scheme, host: PluginHost, clean: list[tuple[Case, AnswerKey]]) -> None:
    case = clean[0][0].model_copy(deep=True)
    item = next(i for i in case.evidence if i.kind != "cv_entry")
    kuk = item.claims[0]
    for other in case.evidence:
        if other is not item:
            other.claims = [k for k in other.claims if k != kuk]
    case.evidence = [i for i in case.evidence if i.claims]
    case.observations = [o for o in case.observations if o.criterion != kuk]
    case.answers = [a for a in case.answers if a.criterion != kuk]
    key = DefaultRule(host=host).derive(case, jwp)
    assert key.criteria_flaws[kuk] == ["too_little"] and kuk in key.follow_up_due
    assert key.criteria[kuk] == "BK" and not key.evidence[item.id].sufficient
    assert f"too little evidence: {item.id} alone" in key.reasons.criteria[kuk]["en"]
    assert "bukti terlalu sedikit" in key.reasons.criteria[kuk]["id"]


def test_an_apl02_claim_the_portfolio_contradicts_is_found(
        jwp: Scheme, host: PluginHost, clean: list[tuple[Case, AnswerKey]]) -> None:
    case = clean[1][0].model_copy(deep=True)
    kuk = case.evidence[0].claims[0]
    for item in case.evidence:
        item.claims = [k for k in item.claims if k != kuk]
    case.evidence = [i for i in case.evidence if i.claims]
    case.observations = [o for o in case.observations if o.criterion != kuk]
    cited = case.evidence[0].id
    case.self_assessment = [c for c in case.self_assessment if c.criterion != kuk] + [
        SelfClaim(criterion=kuk, answer="K", evidence=[cited])]
    key = DefaultRule(host=host).derive(case, jwp)
    assert "apl02_contradicted" in key.criteria_flaws[kuk] and key.criteria[kuk] == "BK"
    assert f"claims this KUK with {cited}" in key.reasons.criteria[kuk]["en"]


def test_a_sound_document_has_no_flaw(clean: list[tuple[Case, AnswerKey]], jwp: Scheme,
                                      host: PluginHost) -> None:
    for case, key in clean:
        findings = DefaultRule(host=host).findings(case, jwp)[1]
        assert findings == key.flaws  # the rule finds exactly what was planted


def test_dates_decide_before_joining_and_currency(clean: list[tuple[Case, AnswerKey]],
                                                   jwp: Scheme, host: PluginHost) -> None:
    case = clean[2][0].model_copy(deep=True)
    job = case.asesi.employment[-1]
    item = next(i for i in case.evidence if i.issuer == job.employer)
    item.date = job.start - timedelta(days=1)
    job.start = max(job.start, currency_cutoff(case.assessment_date, 3) + timedelta(days=90))
    item.date = job.start - timedelta(days=1)
    findings = DefaultRule(host=host).findings(case, jwp)[1]
    assert "before_joining" in findings[item.id]
    item.date = job.start
    assert "before_joining" not in DefaultRule(host=host).findings(case, jwp)[1][item.id]
