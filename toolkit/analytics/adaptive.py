"""The adaptive next case: practise what the trainee misses most.

A trainee's :class:`Weakness` comes from their stored attempts: per flaw kind the items
planted and the items they accepted anyway, per unit the wrong unit decisions. A
:class:`CaseProfile` says what a case holds (from its answer key, read in the kernel and
never shown): how many items carry each flaw kind, which units it covers. A case selector
(plugin hook ``register_case_selectors``; built-in :class:`WeakestFirst`) picks, among
the candidate cases, the one that targets the weakest flaw kind and units, with a seeded
tie-break, and says why in a sentence the debrief shows.

:func:`generate_targeted` does the same over freshly generated cases, for a trainee who
has done every case of a set.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..cases.io import key_path_for, load_key
from ..cases.model import AnswerKey, Case
from ..i18n import _, language
from ..scheme import Scheme
from ..store import Store
from .labels import flaw_label
from .queries import Cohort, Filters, Rate

if TYPE_CHECKING:
    from ..plugins import PluginHost

#: Attempts a trainee needs before the next case adapts to them.
MIN_ATTEMPTS = 3


@dataclass(frozen=True)
class CaseProfile:
    """What a candidate case holds, from its key: items per flaw kind, its units."""

    case_id: str
    flaws: dict[str, int]
    units: tuple[str, ...]

    @classmethod
    def from_key(cls, key: AnswerKey) -> CaseProfile:
        """The profile of the case ``key`` belongs to."""
        counts: dict[str, int] = {}
        for kinds in key.flaws.values():
            for kind in {str(k) for k in kinds}:
                counts[kind] = counts.get(kind, 0) + 1
        return cls(key.case, counts, tuple(key.units))


@dataclass
class Weakness:
    """What a trainee has missed so far."""

    trainee: str
    attempts: int
    flaws: dict[str, Rate] = field(default_factory=dict)
    units: dict[str, Rate] = field(default_factory=dict)

    def flaw_weights(self) -> dict[str, float]:
        """Per flaw kind, the miss rate smoothed towards 5% (few items say little)."""
        return {kind: (rate.bad + 0.25) / (rate.total + 5.0)
                for kind, rate in self.flaws.items() if rate.total}

    def weakest_flaws(self, count: int = 1) -> list[str]:
        """The flaw kinds missed most often (only kinds missed at least once)."""
        weights = self.flaw_weights()
        missed = [k for k, rate in self.flaws.items() if rate.bad]
        return sorted(missed, key=lambda k: (-weights[k], k))[:count]

    def weakest_units(self, count: int = 1) -> list[str]:
        """The units decided wrong most often (only units got wrong at least once)."""
        wrong = [(u, r) for u, r in self.units.items() if r.bad and r.total]
        return [u for u, _r in sorted(wrong, key=lambda p: (-(p[1].rate or 0.0), p[0]))][
            :count]


def weakness(store: Store, trainee: str, scheme: str | None = None) -> Weakness:
    """The weakness of ``trainee`` from the store (one scheme's cases, or all)."""
    cohort = Cohort(store, Filters(scheme=scheme, trainees=(trainee,)))
    return Weakness(trainee, len(cohort.records), cohort.flaw_rates(trainee),
                    cohort.unit_rates(trainee))


@dataclass
class Choice:
    """A chosen case and what it targets."""

    case_id: str
    flaws: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    missed: dict[str, Rate] = field(default_factory=dict)

    def why(self) -> str:
        """Why this case was chosen, in one sentence of the current language."""
        parts = []
        for kind in self.flaws:
            rate = self.missed.get(kind, Rate(0, 0))
            parts.append(_("{flaw} (you accepted {missed} of {planted} such items)",
                           flaw=flaw_label(kind), missed=rate.bad, planted=rate.total))
        text = (_("This case was chosen to practise what you miss most: {flaws}.",
                  flaws="; ".join(parts)) if parts else "")
        if self.units:
            unit_text = _("It also covers the unit you decide wrong most often: {units}.",
                          units=", ".join(self.units))
            text = f"{text} {unit_text}".strip()
        return text


class CaseSelector(Protocol):
    """What a case selector plugin registers."""

    name: str
    description: str

    def choose(self, weakness: Weakness, candidates: Sequence[CaseProfile],
               seed: int = 0) -> Choice | None:
        """The case to do next, or None to leave the order as it is."""
        ...


@dataclass(frozen=True)
class WeakestFirst:
    """Pick the case with the most items of the trainee's weakest flaw kind; then the
    other flaw kinds by how often they are missed, then the weakest units."""

    name: str = "weakest"
    description: str = "the case with most of the flaws the trainee misses most"
    min_attempts: int = MIN_ATTEMPTS

    def choose(self, weakness: Weakness, candidates: Sequence[CaseProfile],
               seed: int = 0) -> Choice | None:
        """The best candidate for ``weakness`` (None before :attr:`min_attempts`, or when
        no flaw kind was missed and every candidate covers the weakest unit)."""
        if weakness.attempts < self.min_attempts or not candidates:
            return None
        targets = weakness.weakest_flaws(1)
        units = weakness.weakest_units(1)
        if not targets and all(u in p.units for p in candidates for u in units):
            return None  # nothing this choice could target: keep the usual order
        weights = weakness.flaw_weights()
        rng = random.Random(f"asesorlab:next:{seed}:{weakness.trainee}:{weakness.attempts}")

        def value(profile: CaseProfile) -> tuple[float, float, float, float]:
            target = sum(min(profile.flaws.get(k, 0), 5) for k in targets)
            others = sum(weights.get(k, 0.0) * min(n, 5) for k, n in profile.flaws.items())
            unit = sum(1.0 for u in units if u in profile.units)
            return (float(target), others, unit, rng.random())

        best = max(candidates, key=value)
        return Choice(best.case_id, [k for k in targets if best.flaws.get(k)],
                      [u for u in units if u in best.units],
                      {k: weakness.flaws[k] for k in targets})


def get_selector(name: str = "weakest", host: PluginHost | None = None) -> CaseSelector:
    """The case selector registered under ``name``."""
    from ..plugins import default_host

    selector: CaseSelector = (host or default_host()).lookup(
        "register_case_selectors", name, _("case selector"))
    return selector


def choose_next(store: Store, trainee: str, candidates: Sequence[CaseProfile],
                seed: int = 0, scheme: str | None = None, selector: str = "weakest",
                host: PluginHost | None = None) -> Choice | None:
    """The adaptive next case for ``trainee`` among ``candidates`` (None: no opinion)."""
    if not candidates:
        return None
    return get_selector(selector, host).choose(weakness(store, trainee, scheme), candidates,
                                               seed)


@lru_cache(maxsize=1024)
def _profile_of(key_path: Path, _mtime: float) -> CaseProfile | None:
    try:
        return CaseProfile.from_key(load_key(key_path))
    except (OSError, ValueError):  # no key, a broken key: this case is not a candidate
        return None


def profiles_from_files(case_paths: Iterable[str | Path]) -> list[CaseProfile]:
    """The profiles of case files, from their key files (read in the kernel, cached until a
    key file changes; never shown)."""
    profiles = []
    for case_path in case_paths:
        key_path = key_path_for(case_path)
        try:
            mtime = key_path.stat().st_mtime
        except OSError:
            continue
        made = _profile_of(key_path, mtime)
        if made is not None:
            profiles.append(made)
    return profiles


def next_case_for(store: Store, trainee: str, case_paths: Iterable[str | Path],
                  scheme: str | None = None, seed: int = 0, lang: str | None = None,
                  host: PluginHost | None = None) -> tuple[str, str] | None:
    """The practice app's adaptive next case among ``case_paths`` (the trainee's unfinished
    cases): ``(case id, why in one sentence)``, or None to keep the usual order (too few
    attempts yet, nothing to target)."""
    candidates = profiles_from_files(case_paths)
    choice = choose_next(store, trainee, candidates, seed=seed, scheme=scheme, host=host)
    if choice is None:
        return None
    with language(lang):
        return choice.case_id, choice.why()


def generate_targeted(scheme: Scheme, weak: Weakness, seed: int = 0, tries: int = 8,
                      host: PluginHost | None = None,
                      ) -> tuple[Case, AnswerKey, Choice | None]:
    """Generate ``tries`` cases and keep the one the selector picks for ``weak``."""
    from ..cases import generate_cases

    pairs = generate_cases(scheme, count=tries, seed=seed, host=host)
    profiles = [CaseProfile.from_key(key) for _case, key in pairs]
    choice = get_selector(host=host).choose(weak, profiles, seed)
    index = next((i for i, p in enumerate(profiles) if choice and p.case_id == choice.case_id),
                 0)
    case, key = pairs[index]
    return case, key, choice


__all__ = [
    "MIN_ATTEMPTS",
    "CaseProfile",
    "CaseSelector",
    "Choice",
    "WeakestFirst",
    "Weakness",
    "choose_next",
    "generate_targeted",
    "get_selector",
    "next_case_for",
    "profiles_from_files",
    "weakness",
]
