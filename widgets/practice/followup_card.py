"""What a follow-up revealed on one KUK, as a card under its row: the asesi's answer to
an oral question, the note of an observed demonstration, or a third-party document.

It is shown only once the trainee has asked (the session reads the follow-up file then,
for that KUK only); the trainee then decides K or BK on it.
"""

from __future__ import annotations

import ipywidgets as w

from toolkit.cases.model import FollowUpResult
from toolkit.i18n import _

from .case_sections import answer_html, observation_html
from .evidence_card import card_html
from .followup_chooser import follow_up_labels
from .look import Look, esc


def follow_up_html(kind: str, result: FollowUpResult, lang: str,
                   labels: dict[str, str] | None = None) -> str:
    """The card's HTML: a heading naming the follow-up, then what it revealed."""
    title = _("Further evidence ({kind})", lang=lang,
              kind=follow_up_labels(lang).get(kind, kind))
    parts = []
    if result.answer is not None:
        parts.append(f"<div>{answer_html(result.answer, lang, labels)}</div>")
    if result.observation is not None:
        parts.append(f"<div>{observation_html(result.observation, lang, labels)}</div>")
    if result.item is not None:
        parts.append(card_html(result.item, lang, labels))
    if not parts:
        parts.append(f'<div class="asesorlab-muted">'
                     f'{esc(_("The follow-up revealed nothing new.", lang=lang))}</div>')
    return (f'<div class="asesorlab-card asesorlab-followup-card"><b>{esc(title)}</b>'
            f"{''.join(parts)}</div>")


class FollowUpCard(w.HTML):
    """The revealed evidence of one KUK; :attr:`kind` says which follow-up it came from."""

    def __init__(self, kind: str, result: FollowUpResult, look: Look, lang: str,
                 labels: dict[str, str] | None = None) -> None:
        self.kind = kind
        super().__init__(follow_up_html(kind, result, lang, labels), layout=look.span,
                         style=look.html_style)
        self.add_class("asesorlab-followup-result")
        self.add_class("asesorlab-span")


__all__ = ["FollowUpCard", "follow_up_html"]
