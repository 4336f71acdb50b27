"""Simulated candidate cases: model, generators, evidence rules, judgements and scoring."""

from __future__ import annotations

from .model import (
    VERDICTS,
    AnswerKey,
    AsesiProfile,
    Case,
    EvidenceItem,
    EvidenceKind,
    EvidenceVerdict,
    Flaw,
    Judgement,
    Observation,
    Override,
    QuestionAnswer,
    Reasons,
    Verdict,
    recommendation,
    unit_verdict,
)

__all__ = [
    "VERDICTS",
    "AnswerKey",
    "AsesiProfile",
    "Case",
    "EvidenceItem",
    "EvidenceKind",
    "EvidenceVerdict",
    "Flaw",
    "Judgement",
    "Observation",
    "Override",
    "QuestionAnswer",
    "Reasons",
    "Verdict",
    "recommendation",
    "unit_verdict",
]
