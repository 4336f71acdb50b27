"""``asesorlab serve``: the practice app under Voilà, with settings safe for trainees.

Only ``notebooks/practice.ipynb`` is served, at ``/``. Sources are stripped, tracebacks
hidden, no file is served beside the app's own assets, the server listens on localhost
unless told otherwise, and idle kernels are culled. Voilà's kernel manager passes only the
widget messages a page needs (comm and kernel-info messages) and drops ``execute_request``,
so a raw websocket client cannot run code (``tests/practice/test_kernel_socket.py`` checks
it); the app itself refuses widgets created from the browser and checks every value it gets.
Kernels are preheated: the notebook has already run when a trainee arrives.

The kernel learns where the cases, the scheme and the database are from environment
variables (``ASESORLAB_CASES``, ``ASESORLAB_SCHEME``, ``ASESORLAB_DB``, ``ASESORLAB_LANG``).
Without a case folder, a case set is generated once from the scheme into the cache folder.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import click

from toolkit.cases.io import case_files, load_case, save_case_set
from toolkit.cases.keys import generate_case_set
from toolkit.cli import lang_option, pass_host
from toolkit.i18n import _, get_language
from toolkit.plugins import PluginHost
from toolkit.scheme import Scheme
from toolkit.schemeio import read_scheme, sample_scheme_path
from toolkit.store import Store
from toolkit.store_pool import POOL_SIZE_ENV
from toolkit.trainees import CODES_REQUIRED_ENV, TraineeCodes

from .admission import class_plan, server_arguments
from .build_slots import ENV as BUILD_SLOTS_ENV
from .build_slots import machine_folder
from .serve_access import TOKEN_ENV, check_access, shown

SCHEME_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")
NOTEBOOK = "practice.ipynb"
#: The only JupyterLab extensions the page loads: the widget manager and the widget views
#: it needs. Every other extension installed in the environment (syntax highlighting, and
#: whatever a site adds for JupyterLab) stays off the trainee's page.
PAGE_EXTENSIONS = ("@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8")


def notebook_path() -> Path:
    """The practice notebook: ``training/notebooks/`` when packaged, else the repository's."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "notebooks" / NOTEBOOK, here.parent / "notebooks" / NOTEBOOK):
        if candidate.is_file():
            return candidate
    raise click.ClickException(_("the practice notebook {name} is not installed", name=NOTEBOOK))


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/asesorlab`` or ``~/.cache/asesorlab``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "asesorlab"


#: Part of the cached case set's folder name: a new generator makes new cached sets.
CASE_SET_VERSION = "g3"  # g3: cases carry the duties (issue 11)


def ensure_case_set(scheme: Scheme, count: int, seed: int, lang: str,
                    host: PluginHost | None = None, root: Path | None = None) -> Path:
    """The cached case set of ``scheme`` for these settings, generated the first time."""
    code = re.sub(r"[^A-Za-z0-9._-]+", "_", scheme.code)
    folder = (root or cache_dir() / "cases") / (
        f"{code}-{scheme.version_hash()}-n{count}-s{seed}-{lang}-{CASE_SET_VERSION}")
    if case_files(folder) if folder.is_dir() else []:
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=".building-", dir=folder.parent))
    try:
        made = generate_case_set(scheme, count=count, seed=seed, language=lang, host=host)
        save_case_set([(c, k) for c, k, _f in made], building, [f for _c, _k, f in made])
        try:
            os.replace(building, folder)
        except OSError:  # another process made it first
            if not case_files(folder):
                raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return folder


@dataclass(frozen=True)
class Source:
    """What will be served: the case folder and the scheme its cases come from."""

    cases_dir: Path
    scheme_path: Path


def _scheme_in(folder: Path) -> Path | None:
    found = [p for p in sorted(folder.glob("scheme*")) if p.suffix.lower() in SCHEME_SUFFIXES]
    return found[0] if found else None


def resolve_source(source: Path | None, scheme_option: Path | None, count: int, seed: int,
                   lang: str, host: PluginHost | None = None) -> Source:
    """Turn ``[CASES_DIR|SCHEME]`` and ``--scheme`` into a case folder and a scheme file."""
    if source is not None and source.is_dir():
        if not case_files(source):
            raise click.UsageError(_("no case files (case-*.json) in {folder}", folder=source))
        scheme_path = (scheme_option or _scheme_in(source) or sample_scheme_path()).resolve()
        scheme, first = read_scheme(scheme_path), load_case(case_files(source)[0])
        if first.scheme_code != scheme.code:
            raise click.UsageError(_(
                "the cases in {folder} are of scheme {case_scheme}, not {scheme}; "
                "name their scheme with --scheme FILE", folder=source,
                case_scheme=first.scheme_code, scheme=scheme.code))
        return Source(source.resolve(), scheme_path)
    if source is not None and not source.exists():
        raise click.UsageError(_("{path} does not exist (give a case folder or a scheme file)",
                                 path=source))
    scheme_path = (source or scheme_option or sample_scheme_path()).resolve()
    scheme = read_scheme(scheme_path)
    return Source(ensure_case_set(scheme, count, seed, lang, host), scheme_path)


