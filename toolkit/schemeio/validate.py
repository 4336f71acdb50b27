"""Turn parsed data into a :class:`~toolkit.scheme.Scheme`, with located errors.

Readers parse their format into plain data plus a *locator*: a function from a
data path (``("units", 0, "code")``) to a line or a cell. Validation errors from
the model and findings from :mod:`toolkit.checks` are turned into
:class:`~toolkit.errors.SchemeError` at the nearest located path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from ..checks import check_scheme
from ..errors import SchemeError, SchemeInvalid, SchemeWarning
from ..i18n import _
from ..scheme import AssessmentGuide, Element, Group, RangeStatement, Scheme, Settings, Unit

DataPath = tuple[str | int, ...]
Location = tuple[int | None, str | None]  # (line, cell)

_MODEL_UNDER_KEY: dict[str, type[BaseModel]] = {
    "units": Unit,
    "elements": Element,
    "range_statement": RangeStatement,
    "assessment_guide": AssessmentGuide,
    "groups": Group,
    "settings": Settings,
}


@dataclass
class Locator:
    """Maps data paths to a line (text formats) or a cell (spreadsheets)."""

    file: str
    lines: dict[DataPath, int] = field(default_factory=dict)
    cells: dict[DataPath, str] = field(default_factory=dict)

    def locate(self, path: DataPath) -> Location:
        """The location of ``path`` or of its nearest located ancestor."""
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


def _model_at(path: DataPath) -> type[BaseModel]:
    model: type[BaseModel] = Scheme
    for part in path:
        if isinstance(part, str) and part in _MODEL_UNDER_KEY:
            model = _MODEL_UNDER_KEY[part]
    return model


def _describe_field(path: DataPath) -> str:
    names = [part for part in path if isinstance(part, str)]
    return names[-1] if names else "scheme"


def _clean_loc(loc: tuple[Any, ...]) -> tuple[DataPath, bool]:
    """Drop pydantic's union-branch names from ``loc``; say if it was the text/list union."""
    path: list[str | int] = []
    union = False
    for part in loc:
        if isinstance(part, str) and (part in ("str", "list[str]") or "[" in part):
            union = True
            break
        path.append(part)
    return tuple(path), union


def _message(error: Mapping[str, Any], path: DataPath, union: bool) -> str:
    kind = error["type"]
    name = _describe_field(path)
    if union:
        return _("{field!r} must be text or a list of texts", field=name)
    if kind == "missing":
        return _("required field {field!r} is missing", field=name)
    if kind == "extra_forbidden":
        allowed = ", ".join(_model_at(path[:-1]).model_fields)
        return _("unknown key {key!r} (allowed here: {allowed})", key=name, allowed=allowed)
    if path and isinstance(path[-1], int) and len(path) > 1 and path[-2] == "criteria":
        return _("KUK {number} must be text", number=path[-1] + 1)
    if kind == "string_type":
        return _("{field!r} must be text", field=name)
    if kind == "list_type":
        return _("{field!r} must be a list", field=name)
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return _("{field!r} must be a mapping of keys to values", field=name)
    if kind == "literal_error":
        return _("{field!r} must be one of: {choices}", field=name,
                 choices=error.get("ctx", {}).get("expected", ""))
    if kind.startswith("int") or kind.startswith("greater_than"):
        return _("{field!r} must be a whole number of 0 or more", field=name)
    return _("{field!r} is not valid: {detail}", field=name, detail=error.get("msg", kind))


def build_scheme(data: Any, locator: Locator) -> LoadedScheme:
    """Validate ``data`` into a scheme, or raise :class:`SchemeInvalid` with located errors."""
    if data is None:
        raise SchemeInvalid([SchemeError(_("the file is empty"), file=locator.file)])
    if not isinstance(data, dict):
        raise SchemeInvalid([locator.error((), _(
            "the file must hold a mapping with the keys code, title and units"))])
    try:
        scheme = Scheme.model_validate(data)
    except ValidationError as exc:
        errors: list[SchemeError] = []
        seen: set[DataPath] = set()
        for item in exc.errors():
            path, union = _clean_loc(item["loc"])
            if path in seen:
                continue
            seen.add(path)
            errors.append(locator.error(path, _message(item, path, union)))
        raise SchemeInvalid(errors) from None
    findings = check_scheme(scheme)
    errors = [locator.error(f.path, f.message) for f in findings if f.severity == "error"]
    warnings = [locator.warning(f.path, f.message) for f in findings if f.severity == "warning"]
    if errors:
        raise SchemeInvalid(errors, warnings, scheme)
    return LoadedScheme(scheme, warnings, locator.file)


ReadFunction = Callable[[str], LoadedScheme]

__all__ = ["DataPath", "LoadedScheme", "Locator", "build_scheme"]
