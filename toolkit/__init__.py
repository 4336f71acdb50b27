"""asesorlab's domain core: schemes, instruments, cases, judgements, scores, plugins.

Nothing here imports ipywidgets or Jupyter server code; the ``widgets`` and
``training`` packages build on this one and extend it through hooks.
"""

from __future__ import annotations

__version__ = "0.1.0"

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
