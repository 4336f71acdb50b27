"""Built-in plugin: the default qualification rule, the adaptive case selector, and the
``report`` and ``demo-cohort`` commands (in :mod:`toolkit.plugins.cohort_commands`, imported
only when one runs)."""

from __future__ import annotations

from typing import Any

from ..hookspecs import hookimpl

#: name → (module:command, its docstring: the help ``asesorlab --help`` shows).
COMMANDS: dict[str, tuple[str, str]] = {
    "report": ("toolkit.plugins.cohort_commands:report_command",
               "Write the cohort report: who is ready, which KUK and flaws trip trainees up."),
    "demo-cohort": ("toolkit.plugins.cohort_commands:demo_cohort_command",
                    "Fill a store with a synthetic cohort: generated cases judged by trainees "
                    "with planted weaknesses (for demos, tests and benchmarks)."),
}


@hookimpl
def register_qualification_rules() -> list[Any]:
    """The built-in qualification rule (last 10 cases)."""
    from ..analytics.qualification import DefaultQualification

    return [DefaultQualification()]


@hookimpl
def register_case_selectors() -> list[Any]:
    """The built-in adaptive selector: the trainee's weakest flaw kind first."""
    from ..analytics.adaptive import WeakestFirst

    return [WeakestFirst()]


@hookimpl
def register_commands(cli: Any) -> None:
    """Add the cohort commands."""
    from ..cli import lazy_command

    for name, (target, help_text) in COMMANDS.items():
        lazy_command(cli, name, target, help_text)
