"""Evidence rules: the policy that turns a case's evidence into its answer key.

The built-in rule (:class:`DefaultRule`, name ``default``) reads only what the
trainee sees — the case — and the scheme's settings:

* **Valid**: the item claims at least one KUK of the assessed units and its
  content addresses each: at least ``validity_overlap`` (default 0.5) of the
  KUK's content words (four letters or more, common words left out) occur in
  the item's summary.
* **Asli** (authentic): the item is in the asesi's name, its issuer (if it has
  one) is the one its content names, and it is not dated after the assessment.
* **Terkini** (current): dated on or after the assessment date minus
  ``currency_years`` (default 3).
* **Memadai** (sufficient): the item is valid, authentic and current, and every
  KUK it claims is backed by at least ``min_evidence`` (default 2) such items.
* A KUK is **K** when at least ``min_evidence`` valid, authentic and current
  items back it; a unit is K only if every KUK is K; the recommendation is K
  only if every unit is K.

``fixed`` maps override targets (see :class:`~toolkit.cases.model.Override`) to
values the rule takes as given, so that a lead assessor's correction of one
evidence item flows on to its KUK, unit and recommendation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from ..i18n import _
from ..scheme import Scheme
from .model import (
    AnswerKey,
    Case,
    CaseError,
    EvidenceItem,
    EvidenceVerdict,
    LocalizedText,
    Reasons,
    Verdict,
    recommendation,
    unit_verdict,
)
from .texts import in_all_languages as L
from .texts import join_reasons

_WORD = re.compile(r"[^\W\d_]+")
_STOPWORD_TEXT = """
    yang dengan sesuai untuk dari pada dalam akan atau tersebut secara telah dapat serta
    agar bagi adalah juga harus sudah oleh karena setiap antara terhadap sebagai melalui
    dilakukan dibuat yaitu bahwa saat para kepada hingga sampai maupun tanpa beberapa
    berdasarkan digunakan menggunakan dipergunakan dipakai yakni masing sebuah suatu lain
    with that this from into when which their them they have been were will shall should
    each other than then also upon about such only must more most some what
"""
#: Common Indonesian and English words that say nothing about a KUK's content.
STOPWORDS: frozenset[str] = frozenset(_STOPWORD_TEXT.split())

FixedValues = Mapping[str, Any]


def content_words(text: str) -> set[str]:
    """The words of ``text`` that carry content: four letters or more, not common words."""
    return {w for w in (m.lower() for m in _WORD.findall(text)) if len(w) >= 4
            and w not in STOPWORDS}


def overlap(kuk_text: str, content: str) -> float:
    """Share (0..1) of the KUK's content words that occur in ``content``."""
    wanted = content_words(kuk_text)
    if not wanted:
        return 1.0
    return len(wanted & content_words(content)) / len(wanted)


def currency_cutoff(assessed: date, years: int) -> date:
    """The oldest date still current: ``years`` years before the assessment date."""
    year = assessed.year - years
    try:
        return assessed.replace(year=year)
    except ValueError:  # 29 February in a year without one
        return assessed.replace(year=year, day=28)


def same_person(a: str, b: str) -> bool:
    """True when two names are the same, ignoring case and spacing."""
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


@dataclass(frozen=True)
class RuleSettings:
    """The policy values the built-in rule reads from ``Scheme.settings``."""

    currency_years: int = 3
    min_evidence: int = 2
    validity_overlap: float = 0.5

    @classmethod
    def from_scheme(cls, scheme: Scheme) -> RuleSettings:
        """Read and check the values; a bad one raises :class:`CaseError`."""
        settings = scheme.effective_settings()
        min_evidence = getattr(settings, "min_evidence", cls.min_evidence)
        threshold = getattr(settings, "validity_overlap", cls.validity_overlap)
        if not isinstance(min_evidence, int) or isinstance(min_evidence, bool) or min_evidence < 1:
            raise CaseError(_("settings: min_evidence must be a whole number of 1 or more, "
                              "not {value!r}", value=min_evidence))
        if (not isinstance(threshold, int | float) or isinstance(threshold, bool)
                or not 0 < threshold <= 1):
            raise CaseError(_("settings: validity_overlap must be a number above 0 and at "
                              "most 1, not {value!r}", value=threshold))
        return cls(settings.currency_years, min_evidence, float(threshold))


