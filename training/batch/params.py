"""A notebook's declared parameters, and checking a run's values against them.

Papermill only guesses parameter types. Our notebooks declare them in the cell tagged
``parameters``, one assignment per parameter with a type comment in papermill's own
syntax (so ``papermill --help-notebook`` shows them too)::

    seed = 1  # type: int  random seed of the case generator
    units = "all"  # type: list[str]|str  unit codes, or "all"
    language = "id"  # type: Literal["id","en"]  language of the pack
    scheme = None  # type: path|None  scheme file (relative to the manifest)

or as annotations (``seed: int = 1``). Types: ``int``, ``float`` (an int is accepted),
``str``, ``bool``, ``None``, ``Any``, ``list[T]``, ``dict[K,V]``, ``Literal[...]``, unions
with ``|``, and ``path``: a string naming an existing file, resolved against the manifest's
folder (its content is part of the run's input hash). A parameter without a type takes the
type of its default value.

A notebook may also name a checker in its metadata (``{"asesorlab": {"validate":
"training.pack:check_parameters"}}``): a function given the parameters, returning a list of
``(name, message)`` problems, for rules that types cannot say (e.g. a unit code that is
not in the scheme).
"""

from __future__ import annotations

import ast
import importlib
import io
import tokenize
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from toolkit.i18n import _

_SIMPLE = {"int", "float", "str", "bool", "None", "NoneType", "Any", "object", "path", "list",
           "dict"}
_MISSING = object()


class DeclarationError(ValueError):
    """The notebook declares a parameter with a type we cannot read."""


@dataclass(frozen=True)
class Declared:
    """One declared parameter: name, type (as written), default value and help text."""

    name: str
    type: str
    default: Any
    help: str = ""

    @property
    def is_path(self) -> bool:
        """True when the value names a file (type ``path`` or ``path|None``)."""
        return "path" in _type_names(ast.parse(self.type, mode="eval").body)


def _type_names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _check_type_text(text: str, name: str) -> None:
    try:
        tree = ast.parse(text, mode="eval").body
    except SyntaxError:
        raise DeclarationError(_("parameter {name}: cannot read the type {type!r}", name=name,
                                 type=text)) from None
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and \
                node.value.id == "Literal":
            continue
        if isinstance(node, ast.Name) and node.id not in _SIMPLE | {"Literal", "Optional",
                                                                     "Union"}:
            raise DeclarationError(_("parameter {name}: unknown type {type!r}", name=name,
                                     type=node.id))


def _comments(source: str) -> dict[int, str]:
    found: dict[int, str] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                found[token.start[0]] = token.string.lstrip("#").strip()
    except (tokenize.TokenError, IndentationError):
        pass
    return found


def _type_of_default(value: Any) -> str:
    if value is _MISSING or value is None:
        return "Any"
    for kind in (bool, int, float, str, list, dict):
        if isinstance(value, kind):
            return kind.__name__
    return "Any"


