"""Built-in plugin: the agreement metrics and the ``agreement`` command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..cli import lang_option, pass_host
from ..hookspecs import hookimpl
from ..i18n import _

if TYPE_CHECKING:
    from ..plugins import PluginHost


@hookimpl
def register_metrics() -> list[Any]:
    """Percent agreement, Cohen's and Fleiss' kappa, Krippendorff's alpha, Gwet's AC1."""
    from ..agreement import builtin_metrics  # (numpy: imported when metrics are asked for)

    return builtin_metrics()


@click.command("agreement")
@click.argument("ratings", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--metric", default="krippendorff", show_default=True,
              help=_("cohen, fleiss, krippendorff, ac1, percent (or a plugin's metric)."))
@click.option("--weights", type=click.Choice(["linear", "quadratic"]),
              help=_("Weights for Cohen's kappa (default: unweighted)."))
@click.option("--level", type=click.Choice(["nominal", "ordinal", "interval", "ratio"]),
              help=_("Level of measurement for Krippendorff's alpha (default: nominal)."))
@click.option("--json", "as_json", is_flag=True, help=_("Print one JSON object."))
@lang_option
@pass_host
def agreement_command(host: PluginHost, ratings: Path, metric: str, weights: str | None,
                      level: str | None, as_json: bool) -> int:
    """Agreement of several raters from a long CSV with the header item,rater,rating."""
    from ..agreement import AgreementError, read_long_csv

    chosen = host.lookup("register_metrics", metric, _("metric"))
    options: dict[str, Any] = {}
    for option, value in (("weights", weights), ("level", level)):
        if value is None:
            continue
        if option not in chosen.accepts:
            raise click.UsageError(_("--{option} does not apply to the metric {metric}",
                                     option=option, metric=chosen.name))
        options[option] = value
    try:
        matrix, items, raters, categories = read_long_csv(ratings)
        if "categories" in chosen.accepts:
            options["categories"] = list(categories)
        value = float(chosen.compute(matrix, **options))
    except AgreementError as exc:
        click.echo(f"{_('error')}: {exc}", err=True)
        return 1
    shown = {k: v for k, v in options.items() if k != "categories"}
    if as_json:
        click.echo(json.dumps({"metric": chosen.name, "title": chosen.title, "value": value,
                               "items": len(items), "raters": len(raters), **shown}))
    else:
        named = ", ".join([chosen.name, *(f"{k}={v}" for k, v in shown.items())])
        click.echo(_("{title} ({name}): {value:.6f} ({items} items, {raters} raters)",
                     title=chosen.title, name=named, value=value, items=len(items),
                     raters=len(raters)))
    return 0


@hookimpl
def register_commands(cli: click.Group) -> None:
    """Add the ``agreement`` command."""
    cli.add_command(agreement_command)
