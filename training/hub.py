"""The practice app as a trainee's own server under JupyterHub: ``python -m training.hub``.

JupyterHub starts this as a trainee's single-user server (``Spawner.cmd`` in
``deploy/jupyterhub_config.py``). It serves the same locked-down Voilà app as ``asesorlab
serve`` (:func:`training.serve.voila_arguments`: no sources, no files, no code from the
browser), on the address and URL prefix the hub gives (``JUPYTERHUB_SERVICE_URL``,
``JUPYTERHUB_SERVICE_PREFIX``), signed in through the hub's OAuth
(:mod:`training.hub_identity`): only the hub user the server belongs to, and the hub's
admins, get in. The kernel runs as that user's server, so the app takes the trainee's name
from ``JUPYTERHUB_USER`` and shows no name field.

The cases, scheme, database and language come from ``ASESORLAB_CASES``, ``ASESORLAB_SCHEME``,
``ASESORLAB_DB`` and ``ASESORLAB_LANG`` as for ``asesorlab serve`` (the hub sets them for every
server); ``ASESORLAB_POOL`` (default 0: the kernel starts with the page, so a trainee holds one
kernel, not two) and ``ASESORLAB_CULL_IDLE`` (seconds, default 900) tune the server.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

import click

from toolkit.i18n import _, normalize_language, set_language
from toolkit.store import DB_ENV, Store

from .serve import kernel_environment, notebook_path, resolve_source, voila_arguments

#: What the hub sets for a single-user server; without them this is not under a hub.
HUB_VARIABLES = ("JUPYTERHUB_SERVICE_URL", "JUPYTERHUB_SERVICE_PREFIX", "JUPYTERHUB_USER",
                 "JUPYTERHUB_API_TOKEN")
POOL_ENV, CULL_ENV = "ASESORLAB_POOL", "ASESORLAB_CULL_IDLE"
IDENTITY = "training.hub_identity"


def hub_voila_arguments(env: Mapping[str, str]) -> list[str]:
    """The Voilà command line of a trainee's server, from the hub's variables in ``env``."""
    url = urlsplit(env["JUPYTERHUB_SERVICE_URL"])
    pool = int(env.get(POOL_ENV) or 0)
    cull = int(env.get(CULL_ENV) or 900)
    args = voila_arguments(notebook_path(), url.port or 8888, url.hostname or "127.0.0.1",
                           pool, cull)
    return [*args, f"--Voila.base_url={env['JUPYTERHUB_SERVICE_PREFIX']}",
            f"--Voila.identity_provider_class={IDENTITY}.HubIdentityProvider",
            f"--Voila.authorizer_class={IDENTITY}.JupyterHubAuthorizer"]


def main() -> int:
    """Check the hub's variables, prepare the cases and the store, then become Voilà."""
    env = os.environ
    lang = normalize_language(env.get("ASESORLAB_LANG"))
    set_language(lang)
    missing = [name for name in HUB_VARIABLES if not env.get(name)]
    if missing:
        print(_("not started by JupyterHub: {names} not set (for a server of your own, use "
                "'asesorlab serve')", names=", ".join(missing)), file=sys.stderr)
        return 2
    try:
        cases, scheme = env.get("ASESORLAB_CASES"), env.get("ASESORLAB_SCHEME")
        source = resolve_source(Path(cases) if cases else None,
                                Path(scheme) if scheme else None, 10, 0, lang)
        store = Store(env.get(DB_ENV) or None)  # checks the URL, creates the tables
        url = store.url
        store.dispose()
    except (click.ClickException, OSError, ValueError) as exc:
        problem = exc.format_message() if isinstance(exc, click.ClickException) else str(exc)
        print(_("The practice app cannot start: {problem}", problem=problem), file=sys.stderr)
        return 1
    command = [sys.executable, "-m", "voila", *hub_voila_arguments(env)]
    sys.stdout.flush()
    os.execve(sys.executable, command, kernel_environment(source, url, lang))
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["HUB_VARIABLES", "hub_voila_arguments", "main"]
