"""Fixtures of the practice-app tests: a PostgreSQL server, case sets, a served app.

PostgreSQL is Debian's (``/usr/lib/postgresql/*/bin``), initialised into a temporary
folder and started on a free port for the session. PostgreSQL refuses to run as root, so
under root (as in CI) it runs as the ``postgres`` user through ``runuser``; the tests that
need it are skipped, with the reason, when no binaries are installed.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from widgets.practice import READY


def free_port() -> int:
    """A TCP port that was free a moment ago (bind to port 0)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


def _as_postgres(args: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return args
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "postgres", "--", *args]
    return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(args)]


@contextmanager
def running_postgres(max_connections: int = 100, *settings: str) -> Iterator[str]:
    """Start a throw-away PostgreSQL with ``max_connections`` (and ``-c`` settings); yield
    its server URL (without database)."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL binaries not found under /usr/lib/postgresql/*/bin "
                    "(apt-get install postgresql)")
    if os.geteuid() == 0:
        try:
            import pwd

            user = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run PostgreSQL")
    root = Path(tempfile.mkdtemp(prefix="asesorlab-pg-"))
    datadir, port = root / "data", free_port()
    if os.geteuid() == 0:
        os.chown(root, user.pw_uid, user.pw_gid)
    subprocess.run(_as_postgres([str(bindir / "initdb"), "-D", str(datadir), "-U", "postgres",
                                 "--auth=trust", "-E", "UTF8", "--no-sync"]),
                   check=True, capture_output=True)
    options = " ".join([f"-p {port} -h 127.0.0.1 -k {root} -c fsync=off",
                        f"-c max_connections={max_connections}",
                        *(f"-c {setting}" for setting in settings)])
    subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(datadir), "-o", options,
                                 "-l", str(root / "log"), "-w", "start"]),
                   check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(datadir), "-m", "fast",
                                     "-w", "stop"]), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """Start a throw-away PostgreSQL; yield its server URL (without database)."""
    with running_postgres() as url:
        yield url


def create_database(server: str) -> str:
    """A fresh, empty database on the PostgreSQL ``server``; its URL."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    plain = server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(f"{plain}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A fresh, empty database on the session's PostgreSQL server."""
    return create_database(postgres_server)


# -- case sets and a served app ---------------------------------------------------------

@pytest.fixture(scope="session")
def case_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three generated cases of the sample scheme in a folder, each with its key and what
    its follow-ups reveal (``case-0001.followup.json``)."""
    from toolkit.cases.io import save_case_set
    from toolkit.cases.keys import generate_case_set
    from toolkit.schemeio import read_scheme, sample_scheme_path

    folder = tmp_path_factory.mktemp("cases")
    triples = generate_case_set(read_scheme(sample_scheme_path()), count=3, seed=7)
    save_case_set([(case, key) for case, key, _extra in triples], folder,
                  [extra for _case, _key, extra in triples])
    return folder


@dataclass
class Served:
    """A running ``asesorlab serve``: its URL, database and case folder."""

    url: str
    port: int
    db_url: str
    cases_dir: Path
    process: subprocess.Popen[str]
    log: list[str]


def _wait_for_line(process: subprocess.Popen[str], log: list[str], needle: str,
                   timeout: float = 120.0) -> None:
    """Read the server's output until a line holds ``needle`` (the server's own signal)."""
    assert process.stdout is not None
    result: list[bool] = []

    def reader() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            log.append(line)
            if needle in line and not result:
                result.append(True)
                found.set()
        found.set()

    found = threading.Event()
    threading.Thread(target=reader, daemon=True).start()
    if not found.wait(timeout) or not result:
        raise AssertionError(f"server never said {needle!r}:\n{''.join(log[-40:])}")


def start_server(cases_dir: Path, db_url: str, *extra: str, prefix: tuple[str, ...] = (),
                 env_extra: dict[str, str] | None = None) -> Served:
    """Start ``asesorlab serve`` on a free port; return once a preheated kernel has built
    the app (or, with ``--pool=0``, once the server runs). ``prefix`` runs it through
    another command (``runuser -u nobody --``), ``env_extra`` adds to its environment."""
    port = free_port()
    env = dict(os.environ, ASESORLAB_LANG="en", PYTHONUNBUFFERED="1", **(env_extra or {}))
    process = subprocess.Popen(
        [*prefix, str(Path(sys.executable).parent / "asesorlab"), "serve", str(cases_dir),
         "--port", str(port), "--db", db_url, "--lang", "en", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    log: list[str] = []
    # with a pool, wait until a kernel has run the notebook (Voilà's "pool is filled" only
    # says it has started); the app writes READY to the server's log then
    needle = READY if "--pool=0" not in extra else "Voilà is running at"
    try:
        _wait_for_line(process, log, needle)
    except BaseException:
        process.kill()
        raise
    return Served(f"http://127.0.0.1:{port}/", port, db_url, cases_dir, process, log)


def stop_server(served: Served) -> None:
    """Stop the server and its kernels."""
    served.process.terminate()
    try:
        served.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        served.process.kill()


@pytest.fixture(scope="session")
def served(case_set: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The practice app served from :func:`case_set` with a SQLite store."""
    db_url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'attempts.db'}"
    server = start_server(case_set, db_url)
    yield server
    stop_server(server)


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A fresh SQLite attempt store in the test's folder."""
    return f"sqlite:///{tmp_path / 'attempts.db'}"


def open_app(cases: Path, db: str) -> Any:
    """The practice app on ``cases`` with the store ``db``, in English (fails if it did not
    build)."""
    from widgets.practice import PracticeApp, practice_app

    app = practice_app(cases, db=db, lang="en")
    assert isinstance(app, PracticeApp), getattr(app, "value", app)
    return app

