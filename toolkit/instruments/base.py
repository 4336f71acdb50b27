"""What an instrument plugin is, and the context its build function works in.

An :class:`Instrument` has a code (``FR.IA.01``), the inputs it needs and a
build function from a :class:`FormContext` — the scheme, the selected units,
the instrument bank, the assessment details and the form's template — to one
or more :class:`~toolkit.instruments.model.FormDocument`. Plugins return
instruments from the ``register_instruments`` hook.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..i18n import _, get_language, normalize_language
from ..scheme import CriterionRef, Scheme, Unit
from .bank import InstrumentBank
from .model import Field, Fields, FormDocument, Row, Signature, Signatures, Table, Text
from .templates import DEFAULT_VERSION, FormTemplate, TemplateError, load_templates, pick

CHECKED, UNCHECKED = "☑", "☐"

#: Inputs an instrument may declare (shown by the builder and in docs).
INPUTS = ("scheme", "units", "bank", "details")


@dataclass(frozen=True)
class AssessmentDetails:
    """Who, where and when: printed in the forms' header blocks."""

    date: str = ""
    tuk: str = ""
    assessor: str = ""
    assessor_reg: str = ""
    candidate: str = ""
    tuk_kind: str = ""  # sewaktu | tempat_kerja | mandiri (else from the bank/scheme settings)


