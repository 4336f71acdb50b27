"""The entry points of one group, read straight from the installed distributions' files.

``importlib.metadata`` takes tens of milliseconds to import (it pulls in the e-mail parser,
zip and CSV support), and the command line looks up its plugins on every run. Installed
distributions are ``*.dist-info`` folders on ``sys.path``; their ``entry_points.txt`` is
read here directly, with the same order and the same first-one-wins rule for a
distribution found twice. Anything else on the path (a zip, an egg, an ``.egg-info``
file) falls back to :func:`importlib.metadata.entry_points`.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from dataclasses import dataclass
from typing import Any

_SEPARATORS = re.compile(r"[-_.]+")


@dataclass(frozen=True)
class FoundEntryPoint:
    """One entry point: its name, ``module:attribute`` value and distribution label."""

    name: str
    value: str
    #: ``"name version"`` of the distribution that declares it (``asesorlab plugins``)
    dist: str

    def load(self) -> Any:
        """Import the module and return the attribute the value names."""
        module_name, _sep, attribute = self.value.split("[", 1)[0].strip().partition(":")
        loaded: Any = importlib.import_module(module_name.strip())
        for part in filter(None, attribute.strip().split(".")):
            loaded = getattr(loaded, part)
        return loaded


def _headers(folder: str) -> tuple[str, str]:
    """(Name, Version) from a distribution's METADATA (or PKG-INFO)."""
    name = version = ""
    for file_name in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(folder, file_name), encoding="utf-8") as handle:
                for line in handle:
                    if not line.strip():
                        break
                    key, _sep, value = line.partition(":")
                    if key == "Name":
                        name = value.strip()
                    elif key == "Version":
                        version = value.strip()
            break
        except OSError:
            continue
    return name, version


def _section(text: str, group: str) -> list[tuple[str, str]]:
    entries, inside = [], False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            inside = line[1:-1].strip() == group
        elif inside and "=" in line:
            name, _sep, value = line.partition("=")
            entries.append((name.strip(), value.strip()))
    return entries


def _scan(group: str) -> list[FoundEntryPoint] | None:
    """The group's entry points, or ``None`` where the path holds what only importlib reads."""
    found: list[FoundEntryPoint] = []
    seen: set[str] = set()
    for entry in sys.path:
        folder = entry or "."
        if os.path.isfile(folder):
            return None  # a zip or an egg
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            lowered = name.lower()
            if not lowered.endswith((".dist-info", ".egg-info")):
                continue
            dist_folder = os.path.join(folder, name)
            if not os.path.isdir(dist_folder):
                return None
            key = _SEPARATORS.sub("_", name.rsplit(".", 1)[0].split("-", 1)[0]).lower()
            if key in seen:
                continue
            seen.add(key)
            try:
                with open(os.path.join(dist_folder, "entry_points.txt"),
                          encoding="utf-8") as handle:
                    text = handle.read()
            except OSError:
                continue
            entries = _section(text, group)
            if entries:
                dist_name, version = _headers(dist_folder)
                found += [FoundEntryPoint(ep_name, value, f"{dist_name} {version}")
                          for ep_name, value in entries]
    return found


def entry_points_of(group: str) -> list[FoundEntryPoint]:
    """Every entry point of ``group`` of the installed distributions."""
    found = _scan(group)
    if found is not None:
        return found
    from importlib.metadata import entry_points

    return [FoundEntryPoint(ep.name, ep.value,
                            f"{ep.dist.name} {ep.dist.version}" if ep.dist else ep.value)
            for ep in entry_points(group=group)]


__all__ = ["FoundEntryPoint", "entry_points_of"]
