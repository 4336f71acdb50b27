"""Planning forms: FR.APL.02 (asesmen mandiri) and FR.MAPA.02 (peta instrumen)."""

from __future__ import annotations

from .base import FormContext, Instrument
from .model import Field, FormDocument, Row, Signature, Signatures, Table, Text


def build_apl02(ctx: FormContext) -> list[FormDocument]:
    """Per unit, one row per element with its KUK listed: "Dapatkah Saya …?", K, BK, bukti."""
    blocks: list = ctx.guide("guide_title")
    element_word, kuk_word = ctx.t("element_prefix"), ctx.t("kuk_prefix")
    for intro, unit, _number in ctx.unit_sections():
        table = Table("self", ctx.columns("self"))
        for e_number, element in enumerate(unit.elements, start=1):
            lines = [f"{e_number}. {element_word}: {element.title}", f"{kuk_word}:"]
            lines += [f"{e_number}.{k}. {c.text}" for k, c in enumerate(element.criteria, 1)]
            table.rows.append(Row({"question": "\n".join(lines)}, ref=f"{unit.code}/{e_number}"))
        blocks += [*intro, table]
    blocks.append(ctx.signatures("candidate"))
    blocks.append(Signatures([Signature(ctx.t("reviewed"), [
        Field(ctx.t("name"), ctx.details.assessor),
        Field(ctx.t("reg_no"), ctx.details.assessor_reg),
        Field(ctx.t("recommendation"), ctx.t("continue")),
        Field(ctx.t("signature")), Field(ctx.t("date"), ctx.details.date)])]))
    return [ctx.document(blocks)]


def build_mapa02(ctx: FormContext) -> list[FormDocument]:
    """Per Kelompok Pekerjaan: its units, then instruments × Potensi Asesi 1–5."""
    blocks: list = []
    for index, (name, units) in enumerate(ctx.groups(), start=1):
        title = f"{ctx.t('job_group')} {index}" + (f": {name}" if name else "")
        unit_table = Table("units", ctx.columns("units"), caption=title)
        for number, unit in enumerate(units, start=1):
            unit_table.rows.append(Row({"num": str(number), "code": unit.code,
                                        "title": unit.title}, ref=unit.code))
        matrix = Table("map", ctx.columns("map"))
        for number, instrument in enumerate(ctx.items("instruments"), start=1):
            matrix.rows.append(Row({"num": str(number), "muk": instrument}))
        blocks += [Text(title, "heading"), unit_table, matrix]
    blocks.append(Text(ctx.t("potential_title"), "note"))
    blocks += [Text(f"{n}. {text}", "note") for n, text in enumerate(ctx.items("potential"), 1)]
    blocks.append(Signatures([
        Signature(ctx.t(role), [Field(ctx.t("name")), Field(ctx.t("reg_no")),
                                Field(ctx.t("signature")), Field(ctx.t("date"))])
        for role in ("preparer", "validator")]))
    return [ctx.document(blocks)]


INSTRUMENTS = [
    Instrument("FR.APL.02", build_apl02, ("scheme", "units", "details"), "APL"),
    Instrument("FR.MAPA.02", build_mapa02, ("scheme", "units", "bank"), "MAPA"),
]

__all__ = ["INSTRUMENTS", "build_apl02", "build_mapa02"]
