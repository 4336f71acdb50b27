"""Filled forms: write values into the documents an instrument generates.

A filled form is the blank form of the same instrument plugin and template, with
:class:`FormValues` written in: cells of table rows by the row's ``ref`` (a unit code, a
KUK id), rows that replace a table's blank rows (FR.IA.08's documents), field values by
the template text key of their label, ticked choices, and blocks added before the
sign-off. The values are plain text like everything in a
:class:`~toolkit.instruments.model.FormDocument`, so the exporters escape them as usual.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .base import CHECKED, UNCHECKED
from .model import Block, Fields, FormDocument, Row, Signatures, Table, Text
from .templates import FormTemplate


@dataclass
class FormValues:
    """What to write into a generated form.

    ``cells``: table key → row ref → column key → text (added to the row's cells);
    ``rows``: table key → data rows that replace the table's rows without a ref;
    ``fields``: template text key of a field's label → value;
    ``ticks``: choice texts to tick (``☐ text`` → ``☑ text``) in field values;
    ``blocks``: blocks added before the sign-off (signatures, the preparers' table).
    """

    cells: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    ticks: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


def _tick(value: str, ticks: list[str]) -> str:
    for text in ticks:
        value = value.replace(f"{UNCHECKED} {text}", f"{CHECKED} {text}")
    return value


def _table(table: Table, values: FormValues) -> Table:
    by_ref = values.cells.get(table.key, {})
    rows = []
    replaced = values.rows.get(table.key)
    if replaced is not None:
        rows += [row for row in table.rows if row.ref]
        rows += [Row(dict(cells), ref=cells.get("ref", "")) for cells in replaced]
        if not replaced and not rows:
            rows = list(table.rows)
    else:
        rows = list(table.rows)
    filled = []
    for row in rows:
        extra = by_ref.get(row.ref) if row.ref else None
        filled.append(replace(row, cells={**row.cells, **extra}) if extra else row)
    for row in filled:
        row.cells.pop("ref", None)
    return replace(table, rows=filled)


def _is_signoff(block: Block) -> bool:
    return isinstance(block, Signatures) or (isinstance(block, Table)
                                             and block.key == "preparers")


def fill_document(document: FormDocument, values: FormValues, template: FormTemplate,
                  ) -> FormDocument:
    """A copy of ``document`` with ``values`` written in (``template``: the form's layout)."""
    labels = {template.text(key, document.lang): value for key, value in values.fields.items()}
    blocks: list[Block] = []
    for block in document.blocks:
        if isinstance(block, Table):
            blocks.append(_table(block, values))
        elif isinstance(block, Fields):
            items = [replace(item, value=_tick(labels.get(item.label, item.value),
                                               values.ticks)) for item in block.items]
            blocks.append(replace(block, items=items))
        else:
            blocks.append(block)
    if values.blocks:
        at = next((n for n, b in enumerate(blocks) if _is_signoff(b)
                   or (isinstance(b, Text) and b.style == "heading" and n > 0
                       and _is_signoff(blocks[min(n + 1, len(blocks) - 1)]))), len(blocks))
        blocks[at:at] = values.blocks
    return replace(document, blocks=blocks)


__all__ = ["FormValues", "fill_document"]
