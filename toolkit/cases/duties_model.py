"""The data of an assessor's other duties: the plan, the integrity declaration and their keys.

Issue 11 turns every duty of an assessor into a scored part of a practice case. These
models are the contract between the toolkit (generator, scoring, the record) and the
practice app:

- what the trainee reads: :class:`IntegrityScenarioText` (``Case.integrity``), never the
  right act nor a hint of it;
- what the trainee gives: :class:`AssessmentPlan` (FR.MAPA.01: route, TUK, per unit the
  methods and instruments) and :class:`IntegrityDeclaration` (conflict or not, and the act);
- what the key holds: :class:`PlanKey` (the acceptable plan, with the alternatives that are
  also right, and why) and :class:`IntegrityKey` (conflict, the acts allowed, why).

All fields are optional so judgements and keys written before stay readable.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: Assessment routes: asesmen portofolio, or uji kompetensi (observation/demonstration).
Route = Literal["portofolio", "uji_kompetensi"]
ROUTES: tuple[Route, ...] = ("portofolio", "uji_kompetensi")
#: TUK types: sewaktu, tempat kerja, mandiri.
TukType = Literal["sewaktu", "tempat_kerja", "mandiri"]
TUK_TYPES: tuple[TukType, ...] = ("sewaktu", "tempat_kerja", "mandiri")
#: Assessment methods of FR.MAPA.01.
Method = Literal["observasi", "demonstrasi", "tertulis", "lisan", "portofolio", "pihak_ketiga"]
METHODS: tuple[Method, ...] = (
    "observasi", "demonstrasi", "tertulis", "lisan", "portofolio", "pihak_ketiga")
#: The evidence class (L langsung, TL tidak langsung, T tambahan) each method yields.
METHOD_CLASS: dict[str, str] = {
    "observasi": "L", "demonstrasi": "L", "portofolio": "TL", "pihak_ketiga": "TL",
    "tertulis": "T", "lisan": "T",
}
#: What the assessor does about a conflict of interest.
IntegrityAct = Literal["proceed", "proceed_disclosed", "decline"]
INTEGRITY_ACTS: tuple[IntegrityAct, ...] = ("proceed", "proceed_disclosed", "decline")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IntegrityScenarioText(_Model):
    """An integrity situation as the trainee reads it (never the right act)."""

    id: str = Field(description="the integrity scenario plugin's id")
    text: str = Field(description="the situation, in the case language")
    who: str = Field(default="", description="the person involved")


class UnitPlan(_Model):
    """The methods and instruments (form ids like ``FR.IA.01``) planned for one unit."""

    methods: list[Method] = Field(default_factory=list)
    instruments: list[str] = Field(default_factory=list)


class AssessmentPlan(_Model):
    """A trainee's assessment plan (FR.MAPA.01): route, TUK type and per unit the methods."""

    route: Route | None = None
    tuk: TukType | None = None
    units: dict[str, UnitPlan] = Field(default_factory=dict)


class IntegrityDeclaration(_Model):
    """The trainee's declaration: a conflict of interest or none, and what they do.

    "No conflict, proceed" is ``conflict=False, act="proceed"``.
    """

    conflict: bool | None = None
    act: IntegrityAct | None = None
    note: str = ""


class PlanOption(_Model):
    """One accepted choice (a route or a TUK type) and why it is right."""

    value: str
    why: dict[str, str] = Field(default_factory=dict)


class UnitPlanKey(_Model):
    """What an acceptable plan holds for one unit.

    ``required_methods`` are groups: the plan must use at least one method of each group.
    ``acceptable_methods`` are all the methods that fit the case's evidence; ``instruments``
    the form ids accepted for this unit.
    """

    required_methods: list[list[Method]] = Field(default_factory=list)
    acceptable_methods: list[Method] = Field(default_factory=list)
    instruments: list[str] = Field(default_factory=list)
    why: dict[str, str] = Field(default_factory=dict)


class PlanKey(_Model):
    """The acceptable plan of a case: routes and TUK types (first = preferred), per unit."""

    routes: list[PlanOption] = Field(default_factory=list)
    tuk: list[PlanOption] = Field(default_factory=list)
    units: dict[str, UnitPlanKey] = Field(default_factory=dict)


class IntegrityKey(_Model):
    """The integrity verdict of a case: is there a conflict, which acts are allowed, why.

    A case without a scenario has ``IntegrityKey(scenario=None, conflict=False,
    acts=["proceed"])``; a key without one means the same.
    """

    scenario: str | None = None
    conflict: bool = False
    acts: list[IntegrityAct] = Field(default_factory=lambda: ["proceed"])
    why: dict[str, str] = Field(default_factory=dict)


__all__ = [
    "INTEGRITY_ACTS",
    "METHODS",
    "METHOD_CLASS",
    "ROUTES",
    "TUK_TYPES",
    "AssessmentPlan",
    "IntegrityAct",
    "IntegrityDeclaration",
    "IntegrityKey",
    "IntegrityScenarioText",
    "Method",
    "PlanKey",
    "PlanOption",
    "Route",
    "TukType",
    "UnitPlan",
    "UnitPlanKey",
]
