"""Built-in plugin: the case generator, the evidence rule, and the ``simulate``,
``score``, ``override`` and ``rekey`` commands.

The case library (pydantic models, numpy in the scoring) is imported inside the hooks and
commands, so that listing the commands imports none of it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..cli import lang_option, pass_host
from ..errors import SchemeError, SchemeInvalid
from ..hookspecs import hookimpl
from ..i18n import LANGUAGES, _
from ..schemeio import load_scheme

if TYPE_CHECKING:
    from ..cases.generator import FlawRates
    from ..plugins import PluginHost


@hookimpl
def register_case_generators() -> list[Any]:
    """The built-in generator of portfolios with planted VATM flaws."""
    from ..cases.generator import DefaultGenerator

    return [DefaultGenerator()]


@hookimpl
def register_evidence_rules() -> list[Any]:
    """The built-in VATM evidence rule."""
    from ..cases.rules import DefaultRule

    return [DefaultRule()]


def _flaws(ctx: click.Context, param: click.Parameter, value: str | None) -> FlawRates:
    from ..cases.generator import FlawRates
    from ..cases.model import CaseError

    try:
        return FlawRates.parse(value or "")
    except CaseError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


def _units(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> list[str]:
    return [code.strip() for item in value for code in item.split(",") if code.strip()]


@click.command("simulate")
@click.argument("scheme_file", metavar="SCHEME", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--cases", "count", type=click.IntRange(min=1), default=1, show_default=True,
              help=_("Number of cases."))
@click.option("--seed", type=int, default=0, show_default=True, help=_("Random seed."))
@click.option("--units", multiple=True, callback=_units,
              help=_("Unit codes to assess (comma-separated or repeated; default: all)."))
@click.option("--flaws", callback=_flaws,
              help=_("Knobs, e.g. met=0.6,not_valid=0.1,not_authentic=0.1,not_current=0.2,"
                     "not_sufficient=0.1"))
@click.option("--language", type=click.Choice(LANGUAGES), default="id", show_default=True,
              help=_("Language of the case texts."))
@click.option("--generator", default="default", show_default=True, help=_("Case generator."))
@click.option("--rule", default="default", show_default=True, help=_("Evidence rule."))
@click.option("-o", "--out", "out_dir", required=True,
              type=click.Path(file_okay=False, path_type=Path), help=_("Output folder."))
@lang_option
@pass_host
def simulate_command(host: PluginHost, scheme_file: Path, count: int, seed: int,
                     units: list[str], flaws: FlawRates, language: str, generator: str,
                     rule: str, out_dir: Path) -> int:
    """Generate simulated asesi cases and their answer keys from a scheme."""
    from ..cases.io import save_case_set
    from ..cases.keys import generate_cases
    from ..cases.model import CaseError

    scheme = load_scheme(scheme_file, host).scheme
    try:
        pairs = generate_cases(scheme, count=count, seed=seed, units=units or None,
                               flaws=flaws, language=language, generator=generator, rule=rule,
                               host=host)
    except CaseError as exc:
        raise click.UsageError(str(exc)) from None
    paths = save_case_set(pairs, out_dir)
    for path, (_case, key) in zip(paths, pairs, strict=True):
        met = sum(v == "K" for v in key.criteria.values())
        click.echo(_("{path}: {items} evidence items, {met}/{total} KUK met, recommendation "
                     "{verdict}", path=path, items=len(key.evidence), met=met,
                     total=len(key.criteria), verdict=key.recommendation))
    click.echo(_("Written: {count} case(s) and key(s) to {folder}", count=len(paths),
                 folder=out_dir))
    return 0


@click.command("score")
@click.argument("key_file", metavar="KEY", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("judgement_file", metavar="JUDGEMENT",
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help=_("Print one JSON object."))
@lang_option
def score_command(key_file: Path, judgement_file: Path, as_json: bool) -> int:
    """Score a judgement of a case against its answer key, with a debrief."""
    from ..cases.io import load_judgement, load_key
    from ..scoring import format_report, score

    key = load_key(key_file)
    judgement = load_judgement(judgement_file, key=key)
    report = score(key, judgement)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(report))
    return 0


@click.command("override")
@click.argument("key_file", metavar="KEY", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("target")
@click.argument("value")
@click.option("--note", required=True, help=_("Why the key is corrected (kept in the key)."))
@click.option("--author", default="", help=_("Who corrects it."))
@lang_option
def override_command(key_file: Path, target: str, value: str, note: str, author: str) -> int:
    """Correct one verdict of an answer key (TARGET e.g. criteria/J.620100.004.02/1.1)."""
    from ..cases.io import load_key, save_key
    from ..cases.keys import apply_override
    from ..cases.model import CaseError, Override

    key = load_key(key_file)
    try:
        key = apply_override(key, Override(target=target, value=value, note=note,
                                           author=author))
    except CaseError as exc:
        raise SchemeInvalid([SchemeError(str(exc), file=str(key_file))]) from None
    save_key(key, key_file)
    click.echo(_("{file}: {target} = {value}; recommendation {verdict}", file=key_file,
                 target=target, value=value, verdict=key.recommendation))
    return 0


@click.command("rekey")
@click.argument("scheme_file", metavar="SCHEME", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("folder", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--rule", default="default", show_default=True, help=_("Evidence rule."))
@lang_option
@pass_host
def rekey_command(host: PluginHost, scheme_file: Path, folder: Path, rule: str) -> int:
    """Derive every key of a case folder again (e.g. after the scheme's settings changed),
    keeping the lead assessor's overrides."""
    from ..cases.io import case_files, key_path_for, load_case, load_key, save_key
    from ..cases.keys import derive_key
    from ..cases.model import CaseError

    scheme = load_scheme(scheme_file, host).scheme
    cases = case_files(folder)
    for case_path in cases:
        key_path = key_path_for(case_path)
        previous = load_key(key_path) if key_path.exists() else None
        try:
            key = derive_key(load_case(case_path), scheme, rule=rule, host=host,
                             previous=previous)
        except CaseError as exc:
            raise SchemeInvalid([SchemeError(str(exc), file=str(case_path))]) from None
        save_key(key, key_path)
        click.echo(_("{file}: recommendation {verdict}, {count} override(s) kept",
                     file=key_path, verdict=key.recommendation, count=len(key.overrides)))
    click.echo(_("Written: {count} key(s)", count=len(cases)))
    return 0


@hookimpl
def register_commands(cli: click.Group) -> None:
    """Add the case commands."""
    for command in (simulate_command, score_command, override_command, rekey_command):
        cli.add_command(command)
