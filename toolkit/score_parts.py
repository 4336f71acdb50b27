"""The parts of a score report beyond judging evidence: one :class:`PartScore` per duty.

Issue 11 scores every duty of an assessor separately — ``plan`` (FR.MAPA.01),
``integrity`` (the conflict-of-interest declaration), ``judging`` (KUK, evidence, units,
recommendation), ``feedback`` (the rubric checks) and ``record`` (the trainee's FR.AK.02
against the key's). Each part is a share of checks met, whether it passes, and the
checks with the reason each is met or not, in the report's language.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class Check(BaseModel):
    """One rubric or plan check: met or not, and why (in the report's language)."""

    id: str
    met: bool
    why: str = ""


class PartScore(BaseModel):
    """The score of one duty: share of checks met (0..1), passed, and the checks."""

    score: float = Field(default=1.0, ge=0.0, le=1.0)
    passed: bool = True
    checks: list[Check] = Field(default_factory=list)


__all__ = ["Check", "PartScore"]
