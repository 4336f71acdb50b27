"""Integrity scenarios: situations that put the assessor's objectivity to the test.

An :class:`IntegrityScenario` (a plugin of the ``register_integrity_scenarios`` hook)
plants a situation in a case — the text the trainee reads (``Case.integrity``) — and
says in the key what is right (``AnswerKey.integrity_key``): whether it is a conflict
of interest, which acts are allowed (``decline`` and hand over, ``proceed_disclosed``,
``proceed``) and why. The BNSP code of ethics for assessors asks to disclose any
conflict (relative, own student, colleague, business interest), not to assess where it
would bias the decision, and to refuse gifts and favours.

:func:`plant_integrity` draws, with its own random stream (the seed and the case id),
whether a case carries a scenario (``rate``, default :data:`DEFAULT_INTEGRITY_RATE`) and
which one, so the rest of the case stays as it was.
:func:`integrity_checks` scores a trainee's declaration; proceeding where the key says
decline (or with no declaration at all) is a critical error.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..i18n import _
from .duties_model import IntegrityAct, IntegrityDeclaration, IntegrityKey, IntegrityScenarioText
from .model import Case, CaseError
from .texts import FAMILY_NAMES, GIVEN_NAMES

if TYPE_CHECKING:
    from ..plugins import PluginHost
    from ..score_parts import Check

#: Share of generated cases that carry an integrity scenario.
DEFAULT_INTEGRITY_RATE = 0.15
Texts = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class IntegrityScenario:
    """A kind of integrity situation: how it reads (per language) and what is right.

    ``texts`` are templates per language with the placeholders ``{asesi}``, ``{who}``,
    ``{employer}`` and ``{relation}``; ``relations`` the words for who the person is
    (per language, drawn with the same index).
    """

    name: str
    label: dict[str, str]
    conflict: bool
    acts: tuple[IntegrityAct, ...]
    why: dict[str, str]
    texts: Texts
    relations: Texts = field(default_factory=dict)

    @property
    def id(self) -> str:
        """Scenarios are selected by id (= ``name``)."""
        return self.name

    def plant(self, case: Case, rng: random.Random) -> IntegrityScenarioText:
        """The situation as the trainee reads it, in the case language."""
        lang = case.language if case.language in self.texts else "id"
        template = rng.choice(self.texts[lang])
        relations = self.relations.get(lang, ("",))
        relation = relations[rng.randrange(len(relations))]
        who = f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}"
        employer = case.asesi.workplace or (case.asesi.employment[-1].employer
                                            if case.asesi.employment else "")
        text = template.format(asesi=case.asesi.name, who=who, employer=employer,
                               relation=relation)
        return IntegrityScenarioText(id=self.name, text=text, who=who if "{who}" in template
                                     else case.asesi.name)

    def key(self) -> IntegrityKey:
        """What is right in this situation."""
        return IntegrityKey(scenario=self.name, conflict=self.conflict, acts=list(self.acts),
                            why=dict(self.why))


def _host(host: PluginHost | None) -> PluginHost:
    if host is not None:
        return host
    from ..plugins import default_host

    return default_host()


def integrity_scenarios(host: PluginHost | None = None) -> dict[str, IntegrityScenario]:
    """Every registered scenario by id (built-ins and plugins)."""
    found: dict[str, IntegrityScenario] = {}
    for scenario in _host(host).collect("register_integrity_scenarios"):
        found.setdefault(scenario.name, scenario)
    return found


def plant_integrity(case: Case, seed: int, rate: float = DEFAULT_INTEGRITY_RATE,
                    host: PluginHost | None = None) -> IntegrityKey:
    """Maybe plant a scenario in ``case`` (in place); the key's integrity verdict.

    Deterministic: the draw depends on the seed and the case id only.
    """
    if not 0.0 <= rate <= 1.0:
        raise CaseError(_("the integrity rate must be a number from 0 to 1, not {value!r}",
                          value=rate))
    rng = random.Random(f"asesorlab:integrity:{seed}:{case.id}")
    if rng.random() >= rate:
        case.integrity = None
        return IntegrityKey()
    scenarios = integrity_scenarios(host)
    if not scenarios:
        case.integrity = None
        return IntegrityKey()
    scenario = scenarios[rng.choice(sorted(scenarios))]
    case.integrity = scenario.plant(case, rng)
    return scenario.key()


def integrity_key_for(case: Case, host: PluginHost | None = None) -> IntegrityKey:
    """The integrity verdict of ``case`` from its scenario (when a key is derived again)."""
    if case.integrity is None:
        return IntegrityKey()
    scenario = integrity_scenarios(host).get(case.integrity.id)
    if scenario is None:
        raise CaseError(_("unknown integrity scenario {name!r} in case {case}",
                          name=case.integrity.id, case=case.id))
    return scenario.key()


def _act_label(act: str | None) -> str:
    return {"proceed": _("proceed"), "proceed_disclosed": _("proceed with disclosure"),
            "decline": _("decline and hand over")}.get(act or "", _("no act chosen"))


def integrity_checks(key: IntegrityKey, declaration: IntegrityDeclaration | None,
                     lang: str) -> tuple[list[Check], str | None]:
    """The checks of a declaration, and the reason of a critical error (or None).

    Proceeding (with or without disclosure) where the key does not allow it, or giving
    no declaration at all, is critical.
    """
    from ..score_parts import Check

    why = key.why.get(lang) or key.why.get("id", "")
    allowed = ", ".join(_act_label(a) for a in key.acts)
    if declaration is None or declaration.conflict is None or declaration.act is None:
        message = _("no declaration: every assessment starts with a declaration of conflict "
                    "of interest (FR.AK.01, the code of ethics); right here: {allowed}",
                    allowed=allowed)
        return [Check(id="integrity.declared", met=False, why=message)], message
    checks = [Check(id="integrity.declared", met=True, why=_("declaration given"))]
    if declaration.conflict == key.conflict:
        checks.append(Check(id="integrity.conflict", met=True, why=(
            _("conflict of interest declared rightly") + (f": {why}" if why else "")
            if key.conflict else _("no conflict of interest, declared rightly"))))
    else:
        checks.append(Check(id="integrity.conflict", met=False, why=(
            _("this is a conflict of interest and must be declared") + (f": {why}" if why else "")
            if key.conflict else _("nothing here is a conflict of interest") +
            (f": {why}" if why else ""))))
    act = declaration.act
    critical = None
    if act in key.acts:
        checks.append(Check(id="integrity.act", met=True, why=_(
            "{act} is right here", act=_act_label(act)) + (f": {why}" if why else "")))
    else:
        message = _("{act} is not right here; right: {allowed}", act=_act_label(act),
                    allowed=allowed) + (f" — {why}" if why else "")
        checks.append(Check(id="integrity.act", met=False, why=message))
        if act in ("proceed", "proceed_disclosed"):
            critical = message
    return checks, critical


__all__ = [
    "DEFAULT_INTEGRITY_RATE",
    "IntegrityScenario",
    "integrity_checks",
    "integrity_key_for",
    "integrity_scenarios",
    "plant_integrity",
]
