"""Instruments: the BNSP FR forms generated from a scheme, as plugins.

Built-in forms are registered by :mod:`toolkit.plugins.default_instruments`
through the ``register_instruments`` hook; a third party adds forms the same way.
:func:`generate` finds a form by code and builds its documents; exporters
(:mod:`toolkit.exporters`) write them as HTML, DOCX or JSON.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import Column, Field, Fields, FormDocument, Row, Signature, Signatures, Table, Text
from .templates import DEFAULT_VERSION, VERSIONS, TemplateError, load_templates

if TYPE_CHECKING:
    from ..plugins import PluginHost
    from ..scheme import Scheme
    from .bank import (
        BankSettings,
        Demonstration,
        InstrumentBank,
        Project,
        Question,
        Step,
        UnitBank,
        bank_path_for,
        check_bank,
        load_bank,
        sample_bank_path,
        save_bank,
    )
    from .base import AssessmentDetails, FormContext, Instrument

# The bank and the form base (pydantic models) are imported on first use (PEP 562), so that
# registering the built-in forms and listing the commands stays cheap.
_LAZY = {
    **dict.fromkeys(("BankSettings", "Demonstration", "InstrumentBank", "Project", "Question",
                     "Step", "UnitBank", "bank_path_for", "check_bank", "load_bank",
                     "sample_bank_path", "save_bank"), "bank"),
    **dict.fromkeys(("AssessmentDetails", "FormContext", "Instrument"), "base"),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def _host(host: PluginHost | None) -> PluginHost:
    if host is not None:
        return host
    from ..plugins import default_host

    return default_host()


def list_instruments(host: PluginHost | None = None) -> list[Instrument]:
    """Every registered form, built-ins first, in registration order, one per code."""
    found: dict[str, Instrument] = {}
    for item in _host(host).collect("register_instruments"):
        found[item.code] = item  # a later registration replaces an earlier one
    return list(found.values())


def get_instrument(code: str, host: PluginHost | None = None) -> Instrument:
    """The form registered as ``code``; :class:`PluginLookupError` names the known ones."""
    instrument: Instrument = _host(host).lookup("register_instruments", code, "instrument")
    return instrument


def generate(scheme: Scheme, form: str, units: list[str] | None = None,
             bank: InstrumentBank | None = None, details: AssessmentDetails | None = None,
             *, template: str = DEFAULT_VERSION, lang: str | None = None,
             host: PluginHost | None = None) -> list[FormDocument]:
    """The documents of form ``form`` (e.g. ``FR.IA.01``) for ``units`` of ``scheme``."""
    instrument = get_instrument(form, host)
    return instrument.generate(scheme, units, bank, details, template=template, lang=lang)


__all__ = [
    "DEFAULT_VERSION",
    "VERSIONS",
    "AssessmentDetails",
    "BankSettings",
    "Column",
    "Demonstration",
    "Field",
    "Fields",
    "FormContext",
    "FormDocument",
    "Instrument",
    "InstrumentBank",
    "Project",
    "Question",
    "Row",
    "Signature",
    "Signatures",
    "Step",
    "Table",
    "TemplateError",
    "Text",
    "UnitBank",
    "bank_path_for",
    "check_bank",
    "generate",
    "get_instrument",
    "list_instruments",
    "load_bank",
    "load_templates",
    "sample_bank_path",
    "save_bank",
]
