"""Simulated candidate cases, answer keys and trainee judgements: the data contract.

A :class:`Case` is what a trainee may see (``case-0001.json``): the asesi's
profile, evidence items, observation notes and answers to questions. It holds no
verdict, reason or flaw label. An :class:`AnswerKey` (``case-0001.key.json``) has
the shape of a :class:`Judgement` — a verdict per KUK, a VATM check per evidence
item, a verdict per unit and the recommendation — plus the reasons (in Indonesian
and English), the flaws planted by the generator and the lead assessor's overrides.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Verdict = Literal["K", "BK"]
VERDICTS: tuple[Verdict, ...] = ("K", "BK")
#: Reason or other text in each language: ``{"id": "...", "en": "..."}``.
LocalizedText = dict[str, str]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CaseError(ValueError):
    """A case, key, judgement or override that cannot be used; the message says why."""


class EvidenceKind(StrEnum):
    """Kinds of evidence in a portfolio or gathered during the assessment."""

    CERTIFICATE = "certificate"
    WORK_SAMPLE = "work_sample"
    LOG = "log"  # photo / video log of work
    THIRD_PARTY_REPORT = "third_party_report"
    CV_ENTRY = "cv_entry"
    WRITTEN_ANSWER = "written_answer"
    OBSERVATION_NOTE = "observation_note"


class Flaw(StrEnum):
    """Evidence flaws a generator can plant; each breaks one rule of evidence (VATM)."""

    NOT_VALID = "not_valid"  # does not touch the KUK it claims
    NOT_AUTHENTIC = "not_authentic"  # another person's name, inconsistent issuer
    NOT_CURRENT = "not_current"  # older than the scheme's currency window
    NOT_SUFFICIENT = "not_sufficient"  # the KUK is backed by too little


class AsesiProfile(_Model):
    """The candidate as the trainee meets them."""

    name: str
    background: str = ""
    education: str = ""
    workplace: str = ""
    experience_years: int = 0


class EvidenceItem(_Model):
    """One piece of evidence and the KUK it claims to support."""

    id: str
    kind: EvidenceKind
    title: str
    date: date
    owner: str
    issuer: str = ""
    claims: list[str] = Field(default_factory=list, description="KUK ids")
    summary: str = ""


class Observation(_Model):
    """An observation note of the assessor on one KUK."""

    criterion: str
    note: str


class QuestionAnswer(_Model):
    """A question (from the instrument bank or a template) and the asesi's answer."""

    criterion: str
    question: str
    answer: str


class Case(_Model):
    """A simulated asesi: everything a trainee may see, and nothing of the key."""

    id: str
    scheme_code: str
    scheme_title: str
    scheme_version: str
    units: list[str]
    language: str = "id"
    seed: int = 0
    generator: str = "default"
    assessment_date: date
    asesi: AsesiProfile
    evidence: list[EvidenceItem] = Field(default_factory=list)
    observations: list[Observation] = Field(default_factory=list)
    answers: list[QuestionAnswer] = Field(default_factory=list)


class EvidenceVerdict(_Model):
    """The four rules of evidence for one item: Valid, Asli, Terkini, Memadai."""

    valid: bool
    authentic: bool
    current: bool
    sufficient: bool

    def accepted(self) -> bool:
        """True when the item meets all four rules."""
        return self.valid and self.authentic and self.current and self.sufficient


class Judgement(_Model):
    """A trainee's (or the reference) decisions on one case."""

    case: str
    criteria: dict[str, Verdict] = Field(default_factory=dict)
    evidence: dict[str, EvidenceVerdict] = Field(default_factory=dict)
    units: dict[str, Verdict] = Field(default_factory=dict)
    recommendation: Verdict = "BK"
    notes: dict[str, str] = Field(default_factory=dict, description="per-KUK notes")
    feedback: str = ""


class Override(_Model):
    """A lead assessor's correction of one verdict in a key, with a note.

    ``target`` is ``criteria/<KUK id>``, ``evidence/<item id>/<valid|authentic|current|
    sufficient>``, ``units/<unit code>`` or ``recommendation``.
    """

    target: str
    value: str | bool
    note: str
    author: str = ""


class Reasons(_Model):
    """Why the reference decided as it did, per KUK, evidence item and unit."""

    criteria: dict[str, LocalizedText] = Field(default_factory=dict)
    evidence: dict[str, LocalizedText] = Field(default_factory=dict)
    units: dict[str, LocalizedText] = Field(default_factory=dict)
    recommendation: LocalizedText = Field(default_factory=dict)


class AnswerKey(Judgement):
    """The reference judgement of a case, with reasons, planted flaws and overrides."""

    rule: str = "default"
    scheme_version: str = ""
    reasons: Reasons = Field(default_factory=Reasons)
    flaws: dict[str, list[Flaw]] = Field(default_factory=dict, description="per evidence item")
    truly_met: dict[str, bool] = Field(default_factory=dict, description="generator's truth")
    overrides: list[Override] = Field(default_factory=list)


def unit_verdict(criteria: dict[str, Verdict], unit_code: str) -> Verdict:
    """A unit is K only if every one of its KUK is K (and it has at least one)."""
    verdicts = [v for kuk, v in criteria.items() if kuk.rpartition("/")[0] == unit_code]
    return "K" if verdicts and all(v == "K" for v in verdicts) else "BK"


def recommendation(units: dict[str, Verdict]) -> Verdict:
    """The asesi is recommended K only if every unit is K."""
    return "K" if units and all(v == "K" for v in units.values()) else "BK"


__all__ = [
    "VERDICTS",
    "AnswerKey",
    "AsesiProfile",
    "Case",
    "CaseError",
    "EvidenceItem",
    "EvidenceKind",
    "EvidenceVerdict",
    "Flaw",
    "Judgement",
    "LocalizedText",
    "Observation",
    "Override",
    "QuestionAnswer",
    "Reasons",
    "Verdict",
    "recommendation",
    "unit_verdict",
]
