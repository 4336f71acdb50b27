"""Names of flaw kinds for people. Flaw kinds are open strings; known ones get a phrase in
the user's language, any other is shown as written (underscores as spaces)."""

from __future__ import annotations

from ..i18n import _


def _known() -> dict[str, str]:
    return {
        "not_valid": _("evidence not valid for the KUK"),
        "not_authentic": _("evidence not authentic (not the asesi's own)"),
        "not_current": _("evidence not current"),
        "not_sufficient": _("evidence not sufficient"),
        "expired_certificate": _("expired certificate"),
        "copied_work": _("copied or plagiarised work"),
        "group_work": _("group work without individual contribution"),
        "unsigned_letter": _("unsigned or unstamped letter"),
        "referee_not_supervisor": _("referee not the supervisor, or a relative"),
        "dated_before_employment": _("dated before the asesi joined that employer"),
        "attendance_only": _("attendance-only certificate"),
        "knowledge_not_performance": _("knowledge shown, not performance"),
        "apl02_contradicted": _("APL.02 claim contradicted by the portfolio"),
    }


def flaw_label(kind: str) -> str:
    """A flaw kind as people say it, in the current language."""
    return _known().get(kind) or kind.replace("_", " ")


__all__ = ["flaw_label"]
