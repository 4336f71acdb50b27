"""The ``asesorlab`` command line: a thin click group extended through plugins.

Commands come from the ``register_commands`` hook (built-ins in
:mod:`toolkit.plugins.default_commands`; ``batch`` and ``serve`` from the
``training`` plugin). :func:`main` turns every failure into a plain message and
an exit code: 0 ok, 1 invalid input or failed work, 2 usage error. Set
``ASESORLAB_DEBUG=1`` to see a traceback for an unexpected error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from . import __version__
from .errors import SchemeInvalid
from .i18n import LANGUAGES, LanguageError, _, language, normalize_language, set_language
from .plugins import PluginHost, PluginLookupError

F = TypeVar("F", bound=Callable[..., Any])


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value:
        set_language(value)
    return value


def lang_option(function: F) -> F:
    """The ``--lang id|en`` option, for commands that produce text for people."""
    return click.option(
        "--lang", type=click.Choice(LANGUAGES), callback=_set_lang, expose_value=False,
        is_eager=True, help=_("Language of the output (default: id, or ASESORLAB_LANG)."),
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


def build_cli(host: PluginHost) -> click.Group:
    """The ``asesorlab`` group with every command the plugins register."""
    _translate_click()

    @click.group(help=_("asesorlab: design competency assessments and train assessors."),
                 context_settings={"help_option_names": ["-h", "--help"]})
    @click.version_option(__version__, "--version", "-V", prog_name="asesorlab")
    @lang_option
    @click.pass_context
    def cli(ctx: click.Context) -> None:
        ctx.obj = host

    host.pm.hook.register_commands(cli=cli)
    for command in cli.commands.values():  # docstrings and option help are message ids too
        if command.help:
            command.help = _(command_help_id(command.help))
        for param in command.params:
            if isinstance(param, click.Option) and param.help:
                param.help = _(param.help)
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
    host = PluginHost()
    cli = build_cli(host)
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
    "build_cli",
    "command_help_id",
    "lang_option",
    "main",
    "pass_host",
    "print_problems",
    "run",
]