def voila_arguments(notebook: Path, port: int, host: str, pool: int, cull_idle: int) -> list[str]:
    """The Voilà command line for the practice notebook."""
    args = [
        str(notebook), "--no-browser", f"--port={port}", f"--Voila.ip={host}",
        "--Voila.port_retries=0",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        # list settings one item per flag (the "[...]" form is deprecated in traitlets 5):
        # serve no files at all — "(?!)" never matches, ".*" denies everything
        "--VoilaConfiguration.file_allowlist=(?!)",
        "--VoilaConfiguration.file_denylist=.*",
        *(f"--VoilaConfiguration.extension_allowlist={name}" for name in PAGE_EXTENSIONS),
        f"--MappingKernelManager.cull_idle_timeout={cull_idle}",
        f"--MappingKernelManager.cull_interval={max(10, min(60, cull_idle))}",
        "--MappingKernelManager.cull_connected=False",
    ]
    if pool > 0:
        args += ["--VoilaConfiguration.preheat_kernel=True",
                 f"--VoilaConfiguration.default_pool_size={pool}"]
    return args


def kernel_environment(source: Source, db_url: str, lang: str,
                       codes_required: bool = False) -> dict[str, str]:
    """The environment of the server, hence of its kernels; ``codes_required``: trainees
    were registered when the server started (a store away at sign-in then refuses, rather
    than taking a name alone)."""
    env = dict(os.environ)
    env.update({"ASESORLAB_CASES": str(source.cases_dir),
                "ASESORLAB_SCHEME": str(source.scheme_path),
                "ASESORLAB_DB": db_url, "ASESORLAB_LANG": lang,
                "PYTHONUNBUFFERED": "1"})
    env.setdefault(POOL_SIZE_ENV, "0")  # kernels hold no idle connection (toolkit.store_pool)
    if BUILD_SLOTS_ENV not in env:  # a few kernels build the app at once (build_slots)
        env[BUILD_SLOTS_ENV] = machine_folder()
    if codes_required:
        env[CODES_REQUIRED_ENV] = "1"
    return env


@click.command("serve")
@click.argument("source", required=False, type=click.Path(path_type=Path))
@click.option("--port", type=click.IntRange(1, 65535), default=8866, show_default=True,
              help="Port to listen on.")
@click.option("--host", "bind", default="127.0.0.1", show_default=True,
              help="Address to listen on (localhost only by default).")
@click.option("--db", "db_url", default=None,
              help="Database URL for attempts (default: ASESORLAB_DB or a SQLite file).")
@click.option("--scheme", "scheme_option", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Scheme file of the cases in CASES_DIR.")
@click.option("--count", type=click.IntRange(1, 500), default=10, show_default=True,
              help="Cases to generate when no case folder is given.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of generated cases.")
@click.option("--pool", type=click.IntRange(0, 32), default=None,
              help="Preheated kernels kept ready (0: start a kernel per page view; default: "
                   "1, or from --class-size).")
@click.option("--class-size", type=click.IntRange(1, 500), default=None,
              help="Trainees expected at once: sets the pool and the cap of kernels held by "
                   "pages (default cap: as for a class of 20).")
@click.option("--cull-idle", type=click.IntRange(30, 86400), default=900, show_default=True,
              help="Seconds after which an idle, disconnected kernel is shut down.")
@click.option("--token", envvar=TOKEN_ENV, default=None,
              help="Secret trainees add to the address (?token=…); needed on a network address.")
@click.option("--dry-run", is_flag=True, help="Prepare everything and print the command only.")
@lang_option
@pass_host
def serve_command(host: PluginHost, source: Path | None, port: int, bind: str,
                  db_url: str | None, scheme_option: Path | None, count: int, seed: int,
                  pool: int | None, class_size: int | None, cull_idle: int,
                  token: str | None, dry_run: bool) -> int:
    """Serve the practice app for trainee assessors [CASES_DIR or SCHEME file]."""
    lang = get_language()
    access = check_access(bind, port, token)  # a network address needs a token or a hub
    resolved = resolve_source(source, scheme_option, count, seed, lang, host)
    store = Store(db_url)  # checks the URL and creates the tables before any kernel starts
    url, attempts, codes = store.url, store.count(), TraineeCodes(store).required()
    store.dispose()
    plan = class_plan(class_size or 20)
    pool = pool if pool is not None else (plan.pool if class_size else 1)
    args = [*voila_arguments(notebook_path(), port, bind, pool, cull_idle), *access]
    command = [sys.executable, "-m", "training.voila_app", *args,
               *server_arguments(plan.max_pages)]
    click.echo(_("Cases: {folder} ({count} cases)", folder=resolved.cases_dir,
                 count=len(case_files(resolved.cases_dir))))
    click.echo(_("Attempts: {url} ({count} stored)", url=_safe_url(url), count=attempts))
    if dry_run:
        click.echo(" ".join(shown(command)))
        return 0
    click.echo(_("Practice app: http://{host}:{port}/", host=bind, port=port), nl=True)
    sys.stdout.flush()
    os.execve(sys.executable, command, kernel_environment(resolved, url, lang, codes))
    return 0  # not reached


def _safe_url(url: str) -> str:
    """A database URL without its password, for printing."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


__all__ = ["PAGE_EXTENSIONS", "Source", "ensure_case_set", "kernel_environment",
           "notebook_path", "resolve_source", "serve_command", "voila_arguments"]
