"""The rest of the hook families, so that the example plugin exercises every hook.

- ``register_exporters``: Markdown (``.md``) for form documents;
- ``register_metrics``: positive specific agreement on ``K`` between two raters;
- ``register_case_generators``: ``clean``, a competent candidate in an easy case;
- ``register_evidence_rules``: ``triple``, the default rule asking for three sources per KUK;
- ``register_flaw_types``: ``unlegalised_copy``, a certificate handed in as a photocopy that
  was never legalised;
- ``register_evidence_catalogues``: the artefacts of schemes coded ``EX-…`` (a log book and
  a supervisor's report backing every KUK);
- ``register_locale_dirs``: the plugin's own Indonesian messages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from toolkit.agreement import AgreementError, Metric, encode_labels
from toolkit.cases import AnswerKey, Case, DefaultGenerator, DefaultRule, EvidenceItem
from toolkit.cases.catalogue import Artefact, EvidenceCatalogue
from toolkit.cases.flaws import PlantContext, RuleContext
from toolkit.cases.generator import CaseOptions, FlawRates, GeneratedCase
from toolkit.exporters import Exporter
from toolkit.hookspecs import hookimpl
from toolkit.i18n import _
from toolkit.instruments.model import FormDocument, Table
from toolkit.scheme import Scheme, Settings
from toolkit.schemeio.atomic import write_text_atomic


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def write_markdown(document: FormDocument, path: Path) -> None:
    """One form document as Markdown: its heading and every table."""
    lines = [f"# {document.heading}", ""]
    for block in document.blocks:
        if isinstance(block, Table):
            labels = block.column_labels()
            lines += ["| " + " | ".join(_cell(c) for c in labels) + " |",
                      "|" + "---|" * len(labels)]
            for row in block.rows:
                cells = ([_cell(row.cells.get(column.key, "")) for column in block.columns]
                         if row.kind == "data" else [_cell(row.text)] + [""] * (len(labels) - 1))
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
    write_text_atomic(Path(path), "\n".join(lines))


def positive_agreement(matrix: Any, **_options: Any) -> float:
    """Specific agreement on ``K`` of two raters: 2a / (2a + b + c)."""
    codes, categories = encode_labels(np.asarray(matrix, dtype=object))
    if codes.shape[0] != 2 or "K" not in categories:
        raise AgreementError(_("positive agreement needs two raters who used K"))
    k = categories.index("K")
    first, second = codes[0] == k, codes[1] == k
    both = 2 * int(np.sum(first & second))
    either = both + int(np.sum(first ^ second))
    return both / either if either else 1.0


class CleanGenerator:
    """Every KUK truly met, an easy case: a calibration case."""

    name = "clean"
    description = "every KUK met, mudah"

    def generate(self, scheme: Scheme, case_id: str, seed: int, units: list[str],
                 flaws: FlawRates, language: str) -> GeneratedCase:
        easy = CaseOptions(k_share=1.0, difficulty="mudah", problem_units_max=0)
        return DefaultGenerator().generate(scheme, case_id, seed, units, FlawRates(),
                                           language, options=easy)


class UnlegalisedCopy:
    """A certificate handed in as a photocopy that was never legalised (not authentic)."""

    name = "unlegalised_copy"
    breaks = "A"
    scope = "item"
    label: ClassVar[dict[str, str]] = {"id": "fotokopi tanpa legalisir",
                                       "en": "photocopy not legalised"}
    marks: ClassVar[dict[str, str]] = {"id": "Berkas berupa fotokopi tanpa legalisir.",
                                       "en": "The file is a photocopy that was not legalised."}

    def applies(self, artefact: Artefact | None, item: EvidenceItem, ctx: PlantContext) -> bool:
        """Only certificates are legalised."""
        return item.kind == "certificate"

    def plant(self, item: EvidenceItem, ctx: PlantContext) -> None:
        """Say so in the document's description."""
        item.summary += " " + self.marks.get(ctx.lang, self.marks["en"])

    def detect(self, subject: Any, ctx: RuleContext) -> dict[str, str] | None:
        """Found when the description says so."""
        if not isinstance(subject, EvidenceItem) or not any(
                mark in subject.summary for mark in self.marks.values()):
            return None
        return {"id": "tidak asli: fotokopi sertifikat tanpa legalisir",
                "en": "not authentic: a photocopy of the certificate, not legalised"}


def example_catalogue() -> EvidenceCatalogue:
    """Two artefacts for schemes coded ``EX-…``, built from the scheme when asked."""
    return _ExampleCatalogue(name="example", public_samples=["contoh buku panduan EX"])


class _ExampleCatalogue(EvidenceCatalogue):
    """Serves any scheme coded ``EX-…``: a log book, a certificate and a report of every KUK."""

    def serves(self, scheme: Scheme) -> bool:
        """Schemes coded ``EX-…``."""
        if not scheme.code.startswith("EX-"):
            return False
        every = [ref.id for ref in scheme.iter_criteria()]
        self.artefacts = [
            Artefact(id="ex_logbook", kind="log", title={"id": "Buku log kerja",
                                                         "en": "Work log book"},
                     body={"id": "Catatan harian {owner} di {employer}.",
                           "en": "Daily notes of {owner} at {employer}."}, criteria=every),
            Artefact(id="ex_certificate", kind="certificate", issuer="trainer",
                     title={"id": "Sertifikat pelatihan", "en": "Training certificate"},
                     body={"id": "Sertifikat dari {issuer} untuk {owner}.",
                           "en": "Certificate from {issuer} to {owner}."}, criteria=every),
            Artefact(id="ex_report", kind="project_report",
                     title={"id": "Laporan pekerjaan", "en": "Job report"},
                     body={"id": "Laporan {owner} tentang {project}.",
                           "en": "Report by {owner} on {project}."}, criteria=every),
        ]
        self.projects = {"id": ["proyek contoh"], "en": ["sample project"]}
        return True


class TripleEvidenceRule:
    """The default VATM policy, but every KUK needs three accepted items."""

    name = "triple"
    description = "default rule with min_evidence = 3"

    def derive(self, case: Case, scheme: Scheme, fixed: Any = None) -> AnswerKey:
        settings = scheme.effective_settings().model_dump()
        stricter = scheme.model_copy(update={"settings": Settings(**{**settings,
                                                                     "min_evidence": 3})})
        key = DefaultRule().derive(case, stricter, fixed)
        key.rule = self.name
        return key


@hookimpl
def register_exporters() -> list[Exporter]:
    """Markdown export of form documents."""
    return [Exporter("markdown", (".md",), write_markdown, "Markdown tables")]


@hookimpl
def register_metrics() -> list[Metric]:
    """Positive specific agreement."""
    return [Metric("positive", "Positive specific agreement (K)", positive_agreement, ())]


@hookimpl
def register_case_generators() -> list[Any]:
    """The ``clean`` generator."""
    return [CleanGenerator()]


@hookimpl
def register_flaw_types() -> list[Any]:
    """The ``unlegalised_copy`` flaw."""
    return [UnlegalisedCopy()]


@hookimpl
def register_evidence_catalogues() -> list[Any]:
    """The catalogue of ``EX-…`` schemes."""
    return [example_catalogue()]


@hookimpl
def register_evidence_rules() -> list[Any]:
    """The ``triple`` evidence rule."""
    return [TripleEvidenceRule()]


@hookimpl
def register_locale_dirs() -> list[Path]:
    """This plugin's catalogs (``locale/id/example.po``)."""
    return [Path(__file__).parent / "locale"]
