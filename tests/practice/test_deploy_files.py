"""The deployment files: the trainee server's Voilà command under the hub, its refusal to
start outside one, and the Zero to JupyterHub values (read, not run: no cluster here)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from training.hub import hub_voila_arguments
from training.serve import voila_arguments

ROOT = Path(__file__).resolve().parents[2]


def test_a_trainee_server_is_the_locked_down_app_under_the_hubs_prefix() -> None:
    args = hub_voila_arguments({"JUPYTERHUB_SERVICE_URL": "http://127.0.0.1:41234/user/ani/",
                                "JUPYTERHUB_SERVICE_PREFIX": "/user/ani/"})
    assert "--port=41234" in args and "--Voila.ip=127.0.0.1" in args
    assert "--Voila.base_url=/user/ani/" in args
    assert "--Voila.identity_provider_class=training.hub_identity.HubIdentityProvider" in args
    locked = voila_arguments(Path(args[0]), 41234, "127.0.0.1", 0, 900)
    assert set(locked) <= set(args)  # everything asesorlab serve locks down, locked here


def test_outside_a_hub_the_trainee_server_says_so_and_stops() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTERHUB_")}
    done = subprocess.run([sys.executable, "-m", "training.hub"], capture_output=True,
                          text=True, env={**env, "ASESORLAB_LANG": "en"}, timeout=60,
                          check=False)
    assert done.returncode == 2
    assert "not started by JupyterHub: JUPYTERHUB_SERVICE_URL" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_kubernetes_values_do_what_the_local_config_does() -> None:
    values = yaml.safe_load((ROOT / "deploy" / "z2jh-values.yaml").read_text(encoding="utf-8"))
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] > 0
    assert values["singleuser"]["cmd"] == ["python", "-m", "training.hub"]
    assert values["singleuser"]["extraEnv"]["ASESORLAB_DB"]["valueFrom"]["secretKeyRef"]
    assert values["hub"]["config"]["Authenticator"]["admin_users"]
    hook = values["hub"]["extraConfig"]["asesorlab-servers"]
    compile(hook, "z2jh-values.yaml:hub.extraConfig", "exec")  # valid Python
    assert "jupyterhub-singleuser" in hook and "training.hub" in hook
