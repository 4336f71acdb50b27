"""Names of flaw kinds for people. Flaw kinds are open strings: a registered flaw type
(``register_flaw_types``) names itself (its ``label``, id/en); the four VATM kinds of the
classic generator have a phrase here; any other kind is shown as written."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..i18n import _, get_language

if TYPE_CHECKING:
    from ..plugins import PluginHost


def _classic() -> dict[str, str]:
    return {
        "not_valid": _("evidence not valid for the KUK"),
        "not_authentic": _("evidence not authentic (not the asesi's own)"),
        "not_current": _("evidence not current"),
        "not_sufficient": _("evidence not sufficient"),
    }


@lru_cache(maxsize=8)
def _registered(host: PluginHost | None) -> dict[str, dict[str, str]]:
    from ..cases.flaws import flaw_types

    try:
        return {name: dict(getattr(flaw, "label", None) or {})
                for name, flaw in flaw_types(host).items()}
    except Exception:  # a broken plugin must not break a report
        return {}


def flaw_label(kind: str, host: PluginHost | None = None) -> str:
    """A flaw kind as people say it, in the current language."""
    label = _registered(host).get(kind)
    if label:
        return label.get(get_language()) or label.get("en") or kind
    return _classic().get(kind) or kind.replace("_", " ")


__all__ = ["flaw_label"]
