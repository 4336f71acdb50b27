"""``asesorlab trainees``: the lead assessor registers the class and issues sign-in codes.

Imported only when the command runs (:mod:`toolkit.plugins.default_trainees` registers it by
name). Codes are printed once, when issued: the store keeps only their digests
(:mod:`toolkit.trainees`).
"""

from __future__ import annotations

from typing import Any

import click

from ..cli import _translate_help, lang_option
from ..i18n import _
from ..store import Store, StoreError
from ..trainees import TraineeCodes

_DB_HELP = "Database URL of the attempts (default: ASESORLAB_DB or the per-user SQLite file)."


class _Translated(click.Group):
    """A group whose subcommands' help is shown in the language in force."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        return _translate_help(command) if command is not None else None


def _names(names: tuple[str, ...]) -> list[str]:
    return list(dict.fromkeys(" ".join(name.split()) for name in names if name.strip()))


def _issue(db: str | None, names: tuple[str, ...], new_only: bool) -> int:
    store = Store(db)
    try:
        codes = TraineeCodes(store)
        known = {r.name for r in codes.registered()}
        wanted = _names(names)
        if new_only:
            taken = [name for name in wanted if name in known]
            if taken:
                click.echo(_("already registered: {names} (a new code: asesorlab trainees reset "
                             "NAME)", names=", ".join(taken)), err=True)
                return 1
        else:
            unknown = [name for name in wanted if name not in known]
            if unknown:
                click.echo(_("not registered: {names}", names=", ".join(unknown)), err=True)
                return 1
        issued = codes.issue(wanted)
    except StoreError as exc:
        click.echo(str(exc), err=True)
        return 1
    finally:
        store.dispose()
    width = max(len(name) for name, _code in issued)
    for name, code in issued:
        click.echo(f"{name.ljust(width)}  {code}")
    click.echo(_("Hand each trainee their code; it is not shown again."), err=True)
    return 0


@click.group("trainees", cls=_Translated)
def trainees_group() -> None:
    """Register trainees and issue the codes they sign in with."""


@trainees_group.command("add")
@click.argument("names", nargs=-1, required=True)
@click.option("--db", default=None, help=_DB_HELP)
@lang_option
def add_command(names: tuple[str, ...], db: str | None) -> int:
    """Register trainees and print the code of each (NAME ...)."""
    return _issue(db, names, new_only=True)


@trainees_group.command("reset")
@click.argument("names", nargs=-1, required=True)
@click.option("--db", default=None, help=_DB_HELP)
@lang_option
def reset_command(names: tuple[str, ...], db: str | None) -> int:
    """Issue new codes to registered trainees (a lost or locked code)."""
    return _issue(db, names, new_only=False)


@trainees_group.command("list")
@click.option("--db", default=None, help=_DB_HELP)
@lang_option
def list_command(db: str | None) -> int:
    """List the registered trainees (codes are never shown again)."""
    store = Store(db)
    try:
        rows: list[Any] = TraineeCodes(store).registered()
    finally:
        store.dispose()
    if not rows:
        click.echo(_("No trainee is registered: anyone can sign in under any name."))
        return 0
    width = max(len(row.name) for row in rows)
    locked = _("locked")
    for row in rows:
        state = f"  {locked}" if row.locked else ""
        click.echo(f"{row.name.ljust(width)}  {row.issued_at:%Y-%m-%d %H:%M}{state}")
    return 0


@trainees_group.command("remove")
@click.argument("names", nargs=-1, required=True)
@click.option("--db", default=None, help=_DB_HELP)
@lang_option
def remove_command(names: tuple[str, ...], db: str | None) -> int:
    """Unregister trainees (their attempts stay)."""
    store = Store(db)
    try:
        count = TraineeCodes(store).remove(_names(names))
    finally:
        store.dispose()
    click.echo(_("{count} trainees removed", count=count))
    return 0


__all__ = ["trainees_group"]