class EvidenceRule(Protocol):
    """What an evidence rule plugin registers: a name and a ``derive`` method."""

    name: str
    description: str

    def derive(self, case: Case, scheme: Scheme, fixed: FixedValues | None = None) -> AnswerKey:
        """The answer key of ``case``, taking the ``fixed`` override values as given."""
        ...


def _labels(ids: list[str]) -> str:
    return ", ".join(ids) if ids else "-"


def _kuk_label(kuk: str) -> str:
    return kuk.rpartition("/")[2] if "/" in kuk else kuk


@dataclass(frozen=True)
class _ItemFindings:
    valid: bool
    authentic: bool
    current: bool
    problems: list[LocalizedText]


def _judge_item(item: EvidenceItem, case: Case, texts: Mapping[str, str],
                policy: RuleSettings, cutoff: date, fixed: FixedValues) -> _ItemFindings:
    problems: list[LocalizedText] = []
    valid = bool(item.claims)
    if not item.claims:
        problems.append(L.gettext("it claims no KUK"))
    for kuk in item.claims:
        if kuk not in texts:
            valid = False
            problems.append(L.gettext("it claims KUK {kuk}, which is not among the units "
                                      "assessed", kuk=kuk))
        elif overlap(texts[kuk], item.summary) < policy.validity_overlap:
            valid = False
            problems.append(L.gettext("not valid: its content does not address KUK {kuk} "
                                      "that it claims to support", kuk=kuk))
    authentic = True
    if not same_person(item.owner, case.asesi.name):
        authentic = False
        problems.append(L.gettext("not authentic: it is in the name of {owner}, not of the "
                                  "asesi {asesi}", owner=item.owner, asesi=case.asesi.name))
    if item.issuer and item.issuer.casefold() not in item.summary.casefold():
        authentic = False
        problems.append(L.gettext("not authentic: its issuer ({issuer}) is not the one its "
                                  "content names", issuer=item.issuer))
    if item.date > case.assessment_date:
        authentic = False
        problems.append(L.gettext("not authentic: it is dated {date}, after the assessment "
                                  "({assessed})", date=item.date.isoformat(),
                                  assessed=case.assessment_date.isoformat()))
    current = item.date >= cutoff
    if not current:
        problems.append(L.gettext("not current: dated {date}, before {cutoff} (the "
                                  "{years}-year currency window)", date=item.date.isoformat(),
                                  cutoff=cutoff.isoformat(), years=policy.currency_years))
    prefix = f"evidence/{item.id}/"
    valid = bool(fixed.get(prefix + "valid", valid))
    authentic = bool(fixed.get(prefix + "authentic", authentic))
    current = bool(fixed.get(prefix + "current", current))
    return _ItemFindings(valid, authentic, current, problems)


