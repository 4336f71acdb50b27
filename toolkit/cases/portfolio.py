"""The writer behind the realistic generator: people, portfolio, direct evidence, flaws.

:class:`CaseWriter` plans the outcome of one case (which KUK are truly met, which rest on
thin evidence, where distractors go), writes the sound documents from the catalogue, then
turns the plan into evidence: a gap KUK loses its backing and gets a flawed, thin or weak
document, a contrary observation or a contradicted APL.02 claim; a distractor is a flawed
document that changes no verdict. The rule then derives the key from the case alone, and a
last pass checks that the key says what the plan meant (and repairs where documents that
back several KUK got in the way).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..scheme import Scheme
from . import phrases as P
from . import texts as T
from .catalogue import Artefact, EvidenceCatalogue, catalogue_for
from .flaws import FlawType, PlantContext, flaw_types
from .generator import CaseOptions, GeneratedCase
from .model import (
    AsesiProfile,
    Case,
    Employment,
    EvidenceItem,
    EvidenceKind,
    FollowUps,
    Observation,
    QuestionAnswer,
    SelfClaim,
)
from .reveals import bank_questions, prepare_follow_ups
from .rules import RuleSettings, currency_cutoff

if TYPE_CHECKING:
    from ..plugins import PluginHost

_FIRST_DAY = date(2024, 1, 1)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Tier:
    """How a difficulty tier shapes a case."""

    gaps: tuple[int, int]  # gap KUK per problem unit of a BK candidate
    distractors: tuple[int, int]  # flawed documents that change no verdict
    thin_met: tuple[int, int]  # met KUK resting on thin evidence (a follow-up shows them)
    observed: float  # share of the other KUK the assessor observed
    subtle: bool  # small date gaps, plausible names


TIERS: dict[str, Tier] = {
    "mudah": Tier((1, 1), (1, 2), (0, 0), 0.5, False),
    "sedang": Tier((1, 2), (2, 3), (1, 1), 0.35, False),
    "sulit": Tier((1, 3), (3, 5), (1, 2), 0.25, True),
}
#: How a gap KUK (truly not met) shows in the case, with weights.
GAP_MODES: tuple[tuple[str, int], ...] = (
    ("flawed", 5), ("thin", 2), ("weak", 2), ("observed", 1), ("apl02", 1))


def fill(template: str, values: dict[str, str]) -> str:
    """``template`` with its known ``{placeholders}`` filled (others left as they are)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


@dataclass
class _Doc:
    item: EvidenceItem
    artefact: Artefact
    flaws: list[str] = field(default_factory=list)


