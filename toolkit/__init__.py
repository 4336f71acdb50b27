"""asesorlab's domain core: schemes, instruments, cases, judgements, scores, plugins.

Nothing here imports ipywidgets or Jupyter server code; the ``widgets`` and
``training`` packages build on this one and extend it through hooks.
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

# Names are imported on first use (PEP 562), so that ``import toolkit`` (and the command
# line's ``--version``/``--help``) does not pay for pydantic, the readers and the plugins.
_LAZY: dict[str, str] = {
    "Finding": "checks", "check_scheme": "checks", "is_skkni_code": "checks",
    "SchemeError": "errors", "SchemeInvalid": "errors", "SchemeWarning": "errors",
    "gettext": "i18n", "language": "i18n", "set_language": "i18n",
    "PluginHost": "plugins", "PluginLookupError": "plugins", "default_host": "plugins",
    "Criterion": "scheme", "CriterionRef": "scheme", "Element": "scheme", "Scheme": "scheme",
    "Unit": "scheme",
    "LoadedScheme": "schemeio", "SchemeFormat": "schemeio", "load_scheme": "schemeio",
    "read_scheme": "schemeio", "sample_scheme_path": "schemeio", "save_scheme": "schemeio",
}

if TYPE_CHECKING:
    from .checks import Finding, check_scheme, is_skkni_code
    from .errors import SchemeError, SchemeInvalid, SchemeWarning
    from .i18n import gettext, language, set_language
    from .plugins import PluginHost, PluginLookupError, default_host
    from .scheme import Criterion, CriterionRef, Element, Scheme, Unit
    from .schemeio import (
        LoadedScheme,
        SchemeFormat,
        load_scheme,
        read_scheme,
        sample_scheme_path,
        save_scheme,
    )


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "Criterion",
    "CriterionRef",
    "Element",
    "Finding",
    "LoadedScheme",
    "PluginHost",
    "PluginLookupError",
    "Scheme",
    "SchemeError",
    "SchemeFormat",
    "SchemeInvalid",
    "SchemeWarning",
    "Unit",
    "__version__",
    "check_scheme",
    "default_host",
    "gettext",
    "is_skkni_code",
    "language",
    "load_scheme",
    "read_scheme",
    "sample_scheme_path",
    "save_scheme",
    "set_language",
]
