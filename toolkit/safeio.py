"""The one place where asesorlab opens files a user may have received from someone else.

Scheme files (YAML, JSON, XLSX), instrument banks, case, key and judgement files and batch
manifests are all read through these functions, which refuse a hostile or broken file at
once with a located error in the user's language instead of running out of time or memory:

- a byte-size limit for every file (and only regular files are read);
- YAML is checked event by event before it is composed: nesting depth, the number of
  values once every alias is expanded (the "billion laughs"), recursive aliases, tags other
  than the plain JSON-like ones (``!!binary``, ``!!python/…``) and absurdly long numbers;
- JSON nesting depth and long numbers, found before :func:`json.loads` runs;
- XLSX: the uncompressed size and number of parts of the zip, the number of sheets, rows
  and columns, checked before and while the workbook is read (read-only).

The limits are generous (see :class:`Limits`); ``ASESORLAB_MAX_FILE_MB`` raises or lowers
the byte limit, and every function takes a ``limits`` argument.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import SchemeError, SchemeInvalid
from .i18n import _


@dataclass(frozen=True)
class Limits:
    """How much of a user's file asesorlab agrees to read."""

    #: bytes of any input file (``ASESORLAB_MAX_FILE_MB``)
    max_bytes: int = 50 * 1024 * 1024
    #: nesting depth of YAML/JSON collections (a scheme needs 7)
    max_depth: int = 64
    #: YAML/JSON values once every alias is expanded
    max_nodes: int = 500_000
    #: digits of one number
    max_digits: int = 400
    #: XLSX: bytes of all parts once unzipped, parts, sheets, rows and columns read
    xlsx_max_unzipped: int = 200 * 1024 * 1024
    xlsx_max_parts: int = 2_000
    xlsx_max_sheets: int = 64
    xlsx_max_rows: int = 20_000
    xlsx_max_columns: int = 256
    #: runs a batch manifest may ask for
    max_runs: int = 10_000


def current_limits() -> Limits:
    """The default limits, with ``ASESORLAB_MAX_FILE_MB`` applied when it is set."""
    limits = Limits()
    raw = os.environ.get("ASESORLAB_MAX_FILE_MB", "").strip()
    if raw:
        try:
            megabytes = float(raw)
        except ValueError:
            megabytes = 0.0
        if megabytes > 0:
            limits = replace(limits, max_bytes=int(megabytes * 1024 * 1024))
    return limits


def _refuse(message: str, file: str | Path, line: int | None = None,
            cell: str | None = None) -> SchemeInvalid:
    return SchemeInvalid([SchemeError(message, file=str(file), line=line, cell=cell)])


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


# -- bytes and text ---------------------------------------------------------------------

def check_file(path: str | Path, limits: Limits | None = None) -> int:
    """The size of ``path``; a located error unless it is a regular file within the limit."""
    file = Path(path)
    limits = limits or current_limits()
    try:
        info = file.stat()
    except FileNotFoundError:
        raise _refuse(_("file not found"), file) from None
    except OSError as exc:
        raise _refuse(_("the file cannot be read: {problem}", problem=exc.strerror or exc),
                      file) from None
    if stat.S_ISDIR(info.st_mode):
        raise _refuse(_("this is a folder, not a file"), file)
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(_("this is not a regular file"), file)
    if info.st_size > limits.max_bytes:
        raise _refuse(_("the file is {size} MB, more than the limit of {limit} MB "
                        "(ASESORLAB_MAX_FILE_MB)", size=_megabytes(info.st_size),
                        limit=_megabytes(limits.max_bytes)), file)
    return info.st_size


def read_bytes(path: str | Path, limits: Limits | None = None) -> bytes:
    """The bytes of ``path``, never more than the byte limit (even if the file grows)."""
    limits = limits or current_limits()
    check_file(path, limits)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limits.max_bytes + 1)
    except OSError as exc:
        raise _refuse(_("the file cannot be read: {problem}", problem=exc.strerror or exc),
                      path) from None
    if len(raw) > limits.max_bytes:
        raise _refuse(_("the file is {size} MB, more than the limit of {limit} MB "
                        "(ASESORLAB_MAX_FILE_MB)", size=_megabytes(len(raw)),
                        limit=_megabytes(limits.max_bytes)), path)
    return raw


