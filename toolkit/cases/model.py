"""Simulated candidate cases, answer keys and trainee judgements: the data contract.

A :class:`Case` is what a trainee may see (``case-0001.json``): the asesi's
profile and employment history, the APL.02 self-assessment, the portfolio
documents, the assessor's observation notes and the answers to questions. It holds
no verdict, reason or flaw label. An :class:`AnswerKey` (``case-0001.key.json``) has
the shape of a :class:`Judgement` — a verdict per KUK, a VATM check per evidence
item, a verdict per unit and the recommendation — plus the reasons (in Indonesian
and English), the flaws planted by the generator, the KUK where gathering more
evidence (*penilaian lanjut*) was the right move, and the lead assessor's overrides.
What each follow-up would reveal lives in a third file, :class:`FollowUps`
(``case-0001.followup.json``), read one KUK at a time when a trainee asks.

Every field added after the first release is optional, so older case, key and
judgement files stay readable.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from toolkit.cases.duties_model import (
    AssessmentPlan,
    IntegrityDeclaration,
    IntegrityKey,
    IntegrityScenarioText,
    PlanKey,
)

Verdict = Literal["K", "BK"]
VERDICTS: tuple[Verdict, ...] = ("K", "BK")
#: Evidence classes as BNSP uses them: langsung (direct), tidak langsung, tambahan.
EvidenceClass = Literal["L", "TL", "T"]
#: Follow-ups a trainee may ask for when evidence is thin (penilaian lanjut).
FollowUpKind = Literal["question", "demonstration", "third_party"]
FOLLOW_UP_KINDS: tuple[FollowUpKind, ...] = ("question", "demonstration", "third_party")
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
    PROJECT_REPORT = "project_report"
    EMPLOYMENT_LETTER = "employment_letter"  # surat keterangan kerja


class Flaw(StrEnum):
    """The flaw labels of the first generator (one per rule of evidence).

    Flaw kinds are open strings now (each a plugin, see :mod:`toolkit.cases.flaws`);
    these four stay for keys written before.
    """

    NOT_VALID = "not_valid"  # does not touch the KUK it claims
    NOT_AUTHENTIC = "not_authentic"  # another person's name, inconsistent issuer
    NOT_CURRENT = "not_current"  # older than the scheme's currency window
    NOT_SUFFICIENT = "not_sufficient"  # the KUK is backed by too little


class Employment(_Model):
    """One job of the asesi's work history, as the CV and the surat keterangan kerja give it."""

    employer: str
    role: str
    start: date
    end: date | None = None
    supervisor: str = ""


class AsesiProfile(_Model):
    """The candidate as the trainee meets them."""

    name: str
    background: str = ""
    education: str = ""
    workplace: str = ""
    experience_years: int = 0
    employment: list[Employment] = Field(default_factory=list)


class EvidenceItem(_Model):
    """One piece of evidence and the KUK it claims to support."""

    id: str
    kind: EvidenceKind
    title: str
    date: date
    owner: str
    issuer: str = ""
    claims: list[str] = Field(default_factory=list, description="KUK ids")
    summary: str = Field(default="", description="the document's content, as it reads")
    evidence_class: EvidenceClass | None = None
    artefact: str = Field(default="", description="the evidence catalogue's artefact id")
    signatory: str = ""
    signatory_role: str = ""
    signed: bool | None = None
    stamped: bool | None = None
    valid_until: date | None = None
    certifies: Literal["attendance", "competence"] | None = None
    contributors: list[str] = Field(default_factory=list)
    contribution: str = ""


class Observation(_Model):
    """An observation note of the assessor on one KUK (FR.IA.01), direct evidence (L)."""

    criterion: str
    note: str
    result: Literal["met", "not_met"] | None = None


class QuestionAnswer(_Model):
    """A question (from the instrument bank or a template) and the asesi's answer (T)."""

    criterion: str
    question: str
    answer: str
    expected: str = Field(default="", description="the bank's expected answer")
    form: str = Field(default="", description="FR.IA.03, FR.IA.05 or FR.IA.07")


