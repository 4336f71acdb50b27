"""Case generators: the protocol, their knobs, and the built-in realistic generator.

The built-in generator (``default``) makes an asesi as a master assessor would meet one:

* a work history (one or two employers, with dates, roles and supervisors), an APL.02
  self-assessment, and a portfolio of 5–15 documents drawn from the scheme's **evidence
  catalogue** (:mod:`toolkit.cases.catalogue`), each backing several KUK, often across
  units, written as the document reads — never quoting a KUK;
* the assessor's own direct evidence: observation notes (FR.IA.01) and answers to the
  instrument bank's questions (FR.IA.05/07), right or wrong against the expected answer;
* an **outcome** drawn first: the candidate is competent (share ``k_share``, default 0.5)
  or has real gaps in 1–2 units; problem units (``problem_units``, default 0–2) get
  gaps (BK candidates) or tempting distractors (K candidates); the **difficulty** tier
  (``mudah``/``sedang``/``sulit``) sets how many flaws, how subtle, and how many KUK rest
  on thin evidence that needs a follow-up (*penilaian lanjut*);
* flaws planted by the flaw-type plugins (:mod:`toolkit.cases.flaws`) so that the
  default rule — and a careful reader — finds them from dates, names, issuers,
  signatures and the employment history;
* what each follow-up on each KUK would reveal (:class:`~toolkit.cases.model.FollowUps`).

Case generation is the plan; the answer key is what the evidence rule derives from the
case. The same scheme, seed, options and case id give byte-identical files.
The first generator is kept as ``classic`` (:mod:`toolkit.cases.classic`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Protocol

from ..i18n import _, normalize_language
from ..scheme import Scheme
from .model import AnswerKey, Case, CaseError, FollowUps

if TYPE_CHECKING:
    from ..plugins import PluginHost

DIFFICULTIES: tuple[str, ...] = ("mudah", "sedang", "sulit")


@dataclass(frozen=True)
class FlawRates:
    """Knobs of the ``classic`` generator: the share of KUK truly met, the rate of each flaw."""

    met: float = 0.7
    not_valid: float = 0.1
    not_authentic: float = 0.1
    not_current: float = 0.1
    not_sufficient: float = 0.1

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if (not isinstance(value, int | float) or isinstance(value, bool)
                    or not 0.0 <= value <= 1.0):
                raise CaseError(_("flaw rate {name} must be a number from 0 to 1, not {value!r}",
                                  name=f.name, value=value))

    @classmethod
    def names(cls) -> list[str]:
        """The knob names, as :meth:`parse` accepts them."""
        return [f.name for f in fields(cls)]

    @classmethod
    def parse(cls, text: str) -> FlawRates:
        """Read ``"met=0.6,not_current=0.2"`` (other knobs keep their defaults)."""
        values: dict[str, float] = {}
        for name, value in _pairs(text):
            if name not in cls.names():
                raise CaseError(_("unknown flaw rate {name!r}; known: {known}", name=name,
                                  known=", ".join(cls.names())))
            try:
                number = float(value)
            except ValueError:
                number = float("nan")
            if not 0.0 <= number <= 1.0:
                raise CaseError(_("flaw rate {name} must be a number from 0 to 1, not {value!r}",
                                  name=name, value=value))
            values[name] = number
        return cls(**values)

    def to_text(self) -> str:
        """The inverse of :meth:`parse`."""
        return ",".join(f"{f.name}={getattr(self, f.name):g}" for f in fields(self))


def _pairs(text: str) -> list[tuple[str, str]]:
    """``"a=1, b=2"`` → ``[("a", "1"), ("b", "2")]`` (names lower-case, ``-`` → ``_``)."""
    pairs = []
    for raw in text.split(","):
        part = raw.strip()
        if not part:
            continue
        name, sep, value = part.partition("=")
        if not sep:
            raise CaseError(_("{part!r} is not of the form name=value (e.g. met=0.6)",
                              part=part))
        pairs.append((name.strip().lower().replace("-", "_"), value.strip()))
    return pairs


@dataclass(frozen=True)
class CaseOptions:
    """Knobs of the realistic generator: outcome mix, problem units, difficulty tier."""

    k_share: float = 0.5
    difficulty: str = "sedang"
    problem_units_min: int = 0
    problem_units_max: int = 2

    def __post_init__(self) -> None:
        if (not isinstance(self.k_share, int | float) or isinstance(self.k_share, bool)
                or not 0.0 <= self.k_share <= 1.0):
            raise CaseError(_("k_share must be a number from 0 to 1, not {value!r}",
                              value=self.k_share))
        if self.difficulty not in DIFFICULTIES:
            raise CaseError(_("unknown difficulty {value!r}; choose one of: {known}",
                              value=self.difficulty, known=", ".join(DIFFICULTIES)))
        if not 0 <= self.problem_units_min <= self.problem_units_max:
            raise CaseError(_("problem units must be a range such as 0-2, not {low}-{high}",
                              low=self.problem_units_min, high=self.problem_units_max))

    @classmethod
    def parse(cls, text: str) -> CaseOptions:
        """Read ``"k_share=0.5,difficulty=sulit,problem_units=0-2"`` (others: defaults)."""
        values: dict[str, object] = {}
        for name, value in _pairs(text):
            if name == "k_share":
                try:
                    values[name] = float(value)
                except ValueError:
                    values[name] = value
            elif name == "difficulty":
                values[name] = value.lower()
            elif name == "problem_units":
                low, _sep, high = value.partition("-")
                try:
                    values["problem_units_min"] = int(low)
                    values["problem_units_max"] = int(high or low)
                except ValueError:
                    raise CaseError(_("problem units must be a range such as 0-2, not "
                                      "{value!r}", value=value)) from None
            else:
                raise CaseError(_("unknown case option {name!r}; known: {known}", name=name,
                                  known="k_share, difficulty, problem_units"))
        return cls(**values)  # type: ignore[arg-type]

    def to_text(self) -> str:
        """The inverse of :meth:`parse`."""
        return (f"k_share={self.k_share:g},difficulty={self.difficulty},"
                f"problem_units={self.problem_units_min}-{self.problem_units_max}")


@dataclass
class GeneratedCase:
    """A generated case and the generator's truth about it (kept for the answer key)."""

    case: Case
    flaws: dict[str, list[str]]
    truly_met: dict[str, bool]
    follow_ups: FollowUps | None = None
    criteria_flaws: dict[str, list[str]] = field(default_factory=dict)
    key: AnswerKey | None = None  # the default rule's key, when the generator derived it


