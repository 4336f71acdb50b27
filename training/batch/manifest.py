"""The batch manifest: which notebook, where the outputs go, and the runs (a grid and rows).

A manifest is a YAML file (format in ``docs/batch.md``)::

    notebook: training_pack        # a bundled notebook name or a path
    output: packs/
    formats: [ipynb, html]
    grid:                          # the cross product of these lists
      seed: [1, 2, 3]
      language: [id, en]
    runs:                          # and/or explicit rows
      - {scheme: schemes/jwd.yaml, seed: 9}

Structural problems (bad YAML, unknown keys, a missing notebook) raise
:class:`ManifestInvalid` with located errors; each run keeps the line of every value
so that a bad row can be reported where it was written. The file is read through
:mod:`toolkit.safeio` (size, nesting and alias limits); merge keys (``<<: *defaults``)
are applied; a manifest asking for more than ``Limits.max_runs`` runs is refused before
any run is expanded.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from toolkit import safeio
from toolkit.errors import SchemeError, SchemeInvalid
from toolkit.i18n import _

FORMATS: tuple[str, ...] = ("ipynb", "html", "docx")
DEFAULT_FORMATS: tuple[str, ...] = ("ipynb", "html")
_KEYS = ("notebook", "output", "formats", "grid", "runs")


class ManifestInvalid(SchemeInvalid):
    """The manifest itself is unusable (exit code 2); holds located errors."""


def notebooks_dir() -> Path:
    """The repository's ``notebooks/`` folder, where bundled notebooks live."""
    import training

    return Path(training.__file__).resolve().parent.parent / "notebooks"


def bundled_notebooks() -> list[str]:
    """Names of the bundled notebooks (``training_pack``, …)."""
    return sorted(p.stem for p in notebooks_dir().glob("*.ipynb"))


@dataclass
class RunSpec:
    """One run asked for by the manifest: its parameters and where each was written."""

    index: int
    parameters: dict[str, Any]
    line: int
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, name: str) -> int:
        """The manifest line of parameter ``name`` (the row's line if unknown)."""
        return self.lines.get(name, self.line)


@dataclass
class Manifest:
    """A parsed manifest: notebook, output folder, formats and the expanded runs."""

    path: Path
    notebook: Path
    output: Path
    formats: tuple[str, ...]
    runs: list[RunSpec]

    @property
    def base(self) -> Path:
        """The folder relative paths in the manifest are resolved against."""
        return self.path.parent


def resolve_notebook(value: str, base: Path) -> Path | None:
    """A bundled notebook name (``training_pack``) or a path relative to ``base``."""
    try:
        if "/" not in value and "\\" not in value and not value.endswith(".ipynb"):
            bundled = notebooks_dir() / f"{value}.ipynb"
            return bundled if bundled.is_file() else None
        path = Path(value).expanduser()
        path = path if path.is_absolute() else base / path
        return path.resolve() if path.is_file() else None
    except (OSError, ValueError, RuntimeError):  # a name too long, a NUL, a symlink loop
        return None


