"""Work in progress: the judgement so far, kept per trainee and case (table ``drafts``).

The practice app saves what the trainee has decided on the open case as they go (a few
seconds after the last change, so a burst of clicks is one write) and restores it when the
trainee opens that case again: a reload, a lost connection or a closed tab loses nothing.
A submit removes the draft (the attempt holds the judgement then).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, String, delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .store import CASE_MAX, NAME_MAX, Store


class _Base(DeclarativeBase):
    pass


class DraftRow(_Base):
    """The ``drafts`` table: one row per trainee and case."""

    __tablename__ = "drafts"

    trainee: Mapped[str] = mapped_column(String(NAME_MAX), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(CASE_MAX), primary_key=True)
    judgement: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class Drafts:
    """Drafts in the attempt store's database."""

    def __init__(self, store: Store) -> None:
        self.store = store
        store.use_tables(_Base.metadata)

    def save(self, trainee: str, case_id: str, judgement: dict[str, Any]) -> None:
        """Keep ``judgement`` (a :class:`~toolkit.cases.model.Judgement` as JSON data) as
        ``trainee``'s draft of ``case_id``, replacing the one before."""
        for attempt in (1, 2):  # a second tab may insert the row between get and add
            try:
                with self.store._session() as session:
                    row = session.get(DraftRow, (trainee, case_id))
                    if row is None:
                        row = DraftRow(trainee=trainee, case_id=case_id)
                        session.add(row)
                    row.judgement, row.saved_at = dict(judgement), datetime.now(UTC)
                return
            except IntegrityError:
                if attempt == 2:
                    raise

    def load(self, trainee: str, case_id: str) -> dict[str, Any] | None:
        """``trainee``'s draft of ``case_id``, if any."""
        with self.store._session() as session:
            row = session.get(DraftRow, (trainee, case_id))
            return dict(row.judgement) if row else None

    def discard(self, trainee: str, case_id: str) -> None:
        """Remove the draft (after a submit)."""
        with self.store._session() as session:
            session.execute(delete(DraftRow).where(DraftRow.trainee == trainee,
                                                   DraftRow.case_id == case_id))


__all__ = ["DraftRow", "Drafts"]
