"""The built-in evidence rule: VATM per document, evidence classes per KUK, penilaian lanjut.

The policy is described in :mod:`toolkit.cases.rules`; the flaw types that name what is
wrong with a document come from the ``register_flaw_types`` hook
(:mod:`toolkit.cases.flaw_types`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..i18n import _
from ..scheme import Scheme
from .catalogue import EvidenceCatalogue, catalogue_for
from .flaws import CriterionEvidence, FlawType, RuleContext, flaw_types
from .model import (
    AnswerKey,
    Case,
    CaseError,
    EvidenceItem,
    EvidenceKind,
    EvidenceVerdict,
    FollowUps,
    LocalizedText,
    Observation,
    QuestionAnswer,
    Reasons,
    Verdict,
    recommendation,
    unit_verdict,
)
from .rules import (
    FixedValues,
    RuleSettings,
    content_words,
    currency_cutoff,
    kuk_label,
    labels,
    overlap,
    recommendation_reason,
    unit_reason,
    verdict_or,
)
from .texts import in_all_languages as L
from .texts import join_reasons

if TYPE_CHECKING:
    from ..plugins import PluginHost

#: Documents that can corroborate but never suffice alone.
WEAK_KINDS = (EvidenceKind.CV_ENTRY,)
RIGHT, PARTLY = 0.6, 0.25


def grade_answer(answer: QuestionAnswer) -> str | None:
    """``right``, ``partly`` or ``wrong`` against the expected answer; None without one."""
    if not answer.expected.strip():
        return None
    wanted = content_words(answer.expected)
    if not wanted:
        return None
    share = len(wanted & content_words(answer.answer)) / len(wanted)
    return "right" if share >= RIGHT else "partly" if share >= PARTLY else "wrong"


@dataclass
class _Item:
    item: EvidenceItem
    valid: bool
    authentic: bool
    current: bool
    weak: bool
    problems: list[LocalizedText] = field(default_factory=list)
    flaws: list[str] = field(default_factory=list)

    @property
    def acceptable(self) -> bool:
        return self.valid and self.authentic and self.current


def _judge_item(item: EvidenceItem, ctx: RuleContext, types: list[FlawType],
                validity_overlap: float, fixed: FixedValues) -> _Item:
    found = _Item(item, bool(item.claims), True, True, item.kind in WEAK_KINDS)
    if not item.claims:
        found.problems.append(L.gettext("it claims no KUK"))
    legacy = ctx.catalogue.artefact(item.artefact) is None  # older case files
    for kuk in item.claims:
        if kuk not in ctx.texts:
            found.valid = False
            found.problems.append(L.gettext("it claims KUK {kuk}, which is not among the units "
                                            "assessed", kuk=kuk))
        elif legacy and overlap(ctx.texts[kuk], item.summary) < validity_overlap:
            found.valid = False
            found.problems.append(L.gettext("not valid: its content does not address KUK {kuk} "
                                            "that it claims to support", kuk=kuk))
    if legacy and item.issuer and item.issuer.casefold() not in item.summary.casefold():
        found.authentic = False
        found.problems.append(L.gettext("not authentic: its issuer ({issuer}) is not the one its "
                                        "content names", issuer=item.issuer))
    if item.date > ctx.case.assessment_date:
        found.authentic = False
        found.problems.append(L.gettext("not authentic: it is dated {date}, after the assessment "
                                        "({assessed})", date=item.date.isoformat(),
                                        assessed=ctx.case.assessment_date.isoformat()))
    for flaw in types:
        reason = flaw.detect(item, ctx)
        if reason is None:
            continue
        found.flaws.append(flaw.name)
        found.problems.append(reason)
        found.valid &= "V" not in flaw.breaks
        found.authentic &= "A" not in flaw.breaks
        found.current &= "T" not in flaw.breaks
        found.weak |= "M" in flaw.breaks
    prefix = f"evidence/{item.id}/"
    found.valid = bool(fixed.get(prefix + "valid", found.valid))
    found.authentic = bool(fixed.get(prefix + "authentic", found.authentic))
    found.current = bool(fixed.get(prefix + "current", found.current))
    return found


@dataclass
class _Criterion:
    evidence: CriterionEvidence
    verdict: Verdict
    thin: bool
    parts: list[LocalizedText]


def _source(item: EvidenceItem) -> tuple[str, ...]:
    """Documents of one kind from one issuer are one source; a document of no catalogue
    artefact (older case files) is a source of its own."""
    if not item.artefact:
        return (item.id,)
    return (str(item.kind), " ".join(item.issuer.casefold().split()))


def _weigh(kuk: str, items: list[_Item], observations: list[Observation],
           answers: list[QuestionAnswer], needed: int) -> _Criterion:
    """K/BK (or thin) for one KUK from its acceptable documents, observations and answers."""
    claiming = [f for f in items if kuk in f.item.claims]
    acceptable = [f for f in claiming if f.acceptable]
    primary = [f for f in acceptable if not f.weak]
    graded = [(a, grade_answer(a)) for a in answers if a.criterion == kuk]
    right = [a for a, grade in graded if grade == "right"]
    partly = [a for a, grade in graded if grade == "partly"]
    sources = len({_source(f.item) for f in acceptable}) + (1 if right else 0)
    results = [o.result for o in observations if o.criterion == kuk and o.result]
    direct = False if "not_met" in results else True if "met" in results else None
    evidence = CriterionEvidence(kuk, [f.item.id for f in acceptable],
                                 [f.item.id for f in primary], sources, direct)
    values = {"items": labels(evidence.acceptable), "count": len(acceptable),
              "needed": needed}
    rejected = [f"{f.item.id} ({''.join(c for c, ok in zip('VAT', (f.valid, f.authentic, f.current), strict=True) if not ok)})"  # noqa: E501
                for f in claiming if not f.acceptable]
    parts: list[LocalizedText] = []
    thin = False
    if direct is False:
        verdict: Verdict = "BK"
        parts.append(L.gettext("not met: the observation shows the asesi could not yet do it"))
    elif direct:
        verdict = "K"
        parts.append(L.gettext("met: shown in the observation (direct evidence)"))
    elif primary and sources >= needed:
        verdict = "K"
        parts.append(L.gettext("met: {items} back it, {count} independent source(s) "
                               "({needed} needed)", items=labels(evidence.acceptable),
                               count=sources, needed=needed))
    elif acceptable or partly:
        verdict, thin = "BK", True
        parts.append(L.gettext("thin: {items} alone cannot decide it; gather more evidence "
                               "(penilaian lanjut) before deciding", **values))
    else:
        verdict = "BK"
        parts.append(L.gettext("not met: no acceptable evidence backs this KUK"))
    if right:
        parts.append(L.gettext("the answer to the question is right"))
    if rejected:
        parts.append(L.gettext("rejected: {items}", items=labels(rejected)))
    return _Criterion(evidence, verdict, thin, parts)


@dataclass(frozen=True)
class DefaultRule:
    """The built-in policy (see :mod:`toolkit.cases.rules`)."""

    name: str = "default"
    description: str = ("VATM from names, issuers, dates, signatures and the catalogue; a KUK "
                        "needs direct or corroborated evidence; thin evidence calls for a "
                        "follow-up")
    host: PluginHost | None = None

    def derive(self, case: Case, scheme: Scheme, fixed: FixedValues | None = None,
               follow_ups: FollowUps | None = None,
               catalogue: EvidenceCatalogue | None = None) -> AnswerKey:
        """The answer key of ``case`` under the scheme's settings and catalogue."""
        return self.findings(case, scheme, fixed, follow_ups, catalogue)[0]

    def findings(self, case: Case, scheme: Scheme, fixed: FixedValues | None = None,
                 follow_ups: FollowUps | None = None,
                 catalogue: EvidenceCatalogue | None = None,
                 ) -> tuple[AnswerKey, dict[str, list[str]]]:
        """The key, and the flaw types found in each document (by item id)."""
        fixed = fixed or {}
        policy = RuleSettings.from_scheme(scheme)
        for code in case.units:
            try:
                scheme.unit(code)
            except KeyError:
                raise CaseError(_("case {case} names unit {code}, which the scheme {scheme} "
                                  "does not have", case=case.id, code=code,
                                  scheme=scheme.code)) from None
        texts = {ref.id: ref.text for ref in scheme.iter_criteria(case.units)}
        ctx = RuleContext(case, catalogue or catalogue_for(scheme, self.host), texts,
                          currency_cutoff(case.assessment_date, policy.currency_years),
                          policy.currency_years)
        types = list(flaw_types(self.host).values())
        item_types = [t for t in types if t.scope == "item"]
        kuk_types = [t for t in types if t.scope == "criterion"]
        found = [_judge_item(item, ctx, item_types, policy.validity_overlap, fixed)
                 for item in case.evidence]
        reasons = Reasons()
        criteria: dict[str, Verdict] = {}
        sufficient_kuk: dict[str, bool] = {}
        due: list[str] = []
        kuk_flaws: dict[str, list[str]] = {}
        for kuk in texts:
            weighed = _weigh(kuk, found, case.observations, case.answers, policy.min_evidence)
            verdict, parts = weighed.verdict, weighed.parts
            sufficient_kuk[kuk] = verdict == "K"
            for flaw in kuk_types:
                reason = flaw.detect(weighed.evidence, ctx)
                if reason is not None:
                    parts.append(reason)
                    kuk_flaws.setdefault(kuk, []).append(flaw.name)
            if weighed.thin:
                due.append(kuk)
                verdict, more = _after_follow_up(kuk, found, case, follow_ups, policy.min_evidence)
                parts += more
            criteria[kuk] = verdict_or(fixed.get(f"criteria/{kuk}"), verdict)
            reasons.criteria[kuk] = join_reasons(parts)
        evidence: dict[str, EvidenceVerdict] = {}
        for f in found:
            short = [k for k in f.item.claims if k in texts and not sufficient_kuk[k]]
            problems = list(f.problems)
            if f.acceptable and short:
                problems.append(L.gettext("not sufficient: KUK {kuks} it claims are not yet "
                                          "sufficiently evidenced", kuks=", ".join(
                                              kuk_label(k) for k in short)))
            if not f.acceptable:
                problems.append(L.gettext("an item that is not valid, authentic and current "
                                          "cannot count as sufficient evidence"))
            sufficient = f.acceptable and not f.weak and not short
            sufficient = bool(fixed.get(f"evidence/{f.item.id}/sufficient", sufficient))
            evidence[f.item.id] = EvidenceVerdict(valid=f.valid, authentic=f.authentic,
                                                  current=f.current, sufficient=sufficient)
            reasons.evidence[f.item.id] = join_reasons(problems) if problems else L.gettext(
                "valid, authentic, current and sufficient for KUK {kuks}; dated {date}, "
                "within the {years}-year window", kuks=labels(f.item.claims),
                date=f.item.date.isoformat(), years=policy.currency_years)
        units: dict[str, Verdict] = {}
        for code in case.units:
            units[code] = verdict_or(fixed.get(f"units/{code}"), unit_verdict(criteria, code))
            reasons.units[code] = unit_reason(criteria, code)
        overall = verdict_or(fixed.get("recommendation"), recommendation(units))
        reasons.recommendation = recommendation_reason(units)
        key = AnswerKey(case=case.id, criteria=criteria, evidence=evidence, units=units,
                        recommendation=overall, rule=self.name,
                        scheme_version=scheme.version_hash(), reasons=reasons,
                        follow_up_due=due, criteria_flaws=kuk_flaws)
        return key, {f.item.id: f.flaws for f in found}