def read_text(path: str | Path, limits: Limits | None = None) -> str:
    """The UTF-8 text of ``path``; a located error when it is empty, too big or not text."""
    raw = read_bytes(path, limits)
    if not raw.strip():
        raise _refuse(_("the file is empty"), path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise _refuse(_("the file is not UTF-8 text (byte {offset}); is it the right file "
                        "type?", offset=exc.start), path, line=line) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise _refuse(_("the file holds a NUL character; is it the right file type?"), path,
                      line=line)
    return text


# -- YAML -------------------------------------------------------------------------------

#: explicit tags a user's YAML may carry (the JSON-like core schema)
_YAML_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in (
    "str", "int", "float", "bool", "null", "seq", "map"))
_NUMBER = re.compile(r"[-+]?[0-9][0-9_.,:eE+-]*")
_SURROGATE = re.compile("[\ud800-\udfff]")  # half of a character: cannot be written back


def _digits(text: str) -> int:
    return sum(char.isdigit() for char in text)


def check_yaml(text: str, path: str | Path, limits: Limits | None = None) -> None:
    """Refuse YAML that would be too deep, too big once its aliases are expanded, recursive,
    tagged with a non-data type, or hold an absurdly long number; every refusal located.

    Runs over the parser's events (no tree is built, nothing is expanded); YAML syntax
    errors are left to the caller (they raise :class:`yaml.YAMLError`).
    """
    import yaml

    limits = limits or current_limits()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    sizes: list[int] = []  # expanded size of each open collection
    anchors: list[str | None] = []
    closed: dict[str, int] = {}
    total = 0

    def line_of(event: Any) -> int:
        return int(event.start_mark.line) + 1

    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            if event.anchor in anchors:
                raise _refuse(_("the alias *{name} refers to a value that contains it "
                                "(a recursive alias)", name=event.anchor), path,
                              line=line_of(event))
            size = closed.get(event.anchor, 1)
        elif isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent):
            tag = event.tag
            if tag and tag != "!" and tag not in _YAML_TAGS:
                raise _refuse(_("the YAML tag {tag} is not allowed here (only plain text, "
                                "numbers, true/false, lists and mappings)",
                                tag=tag.replace("tag:yaml.org,2002:", "!!")), path,
                              line=line_of(event))
            if isinstance(event, yaml.ScalarEvent):
                if _SURROGATE.search(event.value):
                    raise _broken_character(path, line_of(event))
                if (event.implicit[0] and len(event.value) > limits.max_digits
                        and _NUMBER.fullmatch(event.value)
                        and _digits(event.value) > limits.max_digits):
                    raise _refuse(_("a number with {digits} digits (at most {limit})",
                                    digits=_digits(event.value), limit=limits.max_digits),
                                  path, line=line_of(event))
                size = 1
                if event.anchor:
                    closed[event.anchor] = 1
            else:
                sizes.append(1)
                anchors.append(event.anchor)
                total += 1
                if len(sizes) > limits.max_depth:
                    raise _refuse(_("the data is nested more than {limit} levels deep",
                                    limit=limits.max_depth), path, line=line_of(event))
                continue
        elif isinstance(event, yaml.CollectionEndEvent):
            size = sizes.pop()
            anchor = anchors.pop()
            if anchor:
                closed[anchor] = size
            if sizes:
                sizes[-1] += size
            continue
        else:
            continue
        total += size
        if sizes:
            sizes[-1] += size
        if total > limits.max_nodes:
            raise _refuse(_("the file expands to more than {limit} values (aliases repeat "
                            "values: is it an alias bomb?)", limit=limits.max_nodes), path,
                          line=line_of(event))


def _broken_character(path: str | Path, line: int | None) -> SchemeInvalid:
    return _refuse(_("the text holds half of a character (a lone UTF-16 surrogate such as "
                     "\\ud800); is the file damaged?"), path, line=line)


def compose_yaml_node(text: str, path: str | Path, limits: Limits | None = None) -> Any:
    """The YAML node tree of ``text`` after :func:`check_yaml` (``None`` for no document)."""
    import yaml

    check_yaml(text, path, limits)
    return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


