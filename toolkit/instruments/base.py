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
from .templates import DEFAULT_VERSION, FormTemplate, load_templates, pick

#: Inputs an instrument may declare (shown by the builder and in docs).
INPUTS = ("scheme", "units", "bank", "details")


@dataclass(frozen=True)
class AssessmentDetails:
    """Who, where and when: printed in every form's header block."""

    date: str = ""
    tuk: str = ""
    assessor: str = ""
    assessor_reg: str = ""
    candidate: str = ""


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
        """A document of this form with the standard header block first."""
        return FormDocument(
            code=self.template.code, title=self.template.title(self.lang),
            template=self.template.version, lang=self.lang, blocks=[self.header(), *blocks],
            part=part, subtitle=self.template.part(part, self.lang) if part else "",
            footer=pick(self.template.footer, self.lang))

    def header(self) -> Fields:
        """Skema (judul, nomor), TUK, asesor, asesi, tanggal."""
        scheme_label = self.t("scheme")
        d = self.details
        return Fields([
            Field(self.t("scheme_title"), self.scheme.title, scheme_label),
            Field(self.t("scheme_number"), self.scheme.code, scheme_label),
            Field(self.t("tuk"), d.tuk), Field(self.t("assessor"), d.assessor),
            Field(self.t("candidate"), d.candidate), Field(self.t("date"), d.date),
        ])

    def guide(self, title_key: str = "guide", key: str = "guide") -> list[Text]:
        """The guidance box: a heading then one item per line."""
        lines = self.items(key)
        if not lines:
            return []
        return [Text(self.t(title_key), "heading"), *(Text(line, "guide") for line in lines)]

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

    def criteria(self, unit: Unit) -> Iterator[CriterionRef]:
        """The KUK of one unit, in order."""
        return self.scheme.iter_criteria([unit.code])

    def placeholder(self, table: Table, key: str = "no_questions") -> None:
        """Add the clear "nothing in the bank" row to ``table``."""
        table.rows.append(Row(kind="placeholder", text=self.t(key)))

    def signatures(self, *roles: str, reg: bool = False) -> Signatures:
        """Signature blocks for the asesi and/or asesor (``candidate``, ``assessor``)."""
        parties = []
        for role in roles:
            name = self.details.candidate if role == "candidate" else self.details.assessor
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
