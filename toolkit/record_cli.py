"""The ``asesorlab record`` command: write a judgement's assessment record as HTML and DOCX.

``asesorlab record KEY JUDGEMENT -o DIR`` reads the key, the judgement, the case beside
the key (``case-0001.json`` next to ``case-0001.key.json``, or ``--case``) and the scheme
(``--scheme``, else the ``scheme.yaml`` copy ``simulate`` writes beside the cases);
``--attempt ID --db URL`` takes the judgement from the attempt store instead.
Imported only when the command runs (see :func:`toolkit.cli.lazy_command`).
"""

from __future__ import annotations

from pathlib import Path

import click

from .cli import lang_option, pass_host
from .errors import SchemeError, SchemeInvalid
from .i18n import _, get_language
from .plugins import PluginHost


def _scheme_path(given: Path | None, key_file: Path, case_file: Path | None) -> Path:
    from .cases.io import SCHEME_COPY

    if given is not None:
        return given
    for folder in (key_file.parent, *(p.parent for p in [case_file] if p)):
        if (folder / SCHEME_COPY).is_file():
            return folder / SCHEME_COPY
    raise click.UsageError(_("no {name} beside {key}: give the scheme with --scheme",
                             name=SCHEME_COPY, key=key_file))


@click.command("record")
@click.argument("key_file", metavar="KEY", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("judgement_file", metavar="JUDGEMENT", required=False,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--out", "out_dir", required=True,
              type=click.Path(file_okay=False, path_type=Path), help=_("Output folder."))
@click.option("--case", "case_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help=_("The case file (default: beside the key)."))
@click.option("--scheme", "scheme_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help=_("The scheme file (default: scheme.yaml beside the key)."))
@click.option("--attempt", "attempt_id", type=int, default=None,
              help=_("Take the judgement of this stored attempt (with --db)."))
@click.option("--db", default=None, help=_("Database URL of the attempts (default: "
                                           "ASESORLAB_DB or the per-user SQLite file)."))
@click.option("--assessor", default="", help=_("The assessor's name printed on the forms."))
@lang_option
@pass_host
def record_command(host: PluginHost, key_file: Path, judgement_file: Path | None,
                   out_dir: Path, case_file: Path | None, scheme_file: Path | None,
                   attempt_id: int | None, db: str | None, assessor: str) -> int:
    """Write the assessment record of a judgement (FR.AK.02, FR.IA.08, FR.MAPA.01, FR.IA.01
    and the declaration), HTML and DOCX."""
    from .cases.io import case_beside_key, load_case, load_judgement, load_key
    from .cases.model import Judgement
    from .record import build_record
    from .schemeio import load_scheme
    from .schemeio.atomic import write_bytes_atomic

    key = load_key(key_file)
    if attempt_id is not None:
        from .store import Store, default_db_url

        store = Store(db or default_db_url())
        try:
            attempt = store.by_id(attempt_id)
        finally:
            store.dispose()
        if attempt is None:
            raise click.UsageError(_("no attempt {id} in the store", id=attempt_id))
        judgement = Judgement.model_validate(attempt.judgement)
    elif judgement_file is not None:
        judgement = load_judgement(judgement_file, key=key)
    else:
        raise click.UsageError(_("give a JUDGEMENT file or --attempt ID"))
    case = load_case(case_file) if case_file else case_beside_key(key_file)
    if case is None:
        raise click.UsageError(_("no case file beside {key}: give it with --case",
                                 key=key_file))
    if judgement.case != case.id or key.case != case.id:
        raise SchemeInvalid([SchemeError(_(
            "this judgement is of case {given}, the key of case {expected}",
            given=judgement.case, expected=key.case), file=str(key_file))])
    scheme = load_scheme(_scheme_path(scheme_file, key_file, case_file), host).scheme
    files = build_record(scheme, case, judgement, lang=get_language(), key=key, host=host,
                         assessor=assessor)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        write_bytes_atomic(out_dir / name, data)
    click.echo(_("Written: {count} file(s) of the record of {case} to {folder}",
                 count=len(files), case=case.id, folder=out_dir))
    return 0


__all__ = ["record_command"]
