"""Task, portfolio and review instruments: FR.IA.02, IA.04A/B, IA.08, IA.09, IA.10, IA.11.

Scenarios, project briefs and questions come from the instrument bank only; a
unit the bank has nothing for gets a placeholder that says so.
"""

from __future__ import annotations

from .base import UNCHECKED, FormContext, Instrument
from .forms_ia import question_table
from .model import Field, Fields, FormDocument, Row, Table, Text


def _all_unit_fields(ctx: FormContext) -> list[Fields]:
    return [ctx.unit_fields(unit) for unit in ctx.units]


def build_ia02(ctx: FormContext) -> list[FormDocument]:
    """A Petunjuk, B Skenario (equipment, time) from the bank, C Langkah kerja per unit."""
    blocks: list = [*_all_unit_fields(ctx), Text(ctx.t("instructions"), "heading")]
    blocks += [Text(f"{n}. {line}") for n, line in enumerate(ctx.items("instructions"), 1)]
    blocks.append(Text(ctx.t("scenario"), "heading"))
    tasks = [(unit, ctx.bank.unit(unit.code).demonstration) for unit in ctx.units]
    equipment: list[str] = []
    times: list[str] = []
    for unit, task in tasks:
        if task is None:
            continue
        blocks.append(Text(f"{unit.code}: {task.scenario}"))
        equipment += [item for item in task.equipment if item not in equipment]
        times += [task.time] if task.time else []
    if not any(task for _unit, task in tasks):
        blocks.append(Text(ctx.t("no_scenario"), "note"))
    blocks += [Text(ctx.t("perform")),
               Fields([Field(ctx.t("equipment"), "; ".join(equipment)),
                       Field(ctx.t("time"), "; ".join(times))]),
               Text(ctx.t("steps"), "heading")]
    for intro, unit, _number in ctx.unit_sections():
        table = Table("steps", ctx.columns("steps"))
        task = ctx.bank.unit(unit.code).demonstration
        for number, step in enumerate(task.steps if task else [], start=1):
            table.rows.append(Row({"num": str(number), "step": step.text,
                                   "kuk": ", ".join(step.kuk)}, ref=unit.code))
        if not table.rows:
            ctx.placeholder(table, "no_content")
        blocks += [*intro, table]
    return [ctx.document(blocks)]


def build_ia04a(ctx: FormContext) -> list[FormDocument]:
    """Per Kelompok Pekerjaan: its units, the project brief and expected output from the bank."""
    blocks: list = ctx.guide()
    for index, (name, units) in enumerate(ctx.groups(), start=1):
        caption = f"{ctx.t('job_group')} {index}" + (f": {name}" if name else "")
        unit_table = Table("units", ctx.columns("units"), caption=caption)
        brief = Table("brief", ctx.columns("brief"))
        for number, unit in enumerate(units, start=1):
            unit_table.rows.append(Row({"num": str(number), "code": unit.code,
                                        "title": unit.title}, ref=unit.code))
            project = ctx.bank.unit(unit.code).project
            if project:
                brief.rows.append(Row({"brief": f"{unit.code}: {project.brief}",
                                       "output": project.output}, ref=unit.code))
        if not brief.rows:
            ctx.placeholder(brief, "no_content")
        blocks += [unit_table, brief, Fields([Field(ctx.t("feedback"), "")])]
    return [ctx.document(blocks)]


def build_ia04b(ctx: FormContext) -> list[FormDocument]:
    """The presentation questions (bank kind ``project``) × scope × fit, Pencapaian Ya/Tidak."""
    blocks: list = ctx.guide()
    table = Table("assessment", ctx.columns("assessment"))
    for unit in ctx.units:
        project = ctx.bank.unit(unit.code).project
        for number, question in enumerate(ctx.bank.questions(unit.code, "project"), start=1):
            kuk = f"{unit.code} {ctx.t('kuk_word')} {', '.join(question.kuk)}".strip()
            table.rows.append(Row({
                "scope": f"{number}. {project.scope}" if project and project.scope else "",
                "question": f"{question.text}\n{ctx.t('response')}", "fit": kuk},
                ref=unit.code))
    if not table.rows:
        ctx.placeholder(table)
    blocks += [table, Fields([Field(ctx.t("recommendation"), ctx.t("recommendation_value"))])]
    return [ctx.document(blocks)]


