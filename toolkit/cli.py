"""The ``asesorlab`` command line: a thin click group extended through plugins.

Commands come from the ``register_commands`` hook (built-ins in
:mod:`toolkit.plugins.default_commands`; ``batch`` and ``serve`` from the
``training`` plugin). :func:`main` turns every failure into a plain message and
an exit code: 0 ok, 1 invalid input or failed work, 2 usage error. Set
``ASESORLAB_DEBUG=1`` to see a traceback for an unexpected error.

Start-up is kept short (a lead assessor runs ``validate`` in a loop): the group asks the
plugins for their commands only when a command is looked up or the commands are listed, so
``--version`` loads no plugin at all; a plugin may add a command with :func:`lazy_command`
(a name, its help and ``module:attribute``), whose module is imported only when that
command runs or shows its own help.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__
from .errors import SchemeInvalid
from .i18n import LANGUAGES, LanguageError, _, language, normalize_language, set_language

if TYPE_CHECKING:
    from .plugins import PluginHost

F = TypeVar("F", bound=Callable[..., Any])


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value:
        set_language(value)
    return value


def lang_option(function: F) -> F:
    """The ``--lang id|en`` option, for commands that produce text for people.

    Its help is a message id, translated when the help is shown (as every option's).
    """
    return click.option(
        "--lang", type=click.Choice(LANGUAGES), callback=_set_lang, expose_value=False,
        is_eager=True, help="Language of the output (default: id, or ASESORLAB_LANG).",
    )(function)


def pass_host(function: F) -> F:
    """Give a command the :class:`PluginHost` of this invocation as its first argument."""

    @click.pass_context
    def wrapper(ctx: click.Context, /, *args: Any, **kwargs: Any) -> Any:
        return ctx.invoke(function, ctx.find_root().obj, *args, **kwargs)

    wrapper.__name__ = function.__name__
    wrapper.__doc__ = function.__doc__
    return wrapper  # type: ignore[return-value]


def print_problems(problems: SchemeInvalid) -> None:
    """Print every warning and error of ``problems`` as ``location: kind: message``."""
    warning_label, error_label = _("warning"), _("error")
    for warning in problems.warnings:
        click.echo(f"{warning.location()}: {warning_label}: {warning.message}")
    for error in problems.errors:
        click.echo(f"{error.location()}: {error_label}: {error.message}")


def _translate_click() -> None:
    """Click's own texts ("Usage:", "Show this message and exit." …) through our catalogs."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser

    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser):
        module._ = _  # type: ignore[attr-defined]  # click calls gettext.gettext as `_`


class LazyChoice(click.Choice):
    """A ``click.Choice`` whose choices come from ``load()``, called when first needed.

    For options whose choices live in a heavy module: declaring the option imports nothing.
    """

    def __init__(self, load: Callable[[], Sequence[str]], case_sensitive: bool = True) -> None:
        self._load = load
        self._loaded: tuple[str, ...] | None = None
        super().__init__((), case_sensitive)

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        if self._loaded is None:
            self._loaded = tuple(self._load())
        return self._loaded

    @choices.setter
    def choices(self, value: Sequence[str]) -> None:
        """(click's own ``__init__`` sets the empty tuple; the loader decides.)"""


class LazyCommand(click.Command):
    """A command known by its name and help; its module is imported when it is used.

    Made by :func:`lazy_command`. The group lists it with the help given here and hands
    out the real command (imported from ``target``) when the command is run or asked for
    its own ``--help``.
    """

    def __init__(self, name: str, target: str, help: str) -> None:
        super().__init__(name, help=help)
        self.target = target

    def load(self) -> click.Command:
        """The real command, imported from ``module:attribute``."""
        import importlib

        module_name, _sep, attribute = self.target.partition(":")
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{self.target} is not a click command")
        return command


def lazy_command(cli: click.Group, name: str, target: str, help: str) -> None:
    """Add the command ``name`` to ``cli`` without importing it (from ``register_commands``).

    ``target`` is ``"package.module:command"``; ``help`` is the command's docstring (its
    message id), shown by ``asesorlab --help`` without the import. Any click group works:
    a group that is not the ``asesorlab`` one gets the real command at once.
    """
    command = LazyCommand(name, target, help)
    cli.add_command(command if isinstance(cli, PluginGroup) else command.load(), name)


