"""Appeal, review and validation forms: FR.AK.04, AK.06, AK.07 (newer set) and FR.VA."""

from __future__ import annotations

from itertools import zip_longest

from .base import UNCHECKED, FormContext, Instrument
from .model import Field, Fields, FormDocument, Row, Table, Text


def _numbered(ctx: FormContext, key: str, table_key: str, column: str = "item") -> Table:
    table = Table(table_key, ctx.columns(table_key))
    for number, item in enumerate(ctx.items(key), start=1):
        table.rows.append(Row({"num": str(number), column: item}))
    return table


def build_ak04(ctx: FormContext) -> list[FormDocument]:
    """Three Ya/Tidak questions, the scheme appealed against, the reason, the right to appeal."""
    table = Table("questions", ctx.columns("questions"))
    for item in ctx.items("items"):
        table.rows.append(Row({"item": item}))
    blocks: list = [table, Text(ctx.t("scheme_intro")),
                    Fields([Field(ctx.t("scheme_name"), ctx.scheme.title),
                            Field(ctx.t("scheme_code"), ctx.scheme.code)]),
                    Fields([Field(ctx.t("reason"), "")]), Text(ctx.t("right"))]
    return [ctx.document(blocks)]


def build_ak06(ctx: FormContext) -> list[FormDocument]:
    """Stages × Validitas/Reliabel/Fleksibel/Adil, consistency × five dimensions, notes."""
    blocks: list = [Text(ctx.t("explanation"), "heading")]
    blocks += [Text(f"{n}. {line}") for n, line in enumerate(ctx.items("explanation"), 1)]
    principles = Table("principles", ctx.columns("principles"))
    principles.rows.append(Row(kind="group", text=ctx.t("procedure")))
    for stage in ctx.items("stages"):
        principles.rows.append(Row({"aspect": stage}))
    dimensions = Table("dimensions", ctx.columns("dimensions"))
    dimensions.rows.append(Row({"aspect": ctx.t("consistency")}))
    blocks += [principles, Fields([Field(ctx.t("improve"), "")]), dimensions,
               Text(ctx.t("improve") + ":", "heading")]
    blocks += [Text(f"{UNCHECKED} {line}") for line in ctx.items("dimension_recommendations")]
    blocks.append(Fields([Field(ctx.t(key), "") for key in
                          ("aspects", "refusals", "improvements", "notes")]))
    return [ctx.document(blocks)]


def build_ak07(ctx: FormContext) -> list[FormDocument]:
    """Potensi asesi, characteristics needing adjustment (Ya/Tidak), what the adjustment uses."""
    blocks: list = ctx.guide()
    potential = Table("potential", ctx.columns("potential"), caption=ctx.t("potential_title"))
    for number, text in enumerate(ctx.items("potential"), start=1):
        potential.rows.append(Row({"check": UNCHECKED, "text": f"{number}. {text}"}))
    adjustments = _numbered(ctx, "characteristics", "adjustments")
    adjustments.caption = ctx.t("adjustments_title")
    agreed = "\n".join(f"{UNCHECKED} {item}" for item in ctx.items("agreed"))
    blocks += [potential, adjustments, Fields([Field(ctx.t("agreed_title"), agreed)])]
    return [ctx.document(blocks)]


def build_va(ctx: FormContext) -> list[FormDocument]:
    """Preparing (purpose, context, approach, people), aspects × VATM and VRFA, findings."""
    focus = Table("focus", ctx.columns("focus"))
    for purpose, context, approach in zip_longest(ctx.items("focus"), ctx.items("context"),
                                                  ctx.items("approach"), fillvalue=""):
        focus.rows.append(Row({key: f"{UNCHECKED} {text}" if text else "" for key, text in
                               (("focus", purpose), ("context", context),
                                ("approach", approach))}))
    people = Table("people", ctx.columns("people"))
    for person in ctx.items("people"):
        people.rows.append(Row({"person": f"{UNCHECKED} {person}"}))
    aspects = _numbered(ctx, "aspects", "aspects", column="aspect")
    findings = Table("findings", ctx.columns("findings"))
    for number in range(1, 4):
        findings.rows.append(Row({"num": str(number)}))
    communication = "  ".join(f"{UNCHECKED} {item}" for item in ctx.items("communication"))
    blocks: list = [Text(ctx.t("prepare"), "heading"), focus, people,
                    Text(ctx.t("contribute"), "heading"),
                    Fields([Field(ctx.t("communication_title"), communication)]), aspects,
                    Text(ctx.t("outcome"), "heading"), findings]
    return [ctx.document(blocks)]


INSTRUMENTS = [
    Instrument("FR.AK.04", build_ak04, ("scheme", "details"), "AK"),
    Instrument("FR.AK.06", build_ak06, ("scheme", "details"), "AK"),
    Instrument("FR.AK.07", build_ak07, ("scheme", "details"), "AK"),
    Instrument("FR.VA", build_va, ("scheme", "details"), "VA"),
]

__all__ = ["INSTRUMENTS", "build_ak04", "build_ak06", "build_ak07", "build_va"]
