"""The ``training`` package as a plugin of the toolkit: it adds the ``batch`` and ``serve``
commands to the ``asesorlab`` command line through the ``register_commands`` hook.

Both are added with :func:`toolkit.cli.lazy_command`: their modules (papermill, Voilà,
SQLAlchemy) are imported only when the command runs, never for ``asesorlab --help``.
"""

from __future__ import annotations

from typing import Any

from toolkit.hookspecs import hookimpl

#: command name → (``module:attribute``, help); each help is the command's own docstring
COMMANDS: dict[str, tuple[str, str]] = {
    "batch": ("training.batch.command:batch_command",
              "Run a notebook over the runs of a manifest (Papermill), in parallel or on Dask."),
    "serve": ("training.serve:serve_command",
              "Serve the practice app for trainee assessors [CASES_DIR or SCHEME file]."),
}


@hookimpl
def register_commands(cli: Any) -> None:
    """Add the training commands (batch runs, the practice app server)."""
    from toolkit.cli import lazy_command

    for name, (target, help_text) in COMMANDS.items():
        lazy_command(cli, name, target, help_text)
