"""Assessment instruments: FR.IA.01 (observation), IA.03/IA.07 (questions), IA.05/IA.06 (written).

Questions come from the instrument bank only; a unit without questions gets a
placeholder row that says so.
"""

from __future__ import annotations

from .bank import OPTION_LETTERS, Question
from .base import FormContext, Instrument
from .model import Field, Fields, FormDocument, Row, Table, Text


def _kuk_note(question: Question) -> str:
    return f"\n(KUK {', '.join(question.kuk)})" if question.kuk else ""


def build_ia01(ctx: FormContext) -> list[FormDocument]:
    """One row per KUK: element (first row of each element), KUK, benchmark, result columns."""
    blocks: list = ctx.guide()
    for intro, unit, _number in ctx.unit_sections():
        table = Table("observation", ctx.columns("observation"), merge=("num", "element"))
        for ref in ctx.criteria(unit):
            first = ref.number == 1
            table.rows.append(Row({
                "num": str(ref.element_number) if first else "",
                "element": ref.element.title if first else "",
                "kuk": f"{ref.label}. {ref.text}",
                "benchmark": ctx.bank.benchmark(unit.code, ref.label),
            }, ref=ref.id))
        blocks += [*intro, table]
    closing = [Field(ctx.t("feedback"), "")]
    if "recommendation" in (ctx.template.data.get("texts") or {}):
        closing.append(Field(ctx.t("recommendation"), ctx.t("recommendation_value")))
    blocks.append(Fields(closing))
    return [ctx.document(blocks)]


def question_table(ctx: FormContext, unit_code: str, kind: str, with_answer: bool,
                   key: str = "questions") -> Table:
    """One unit's questions of ``kind`` from the bank, or the placeholder row."""
    table = Table(key, ctx.columns(key))
    questions = ctx.bank.questions(unit_code, kind)
    response = "\n" + ctx.t("response") if ctx.template.setting("response_in_question") else ""
    for number, question in enumerate(questions, start=1):
        cells = {"num": str(number), "question": question.text + _kuk_note(question) + response}
        if with_answer:
            cells["answer"] = question.answer
        table.rows.append(Row(cells, ref=unit_code))
    if not questions:
        ctx.placeholder(table)
    return table


def _question_form(ctx: FormContext, kind: str, with_answer: bool) -> list[FormDocument]:
    blocks: list = ctx.guide()
    for intro, unit, _number in ctx.unit_sections():
        blocks += [*intro, question_table(ctx, unit.code, kind, with_answer)]
    blocks.append(Fields([Field(ctx.t("feedback"), "")]))
    return [ctx.document(blocks)]


def build_ia03(ctx: FormContext) -> list[FormDocument]:
    """Supporting questions per unit from the bank (kind ``supporting``)."""
    return _question_form(ctx, "supporting", with_answer=False)


def build_ia07(ctx: FormContext) -> list[FormDocument]:
    """Oral questions per unit with their expected answers (kind ``oral``)."""
    return _question_form(ctx, "oral", with_answer=True)


def _option_lines(question: Question) -> list[str]:
    return [f"{OPTION_LETTERS[i]}. {option}" for i, option in enumerate(question.options)]


def _written(ctx: FormContext, kind: str) -> list[FormDocument]:
    """A questions for the asesi, B answer key, C answer sheet (FR.IA.05 and FR.IA.06)."""
    questions_blocks: list = [Text(ctx.t("instruction"))]
    key = Table("key", ctx.columns("key"))
    sheet = Table("answers", ctx.columns("answers"))
    number = 0
    for intro, unit, _n in ctx.unit_sections():
        table = Table("questions", ctx.columns("questions"))
        questions = ctx.bank.questions(unit.code, kind)
        for question in questions:
            number += 1
            kuk = f"{unit.code} {', '.join(question.kuk)}".strip()
            if kind == "multiple_choice":
                text = "\n".join([question.text, *_option_lines(question)])
                letter = question.answer.lower()
                answer = f"{letter}. {question.options[OPTION_LETTERS.index(letter)]}"
            else:
                text, answer = question.text, question.answer
            table.rows.append(Row({"num": str(number), "question": text}, ref=unit.code))
            key.rows.append(Row({"num": str(number), "answer": answer, "kuk": kuk}, ref=unit.code))
            sheet.rows.append(Row({"num": str(number)}, ref=unit.code))
        if not questions:
            ctx.placeholder(table, "no_mc")
        questions_blocks += [*intro, table]
    if number == 0:
        ctx.placeholder(key, "no_mc")
        ctx.placeholder(sheet, "no_mc")
    notes = ctx.items("notes")
    if notes:
        questions_blocks += [Text(ctx.t("notes_title"), "note"),
                             *(Text(f"• {note}", "note") for note in notes)]
    closing = [Fields([Field(ctx.t("feedback"), ctx.t("knowledge"))]),
               Text(ctx.t("unanswered"), "note")]
    return [
        ctx.document(questions_blocks, part="A"),
        ctx.document([*ctx.guide(), key], part="B"),
        ctx.document([sheet, *closing], part="C"),
    ]


def build_ia05(ctx: FormContext) -> list[FormDocument]:
    """Three documents: A questions (for the asesi), B answer key, C answer sheet."""
    return _written(ctx, "multiple_choice")


def build_ia06(ctx: FormContext) -> list[FormDocument]:
    """Essay questions (kind ``essay``): A questions, B answer key, C answer sheet."""
    return _written(ctx, "essay")


INSTRUMENTS = [
    Instrument("FR.IA.01", build_ia01, ("scheme", "units", "bank", "details"), "IA"),
    Instrument("FR.IA.03", build_ia03, ("scheme", "units", "bank", "details"), "IA"),
    Instrument("FR.IA.05", build_ia05, ("scheme", "units", "bank", "details"), "IA"),
    Instrument("FR.IA.06", build_ia06, ("scheme", "units", "bank", "details"), "IA"),
    Instrument("FR.IA.07", build_ia07, ("scheme", "units", "bank", "details"), "IA"),
]

__all__ = ["INSTRUMENTS", "build_ia01", "build_ia03", "build_ia05", "build_ia06", "build_ia07",
           "question_table"]
