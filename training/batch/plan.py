"""Turning a manifest into runs: check every row, name it, hash its inputs, and skip done ones.

Each row is checked against the notebook's declared parameters (see
:mod:`training.batch.params`); a bad row becomes a failed result that names its manifest
line, and the other rows still run. A run's name is readable and stable (a slug of its
values and a short hash), and its input hash covers the notebook, the parameters, the
content of every file parameter and the formats, so ``--resume`` skips a run only when
nothing it depends on has changed.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from toolkit.errors import SchemeError
from toolkit.i18n import _, get_language

from .execute import RunResult, RunTask, marker_path
from .manifest import Manifest, ManifestInvalid
from .params import (
    DeclarationError,
    check_parameters,
    declared_parameters,
    notebook_checker,
)

OUT_DIR_PARAMETER = "out_dir"


@dataclass
class PlannedRun:
    """A manifest run: a task to execute, or already a result (invalid or skipped)."""

    index: int
    task: RunTask | None
    result: RunResult | None


def notebook_imports(nb: Any) -> tuple[str, ...]:
    """Modules imported at the top level of the notebook's code cells (for preloading)."""
    found: dict[str, None] = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Import):
                found.update({alias.name: None for alias in node.names})
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found[node.module] = None
    return tuple(found)


def notebook_preload(nb: Any) -> tuple[str, ...]:
    """What a kernel preloads for ``nb``: its imports and its ``asesorlab.preload`` warm-ups."""
    return (*notebook_imports(nb), *nb.metadata.get("asesorlab", {}).get("preload", []))


def notebook_kernel(nb: Any) -> str:
    """The kernel a notebook asks for (``python3`` when it does not say)."""
    return str(nb.metadata.get("kernelspec", {}).get("name") or "python3")


def _slug(value: Any) -> str:
    if isinstance(value, str) and ("/" in value or "\\" in value):
        value = Path(value).stem
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:16]


def run_name(parameters: dict[str, Any]) -> str:
    """A readable, stable folder name for a run: its values and a hash of all of them."""
    digest = hashlib.sha256(json.dumps(parameters, sort_keys=True, default=str)
                            .encode()).hexdigest()[:8]
    words = [_slug(v) for v in parameters.values() if _slug(v)]
    stem = "-".join(words)[:60].strip("-")
    return f"{stem}-{digest}" if stem else digest


def input_hash(notebook: Path, parameters: dict[str, Any], files: list[Path],
               formats: tuple[str, ...]) -> str:
    """The hash that decides whether a completed run is still up to date."""
    digest = hashlib.sha256(notebook.read_bytes())
    digest.update(json.dumps(parameters, sort_keys=True, default=str).encode())
    for file in files:
        digest.update(file.read_bytes())
    digest.update(",".join(sorted(formats)).encode())
    return digest.hexdigest()


def is_done(output: Path, name: str, expected_hash: str) -> RunResult | None:
    """The result recorded for a completed run, if its inputs and outputs are all still there."""
    marker = marker_path(output, name)
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("input_hash") != expected_hash:
        return None
    result = RunResult(**data["result"])
    if not all((output / path).is_file() for path in result.outputs):
        return None
    return result


def check_files(manifest: Manifest) -> None:
    """Raise :class:`ManifestInvalid` naming every ``path`` parameter whose file is missing.

    A manifest naming a file that is not there is unusable as a whole (exit 2, before
    anything runs), unlike a row whose value is merely of the wrong type, which fails alone.
    """
    nb = nbformat.read(str(manifest.notebook), as_version=4)
    try:
        declared = declared_parameters(nb)
    except DeclarationError:
        return  # plan_runs reports the declaration itself
    errors: list[SchemeError] = []
    for spec in manifest.runs:
        for name, value in spec.parameters.items():
            parameter = declared.get(name)
            if parameter is None or not parameter.is_path or not isinstance(value, str):
                continue
            path = Path(value).expanduser()
            if not (path if path.is_absolute() else manifest.base / path).is_file():
                errors.append(SchemeError(
                    _("parameter {name!r}: file not found: {path} (paths are relative to "
                      "the manifest's folder)", name=name, path=value),
                    file=str(manifest.path), line=spec.line_of(name)))
    unique = list({(e.line, e.message): e for e in errors}.values())
    if unique:
        raise ManifestInvalid(unique)


def plan_runs(manifest: Manifest, output: Path, formats: tuple[str, ...],
              resume: bool = False) -> list[PlannedRun]:
    """Check every run of ``manifest`` and decide what to execute."""
    where = str(manifest.path)
    nb = nbformat.read(str(manifest.notebook), as_version=4)
    try:
        declared = declared_parameters(nb)
        checker = notebook_checker(nb)
    except DeclarationError as exc:
        raise ManifestInvalid([SchemeError(str(exc), file=str(manifest.notebook))]) from None
    preload = notebook_preload(nb)
    planned: list[PlannedRun] = []
    seen: dict[str, int] = {}
    for spec in manifest.runs:
        values, problems = check_parameters(declared, spec.parameters, manifest.base)
        if OUT_DIR_PARAMETER in spec.parameters:
            problems.append((OUT_DIR_PARAMETER, _("parameter {name!r} is set by the batch (each "
                                                  "run writes into its own folder)",
                                                  name=OUT_DIR_PARAMETER)))
        if not problems and checker is not None:
            problems.extend(checker({**{n: d.default for n, d in declared.items()}, **values}))
        if OUT_DIR_PARAMETER in declared:
            values[OUT_DIR_PARAMETER] = "."
        name = run_name({k: v for k, v in spec.parameters.items()})
        if not problems and name in seen:
            problems.append((None, _("the same parameters as the run on line {line}",
                                     line=seen[name])))
        seen.setdefault(name, spec.line)
        if problems:
            error = "; ".join(f"{where}:{spec.line_of(p) if p else spec.line}: {message}"
                              for p, message in problems)
            planned.append(PlannedRun(spec.index, None, RunResult(
                name, "failed", spec.parameters, error=error, line=spec.line)))
            continue
        files = [Path(values[n]) for n, d in declared.items()
                 if d.is_path and isinstance(values.get(n), str)]
        digest = input_hash(manifest.notebook, values, files, formats)
        done = is_done(output, name, digest) if resume else None
        if done is not None:
            done.status, done.seconds, done.error, done.line = "skipped", 0.0, None, spec.line
            planned.append(PlannedRun(spec.index, None, done))
            continue
        task = RunTask(name=name, notebook=str(manifest.notebook), parameters=values,
                       output=str(output), formats=formats, input_hash=digest,
                       preload=preload, language=get_language(), lines=[spec.line])
        planned.append(PlannedRun(spec.index, task, None))
    return planned


__all__ = [
    "PlannedRun",
    "check_files",
    "input_hash",
    "is_done",
    "notebook_imports",
    "notebook_kernel",
    "notebook_preload",
    "plan_runs",
    "run_name",
]
