"""Add the assessor's duties to a generated case and its key: integrity, time limit, plan.

Called by :func:`toolkit.cases.keys.generate_case_set` after a generator made a case and
the rule derived its key, and by :func:`~toolkit.cases.keys.derive_key` (the key parts
only). The key, which has the shape of a judgement, also holds the reference plan and
declaration (``key.plan``, ``key.integrity``): what the reference FR.MAPA.01 says.
Each draw has its own random stream, so a case without duties reads as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .duties_model import (
    AssessmentPlan,
    IntegrityDeclaration,
    IntegrityKey,
    PlanKey,
    UnitPlan,
)
from .integrity import DEFAULT_INTEGRITY_RATE, integrity_key_for, plant_integrity
from .model import AnswerKey, Case
from .plan import METHOD_INSTRUMENTS, plan_key

if TYPE_CHECKING:
    from ..plugins import PluginHost
    from ..scheme import Scheme


def duty_keys(case: Case, scheme: Scheme, host: PluginHost | None = None,
              ) -> tuple[PlanKey, IntegrityKey]:
    """The acceptable plan and the integrity verdict of ``case`` (as it is now)."""
    return plan_key(case, scheme), integrity_key_for(case, host)


def reference_plan(key: PlanKey) -> AssessmentPlan:
    """The preferred plan of ``key``: the first route and TUK, per unit the first method of
    each required group with its first instrument."""
    units = {}
    for unit, expected in key.units.items():
        methods = [group[0] for group in expected.required_methods if group]
        units[unit] = UnitPlan(methods=methods,
                               instruments=[METHOD_INSTRUMENTS[m][0] for m in methods])
    return AssessmentPlan(route=key.routes[0].value if key.routes else None,  # type: ignore[arg-type]
                          tuk=key.tuk[0].value if key.tuk else None,  # type: ignore[arg-type]
                          units=units)


def reference_declaration(key: IntegrityKey) -> IntegrityDeclaration:
    """The right declaration of ``key``: its conflict and its first allowed act."""
    return IntegrityDeclaration(conflict=key.conflict, act=key.acts[0] if key.acts else None)


def add_duties(case: Case, key: AnswerKey, scheme: Scheme, seed: int,
               integrity_rate: float | None = None, time_limit_minutes: int | None = None,
               host: PluginHost | None = None) -> None:
    """Plant an integrity scenario (maybe), set the time limit, fill the key (in place)."""
    rate = DEFAULT_INTEGRITY_RATE if integrity_rate is None else integrity_rate
    key.integrity_key = plant_integrity(case, seed, rate, host)
    limit = time_limit_minutes or scheme.effective_settings().time_limit_minutes
    case.time_limit_minutes = limit or None
    key.plan_key = plan_key(case, scheme)
    key.plan = reference_plan(key.plan_key)
    key.integrity = reference_declaration(key.integrity_key)


__all__ = ["add_duties", "duty_keys", "reference_declaration", "reference_plan"]
