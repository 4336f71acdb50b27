"""The assessment record (rekaman asesmen) of a trainee's judgement, as filled forms.

:func:`build_record` fills, from the same instrument plugins and templates as the blank
forms (:mod:`toolkit.instruments`) and through the same exporters (HTML and DOCX):

* **FR.MAPA.01** — the trainee's plan: the approach ticked (candidate, environment,
  relation to the evidence), per unit the evidence types and methods (the plan's methods
  as bank instrument codes) and the instruments chosen;
* **FR.AK.01** — the planned evidence and the trainee's conflict-of-interest declaration;
* **FR.IA.01** — per KUK tercapai / belum tercapai and *penilaian lanjut*, and the
  "Umpan balik untuk asesi";
* **FR.IA.08** — one row per portfolio document with Valid / Asli / Terkini / Memadai as
  judged;
* **FR.AK.02** — per unit the trainee's decision and the evidence types used, the
  recommendation, the tindak lanjut and the komentar.

The values go in as :class:`~toolkit.instruments.fill.FormValues` (plain text: the exporters
escape it). File names are ``FR.AK.02.html``, ``FR.AK.02.docx``, ….
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from .cases.duties_model import AssessmentPlan
from .cases.model import AnswerKey, Case, EvidenceKind, Judgement
from .cases.plan import PORTFOLIO_KINDS, method_labels, route_labels, tuk_labels
from .duties_scoring import ak02_rows
from .i18n import _, language, normalize_language
from .instruments import AssessmentDetails, InstrumentBank, UnitBank, get_instrument
from .instruments.fill import FormValues, fill_document
from .instruments.model import Field, Fields, FormDocument, Text
from .instruments.templates import DEFAULT_VERSION, pick
from .scheme import Scheme

if TYPE_CHECKING:
    from .plugins import PluginHost

#: The plan's methods as the bank's instrument codes (FR.MAPA.02).
BANK_METHODS: dict[str, str] = {"observasi": "CL", "demonstrasi": "TPD", "tertulis": "DPT",
                                "lisan": "DPL", "portofolio": "CVP", "pihak_ketiga": "VPK"}
#: The bank codes standing for each evidence class, when no plan says which.
CLASS_METHODS: dict[str, tuple[str, ...]] = {"L": ("CL",), "TL": ("CVP",), "T": ("DPL",)}
_CLASS_OF = {"CL": "L", "TPD": "L", "DPT": "T", "DPL": "T", "CVP": "TL", "VPK": "TL"}
RECORD_FORMS: tuple[str, ...] = ("FR.MAPA.01", "FR.AK.01", "FR.IA.01", "FR.IA.08", "FR.AK.02")


def portfolio_documents(case: Case) -> list:
    """The case's portfolio documents (what FR.IA.08 verifies), in case order."""
    return [item for item in case.evidence if item.kind in PORTFOLIO_KINDS
            or item.kind == EvidenceKind.CV_ENTRY]


def _decision(verdict: str) -> str:
    return _("Competent (K)") if verdict == "K" else _("Not yet competent (BK)")


def _plan_bank(plan: AssessmentPlan | None, units: list[str],
               classes: dict[str, list[str]] | None = None) -> InstrumentBank:
    """A bank whose methods per unit are the plan's (or, for AK.02, the evidence used)."""
    bank = InstrumentBank(settings={"tuk": (plan.tuk if plan and plan.tuk else "")})
    for unit in units:
        chosen = [BANK_METHODS[m] for m in (plan.units[unit].methods
                                            if plan and unit in plan.units else [])]
        if classes is not None:
            used = classes.get(unit, [])
            chosen = [m for m in chosen if _CLASS_OF[m] in used]
            chosen += [m for cls in used if not any(_CLASS_OF[c] == cls for c in chosen)
                       for m in CLASS_METHODS[cls]]
        bank.units[unit] = UnitBank(methods=sorted(set(chosen)))  # type: ignore[arg-type]
    return bank