@dataclass
class FormContext:
    """Everything a build function reads; helpers build the blocks every form shares."""

    scheme: Scheme
    units: list[Unit]
    bank: InstrumentBank
    details: AssessmentDetails
    template: FormTemplate
    lang: str

    # -- text --------------------------------------------------------------------
    def t(self, key: str) -> str:
        """A fixed text of the form (or a shared label) in the context's language."""
        return self.template.text(key, self.lang)

    def columns(self, table: str) -> list[Any]:
        """The columns of one of the form's tables."""
        return self.template.columns(table, self.lang)

    def items(self, key: str) -> list[str]:
        """A list of texts of the form (guidance, items …)."""
        return self.template.items(key, self.lang)

    # -- shared blocks -----------------------------------------------------------
    def document(self, blocks: list[Any], part: str = "") -> FormDocument:
        """A document of this form: its header block first, ``blocks``, then its sign-off."""
        return FormDocument(
            code=self.template.code, title=self.template.title(self.lang),
            template=self.template.version, lang=self.lang,
            blocks=[*self.header(part), *blocks, *self.signoff(part)],
            part=part, subtitle=self.template.part(part, self.lang) if part else "",
            footer=pick(self.template.footer, self.lang))

    def header(self, part: str = "") -> list[Fields]:
        """The form's header block as its template lists it (``header:`` keys)."""
        keys = self.template.for_part("header", part)
        if not keys:
            return []
        fields: list[Field] = []
        for key in keys:
            fields += self._header_field(str(key))
        return [Fields(fields)]

    def _header_field(self, key: str) -> list[Field]:
        d = self.details
        if key == "scheme":
            group = self.t("scheme")
            return [Field(self.t("scheme_title"), self.scheme.title, group),
                    Field(self.t("scheme_number"), self.scheme.code, group)]
        values = {"tuk": self.tuk_value(), "assessor": d.assessor, "candidate": d.candidate,
                  "date": d.date, "day_date": d.date, "assessment_date": d.date,
                  "start": d.date, "scheme_name": self.scheme.title,
                  "scheme_code": self.scheme.code, "team": d.assessor, "place": d.tuk}
        if key == "assessment_dates":  # "Tanggal Asesmen" above "Mulai" and "Selesai"
            group = self.t("assessment_date")
            return [Field(self.t("start"), d.date, group), Field(self.t("end"), "", group)]
        if key == "period":
            return [Field(self.t(key), self.choices("periods"))]
        return [Field(self.t(key), values.get(key, ""))]

    def tuk_kind(self) -> str:
        """The TUK kind (``sewaktu``, ``tempat_kerja``, ``mandiri``) or ``""`` when unknown.

        Taken from the details, else the bank's or the scheme's ``settings: {tuk: …}``,
        else recognised in the free TUK text (``TUK Sewaktu LSP`` → sewaktu).
        """
        choices = [str(entry["key"]) for entry in self.template.entries_or_default("tuk_choices")]
        scheme_settings = self.scheme.effective_settings().model_dump()
        for value in (self.details.tuk_kind, self.bank.settings.tuk,
                      scheme_settings.get("tuk") or ""):
            kind = str(value).strip().lower().replace(" ", "_").replace("-", "_")
            if kind in choices:
                return kind
        text = self.details.tuk.lower()
        for entry in self.template.entries_or_default("tuk_choices"):
            if pick(entry, "id").lower() in text:
                return str(entry["key"])
        return ""

    def tuk_value(self) -> str:
        """TUK as the forms print it: the three-way choice, the chosen one ticked.

        With no kind known it prints the blank choice ``Sewaktu/Tempat Kerja/Mandiri*``
        to strike through by hand; a TUK name given in the details follows the choice.
        """
        entries = self.template.entries_or_default("tuk_choices")
        kind = self.tuk_kind()
        if kind:
            marks = "  ".join(f"{CHECKED if entry['key'] == kind else UNCHECKED} "
                              f"{pick(entry, self.lang)}" for entry in entries)
        else:
            marks = "/".join(pick(entry, self.lang) for entry in entries) + "*"
        name = self.details.tuk.strip()
        if name and name.lower().replace(" ", "_") != kind:
            marks += f" ({name})"
        return marks

    def signoff(self, part: str = "") -> list[Any]:
        """The sign-off blocks the template lists (``signoff:``) for this document.

        Entries: ``preparers`` (the Penyusun/Validator table), ``{parties: [roles], reg:
        bool}`` (signature blocks side by side), ``{party: role, lines: [keys]}`` (one
        block with the given lines; ``{key: text_key}`` prints a fixed text), ``{text:
        key, style: note}`` and ``{list: key, title: key}`` (a numbered list).
        """
        blocks: list[Any] = []
        for entry in self.template.for_part("signoff", part) or []:
            if entry == "preparers":
                blocks += self.preparers()
            elif isinstance(entry, dict) and "parties" in entry:
                blocks.append(self.signatures(*entry["parties"], reg=bool(entry.get("reg"))))
            elif isinstance(entry, dict) and "party" in entry:
                blocks.append(Signatures([self._party(str(entry["party"]), entry["lines"])]))
            elif isinstance(entry, dict) and "text" in entry:
                blocks.append(Text(self.t(str(entry["text"])), entry.get("style", "text")))
            elif isinstance(entry, dict) and "list" in entry:
                blocks.append(Text(self.t(str(entry["title"])), "heading"))
                blocks += [Text(f"{n}. {item}") for n, item in
                           enumerate(self.items(str(entry["list"])), start=1)]
            else:
                raise TemplateError(_("form {code} (template {version}): unknown sign-off "
                                      "{key!r}", code=self.template.code,
                                      version=self.template.version, key=entry))
        return blocks

    def _party(self, role: str, lines: list[Any]) -> Signature:
        values = {"name": {"candidate": self.details.candidate,
                           "assessor": self.details.assessor}.get(role, ""),
                  "reg_no": self.details.assessor_reg if role == "assessor" else "",
                  "date": self.details.date if role in ("candidate", "assessor") else ""}
        fields = []
        for line in lines:
            if isinstance(line, dict):
                [(key, text_key)] = line.items()
                fields.append(Field(self.t(str(key)), self.t(str(text_key))))
            else:
                fields.append(Field(self.t(str(line)), values.get(str(line), "")))
        return Signature(self.t(f"role_{role}"), fields)

    def preparers(self) -> list[Any]:
        """The Penyusun dan Validator table: a row per role (Nama | Jabatan | Tandatangan),
        or, with a ``status`` column (FR.IA.04A), two numbered rows per role."""
        columns = self.columns("preparers")
        keys = {column.key for column in columns}
        table = Table("preparers", columns)
        for role in ("preparer", "validator"):
            if "status" in keys:
                for number in (1, 2):
                    table.rows.append(Row({"status": self.t(role) if number == 1 else "",
                                           "num": str(number)}, ref=role))
            else:
                table.rows.append(Row({"role": self.t(role)}, ref=role))
        table.merge = ("status",) if "status" in keys else ()
        return [Text(self.t("preparers_title"), "heading"), table]

    def guide(self, title_key: str = "guide", key: str = "guide") -> list[Text]:
        """The guidance box: a heading, an optional intro (``Instruksi:``), one item per line."""
        lines = self.items(key)
        if not lines:
            return []
        intro = ([Text(self.t("guide_intro"))]
                 if "guide_intro" in (self.template.data.get("texts") or {}) else [])
        return [Text(self.t(title_key), "heading"), *intro,
                *(Text(line, "guide") for line in lines)]

    def unit_fields(self, unit: Unit, number: int | None = None) -> Fields:
        """A unit's code and title under the label "Unit Kompetensi"."""
        label = self.t("unit") + (f" {number}" if number else "")
        return Fields([Field(self.t("unit_code"), unit.code, label),
                       Field(self.t("unit_title"), unit.title, label)])

    def groups(self) -> Iterator[tuple[str, list[Unit]]]:
        """The selected units by Kelompok Pekerjaan (one unnamed group without groups)."""
        selected = {unit.code for unit in self.units}
        done: set[str] = set()
        for group in self.scheme.groups or []:
            units = [u for u in self.units if u.code in group.units and u.code in selected]
            done.update(u.code for u in units)
            if units:
                yield group.name, units
        rest = [u for u in self.units if u.code not in done]
        if rest:
            yield "", rest

    def unit_sections(self) -> Iterator[tuple[list[Any], Unit, int]]:
        """Each selected unit with the blocks that introduce it (group heading, unit fields)."""
        number = 0
        if self.template.grouped:
            for index, (name, units) in enumerate(self.groups(), start=1):
                title = f"{self.t('job_group')} {index}" + (f": {name}" if name else "")
                for position, unit in enumerate(units):
                    number += 1
                    intro: list[Any] = [Text(title, "heading")] if position == 0 else []
                    yield [*intro, self.unit_fields(unit, number)], unit, number
        else:
            for unit in self.units:
                number += 1
                yield [self.unit_fields(unit)], unit, number

    def choices(self, key: str, chosen: str = "") -> str:
        """A printed choice (``☐ Ya  ☐ Tidak``) from the template's entries ``key``."""
        return "  ".join(f"{CHECKED if entry.get('key') == chosen else UNCHECKED} "
                         f"{pick(entry, self.lang)}"
                         for entry in self.template.entries_or_default(key))

    def criteria(self, unit: Unit) -> Iterator[CriterionRef]:
        """The KUK of one unit, in order."""
        return self.scheme.iter_criteria([unit.code])

    def placeholder(self, table: Table, key: str = "no_questions") -> None:
        """Add the clear "nothing in the bank" row to ``table``."""
        table.rows.append(Row(kind="placeholder", text=self.t(key)))

    def signatures(self, *roles: str, reg: bool = False) -> Signatures:
        """Signature blocks of ``roles`` (``candidate``, ``assessor``, ``reviewer`` …)."""
        parties = []
        for role in roles:
            name = {"candidate": self.details.candidate,
                    "assessor": self.details.assessor}.get(role, "")
            lines = [Field(self.t("name"), name)]
            if reg and role == "assessor":
                lines.append(Field(self.t("reg_no"), self.details.assessor_reg))
            lines += [Field(self.t("signature")), Field(self.t("date"), self.details.date)]
            parties.append(Signature(self.t(f"role_{role}"), lines))
        return Signatures(parties)


