"""Languages: Indonesian by default, English on request, every message translated."""

from __future__ import annotations

import importlib.util

import pytest
from suite_support import ROOT

from toolkit.i18n import LanguageError, gettext, language, normalize_language


def _i18n_tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "scripts" / "i18n.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_has_an_indonesian_translation() -> None:
    missing = _i18n_tool().missing("id")
    assert not missing, "untranslated (run scripts/i18n.py check):\n" + "\n".join(
        f"{where}: {message}" for message, where in missing.items())


def test_default_is_indonesian_and_english_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ASESORLAB_LANG", raising=False)
    assert gettext("the file is empty") == "berkas kosong"
    with language("en"):
        assert gettext("the file is empty") == "the file is empty"
    monkeypatch.setenv("ASESORLAB_LANG", "en")
    assert gettext("the file is empty") == "the file is empty"


def test_placeholders_are_filled_in_both_languages() -> None:
    with language("id"):
        assert gettext("unit {code} has no title", code="X") == "unit X tidak memiliki judul"
    with language("en"):
        assert gettext("unit {code} has no title", code="X") == "unit X has no title"


@pytest.mark.parametrize(("given", "expected"), [("EN", "en"), ("id-ID", "id"), ("en_US", "en"),
                                                 ("in", "id"), (None, "id")])
def test_language_codes_are_normalised(given: str | None, expected: str) -> None:
    assert normalize_language(given) == expected


def test_unknown_language_is_refused() -> None:
    with pytest.raises(LanguageError, match="choose one of: id, en"):
        normalize_language("fr")
