"""Built-in plugin: the standard FR forms and the ``instrument`` command."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..cli import lang_option, pass_host, print_problems
from ..errors import SchemeInvalid
from ..exporters import export_documents, exporter_named
from ..hookspecs import hookimpl
from ..i18n import _
from ..instruments import DEFAULT_VERSION, VERSIONS, get_instrument, list_instruments
from ..instruments.templates import load_templates
from ..schemeio import load_scheme

if TYPE_CHECKING:
    from ..instruments import Instrument, InstrumentBank
    from ..plugins import PluginHost

#: The order of the standard kit (MUK) as LSPs file it.
KIT_ORDER = ("FR.APL.02", "FR.MAPA.01", "FR.MAPA.02", "FR.IA.01", "FR.IA.02", "FR.IA.03",
             "FR.IA.04A", "FR.IA.04B", "FR.IA.05", "FR.IA.06", "FR.IA.07", "FR.IA.08",
             "FR.IA.09", "FR.IA.10", "FR.IA.11", "FR.AK.01", "FR.AK.02", "FR.AK.03",
             "FR.AK.04", "FR.AK.05", "FR.AK.06", "FR.AK.07", "FR.VA")


@hookimpl
def register_instruments() -> list[Instrument]:
    """The MUK kit: FR.APL.02, FR.MAPA.01/02, FR.IA.01–11, FR.AK.01–07 and FR.VA."""
    from ..instruments import (  # (imported when the forms are asked for)
        forms_ak,
        forms_ak_review,
        forms_ia,
        forms_ia_tasks,
        forms_plan,
    )

    found = [*forms_plan.INSTRUMENTS, *forms_ia.INSTRUMENTS, *forms_ia_tasks.INSTRUMENTS,
             *forms_ak.INSTRUMENTS, *forms_ak_review.INSTRUMENTS]
    return sorted(found, key=lambda instrument: KIT_ORDER.index(instrument.code))


def _bank(scheme_path: Path, bank_path: Path | None, scheme: object) -> InstrumentBank:
    from ..instruments import InstrumentBank, bank_path_for, load_bank

    path = bank_path or bank_path_for(scheme_path)
    if bank_path is None and not path.is_file():
        return InstrumentBank()
    if bank_path is None:
        click.echo(_("Using the instrument bank {path}", path=path))
    return load_bank(path, scheme)  # type: ignore[arg-type]


@click.command("instrument")
@click.argument("scheme_file", metavar="SCHEME", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("form")
@click.option("-o", "--output", "output", required=True, type=click.Path(path_type=Path),
              help=_("Output file (its extension picks the format), or a folder for 'all'."))
@click.option("--units", default="", help=_("Comma-separated unit codes (default: all units)."))
@click.option("--bank", "bank_file", type=click.Path(dir_okay=False, path_type=Path),
              help=_("Instrument bank (default: SCHEME.bank.yaml beside the scheme, if any)."))
@click.option("--template", type=click.Choice(VERSIONS), default=DEFAULT_VERSION,
              show_default=True, help=_("Version of the form layouts."))
@click.option("--format", "formats", default="html",
              help=_("For 'all': comma-separated formats to write (html, docx, json)."))
@click.option("--date", default="", help=_("Assessment date printed in the header."))
@click.option("--tuk", default="", help=_("TUK printed in the header: Sewaktu, Tempat Kerja or "
                                          "Mandiri is ticked; a TUK name follows the choice."))
@click.option("--asesor", default="", help=_("Assessor name printed in the header."))
@click.option("--asesor-reg", default="", help=_("Assessor registration number (No. Reg)."))
@click.option("--asesi", default="", help=_("Candidate name printed in the header."))
@lang_option
@pass_host
def instrument_command(host: PluginHost, scheme_file: Path, form: str, output: Path, units: str,
                       bank_file: Path | None, template: str, formats: str, date: str, tuk: str,
                       asesor: str, asesor_reg: str, asesi: str) -> int:
    """Generate an FR form (or 'all' of them) from a scheme as HTML, DOCX or JSON."""
    from ..instruments import AssessmentDetails

    loaded = load_scheme(scheme_file, host)
    print_problems(SchemeInvalid([], loaded.warnings))
    scheme = loaded.scheme
    bank = _bank(scheme_file, bank_file, scheme)
    details = AssessmentDetails(date=date, tuk=tuk, assessor=asesor, assessor_reg=asesor_reg,
                                candidate=asesi)
    selected = [code.strip() for code in units.split(",") if code.strip()] or None
    if form.lower() == "all":
        if output.exists() and not output.is_dir():
            raise click.UsageError(_("for 'all', -o must name a folder: {path}", path=output))
        exporters = [exporter_named(name.strip(), host) for name in formats.split(",")
                     if name.strip()]
        layouts = load_templates(template)
        jobs = [(instrument, exporter) for instrument in list_instruments(host)
                if instrument.template is not None or layouts.has(instrument.code)
                for exporter in exporters]  # FR.AK.07 is only in the newer set
    else:
        jobs = [(get_instrument(form, host), None)]
    for instrument, exporter in jobs:
        documents = instrument.generate(scheme, selected, bank, details, template=template)
        target = (output / f"{instrument.code}{exporter.extensions[0]}" if exporter else output)
        for path in export_documents(documents, target, host):
            click.echo(_("Written: {path}", path=path))
    return 0


@hookimpl
def register_commands(cli: click.Group) -> None:
    """Add the ``instrument`` command."""
    cli.add_command(instrument_command)