# -- JSON -------------------------------------------------------------------------------

_JSON_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_JSON_BRACKET = re.compile(r"[\[\]{}]")
_LONG_NUMBER = re.compile(r"[0-9]{%d,}")
#: a surrogate pair escape (group 1, a whole character) or half of one (group 2)
_JSON_SURROGATE = re.compile(r"(\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2})"
                             r"|(\\u[dD][89a-fA-F][0-9a-fA-F]{2})")


def check_json(text: str, path: str | Path, limits: Limits | None = None) -> None:
    """Refuse JSON nested deeper than the limit or holding an absurdly long number (located).

    Strings are blanked out first (same length, so positions keep their line), then the
    brackets are counted: no recursion, whatever the input.
    """
    limits = limits or current_limits()
    bare = _JSON_STRING.sub(lambda match: " " * len(match.group()), text)
    depth = 0
    for match in _JSON_BRACKET.finditer(bare):
        depth += 1 if match.group() in "[{" else -1
        if depth > limits.max_depth:
            raise _refuse(_("the data is nested more than {limit} levels deep",
                            limit=limits.max_depth), path,
                          line=text.count("\n", 0, match.start()) + 1)
    long_number = re.compile(_LONG_NUMBER.pattern % (limits.max_digits + 1))
    found = long_number.search(bare)
    if found:
        digits = len(found.group())
        raise _refuse(_("a number with {digits} digits (at most {limit})", digits=digits,
                        limit=limits.max_digits), path,
                      line=text.count("\n", 0, found.start()) + 1)


def _check_characters(data: Any, text: str, path: str | Path) -> None:
    """Refuse strings holding half of a character (JSON allows ``"\\ud800"``)."""
    lone = next((m for m in _JSON_SURROGATE.finditer(text) if m.group(2)), None)
    if lone is None:
        return
    stack = [data]
    while stack:  # iterative: the depth is bounded, but no recursion is needed
        item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                raise _broken_character(path, text.count("\n", 0, lone.start()) + 1)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def load_json(text: str, path: str | Path, limits: Limits | None = None,
              object_pairs_hook: Callable[[list[tuple[str, Any]]], Any] | None = None) -> Any:
    """:func:`json.loads` after :func:`check_json`; syntax errors are located."""
    import json

    check_json(text, path, limits)
    try:
        data = json.loads(text, object_pairs_hook=object_pairs_hook)
    except json.JSONDecodeError as exc:
        raise _refuse(_("JSON syntax error: {problem} (column {column})", problem=exc.msg,
                        column=exc.colno), path, line=exc.lineno) from None
    except (ValueError, RecursionError) as exc:  # numbers json cannot convert
        raise _refuse(_("JSON value cannot be read: {problem}", problem=exc), path) from None
    if "\\u" in text:
        _check_characters(data, text, path)
    return data


# -- XLSX -------------------------------------------------------------------------------

def check_xlsx(path: str | Path, limits: Limits | None = None) -> None:
    """Refuse a workbook that is not a zip, or unzips to too many parts or bytes (a zip bomb).

    Uses the sizes the zip declares; Python's zip reader never returns more than those.
    """
    limits = limits or current_limits()
    size = check_file(path, limits)
    if size == 0:
        raise _refuse(_("the file is empty"), path)
    if not zipfile.is_zipfile(path):
        raise _refuse(_("not an Excel workbook (.xlsx); is it the right file type?"), path)
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refuse(_("the workbook cannot be opened: {problem}", problem=exc), path) from None
    if len(parts) > limits.xlsx_max_parts:
        raise _refuse(_("the workbook has {count} parts, more than {limit}", count=len(parts),
                        limit=limits.xlsx_max_parts), path)
    unzipped = sum(part.file_size for part in parts)
    if unzipped > limits.xlsx_max_unzipped:
        raise _refuse(_("the workbook unzips to {size} MB, more than the limit of {limit} MB "
                        "(a zip bomb?)", size=_megabytes(unzipped),
                        limit=_megabytes(limits.xlsx_max_unzipped)), path)
    try:
        with zipfile.ZipFile(path) as archive:
            for part, title in _sheet_parts(archive).items():
                if _count_rows(archive, part, limits.xlsx_max_rows + 1) > limits.xlsx_max_rows:
                    raise _refuse(_("the sheet has more than {limit} rows",
                                    limit=limits.xlsx_max_rows), path,
                                  cell=f"{title}!A{limits.xlsx_max_rows + 1}")
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
        raise _refuse(_("the workbook cannot be opened: {problem}", problem=exc), path) from None