def _choice(template: object, ident: str, lang: str) -> str:
    for entry in template.entries("approach"):  # type: ignore[attr-defined]
        for choice in entry.get("choices") or []:
            if choice.get("id") == ident:
                return pick(choice, lang)
    return ""


def _mapa01(case: Case, judgement: Judgement, template: object, lang: str) -> FormValues:
    plan = judgement.plan or AssessmentPlan()
    experienced = case.asesi.experience_years >= 1 or bool(case.asesi.employment)
    ticks = [_choice(template, "Pekerja berpengalaman" if experienced
                     else "Hasil pelatihan dan / atau pendidikan", lang),
             _choice(template, "Sertifikasi", lang)]
    if plan.tuk:
        ticks.append(_choice(template, "Tempat kerja nyata" if plan.tuk == "tempat_kerja"
                             else "Tempat kerja simulasi", lang))
    if plan.route:
        ticks.append(_choice(template, "Bukti untuk mendukung asesmen / RPL"
                             if plan.route == "portofolio"
                             else "Aktivitas kerja di tempat kerja Asesi", lang))
    cells = {unit: {"evidence": ", ".join(p.instruments)} for unit, p in plan.units.items()}
    route, tuk, methods = route_labels(), tuk_labels(), method_labels()
    summary = Fields([
        Field(_("Assessment route"), route.get(plan.route or "", "-")),
        Field(_("TUK type"), tuk.get(plan.tuk or "", "-")),
        *(Field(unit, "; ".join(filter(None, [", ".join(methods.get(m, m) for m in p.methods),
                                              ", ".join(p.instruments)])))
          for unit, p in plan.units.items())], caption=_("The trainee's plan"))
    return FormValues(cells={"plan": cells}, ticks=[t for t in ticks if t],
                      blocks=[Text(_("The trainee's plan"), "heading"), summary])


def _declaration(case: Case, judgement: Judgement) -> list:
    declared = judgement.integrity
    acts = {"proceed": _("proceed"), "proceed_disclosed": _("proceed with disclosure"),
            "decline": _("decline and hand over")}
    if declared is None or declared.conflict is None:
        conflict = _("not declared")
    elif declared.conflict:
        conflict = _("I declare a conflict of interest")
    else:
        conflict = _("I declare that I have no conflict of interest")
    fields = [Field(_("Declaration"), conflict),
              Field(_("Act"), acts.get(declared.act or "", "-") if declared else "-")]
    if declared is not None and declared.note.strip():
        fields.append(Field(_("Note"), declared.note))
    if case.integrity is not None:
        fields.append(Field(_("Situation"), case.integrity.text))
    return [Text(_("Declaration of conflict of interest"), "heading"), Fields(fields)]


def _ia01(key: AnswerKey | None, judgement: Judgement, columns: set[str]) -> FormValues:
    yes, no = ("ya", "tidak") if "ya" in columns else ("k", "bk")
    cells: dict[str, dict[str, str]] = {}
    for kuk, verdict in judgement.criteria.items():
        cells[kuk] = {yes if verdict == "K" else no: "√"}
    for kuk in judgement.follow_ups:
        cells.setdefault(kuk, {})["further"] = "√"
    return FormValues(cells={"observation": cells}, fields={"feedback": judgement.feedback})


def _ia08(case: Case, judgement: Judgement) -> FormValues:
    rows = []
    marks = {True: ("√", ""), False: ("", "√"), None: ("", "")}
    for number, item in enumerate(portfolio_documents(case), start=1):
        verdict = judgement.evidence.get(item.id)
        cells = {"num": f"{number}.", "document": f"{item.id}. {item.title}",
                 "ref": item.id}
        for prefix, rule in (("v", "valid"), ("a", "authentic"), ("t", "current"),
                             ("m", "sufficient")):
            ya, tidak = marks[getattr(verdict, rule) if verdict else None]
            cells[f"{prefix}_ya"], cells[f"{prefix}_tidak"] = ya, tidak
        rows.append(cells)
    return FormValues(rows={"portfolio": rows})


