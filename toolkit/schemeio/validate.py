"""Turn parsed data into a :class:`~toolkit.scheme.Scheme`, with located errors.

Readers parse their format into plain data plus a *locator*: a function from a
data path (``("units", 0, "code")``) to a line or a cell. Validation errors from
the model and findings from :mod:`toolkit.checks` are turned into
:class:`~toolkit.errors.SchemeError` at the nearest located path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from ..checks import check_scheme
from ..errors import SchemeError, SchemeInvalid, SchemeWarning
from ..i18n import _
from ..scheme import Scheme

DataPath = tuple[str | int, ...]
Location = tuple[int | None, str | None]  # (line, cell)

M = TypeVar("M", bound=BaseModel)


@dataclass
class Locator:
    """Maps data paths to a line (text formats) or a cell (spreadsheets)."""

    file: str
    lines: dict[DataPath, int] = field(default_factory=dict)
    cells: dict[DataPath, str] = field(default_factory=dict)
    #: builds ``lines`` on first use, so a valid file is never indexed
    index: Callable[[], dict[DataPath, int]] | None = None

    def locate(self, path: DataPath) -> Location:
        """The location of ``path`` or of its nearest located ancestor."""
        if self.index is not None:
            self.lines.update(self.index())
            self.index = None
        probe = tuple(path)
        while True:
            if probe in self.lines:
                return self.lines[probe], None
            if probe in self.cells:
                return None, self.cells[probe]
            if not probe:
                return None, None
            probe = probe[:-1]

    def error(self, path: DataPath, message: str) -> SchemeError:
        """A :class:`SchemeError` at ``path``."""
        line, cell = self.locate(path)
        return SchemeError(message, file=self.file, line=line, cell=cell, path=tuple(path))

    def warning(self, path: DataPath, message: str) -> SchemeWarning:
        """A :class:`SchemeWarning` at ``path``."""
        line, cell = self.locate(path)
        return SchemeWarning(message, file=self.file, line=line, cell=cell, path=tuple(path))


@dataclass
class LoadedScheme:
    """A scheme read from a file, with the warnings found on the way."""

    scheme: Scheme
    warnings: list[SchemeWarning] = field(default_factory=list)
    path: str | None = None


def _model_at(root: type[BaseModel], path: DataPath) -> type[BaseModel]:
    """The model class that holds the value at ``path`` below ``root``."""
    model = root
    for part in path:
        if not isinstance(part, str) or part not in model.model_fields:
            continue
        annotation = model.model_fields[part].annotation
        candidates = [annotation, *get_args(annotation)]
        candidates += [inner for c in candidates for inner in get_args(c)]
        for candidate in candidates:
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                model = candidate
                break
    return model


def _clean_loc(loc: tuple[Any, ...]) -> tuple[DataPath, bool]:
    """Drop pydantic's union-branch names from ``loc``; say if it was the text/list union."""
    path: list[str | int] = []
    union = False
    for part in loc:
        if isinstance(part, str) and (part in ("str", "list[str]") or "[" in part):
            union = part in ("str", "list[str]")
            break
        path.append(part)
    return tuple(path), union


def describe_error(error: Mapping[str, Any], path: DataPath, union: bool = False,
                   root: type[BaseModel] = BaseModel, full_path: bool = False) -> str:
    """A pydantic error in plain words (Indonesian or English)."""
    kind = error["type"]
    names = [str(part) for part in path] if full_path else [
        part for part in path if isinstance(part, str)]
    name = ("/".join(names) if full_path else names[-1]) if names else "-"
    if union:
        return _("{field!r} must be text or a list of texts", field=name)
    if kind == "missing":
        return _("required field {field!r} is missing", field=name)
    if kind == "extra_forbidden":
        allowed = ", ".join(_model_at(root, path[:-1]).model_fields)
        key = name if full_path else path[-1]
        return _("unknown key {key!r} (allowed here: {allowed})", key=key, allowed=allowed)
    if path and isinstance(path[-1], int) and len(path) > 1 and path[-2] == "criteria":
        return _("KUK {number} must be text", number=path[-1] + 1)
    if kind in ("literal_error", "enum"):
        return _("{field!r} must be one of: {choices}", field=name,
                 choices=error.get("ctx", {}).get("expected", ""))
    if kind.startswith("bool"):
        return _("{field!r} must be true or false", field=name)
    if kind.startswith("date"):
        return _("{field!r} must be a date (YYYY-MM-DD)", field=name)
    if kind == "string_type":
        return _("{field!r} must be text", field=name)
    if kind == "list_type":
        return _("{field!r} must be a list", field=name)
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return _("{field!r} must be a mapping of keys to values", field=name)
    if kind.startswith("int") or kind.startswith("greater_than"):
        return _("{field!r} must be a whole number of 0 or more", field=name)
    return _("{field!r} is not valid: {detail}", field=name, detail=error.get("msg", kind))


def validate_model(model: type[M], data: Any, locator: Locator, full_path: bool = False,
                   errors: list[SchemeError] | None = None) -> M:
    """``data`` as ``model``, or :class:`SchemeInvalid` with one located error per problem.

    ``errors`` found earlier by the caller are reported together with the model's own.
    """
    found = list(errors or [])
    validated: M | None = None
    try:
        validated = model.model_validate(data)
    except ValidationError as exc:
        seen: set[DataPath] = set()
        for item in exc.errors():
            path, union = _clean_loc(item["loc"])
            if item["type"] == "extra_forbidden" and item["loc"]:  # the last part is the key
                path, union = (*_clean_loc(item["loc"][:-1])[0], item["loc"][-1]), False
            if path in seen:
                continue
            seen.add(path)
            found.append(locator.error(path, describe_error(item, path, union, model,
                                                            full_path)))
    if found or validated is None:
        raise SchemeInvalid(found)
    return validated


def build_scheme(data: Any, locator: Locator) -> LoadedScheme:
    """Validate ``data`` into a scheme, or raise :class:`SchemeInvalid` with located errors."""
    if data is None:
        raise SchemeInvalid([SchemeError(_("the file is empty"), file=locator.file)])
    if not isinstance(data, dict):
        raise SchemeInvalid([locator.error((), _(
            "the file must hold a mapping with the keys code, title and units"))])
    scheme = validate_model(Scheme, data, locator)
    findings = check_scheme(scheme)
    errors = [locator.error(f.path, f.message) for f in findings if f.severity == "error"]
    warnings = [locator.warning(f.path, f.message) for f in findings if f.severity == "warning"]
    if errors:
        raise SchemeInvalid(errors, warnings, scheme)
    return LoadedScheme(scheme, warnings, locator.file)


ReadFunction = Callable[[str], LoadedScheme]

__all__ = ["DataPath", "LoadedScheme", "Locator", "build_scheme", "describe_error",
           "validate_model"]
