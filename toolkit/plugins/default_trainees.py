"""Built-in plugin: the ``trainees`` command (sign-in codes for the practice app), in
:mod:`toolkit.plugins.trainee_commands`, imported only when it runs."""

from __future__ import annotations

from typing import Any

from ..hookspecs import hookimpl


@hookimpl
def register_commands(cli: Any) -> None:
    """Add the ``trainees`` command."""
    from ..cli import lazy_command

    lazy_command(cli, "trainees", "toolkit.plugins.trainee_commands:trainees_group",
                 "Register trainees and issue the codes they sign in with.")