def build_ia08(ctx: FormContext) -> list[FormDocument]:
    """Portfolio documents × VATM Ya/Tidak, elements to clarify in interview, recommendation."""
    blocks: list = [*ctx.guide(), *_all_unit_fields(ctx)]
    portfolio = Table("portfolio", ctx.columns("portfolio"), caption=ctx.t("rules"))
    for number in range(1, int(ctx.template.setting("blank_rows") or 3) + 1):
        portfolio.rows.append(Row({"num": f"{number}."}))
    clarify = Table("clarify", ctx.columns("clarify"), caption=ctx.t("clarify"))
    for unit in ctx.units:
        for e_number, element in enumerate(unit.elements, start=1):
            kuk = ", ".join(f"{e_number}.{k}" for k in range(1, len(element.criteria) + 1))
            clarify.rows.append(Row({"check": UNCHECKED, "element": f"{e_number}. {element.title}",
                                     "kuk": f"{unit.code} {ctx.t('kuk_word')} {kuk}"},
                                    ref=f"{unit.code}/{e_number}"))
    blocks += [portfolio, clarify, Fields([Field(ctx.t("more_evidence"), ""),
                                           Field(ctx.t("recommendation"),
                                                 ctx.t("recommendation_value"))])]
    return [ctx.document(blocks)]


def build_ia09(ctx: FormContext) -> list[FormDocument]:
    """Interview questions per unit from the bank (kind ``interview``)."""
    blocks: list = ctx.guide()
    for intro, unit, _number in ctx.unit_sections():
        blocks += [*intro, question_table(ctx, unit.code, "interview", with_answer=False)]
    return [ctx.document(blocks)]


def build_ia10(ctx: FormContext) -> list[FormDocument]:
    """Supervisor identity, the standard Ya/Tdk questions plus the bank's, relation, comments."""
    blocks: list = [*ctx.guide(), Fields([Field(line) for line in ctx.items("supervisor")])]
    standard = ctx.items("items")
    for intro, unit, _number in ctx.unit_sections():
        table = Table("questions", ctx.columns("questions"))
        extra = [q.text for q in ctx.bank.questions(unit.code, "third_party")]
        for number, text in enumerate([*standard, *extra], start=1):
            table.rows.append(Row({"num": str(number), "question": text}, ref=unit.code))
        blocks += [*intro, table]
    blocks.append(Fields([Field(line) for line in ctx.items("relation")]))
    return [ctx.document(blocks)]


def build_ia11(ctx: FormContext) -> list[FormDocument]:
    """The pre-use review of an instrument: eight Ya/Tidak items with comments."""
    blocks: list = [*ctx.guide(), *_all_unit_fields(ctx)]
    table = Table("review", ctx.columns("review"))
    for number, item in enumerate(ctx.items("items"), start=1):
        table.rows.append(Row({"num": str(number), "item": item}))
    blocks.append(table)
    return [ctx.document(blocks)]


INSTRUMENTS = [
    Instrument("FR.IA.02", build_ia02, ("scheme", "units", "bank", "details"), "IA"),
    Instrument("FR.IA.04A", build_ia04a, ("scheme", "units", "bank", "details"), "IA"),
    Instrument("FR.IA.04B", build_ia04b, ("scheme", "units", "bank", "details"), "IA"),
    Instrument("FR.IA.08", build_ia08, ("scheme", "units", "details"), "IA"),
    Instrument("FR.IA.09", build_ia09, ("scheme", "units", "bank", "details"), "IA"),
    Instrument("FR.IA.10", build_ia10, ("scheme", "units", "bank", "details"), "IA"),
    Instrument("FR.IA.11", build_ia11, ("scheme", "units", "details"), "IA"),
]

__all__ = ["INSTRUMENTS", "build_ia02", "build_ia04a", "build_ia04b", "build_ia08", "build_ia09",
           "build_ia10", "build_ia11"]
