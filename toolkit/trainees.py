"""Who a trainee is, when the app is not behind JupyterHub: a code per trainee.

The lead assessor registers the class (``asesorlab trainees add NAME…``) and hands each
trainee the code printed then; the store keeps only a salted scrypt digest of it (table
``trainee_codes``, next to the attempts). Once any trainee is registered, the practice app
asks for name *and* code, and a name that is not registered, or a wrong code, is refused:
nobody sees another trainee's cases or submits as them. Ten wrong codes in a row lock the
name until the lead issues a new code (``asesorlab trainees reset NAME``). A store with no
registered trainee is open (a demo, a single trainee at home): the name alone signs in.

Attempts are keyed by (trainee, case, try) rather than by page (:func:`attempt_token`), so
two tabs on one case store one attempt.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import DateTime, Integer, String, delete, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .i18n import _
from .store import NAME_MAX, AttemptRow, Store, StoreError

#: Letters and digits a code is made of: no 0/O, 1/I/L to misread on a slip of paper.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
#: Wrong codes in a row after which a name is locked until a new code is issued.
MAX_FAILURES = 10
#: Set to "1" for a server's kernels when trainees were registered at its start
#: (``asesorlab serve``): while the store does not answer, the sign-in then waits for it
#: instead of taking a name alone.
CODES_REQUIRED_ENV = "ASESORLAB_CODES_REQUIRED"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


class _Base(DeclarativeBase):
    pass


class TraineeCodeRow(_Base):
    """The ``trainee_codes`` table: one row per registered trainee."""

    __tablename__ = "trainee_codes"

    name: Mapped[str] = mapped_column(String(NAME_MAX), primary_key=True)
    salt: Mapped[str] = mapped_column(String(64), nullable=False)
    digest: Mapped[str] = mapped_column(String(128), nullable=False)
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    failures: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


@dataclass(frozen=True)
class Registered:
    """A registered trainee as :meth:`TraineeCodes.registered` lists them."""

    name: str
    issued_at: datetime
    locked: bool


def new_code() -> str:
    """A fresh code, ``ABCD-EFGH`` (8 characters of :data:`ALPHABET`, about 40 bits)."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalize_code(text: object) -> str:
    """A code as typed, without spaces or dashes, in capitals."""
    return "".join(ch for ch in str(text or "").upper() if ch.isalnum())


def _digest(code: str, salt: str) -> str:
    return hashlib.scrypt(normalize_code(code).encode(), salt=bytes.fromhex(salt),
                          **_SCRYPT).hex()


class TraineeCodes:
    """The registered trainees and their codes, in the attempt store's database."""

    def __init__(self, store: Store) -> None:
        self.store = store
        store.use_tables(_Base.metadata)

    def required(self) -> bool:
        """True once any trainee is registered: from then on a code is needed."""
        with self.store._session() as session:
            return bool(session.scalar(select(func.count()).select_from(TraineeCodeRow)))

    def issue(self, names: list[str]) -> list[tuple[str, str]]:
        """Register ``names`` (or give them a new code); ``(name, code)`` pairs, the only
        time a code is seen: only its digest is stored."""
        issued: list[tuple[str, str]] = []
        with self.store._session() as session:
            for name in names:
                if not name or len(name) > NAME_MAX:
                    raise StoreError(_("a trainee name must be 1 to {limit} characters",
                                       limit=NAME_MAX))
                code, salt = new_code(), secrets.token_hex(16)
                row = session.get(TraineeCodeRow, name) or TraineeCodeRow(name=name)
                row.salt, row.digest = salt, _digest(code, salt)
                row.issued_at, row.failures = datetime.now(UTC), 0
                session.add(row)
                issued.append((name, code))
        return issued

    def verify(self, name: str, code: str) -> bool:
        """Whether ``code`` is ``name``'s; a wrong one counts towards the lock."""
        with self.store._session() as session:
            row = session.get(TraineeCodeRow, name, with_for_update=True)
            if row is None or row.failures >= MAX_FAILURES:
                return False
            good = hmac.compare_digest(_digest(code, row.salt), row.digest)
            row.failures = 0 if good else row.failures + 1
            return good

    def registered(self) -> list[Registered]:
        """Every registered trainee, by name."""
        with self.store._session() as session:
            rows = session.scalars(select(TraineeCodeRow).order_by(TraineeCodeRow.name))
            return [Registered(r.name, r.issued_at, r.failures >= MAX_FAILURES) for r in rows]

    def remove(self, names: list[str]) -> int:
        """Unregister ``names`` (their attempts stay); how many were registered."""
        with self.store._session() as session:
            done = session.execute(delete(TraineeCodeRow).where(TraineeCodeRow.name.in_(names)))
            return int(done.rowcount or 0)  # type: ignore[attr-defined]


def attempt_token(store: Store, trainee: str, case_id: str) -> str:
    """The attempt token of ``trainee``'s next try of ``case_id``: the same in every tab
    (try = attempts stored for that case + 1), so a second tab's submit is the first's."""
    with store._session() as session:
        tries = int(session.scalar(select(func.count(AttemptRow.id)).where(
            AttemptRow.trainee == trainee, AttemptRow.case_id == case_id)) or 0)
    key = f"{trainee}\x00{case_id}\x00{tries + 1}".encode()
    return "t" + hashlib.sha256(key).hexdigest()[:47]


__all__ = [
    "ALPHABET",
    "CODES_REQUIRED_ENV",
    "MAX_FAILURES",
    "Registered",
    "TraineeCodeRow",
    "TraineeCodes",
    "attempt_token",
    "new_code",
    "normalize_code",
]
