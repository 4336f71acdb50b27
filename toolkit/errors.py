"""Located problems in user input: what is wrong, and where (file, line or cell).

A reader never lets a traceback reach a user: it collects :class:`SchemeError`
(and :class:`SchemeWarning`) objects that name the file and either the line
(YAML/JSON) or the sheet and cell (XLSX), and raises :class:`SchemeInvalid`
carrying all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class _Located:
    message: str
    file: str | None = None
    line: int | None = None
    cell: str | None = None
    path: tuple[str | int, ...] = field(default=(), compare=False)

    def location(self) -> str:
        """``file:line``, ``file [Sheet!B7]`` or just the file name."""
        where = self.file or "<input>"
        if self.line is not None:
            return f"{where}:{self.line}"
        if self.cell is not None:
            return f"{where} [{self.cell}]"
        return where

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape used by ``asesorlab validate --json``."""
        return {"file": self.file, "line": self.line, "cell": self.cell, "message": self.message}

    def __str__(self) -> str:
        return f"{self.location()}: {self.message}"


@dataclass
class SchemeWarning(_Located):
    """Something suspicious that does not stop the scheme from being used."""


@dataclass
class SchemeError(_Located, Exception):
    """One thing wrong with an input file, with its location."""

    def __str__(self) -> str:
        return _Located.__str__(self)


class SchemeInvalid(Exception):
    """Raised when an input has errors; holds every error and warning found."""

    def __init__(
        self,
        errors: list[SchemeError],
        warnings: list[SchemeWarning] | None = None,
        scheme: Any = None,
    ) -> None:
        self.errors = list(errors)
        self.warnings = list(warnings or [])
        #: the scheme as far as it could be built (``None`` when its structure was broken)
        self.scheme = scheme
        super().__init__("\n".join(str(error) for error in self.errors))


__all__ = ["SchemeError", "SchemeInvalid", "SchemeWarning"]
