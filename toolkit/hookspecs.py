"""Every extension point of asesorlab, in one place.

Plugins implement these hooks with ``@hookimpl`` (``from toolkit.hookspecs import
hookimpl``) and are found through the entry-point group ``asesorlab``. The
built-in features register through the very same hooks (see
:mod:`toolkit.plugins`), so a third-party plugin is a peer of the built-ins.

Hooks named ``register_*`` return a list of objects; each object carries a
``name`` (or, for instruments, a ``code``) by which users select it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pluggy

hookspec = pluggy.HookspecMarker("asesorlab")
hookimpl = pluggy.HookimplMarker("asesorlab")


@hookspec
def register_scheme_formats() -> list[Any]:
    """Scheme file types this plugin reads and/or writes, as ``SchemeFormat`` objects."""


@hookspec
def register_commands(cli: Any) -> None:
    """Add subcommands to the ``asesorlab`` command line (a ``click.Group``)."""


@hookspec
def register_locale_dirs() -> list[str | Path]:
    """Folders of gettext catalogs (``DIR/<lang>/*.po``) holding this plugin's messages."""


@hookspec
def register_instruments() -> list[Any]:
    """Assessment instruments (FR forms) this plugin can generate from a scheme."""


@hookspec
def register_exporters() -> list[Any]:
    """Output formats (html, docx, json, …) for generated instrument documents."""


@hookspec
def register_case_generators() -> list[Any]:
    """Generators of simulated candidate (asesi) cases with evidence of known flaws."""


@hookspec
def register_evidence_rules() -> list[Any]:
    """Evidence rules: policies that turn a case's evidence into its answer key."""


@hookspec
def register_flaw_types() -> list[Any]:
    """Kinds of evidence flaw (expired certificate, unsigned letter, …): how each is planted
    in a case and how the default rule detects it (``toolkit.cases.flaws.FlawType``)."""


@hookspec
def register_evidence_catalogues() -> list[Any]:
    """Evidence catalogues: the realistic portfolio documents of a scheme or sector and the KUK
    each can back (``toolkit.cases.catalogue.EvidenceCatalogue``)."""


@hookspec
def register_integrity_scenarios() -> list[Any]:
    """Integrity scenarios a case may carry (the asesi is a relative, a favour is offered, …):
    how each is planted in a case and what is right — conflict or not, the acts allowed, why
    (``toolkit.cases.integrity.IntegrityScenario``)."""


@hookspec
def register_feedback_checks() -> list[Any]:
    """Rubric checks of the feedback a trainee gives the asesi (decision per unit, banding, …):
    each a ``toolkit.feedback_rubric.FeedbackCheck`` with ``check(case, key, judgement, lang)
    -> (met, why)``."""


@hookspec
def register_metrics() -> list[Any]:
    """Agreement metrics for the judgements of several assessors (kappa, alpha, AC1, …)."""


@hookspec
def register_qualification_rules() -> list[Any]:
    """Qualification rules: when a trainee assessor is ready (siap) for witnessed assessment."""


@hookspec
def register_case_selectors() -> list[Any]:
    """Case selectors: which case a trainee does next, from what they have missed so far."""


__all__ = ["hookimpl", "hookspec"]
