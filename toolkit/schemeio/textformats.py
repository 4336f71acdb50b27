"""YAML and JSON scheme files, read with line numbers for every error.

Both are parsed into a YAML node tree (JSON is YAML's subset), so that every
key and list item keeps the line it was written on. Files are opened through
:mod:`toolkit.safeio`, which refuses hostile ones (size, nesting, alias bombs) first.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from .. import safeio
from ..errors import SchemeError, SchemeInvalid
from ..i18n import _
from ..scheme import Scheme
from .atomic import write_text_atomic
from .validate import DataPath, LoadedScheme, Locator, build_scheme

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def read_input_text(path: Path) -> str:
    """The UTF-8 text of ``path``; a located error when it is empty, too big or not text."""
    return safeio.read_text(path)


def _index_lines(node: yaml.Node, path: DataPath, locator: Locator) -> None:
    """Record the line of every key and list item below ``node``; report repeated keys."""
    locator.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            child = (*path, key)
            if key in seen:
                raise SchemeInvalid([SchemeError(
                    _("key {key!r} appears twice in the same mapping", key=key),
                    file=locator.file, line=key_node.start_mark.line + 1)])
            seen.add(key)
            _index_lines(value_node, child, locator)
            locator.lines[child] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_lines(item, (*path, index), locator)


def _syntax_error(path: Path, exc: yaml.YAMLError) -> SchemeInvalid:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    return SchemeInvalid([SchemeError(
        _("YAML syntax error: {problem}", problem=problem),
        file=str(path), line=mark.line + 1 if mark else None)])


def compose_yaml(text: str, path: Path, lenient: bool = False) -> tuple[Any, Locator]:
    """Parse YAML (or JSON) ``text`` into data and a :class:`Locator` of every key's line.

    Syntax errors and repeated keys raise located errors; ``lenient`` returns no data
    and an empty locator on syntax errors instead (for JSON that YAML cannot read).
    """
    locator = Locator(str(path))
    try:
        safeio.check_yaml(text, path)
    except SchemeInvalid:
        if lenient:
            return None, locator
        raise
    except yaml.YAMLError as exc:
        if lenient:
            return None, locator
        raise _syntax_error(path, exc) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, locator
        _index_lines(node, (), locator)
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        if lenient:  # valid JSON that YAML cannot read: no line numbers, no harm
            return None, Locator(str(path))
        raise _syntax_error(path, exc) from None
    finally:
        loader.dispose()
    return data, locator


def read_yaml(path: str | Path) -> LoadedScheme:
    """Read a YAML scheme file."""
    file = Path(path)
    data, locator = compose_yaml(read_input_text(file), file)
    return build_scheme(data, locator)


def read_json_data(path: str | Path) -> tuple[Any, Locator]:
    """Parse a JSON file into data and a line index; every problem is located."""
    file = Path(path)
    text = read_input_text(file)
    repeated: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _value in items]
        repeated.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(items)

    data = safeio.load_json(text, file, object_pairs_hook=pairs)
    if repeated:  # the YAML index names the line of the repeated key
        compose_yaml(text, file)
        raise SchemeInvalid([SchemeError(_("key {key!r} appears twice in the same mapping",
                                           key=repeated[0]), file=str(file))])
    return data, Locator(str(file), index=lambda: compose_yaml(text, file, lenient=True)[1].lines)


def read_json(path: str | Path) -> LoadedScheme:
    """Read a JSON scheme file (the same shape as YAML)."""
    return build_scheme(*read_json_data(path))


def write_yaml(scheme: Scheme, path: str | Path) -> None:
    """Write ``scheme`` as YAML (atomically)."""
    text = yaml.dump(scheme.to_data(), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=100)
    write_text_atomic(Path(path), text)


def write_json(scheme: Scheme, path: str | Path) -> None:
    """Write ``scheme`` as JSON (atomically)."""
    text = json.dumps(scheme.to_data(), ensure_ascii=False, indent=2) + "\n"
    write_text_atomic(Path(path), text)


__all__ = [
    "compose_yaml",
    "read_input_text",
    "read_json",
    "read_json_data",
    "read_yaml",
    "write_json",
    "write_yaml",
]