def _after_follow_up(kuk: str, found: list[_Item], case: Case, follow_ups: FollowUps | None,
                     needed: int) -> tuple[Verdict, list[LocalizedText]]:
    """The verdict on a thin KUK once the prepared follow-up is in (BK without one)."""
    prepared = (follow_ups.criteria.get(kuk) if follow_ups else None) or {}
    result = prepared.get("demonstration") or next(iter(prepared.values()), None)
    if result is None:
        return "BK", [L.gettext("no follow-up prepared: not met on the evidence there is")]
    observations = [*case.observations, *([result.observation] if result.observation else [])]
    answers = [*case.answers, *([result.answer] if result.answer else [])]
    extra = [_Item(result.item, True, True, True, False)] if result.item else []
    weighed = _weigh(kuk, [*found, *extra], observations, answers, needed)
    verdict: Verdict = "K" if weighed.verdict == "K" else "BK"
    return verdict, [L.gettext("after the follow-up: met") if verdict == "K"
                     else L.gettext("after the follow-up: not met")]


def item_flaws(case: Case, scheme: Scheme, host: PluginHost | None = None,
               catalogue: EvidenceCatalogue | None = None) -> dict[str, list[str]]:
    """The flaw types the default rule finds in each document of ``case`` (by item id)."""
    return DefaultRule(host=host).findings(case, scheme, catalogue=catalogue)[1]


__all__ = ["WEAK_KINDS", "DefaultRule", "grade_answer", "item_flaws"]