class SelfClaim(_Model):
    """One row of the asesi's self-assessment (FR.APL.02): a KUK, K/BK, the evidence named."""

    criterion: str
    answer: Verdict
    evidence: list[str] = Field(default_factory=list, description="evidence item ids")


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
    self_assessment: list[SelfClaim] = Field(default_factory=list)
    integrity: IntegrityScenarioText | None = None
    time_limit_minutes: int | None = Field(default=None, ge=1)


class EvidenceVerdict(_Model):
    """The four rules of evidence for one item: Valid, Asli, Terkini, Memadai.

    In a trainee's judgement a check may be ``None``: not judged yet (belum dinilai).
    """

    valid: bool | None = None
    authentic: bool | None = None
    current: bool | None = None
    sufficient: bool | None = None

    def accepted(self) -> bool:
        """True when the item meets all four rules."""
        return bool(self.valid and self.authentic and self.current and self.sufficient)

    def rejected(self) -> bool:
        """True when at least one rule is judged not met."""
        return False in (self.valid, self.authentic, self.current, self.sufficient)


class Judgement(_Model):
    """A trainee's (or the reference) decisions on one case."""

    case: str
    criteria: dict[str, Verdict] = Field(default_factory=dict)
    evidence: dict[str, EvidenceVerdict] = Field(default_factory=dict)
    units: dict[str, Verdict] = Field(default_factory=dict)
    recommendation: Verdict = "BK"
    notes: dict[str, str] = Field(default_factory=dict, description="per-KUK notes")
    feedback: str = ""
    follow_ups: dict[str, FollowUpKind] = Field(
        default_factory=dict, description="per KUK: the follow-up asked for (penilaian lanjut)")
    plan: AssessmentPlan | None = None
    integrity: IntegrityDeclaration | None = None
    next_steps: str = Field(default="", description="FR.AK.02 tindak lanjut")
    comments: str = Field(default="", description="FR.AK.02 komentar asesor")
    time_used_s: float | None = Field(default=None, ge=0)
    auto_submitted: bool = False


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
    flaws: dict[str, list[str]] = Field(default_factory=dict, description="per evidence item")
    truly_met: dict[str, bool] = Field(default_factory=dict, description="generator's truth")
    overrides: list[Override] = Field(default_factory=list)
    follow_up_due: list[str] = Field(
        default_factory=list, description="KUK where gathering more evidence was right")
    criteria_flaws: dict[str, list[str]] = Field(
        default_factory=dict, description="per KUK: flaws that are not of one item")
    plan_key: PlanKey | None = None
    integrity_key: IntegrityKey | None = None


class FollowUpResult(_Model):
    """What one follow-up on one KUK reveals: an oral answer, an observed demonstration or
    a third-party clarification (FR.IA.10)."""

    answer: QuestionAnswer | None = None
    observation: Observation | None = None
    item: EvidenceItem | None = None


class FollowUps(_Model):
    """Per KUK, what each follow-up would reveal (``case-0001.followup.json``, key folder)."""

    case: str
    criteria: dict[str, dict[FollowUpKind, FollowUpResult]] = Field(default_factory=dict)


def unit_verdict(criteria: dict[str, Verdict], unit_code: str) -> Verdict:
    """A unit is K only if every one of its KUK is K (and it has at least one)."""
    verdicts = [v for kuk, v in criteria.items() if kuk.rpartition("/")[0] == unit_code]
    return "K" if verdicts and all(v == "K" for v in verdicts) else "BK"


def recommendation(units: dict[str, Verdict]) -> Verdict:
    """The asesi is recommended K only if every unit is K."""
    return "K" if units and all(v == "K" for v in units.values()) else "BK"


__all__ = [
    "FOLLOW_UP_KINDS",
    "VERDICTS",
    "AnswerKey",
    "AsesiProfile",
    "Case",
    "CaseError",
    "Employment",
    "EvidenceClass",
    "EvidenceItem",
    "EvidenceKind",
    "EvidenceVerdict",
    "Flaw",
    "FollowUpKind",
    "FollowUpResult",
    "FollowUps",
    "Judgement",
    "LocalizedText",
    "Observation",
    "Override",
    "QuestionAnswer",
    "Reasons",
    "SelfClaim",
    "Verdict",
    "recommendation",
    "unit_verdict",
]
