"""The ``training`` package as a plugin of the toolkit: it adds the ``batch`` and ``serve``
commands to the ``asesorlab`` command line through the ``register_commands`` hook."""

from __future__ import annotations

from typing import Any

from toolkit.hookspecs import hookimpl


@hookimpl
def register_commands(cli: Any) -> None:
    """Add the training commands (batch runs, the practice app server)."""
    from .batch.command import batch_command

    cli.add_command(batch_command)

    from .serve import serve_command

    cli.add_command(serve_command)