@dataclass(frozen=True)
class DefaultRule:
    """The built-in VATM policy (see the module docstring)."""

    name: str = "default"
    description: str = "VATM by content overlap, owner, issuer and date; KUK needs min_evidence"

    def derive(self, case: Case, scheme: Scheme, fixed: FixedValues | None = None) -> AnswerKey:
        """The answer key of ``case`` under the scheme's settings."""
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
        cutoff = currency_cutoff(case.assessment_date, policy.currency_years)
        findings = {item.id: _judge_item(item, case, texts, policy, cutoff, fixed)
                    for item in case.evidence}
        backing: dict[str, list[str]] = {kuk: [] for kuk in texts}
        rejected: dict[str, list[str]] = {kuk: [] for kuk in texts}
        for item in case.evidence:
            f = findings[item.id]
            letters = "".join(c for c, ok in zip("VAT", (f.valid, f.authentic, f.current),
                                                 strict=True) if not ok)
            for kuk in item.claims:
                if kuk in texts:
                    if letters:
                        rejected[kuk].append(f"{item.id} ({letters})")
                    else:
                        backing[kuk].append(item.id)
        reasons = Reasons()
        evidence: dict[str, EvidenceVerdict] = {}
        for item in case.evidence:
            f = findings[item.id]
            vat = f.valid and f.authentic and f.current
            short = [k for k in item.claims if k in texts
                     and len(backing[k]) < policy.min_evidence]
            problems = list(f.problems)
            for kuk in short:
                problems.append(L.gettext(
                    "not sufficient: KUK {kuk} is backed by {count} acceptable item(s); "
                    "{needed} needed", kuk=kuk, count=len(backing[kuk]),
                    needed=policy.min_evidence))
            if not vat:
                problems.append(L.gettext("an item that is not valid, authentic and current "
                                          "cannot count as sufficient evidence"))
            sufficient = bool(fixed.get(f"evidence/{item.id}/sufficient", vat and not short))
            evidence[item.id] = EvidenceVerdict(valid=f.valid, authentic=f.authentic,
                                                current=f.current, sufficient=sufficient)
            reasons.evidence[item.id] = join_reasons(problems) if problems else L.gettext(
                "valid, authentic, current and sufficient for KUK {kuks}; dated {date}, "
                "within the {years}-year window", kuks=_labels(item.claims),
                date=item.date.isoformat(), years=policy.currency_years)
        criteria: dict[str, Verdict] = {}
        for kuk, items in backing.items():
            met = len(items) >= policy.min_evidence
            criteria[kuk] = _verdict(fixed.get(f"criteria/{kuk}"), "K" if met else "BK")
            values = {"count": len(items), "items": _labels(items),
                      "needed": policy.min_evidence}
            parts = [L.gettext("met: {count} acceptable item(s) back this KUK ({items}); "
                               "{needed} needed", **values) if met else
                     L.gettext("not met: only {count} acceptable item(s) back this KUK "
                               "({items}); {needed} needed", **values)]
            if rejected[kuk]:
                parts.append(L.gettext("rejected: {items}", items=_labels(rejected[kuk])))
            reasons.criteria[kuk] = join_reasons(parts)
        units: dict[str, Verdict] = {}
        for code in case.units:
            units[code] = _verdict(fixed.get(f"units/{code}"), unit_verdict(criteria, code))
            reasons.units[code] = unit_reason(criteria, code)
        overall = _verdict(fixed.get("recommendation"), recommendation(units))
        reasons.recommendation = recommendation_reason(units)
        return AnswerKey(case=case.id, criteria=criteria, evidence=evidence, units=units,
                         recommendation=overall, rule=self.name,
                         scheme_version=scheme.version_hash(), reasons=reasons)


def _verdict(value: Any, default: Verdict) -> Verdict:
    return "K" if value == "K" else "BK" if value == "BK" else default


def unit_reason(criteria: Mapping[str, Verdict], code: str) -> LocalizedText:
    """Why a unit is K or BK under the rule 'K only if every KUK is K'."""
    missing = [_kuk_label(k) for k, v in criteria.items()
               if k.rpartition("/")[0] == code and v != "K"]
    if missing:
        return L.gettext("KUK not met: {kuks}", kuks=", ".join(missing))
    return L.gettext("every KUK of the unit is met")


def recommendation_reason(units: Mapping[str, Verdict]) -> LocalizedText:
    """Why the recommendation is K or BK under the rule 'K only if every unit is K'."""
    short = [code for code, v in units.items() if v != "K"]
    if short:
        return L.gettext("units not yet competent (BK): {units}", units=", ".join(short))
    return L.gettext("every unit is competent (K)")


__all__ = [
    "STOPWORDS",
    "DefaultRule",
    "EvidenceRule",
    "FixedValues",
    "RuleSettings",
    "content_words",
    "currency_cutoff",
    "overlap",
    "recommendation_reason",
    "same_person",
    "unit_reason",
]
