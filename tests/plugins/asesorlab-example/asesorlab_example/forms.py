"""LSP.IA.02, an LSP's own layout of the demonstration task: a form the built-ins do not provide.

The built-in FR.IA.02 follows the MUK; an LSP that prints its own variant adds it
as a form of its own code. A third-party instrument brings its own layout (the
same shape as one form of ``toolkit/templates/forms-<version>.yaml``), since the
versioned template sets only lay out the built-in forms. It builds one document:
A. Petunjuk (fixed instructions), B. Skenario (with the equipment and time to
fill in), and per unit C. Langkah Kerja — one step per element of the unit.
"""

from __future__ import annotations

from toolkit.hookspecs import hookimpl
from toolkit.instruments import FormContext, FormDocument, Instrument, Row, Table, Text
from toolkit.instruments.model import Field, Fields

TEMPLATE = {
    "title": {"id": "TUGAS PRAKTIK DEMONSTRASI (FORMAT LSP)",
              "en": "PRACTICAL DEMONSTRATION TASK (LSP LAYOUT)"},
    "guide": [
        {"id": "Baca dan pelajari setiap instruksi kerja di bawah ini dengan cermat sebelum "
               "melaksanakan praktek.",
         "en": "Read every work instruction below carefully before you start."},
        {"id": "Klarifikasi kepada asesor kompetensi apabila ada hal-hal yang belum jelas.",
         "en": "Ask the assessor about anything that is unclear."},
        {"id": "Laksanakan pekerjaan sesuai dengan urutan proses yang sudah ditetapkan.",
         "en": "Do the work in the order of the process set out."},
        {"id": "Seluruh proses kerja mengacu kepada SOP/WI yang dipersyaratkan (Jika Ada).",
         "en": "Every step follows the required SOP/WI (if any)."},
    ],
    "columns": {
        "steps": [
            {"key": "num", "id": "No.", "en": "No.", "width": 0.6},
            {"key": "step", "id": "Langkah Kerja", "en": "Work step", "width": 6},
            {"key": "kuk", "id": "KUK", "en": "Criteria", "width": 2},
        ],
    },
    "texts": {
        "guide": {"id": "A. Petunjuk", "en": "A. Instructions"},
        "scenario": {"id": "B. Skenario Tugas Praktik Demonstrasi",
                     "en": "B. Demonstration task scenario"},
        "equipment": {"id": "Perlengkapan dan Peralatan", "en": "Equipment"},
        "time": {"id": "Waktu", "en": "Time"},
        "steps": {"id": "C. Langkah Kerja", "en": "C. Work steps"},
    },
}


def build_ia02(ctx: FormContext) -> list[FormDocument]:
    """Instructions, scenario fields, then one step per element for each unit."""
    blocks: list = ctx.guide()
    blocks += [Text(ctx.t("scenario"), "heading"),
               Fields([Field(ctx.t("equipment")), Field(ctx.t("time"))]),
               Text(ctx.t("steps"), "heading")]
    for intro, unit, _number in ctx.unit_sections():
        table = Table("steps", ctx.columns("steps"))
        for e_number, element in enumerate(unit.elements, start=1):
            labels = ", ".join(f"{e_number}.{k}" for k in range(1, len(element.criteria) + 1))
            table.rows.append(Row({"num": str(e_number), "step": element.title, "kuk": labels},
                                  ref=f"{unit.code}/{e_number}"))
        blocks += [*intro, table]
    return [ctx.document(blocks)]


@hookimpl
def register_instruments() -> list[Instrument]:
    """LSP.IA.02, with its own layout."""
    return [Instrument("LSP.IA.02", build_ia02, ("scheme", "units", "details"), "IA",
                       template=TEMPLATE)]