class CaseGenerator(Protocol):
    """What a case generator plugin registers: a name and a ``generate`` method.

    A generator may also take ``options`` (:class:`CaseOptions`) as a keyword."""

    name: str
    description: str

    def generate(self, scheme: Scheme, case_id: str, seed: int, units: list[str],
                 flaws: FlawRates, language: str) -> GeneratedCase:
        """One case for ``units`` of ``scheme``; the same arguments give the same case."""
        ...


@dataclass(frozen=True)
class DefaultGenerator:
    """The built-in realistic generator (see the module docstring)."""

    name: str = "default"
    description: str = ("Realistic portfolio from the evidence catalogue, employment history, "
                        "observations and answers; flaws from the flaw plugins; outcome mix")
    host: PluginHost | None = None

    def generate(self, scheme: Scheme, case_id: str, seed: int, units: list[str],
                 flaws: FlawRates, language: str,
                 options: CaseOptions | None = None) -> GeneratedCase:
        """One case for ``units``; the same scheme, seed, options and case id give the same."""
        from .portfolio import CaseWriter

        if flaws != FlawRates():
            raise CaseError(_("flaw rates are knobs of the classic generator; the default "
                              "generator takes --k-share, --difficulty and --problem-units"))
        lang = normalize_language(language)
        chosen = options or CaseOptions()
        rng = random.Random(f"asesorlab:{self.name}:{seed}:{case_id}:{chosen.to_text()}")
        return CaseWriter(rng, scheme, units, lang, chosen, self.host).write(case_id, seed,
                                                                            self.name)


__all__ = ["DIFFICULTIES", "CaseGenerator", "CaseOptions", "DefaultGenerator", "FlawRates",
           "GeneratedCase"]
