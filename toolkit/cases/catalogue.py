"""Evidence catalogues: the realistic portfolio documents of a scheme and the KUK each backs.

A catalogue is a data file (``toolkit/data/NAME.evidence.yaml``, format in
``docs/cases.md``) registered through the ``register_evidence_catalogues`` hook. The
generator draws an asesi's portfolio from it; the default rule reads an artefact's
``criteria`` to decide whether a document is relevant (valid) to the KUK it claims —
what an assessor knows of an ERD or a deployment note, not a match of words.

:func:`generic_catalogue` serves any scheme without one: a work product, a project
report, a photo log, a supervisor's reference, an employment letter, training
certificates and a CV entry per unit (or pair of units), described by the unit title.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..errors import SchemeError, SchemeInvalid
from ..i18n import _
from ..scheme import Scheme
from ..schemeio.textformats import compose_yaml, read_input_text
from ..schemeio.validate import validate_model
from .model import EvidenceClass, EvidenceKind, LocalizedText

if TYPE_CHECKING:
    from ..plugins import PluginHost

Issuer = Literal["employer", "trainer", "self", "client"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Artefact(_Model):
    """A kind of document an asesi of the scheme brings, and the KUK it can back."""

    id: str
    kind: EvidenceKind
    evidence_class: EvidenceClass = Field(default="TL", alias="class")
    issuer: Issuer = "employer"
    signed: bool = False
    valid_years: int | None = None
    title: LocalizedText
    body: LocalizedText
    criteria: list[str] = Field(default_factory=list)


class EvidenceCatalogue(_Model):
    """The artefacts of one scheme (or sector), with projects and known public samples."""

    name: str
    schemes: list[str] = Field(default_factory=list)
    sectors: list[str] = Field(default_factory=list)
    projects: dict[str, list[str]] = Field(default_factory=dict)
    public_samples: list[str] = Field(default_factory=list)
    employers: list[str] = Field(default_factory=list, description="fictitious employers")
    roles: dict[str, list[str]] = Field(default_factory=dict, description="job titles by lang")
    trainers: list[str] = Field(default_factory=list, description="fictitious training bodies")
    artefacts: list[Artefact] = Field(default_factory=list)

    def serves(self, scheme: Scheme) -> bool:
        """True when this catalogue is meant for ``scheme`` (by its code or a unit's sector)."""
        if scheme.code in self.schemes:
            return True
        return any(unit.code.startswith(prefix) for unit in scheme.units
                   for prefix in self.sectors if prefix)

    def artefact(self, artefact_id: str) -> Artefact | None:
        """The artefact of that id, or None."""
        return next((a for a in self.artefacts if a.id == artefact_id), None)

    def supports(self, artefact_id: str, kuk: str) -> bool | None:
        """Whether that artefact can back ``kuk``; None for an artefact not in the catalogue."""
        found = self.artefact(artefact_id)
        return None if found is None else kuk in found.criteria


def load_catalogue(path: str | Path) -> EvidenceCatalogue:
    """Read a catalogue file; :class:`SchemeInvalid` names the file and line of a problem."""
    file = Path(path)
    if not file.is_file():
        raise SchemeInvalid([SchemeError(_("file not found"), file=str(file))])
    data, locator = compose_yaml(read_input_text(file), file)
    catalogue = validate_model(EvidenceCatalogue, data, locator)
    seen: set[str] = set()
    for index, artefact in enumerate(catalogue.artefacts):
        if artefact.id in seen:
            raise SchemeInvalid([locator.error(("artefacts", index, "id"), _(
                "artefact id {id!r} appears twice", id=artefact.id))])
        seen.add(artefact.id)
    return catalogue


def bundled_catalogue_paths() -> list[Path]:
    """The catalogues shipped with the toolkit (``toolkit/data/*.evidence.yaml``)."""
    return sorted((Path(__file__).resolve().parent.parent / "data").glob("*.evidence.yaml"))


def _t(id_text: str, en_text: str) -> LocalizedText:
    return {"id": id_text, "en": en_text}


#: Generic artefacts per unit: (id, kind, class, issuer, signed, valid years, title, body).
_GENERIC: tuple[tuple[str, EvidenceKind, EvidenceClass, Issuer, bool, int | None,
                      LocalizedText, LocalizedText], ...] = (
    ("work", EvidenceKind.WORK_SAMPLE, "TL", "employer", False, None,
     _t("Hasil kerja: {unit}", "Work product: {unit}"),
     _t("Berkas hasil kerja {owner} di {employer} untuk pekerjaan {project}, lengkap dengan "
        "lembar kerja, tanggal penyelesaian dan paraf pemeriksa.",
        "Work files of {owner} at {employer} for the {project} job, with worksheets, "
        "completion dates and the checker's initials.")),
    ("report", EvidenceKind.PROJECT_REPORT, "TL", "employer", False, None,
     _t("Laporan pekerjaan: {unit}", "Job report: {unit}"),
     _t("Laporan {owner} tentang pekerjaan {project} di {employer}: tahapan, kendala yang "
        "ditemui, cara mengatasinya dan hasil akhirnya.",
        "Report by {owner} on the {project} job at {employer}: its stages, the problems met, "
        "how they were solved and the outcome.")),
    ("log", EvidenceKind.LOG, "TL", "employer", False, None,
     _t("Dokumentasi foto kegiatan: {unit}", "Photo documentation: {unit}"),
     _t("Dua belas foto bertanggal yang memperlihatkan {owner} bekerja di {employer} pada "
        "pekerjaan {project}, dengan keterangan singkat tiap foto.",
        "Twelve dated photos showing {owner} at work at {employer} on the {project} job, "
        "each with a short caption.")),
    ("reference", EvidenceKind.THIRD_PARTY_REPORT, "TL", "employer", True, None,
     _t("Surat referensi atasan: {unit}", "Supervisor's reference: {unit}"),
     _t("{signatory} dari {employer} menerangkan bahwa {owner} mengerjakan pekerjaan ini "
        "secara mandiri selama masa kerjanya dan hasilnya diterima tanpa perbaikan besar.",
        "{signatory} of {employer} states that {owner} did this work on their own during "
        "their employment and that the results were accepted without major rework.")),
    ("certificate", EvidenceKind.CERTIFICATE, "TL", "trainer", False, 3,
     _t("Sertifikat pelatihan: {unit}", "Training certificate: {unit}"),
     _t("Sertifikat dari {issuer} atas nama {owner} untuk pelatihan 40 jam pelajaran; "
        "peserta mengikuti uji praktik pada akhir pelatihan.",
        "Certificate from {issuer} to {owner} for a 40-hour training course; the "
        "participant took a practical test at its end.")),
)


#: Generic artefacts that back every KUK of the scheme: (id, kind, issuer, signed, title, body).
_SCHEME_WIDE: tuple[tuple[str, EvidenceKind, Issuer, bool, LocalizedText, LocalizedText],
                    ...] = (
    ("employment-letter", EvidenceKind.EMPLOYMENT_LETTER, "employer", True,
     _t("Surat keterangan kerja", "Employment letter"),
     _t("{signatory}, atasan langsung, menerangkan bahwa {owner} bekerja di {employer} "
        "sebagai {role} dan menjalankan tugas-tugas pada skema ini.",
        "{signatory}, the direct superior, states that {owner} works at {employer} as "
        "{role} and carries out the duties of this scheme.")),
    ("cv", EvidenceKind.CV_ENTRY, "self", False,
     _t("Daftar riwayat hidup", "Curriculum vitae"),
     _t("Riwayat kerja {owner}: {role} di {employer}; tugas yang dicantumkan mencakup "
        "pekerjaan pada skema ini.",
        "Work history of {owner}: {role} at {employer}; the duties listed cover the "
        "work of this scheme.")),
)


def generic_catalogue(scheme: Scheme) -> EvidenceCatalogue:
    """A catalogue for any scheme: per unit, documents described by the unit's title; a
    reference letter, an employment letter and a CV entry back two units at a time."""
    artefacts: list[Artefact] = []
    units = list(scheme.units)
    for number, unit in enumerate(units):
        kuks = [ref.id for ref in scheme.iter_criteria([unit.code])]
        partner = units[(number + 1) % len(units)]
        pair = kuks + ([ref.id for ref in scheme.iter_criteria([partner.code])]
                       if partner is not unit else [])
        for key, kind, klass, issuer, signed, years, title, body in _GENERIC:
            wide = key in ("reference", "report")
            artefacts.append(Artefact(
                id=f"{key}-{number + 1}", kind=kind, evidence_class=klass, issuer=issuer,
                signed=signed, valid_years=years,
                title={lang: text.replace("{unit}", unit.title) for lang, text in title.items()},
                body=body, criteria=pair if wide else kuks))
    every = [ref.id for ref in scheme.iter_criteria()]
    artefacts += [Artefact(id=key, kind=kind, evidence_class="TL", issuer=issuer,
                           signed=signed, title=title, body=body, criteria=every)
                  for key, kind, issuer, signed, title, body in _SCHEME_WIDE]
    return EvidenceCatalogue(
        name="generic", projects={"id": ["pekerjaan rutin", "proyek tahunan", "pesanan klien"],
                                  "en": ["routine work", "annual project", "client order"]},
        public_samples=["contoh laporan dari modul pelatihan umum"], artefacts=artefacts)


def catalogue_for(scheme: Scheme, host: PluginHost | None = None) -> EvidenceCatalogue:
    """The registered catalogue that serves ``scheme``, else :func:`generic_catalogue`."""
    if host is None:
        from ..plugins import default_host

        host = default_host()
    found: Iterable[EvidenceCatalogue] = host.collect("register_evidence_catalogues")
    for catalogue in found:
        if catalogue.serves(scheme):
            return catalogue
    return generic_catalogue(scheme)


__all__ = [
    "Artefact",
    "EvidenceCatalogue",
    "bundled_catalogue_paths",
    "catalogue_for",
    "generic_catalogue",
    "load_catalogue",
]
