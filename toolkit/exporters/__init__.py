"""Exporters: write form documents as HTML, DOCX, JSON (or a plugin's format).

Built-ins are registered by :mod:`toolkit.plugins.default_exporters` through the
``register_exporters`` hook. :func:`export_documents` picks the exporter from
the target file's extension; a form printed as several documents (FR.IA.05:
questions, answer key, answer sheet) writes its first document to the target
and the others beside it as ``NAME.<part>.<ext>``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import _

if TYPE_CHECKING:
    from ..instruments.model import FormDocument
    from ..plugins import PluginHost


@dataclass(frozen=True)
class Exporter:
    """An output format: its name, file extensions and how to write one document."""

    name: str
    extensions: tuple[str, ...]
    write: Callable[[FormDocument, Path], None]
    description: str = ""


def _host(host: PluginHost | None) -> PluginHost:
    if host is not None:
        return host
    from ..plugins import default_host

    return default_host()


def list_exporters(host: PluginHost | None = None) -> list[Exporter]:
    """Every registered exporter."""
    return list(_host(host).collect("register_exporters"))


def exporter_for(path: str | Path, host: PluginHost | None = None) -> Exporter:
    """The exporter for ``path``'s extension; ``ValueError`` naming the known ones."""
    suffix = Path(path).suffix.lower()
    exporters = list_exporters(host)
    for exporter in reversed(exporters):
        if suffix in exporter.extensions:
            return exporter
    known = sorted({ext for exporter in exporters for ext in exporter.extensions})
    raise ValueError(_("cannot export to files of type {suffix!r}; known types: {known}",
                       suffix=suffix or Path(path).name, known=", ".join(known)))


def exporter_named(name: str, host: PluginHost | None = None) -> Exporter:
    """The exporter called ``name`` (``html``, ``docx``, ``json`` …)."""
    exporter: Exporter = _host(host).lookup("register_exporters", name, "exporter")
    return exporter


def document_paths(documents: list[FormDocument], path: str | Path) -> list[Path]:
    """Where each document of one form goes when the first one goes to ``path``."""
    target = Path(path)
    paths = [target]
    for document in documents[1:]:
        part = document.part or str(len(paths) + 1)
        paths.append(target.with_name(f"{target.stem}.{part}{target.suffix}"))
    return paths


def export_documents(documents: list[FormDocument], path: str | Path,
                     host: PluginHost | None = None) -> list[Path]:
    """Write ``documents`` (the output of one form) to ``path``; return the files written."""
    exporter = exporter_for(path, host)
    paths = document_paths(documents, path)
    for document, target in zip(documents, paths, strict=True):
        exporter.write(document, target)
    return paths


__all__ = [
    "Exporter",
    "document_paths",
    "export_documents",
    "exporter_for",
    "exporter_named",
    "list_exporters",
]