def _translate_help(command: click.Command) -> click.Command:
    """Docstrings and option help are message ids: show them in the language in force.

    The ids are kept on the command, so that each invocation (of one process) translates
    them again in its own language.
    """
    ids = getattr(command, "_asesorlab_help_ids", None)
    if ids is None:
        ids = (command.help, [param.help if isinstance(param, click.Option) else None
                              for param in command.params])
        command._asesorlab_help_ids = ids  # type: ignore[attr-defined]
    help_id, param_ids = ids
    if help_id:
        command.help = _(command_help_id(help_id))
    for param, param_id in zip(command.params, param_ids, strict=False):
        if param_id and isinstance(param, click.Option):
            param.help = _(param_id)
    return command


class PluginGroup(click.Group):
    """The ``asesorlab`` group: its commands come from the plugins, asked on first need.

    The plugin host is made (and ``register_commands`` called) only when a command is
    looked up or the commands are listed; a :class:`LazyCommand` is imported only when it
    is looked up to run, not when ``--help`` lists it.
    """

    def __init__(self, host_factory: Callable[[], PluginHost], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._host_factory = host_factory
        self._host: PluginHost | None = None
        self._registered = False

    @property
    def host(self) -> PluginHost:
        """The plugin host of this invocation (made on first use)."""
        if self._host is None:
            self._host = self._host_factory()
        return self._host

    def _register(self) -> None:
        if not self._registered:
            self._registered = True
            self.host.pm.hook.register_commands(cli=self)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._register()
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        self._register()
        command = self.commands.get(cmd_name)
        if isinstance(command, LazyCommand):
            command = self.commands[cmd_name] = command.load()
        return _translate_help(command) if command is not None else None

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self._register()  # first: the plugins' catalogs are added when the host is made
        _translate_help(self)  # (not before: ``--version`` reads no catalog)
        super().format_help(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self._register()
        rows = []
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max((len(name) for name in names), default=0)
        for name in names:
            command = self.commands[name]
            if command.hidden:
                continue
            rows.append((name, _translate_help(command).get_short_help_str(limit)))
        if rows:
            with formatter.section(_("Commands")):  # as click's own group
                formatter.write_dl(rows)


def build_cli(host: PluginHost | Callable[[], PluginHost] | None = None) -> click.Group:
    """The ``asesorlab`` group with every command the plugins register.

    ``host`` is a :class:`PluginHost`, or a function that makes one when the first command
    is looked up (default: a new host with the installed plugins).
    """
    _translate_click()
    if host is None:
        def factory() -> PluginHost:
            from .plugins import PluginHost

            return PluginHost()
    elif not hasattr(host, "pm"):
        factory = host  # type: ignore[assignment]
    else:
        def factory() -> PluginHost:
            return host  # type: ignore[return-value]

    @click.group(cls=PluginGroup, host_factory=factory,
                 help="asesorlab: design competency assessments and train assessors.",
                 context_settings={"help_option_names": ["-h", "--help"]})
    @click.version_option(__version__, "--version", "-V", prog_name="asesorlab")
    @lang_option
    @click.pass_context
    def cli(ctx: click.Context) -> None:
        ctx.obj = ctx.command.host  # type: ignore[attr-defined]

    return cli


def command_help_id(text: str) -> str:
    """The message id of a command's help: its docstring with white space folded."""
    return " ".join(text.split())


def _language_from_argv(argv: Sequence[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return (and, as a script, exit with) its exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        chosen = normalize_language(_language_from_argv(args) or os.environ.get("ASESORLAB_LANG"))
    except LanguageError:
        chosen = "id"
    with language(chosen):  # restored afterwards, so in-process callers keep theirs
        return _main(args)


def _main(args: list[str]) -> int:
    from .plugins import PluginLookupError

    cli = build_cli()
    try:
        result = cli.main(args=args, prog_name="asesorlab", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo(_("Aborted."), err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except SchemeInvalid as exc:
        print_problems(exc)
        return 1
    except PluginLookupError as exc:
        click.echo(f"{_('error')}: {exc}", err=True)
        return 2
    except (OSError, ValueError) as exc:
        if os.environ.get("ASESORLAB_DEBUG"):
            raise
        click.echo(f"{_('error')}: {exc}", err=True)
        return 1
    except Exception as exc:
        if os.environ.get("ASESORLAB_DEBUG"):
            raise
        click.echo(_("internal error: {problem} (set ASESORLAB_DEBUG=1 for details)",
                     problem=f"{type(exc).__name__}: {exc}"), err=True)
        return 70
    return result if isinstance(result, int) else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


__all__ = [
    "LazyChoice",
    "LazyCommand",
    "PluginGroup",
    "build_cli",
    "command_help_id",
    "lang_option",
    "lazy_command",
    "main",
    "pass_host",
    "print_problems",
    "run",
]
