"""The kernel side of a practice session: configuration, the case catalog, opening a case,
and submitting a judgement — scored against the key, which is read from disk only here,
at submit time, and never handed to a widget before the debrief.

No widgets in this module: :class:`~widgets.practice.app.PracticeApp` shows what it returns.
Configuration comes from environment variables that ``asesorlab serve`` sets for the kernel.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from toolkit.analytics.adaptive import next_case_for
from toolkit.cases.io import (
    KEY_FIELDS,
    SCHEME_COPY,
    case_files,
    follow_up_path_for,
    key_path_for,
    load_case,
    load_follow_ups,
    load_key,
)
from toolkit.cases.model import (
    FOLLOW_UP_KINDS,
    AnswerKey,
    Case,
    FollowUpKind,
    FollowUpResult,
    Judgement,
)
from toolkit.i18n import _, normalize_language
from toolkit.scheme import Scheme
from toolkit.schemeio import read_scheme, sample_scheme_path
from toolkit.scoring import score
from toolkit.store import Attempt, Store, new_token
from toolkit.store_faults import is_store_fault
from toolkit.trainees import attempt_token

#: Environment variables read by :meth:`PracticeConfig.from_env`.
CASES_ENV, SCHEME_ENV, DB_ENV, LANG_ENV = (
    "ASESORLAB_CASES", "ASESORLAB_SCHEME", "ASESORLAB_DB", "ASESORLAB_LANG")


def read_key(path: Path) -> AnswerKey:
    """The answer key of a case, read when the trainee submits. A sound key file is parsed
    and validated at once; anything else goes through :func:`load_key`, which names the
    file and line of each problem (and indexes every line first, which costs most of a
    submit's time on a sound file)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and all(name in data for name in KEY_FIELDS):
            return AnswerKey.model_validate(data)
    except (OSError, ValueError):  # unreadable, not JSON, not a key: the located way
        pass
    return load_key(path)


class PracticeError(ValueError):
    """The practice app cannot start: no cases, an unreadable scheme; the message says why."""


@dataclass(frozen=True)
class PracticeConfig:
    """Where the cases, the scheme and the attempts are, and the language."""

    cases_dir: Path
    scheme_path: Path
    db_url: str | None = None
    lang: str = "id"

    @classmethod
    def from_env(cls, cases_dir: str | Path | None = None, scheme: str | Path | None = None,
                 db: str | None = None, lang: str | None = None) -> PracticeConfig:
        """Arguments first, then ``ASESORLAB_CASES``/``_SCHEME``/``_DB``/``_LANG``."""
        folder = cases_dir or os.environ.get(CASES_ENV)
        if not folder:
            raise PracticeError(_("no case folder: set {env} or start the app with "
                                  "'asesorlab serve'", env=CASES_ENV))
        copy = Path(folder) / SCHEME_COPY
        scheme_path = scheme or os.environ.get(SCHEME_ENV) or (
            copy if copy.is_file() else sample_scheme_path())
        return cls(Path(folder), Path(scheme_path), db or os.environ.get(DB_ENV) or None,
                   normalize_language(lang or os.environ.get(LANG_ENV)))


@dataclass
class CaseEntry:
    """A case file of the catalog and the case in it."""

    path: Path
    case: Case

    @property
    def id(self) -> str:
        """The case id."""
        return self.case.id


@dataclass
class OpenedCase:
    """A case opened by a trainee: the attempt token makes its submit happen once."""

    trainee: str
    entry: CaseEntry
    token: str = field(default_factory=new_token)
    opened_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    result: tuple[Any, Attempt] | None = None
    follow_ups: dict[str, FollowUpKind] = field(default_factory=dict)
    revealed: dict[str, FollowUpResult] = field(default_factory=dict)


class PracticeSession:
    """The scheme, the cases and the store of one kernel."""

    def __init__(self, config: PracticeConfig, store: Store | None = None) -> None:
        self.config = config
        self.scheme: Scheme = read_scheme(config.scheme_path)
        files = case_files(config.cases_dir) if config.cases_dir.is_dir() else []
        self.cases = [CaseEntry(path, load_case(path)) for path in files]
        if not self.cases:
            raise PracticeError(_("no case files (case-*.json) in {folder}",
                                  folder=config.cases_dir))
        self.store = store or Store(config.db_url, connect=False)  # opened at first use
        self.why: dict[tuple[str, str], str] = {}  # (trainee, case id) → why it was chosen

    def entry(self, case_id: str) -> CaseEntry | None:
        """The catalog entry of ``case_id`` (only ids of the catalog are ever opened)."""
        return next((entry for entry in self.cases if entry.id == case_id), None)

    def labels(self) -> dict[str, str]:
        """KUK id → ``UNITCODE e.k`` for messages."""
        return {ref.id: f"{ref.unit.code} {ref.label}" for ref in self.scheme.iter_criteria()}

    def next_case(self, trainee: str, after: str | None = None) -> tuple[CaseEntry, bool]:
        """The first case ``trainee`` has not submitted (after ``after``, wrapping round);
        ``(entry, unfinished)`` — the first case again, with ``False``, when all are done."""
        done = self.store.finished_cases(trainee)
        adaptive = self._adaptive_next(trainee, done)
        if adaptive is not None:
            return adaptive, True
        ids = [entry.id for entry in self.cases]
        start = ids.index(after) + 1 if after in ids else 0
        for entry in self.cases[start:] + self.cases[:start]:
            if entry.id not in done:
                return entry, True
        return self.cases[start % len(self.cases)], False

    # -- cohort hook-in (issue 12): the adaptive next case, and why it was chosen --------
    def _adaptive_next(self, trainee: str, done: set[str]) -> CaseEntry | None:
        """The unfinished case that targets what ``trainee`` misses most (toolkit's
        choice), or None before they have enough attempts."""
        picked = next_case_for(self.store, trainee,
                               [e.path for e in self.cases if e.id not in done],
                               scheme=self.scheme.code, lang=self.config.lang)
        if picked is None:
            return None
        self.why[(trainee, picked[0])] = picked[1]
        return self.entry(picked[0])

    def why_chosen(self, trainee: str, case_id: str) -> str:
        """Why ``case_id`` was chosen for ``trainee`` ("" when it was not chosen for them)."""
        return self.why.get((trainee, case_id), "")

    def finished(self, trainee: str) -> set[str]:
        """Ids of the cases ``trainee`` has submitted."""
        return self.store.finished_cases(trainee)

    def open(self, trainee: str, case_id: str) -> OpenedCase:
        """Open a case of the catalog for ``trainee`` with a fresh attempt token."""
        entry = self.entry(case_id)
        if entry is None:
            raise PracticeError(_("no case {case} in this set", case=case_id))
        try:  # the try's token; with the database away it is made at submit instead
            token = attempt_token(self.store, trainee, case_id)
        except Exception as exc:
            if not is_store_fault(exc):
                raise
            token = ""
        return OpenedCase(trainee, entry, token=token)

    def follow_up(self, opened: OpenedCase, kuk: str, kind: str) -> FollowUpResult | None:
        """What the follow-up ``kind`` (question, demonstration, third_party) on ``kuk``
        reveals: read now from the case's follow-up file, this one KUK's entry only. One
        follow-up per KUK and attempt: asking again returns what was revealed first. None
        when the case has nothing prepared, or ``kuk``/``kind`` is not one of the case's."""
        if kuk in opened.revealed:
            return opened.revealed[kuk]
        if kind not in FOLLOW_UP_KINDS or opened.result is not None:
            return None
        units = set(opened.entry.case.units)
        if kuk.rpartition("/")[0] not in units:
            return None
        path = follow_up_path_for(opened.entry.path)
        if not path.is_file():
            return None
        prepared = load_follow_ups(path).criteria.get(kuk, {}).get(kind)  # type: ignore[call-overload]
        if prepared is None:
            return None
        opened.follow_ups[kuk] = kind  # type: ignore[assignment]
        opened.revealed[kuk] = prepared
        return prepared

    def submit(self, opened: OpenedCase, judgement: Judgement) -> tuple[Any, Attempt]:
        """Score ``judgement`` against the key (read now, server-side) and store the attempt
        in one transaction; a second submit of the same opened case returns the first."""
        if opened.result is not None:
            return opened.result
        if not opened.token:  # opened while the database was away
            opened.token = attempt_token(self.store, opened.trainee, opened.entry.id)
        key = read_key(key_path_for(opened.entry.path))
        judgement = judgement.model_copy(update={"follow_ups": dict(opened.follow_ups)})
        case = opened.entry.case
        report = score(key, judgement, lang=self.config.lang, case=case)
        attempt, created = self.store.record(Attempt(
            token=opened.token, trainee=opened.trainee, case_id=case.id,
            opened_at=opened.opened_at, judgement=judgement.model_dump(mode="json"),
            score=report.to_dict(), scheme_code=case.scheme_code,
            scheme_version=case.scheme_version or self.scheme.version_hash(),
            language=self.config.lang))
        if not created:  # this try was submitted already (another tab): that one counts
            report = score(key, Judgement.model_validate(attempt.judgement), lang=self.config.lang,
                           case=case)
        opened.result = (report, attempt)
        return opened.result

    def history(self, trainee: str) -> list[Attempt]:
        """The trainee's attempts, oldest first."""
        return self.store.attempts(trainee)


__all__ = ["CaseEntry", "OpenedCase", "PracticeConfig", "PracticeError", "PracticeSession",
           "read_key"]
