"""The first case generator, ``classic``: one evidence item per KUK, texts from the KUK.

Kept so that case sets made before the realistic generator (:mod:`toolkit.cases.generator`)
can be made again from their seed. For each KUK of the chosen units the generator first
decides whether the asesi truly meets it (probability :attr:`FlawRates.met`), then writes evidence:

* a KUK that is met gets ``min_evidence`` sound items, and, with probability
  ``not_valid`` / ``not_authentic`` / ``not_current`` each, one more item with
  that flaw (a distractor that does not change the verdict);
* a KUK that is not met fails in one way, drawn with the four flaw rates as
  weights: ``not_sufficient`` leaves it fewer sound items than needed; the
  other three give it one or more items with that flaw and too few sound ones.
  With every rate 0 it gets no evidence at all.

Every text is built from the KUK wording and the templates of
:mod:`toolkit.cases.texts`; the flaws are recorded in the generator's truth,
never in the case. The same seed and case id give the same case.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from ..i18n import normalize_language
from ..scheme import CriterionRef, Scheme
from . import texts as T
from .generator import FlawRates, GeneratedCase
from .model import (
    AsesiProfile,
    Case,
    EvidenceItem,
    EvidenceKind,
    Flaw,
    Observation,
    QuestionAnswer,
)
from .rules import RuleSettings, currency_cutoff, overlap

_FIRST_DAY = date(2024, 1, 1)


@dataclass
class _Plan:
    ref: CriterionRef
    flaw: Flaw | None


_FAILURES = (Flaw.NOT_VALID, Flaw.NOT_AUTHENTIC, Flaw.NOT_CURRENT, Flaw.NOT_SUFFICIENT)
_SOUND_KINDS = tuple(k for k in EvidenceKind if k in T.TITLES["en"])
_ISSUED = tuple(k for k in EvidenceKind if k in T.ISSUED_KINDS)


class _Writer:
    """Writes the evidence items of one case (holds its random state and people)."""

    def __init__(self, rng: random.Random, scheme: Scheme, lang: str) -> None:
        self.rng, self.scheme, self.lang = rng, scheme, lang
        self.policy = RuleSettings.from_scheme(scheme)
        self.assessed = _FIRST_DAY + timedelta(days=rng.randrange(731))
        self.cutoff = currency_cutoff(self.assessed, self.policy.currency_years)
        self.name = self._person()
        other = self._person()
        while other == self.name:
            other = self._person()
        self.other = other
        self.employer = rng.choice(T.EMPLOYERS)
        self.role = rng.choice(T.ROLES[lang])

    def _person(self) -> str:
        return f"{self.rng.choice(T.GIVEN_NAMES)} {self.rng.choice(T.FAMILY_NAMES)}"

    def _issuer(self, kind: EvidenceKind) -> str:
        if kind not in T.ISSUED_KINDS:
            return ""
        if kind == EvidenceKind.CERTIFICATE:
            return self.rng.choice(T.TRAINERS)
        return self.employer if self.rng.random() < 0.7 else self.rng.choice(T.EMPLOYERS)

    def _current_date(self) -> date:
        span = (self.assessed - self.cutoff).days
        return self.assessed - timedelta(days=self.rng.randint(0, max(span, 0)))

    def _render(self, kind: EvidenceKind, owner: str, issuer: str, named_issuer: str,
                content: str, topic: str) -> tuple[str, str]:
        values = {"owner": owner, "issuer": named_issuer, "content": content, "topic": topic,
                  "role": self.role, "signatory": T.SIGNATORY[self.lang]}
        return T.TITLES[self.lang][kind].format(**values), T.SUMMARIES[self.lang][kind].format(
            **values)

    def _off_topic(self, ref: CriterionRef) -> list[tuple[str, str]]:
        """Contents (text, topic) that do not address ``ref``, in a seeded order."""
        far = [(o.text, o.element.title) for o in self.scheme.iter_criteria()
               if o.unit.code != ref.unit.code]
        near = [(o.text, o.element.title) for o in self.scheme.iter_criteria([ref.unit.code])
                if o.element is not ref.element]
        self.rng.shuffle(far)
        self.rng.shuffle(near)
        return far + near + [(text, text.split()[0]) for text in T.OFF_TOPIC]

    def item(self, plan: _Plan) -> tuple[EvidenceItem, list[Flaw]]:
        """One evidence item for ``plan`` (its id is set later)."""
        rng, ref, flaw = self.rng, plan.ref, plan.flaw
        kind = rng.choice(_ISSUED if flaw in (Flaw.NOT_AUTHENTIC, Flaw.NOT_CURRENT)
                          else _SOUND_KINDS)
        owner, issuer = self.name, self._issuer(kind)
        named_issuer = issuer
        when = self.assessed if kind in T.ASSESSMENT_KINDS else self._current_date()
        content, topic = ref.text, ref.element.title
        if flaw == Flaw.NOT_CURRENT:
            when = self.cutoff - timedelta(days=rng.randint(30, 6 * 365))
        elif flaw == Flaw.NOT_AUTHENTIC:
            if rng.random() < 0.5:
                owner = self.other
            else:
                named_issuer = rng.choice([e for e in (*T.EMPLOYERS, *T.TRAINERS)
                                           if e != issuer and issuer not in e])
        if flaw == Flaw.NOT_VALID:
            for text, other_topic in self._off_topic(ref):
                title, summary = self._render(kind, owner, issuer, named_issuer, text,
                                              other_topic)
                if overlap(ref.text, summary) < self.policy.validity_overlap:
                    break
            else:  # nothing is far enough from this KUK: plant a stale item instead
                return self.item(_Plan(ref, Flaw.NOT_CURRENT))
        else:
            title, summary = self._render(kind, owner, issuer, named_issuer, content, topic)
        evidence = EvidenceItem(id="", kind=kind, title=title, date=when, owner=owner,
                                issuer=issuer, claims=[ref.id], summary=summary)
        return evidence, [flaw] if flaw else []


@dataclass(frozen=True)
class ClassicGenerator:
    """The first generator (see the module docstring)."""

    name: str = "classic"
    description: str = "Portfolio with planted VATM flaws; texts from the KUK wording"

    def generate(self, scheme: Scheme, case_id: str, seed: int, units: list[str],
                 flaws: FlawRates, language: str) -> GeneratedCase:
        """One case for ``units``; the same scheme, seed and case id give the same case."""
        lang = normalize_language(language)
        rng = random.Random(f"asesorlab:{self.name}:{seed}:{case_id}")
        writer = _Writer(rng, scheme, lang)
        needed = writer.policy.min_evidence
        refs = list(scheme.iter_criteria(units))
        truly_met: dict[str, bool] = {}
        plans: list[_Plan] = []
        weights = [getattr(flaws, f.value) for f in _FAILURES]
        for ref in refs:
            met = rng.random() < flaws.met
            truly_met[ref.id] = met
            if met:
                plans += [_Plan(ref, None) for _ in range(needed)]
                plans += [_Plan(ref, f) for f in _FAILURES[:3] if rng.random() < getattr(
                    flaws, f.value)]
            elif sum(weights) > 0:
                mode = rng.choices(_FAILURES, weights)[0]
                flawed = 0 if mode == Flaw.NOT_SUFFICIENT else rng.randint(1, needed)
                sound = rng.randint(1, needed - 1) if flawed == 0 and needed > 1 else (
                    needed - flawed if flawed else 0)
                plans += [_Plan(ref, None) for _ in range(sound)]
                plans += [_Plan(ref, mode) for _ in range(flawed)]
        rng.shuffle(plans)
        items: list[EvidenceItem] = []
        planted: dict[str, list[Flaw]] = {}
        width = max(2, len(str(len(plans))))
        for number, plan in enumerate(plans, start=1):
            item, item_flaws = writer.item(plan)
            item.id = f"E{number:0{width}d}"
            if not item_flaws and not truly_met[plan.ref.id]:
                item_flaws = [Flaw.NOT_SUFFICIENT]
            items.append(item)
            planted[item.id] = item_flaws
        case = Case(
            id=case_id, scheme_code=scheme.code, scheme_title=scheme.title,
            scheme_version=scheme.version_hash(), units=list(units), language=lang, seed=seed,
            generator=self.name, assessment_date=writer.assessed,
            asesi=_profile(rng, writer, lang), evidence=items,
            observations=_observations(rng, refs, truly_met, lang),
            answers=_answers(rng, refs, truly_met, writer.employer, lang),
        )
        return GeneratedCase(case, planted, truly_met)


def _profile(rng: random.Random, writer: _Writer, lang: str) -> AsesiProfile:
    school, years = rng.choice(T.SCHOOLS), rng.randint(1, 12)
    background = T.BACKGROUND[lang].format(school=school, years=years, role=writer.role,
                                           employer=writer.employer, city=rng.choice(T.CITIES))
    return AsesiProfile(name=writer.name, background=background, education=school,
                        workplace=writer.employer, experience_years=years)


def _observations(rng: random.Random, refs: list[CriterionRef], truly_met: dict[str, bool],
                  lang: str) -> list[Observation]:
    notes = []
    for ref in refs:
        if rng.random() < 0.5:
            template = T.OBSERVATION_MET if truly_met[ref.id] else T.OBSERVATION_NOT_MET
            notes.append(Observation(criterion=ref.id, note=template[lang].format(kuk=ref.text)))
    return notes


def _answers(rng: random.Random, refs: list[CriterionRef], truly_met: dict[str, bool],
             employer: str, lang: str) -> list[QuestionAnswer]:
    answers: list[QuestionAnswer] = []
    by_element: dict[tuple[str, int], list[CriterionRef]] = {}
    for ref in refs:
        by_element.setdefault((ref.unit.code, ref.element_number), []).append(ref)
    for group in by_element.values():
        ref = rng.choice(group)
        answer = (T.ANSWER_MET if truly_met[ref.id] else T.ANSWER_NOT_MET)[lang].format(
            kuk=ref.text, employer=employer)
        answers.append(QuestionAnswer(criterion=ref.id, question=T.QUESTION[lang].format(
            kuk=ref.text), answer=answer))
    return answers


__all__ = ["ClassicGenerator"]
