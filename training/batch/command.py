"""The ``asesorlab batch MANIFEST.yaml`` command: one call to :func:`run_batch`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from toolkit.cli import lang_option, pass_host, print_problems
from toolkit.i18n import _
from toolkit.plugins import PluginHost

from .manifest import ManifestInvalid, load_manifest, parse_formats
from .report import summary_table


def _default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


@click.command("batch")
@click.argument("manifest", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help=_("Output folder (default: the manifest's 'output')."))
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help=_("Local worker processes (default: the number of CPUs, at most 8)."))
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help=_("Run on the Dask cluster at ADDRESS (e.g. tcp://scheduler:8786)."))
@click.option("--resume", is_flag=True,
              help=_("Skip runs already completed with the same inputs."))
@click.option("--formats", metavar="LIST",
              help=_("Output formats, comma-separated: ipynb,html,docx."))
@click.option("--progress/--no-progress", default=None,
              help=_("Show a progress bar (default: when the terminal is interactive)."))
@lang_option
@pass_host
def batch_command(host: PluginHost, manifest: Path, output: Path | None, workers: int | None,
                  dask_address: str | None, resume: bool, formats: str | None,
                  progress: bool | None) -> int:
    """Run a notebook over the runs of a manifest (Papermill), in parallel or on Dask."""
    from .runner import run_batch

    try:
        loaded = load_manifest(manifest)
        chosen = parse_formats(formats, "--formats", None) if formats else None
        outcome = run_batch(loaded, output=output, workers=workers or _default_workers(),
                            dask_address=dask_address, resume=resume, formats=chosen,
                            progress=sys.stderr.isatty() if progress is None else progress)
    except ManifestInvalid as exc:
        print_problems(exc)
        return 2
    click.echo(summary_table(outcome.results))
    if outcome.interrupted:
        click.echo(_("Interrupted: run again with --resume to finish."), err=True)
    click.echo(_("Report: {path} ({seconds:.1f} s)", path=outcome.report,
                 seconds=outcome.seconds))
    return outcome.exit_code


__all__ = ["batch_command"]
