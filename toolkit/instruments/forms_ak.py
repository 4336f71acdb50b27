"""Decision and record forms: FR.AK.01, AK.02, AK.03 and AK.05."""

from __future__ import annotations

from .base import CHECKED, UNCHECKED, FormContext, Instrument
from .model import Field, Fields, FormDocument, Row, Table, Text
from .templates import pick


def build_ak01(ctx: FormContext) -> list[FormDocument]:
    """Planned evidence (ticked from the bank's chosen methods), agreed date/TUK, statements."""
    chosen = ctx.bank.methods([unit.code for unit in ctx.units])
    blocks: list = [Text(ctx.t("intro")), Text(ctx.t("evidence_title"), "heading")]
    for entry in ctx.template.entries("evidence"):
        mark = CHECKED if chosen & set(entry.get("methods") or []) else UNCHECKED
        blocks.append(Text(f"{mark} {pick(entry, ctx.lang)}", "guide"))
    agreed = ctx.t("agreed")
    blocks.append(Fields([Field(ctx.t("day_date"), ctx.details.date, agreed),
                          Field(ctx.t("time"), "", agreed),
                          Field(ctx.t("tuk"), ctx.tuk_value(), agreed)]))
    blocks += [Text(ctx.t(key)) for key in
               ("candidate_statement", "assessor_statement", "consent_statement")]
    return [ctx.document(blocks)]


def build_ak02(ctx: FormContext) -> list[FormDocument]:
    """Per unit × evidence source (ticked from the bank's methods), recommendation, follow-up."""
    blocks: list = [Text(line, "guide") for line in ctx.items("guide")]
    table = Table("record", ctx.columns("record"))
    columns = ctx.template.setting("method_columns") or {}
    for intro, unit, _number in ctx.unit_sections():
        heading = next((b.text for b in intro if isinstance(b, Text)), "")
        if heading:
            table.rows.append(Row(kind="group", text=heading))
        cells = {"unit": f"{unit.code}\n{unit.title}"}
        for method in ctx.bank.methods([unit.code]):
            if method in columns:
                cells[columns[method]] = "√"
        table.rows.append(Row(cells, ref=unit.code))
    blocks += [table, Fields([
        Field(ctx.t("recommendation"), ctx.t("recommendation_value")),
        Field(ctx.t("follow_up"), ""), Field(ctx.t("comments"), "")])]
    return [ctx.document(blocks)]


def build_ak03(ctx: FormContext) -> list[FormDocument]:
    """Ten Ya/Tidak items the asesi answers about the process, then comments."""
    blocks: list = [Text(line, "guide") for line in ctx.items("guide")]
    table = Table("feedback", ctx.columns("feedback"))
    for number, item in enumerate(ctx.items("items"), start=1):
        table.rows.append(Row({"num": str(number), "item": item}))
    blocks += [table, Fields([Field(ctx.t("other"), "")])]
    return [ctx.document(blocks)]


def build_ak05(ctx: FormContext) -> list[FormDocument]:
    """The batch report: one row per asesi (blank rows to fill), aspects, refusals, notes."""
    table = Table("report", ctx.columns("report"))
    names = [ctx.details.candidate] if ctx.details.candidate else []
    blank = int(ctx.t("blank_rows") or 0)
    for number in range(1, max(len(names), blank) + 1):
        name = names[number - 1] if number <= len(names) else ""
        table.rows.append(Row({"num": str(number), "candidate": name}))
    units = "; ".join(f"{unit.code} {unit.title}" for unit in ctx.units)
    blocks: list = [Fields([Field(ctx.t("unit"), units)]), table, Text(ctx.t("note"), "note"),
                    Fields([Field(ctx.t(key), "") for key in
                            ("aspects", "refusals", "improvements", "notes")])]
    return [ctx.document(blocks)]


INSTRUMENTS = [
    Instrument("FR.AK.01", build_ak01, ("scheme", "units", "bank", "details"), "AK"),
    Instrument("FR.AK.02", build_ak02, ("scheme", "units", "bank", "details"), "AK"),
    Instrument("FR.AK.03", build_ak03, ("scheme", "details"), "AK"),
    Instrument("FR.AK.05", build_ak05, ("scheme", "units", "details"), "AK"),
]

__all__ = ["INSTRUMENTS", "build_ak01", "build_ak02", "build_ak03", "build_ak05"]