def parse_parameters_cell(source: str) -> dict[str, Declared]:
    """The parameters declared by the source of a ``parameters`` cell, in order."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise DeclarationError(_("the parameters cell is not valid Python: {problem}",
                                 problem=exc.msg)) from None
    comments = _comments(source)
    declared: dict[str, Declared] = {}
    for statement in tree.body:
        annotation = None
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            name, value = statement.target.id, statement.value
            annotation = ast.unparse(statement.annotation)
            if isinstance(statement.annotation, ast.Constant) and \
                    isinstance(statement.annotation.value, str):
                annotation = statement.annotation.value
        elif isinstance(statement, ast.Assign) and len(statement.targets) == 1 and \
                isinstance(statement.targets[0], ast.Name):
            name, value = statement.targets[0].id, statement.value
        else:
            continue
        try:
            default = ast.literal_eval(value) if value is not None else _MISSING
        except ValueError:
            default = _MISSING
        comment = comments.get(statement.lineno, "")
        help_text = comment
        if comment.startswith("type:"):
            rest = comment[len("type:"):].strip().split(None, 1)
            annotation = annotation or (rest[0] if rest else None)
            help_text = rest[1] if len(rest) > 1 else ""
        kind = annotation or _type_of_default(default)
        _check_type_text(kind, name)
        declared[name] = Declared(name, kind, None if default is _MISSING else default,
                                  help_text.strip())
    return declared


def declared_parameters(notebook: Any) -> dict[str, Declared]:
    """The parameters of a notebook (a path or a ``NotebookNode``); empty if it has none."""
    nb = nbformat.read(str(notebook), as_version=4) if isinstance(notebook, str | Path) \
        else notebook
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            return parse_parameters_cell(cell.source)
    return {}


def notebook_checker(notebook: Any) -> Callable[[dict[str, Any]], list[tuple[str, str]]] | None:
    """The extra checker a notebook names in ``metadata.asesorlab.validate``, if any."""
    target = notebook.metadata.get("asesorlab", {}).get("validate")
    if not target:
        return None
    module, _sep, attribute = str(target).partition(":")
    try:
        return getattr(importlib.import_module(module), attribute)
    except (ImportError, AttributeError) as exc:
        raise DeclarationError(_("the notebook's checker {target!r} cannot be loaded: "
                                 "{problem}", target=target, problem=exc)) from None


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_value(type_text: str, value: Any) -> bool:
    """Whether ``value`` (as read from YAML) fits the declared type."""
    return _fits(ast.parse(type_text, mode="eval").body, value)


def _fits(node: ast.AST, value: Any) -> bool:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _fits(node.left, value) or _fits(node.right, value)
    if isinstance(node, ast.Constant):
        return value is None if node.value is None else value == node.value
    if isinstance(node, ast.Name):
        return _fits_name(node.id, value)
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        outer = node.value.id
        args = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if outer == "Literal":
            return any(isinstance(a, ast.Constant) and a.value == value and
                       type(a.value) is type(value) for a in args)
        if outer in ("Union", "Optional"):
            return any(_fits(a, value) for a in args) or (outer == "Optional" and value is None)
        if outer == "list":
            return isinstance(value, list) and all(_fits(args[0], item) for item in value)
        if outer == "dict" and len(args) == 2:
            return isinstance(value, dict) and all(
                _fits(args[0], k) and _fits(args[1], v) for k, v in value.items())
    return False


def _fits_name(name: str, value: Any) -> bool:
    if name in ("Any", "object"):
        return True
    if name in ("None", "NoneType"):
        return value is None
    if name == "bool":
        return isinstance(value, bool)
    if name == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "float":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if name in ("str", "path"):
        return isinstance(value, str)
    if name == "list":
        return isinstance(value, list)
    if name == "dict":
        return isinstance(value, dict)
    return False


def check_parameters(declared: dict[str, Declared], values: dict[str, Any],
                     base: Path) -> tuple[dict[str, Any], list[tuple[str | None, str]]]:
    """Check ``values`` against ``declared``; return the values to inject and the problems.

    Paths (type ``path``) are resolved against ``base`` and must name an existing file;
    the returned values hold them as absolute paths. Problems are ``(parameter, message)``.
    """
    problems: list[tuple[str | None, str]] = []
    resolved: dict[str, Any] = {}
    for name, value in values.items():
        if name not in declared:
            problems.append((name, _("unknown parameter {name!r}; the notebook declares: "
                                     "{declared}", name=name,
                                     declared=", ".join(declared) or "-")))
            continue
        parameter = declared[name]
        if not check_value(parameter.type, value):
            problems.append((name, _("parameter {name!r} must be {type}, not {value}",
                                     name=name, type=parameter.type, value=_describe(value))))
            continue
        if parameter.is_path and isinstance(value, str):
            path = Path(value).expanduser()
            path = (path if path.is_absolute() else base / path).resolve()
            if not path.is_file():
                problems.append((name, _("parameter {name!r}: file not found: {path}",
                                         name=name, path=value)))
                continue
            value = str(path)
        resolved[name] = value
    return resolved, problems


__all__ = [
    "DeclarationError",
    "Declared",
    "check_parameters",
    "check_value",
    "declared_parameters",
    "notebook_checker",
    "parse_parameters_cell",
]
