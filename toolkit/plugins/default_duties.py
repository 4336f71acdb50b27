"""Built-in plugin: the assessor's duties — integrity scenarios, feedback checks, ``record``.

Registers the six built-in integrity scenarios (:mod:`toolkit.cases.integrity_builtins`),
the built-in feedback rubric (:mod:`toolkit.feedback_rubric`) and the ``record`` command
(lazily: listing the commands imports none of the case library).
"""

from __future__ import annotations

from typing import Any

from ..hookspecs import hookimpl

#: The ``record`` command's docstring (its message id), shown without importing it.
RECORD_HELP = ("Write the assessment record of a judgement (FR.AK.02, FR.IA.08, FR.MAPA.01, "
               "FR.IA.01 and the declaration), HTML and DOCX.")


@hookimpl
def register_integrity_scenarios() -> list[Any]:
    """Relative, student, colleague, employer favour, "help a little", sign unobserved."""
    from ..cases.integrity_builtins import BUILTIN_SCENARIOS

    return list(BUILTIN_SCENARIOS)


@hookimpl
def register_feedback_checks() -> list[Any]:
    """The six built-in rubric checks of the feedback to the asesi."""
    from ..feedback_rubric import BUILTIN_CHECKS

    return list(BUILTIN_CHECKS)


@hookimpl
def register_commands(cli: Any) -> None:
    """Add ``record``."""
    from ..cli import lazy_command

    lazy_command(cli, "record", "toolkit.record_cli:record_command", RECORD_HELP)
