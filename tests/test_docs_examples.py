"""Every console example of README.md and docs/*.md runs as written and prints what it shows.

The convention is in ``tests/docs_examples.py`` and ``docs/DEVELOPING.md``. A failure
names the Markdown file and line of the example, what the docs show and what ran.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from docs_examples import (
    Command,
    ExampleSyntaxError,
    Session,
    check_examples,
    output_matches,
    parse_examples,
)
from suite_support import ROOT

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
VENV = Path(sys.executable).parent.parent


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.slow
@pytest.mark.kernel
@pytest.mark.parametrize("document", DOCUMENTS, ids=_id)
def test_console_examples_run_as_written(document: Path, tmp_path: Path) -> None:
    blocks = parse_examples(document)
    session = Session.prepare(tmp_path / "examples", ROOT, VENV)
    problems = check_examples(blocks, session, ROOT)
    assert not problems, "\n".join(problems)


def test_the_documents_have_examples_and_skips_say_why() -> None:
    blocks = [block for document in DOCUMENTS for block in parse_examples(document)]
    commands = [command.text for block in blocks for command in block.commands]
    assert any("asesorlab batch" in text for text in commands)
    assert any("asesorlab simulate" in text for text in commands)
    assert all(block.skip.strip() for block in blocks if block.skip)
    assert sum(1 for block in blocks if not block.skip) > sum(1 for b in blocks if b.skip)


def test_output_comparison_tolerates_only_what_the_convention_says() -> None:
    shown = ["Report: …/batch-report.json (… s)", "…", "5 ok, 1 failed, 0 skipped"]
    assert output_matches(shown, "Report: /tmp/x/packs/batch-report.json (7.5 s)\n"
                                 "a\nb\n5 ok,   1 failed, 0 skipped\n")
    assert output_matches(shown, "Report: /a/batch-report.json (1 s)\n5 ok, 1 failed, 0 skipped")
    assert not output_matches(shown, "Report: /a/batch-report.json (1 s)\n6 ok, 0 failed, 0 "
                                     "skipped\n")
    assert not output_matches(["0.500000"], "cohen: 0.500000\n")
    assert not output_matches(["a"], "a\nb\n")


def test_a_drifted_example_fails_with_its_file_and_line(tmp_path: Path) -> None:
    doc = tmp_path / "guide.md"
    doc.write_text("# Guide\n\n```console\n$ echo one \\\n    two\none two\n$ echo three\n"
                   "four\n$ false\n```\n\n<!-- example: skip starts a server -->\n```console\n"
                   "$ sleep 1000\n```\n", encoding="utf-8")
    blocks = parse_examples(doc)
    assert [b.skip for b in blocks] == [None, "starts a server"]
    assert [c.line for c in blocks[0].commands] == [4, 7, 9]
    problems = check_examples(blocks, Session.prepare(tmp_path / "run", ROOT, VENV), tmp_path)
    assert len(problems) == 2
    assert problems[0].startswith("guide.md:7: $ echo three")
    assert "four" in problems[0] and "three" in problems[0]
    assert problems[1].startswith("guide.md:9: $ false") and "exited 1" in problems[1]


def test_the_session_keeps_the_folder_and_the_exit_code(tmp_path: Path) -> None:
    session = Session.prepare(tmp_path / "run", ROOT, VENV)
    assert (session.root / "toolkit" / "data" / "junior-web-programmer.yaml").is_file()
    for text in ("mkdir sub && cd sub", "false"):
        session.run(Command(tmp_path / "x.md", 1, text))
    assert session.run(Command(tmp_path / "x.md", 2, "echo $? $PWD ~")) == (
        f"1 {session.root / 'sub'} ~\n")


@pytest.mark.parametrize("text, problem", [
    ("```\n$ asesorlab plugins\n```\n", "must be fenced as ```console"),
    ("<!-- example: skip -->\n```console\n$ make run\n```\n", "needs a reason"),
    ("```console\nno prompt\n```\n", "has no '$ ' command"),
])
def test_breaking_the_convention_is_an_error(tmp_path: Path, text: str, problem: str) -> None:
    doc = tmp_path / "bad.md"
    doc.write_text(text, encoding="utf-8")
    with pytest.raises(ExampleSyntaxError, match=re.escape(problem)):
        parse_examples(doc)
