"""JupyterHub for an asesorlab training class (docs/deploy.md explains every choice).

- Every trainee signs in to the hub and gets their own server running the practice app:
  ``python -m training.hub``, the same locked-down Voilà app as ``asesorlab serve`` (no
  sources, no files, no code from the browser), signed in through the hub, with the
  trainee's name taken from the hub (``JUPYTERHUB_USER``; the app shows no name field).
- Lead assessors are the hub's admins: their server is JupyterLab (authoring with
  ``author.ipynb``) and opens on the cohort dashboard, ``cohort_report.ipynb``, also shown
  as a page at ``/user/NAME/voila/render/cohort_report.ipynb``.
- One attempt store for all: ``ASESORLAB_DB`` (PostgreSQL) is handed to every server.
- Idle servers are stopped by ``jupyterhub-idle-culler``, a hub-managed service.

Run with ``jupyterhub -f deploy/jupyterhub_config.py`` and these variables:

``ASESORLAB_DB``            the PostgreSQL URL (required), ``postgresql+psycopg://…``
``ASESORLAB_HUB_ADMINS``    lead assessors' hub user names, comma separated
``ASESORLAB_HUB_TRAINEES``  the trainees' user names (unset: everyone the authenticator
                            accepts may sign in)
``ASESORLAB_CASES``         the case folder (or ``ASESORLAB_SCHEME``: cases generated once)
``ASESORLAB_LANG``          ``id`` (default) or ``en``
``ASESORLAB_WORKSPACE``     the lead assessors' notebook folder (default ``~/asesorlab``)
``ASESORLAB_HUB_URL``       where the hub listens (default ``http://:8000``)
``ASESORLAB_HUB_CULL``      seconds of inactivity before a server is stopped (default 1800)

The authenticator and spawner are JupyterHub's defaults here (system accounts, each
server run as its user); change those two lines for your site (docs/deploy.md).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

c = get_config()  # type: ignore[name-defined]  # noqa: F821  (given by JupyterHub)

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
#: Passed from the hub's environment to every server (the hub keeps its own otherwise).
PASSED = ("ASESORLAB_DB", "ASESORLAB_CASES", "ASESORLAB_SCHEME", "ASESORLAB_LANG",
          "ASESORLAB_POOL", "ASESORLAB_CULL_IDLE")
#: What a lead assessor finds in their workspace, copied there on first start.
LEAD_NOTEBOOKS = ("author.ipynb", "cohort_report.ipynb")


def _names(variable: str) -> set[str]:
    return {name.strip() for name in os.environ.get(variable, "").split(",") if name.strip()}


if not os.environ.get("ASESORLAB_DB", "").startswith("postgresql"):
    raise SystemExit("deploy/jupyterhub_config.py: set ASESORLAB_DB to the PostgreSQL URL of "
                     "the attempt store (postgresql+psycopg://USER:PASSWORD@HOST/DB)")

# -- the hub -------------------------------------------------------------------------
c.JupyterHub.bind_url = os.environ.get("ASESORLAB_HUB_URL", "http://:8000")
c.JupyterHub.authenticator_class = "pam"          # your site's: see docs/deploy.md
c.JupyterHub.spawner_class = "localprocess"       # Kubernetes: deploy/z2jh-values.yaml

# -- who: lead assessors are admins; the class list, when given, is who may sign in ----
c.Authenticator.admin_users = _names("ASESORLAB_HUB_ADMINS")
if _names("ASESORLAB_HUB_TRAINEES"):
    c.Authenticator.allowed_users = _names("ASESORLAB_HUB_TRAINEES")
else:
    c.Authenticator.allow_all = True

# -- every server: one attempt store, the same cases -----------------------------------
c.Spawner.environment = {name: os.environ[name] for name in PASSED if os.environ.get(name)}
c.Spawner.http_timeout = 120   # a practice server is up once its Voilà listens
c.Spawner.start_timeout = 120


def choose_server(spawner: Any) -> None:
    """Lead assessors (admins) get JupyterLab on their workspace, opening on the cohort
    dashboard; trainees get the practice app."""
    if spawner.user.admin:
        workspace = Path(os.path.expanduser(
            os.environ.get("ASESORLAB_WORKSPACE", "~/asesorlab")))
        workspace.mkdir(parents=True, exist_ok=True)
        for name in LEAD_NOTEBOOKS:
            if not (workspace / name).exists():
                shutil.copy(REPO / "notebooks" / name, workspace / name)
        spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
        spawner.notebook_dir = str(workspace)
        spawner.default_url = "/lab/tree/cohort_report.ipynb"
    else:
        spawner.cmd = [sys.executable, "-m", "training.hub"]
        spawner.default_url = "/"


c.Spawner.pre_spawn_hook = choose_server

# -- idle culling: servers nobody used for ASESORLAB_HUB_CULL seconds are stopped -------
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                f"--timeout={int(os.environ.get('ASESORLAB_HUB_CULL', '1800'))}",
                "--cull-every=60"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "description": "Stops idle servers",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
