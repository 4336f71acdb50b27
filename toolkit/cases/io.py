"""Case, key and judgement files (JSON), read with located errors and written atomically.

A case set is a folder of ``case-0001.json`` (what the trainee may see) and
``case-0001.key.json`` (the answer key) pairs. Files are written with sorted
keys where the order carries no meaning, two-space indentation, UTF-8 and a
final newline, so that the same seed gives byte-identical files.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from ..errors import SchemeError, SchemeInvalid
from ..i18n import _
from ..schemeio.atomic import write_text_atomic
from ..schemeio.textformats import read_json_data
from ..schemeio.validate import Locator, validate_model
from .model import AnswerKey, Case, FollowUps, Judgement

M = TypeVar("M", bound=BaseModel)
KEY_SUFFIX = ".key.json"
FOLLOW_UP_SUFFIX = ".followup.json"
#: The copy of the scheme that ``simulate`` writes into a case folder.
SCHEME_COPY = "scheme.yaml"


def dumps(model: BaseModel) -> str:
    """The file text of a case, key or judgement: stable, UTF-8, newline-terminated."""
    data = model.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def save_case(case: Case, path: str | Path) -> Path:
    """Write ``case`` to ``path`` atomically."""
    target = Path(path)
    write_text_atomic(target, dumps(case))
    return target


def save_key(key: AnswerKey, path: str | Path) -> Path:
    """Write ``key`` to ``path`` atomically."""
    target = Path(path)
    write_text_atomic(target, dumps(key))
    return target


def save_judgement(judgement: Judgement, path: str | Path) -> Path:
    """Write ``judgement`` to ``path`` atomically."""
    target = Path(path)
    write_text_atomic(target, dumps(judgement))
    return target


def key_path_for(case_path: str | Path) -> Path:
    """``case-0001.json`` → ``case-0001.key.json`` (in the same folder)."""
    path = Path(case_path)
    return path.with_name(path.name.removesuffix(".json") + KEY_SUFFIX)


def case_beside_key(key_path: str | Path) -> Case | None:
    """The case of ``case-0001.key.json``: ``case-0001.json`` in the same folder, or None."""
    path = Path(key_path)
    case_path = path.with_name(path.name.removesuffix(KEY_SUFFIX) + ".json")
    return load_case(case_path) if case_path != path and case_path.is_file() else None


def follow_up_path_for(case_path: str | Path) -> Path:
    """``case-0001.json`` → ``case-0001.followup.json`` (in the same folder as the key)."""
    path = Path(case_path)
    return path.with_name(path.name.removesuffix(".json") + FOLLOW_UP_SUFFIX)


def save_follow_ups(follow_ups: FollowUps, path: str | Path) -> Path:
    """Write what each follow-up reveals to ``path`` atomically."""
    target = Path(path)
    write_text_atomic(target, dumps(follow_ups))
    return target


def save_case_set(pairs: Iterable[tuple[Case, AnswerKey]], out_dir: str | Path,
                  follow_ups: Iterable[FollowUps | None] | None = None) -> list[Path]:
    """Write each case as ``DIR/<id>.json``, its key beside it and, when given, what its
    follow-ups reveal; return the case paths."""
    folder = Path(out_dir)
    written: list[Path] = []
    extras = list(follow_ups) if follow_ups is not None else []
    for number, (case, key) in enumerate(pairs):
        case_path = save_case(case, folder / f"{case.id}.json")
        save_key(key, key_path_for(case_path))
        if number < len(extras) and extras[number] is not None:
            save_follow_ups(extras[number], follow_up_path_for(case_path))  # type: ignore[arg-type]
        written.append(case_path)
    return written


def case_files(directory: str | Path) -> list[Path]:
    """The case files (``case-*.json``: not keys, not follow-ups) of a folder, by name."""
    return sorted(p for p in Path(directory).glob("case-*.json")
                  if not p.name.endswith((KEY_SUFFIX, FOLLOW_UP_SUFFIX)) and p.is_file())


# -- reading --------------------------------------------------------------------------

def read_data(path: str | Path) -> tuple[Any, Locator]:
    """Parse a JSON file into data and a line index; syntax errors are located."""
    return read_json_data(path)


def validate_data(data: Any, locator: Locator, model: type[M], what: str,
                  required: tuple[str, ...] = ()) -> M:
    """``data`` as ``model``, or :class:`SchemeInvalid` with an error per located problem.

    ``required`` names top-level keys the file must spell out even where the model
    has a default (a judgement file must state its recommendation).
    """
    if not isinstance(data, dict):
        raise SchemeInvalid([locator.error((), _("the file must hold a JSON object ({what})",
                                                 what=what))])
    errors: list[SchemeError] = [
        locator.error((), _("required field {field!r} is missing", field=name))
        for name in required if name not in data]
    return validate_model(model, data, locator, full_path=True, errors=errors)


#: Keys a key file and a judgement file must state (the others may be left out).
KEY_FIELDS = ("case", "criteria", "evidence", "units", "recommendation")
JUDGEMENT_FIELDS = ("case", "criteria", "recommendation")


def _load(path: str | Path, model: type[M], what: str, required: tuple[str, ...] = ()) -> M:
    data, locator = read_data(path)
    return validate_data(data, locator, model, what, required)


def load_case(path: str | Path) -> Case:
    """Read a case file; :class:`SchemeInvalid` names the file and line of each problem."""
    return _load(path, Case, _("a case"))


def load_key(path: str | Path) -> AnswerKey:
    """Read an answer key file; problems are located as in :func:`load_case`."""
    return _load(path, AnswerKey, _("an answer key"), KEY_FIELDS)


def load_follow_ups(path: str | Path) -> FollowUps:
    """Read a follow-up file (what each follow-up on each KUK reveals); located errors."""
    return _load(path, FollowUps, _("a follow-up file"), ("case",))


def load_judgement(path: str | Path, key: AnswerKey | None = None) -> Judgement:
    """Read a judgement file; with ``key``, also check that it fits that key (located)."""
    data, locator = read_data(path)
    judgement = validate_data(data, locator, Judgement, _("a judgement"), JUDGEMENT_FIELDS)
    if key is not None:
        from ..scoring import check_judgement

        problems = check_judgement(key, judgement)
        if problems:
            raise SchemeInvalid([locator.error(where, message) for where, message in problems])
    return judgement


__all__ = [
    "FOLLOW_UP_SUFFIX",
    "KEY_SUFFIX",
    "SCHEME_COPY",
    "case_beside_key",
    "case_files",
    "dumps",
    "follow_up_path_for",
    "key_path_for",
    "load_case",
    "load_follow_ups",
    "load_judgement",
    "load_key",
    "read_data",
    "save_case",
    "save_case_set",
    "save_follow_ups",
    "save_judgement",
    "save_key",
    "validate_data",
]
