"""``asesorlab serve --host``: a network address needs a token or a hub, and says so."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from training.serve_access import is_local

CLI = str(Path(sys.executable).parent / "asesorlab")
TOKEN = "k3N9-practice-token-2026"


def _serve(case_set: Path, tmp_path: Path, *args: str,
           **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if k not in ("ASESORLAB_TOKEN", "JUPYTERHUB_API_TOKEN", "JUPYTERHUB_SERVICE_PREFIX")}
    return subprocess.run(
        [CLI, "--lang", "en", "serve", str(case_set), "--dry-run",
         "--db", f"sqlite:///{tmp_path / 'a.db'}", *args],
        capture_output=True, text=True, env={**clean, **env}, timeout=120)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "asesor.lsp.example"])
def test_a_network_address_without_a_token_refuses_in_one_line(case_set: Path, tmp_path: Path,
                                                                host: str) -> None:
    done = _serve(case_set, tmp_path, "--host", host)
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.startswith("Error")]
    assert len(lines) == 1, done.stderr
    assert "--token" in lines[0] and "ASESORLAB_TOKEN" in lines[0] and "JupyterHub" in lines[0]
    assert "voila" not in done.stdout and not (tmp_path / "a.db").exists()


def test_with_a_token_it_warns_who_can_reach_it_and_hides_the_token(case_set: Path,
                                                                   tmp_path: Path) -> None:
    for done in (_serve(case_set, tmp_path, "--host", "0.0.0.0", "--token", TOKEN),
                 _serve(case_set, tmp_path, "--host", "0.0.0.0", ASESORLAB_TOKEN=TOKEN)):
        assert done.returncode == 0, done.stderr
        warning = [line for line in done.stderr.splitlines() if line.startswith("Warning")]
        assert len(warning) == 1 and "0.0.0.0:8866" in warning[0] and "token" in warning[0]
        command = done.stdout.strip().splitlines()[-1]
        assert "--Voila.ip=0.0.0.0" in command and "--Voila.token=***" in command
        assert TOKEN not in done.stdout + done.stderr


def test_under_a_hub_and_on_localhost_no_token_is_needed(case_set: Path, tmp_path: Path) -> None:
    hub = _serve(case_set, tmp_path, "--host", "0.0.0.0", JUPYTERHUB_API_TOKEN="from-the-hub")
    assert hub.returncode == 0, hub.stderr
    local = _serve(case_set, tmp_path)
    assert local.returncode == 0 and "Warning" not in local.stderr
    assert "--Voila.token" not in local.stdout


def test_a_short_token_is_refused(case_set: Path, tmp_path: Path) -> None:
    done = _serve(case_set, tmp_path, "--host", "0.0.0.0", "--token", "1234")
    assert done.returncode == 2 and "at least 16 characters" in done.stderr


def test_local_addresses() -> None:
    assert all(map(is_local, ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"]))
    assert not any(map(is_local, ["0.0.0.0", "::", "10.0.0.5", "lsp.example", ""]))
