"""The plugin host: one pluggy manager per application object, never a global one.

:class:`PluginHost` registers the built-in plugins (:data:`DEFAULT_PLUGINS`),
then the plugins installed under the entry-point group ``asesorlab``. A plugin
that fails to import is reported by ``asesorlab plugins`` instead of breaking
the command. Set ``ASESORLAB_TRACE_PLUGINS=1`` to print every hook call.

Registering a plugin should cost little: the command line builds a host on every run.
Built-in plugin modules import their heavy libraries inside the functions that use them,
and :func:`lazy_callable` lets a registered object (a reader, a writer) name a function
that is imported on its first call.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pluggy

from .. import hookspecs
from ..i18n import _, add_locale_dirs

#: Built-in plugins, registered through the same hooks as third-party ones.
DEFAULT_PLUGINS: tuple[str, ...] = (
    "toolkit.plugins.default_formats",
    "toolkit.plugins.default_commands",
    "toolkit.plugins.default_cases",
    "toolkit.plugins.default_metrics",
    "toolkit.plugins.default_instruments",
    "toolkit.plugins.default_exporters",
    "toolkit.plugins.default_cohort",
    "toolkit.plugins.default_duties",
    "toolkit.plugins.default_trainees",
)
ENTRY_POINT_GROUP = "asesorlab"


class PluginLookupError(LookupError):
    """Nothing registered under the asked name; the message lists what exists."""

    def __init__(self, kind: str, name: str, available: list[str]) -> None:
        self.kind, self.name, self.available = kind, name, available
        super().__init__(_("no {kind} named {name!r}; available: {available}", kind=kind,
                           name=name, available=", ".join(available) or "-"))


def lazy_callable(target: str) -> Callable[..., Any]:
    """A function that imports ``"package.module:function"`` on its first call and calls it.

    For registered objects whose work needs heavy libraries (openpyxl, python-docx):
    registering them then imports nothing.
    """
    module_name, _sep, attribute = target.partition(":")
    loaded: list[Callable[..., Any]] = []

    def call(*args: Any, **kwargs: Any) -> Any:
        if not loaded:
            loaded.append(getattr(importlib.import_module(module_name), attribute))
        return loaded[0](*args, **kwargs)

    call.__name__ = call.__qualname__ = attribute
    call.__doc__ = f"Calls {target} (imported on first use)."
    call.target = target  # type: ignore[attr-defined]
    return call


def item_name(item: Any) -> str:
    """The name a user selects a registered object by (``code`` or ``name``)."""
    return str(getattr(item, "code", None) or getattr(item, "name", None) or item)


@dataclass
class PluginInfo:
    """What ``asesorlab plugins`` shows about one plugin."""

    name: str
    source: str
    provides: dict[str, list[str]] = field(default_factory=dict)


class PluginHost:
    """Owns a pluggy manager with the built-ins and the installed plugins."""

    def __init__(self, load_entrypoints: bool = True, plugins: tuple[Any, ...] = ()) -> None:
        self.pm = pluggy.PluginManager(ENTRY_POINT_GROUP)
        self.pm.add_hookspecs(hookspecs)
        self.sources: dict[str, str] = {}
        self.load_errors: dict[str, str] = {}
        for module_name in DEFAULT_PLUGINS:
            self.register(importlib.import_module(module_name), module_name, "asesorlab")
        if load_entrypoints:
            self._load_entrypoints()
        for plugin in plugins:
            self.register(plugin)
        if os.environ.get("ASESORLAB_TRACE_PLUGINS"):
            self.pm.trace.root.setwriter(lambda text: print(text, end="", file=sys.stderr))
            self.pm.enable_tracing()
        add_locale_dirs(self.collect("register_locale_dirs"))

    def register(self, plugin: Any, name: str | None = None, source: str = "") -> str:
        """Register ``plugin`` (a module or object with hook implementations)."""
        registered = self.pm.register(plugin, name=name)
        assert registered is not None
        self.sources[registered] = source or getattr(plugin, "__name__", registered)
        return registered

    def _load_entrypoints(self) -> None:
        from .entrypoints import entry_points_of  # (read without importlib.metadata)

        for ep in entry_points_of(ENTRY_POINT_GROUP):
            if self.pm.get_plugin(ep.name) is not None or self.pm.is_blocked(ep.name):
                continue
            dist = ep.dist
            try:
                plugin = ep.load()
                self.register(plugin, ep.name, dist)
            except Exception as exc:  # a broken plugin must not break the tool
                self.load_errors[ep.name] = f"{dist}: {type(exc).__name__}: {exc}"

    # -- collecting what plugins provide -----------------------------------------
    def collect(self, hook_name: str) -> list[Any]:
        """Call a ``register_*`` hook and flatten the lists it returns (built-ins last)."""
        results = getattr(self.pm.hook, hook_name)()
        return [item for result in reversed(results) for item in (result or [])]

    def lookup(self, hook_name: str, name: str, kind: str) -> Any:
        """The object named ``name`` among what ``hook_name`` provides."""
        items = self.collect(hook_name)
        for item in reversed(items):  # later registrations win
            if item_name(item) == name:
                return item
        lowered = name.lower()
        for item in reversed(items):
            if item_name(item).lower() == lowered:
                return item
        raise PluginLookupError(kind, name, [item_name(item) for item in items])

    def scheme_formats(self) -> list[Any]:
        """Every registered scheme file type."""
        return self.collect("register_scheme_formats")

    def describe(self) -> list[PluginInfo]:
        """Every registered plugin and what it provides, hook by hook."""
        import click

        infos: list[PluginInfo] = []
        for name, plugin in self.pm.list_name_plugin():
            info = PluginInfo(name, self.sources.get(name, name))
            for caller in self.pm.get_hookcallers(plugin) or []:
                impl = next(i for i in caller.get_hookimpls() if i.plugin is plugin)
                if caller.name == "register_commands":
                    group = click.Group()
                    impl.function(cli=group)
                    info.provides[caller.name] = sorted(group.commands)
                else:
                    info.provides[caller.name] = [_describe(i) for i in impl.function() or []]
            infos.append(info)
        return infos


def _describe(item: Any) -> str:
    name = item_name(item)
    extensions = getattr(item, "extensions", None)
    return f"{name} ({', '.join(extensions)})" if extensions else name


@lru_cache(maxsize=1)
def default_host() -> PluginHost:
    """A host shared by notebooks and widgets of one process (the CLI makes its own)."""
    return PluginHost()


__all__ = [
    "DEFAULT_PLUGINS",
    "PluginHost",
    "PluginInfo",
    "PluginLookupError",
    "default_host",
    "item_name",
    "lazy_callable",
]
