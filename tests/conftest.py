"""Fixtures shared by the whole suite: sample files, the CLI, the installed example plugin."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from suite_support import ASESORLAB, EXAMPLE_PLUGIN, CliResult

from toolkit.i18n import set_language
from toolkit.schemeio import sample_scheme_path


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Every test starts in the default language, whatever an earlier test chose."""
    set_language(None)
    yield
    set_language(None)


@pytest.fixture
def sample_path(tmp_path: Path) -> Path:
    """A private copy of the bundled sample scheme."""
    target = tmp_path / "jwp.yaml"
    shutil.copy(sample_scheme_path(), target)
    return target


def _run(args: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> CliResult:
    full_env = {**os.environ, "ASESORLAB_LANG": "id", **(env or {})}
    done = subprocess.run([str(ASESORLAB), *args], capture_output=True, text=True, env=full_env,
                          cwd=cwd, timeout=120, check=False)
    return CliResult(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def asesorlab() -> Callable[..., CliResult]:
    """Run the installed ``asesorlab`` console script in a subprocess."""
    return _run


@pytest.fixture(scope="session")
def example_plugin_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment variables under which the example plugin package is installed.

    The package is really installed (pip, from its own pyproject) into a private
    folder that goes on ``PYTHONPATH``, so the suite's own environment stays clean.
    """
    target = tmp_path_factory.mktemp("example-plugin-site")
    build = tmp_path_factory.mktemp("example-plugin-src") / "asesorlab-example"
    shutil.copytree(EXAMPLE_PLUGIN, build, ignore=shutil.ignore_patterns("build", "*.egg-info"))
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(target), str(build)],
        check=True, capture_output=True, timeout=300,
    )
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(target),
                                                         os.environ.get("PYTHONPATH")]))}


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium through Playwright (one browser for the session)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian Chromium (/usr/bin/chromium) is not installed")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        yield browser
        browser.close()
