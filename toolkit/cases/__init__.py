"""Simulated candidate cases: model, generators, evidence rules, keys, overrides and files.

``generate_cases`` makes cases and their answer keys through the generator and
evidence rule plugins; ``derive_key`` and ``apply_override`` (re)build a key;
:mod:`toolkit.cases.io` reads and writes the JSON files. Scoring lives in
:mod:`toolkit.scoring`.
"""

from __future__ import annotations

from . import io
from .default_rule import DefaultRule
from .generator import CaseGenerator, DefaultGenerator, FlawRates, GeneratedCase
from .keys import apply_override, case_id, derive_key, generate_cases, get_generator, get_rule
from .model import (
    VERDICTS,
    AnswerKey,
    AsesiProfile,
    Case,
    CaseError,
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
from .rules import EvidenceRule, RuleSettings

__all__ = [
    "VERDICTS",
    "AnswerKey",
    "AsesiProfile",
    "Case",
    "CaseError",
    "CaseGenerator",
    "DefaultGenerator",
    "DefaultRule",
    "EvidenceItem",
    "EvidenceKind",
    "EvidenceRule",
    "EvidenceVerdict",
    "Flaw",
    "FlawRates",
    "GeneratedCase",
    "Judgement",
    "Observation",
    "Override",
    "QuestionAnswer",
    "Reasons",
    "RuleSettings",
    "Verdict",
    "apply_override",
    "case_id",
    "derive_key",
    "generate_cases",
    "get_generator",
    "get_rule",
    "io",
    "recommendation",
    "unit_verdict",
]
