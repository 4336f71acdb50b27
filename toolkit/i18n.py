"""Languages: Bahasa Indonesia by default, English on request.

Every message a user reads goes through :func:`gettext` (imported as ``_``).
Message ids are English; Indonesian text lives in gettext ``.po`` catalogs under
``toolkit/locale/id/`` (one file per area, all merged) and in the catalog folders
that plugins return from ``register_locale_dirs``. English falls back to the id.

The language is chosen, in order, by :func:`set_language` / :func:`language`
(a context variable, so each kernel or request keeps its own), the environment
variable ``ASESORLAB_LANG``, and the default ``id``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

LANGUAGES: tuple[str, ...] = ("id", "en")
DEFAULT_LANGUAGE = "id"
LOCALE_DIR = Path(__file__).parent / "locale"

_current: ContextVar[str | None] = ContextVar("asesorlab_language", default=None)
_extra_dirs: list[Path] = []


class LanguageError(ValueError):
    """An unsupported language code was asked for."""


def normalize_language(code: str | None) -> str:
    """Return ``id`` or ``en`` for a code such as ``EN``, ``en_US`` or ``id-ID``."""
    if not code:
        return DEFAULT_LANGUAGE
    base = code.strip().lower().replace("-", "_").split("_")[0]
    if base == "in":  # the old ISO code for Indonesian
        base = "id"
    if base not in LANGUAGES:
        raise LanguageError(f"unsupported language {code!r}; choose one of: {', '.join(LANGUAGES)}")
    return base


def get_language() -> str:
    """The language in force: the context's, else ``ASESORLAB_LANG``, else ``id``."""
    chosen = _current.get()
    if chosen:
        return chosen
    try:
        return normalize_language(os.environ.get("ASESORLAB_LANG"))
    except LanguageError:
        return DEFAULT_LANGUAGE


def set_language(code: str | None) -> str:
    """Set the language for this context and return the normalised code."""
    lang = normalize_language(code) if code else None
    _current.set(lang)
    return lang or get_language()


@contextmanager
def language(code: str | None) -> Iterator[str]:
    """Use ``code`` inside a ``with`` block, then restore the previous language."""
    token = _current.set(normalize_language(code) if code else _current.get())
    try:
        yield get_language()
    finally:
        _current.reset(token)


def add_locale_dirs(dirs: Iterable[Path | str]) -> None:
    """Merge the catalogs found under ``DIR/<lang>/*.po`` for each of ``dirs``."""
    added = False
    for folder in dirs:
        path = Path(folder)
        if path not in _extra_dirs:
            _extra_dirs.append(path)
            added = True
    if added:  # (each command line run makes a host: re-read the catalogs only if needed)
        _catalog.cache_clear()


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_ESCAPE = re.compile(r"\\(.)")


def _po_string(text: str) -> str:
    """The value of one quoted PO string (``"…"``), escapes resolved."""
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(text)
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), text[1:-1])


def read_simple_po(text: str) -> dict[str, str] | None:
    """msgid → msgstr of a PO file of single messages, or ``None`` if it uses more.

    Our catalogs hold only ``msgid``/``msgstr`` pairs (no plurals, no contexts); reading
    them here takes a few milliseconds, where Babel's full parser takes most of the
    command line's start-up. A file with anything else is left to Babel.
    """
    messages: dict[str, str] = {}
    msgid: list[str] | None = None
    msgstr: list[str] | None = None
    current: list[str] | None = None

    def flush() -> None:
        if msgid is not None and msgstr is not None:
            key, value = "".join(msgid), "".join(msgstr)
            if key and value:
                messages[key] = value

    try:
        for raw in text.splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("msgid "):
                flush()
                msgid, msgstr = [_po_string(line[6:].strip())], None
                current = msgid
            elif line.startswith("msgstr ") and msgid is not None and msgstr is None:
                msgstr = [_po_string(line[7:].strip())]
                current = msgstr
            elif line.startswith('"') and current is not None:
                current.append(_po_string(line))
            else:  # msgctxt, msgid_plural, msgstr[n], or something unexpected
                return None
    except ValueError:
        return None
    flush()
    return messages


@lru_cache(maxsize=8)
def _catalog(lang: str) -> dict[str, str]:
    messages: dict[str, str] = {}
    for root in (LOCALE_DIR, *_extra_dirs):
        for po_file in sorted((root / lang).glob("*.po")):
            simple = read_simple_po(po_file.read_text(encoding="utf-8"))
            if simple is not None:
                messages.update(simple)
                continue
            from babel.messages.pofile import read_po  # (only for catalogs that need it)

            with po_file.open("rb") as handle:
                for message in read_po(handle, locale=lang):
                    if message.id and isinstance(message.id, str) and message.string:
                        messages[message.id] = str(message.string)
    return messages


def catalog(lang: str) -> dict[str, str]:
    """All translations of one language, message id → text."""
    return dict(_catalog(normalize_language(lang)))


def gettext(message: str, /, lang: str | None = None, **values: object) -> str:
    """Translate ``message`` and fill its ``{named}`` placeholders from ``values``."""
    text = _catalog(normalize_language(lang) if lang else get_language()).get(message, message)
    return text.format(**values) if values else text


_ = gettext

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LanguageError",
    "add_locale_dirs",
    "catalog",
    "get_language",
    "gettext",
    "language",
    "normalize_language",
    "set_language",
]
