"""Answer keys: generate cases, derive their keys by a rule, apply the lead's overrides.

Overrides live *in the key* (``AnswerKey.overrides``). Regenerating a key from
its case (after the scheme's settings changed, say) goes through
:func:`derive_key` with the old key's overrides: the rule takes them as given
(so an evidence override flows on to its KUK, unit and recommendation), then
:func:`apply_override` writes each with its note as the reason.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..i18n import _
from ..scheme import Scheme
from .default_rule import DefaultRule
from .generator import CaseGenerator, CaseOptions, FlawRates, GeneratedCase
from .model import (
    VERDICTS,
    AnswerKey,
    Case,
    CaseError,
    EvidenceVerdict,
    FollowUps,
    Override,
    recommendation,
    unit_verdict,
)
from .rules import EvidenceRule, recommendation_reason, unit_reason
from .texts import in_all_languages as L

if TYPE_CHECKING:
    from ..plugins import PluginHost

EVIDENCE_RULES: tuple[str, ...] = tuple(EvidenceVerdict.model_fields)


def _host(host: PluginHost | None) -> PluginHost:
    if host is not None:
        return host
    from ..plugins import default_host

    return default_host()


def get_generator(name: str = "default", host: PluginHost | None = None) -> CaseGenerator:
    """The case generator registered under ``name``."""
    generator: CaseGenerator = _host(host).lookup("register_case_generators", name,
                                                  _("case generator"))
    return generator


def get_rule(name: str = "default", host: PluginHost | None = None) -> EvidenceRule:
    """The evidence rule registered under ``name``."""
    rule: EvidenceRule = _host(host).lookup("register_evidence_rules", name, _("evidence rule"))
    return rule


def _check_units(scheme: Scheme, units: Iterable[str] | None) -> list[str]:
    known = [unit.code for unit in scheme.units]
    chosen = list(units) if units else known
    unknown = [code for code in chosen if code not in known]
    if unknown:
        raise CaseError(_("unknown unit(s) {codes}; the scheme {scheme} has: {known}",
                          codes=", ".join(unknown), scheme=scheme.code, known=", ".join(known)))
    if not any(True for _ref in scheme.iter_criteria(chosen)):
        raise CaseError(_("the chosen units have no KUK"))
    return [code for code in known if code in chosen]


def case_id(number: int) -> str:
    """The id of the ``number``-th case of a set: ``case-0001``, …"""
    return f"case-{number:04d}"


def _accepts(method: Any, name: str) -> bool:
    try:
        return name in inspect.signature(method).parameters
    except (TypeError, ValueError):  # pragma: no cover - builtins
        return False


def generate_case_set(scheme: Scheme, count: int = 1, seed: int = 0,
                      units: Iterable[str] | None = None, flaws: FlawRates | None = None,
                      language: str = "id", generator: str = "default", rule: str = "default",
                      host: PluginHost | None = None, options: CaseOptions | None = None,
                      integrity_rate: float | None = None,
                      time_limit_minutes: int | None = None,
                      ) -> list[tuple[Case, AnswerKey, FollowUps | None]]:
    """``count`` cases with their keys and what their follow-ups reveal (None where the
    generator prepares none); the same arguments give the same cases.

    ``integrity_rate`` is the share of cases carrying an integrity scenario (default
    :data:`~toolkit.cases.integrity.DEFAULT_INTEGRITY_RATE`); ``time_limit_minutes`` times
    every case (default: the scheme's ``settings.time_limit_minutes``)."""
    from .duties import add_duties

    if count < 1:
        raise CaseError(_("the number of cases must be 1 or more, not {count}", count=count))
    host = _host(host)
    chosen = _check_units(scheme, units)
    make = get_generator(generator, host)
    policy = get_rule(rule, host)
    extra = {"options": options} if options is not None and _accepts(
        make.generate, "options") else {}
    if options is not None and not extra and options != CaseOptions():
        raise CaseError(_("the case generator {name} takes no case options (k_share, "
                          "difficulty, problem_units)", name=generator))
    follows = _accepts(policy.derive, "follow_ups")
    made_set: list[tuple[Case, AnswerKey, FollowUps | None]] = []
    for number in range(1, count + 1):
        made: GeneratedCase = make.generate(scheme, case_id(number), seed, chosen,
                                            flaws or FlawRates(), language, **extra)
        if made.key is not None and isinstance(policy, DefaultRule) and policy.host in (
                None, host):
            key = made.key  # the generator derived it with this very rule
        else:
            key = (policy.derive(made.case, scheme, follow_ups=made.follow_ups) if follows
                   else policy.derive(made.case, scheme))
        key.flaws = made.flaws
        key.truly_met = made.truly_met
        key.criteria_flaws = {**key.criteria_flaws, **{
            k: sorted(set(key.criteria_flaws.get(k, [])) | set(v))
            for k, v in made.criteria_flaws.items()}}
        add_duties(made.case, key, scheme, seed, integrity_rate, time_limit_minutes, host)
        made_set.append((made.case, key, made.follow_ups))
    return made_set


def generate_cases(scheme: Scheme, count: int = 1, seed: int = 0,
                   units: Iterable[str] | None = None, flaws: FlawRates | None = None,
                   language: str = "id", generator: str = "default", rule: str = "default",
                   host: PluginHost | None = None,
                   options: CaseOptions | None = None, integrity_rate: float | None = None,
                   time_limit_minutes: int | None = None) -> list[tuple[Case, AnswerKey]]:
    """``count`` cases with their answer keys; the same arguments give the same cases."""
    return [(case, key) for case, key, _follow in generate_case_set(
        scheme, count, seed, units, flaws, language, generator, rule, host, options,
        integrity_rate, time_limit_minutes)]


def derive_key(case: Case, scheme: Scheme, rule: str = "default",
               overrides: Iterable[Override] | None = None,
               host: PluginHost | None = None, previous: AnswerKey | None = None,
               follow_ups: FollowUps | None = None) -> AnswerKey:
    """The answer key of ``case`` by ``rule``, then the lead assessor's ``overrides``.

    ``previous`` (an older key of the same case) hands on the generator's truth
    (planted flaws, KUK truly met) and, when ``overrides`` is None, its overrides;
    ``follow_ups`` decide the KUK where gathering more evidence was due.
    """
    if previous is not None and overrides is None:
        overrides = previous.overrides
    chosen = list(overrides or [])
    fixed: dict[str, Any] = {o.target.strip(): _parse_value(o.target.strip(), o.value)
                             for o in chosen}
    policy = get_rule(rule, host)
    key = (policy.derive(case, scheme, fixed, follow_ups=follow_ups)
           if follow_ups is not None and _accepts(policy.derive, "follow_ups")
           else policy.derive(case, scheme, fixed))
    from .duties import duty_keys, reference_declaration, reference_plan

    key.plan_key, key.integrity_key = duty_keys(case, scheme, host)
    key.plan = reference_plan(key.plan_key)
    key.integrity = reference_declaration(key.integrity_key)
    if previous is not None:
        key.flaws, key.truly_met = previous.flaws, previous.truly_met
        key.criteria_flaws = {**previous.criteria_flaws, **key.criteria_flaws}
    for override in chosen:
        key = apply_override(key, override)
    return key


def _parse_verdict(target: str, value: Any) -> str:
    text = str(value).strip().upper()
    if text not in VERDICTS:
        raise CaseError(_("override of {target}: the value must be K or BK, not {value!r}",
                          target=target, value=value))
    return text


def _parse_bool(target: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "ya", "1"):
        return True
    if text in ("false", "no", "tidak", "0"):
        return False
    raise CaseError(_("override of {target}: the value must be true or false, not {value!r}",
                      target=target, value=value))


def _parse_value(target: str, value: Any) -> str | bool:
    """K/BK for a KUK, unit or recommendation target; a boolean for an evidence rule."""
    if target.startswith("evidence/"):
        return _parse_bool(target, value)
    return _parse_verdict(target, value)


def normalize_override(key: AnswerKey, override: Override) -> Override:
    """``override`` with its value parsed (K/BK or a boolean); unknown targets raise."""
    target = override.target.strip()
    kind, _sep, rest = target.partition("/")
    known = ((kind == "criteria" and rest in key.criteria)
             or (kind == "units" and rest in key.units) or target == "recommendation" or (
                 kind == "evidence" and rest.rpartition("/")[0] in key.evidence
                 and rest.rpartition("/")[2] in EVIDENCE_RULES))
    if not known:
        raise CaseError(_("override target {target!r} is not in the key of {case}; use "
                          "criteria/<KUK id>, evidence/<item id>/<valid|authentic|current|"
                          "sufficient>, units/<unit code> or recommendation",
                          target=target, case=key.case))
    value = _parse_value(target, override.value)
    if not override.note.strip():
        raise CaseError(_("override of {target}: a note saying why is required",
                          target=target))
    return override.model_copy(update={"target": target, "value": value})


def apply_override(key: AnswerKey, override: Override) -> AnswerKey:
    """A copy of ``key`` with ``override`` applied and recorded (replacing one on the same target).

    A changed KUK re-aggregates its unit and the recommendation, a changed unit
    the recommendation — unless those are overridden themselves. (A changed
    evidence item changes only that item here; :func:`derive_key` lets the rule
    carry it on to the KUK.)
    """
    override = normalize_override(key, override)
    new = key.model_copy(deep=True)
    target, value = override.target, override.value
    new.overrides = [o for o in new.overrides if o.target != target] + [override]
    pinned = {o.target for o in new.overrides}
    reason = L.gettext("lead assessor's override: {note}", note=override.note)
    kind, _sep, rest = target.partition("/")
    if kind == "evidence":
        item, _sep, rule = rest.rpartition("/")
        setattr(new.evidence[item], rule, value)
        new.reasons.evidence[item] = reason
        return new
    if kind == "criteria":
        new.criteria[rest] = value  # type: ignore[assignment]
        new.reasons.criteria[rest] = reason
        unit = rest.rpartition("/")[0]
        if unit in new.units and f"units/{unit}" not in pinned:
            new.units[unit] = unit_verdict(new.criteria, unit)
            new.reasons.units[unit] = unit_reason(new.criteria, unit)
    elif kind == "units":
        new.units[rest] = value  # type: ignore[assignment]
        new.reasons.units[rest] = reason
    if target == "recommendation":
        new.recommendation = value  # type: ignore[assignment]
        new.reasons.recommendation = reason
    elif "recommendation" not in pinned:
        new.recommendation = recommendation(new.units)
        new.reasons.recommendation = recommendation_reason(new.units)
    return new


__all__ = [
    "EVIDENCE_RULES",
    "apply_override",
    "case_id",
    "derive_key",
    "generate_case_set",
    "generate_cases",
    "get_generator",
    "get_rule",
    "normalize_override",
]
