"""Who can reach ``asesorlab serve``: localhost freely; any other address only with a token.

A practice server on a network address (``--host 0.0.0.0``, a LAN address) can be opened
by anyone on that network. It refuses to start unless trainees must bring a token
(``--token`` or ``ASESORLAB_TOKEN``) or JupyterHub stands in front of it (the hub signs
trainees in); with a token it says, in one line, who can reach it.
"""

from __future__ import annotations

import ipaddress
import os

import click

from toolkit.i18n import _

TOKEN_ENV = "ASESORLAB_TOKEN"
#: Set by JupyterHub for a server it spawns (then the hub signs every trainee in).
HUB_ENV = ("JUPYTERHUB_API_TOKEN", "JUPYTERHUB_SERVICE_PREFIX")
MIN_TOKEN = 16


def is_local(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only (loopback)."""
    name = host.strip().strip("[]").lower()
    if name in ("localhost", "localhost.localdomain", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to any address


def under_hub() -> bool:
    """Whether JupyterHub started this server."""
    return any(os.environ.get(name) for name in HUB_ENV)


def check_access(host: str, port: int, token: str | None) -> list[str]:
    """Arguments Voilà needs for ``host``/``token``; prints the warning line when served
    on a network address with a token. Raises :class:`click.UsageError` (one line, saying
    how) on a network address with neither a token nor a hub."""
    if token is not None and len(token) < MIN_TOKEN:
        raise click.UsageError(_("the token must be at least {count} characters (make one "
                                 "with: python -c \"import secrets; "
                                 "print(secrets.token_urlsafe())\")", count=MIN_TOKEN))
    if is_local(host):
        return [f"--Voila.token={token}"] if token else []
    if under_hub():
        return []
    if not token:
        raise click.UsageError(_(
            "serving on {host} lets anyone on the network in: add --token SECRET (or set "
            "{env}), run it under JupyterHub, or keep the default --host 127.0.0.1",
            host=host, env=TOKEN_ENV))
    click.echo(_("Warning: anyone who can reach {host}:{port} and has the token can open the "
                 "practice app and submit; give trainees the address with ?token=… and keep "
                 "it from others.", host=host, port=port), err=True)
    return [f"--Voila.token={token}"]


def shown(command: list[str]) -> list[str]:
    """``command`` with the token hidden, for printing."""
    return ["--Voila.token=***" if part.startswith("--Voila.token=") else part
            for part in command]


__all__ = ["TOKEN_ENV", "check_access", "is_local", "shown", "under_hub"]
