"""Built-in plugin: the case generator, the evidence rule, and the ``simulate``,
``score``, ``override`` and ``rekey`` commands.

The case library (pydantic models, catalogues, numpy in the scoring) is imported inside the
hooks and commands, so that listing the commands imports none of it
(``tests/hardening/test_startup.py``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..cli import LazyChoice, lang_option, pass_host
from ..errors import SchemeError, SchemeInvalid
from ..hookspecs import hookimpl
from ..i18n import LANGUAGES, _
from ..schemeio import load_scheme, save_scheme

if TYPE_CHECKING:
    from ..cases.generator import FlawRates
    from ..plugins import PluginHost


def _difficulties() -> tuple[str, ...]:
    from ..cases.generator import DIFFICULTIES

    return DIFFICULTIES


@hookimpl
def register_case_generators() -> list[Any]:
    """The built-in realistic generator, and the first one (``classic``)."""
    from ..cases.classic import ClassicGenerator
    from ..cases.generator import DefaultGenerator

    return [DefaultGenerator(), ClassicGenerator()]


@hookimpl
def register_flaw_types() -> list[Any]:
    """The fourteen built-in flaw types."""
    from ..cases.flaw_types import BUILTIN_FLAWS

    return list(BUILTIN_FLAWS)


@lru_cache(maxsize=8)
def _bundled(paths: tuple[tuple[str, float], ...]) -> tuple[Any, ...]:
    from ..cases.catalogue import load_catalogue

    return tuple(load_catalogue(path) for path, _mtime in paths)


@hookimpl
def register_evidence_catalogues() -> list[Any]:
    """The bundled evidence catalogues (``toolkit/data/*.evidence.yaml``), read once."""
    from ..cases.catalogue import bundled_catalogue_paths

    return list(_bundled(tuple((str(p), p.stat().st_mtime) for p in bundled_catalogue_paths())))


@hookimpl
def register_evidence_rules() -> list[Any]:
    """The built-in VATM evidence rule."""
    from ..cases.default_rule import DefaultRule

    return [DefaultRule()]


def _flaws(ctx: click.Context, param: click.Parameter, value: str | None) -> FlawRates:
    from ..cases.generator import FlawRates
    from ..cases.model import CaseError

    try:
        return FlawRates.parse(value or "")
    except CaseError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


def _problem_units(ctx: click.Context, param: click.Parameter,
                   value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    low, _sep, high = value.partition("-")
    try:
        return int(low), int(high or low)
    except ValueError:
        raise click.BadParameter(_("a range such as 0-2, not {value!r}", value=value),
                                 ctx=ctx, param=param) from None


def _units(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> list[str]:
    return [code.strip() for item in value for code in item.split(",") if code.strip()]


@click.command("simulate")
@click.argument("scheme_file", metavar="SCHEME", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--cases", "count", type=click.IntRange(min=1), default=1, show_default=True,
              help=_("Number of cases."))
@click.option("--seed", type=int, default=0, show_default=True, help=_("Random seed."))
@click.option("--units", multiple=True, callback=_units,
              help=_("Unit codes to assess (comma-separated or repeated; default: all)."))
@click.option("--k-share", type=click.FloatRange(0, 1), default=None,
              help=_("Share of candidates the key recommends K (default 0.5)."))
@click.option("--difficulty", type=LazyChoice(_difficulties), default=None,
              help=_("How many flaws and how subtle: mudah, sedang (default) or sulit."))
@click.option("--problem-units", callback=_problem_units, metavar="MIN-MAX",
              help=_("How many units carry a problem, e.g. 0-2 (the default)."))
@click.option("--flaws", callback=_flaws,
              help=_("Knobs of the classic generator, e.g. met=0.6,not_valid=0.1,"
                     "not_authentic=0.1,not_current=0.2,not_sufficient=0.1"))
@click.option("--language", type=click.Choice(LANGUAGES), default="id", show_default=True,
              help=_("Language of the case texts."))
@click.option("--integrity-rate", type=click.FloatRange(0, 1), default=None,
              help=_("Share of cases carrying an integrity scenario (default 0.15)."))
@click.option("--time-limit", "time_limit", type=click.IntRange(min=1), default=None,
              metavar="MIN", help=_("Time limit of each case in minutes (default: the "
                                    "scheme's settings.time_limit_minutes, else none)."))
@click.option("--generator", default="default", show_default=True, help=_("Case generator."))
@click.option("--rule", default="default", show_default=True, help=_("Evidence rule."))
@click.option("-o", "--out", "out_dir", required=True,
              type=click.Path(file_okay=False, path_type=Path), help=_("Output folder."))
@lang_option
@pass_host
def simulate_command(host: PluginHost, scheme_file: Path, count: int, seed: int,
                     units: list[str], k_share: float | None, difficulty: str | None,
                     problem_units: tuple[int, int] | None, flaws: FlawRates, language: str,
                     integrity_rate: float | None, time_limit: int | None,
                     generator: str, rule: str, out_dir: Path) -> int:
    """Generate simulated asesi cases and their answer keys from a scheme."""
    from ..cases.generator import CaseOptions
    from ..cases.io import SCHEME_COPY, save_case_set
    from ..cases.keys import generate_case_set
    from ..cases.model import CaseError

    scheme = load_scheme(scheme_file, host).scheme
    defaults = CaseOptions()
    chosen = None
    if k_share is not None or difficulty is not None or problem_units is not None:
        low, high = problem_units or (defaults.problem_units_min, defaults.problem_units_max)
        try:
            chosen = CaseOptions(defaults.k_share if k_share is None else k_share,
                                 difficulty or defaults.difficulty, low, high)
        except CaseError as exc:
            raise click.UsageError(str(exc)) from None
    try:
        made = generate_case_set(scheme, count=count, seed=seed, units=units or None,
                                 flaws=flaws, language=language, generator=generator,
                                 rule=rule, host=host, options=chosen,
                                 integrity_rate=integrity_rate,
                                 time_limit_minutes=time_limit)
    except CaseError as exc:
        raise click.UsageError(str(exc)) from None
    paths = save_case_set([(c, k) for c, k, _f in made], out_dir, [f for _c, _k, f in made])
    save_scheme(scheme, out_dir / SCHEME_COPY, host)
    for path, (_case, key, _follow) in zip(paths, made, strict=True):
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
    from ..cases.io import case_beside_key, load_judgement, load_key
    from ..scoring import format_report, score

    key = load_key(key_file)
    judgement = load_judgement(judgement_file, key=key)
    report = score(key, judgement, case=case_beside_key(key_file))
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
    from ..cases.io import (
        case_files,
        follow_up_path_for,
        key_path_for,
        load_case,
        load_follow_ups,
        load_key,
        save_key,
    )
    from ..cases.keys import derive_key
    from ..cases.model import CaseError

    scheme = load_scheme(scheme_file, host).scheme
    cases = case_files(folder)
    for case_path in cases:
        key_path = key_path_for(case_path)
        previous = load_key(key_path) if key_path.exists() else None
        follow_path = follow_up_path_for(case_path)
        follow_ups = load_follow_ups(follow_path) if follow_path.exists() else None
        try:
            key = derive_key(load_case(case_path), scheme, rule=rule, host=host,
                             previous=previous, follow_ups=follow_ups)
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
