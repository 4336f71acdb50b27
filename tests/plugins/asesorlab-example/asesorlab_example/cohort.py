"""The cohort hook families, as an LSP with stricter rules would write them.

- ``register_qualification_rules``: ``strict``, the default rule over 15 cases, 90% passed;
- ``register_case_selectors``: ``in-order``, the first candidate case, whatever was missed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from toolkit.analytics import CaseProfile, Choice, DefaultQualification, Weakness
from toolkit.hookspecs import hookimpl


@dataclass(frozen=True)
class InOrder:
    """Never adapts: the cases in the order of the set."""

    name: str = "in-order"
    description: str = "the first candidate case"

    def choose(self, weakness: Weakness, candidates: Sequence[CaseProfile],
               seed: int = 0) -> Choice | None:
        return Choice(candidates[0].case_id) if candidates else None


@hookimpl
def register_qualification_rules() -> list[Any]:
    """The ``strict`` qualification rule."""
    return [DefaultQualification(name="strict", description="15 cases, 90% passed",
                                 window=15, pass_share=0.9)]


@hookimpl
def register_case_selectors() -> list[Any]:
    """The ``in-order`` case selector."""
    return [InOrder()]
