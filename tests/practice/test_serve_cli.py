"""``asesorlab serve``: safe Voilà settings, the case set it serves, and plain error messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.cli import main
from training.serve import ensure_case_set


def test_dry_run_shows_safe_voila_settings(case_set: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["serve", str(case_set), "--dry-run", "--port", "9999", "--lang", "en",
                 "--db", f"sqlite:///{tmp_path / 'a.db'}"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "3 cases" in out and "0 stored" in out
    command = out.strip().splitlines()[-1]
    for setting in ("practice.ipynb", "--port=9999", "--Voila.ip=127.0.0.1",
                    "strip_sources=True", "show_tracebacks=False", "preheat_kernel=True",
                    "file_allowlist=(?!)", "file_denylist=.*", "cull_idle_timeout=900",
                    "--no-browser",
                    "extension_allowlist=@jupyter-widgets/jupyterlab-manager",
                    "extension_allowlist=@voila-dashboards/widgets-manager8"):
        assert setting in command


def test_default_generates_the_sample_case_set_once(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("ASESORLAB_DB", raising=False)
    assert main(["serve", "--dry-run", "--count", "2", "--lang", "en"]) == 0
    first = capsys.readouterr().out
    assert main(["serve", "--dry-run", "--count", "2", "--lang", "en"]) == 0
    assert capsys.readouterr().out == first  # the same folder, not generated again
    assert "2 cases" in first and str(tmp_path / "data" / "asesorlab" / "attempts.db") in first
    folders = list((tmp_path / "cache" / "asesorlab" / "cases").iterdir())
    assert len(folders) == 1 and len(list(folders[0].glob("case-*.key.json"))) == 2


@pytest.mark.parametrize("args,code,message", [
    (["serve", "/no/such/place", "--dry-run"], 2, "does not exist"),
    (["serve", "--dry-run", "--db", "nonsense://"], 1, "nonsense"),
])
def test_bad_input_is_a_message(args: list[str], code: int, message: str,
                                capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert main([*args, "--lang", "en"]) == code
    captured = capsys.readouterr()
    assert message in captured.out + captured.err
    assert "Traceback" not in captured.out + captured.err


def test_a_case_folder_of_another_scheme_is_refused(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from toolkit.synthetic import make_large_scheme

    folder = ensure_case_set(make_large_scheme(2, 2, 2), 1, 0, "en", root=tmp_path)
    assert main(["serve", str(folder), "--dry-run", "--lang", "en"]) == 2
    assert "--scheme" in capsys.readouterr().err
