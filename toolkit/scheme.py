"""The certification scheme: skema → unit → elemen → KUK, as validated models.

Structure and types are enforced here (unknown keys, wrong types); the rules of
a *usable* scheme (no empty unit, no duplicate unit code, SKKNI-shaped codes)
live in :mod:`toolkit.checks` so that an editor can hold a half-written scheme.

A KUK's id is ``UNITCODE/e.k``: the unit code, the element's number and the
criterion's number within the element, both counted from 1 in file order.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_serializer, model_validator

SchemeKind = Literal["kkni", "okupasi", "klaster"]
TextOrList = str | list[str]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Criterion(_Model):
    """A KUK (kriteria unjuk kerja): one observable statement. Written as plain text."""

    text: str

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value

    @model_serializer
    def _to_text(self) -> str:
        return self.text


class Element(_Model):
    """An elemen kompetensi and its KUK, in order."""

    title: str
    criteria: list[Criterion] = Field(default_factory=list)


class RangeStatement(_Model):
    """Batasan variabel: the context, equipment, regulations and norms of a unit."""

    konteks: TextOrList | None = None
    peralatan: TextOrList | None = None
    perlengkapan: TextOrList | None = None
    peraturan: TextOrList | None = None
    norma_standar: TextOrList | None = None


class AssessmentGuide(_Model):
    """Panduan penilaian: context, prerequisites, knowledge, skills, attitudes, critical aspects."""

    konteks: TextOrList | None = None
    persyaratan_kompetensi: TextOrList | None = None
    pengetahuan: TextOrList | None = None
    keterampilan: TextOrList | None = None
    sikap_kerja: TextOrList | None = None
    aspek_kritis: TextOrList | None = None


class Unit(_Model):
    """A unit kompetensi (usually from an SKKNI standard)."""

    code: str
    title: str
    description: str | None = None
    elements: list[Element] = Field(default_factory=list)
    range_statement: RangeStatement | None = None
    assessment_guide: AssessmentGuide | None = None

    def criterion_count(self) -> int:
        """Number of KUK in this unit."""
        return sum(len(element.criteria) for element in self.elements)


class Group(_Model):
    """A kelompok pekerjaan: a named set of units, as the MUK forms group them."""

    name: str
    units: list[str] = Field(default_factory=list)


class Settings(_Model):
    """Policy values of the scheme, read by evidence rules and other plugins."""

    model_config = ConfigDict(extra="allow")

    currency_years: int = Field(default=3, ge=0, description="evidence older than this is stale")
    time_limit_minutes: int | None = Field(
        default=None, ge=1, description="practice cases of this scheme are timed (minutes)")


@dataclass(frozen=True)
class CriterionRef:
    """A KUK together with where it sits: its id, its unit and its element."""

    id: str
    unit: Unit
    element: Element
    element_number: int
    number: int
    criterion: Criterion

    @property
    def label(self) -> str:
        """The printed number, e.g. ``1.2``."""
        return f"{self.element_number}.{self.number}"

    @property
    def text(self) -> str:
        """The KUK statement."""
        return self.criterion.text


def criterion_id(unit_code: str, element_number: int, number: int) -> str:
    """The id ``UNITCODE/e.k`` of a KUK."""
    return f"{unit_code}/{element_number}.{number}"


class Scheme(_Model):
    """A skema sertifikasi: code, title, kind and its units."""

    code: str
    title: str
    kind: SchemeKind = "okupasi"
    standard: str | None = None
    language: str = "id"
    units: list[Unit] = Field(default_factory=list)
    groups: list[Group] | None = None
    settings: Settings | None = None

    # -- lookups -----------------------------------------------------------------
    def unit(self, code: str) -> Unit:
        """The unit with this code; ``KeyError`` naming the known codes otherwise."""
        for unit in self.units:
            if unit.code == code:
                return unit
        known = ", ".join(u.code for u in self.units) or "none"
        raise KeyError(f"no unit {code!r} in scheme {self.code}; units: {known}")

    def iter_criteria(self, units: list[str] | None = None) -> Iterator[CriterionRef]:
        """Every KUK in scheme order, optionally only of the given unit codes."""
        wanted = set(units) if units else None
        for unit in self.units:
            if wanted is not None and unit.code not in wanted:
                continue
            for e_number, element in enumerate(unit.elements, start=1):
                for k_number, criterion in enumerate(element.criteria, start=1):
                    yield CriterionRef(
                        id=criterion_id(unit.code, e_number, k_number),
                        unit=unit,
                        element=element,
                        element_number=e_number,
                        number=k_number,
                        criterion=criterion,
                    )

    def criterion(self, kuk_id: str) -> CriterionRef:
        """The KUK with id ``UNITCODE/e.k``."""
        code, _, numbers = kuk_id.rpartition("/")
        try:
            e_text, k_text = numbers.split(".")
            e_number, k_number = int(e_text), int(k_text)
            element = self.unit(code).elements[e_number - 1]
            criterion = element.criteria[k_number - 1]
            if e_number < 1 or k_number < 1:
                raise IndexError
        except (ValueError, IndexError, KeyError):
            raise KeyError(f"no KUK {kuk_id!r} in scheme {self.code}") from None
        return CriterionRef(kuk_id, self.unit(code), element, e_number, k_number, criterion)

    def criterion_ids(self, units: list[str] | None = None) -> list[str]:
        """All KUK ids in scheme order."""
        return [ref.id for ref in self.iter_criteria(units)]

    # -- counts ------------------------------------------------------------------
    @property
    def unit_count(self) -> int:
        """Number of units."""
        return len(self.units)

    @property
    def element_count(self) -> int:
        """Number of elements over all units."""
        return sum(len(unit.elements) for unit in self.units)

    @property
    def criterion_count(self) -> int:
        """Number of KUK over all units."""
        return sum(unit.criterion_count() for unit in self.units)

    def effective_settings(self) -> Settings:
        """The scheme's settings, or the defaults when it has none."""
        return self.settings or Settings()

    def to_data(self) -> dict[str, Any]:
        """Plain data in the file shape (no empty optional fields)."""
        return self.model_dump(mode="json", exclude_none=True, exclude_defaults=False)

    def version_hash(self) -> str:
        """A short content hash: a changed scheme is a new version."""
        text = json.dumps(self.to_data(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


__all__ = [
    "AssessmentGuide",
    "Criterion",
    "CriterionRef",
    "Element",
    "Group",
    "RangeStatement",
    "Scheme",
    "SchemeKind",
    "Settings",
    "Unit",
    "criterion_id",
]
