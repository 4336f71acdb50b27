"""Planning the assessment (FR.MAPA.01): the acceptable plan of a case, and scoring a plan.

:func:`plan_key` derives from the case what an acceptable plan holds, with the
alternatives that are also right and why (Indonesian and English):

* **route** — from the asesi's profile: a fresh graduate (no work history, no work
  portfolio) is assessed by *uji kompetensi*; an experienced worker whose portfolio backs
  at least half of the KUK may take *asesmen portofolio* (preferred) or *uji kompetensi*
  (also right: it is open to every asesi); an experienced worker with a thin portfolio
  takes *uji kompetensi*;
* **TUK** — the scheme's ``settings.tuk`` first when set; *sewaktu* and *mandiri* fit
  every asesi, *tempat kerja* only one who is employed now;
* per unit the **methods** — one method for each evidence class the case holds for the
  unit (the portfolio's TL → portfolio verification or third-party check; observation
  notes, L → observation or demonstration; answers, T → oral or written questions), any
  of them, and questions (always fitting, as supplementary evidence); the **instruments**
  are the FR.IA forms of the methods (:data:`METHOD_INSTRUMENTS`).

:func:`plan_checks` compares a trainee's :class:`~toolkit.cases.duties_model.AssessmentPlan`
with the key and explains each check in the report's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import _
from .duties_model import (
    METHOD_CLASS,
    METHODS,
    AssessmentPlan,
    Method,
    PlanKey,
    PlanOption,
    UnitPlanKey,
)
from .model import Case, EvidenceItem, EvidenceKind
from .texts import in_all_languages as L

if TYPE_CHECKING:
    from ..scheme import Scheme
    from ..score_parts import Check

#: The evidence class each method yields (L langsung, TL tidak langsung, T tambahan).
METHOD_EVIDENCE: dict[str, str] = dict(METHOD_CLASS)
#: The instruments (FR.IA forms) of each method.
METHOD_INSTRUMENTS: dict[str, tuple[str, ...]] = {
    "observasi": ("FR.IA.01", "FR.IA.03"),
    "demonstrasi": ("FR.IA.02",),
    "tertulis": ("FR.IA.05", "FR.IA.06"),
    "lisan": ("FR.IA.07",),
    "portofolio": ("FR.IA.08", "FR.IA.09"),
    "pihak_ketiga": ("FR.IA.10",),
}
#: The instruments a plan may pick, in form order.
PLAN_INSTRUMENTS: tuple[str, ...] = tuple(sorted({i for v in METHOD_INSTRUMENTS.values()
                                                  for i in v}))
#: Evidence kinds of a work portfolio (not the assessor's own notes or answers).
PORTFOLIO_KINDS = frozenset({
    EvidenceKind.CERTIFICATE, EvidenceKind.WORK_SAMPLE, EvidenceKind.LOG,
    EvidenceKind.THIRD_PARTY_REPORT, EvidenceKind.PROJECT_REPORT,
    EvidenceKind.EMPLOYMENT_LETTER})
#: Share of KUK the portfolio must back for the portfolio route.
PORTFOLIO_SHARE = 0.5
_CLASS_METHODS: dict[str, tuple[Method, ...]] = {
    cls: tuple(m for m in METHODS if METHOD_CLASS[m] == cls) for cls in ("L", "TL", "T")}


def _item_class(item: EvidenceItem) -> str:
    if item.evidence_class:
        return item.evidence_class
    if item.kind == EvidenceKind.OBSERVATION_NOTE:
        return "L"
    if item.kind == EvidenceKind.WRITTEN_ANSWER:
        return "T"
    return "TL"


def unit_classes(case: Case, unit: str) -> list[str]:
    """The evidence classes (L, TL, T) the case holds for ``unit``, in that order."""
    found: set[str] = set()
    for item in case.evidence:
        if any(k.rpartition("/")[0] == unit for k in item.claims):
            found.add(_item_class(item))
    if any(o.criterion.rpartition("/")[0] == unit for o in case.observations):
        found.add("L")
    if any(a.criterion.rpartition("/")[0] == unit for a in case.answers):
        found.add("T")
    return [cls for cls in ("L", "TL", "T") if cls in found]


def _portfolio_share(case: Case) -> tuple[int, int, int]:
    """(portfolio documents, KUK they back, KUK of the case)."""
    units = set(case.units)
    kuks = ({c.criterion for c in case.self_assessment} | {o.criterion for o in case.observations}
            | {a.criterion for a in case.answers}
            | {k for item in case.evidence for k in item.claims})
    kuks = {k for k in kuks if k.rpartition("/")[0] in units}
    docs = [item for item in case.evidence if item.kind in PORTFOLIO_KINDS]
    backed = {k for item in docs for k in item.claims} & kuks
    return len(docs), len(backed), len(kuks)


def _routes(case: Case) -> list[PlanOption]:
    years = case.asesi.experience_years
    docs, backed, total = _portfolio_share(case)
    fresh = years < 1 and not case.asesi.employment
    uji = PlanOption(value="uji_kompetensi", why=L.gettext(
        "uji kompetensi is open to every asesi: the KUK are observed or demonstrated in the "
        "TUK, with questions"))
    if fresh or docs == 0:
        return [uji.model_copy(update={"why": L.gettext(
            "a fresh graduate without a work portfolio: uji kompetensi (observation or "
            "demonstration in the TUK) shows the competence")})]
    if total and backed / total >= PORTFOLIO_SHARE:
        return [PlanOption(value="portofolio", why=L.gettext(
            "{years} year(s) of work and {docs} portfolio documents backing {backed} of "
            "{total} KUK: asesmen portofolio verifies what the asesi already does",
            years=years, docs=docs, backed=backed, total=total)), uji]
    return [uji.model_copy(update={"why": L.gettext(
        "the portfolio backs only {backed} of {total} KUK: too thin for asesmen "
        "portofolio; uji kompetensi", backed=backed, total=total)})]


def _tuk(case: Case, scheme: Scheme | None) -> list[PlanOption]:
    employed = bool(case.asesi.employment) and case.asesi.employment[-1].end is None
    options = [PlanOption(value="sewaktu", why=L.gettext(
        "TUK sewaktu: a place set up for the assessment fits every asesi"))]
    if employed:
        options.insert(0, PlanOption(value="tempat_kerja", why=L.gettext(
            "the asesi works at {employer} now: the workplace is the most valid TUK",
            employer=case.asesi.employment[-1].employer)))
    options.append(PlanOption(value="mandiri", why=L.gettext(
        "TUK mandiri: a verified independent venue fits every asesi")))
    chosen = ""
    if scheme is not None:
        chosen = str(scheme.effective_settings().model_dump().get("tuk") or "").strip().lower()
    for number, option in enumerate(options):
        if option.value == chosen.replace(" ", "_"):
            options.insert(0, options.pop(number))
    return options


def _unit(case: Case, unit: str) -> UnitPlanKey:
    classes = unit_classes(case, unit)
    required = [list(_CLASS_METHODS[cls]) for cls in classes]
    acceptable = [m for m in METHODS if METHOD_CLASS[m] in classes or METHOD_CLASS[m] == "T"]
    instruments = sorted({i for m in acceptable for i in METHOD_INSTRUMENTS[m]})
    return UnitPlanKey(required_methods=required, acceptable_methods=acceptable,
                       instruments=instruments, why=L.gettext(
                           "the case holds evidence of class(es) {classes} for this unit: plan "
                           "one method for each", classes=", ".join(classes) or "-"))


def plan_key(case: Case, scheme: Scheme | None = None) -> PlanKey:
    """The acceptable plan of ``case``: routes and TUK types (first preferred), per unit."""
    return PlanKey(routes=_routes(case), tuk=_tuk(case, scheme),
                   units={unit: _unit(case, unit) for unit in case.units})


def route_labels(lang: str | None = None) -> dict[str, str]:
    """The printed name of each assessment route."""
    return {"portofolio": _("portfolio assessment (asesmen portofolio)", lang=lang),
            "uji_kompetensi": _("competency test (uji kompetensi)", lang=lang)}


def tuk_labels(lang: str | None = None) -> dict[str, str]:
    """The printed name of each TUK type."""
    return {"sewaktu": _("TUK sewaktu", lang=lang),
            "tempat_kerja": _("TUK tempat kerja (workplace)", lang=lang),
            "mandiri": _("TUK mandiri", lang=lang)}


def method_labels(lang: str | None = None) -> dict[str, str]:
    """The printed name of each assessment method."""
    return {"observasi": _("observation", lang=lang),
            "demonstrasi": _("demonstration", lang=lang),
            "tertulis": _("written questions", lang=lang),
            "lisan": _("oral questions", lang=lang),
            "portofolio": _("portfolio verification", lang=lang),
            "pihak_ketiga": _("third-party report", lang=lang)}


def _why(option: PlanOption, lang: str) -> str:
    return option.why.get(lang) or option.why.get("id", "")


def _choice_check(kind: str, given: str | None, options: list[PlanOption],
                  lang: str) -> Check:
    from ..score_parts import Check

    names = route_labels() if kind == "route" else tuk_labels()
    accepted = [names.get(o.value, o.value) for o in options]
    if not given:
        why = (_("no assessment route chosen; accepted: {accepted}", accepted=", ".join(accepted))
               if kind == "route" else
               _("no TUK type chosen; accepted: {accepted}", accepted=", ".join(accepted)))
        return Check(id=f"plan.{kind}", met=False, why=why)
    for option in options:
        if option.value == given:
            others = [names.get(o.value, o.value) for o in options if o.value != given]
            why = _why(option, lang)
            if others:
                why += " " + _("(also right: {others})", others=", ".join(others))
            return Check(id=f"plan.{kind}", met=True, why=why)
    return Check(id=f"plan.{kind}", met=False, why=_(
        "{given} does not fit this asesi; accepted: {accepted} — {why}",
        given=names.get(given, given),
        accepted=", ".join(accepted), why=_why(options[0], lang) if options else ""))


def plan_checks(key: PlanKey, plan: AssessmentPlan | None, lang: str) -> list[Check]:
    """Each check of ``plan`` against ``key``: route, TUK, per unit methods and instruments."""
    from ..score_parts import Check

    if plan is None:
        return [Check(id="plan.given", met=False,
                      why=_("no assessment plan (FR.MAPA.01) given"))]
    checks = [_choice_check("route", plan.route, key.routes, lang),
              _choice_check("tuk", plan.tuk, key.tuk, lang)]
    for unit, expected in key.units.items():
        given = plan.units.get(unit)
        methods = list(given.methods) if given else []
        missing = [group for group in expected.required_methods
                   if not set(group) & set(methods)]
        extra = [m for m in methods if m not in expected.acceptable_methods]
        if not methods:
            why = _("no method planned for unit {unit}", unit=unit)
        elif missing or extra:
            named = method_labels()
            parts = [_("needs one of: {methods}",
                       methods=" / ".join(named.get(m, m) for m in group)) for group in missing]
            parts += [_("{method} does not fit the evidence of this case",
                        method=named.get(m, m)) for m in extra]
            why = "; ".join(parts)
        else:
            why = expected.why.get(lang) or expected.why.get("id", "")
        checks.append(Check(id=f"plan.methods.{unit}", met=bool(methods) and not missing
                            and not extra, why=f"{unit}: {why}" if methods else why))
        chosen = list(given.instruments) if given else []
        lacking = [m for m in methods if not set(METHOD_INSTRUMENTS.get(m, ())) & set(chosen)]
        wrong = [i for i in chosen if i not in expected.instruments]
        if not chosen:
            why = _("no instrument chosen for unit {unit}", unit=unit)
        elif lacking or wrong:
            parts = [_("{method} needs its instrument: {forms}", method=method_labels().get(m, m),
                       forms=" / ".join(METHOD_INSTRUMENTS[m])) for m in lacking]
            parts += [_("{form} does not fit the methods this case needs", form=i)
                      for i in wrong]
            why = "; ".join(parts)
        else:
            why = _("instruments fit the methods: {forms}", forms=", ".join(chosen))
        checks.append(Check(id=f"plan.instruments.{unit}", met=bool(chosen) and not lacking
                            and not wrong, why=f"{unit}: {why}" if chosen else why))
    return checks


__all__ = [
    "METHOD_EVIDENCE",
    "METHOD_INSTRUMENTS",
    "PLAN_INSTRUMENTS",
    "PORTFOLIO_KINDS",
    "method_labels",
    "plan_checks",
    "plan_key",
    "route_labels",
    "tuk_labels",
    "unit_classes",
]