def _ak02(scheme: Scheme, case: Case, key: AnswerKey, judgement: Judgement) -> FormValues:
    titles = {unit.code: unit.title for unit in scheme.units}
    cells = {row.unit: {"unit": f"{row.unit}\n{titles.get(row.unit, '')}\n"
                                f"{_('Decision')}: {_decision(row.decision)}"}
             for row in ak02_rows(case, key, judgement)}
    bk = [u for u, v in judgement.units.items() if v == "BK"]
    recommendation = _decision(judgement.recommendation) + (
        " — " + _("BK unit(s): {units}", units=", ".join(bk)) if bk else "")
    return FormValues(cells={"record": cells}, fields={
        "recommendation": recommendation, "follow_up": judgement.next_steps,
        "comments": judgement.comments})


def _docx_bytes(document: FormDocument) -> bytes:
    from .exporters.docx import build_docx

    buffer = io.BytesIO()
    build_docx(document).save(buffer)
    return buffer.getvalue()


def record_documents(scheme: Scheme, case: Case, judgement: Judgement, *, lang: str,
                     key: AnswerKey | None = None, template: str = DEFAULT_VERSION,
                     host: PluginHost | None = None, assessor: str = "",
                     ) -> dict[str, FormDocument]:
    """The filled forms of the record, by form code."""
    lang = normalize_language(lang)
    reference = key or AnswerKey(case=case.id, units=dict.fromkeys(case.units, "BK"))
    units = [u for u in case.units if u in {unit.code for unit in scheme.units}]
    details = AssessmentDetails(date=case.assessment_date.isoformat(),
                                candidate=case.asesi.name, assessor=assessor,
                                tuk_kind=judgement.plan.tuk if judgement.plan and
                                judgement.plan.tuk else "")
    classes = {row.unit: row.classes for row in ak02_rows(case, reference, judgement)}
    banks = {"FR.AK.02": _plan_bank(judgement.plan, units, classes)}
    documents: dict[str, FormDocument] = {}
    with language(lang):
        for code in RECORD_FORMS:
            instrument = get_instrument(code, host)
            layout = instrument.layout(template)
            bank = banks.get(code) or _plan_bank(judgement.plan, units)
            [blank, *_rest] = instrument.generate(scheme, units, bank, details,
                                                  template=template, lang=lang)
            if code == "FR.MAPA.01":
                values = _mapa01(case, judgement, layout, lang)
            elif code == "FR.AK.01":
                values = FormValues(blocks=_declaration(case, judgement))
            elif code == "FR.IA.01":
                columns = {c.key for t in blank.tables("observation") for c in t.columns}
                values = _ia01(key, judgement, columns)
            elif code == "FR.IA.08":
                values = _ia08(case, judgement)
            else:
                values = _ak02(scheme, case, reference, judgement)
            documents[code] = fill_document(blank, values, layout)
    return documents


def build_record(scheme: Scheme, case: Case, judgement: Judgement, *, lang: str,
                 key: AnswerKey | None = None, template: str = DEFAULT_VERSION,
                 host: PluginHost | None = None, assessor: str = "") -> dict[str, bytes]:
    """The record as files: name (``FR.AK.02.html``, ``FR.AK.02.docx``, …) → bytes."""
    from .exporters.html import render_html

    files: dict[str, bytes] = {}
    for code, document in record_documents(scheme, case, judgement, lang=lang, key=key,
                                           template=template, host=host,
                                           assessor=assessor).items():
        files[f"{code}.html"] = render_html(document).encode("utf-8")
        files[f"{code}.docx"] = _docx_bytes(document)
    return files


__all__ = ["BANK_METHODS", "RECORD_FORMS", "build_record", "portfolio_documents",
           "record_documents"]
