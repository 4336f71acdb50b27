"""A synthetic cohort: generated cases judged by trainees with planted weaknesses.

Each trainee has a :class:`TraineeProfile`: the flaw kinds they tend to miss (they accept
an item whose key lists such a flaw with probability ``weak_miss``, others with
``base_miss``), a rate of random KUK slips and a typical time per case. A trainee who
accepts a flawed item also marks K the BK KUK that item claims (fooled by it); units and
the recommendation follow from their KUK verdicts. Cases come from
:func:`toolkit.cases.generate_cases` and judgements are scored with
:func:`toolkit.scoring.score_many`, so the cohort uses whatever flaw kinds the generator
plants (flaw kinds are open strings). Same arguments → the same cohort.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from ..cases import generate_cases
from ..cases import texts as T
from ..cases.model import AnswerKey, Case, Judgement, Verdict, recommendation, unit_verdict
from ..i18n import _
from ..scheme import Scheme
from ..scoring import score_many
from ..store import Attempt, Store, new_token
from .outcomes import with_outcomes

#: The first day of a synthetic cohort's attempts.
START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


@dataclass(frozen=True)
class TraineeProfile:
    """How one synthetic trainee judges."""

    name: str
    weak: tuple[str, ...] = ()
    weak_miss: float = 0.8
    base_miss: float = 0.03
    slips: float = 0.01
    seconds: float = 1500.0


@dataclass
class DemoCohort:
    """What :func:`demo_cohort` made."""

    profiles: list[TraineeProfile]
    cases: list[tuple[Case, AnswerKey]] = field(repr=False)
    attempts: int = 0


def flaw_kinds(keys: Sequence[AnswerKey]) -> list[str]:
    """The flaw kinds planted in ``keys``, the most frequent first."""
    counts: dict[str, int] = {}
    for key in keys:
        for kinds in key.flaws.values():
            for kind in kinds:
                counts[str(kind)] = counts.get(str(kind), 0) + 1
    return sorted(counts, key=lambda k: (-counts[k], k))


def trainee_profiles(count: int, kinds: Sequence[str], seed: int = 0,
                     focus: str | None = None) -> list[TraineeProfile]:
    """``count`` trainees: a third strong (no weakness), a third a little weak and a third
    clearly weak in one or two flaw kinds — ``focus`` for most of them when given."""
    rng = random.Random(f"asesorlab:cohort:{seed}")
    names: list[str] = []
    while len(names) < count:
        name = f"{rng.choice(T.GIVEN_NAMES)} {rng.choice(T.FAMILY_NAMES)}"
        names.append(name if name not in names else f"{name} {len(names) + 1}")
    profiles = []
    for index, name in enumerate(names):
        seconds = rng.uniform(900, 2700)
        if index % 3 == 0 or not kinds:
            profiles.append(TraineeProfile(name, base_miss=0.0, slips=0.0, seconds=seconds))
            continue
        weak = [focus] if focus and rng.random() < 0.85 else [rng.choice(list(kinds))]
        if rng.random() < 0.3:
            weak.append(rng.choice(list(kinds)))
        # every third a little weak (close to ready), the others clearly weak
        miss = rng.uniform(0.02, 0.08) if index % 3 == 1 else rng.uniform(0.6, 0.9)
        profiles.append(TraineeProfile(name, tuple(dict.fromkeys(weak)), weak_miss=miss,
                                       base_miss=0.01, slips=rng.uniform(0.0, 0.01),
                                       seconds=seconds))
    return profiles


def judge(case: Case, key: AnswerKey, profile: TraineeProfile,
          rng: random.Random) -> Judgement:
    """The judgement ``profile`` makes of ``case``."""
    evidence = {}
    fooled: set[str] = set()
    for item in case.evidence:
        kinds = [str(k) for k in key.flaws.get(item.id, [])]
        verdict = key.evidence[item.id].model_copy()
        if kinds:
            miss = max(profile.weak_miss if k in profile.weak else profile.base_miss
                       for k in kinds)
            if rng.random() < miss:
                verdict = verdict.model_copy(update={"valid": True, "authentic": True,
                                                     "current": True, "sufficient": True})
                fooled.update(item.claims)
        evidence[item.id] = verdict
    criteria: dict[str, Verdict] = {}
    for kuk, expected in key.criteria.items():
        given: Verdict = "K" if expected == "BK" and kuk in fooled else expected
        if rng.random() < profile.slips:
            given = "BK" if given == "K" else "K"
        criteria[kuk] = given
    units = {unit: unit_verdict(criteria, unit) for unit in key.units}
    return Judgement(case=case.id, criteria=criteria, evidence=evidence, units=units,
                     recommendation=recommendation(units), integrity=key.integrity)


def demo_cohort(store: Store, scheme: Scheme, trainees: int, attempts: int = 10,
                seed: int = 0, cases: int | None = None, focus: str | None = None,
                profiles: Sequence[TraineeProfile] | None = None,
                lang: str = "id") -> DemoCohort:
    """Fill ``store`` with ``trainees`` × ``attempts`` scored attempts over ``cases``
    generated cases (default: as many as ``attempts``, at most 12)."""
    if trainees < 1 or attempts < 1:
        raise ValueError(_("a demo cohort needs at least one trainee and one attempt"))
    pairs = generate_cases(scheme, count=cases or min(attempts, 12), seed=seed, language=lang)
    chosen = list(profiles) if profiles else trainee_profiles(
        trainees, flaw_kinds([k for _c, k in pairs]), seed, focus)
    rng = random.Random(f"asesorlab:cohort-judge:{seed}")
    planned: list[tuple[int, int, int, Judgement]] = []  # trainee, attempt, case, judgement
    for t, profile in enumerate(chosen):
        for a in range(attempts):
            c = (t + a) % len(pairs)
            planned.append((t, a, c, judge(*pairs[c], profile, rng)))
    scores: dict[tuple[int, int], dict[str, object]] = {}
    for c, (_case, key) in enumerate(pairs):
        mine = [(t, a, j) for t, a, cc, j in planned if cc == c]
        for (t, a, judgement), report in zip(mine, score_many(key, [j for *_x, j in mine],
                                                              lang=lang), strict=True):
            scores[(t, a)] = with_outcomes(report.to_dict(), key, judgement)
    version = scheme.version_hash()
    rows = []
    for t, a, c, judgement in planned:
        profile = chosen[t]
        submitted = START + timedelta(days=a, hours=t % 9, minutes=rng.randrange(60))
        seconds = profile.seconds * rng.uniform(0.7, 1.3)
        case = pairs[c][0]
        rows.append(Attempt(token=new_token(), trainee=profile.name, case_id=case.id,
                            opened_at=submitted - timedelta(seconds=seconds),
                            submitted_at=submitted, judgement=judgement.model_dump(mode="json"),
                            score=scores[(t, a)], scheme_code=case.scheme_code,
                            scheme_version=case.scheme_version or version, language=lang))
    stored = store.record_many(rows)
    return DemoCohort(chosen, pairs, stored)


__all__ = ["START", "DemoCohort", "TraineeProfile", "demo_cohort", "flaw_kinds", "judge",
           "trainee_profiles"]
