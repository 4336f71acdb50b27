"""Planning forms: FR.APL.02 (asesmen mandiri), FR.MAPA.01 (rencana) and FR.MAPA.02 (peta)."""

from __future__ import annotations

from typing import Any

from .base import CHECKED, UNCHECKED, FormContext, Instrument
from .model import Field, Fields, FormDocument, Row, Table, Text
from .templates import pick

POTENTIALS = range(1, 6)


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
    return [ctx.document(blocks)]


def _choices(ctx: FormContext, entry: dict[str, Any]) -> str:
    standard = ctx.scheme.standard or ""
    lines = []
    for choice in entry.get("choices") or []:
        text = pick(choice, ctx.lang)
        if choice.get("standard") and standard:
            text = f"{text} {standard.removeprefix('SKKNI').strip()}".strip()
        lines.append(f"{UNCHECKED} {text}")
    return "\n".join(lines)


def _unit_table(ctx: FormContext, units: list[Any], caption: str = "") -> Table:
    table = Table("units", ctx.columns("units"), caption=caption)
    for number, unit in enumerate(units, start=1):
        table.rows.append(Row({"num": str(number), "code": unit.code, "title": unit.title},
                              ref=unit.code))
    return table


def _group_title(ctx: FormContext, index: int, name: str) -> str:
    return f"{ctx.t('job_group')} {index}" + (f": {name}" if name else "")


def build_mapa01(ctx: FormContext) -> list[FormDocument]:
    """1 the approach (choices), 2 the plan per unit from the bank's methods, 3 adjustments."""
    fields = []
    for entry in ctx.template.entries("approach"):
        group, label = pick(entry.get("group"), ctx.lang), pick(entry.get("label"), ctx.lang)
        fields.append(Field(label, _choices(ctx, entry), group) if label
                      else Field(group, _choices(ctx, entry)))
    approach = Fields(fields)
    blocks: list = [Text(ctx.t("approach"), "heading"), approach,
                    Text(ctx.t("plan"), "heading")]
    columns = ctx.template.setting("method_columns") or {}
    kinds = ctx.template.setting("evidence_types") or {}
    for index, (name, units) in enumerate(ctx.groups(), start=1):
        title = _group_title(ctx, index, name)
        plan = Table("plan", ctx.columns("plan"))
        for number, unit in enumerate(units, start=1):
            cells = {"unit": f"{number}. {unit.code}\n{unit.title}"}
            for method in sorted(ctx.bank.methods([unit.code])):
                if method in kinds:
                    cells[kinds[method]] = "√"
                if method in columns:
                    key = columns[method]
                    cells[key] = " ".join(filter(None, [cells.get(key, ""), method]))
            plan.rows.append(Row(cells, ref=unit.code))
        blocks += [Text(title, "heading"), _unit_table(ctx, units), plan]
    blocks += [Text(ctx.t("modification_title"), "heading"),
               Fields([Field(item) for item in ctx.items("modification")]),
               Text(ctx.t("strike"), "note"), Text(ctx.t("confirm_title"), "heading")]
    confirm = Table("confirm", ctx.columns("confirm"))
    for person in ctx.items("confirm"):
        confirm.rows.append(Row({"person": f"{UNCHECKED} {person}"}))
    blocks.append(confirm)
    return [ctx.document(blocks)]


def _potentials(ctx: FormContext, method: str, used: set[str]) -> set[int]:
    """The potensi asesi (1–5) an instrument is ticked for in FR.MAPA.02."""
    mapped = ctx.bank.settings.potential
    if mapped:
        return set(mapped.get(method, [])) if method in used else set()
    return set(POTENTIALS) if method in used else set()


def build_mapa02(ctx: FormContext) -> list[FormDocument]:
    """Per Kelompok Pekerjaan: its units, then instruments × Potensi Asesi 1–5.

    An instrument is ticked when the bank chooses its method for a unit of the group:
    for the potensi the bank's ``settings.potential`` names, else for all five.
    """
    blocks: list = []
    for index, (name, units) in enumerate(ctx.groups(), start=1):
        title = _group_title(ctx, index, name)
        used = ctx.bank.methods([unit.code for unit in units])
        matrix = Table("map", ctx.columns("map"))
        for number, entry in enumerate(ctx.template.entries("instruments"), start=1):
            ticked = _potentials(ctx, str(entry.get("method", "")), used)
            cells = {"num": str(number), "muk": pick(entry, ctx.lang)}
            cells.update({f"p{p}": CHECKED if p in ticked else UNCHECKED for p in POTENTIALS})
            matrix.rows.append(Row(cells, ref=str(entry.get("method", ""))))
        blocks += [Text(title, "heading"), _unit_table(ctx, units), matrix,
                   Text(ctx.t("map_note"), "note")]
    blocks.append(Text(ctx.t("potential_title"), "note"))
    blocks += [Text(f"{n}. {text}", "note") for n, text in enumerate(ctx.items("potential"), 1)]
    return [ctx.document(blocks)]


INSTRUMENTS = [
    Instrument("FR.APL.02", build_apl02, ("scheme", "units", "details"), "APL"),
    Instrument("FR.MAPA.01", build_mapa01, ("scheme", "units", "bank"), "MAPA"),
    Instrument("FR.MAPA.02", build_mapa02, ("scheme", "units", "bank"), "MAPA"),
]

__all__ = ["INSTRUMENTS", "build_apl02", "build_mapa01", "build_mapa02"]
