"""The rules of a usable scheme, reported against model paths.

:func:`check_scheme` returns findings addressed by a path into the scheme data
(``("units", 2, "elements", 0)``) so that a reader can turn them into file
locations and an editor can show them next to the item they concern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .i18n import _
from .scheme import Scheme

#: SKKNI unit codes: sector letter, two-digit field + 4–5 letters/digits, 3-digit unit, version.
SKKNI_CODE = re.compile(r"^[A-Z]\.\d{2}[A-Z0-9]{4,5}\.\d{3}\.\d{1,2}$")

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    """One problem in a scheme: its severity, where it is (a data path) and what it is."""

    severity: Literal["error", "warning"]
    path: Path
    message: str


def is_skkni_code(code: str) -> bool:
    """True when ``code`` has the SKKNI shape, e.g. ``J.620100.004.02``."""
    return bool(SKKNI_CODE.match(code))


def check_unit_code(code: str) -> str | None:
    """The warning text for a unit code off the SKKNI pattern, or ``None``."""
    if not code.strip():
        return _("unit code is empty")
    if not is_skkni_code(code):
        return _(
            "unit code {code!r} does not follow the SKKNI pattern (e.g. J.620100.004.02)",
            code=code,
        )
    return None


def check_scheme(scheme: Scheme) -> list[Finding]:
    """Every error and warning of ``scheme``, in file order."""
    findings: list[Finding] = []

    def error(path: Path, message: str) -> None:
        findings.append(Finding("error", path, message))

    def warning(path: Path, message: str) -> None:
        findings.append(Finding("warning", path, message))

    if not scheme.code.strip():
        error(("code",), _("the scheme code (kode skema) is empty"))
    if not scheme.title.strip():
        error(("title",), _("the scheme title (judul skema) is empty"))
    if not scheme.units:
        error(("units",), _("the scheme has no units"))
    seen: dict[str, int] = {}
    for u_index, unit in enumerate(scheme.units):
        unit_path: Path = ("units", u_index)
        if not unit.code.strip():
            error((*unit_path, "code"), _("unit code is empty"))
        elif unit.code in seen:
            error(
                (*unit_path, "code"),
                _(
                    "duplicate unit code {code}: already used by unit {number}",
                    code=unit.code,
                    number=seen[unit.code] + 1,
                ),
            )
        else:
            seen[unit.code] = u_index
            message = check_unit_code(unit.code)
            if message:
                warning((*unit_path, "code"), message)
        if not unit.title.strip():
            error((*unit_path, "title"), _("unit {code} has no title", code=unit.code))
        if not unit.elements:
            error(unit_path, _("unit {code} has no elements", code=unit.code))
        for e_index, element in enumerate(unit.elements):
            element_path: Path = (*unit_path, "elements", e_index)
            if not element.title.strip():
                error(
                    (*element_path, "title"),
                    _("element {number} of unit {code} has no title", number=e_index + 1,
                      code=unit.code),
                )
            if not element.criteria:
                error(
                    element_path,
                    _(
                        "element {number} of unit {code} has no KUK",
                        number=e_index + 1,
                        code=unit.code,
                    ),
                )
            for k_index, criterion in enumerate(element.criteria):
                if not criterion.text.strip():
                    error(
                        (*element_path, "criteria", k_index),
                        _("KUK {label} of unit {code} is empty",
                          label=f"{e_index + 1}.{k_index + 1}", code=unit.code),
                    )
    for g_index, group in enumerate(scheme.groups or []):
        for c_index, code in enumerate(group.units):
            if code not in seen:
                error(
                    ("groups", g_index, "units", c_index),
                    _("group {name!r} names unit {code}, which the scheme does not have",
                      name=group.name, code=code),
                )
    return findings


__all__ = ["SKKNI_CODE", "Finding", "check_scheme", "check_unit_code", "is_skkni_code"]