def parse_formats(value: Any, file: str, line: int | None) -> tuple[str, ...]:
    """Check a list of output formats (or a comma-separated string)."""
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise ManifestInvalid([SchemeError(_("formats must be a list, e.g. [ipynb, html]"),
                                           file=file, line=line)])
    formats = tuple(str(item).strip().lower() for item in items)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ManifestInvalid([SchemeError(
            _("unknown format {name!r}; known formats: {known}", name=unknown[0],
              known=", ".join(FORMATS)), file=file, line=line)])
    return tuple(dict.fromkeys(formats))


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _python(node: yaml.Node) -> Any:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _mapping(node: yaml.MappingNode, file: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """Key → (key node, value node), after applying merge keys (``<<: *defaults``)."""
    loader = yaml.SafeLoader("")
    try:
        loader.flatten_mapping(node)
    except yaml.YAMLError as exc:  # ``<<:`` followed by something that is not a mapping
        mark = getattr(exc, "problem_mark", None)
        raise ManifestInvalid([SchemeError(
            _("not valid YAML: {problem}", problem=getattr(exc, "problem", None) or exc),
            file=file,
            line=mark.line + 1 if mark else _line(node))]) from None
    finally:
        loader.dispose()
    return {str(_python(k)): (k, v) for k, v in node.value}


def load_manifest(path: str | Path) -> Manifest:
    """Read and check a manifest; raise :class:`ManifestInvalid` with located errors."""
    file = Path(path)
    name = str(file)
    if not file.is_file():
        raise ManifestInvalid([SchemeError(_("file not found"), file=name)])
    try:
        root = safeio.compose_yaml_node(safeio.read_text(file), name)
    except SchemeInvalid as exc:
        raise ManifestInvalid(exc.errors) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ManifestInvalid([SchemeError(_("not valid YAML: {problem}", problem=problem),
                                           file=name, line=mark.line + 1 if mark else None)]
                              ) from None
    except UnicodeDecodeError:
        raise ManifestInvalid([SchemeError(_("not a UTF-8 text file"), file=name)]) from None
    if not isinstance(root, yaml.MappingNode):
        raise ManifestInvalid([SchemeError(_("a manifest is a mapping with the keys {keys}",
                                             keys=", ".join(_KEYS)),
                                           file=name, line=_line(root) if root else None)])
    errors: list[SchemeError] = []
    top = _mapping(root, name)
    for key, (key_node, _value) in top.items():
        if key not in _KEYS:
            errors.append(SchemeError(_("unknown key {key!r}; expected one of: {keys}",
                                        key=key, keys=", ".join(_KEYS)),
                                      file=name, line=_line(key_node)))
    base = file.resolve().parent
    notebook: Path | None = None
    if "notebook" not in top:
        errors.append(SchemeError(_("the manifest names no notebook (key 'notebook')"),
                                  file=name, line=1))
    else:
        node = top["notebook"][1]
        value = _python(node)
        notebook = resolve_notebook(str(value), base) if isinstance(value, str) else None
        if notebook is None:
            errors.append(SchemeError(
                _("notebook {name!r} not found (a path, or one of the bundled notebooks: "
                  "{bundled})", name=value, bundled=", ".join(bundled_notebooks()) or "-"),
                file=name, line=_line(node)))
    output = base / "batch-output"
    if "output" in top:
        value = _python(top["output"][1])
        if not isinstance(value, str) or not value.strip():
            errors.append(SchemeError(_("output must be a folder path"), file=name,
                                      line=_line(top["output"][1])))
        else:
            output = (base / Path(value).expanduser()).resolve()
    formats = DEFAULT_FORMATS
    if "formats" in top:
        try:
            formats = parse_formats(_python(top["formats"][1]), name, _line(top["formats"][1]))
        except ManifestInvalid as exc:
            errors.extend(exc.errors)
    runs = _grid_runs(top.get("grid"), name, errors)
    if not errors:
        runs += _row_runs(top.get("runs"), name, errors, len(runs))
    if not errors and not runs:
        errors.append(SchemeError(_("the manifest has no runs (add 'grid' and/or 'runs')"),
                                  file=name, line=1))
    if errors:
        raise ManifestInvalid(sorted(errors, key=lambda error: error.line or 0))
    for index, run in enumerate(runs):
        run.index = index
    assert notebook is not None
    return Manifest(path=file.resolve(), notebook=notebook, output=output, formats=formats,
                    runs=runs)


def _grid_runs(entry: tuple[yaml.Node, yaml.Node] | None, file: str,
               errors: list[SchemeError]) -> list[RunSpec]:
    if entry is None:
        return []
    key_node, node = entry
    if not isinstance(node, yaml.MappingNode):
        errors.append(SchemeError(_("grid must map parameter names to lists of values"),
                                  file=file, line=_line(node)))
        return []
    names: list[str] = []
    choices: list[list[tuple[Any, int]]] = []
    grid = _mapping(node, file)
    sizes = [len(values.value) if isinstance(values, yaml.SequenceNode) else 1
             for _key, values in grid.values()]
    limit = safeio.current_limits().max_runs
    if math.prod(sizes) > limit:
        errors.append(SchemeError(_("the grid asks for {count} runs, more than the limit of "
                                    "{limit}; split the manifest", count=math.prod(sizes),
                                    limit=limit), file=file, line=_line(key_node)))
        return []
    for name, (_key, values) in grid.items():
        items = values.value if isinstance(values, yaml.SequenceNode) else [values]
        if not items:
            errors.append(SchemeError(_("grid parameter {name!r} has an empty list", name=name),
                                      file=file, line=_line(values)))
            return []
        names.append(name)
        choices.append([(_python(item), _line(item)) for item in items])
    runs = []
    for combination in itertools.product(*choices):
        parameters = {n: value for n, (value, _l) in zip(names, combination, strict=True)}
        lines = {n: line for n, (_v, line) in zip(names, combination, strict=True)}
        runs.append(RunSpec(0, parameters, _line(key_node), lines))
    return runs


def _row_runs(entry: tuple[yaml.Node, yaml.Node] | None, file: str,
              errors: list[SchemeError], grid_runs: int = 0) -> list[RunSpec]:
    if entry is None:
        return []
    node = entry[1]
    if not isinstance(node, yaml.SequenceNode):
        errors.append(SchemeError(_("runs must be a list of rows (parameter: value mappings)"),
                                  file=file, line=_line(node)))
        return []
    limit = safeio.current_limits().max_runs
    if grid_runs + len(node.value) > limit:
        errors.append(SchemeError(_("the manifest asks for {count} runs, more than the limit "
                                    "of {limit}; split the manifest",
                                    count=grid_runs + len(node.value), limit=limit),
                                  file=file, line=_line(node)))
        return []
    runs = []
    for row in node.value:
        if not isinstance(row, yaml.MappingNode):
            errors.append(SchemeError(_("a run row must be a mapping of parameter: value"),
                                      file=file, line=_line(row)))
            continue
        mapping = _mapping(row, file)
        runs.append(RunSpec(0, {n: _python(v) for n, (_k, v) in mapping.items()}, _line(row),
                            {n: _line(k) for n, (k, _v) in mapping.items()}))
    return runs


__all__ = [
    "DEFAULT_FORMATS",
    "FORMATS",
    "Manifest",
    "ManifestInvalid",
    "RunSpec",
    "bundled_notebooks",
    "load_manifest",
    "notebooks_dir",
    "parse_formats",
    "resolve_notebook",
]
