"""The rest of the hook families, so that the example plugin exercises every hook.

- ``register_exporters``: Markdown (``.md``) for form documents;
- ``register_metrics``: positive specific agreement on ``K`` between two raters;
- ``register_case_generators``: ``clean``, a case with every KUK met and no flaws;
- ``register_evidence_rules``: ``triple``, the default rule asking for three items per KUK;
- ``register_locale_dirs``: the plugin's own Indonesian messages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from toolkit.agreement import AgreementError, Metric, encode_labels
from toolkit.cases import AnswerKey, Case, DefaultGenerator, DefaultRule
from toolkit.cases.generator import FlawRates, GeneratedCase
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
    """Every KUK truly met and no planted flaw: a calibration case."""

    name = "clean"
    description = "every KUK met, no evidence flaws"

    def generate(self, scheme: Scheme, case_id: str, seed: int, units: list[str],
                 flaws: FlawRates, language: str) -> GeneratedCase:
        clean = FlawRates(met=1.0, not_valid=0, not_authentic=0, not_current=0,
                          not_sufficient=0)
        return DefaultGenerator().generate(scheme, case_id, seed, units, clean, language)


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
def register_evidence_rules() -> list[Any]:
    """The ``triple`` evidence rule."""
    return [TripleEvidenceRule()]


@hookimpl
def register_locale_dirs() -> list[Path]:
    """This plugin's catalogs (``locale/id/example.po``)."""
    return [Path(__file__).parent / "locale"]
