"""Simulated candidate cases: model, generators, evidence rules, keys, overrides and files.

``generate_cases`` (and ``generate_case_set``, with what each follow-up reveals) makes
cases and their answer keys through the generator, evidence rule, flaw type and evidence
catalogue plugins; ``derive_key`` and ``apply_override`` (re)build a key;
:mod:`toolkit.cases.io` reads and writes the JSON files. Scoring lives in
:mod:`toolkit.scoring`.
"""

from __future__ import annotations

from . import io
from .catalogue import Artefact, EvidenceCatalogue, catalogue_for, load_catalogue
from .default_rule import DefaultRule
from .duties_model import (
    AssessmentPlan,
    IntegrityDeclaration,
    IntegrityKey,
    IntegrityScenarioText,
    PlanKey,
    PlanOption,
    UnitPlan,
    UnitPlanKey,
)
from .flaws import FlawType, flaw_types
from .generator import CaseGenerator, CaseOptions, DefaultGenerator, FlawRates, GeneratedCase
from .keys import (
    apply_override,
    case_id,
    derive_key,
    generate_case_set,
    generate_cases,
    get_generator,
    get_rule,
)
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
    FollowUpResult,
    FollowUps,
    Judgement,
    Observation,
    Override,
    QuestionAnswer,
    Reasons,
    SelfClaim,
    Verdict,
    recommendation,
    unit_verdict,
)
from .rules import EvidenceRule, RuleSettings

__all__ = [
    "VERDICTS",
    "AnswerKey",
    "Artefact",
    "AsesiProfile",
    "AssessmentPlan",
    "Case",
    "CaseError",
    "CaseGenerator",
    "CaseOptions",
    "DefaultGenerator",
    "DefaultRule",
    "EvidenceCatalogue",
    "EvidenceItem",
    "EvidenceKind",
    "EvidenceRule",
    "EvidenceVerdict",
    "Flaw",
    "FlawRates",
    "FlawType",
    "FollowUpResult",
    "FollowUps",
    "GeneratedCase",
    "IntegrityDeclaration",
    "IntegrityKey",
    "IntegrityScenarioText",
    "Judgement",
    "Observation",
    "Override",
    "PlanKey",
    "PlanOption",
    "QuestionAnswer",
    "Reasons",
    "RuleSettings",
    "SelfClaim",
    "UnitPlan",
    "UnitPlanKey",
    "Verdict",
    "apply_override",
    "case_id",
    "catalogue_for",
    "derive_key",
    "flaw_types",
    "generate_case_set",
    "generate_cases",
    "get_generator",
    "get_rule",
    "io",
    "load_catalogue",
    "recommendation",
    "unit_verdict",
]