_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part name → sheet title, from the workbook's own index (small parts)."""
    from xml.etree import ElementTree

    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return {}
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except ElementTree.ParseError:
        return {}  # openpyxl reports a damaged index itself
    targets = {rel.get("Id"): rel.get("Target") or "" for rel in rels}
    parts: dict[str, str] = {}
    for sheet in workbook.iter(f"{_MAIN_NS}sheet"):
        target = targets.get(sheet.get(_REL_ID), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        if part in names:
            parts[part] = sheet.get("name") or part
    return parts


def _count_rows(archive: zipfile.ZipFile, part: str, stop: int) -> int:
    """How many ``<row>`` elements ``part`` holds, counting no further than ``stop``.

    openpyxl's read-only mode parses a whole sheet to learn that it declares no size, so
    a sheet of a million rows is refused here, by a scan of its bytes, before it is opened.
    """
    count, tail = 0, b""
    with archive.open(part) as stream:
        while count < stop:
            chunk = stream.read(1 << 20)
            if not chunk:
                break
            data = tail + chunk
            cut = max(len(data) - 32, 0)  # a tag across the cut is counted next time
            count += sum(1 for match in _ROW_TAG.finditer(data) if match.start() < cut)
            tail = data[cut:]
        else:
            return count
    return count + len(_ROW_TAG.findall(tail))


def open_xlsx(path: str | Path, limits: Limits | None = None, data_only: bool = True) -> Any:
    """The workbook at ``path``, read-only, after :func:`check_xlsx`; close it after use."""
    limits = limits or current_limits()
    check_xlsx(path, limits)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise _refuse(_("the workbook cannot be opened: {problem}", problem=exc), path) from None
    if len(workbook.sheetnames) > limits.xlsx_max_sheets:
        count = len(workbook.sheetnames)
        workbook.close()
        raise _refuse(_("the workbook has {count} sheets, more than {limit}", count=count,
                        limit=limits.xlsx_max_sheets), path)
    return workbook


def sheet_rows(sheet: Any, path: str | Path,
               limits: Limits | None = None) -> Iterator[tuple[Any, ...]]:
    """The rows of a read-only sheet as value tuples, within the row and column limits.

    A sheet that declares more rows than the limit is refused before a row is read; one
    that holds more is refused at the first row past it (``Sheet!A<row>``).
    """
    limits = limits or current_limits()
    declared = getattr(sheet, "max_row", None)
    if isinstance(declared, int) and declared > limits.xlsx_max_rows:
        raise _refuse(_("the sheet has {count} rows, more than the limit of {limit}",
                        count=declared, limit=limits.xlsx_max_rows), path,
                      cell=f"{sheet.title}!A{limits.xlsx_max_rows + 1}")
    width = getattr(sheet, "max_column", None)
    max_col = min(width, limits.xlsx_max_columns) if isinstance(width, int) else None
    try:
        for number, row in enumerate(sheet.iter_rows(values_only=True, max_col=max_col),
                                     start=1):
            if number > limits.xlsx_max_rows:
                raise _refuse(_("the sheet has more than {limit} rows",
                                limit=limits.xlsx_max_rows), path,
                              cell=f"{sheet.title}!A{number}")
            yield tuple(row[:limits.xlsx_max_columns])
    except SchemeInvalid:
        raise
    except Exception as exc:  # damaged sheet XML, bad shared-string index, …
        raise _refuse(_("the sheet cannot be read: {problem}", problem=exc), path,
                      cell=f"{sheet.title}!A1") from None


__all__ = [
    "Limits",
    "check_file",
    "check_json",
    "check_xlsx",
    "check_yaml",
    "compose_yaml_node",
    "current_limits",
    "load_json",
    "open_xlsx",
    "read_bytes",
    "read_text",
    "sheet_rows",
]
