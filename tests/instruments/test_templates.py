"""The versioned template sets: bilingual labels, versions, what the newer set changes.

Each form's printed labels are pinned in ``form_fixtures.py`` (``test_form_labels.py``).
"""

from __future__ import annotations

import pytest

from toolkit.instruments import VERSIONS, list_instruments, load_templates
from toolkit.instruments.templates import TemplateError


@pytest.mark.parametrize("version", VERSIONS)
def test_every_label_has_indonesian_and_english(version):
    templates = load_templates(version)
    assert templates.version == version
    for code in templates.codes():
        form = templates.form(code)
        assert form.title("id") and form.title("en") and form.title("id") != form.title("en")
        for table in (form.data.get("columns") or {}):
            english = [c.label for c in form.columns(table, "en")]
            assert all(english), (code, table)
            assert all(isinstance(c.key, str) for c in form.columns(table, "id"))
        for key in form.data.get("texts") or {}:
            assert form.text(key, "id") and form.text(key, "en"), (code, key)
        for key, value in form.data.items():  # lists of printed entries (guide, items …)
            entries = list(value) if isinstance(value, list) else []
            entries += [c for e in entries if isinstance(e, dict) for c in e.get("choices", [])]
            for entry in entries:
                if isinstance(entry, dict) and "id" in entry:
                    assert entry["id"] and entry.get("en"), (code, key, entry)


def test_english_forms_use_the_english_labels(scheme):
    instrument = next(i for i in list_instruments() if i.code == "FR.IA.01")
    [doc] = instrument.generate(scheme, template="2020", lang="en")
    assert doc.title.startswith("OBSERVATION CHECKLIST")
    assert doc.tables()[0].column_labels()[:3] == ["No.", "Element", "Performance criteria*"]


def test_unknown_version_names_the_known_ones():
    with pytest.raises(TemplateError, match="2020, 2023"):
        load_templates("2019")


def test_newer_set_extends_the_older_one():
    old, new = load_templates("2020"), load_templates("2023")
    assert new.form("FR.AK.03").data == old.form("FR.AK.03").data
    assert new.form("FR.IA.01").grouped and not old.form("FR.IA.01").grouped
    assert new.footer is None and old.footer


def test_a_newer_form_may_change_only_some_keys_of_the_older_one():
    old, new = load_templates("2020").form("FR.AK.02"), load_templates("2023").form("FR.AK.02")
    assert new.grouped and not old.grouped
    assert new.data["columns"] == old.data["columns"]
    assert "FR.AK.07" in load_templates("2023").codes()
    assert not load_templates("2020").has("FR.AK.07")