class CaseWriter:
    """Writes one case; holds its random state, its people and its plan."""

    def __init__(self, rng: random.Random, scheme: Scheme, units: list[str], lang: str,
                 options: CaseOptions, host: PluginHost | None) -> None:
        self.rng, self.scheme, self.units, self.lang = rng, scheme, units, lang
        self.options, self.tier, self.host = options, TIERS[options.difficulty], host
        self.policy = RuleSettings.from_scheme(scheme)
        self.catalogue: EvidenceCatalogue = catalogue_for(scheme, host)
        self.types: dict[str, FlawType] = flaw_types(host)
        self.refs = list(scheme.iter_criteria(units))
        self.kuks = [ref.id for ref in self.refs]
        self.labels = {ref.id: ref.label for ref in self.refs}
        self.assessed = _FIRST_DAY + timedelta(days=rng.randrange(731))
        self.cutoff = currency_cutoff(self.assessed, self.policy.currency_years)
        self.employers = list(self.catalogue.employers or T.EMPLOYERS)
        self.trainers = list(self.catalogue.trainers or T.TRAINERS)
        self._people()
        self.docs: list[_Doc] = []
        self.observations: list[Observation] = []
        self.answers: list[QuestionAnswer] = []
        self.claims: list[SelfClaim] = []
        self.criteria_flaws: dict[str, list[str]] = {}

    # -- people ---------------------------------------------------------------------
    def _person(self, avoid_family: str = "") -> str:
        while True:
            family = self.rng.choice(T.FAMILY_NAMES)
            if family != avoid_family:
                return f"{self.rng.choice(T.GIVEN_NAMES)} {family}"

    def _people(self) -> None:
        rng = self.rng
        self.name = self._person()
        family = self.name.split()[-1]
        others: list[str] = []
        while len(others) < 6:
            person = self._person(family)
            if person not in others:
                others.append(person)
        self.others = others
        employers = rng.sample(self.employers, k=min(3, len(self.employers)))
        roles = list(self.catalogue.roles.get(self.lang) or T.ROLES[self.lang])
        self.role = rng.choice(roles)
        start = self.assessed - timedelta(days=rng.randint(300, 8 * 365))
        jobs = [Employment(employer=employers[0], role=self.role, start=start,
                           supervisor=self._person(family))]
        if rng.random() < 0.5 and len(employers) > 1:
            end = start - timedelta(days=rng.randint(20, 200))
            jobs.insert(0, Employment(employer=employers[1], role=rng.choice(roles),
                                      start=end - timedelta(days=rng.randint(365, 4 * 365)),
                                      end=end, supervisor=self._person(family)))
        self.jobs = jobs
        self.strangers = [e for e in self.employers if e not in {j.employer for j in jobs}]
        self.project = rng.choice(self.catalogue.projects.get(self.lang)
                                  or self.catalogue.projects.get("id") or ["-"])

    def _plant_context(self) -> PlantContext:
        return PlantContext(self.rng, self.lang, self.name, self.others, self.jobs,
                            self.assessed, self.cutoff, self.catalogue, self.strangers,
                            self.tier.subtle, self.kuks)

    # -- documents ------------------------------------------------------------------
    def _window_jobs(self) -> list[Employment]:
        return [j for j in self.jobs if (j.end or self.assessed) > self.cutoff + timedelta(10)]

    def _date_in(self, job: Employment | None) -> date:
        """A date inside the currency window (and inside ``job``'s period, when given)."""
        low = self.cutoff + timedelta(days=5)
        high = self.assessed - timedelta(days=3)
        if job is not None:
            low = max(low, job.start + timedelta(days=5))
            high = min(high, job.end or high)
        return low + timedelta(days=self.rng.randint(0, max((high - low).days, 0)))

    def document(self, artefact: Artefact, claims: list[str]) -> _Doc:
        """A sound document of ``artefact`` claiming ``claims`` (its id is set later)."""
        rng = self.rng
        job = rng.choice(self._window_jobs() or self.jobs)
        issuer = {"employer": job.employer, "trainer": rng.choice(self.trainers),
                  "client": rng.choice(self.strangers or self.employers), "self": ""}[
            artefact.issuer]
        when = self._date_in(job if artefact.issuer == "employer" else None)
        values = {"owner": self.name, "employer": job.employer, "project": self.project,
                  "role": job.role, "signatory": job.supervisor, "issuer": issuer,
                  "city": rng.choice(T.CITIES)}
        lang = self.lang if self.lang in artefact.body else "id"
        item = EvidenceItem(
            id="", kind=artefact.kind, title=fill(artefact.title.get(lang, ""), values),
            date=when, owner=self.name, issuer=issuer, claims=claims,
            summary=fill(artefact.body.get(lang, ""), values),
            evidence_class=artefact.evidence_class, artefact=artefact.id)
        if artefact.kind in (EvidenceKind.THIRD_PARTY_REPORT, EvidenceKind.EMPLOYMENT_LETTER):
            item.signatory, item.signed, item.stamped = job.supervisor, True, True
            item.signatory_role = P.SIGNATORY_ROLE.get(self.lang, P.SIGNATORY_ROLE["en"])
        if artefact.kind == EvidenceKind.CERTIFICATE:
            item.certifies = "competence"
            if artefact.valid_years:
                item.valid_until = item.date + timedelta(days=365 * artefact.valid_years)
                if item.valid_until < self.assessed:
                    item.valid_until = self.assessed + timedelta(days=rng.randint(30, 300))
        if artefact.kind in (EvidenceKind.WORK_SAMPLE, EvidenceKind.PROJECT_REPORT) and \
                rng.random() < 0.25:
            item.contributors = [self.name, rng.choice(self.others)]
            shares = P.SHARES.get(self.lang, P.SHARES["en"])
            item.contribution = P.CONTRIBUTION.get(self.lang, P.CONTRIBUTION["en"]).format(
                owner=self.name, share=rng.choice(shares))
        return _Doc(item, artefact)

    def _candidates(self) -> list[Artefact]:
        wanted = set(self.kuks)
        found = [a for a in self.catalogue.artefacts if wanted & set(a.criteria)]
        self.rng.shuffle(found)
        return found

    def _claims_of(self, artefact: Artefact) -> list[str]:
        backed = set(artefact.criteria)
        return [k for k in self.kuks if k in backed]

    def select_portfolio(self, limit: int) -> None:
        """5 to ``limit`` sound documents, so that every KUK is backed by two kinds of
        document where the catalogue and the limit allow (observations make up the rest)."""
        target = self.rng.randint(min(5, limit), limit)
        cover = dict.fromkeys(self.kuks, 0)
        kinds: dict[str, set[str]] = {k: set() for k in self.kuks}
        for artefact in sorted(self._candidates(), key=lambda a: -len(
                set(a.criteria) & set(self.kuks))):
            claims = self._claims_of(artefact)
            gain = sum(1 for k in claims if cover[k] < 2 and artefact.kind not in kinds[k])
            if len(self.docs) >= target or (gain == 0 and len(self.docs) >= min(target, 5)):
                continue
            self.docs.append(self.document(artefact, claims))
            for k in claims:
                cover[k] += 1
                kinds[k].add(str(artefact.kind))
            if len(self.docs) >= target and all(v >= 2 for v in cover.values()):
                break

    # -- the plan ---------------------------------------------------------------------
    def plan(self) -> tuple[set[str], set[str], set[str]]:
        """(gap KUK, thin-but-met KUK, problem units)."""
        rng, tier = self.rng, self.tier
        competent = rng.random() < self.options.k_share
        high = min(self.options.problem_units_max, len(self.units))
        low = min(self.options.problem_units_min, high)
        count = rng.randint(low, high)
        if not competent:
            count = max(count, 1)
        problem = set(rng.sample(self.units, k=count))
        gaps: set[str] = set()
        if not competent:
            for unit in sorted(problem):
                kuks = [k for k in self.kuks if k.rpartition("/")[0] == unit]
                gaps |= set(rng.sample(kuks, k=min(len(kuks), rng.randint(*tier.gaps))))
        pool = [k for k in self.kuks if k not in gaps and (
            not problem or k.rpartition("/")[0] in problem or competent)]
        thin = set(rng.sample(pool, k=min(len(pool), rng.randint(*tier.thin_met))))
        return gaps, thin, problem

    def _unclaim(self, kuk: str, keep: _Doc | None = None) -> None:
        for doc in self.docs:
            if doc is not keep and kuk in doc.item.claims:
                doc.item.claims = [k for k in doc.item.claims if k != kuk]
        self.observations = [o for o in self.observations if o.criterion != kuk]
        self.answers = [a for a in self.answers if a.criterion != kuk]

    def _flawed_doc(self, kuk: str, names: tuple[str, ...], claims: list[str]) -> _Doc | None:
        """A new document claiming ``claims`` with one of the flaws ``names`` planted."""
        context = self._plant_context()
        artefacts = [a for a in self._candidates() if kuk in a.criteria]
        self.rng.shuffle(artefacts)
        for artefact in artefacts:
            doc = self.document(artefact, claims)
            usable = [n for n in names if n in self.types
                      and self.types[n].applies(artefact, doc.item, context)]
            if usable:
                name = self.rng.choice(usable)
                self.types[name].plant(doc.item, context)
                doc.flaws.append(name)
                return doc
        return None

    def _irrelevant_doc(self, kuk: str) -> _Doc | None:
        """A sound document whose artefact cannot back ``kuk``, claiming it (not relevant)."""
        artefacts = [a for a in self.catalogue.artefacts if kuk not in a.criteria]
        if not artefacts:
            return None
        artefact = self.rng.choice(artefacts)
        doc = self.document(artefact, [kuk])
        doc.flaws.append("not_relevant")
        return doc

    def make_gap(self, kuk: str) -> None:
        """Make ``kuk`` truly not met, in one of the ways assessors meet."""
        rng = self.rng
        self._unclaim(kuk)
        mode = rng.choices([m for m, _w in GAP_MODES], [w for _m, w in GAP_MODES])[0]
        strong = ("other_person", "issuer_not_employer", "expired_certificate", "copied_work",
                  "group_work", "unsigned_letter", "referee_not_supervisor", "before_joining",
                  "too_old")
        doc: _Doc | None = None
        if mode == "flawed":
            doc = (self._irrelevant_doc(kuk) if rng.random() < 0.15 else
                   self._flawed_doc(kuk, strong, [kuk]))
        elif mode == "weak":
            doc = self._flawed_doc(kuk, ("attendance_only", "knowledge_only"), [kuk])
            self.criteria_flaws.setdefault(kuk, []).append("too_little")
        elif mode == "thin":
            artefacts = [a for a in self._candidates() if kuk in a.criteria]
            if artefacts:
                doc = self.document(rng.choice(artefacts), [kuk])
            self.criteria_flaws.setdefault(kuk, []).append("too_little")
        elif mode == "observed":
            self.observations.append(Observation(criterion=kuk, note=rng.choice(
                P.OBSERVED_NOT_MET[self.lang]), result="not_met"))
            artefacts = [a for a in self._candidates() if kuk in a.criteria]
            if artefacts:
                doc = self.document(rng.choice(artefacts), [kuk])  # tempting, but not shown
        elif mode == "apl02":
            self.criteria_flaws.setdefault(kuk, []).append("apl02_contradicted")
        if doc is None and mode == "flawed":
            doc = self._irrelevant_doc(kuk)
        if doc is not None:
            self.docs.append(doc)

    def make_thin(self, kuk: str) -> None:
        """``kuk`` is met, but one document alone backs it: a follow-up will show it."""
        backing = [d for d in self.docs if kuk in d.item.claims and not d.flaws
                   and d.item.kind != EvidenceKind.CV_ENTRY]
        keep = backing[0] if backing else None
        self._unclaim(kuk, keep)
        if keep is None:
            artefacts = [a for a in self._candidates() if kuk in a.criteria
                         and a.kind != EvidenceKind.CV_ENTRY]
            if artefacts:
                self.docs.append(self.document(self.rng.choice(artefacts), [kuk]))

    def add_distractors(self, protected: set[str], count: int) -> None:
        """``count`` flawed documents that change no verdict: they claim only KUK that other
        evidence backs well."""
        context = self._plant_context()
        names = [n for n, t in self.types.items() if t.scope == "item" and n != "not_relevant"]
        for _number in range(count):
            if len(self.docs) >= 15:
                break
            artefact = self.rng.choice(self._candidates() or self.catalogue.artefacts)
            claims = [k for k in self._claims_of(artefact) if k not in protected]
            if not claims:
                continue
            doc = self.document(artefact, claims)
            usable = [n for n in names if self.types[n].applies(artefact, doc.item, context)]
            if usable:
                name = self.rng.choice(usable)
                self.types[name].plant(doc.item, context)
                doc.flaws.append(name)
                self.docs.append(doc)

    # -- direct evidence ----------------------------------------------------------------
    def observe(self, skip: set[str]) -> None:
        """Observation notes (met) on the KUK not in ``skip`` that the portfolio does not
        back from two independent sources, and on a share of the others."""
        thin = self._weakly_backed(skip)
        for kuk in self.kuks:
            if kuk not in skip and (kuk in thin or self.rng.random() < self.tier.observed):
                self.observations.append(Observation(criterion=kuk, note=self.rng.choice(
                    P.OBSERVED_MET[self.lang]), result="met"))

    def ask(self, gaps: set[str], skip: set[str], bank: dict[str, tuple[str, str]]) -> None:
        """Answers to the bank's questions: right where met, wrong where a gap."""
        for kuk in self.kuks:
            if kuk in skip or kuk not in bank:
                continue
            question, expected = bank[kuk]
            if kuk in gaps:
                answer = self.rng.choice(P.WRONG_ANSWER[self.lang])
            elif self.rng.random() < 0.6:
                answer = P.RIGHT_PREFIX[self.lang] + expected
            else:
                continue
            self.answers.append(QuestionAnswer(criterion=kuk, question=question, answer=answer,
                                               expected=expected, form="FR.IA.07"))

    def follow_ups(self, case_id: str, met: dict[str, bool],
                   bank: dict[str, tuple[str, str]]) -> FollowUps:
        """What each follow-up on each KUK reveals, true to whether it is met."""
        return prepare_follow_ups(case_id, self.kuks, self.labels, met, bank, self.jobs[-1],
                                  self.name, self.assessed, self.lang, self.rng)

    def self_assess(self, gaps: set[str]) -> None:
        """The APL.02 rows: the asesi claims K (mostly) and names the documents."""
        for kuk in self.kuks:
            cited = [d.item.id for d in self.docs if kuk in d.item.claims][:2]
            answer = "K"
            if "apl02_contradicted" in self.criteria_flaws.get(kuk, []):
                others = [d.item.id for d in self.docs if kuk not in d.item.claims]
                cited = self.rng.sample(others, k=min(1, len(others)))
            elif kuk in gaps and self.options.difficulty == "mudah" and self.rng.random() < 0.5:
                answer = "BK"
            self.claims.append(SelfClaim(criterion=kuk, answer=answer, evidence=cited))

    # -- the whole case -------------------------------------------------------------------
    def write(self, case_id: str, seed: int, generator: str) -> GeneratedCase:
        """Plan, write, derive and check one case."""
        from .default_rule import DefaultRule

        bank = bank_questions(self.scheme, self.lang, self.kuks, self.labels)
        gaps, thin, _problem = self.plan()
        distractors = self.rng.randint(*self.tier.distractors)
        self.select_portfolio(max(5, 15 - distractors - len(gaps)))
        for kuk in sorted(gaps):
            self.make_gap(kuk)
        for kuk in sorted(thin):
            self.make_thin(kuk)
        protected = gaps | thin
        self.observe(protected)
        self.ask(gaps, thin, bank)
        self.add_distractors(protected | self._weakly_backed(protected), distractors)
        self.docs = [d for d in self.docs if d.item.claims]
        self.rng.shuffle(self.docs)
        width = max(2, len(str(len(self.docs))))
        for number, doc in enumerate(self.docs, start=1):
            doc.item.id = f"E{number:0{width}d}"
        self.self_assess(gaps)
        met = {kuk: kuk not in gaps for kuk in self.kuks}
        follow = self.follow_ups(case_id, met, bank)
        case = self._case(case_id, seed, generator)
        rule = DefaultRule(host=self.host)
        for _attempt in range(3):  # documents that back several KUK can get in the way
            key = rule.derive(case, self.scheme, follow_ups=follow, catalogue=self.catalogue)
            wrong = [k for k in self.kuks if (key.criteria[k] == "K") != met[k]]
            if not wrong:
                break
            for kuk in wrong:
                self._repair(case, kuk, met[kuk])
            key = rule.derive(case, self.scheme, follow_ups=follow, catalogue=self.catalogue)
        planted = {d.item.id: list(d.flaws) for d in self.docs}
        return GeneratedCase(case, planted, met, follow, dict(self.criteria_flaws), key)

    def _weakly_backed(self, protected: set[str]) -> set[str]:
        """KUK that a distractor must not touch: fewer than two sound sources."""
        weak = set()
        for kuk in self.kuks:
            sources = {(str(d.item.kind), d.item.issuer) for d in self.docs
                       if kuk in d.item.claims and not d.flaws}
            if len(sources) < 2 and not any(o.criterion == kuk and o.result == "met"
                                            for o in self.observations):
                weak.add(kuk)
        return weak - protected

    def _repair(self, case: Case, kuk: str, met: bool) -> None:
        if met:  # the plan says met: the assessor observed it
            case.observations = [o for o in case.observations if o.criterion != kuk]
            case.observations.append(Observation(criterion=kuk, note=self.rng.choice(
                P.OBSERVED_MET[self.lang]), result="met"))
        else:
            for item in case.evidence:
                if kuk in item.claims and not any(d.flaws for d in self.docs if d.item is item):
                    item.claims = [k for k in item.claims if k != kuk]
            case.answers = [a for a in case.answers if a.criterion != kuk]
            case.observations = [o for o in case.observations if o.criterion != kuk]
        case.evidence = [item for item in case.evidence if item.claims]
        self.docs = [d for d in self.docs if d.item.claims]

    def _case(self, case_id: str, seed: int, generator: str) -> Case:
        job = self.jobs[-1]
        years = max(1, (self.assessed - self.jobs[0].start).days // 365)
        school = self.rng.choice(T.SCHOOLS)
        background = P.BACKGROUND[self.lang].format(school=school, role=job.role,
                                                    employer=job.employer,
                                                    city=self.rng.choice(T.CITIES))
        order = {kuk: n for n, kuk in enumerate(self.kuks)}
        return Case(
            id=case_id, scheme_code=self.scheme.code, scheme_title=self.scheme.title,
            scheme_version=self.scheme.version_hash(), units=list(self.units),
            language=self.lang, seed=seed, generator=generator, assessment_date=self.assessed,
            asesi=AsesiProfile(name=self.name, background=background, education=school,
                               workplace=job.employer, experience_years=years,
                               employment=self.jobs),
            evidence=[d.item for d in self.docs],
            observations=sorted(self.observations, key=lambda o: order[o.criterion]),
            answers=sorted(self.answers, key=lambda a: order[a.criterion]),
            self_assessment=self.claims)


__all__ = ["GAP_MODES", "TIERS", "CaseWriter", "Tier", "fill"]
