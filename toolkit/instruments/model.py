"""The form document model: what an instrument produces and an exporter writes.

A :class:`FormDocument` is a list of blocks in reading order — text, field
lists (the header block, a unit's code and title), tables and signature blocks.
It holds only plain text: exporters escape it (HTML) or write it verbatim (DOCX),
so a scheme text such as ``<b>`` always prints as those three characters.
A cell's text may hold line breaks (``\\n``); exporters keep them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar, Literal

RowKind = Literal["data", "group", "placeholder"]
TextStyle = Literal["heading", "text", "guide", "note"]


@dataclass
class Text:
    """A heading, a paragraph, a guidance list item or a small note."""

    kind: ClassVar[str] = "text"
    text: str
    style: TextStyle = "text"


@dataclass
class Field:
    """One line of a field list: ``group`` (may be empty), ``label`` and ``value``."""

    label: str
    value: str = ""
    group: str = ""


@dataclass
class Fields:
    """A two/three-column list of labels and values (the header block, a unit)."""

    kind: ClassVar[str] = "fields"
    items: list[Field] = field(default_factory=list)
    caption: str = ""


@dataclass
class Column:
    """A table column: its key, printed label and optional group label above it."""

    key: str
    label: str
    group: str = ""
    width: float = 1.0  # relative width


@dataclass
class Row:
    """A table row: data cells by column key, or a full-width group/placeholder row."""

    cells: dict[str, str] = field(default_factory=dict)
    kind: RowKind = "data"
    text: str = ""  # the text of a group or placeholder row
    ref: str = ""  # what the row stands for, e.g. a KUK id


@dataclass
class Table:
    """A table with (possibly grouped) column headers."""

    kind: ClassVar[str] = "table"
    key: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    caption: str = ""
    #: Columns whose blank cell continues the cell above (an element printed once
    #: for its KUK): exporters merge such cells down, as the printed forms do.
    merge: tuple[str, ...] = ()

    def column_labels(self) -> list[str]:
        """The printed header labels, ``group / label`` for grouped columns."""
        return [f"{c.group} / {c.label}" if c.group else c.label for c in self.columns]


@dataclass
class Signature:
    """One signing party: its role and the lines to fill (name, reg. no., signature, date)."""

    role: str
    lines: list[Field] = field(default_factory=list)


@dataclass
class Signatures:
    """Signature blocks side by side."""

    kind: ClassVar[str] = "signatures"
    parties: list[Signature] = field(default_factory=list)


Block = Text | Fields | Table | Signatures


@dataclass
class FormDocument:
    """One printable form: code, title, template version, language and its blocks."""

    code: str
    title: str
    template: str
    lang: str
    blocks: list[Block] = field(default_factory=list)
    part: str = ""  # e.g. "A", "B", "C" for a form printed as several documents
    subtitle: str = ""
    footer: str = ""

    @property
    def slug(self) -> str:
        """A file-name friendly id, e.g. ``FR.IA.05.C``."""
        return f"{self.code}.{self.part}" if self.part else self.code

    @property
    def heading(self) -> str:
        """The printed form heading, e.g. ``FR.IA.01. CEKLIS OBSERVASI …``."""
        return f"{self.code}. {self.title}"

    def tables(self, key: str | None = None) -> list[Table]:
        """The tables of this document, optionally only those with ``key``."""
        return [b for b in self.blocks if isinstance(b, Table) and (key is None or b.key == key)]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the JSON exporter; each block carries its ``kind``."""
        blocks = [{"kind": block.kind, **asdict(block)} for block in self.blocks]
        return {"code": self.code, "part": self.part, "title": self.title,
                "subtitle": self.subtitle, "template": self.template, "lang": self.lang,
                "footer": self.footer, "blocks": blocks}


__all__ = [
    "Block",
    "Column",
    "Field",
    "Fields",
    "FormDocument",
    "Row",
    "Signature",
    "Signatures",
    "Table",
    "Text",
]