BuildFunction = Callable[[FormContext], list[FormDocument]]


@dataclass(frozen=True)
class Instrument:
    """An FR form a plugin can generate.

    ``template`` is only for forms the versioned template sets do not lay out
    (third-party forms): one form entry, or a mapping of version → entry.
    """

    code: str
    build: BuildFunction
    inputs: tuple[str, ...] = INPUTS
    family: str = ""
    template: dict[str, Any] | None = field(default=None, compare=False)

    def layout(self, version: str = DEFAULT_VERSION) -> FormTemplate:
        """This form's layout in template ``version``."""
        return load_templates(version).form(self.code, self.template)

    def title(self, lang: str | None = None, version: str = DEFAULT_VERSION) -> str:
        """The form's title in ``lang`` (default: the current language)."""
        return self.layout(version).title(normalize_language(lang or get_language()))

    @property
    def name(self) -> str:
        """Instruments are selected by code."""
        return self.code

    def generate(self, scheme: Scheme, units: list[str] | None = None,
                 bank: InstrumentBank | None = None, details: AssessmentDetails | None = None,
                 *, template: str = DEFAULT_VERSION, lang: str | None = None,
                 ) -> list[FormDocument]:
        """The documents of this form for ``units`` (default: every unit of the scheme)."""
        known = {unit.code: unit for unit in scheme.units}
        for code in units or []:
            if code not in known:
                raise ValueError(_("no unit {code} in scheme {scheme}; units: {known}", code=code,
                                   scheme=scheme.code, known=", ".join(known)))
        chosen = [known[code] for code in units] if units else list(scheme.units)
        context = FormContext(scheme, chosen, bank or InstrumentBank(),
                              details or AssessmentDetails(), self.layout(template),
                              normalize_language(lang or get_language()))
        return self.build(context)


__all__ = ["INPUTS", "AssessmentDetails", "BuildFunction", "FormContext", "Instrument"]
