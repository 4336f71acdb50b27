"""Accessibility checks in the browser tests: axe-core (from npm) run in a Playwright page.

``make test`` installs axe-core into the git-ignored ``.cache/axe`` (``npm install --prefix
.cache/axe axe-core``); ``ASESORLAB_AXE`` may name another ``axe.min.js``. Use::

    from a11y import assert_no_violations, axe_violations
    assert_no_violations(page, impact="critical")            # the whole page
    axe_violations(page, impact="serious", include=".asesorlab-simulator")

A missing axe-core fails the test with how to install it (it is never skipped).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
AXE = Path(os.environ.get("ASESORLAB_AXE")
           or ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js")
IMPACTS = ("minor", "moderate", "serious", "critical")

_RUN = """async ([include, rules]) => {
    const context = include ? {include: [include]} : document;
    const options = {resultTypes: ['violations']};
    if (rules) options.runOnly = {type: 'rule', values: rules};
    const result = await window.axe.run(context, options);
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map(n => ({target: n.target, html: n.html,
                                  summary: n.failureSummary}))}));
}"""


def axe_source() -> str:
    """The text of ``axe.min.js`` (fails the test with the install command when missing)."""
    if not AXE.is_file():
        pytest.fail(f"axe-core is not installed ({AXE}); run `make test` or "
                    "`npm install --prefix .cache/axe axe-core`", pytrace=False)
    return AXE.read_text(encoding="utf-8")


def axe_violations(page: Any, impact: str = "critical", include: str | None = None,
                   rules: list[str] | None = None) -> list[dict[str, Any]]:
    """axe-core's violations on ``page`` (or inside the ``include`` selector) of at least
    ``impact`` (``minor`` < ``moderate`` < ``serious`` < ``critical``)."""
    if impact not in IMPACTS:
        raise ValueError(f"impact must be one of {IMPACTS}, not {impact!r}")
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(content=axe_source())
    found = page.evaluate(_RUN, [include, rules])
    floor = IMPACTS.index(impact)
    return [v for v in found if IMPACTS.index(v["impact"] or "minor") >= floor]


def describe(violations: list[dict[str, Any]]) -> str:
    """Violations as a readable list: rule, impact, what to fix, and each element."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} "
                     f"<{violation['helpUrl']}>")
        for node in violation["nodes"][:10]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}")
    return "\n".join(lines)


def assert_no_violations(page: Any, impact: str = "critical", include: str | None = None,
                         rules: list[str] | None = None) -> None:
    """Fail with :func:`describe` when axe-core finds violations of at least ``impact``."""
    violations = axe_violations(page, impact, include, rules)
    assert not violations, "axe-core found:\n" + describe(violations)


__all__ = ["AXE", "assert_no_violations", "axe_source", "axe_violations", "describe"]
