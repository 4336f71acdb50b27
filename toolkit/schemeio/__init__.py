"""Reading and writing scheme files, by file type, through the plugin host.

The built-in formats (YAML, JSON, XLSX) are registered by
:mod:`toolkit.plugins.default_formats`; plugins add more through the
``register_scheme_formats`` hook. :func:`load_scheme` and :func:`save_scheme`
pick the format from the file's extension.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import SchemeError, SchemeInvalid
from ..i18n import _

if TYPE_CHECKING:
    from ..plugins import PluginHost
    from ..scheme import Scheme
    from .validate import LoadedScheme, Locator, build_scheme

#: imported from :mod:`.validate` on first use (it pulls in pydantic and the checks)
_FROM_VALIDATE = ("LoadedScheme", "Locator", "build_scheme")


def __getattr__(name: str) -> Any:
    if name in _FROM_VALIDATE:
        from . import validate

        return getattr(validate, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class SchemeFormat:
    """A scheme file type: its extensions and how to read and/or write it."""

    name: str
    extensions: tuple[str, ...]
    read: Callable[[Path], LoadedScheme] | None = None
    write: Callable[[Scheme, Path], None] | None = None
    description: str = ""


def _host(host: PluginHost | None) -> PluginHost:
    if host is not None:
        return host
    from ..plugins import default_host

    return default_host()


def _format_for(path: Path, host: PluginHost, need: str) -> SchemeFormat:
    suffix = path.suffix.lower()
    formats = host.scheme_formats()
    for fmt in formats:
        if suffix in fmt.extensions and getattr(fmt, need) is not None:
            return fmt
    known = sorted({ext for fmt in formats if getattr(fmt, need) for ext in fmt.extensions})
    message = (_("cannot read files of type {suffix!r}; known types: {known}",
                 suffix=suffix or path.name, known=", ".join(known)) if need == "read"
               else _("cannot write files of type {suffix!r}; known types: {known}",
                      suffix=suffix or path.name, known=", ".join(known)))
    raise SchemeInvalid([SchemeError(message, file=str(path))])


def load_scheme(path: str | Path, host: PluginHost | None = None) -> LoadedScheme:
    """Read a scheme file of any registered type; raise :class:`SchemeInvalid` on errors."""
    file = Path(path)
    fmt = _format_for(file, _host(host), "read")
    if not file.exists():
        raise SchemeInvalid([SchemeError(_("file not found"), file=str(file))])
    if file.is_dir():
        raise SchemeInvalid([SchemeError(_("this is a folder, not a file"), file=str(file))])
    assert fmt.read is not None
    loaded = fmt.read(file)
    loaded.path = str(file)
    return loaded


def read_scheme(path: str | Path, host: PluginHost | None = None) -> Scheme:
    """Read a scheme file and return only the scheme."""
    return load_scheme(path, host).scheme


def save_scheme(scheme: Scheme, path: str | Path, host: PluginHost | None = None) -> Path:
    """Write ``scheme`` to ``path`` in the type its extension names (atomically)."""
    file = Path(path)
    fmt = _format_for(file, _host(host), "write")
    assert fmt.write is not None
    fmt.write(scheme, file)
    return file


#: The folder of data files shipped with the package (sample scheme and bank).
DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def sample_scheme_path() -> Path:
    """The bundled sample scheme (Junior Web Programmer, SKKNI 282/2016)."""
    return DATA_DIR / "junior-web-programmer.yaml"


__all__ = [
    "DATA_DIR",
    "LoadedScheme",
    "Locator",
    "SchemeFormat",
    "build_scheme",
    "load_scheme",
    "read_scheme",
    "sample_scheme_path",
    "save_scheme",
]
