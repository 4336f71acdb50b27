"""Console examples of the documentation: find them in Markdown, run them, compare the output.

The convention (also in ``docs/DEVELOPING.md``):

* an example is a fenced block whose info string is ``console``; a line starting with
  ``$ `` is a command (a trailing ``\\`` continues it on the next line), the lines after
  it up to the next command are its output as a terminal shows it (stdout and stderr);
* ``<!-- example: skip REASON -->`` on the line just before the fence skips the block
  (a server that does not stop, a Dask cluster); the reason is required;
* the commands of one Markdown file run in order in one shell session (the working
  folder carries over, ``$?`` is the previous command's exit code), starting in a
  fresh folder that holds a copy of ``toolkit/data/`` and ``docs/examples/``; ``.venv``
  points to the project's environment, ``HOME`` is a fresh folder printed as ``~``;
* in an expected output, ``…`` stands for any text within a line and a line holding
  only ``…`` for any number of lines (timings, absolute paths, long listings); runs of
  spaces compare equal to one space;
* a command shown without output must succeed (exit 0); a failing one shows its output
  and, if it matters, ``$ echo $?``.

Any other fenced block with a ``$ `` line is an error: examples cannot hide from the test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

ELLIPSIS = "…"
SKIP = re.compile(r"^<!--\s*example:\s*skip\b\s*(?P<reason>.*?)\s*-->\s*$")
FENCE = re.compile(r"^(?P<indent> *)(?P<fence>```+|~~~+)\s*(?P<info>[^`\s]*)")
PROMPT = "$ "


@dataclass
class Command:
    """One ``$`` line of an example: where it is, what it runs, what it should print."""

    file: Path
    line: int
    text: str
    expected: list[str] = field(default_factory=list)
    shows_output: bool = False

    def where(self, root: Path) -> str:
        """``docs/cases.md:20`` (relative to ``root`` when it can be)."""
        try:
            name = self.file.resolve().relative_to(root.resolve())
        except ValueError:
            name = self.file
        return f"{name}:{self.line}"


@dataclass
class Block:
    """A ``console`` block: its line, its commands, and why it is skipped (if it is)."""

    file: Path
    line: int
    commands: list[Command]
    skip: str | None = None


class ExampleSyntaxError(ValueError):
    """A Markdown file breaks the example convention (named with file and line)."""


def _fenced_blocks(lines: list[str]) -> list[tuple[int, str, list[str]]]:
    """``(line of the opening fence, info string, body lines)`` for every fenced block."""
    blocks = []
    number = 0
    while number < len(lines):
        opening = FENCE.match(lines[number])
        if not opening:
            number += 1
            continue
        fence, indent = opening["fence"], len(opening["indent"])
        body: list[str] = []
        start = number
        number += 1
        while number < len(lines) and not lines[number].strip().startswith(fence):
            body.append(lines[number][indent:] if lines[number][:indent].isspace()
                        else lines[number])
            number += 1
        blocks.append((start + 1, opening["info"], body))
        number += 1
    return blocks


def parse_examples(path: Path) -> list[Block]:
    """Every ``console`` block of the Markdown file ``path``, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks = []
    for start, info, body in _fenced_blocks(lines):
        has_prompt = any(line.startswith(PROMPT) for line in body)
        if info != "console":
            if has_prompt:
                raise ExampleSyntaxError(f"{path}:{start}: a block with '$ ' commands must be "
                                         "fenced as ```console (or lose the prompts)")
            continue
        before = lines[start - 2].strip() if start >= 2 else ""
        skip = SKIP.match(before)
        if skip and not skip["reason"]:
            raise ExampleSyntaxError(f"{path}:{start - 1}: 'example: skip' needs a reason")
        if not has_prompt:
            raise ExampleSyntaxError(f"{path}:{start}: a console block has no '$ ' command")
        blocks.append(Block(path, start, _commands(path, start, body),
                            skip["reason"] if skip else None))
    return blocks


def _commands(path: Path, start: int, body: list[str]) -> list[Command]:
    commands: list[Command] = []
    number = 0
    while number < len(body):
        line = body[number]
        if not line.startswith(PROMPT):
            if not commands:
                raise ExampleSyntaxError(f"{path}:{start + 1 + number}: output before the "
                                         "first '$ ' command")
            commands[-1].expected.append(line)
            commands[-1].shows_output = True
            number += 1
            continue
        command = Command(path, start + 1 + number, line[len(PROMPT):])
        while command.text.endswith("\\") and number + 1 < len(body):
            number += 1
            command.text = command.text[:-1].rstrip() + " " + body[number].strip()
        commands.append(command)
        number += 1
    for command in commands:
        while command.expected and not command.expected[-1].strip():
            command.expected.pop()
        command.shows_output = bool(command.expected)
    return commands


def _squeeze(line: str) -> str:
    return re.sub(r"\s+", " ", line.strip())


def output_pattern(expected: list[str]) -> re.Pattern[str]:
    """The regular expression an actual output must match in full."""
    pieces = []
    for line in expected:
        squeezed = _squeeze(line)
        if squeezed == ELLIPSIS:
            pieces.append(r"(?:[^\n]*\n)*?")
            continue
        parts = [re.escape(part) for part in squeezed.split(ELLIPSIS)]
        pieces.append("[^\n]*?".join(parts) + r"\n")
    return re.compile("".join(pieces))


def output_matches(expected: list[str], actual: str) -> bool:
    """Whether ``actual`` is what ``expected`` shows (``…`` wildcards, spaces squeezed)."""
    text = "".join(_squeeze(line) + "\n" for line in actual.rstrip("\n").splitlines())
    return output_pattern(expected).fullmatch(text) is not None


@dataclass
class Session:
    """A shell session for the examples of one file: a folder, a working dir, ``$?``."""

    root: Path
    venv: Path
    cwd: Path = field(init=False)
    home: Path = field(init=False)
    status: int = 0

    def __post_init__(self) -> None:
        self.cwd = self.root
        self.home = self.root.parent / f"{self.root.name}-home"
        self.home.mkdir(exist_ok=True)

    @classmethod
    def prepare(cls, folder: Path, project: Path, venv: Path) -> Session:
        """A fresh folder with copies of ``toolkit/data`` and ``docs/examples``."""
        folder.mkdir(parents=True, exist_ok=True)
        for part in ("toolkit/data", "docs/examples"):
            if (project / part).is_dir():
                shutil.copytree(project / part, folder / part)
        (folder / ".venv").symlink_to(venv)
        return cls(folder, venv)

    def environment(self) -> dict[str, str]:
        """The environment of every command: the project's venv first, a fresh HOME."""
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("ASESORLAB_", "XDG_", "JUPYTER", "PYTEST"))}
        env.update(HOME=str(self.home), PATH=f"{self.venv / 'bin'}{os.pathsep}{env['PATH']}",
                   COLUMNS="100", TERM="dumb", NO_COLOR="1", PYTHONWARNINGS="ignore")
        return env

    def run(self, command: Command, timeout: float = 600) -> str:
        """Run ``command`` where the last one left off; return its output (HOME as ``~``)."""
        script = (f"cd {_quote(self.cwd)} || exit 97\n(exit {self.status})\n{command.text}\n"
                  "__status=$?\nprintf '\\n\\0%s\\0%s' \"$__status\" \"$PWD\"\n")
        done = subprocess.run(["bash", "-c", script], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                              env=self.environment(), timeout=timeout, check=False)
        text = done.stdout.decode("utf-8", "replace")
        output, _sep, tail = text.rpartition("\n\0")
        status, _sep, cwd = tail.partition("\0")
        self.status = int(status) if status.isdigit() else done.returncode
        if cwd:
            self.cwd = Path(cwd)
        return output.replace(str(self.home), "~")


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "'\\''") + "'"


def check_examples(blocks: list[Block], session: Session, root: Path) -> list[str]:
    """Run every block not skipped in ``session``; one message per command that went wrong."""
    problems = []
    for block in blocks:
        if block.skip:
            continue
        for command in block.commands:
            output = session.run(command)
            if command.shows_output and not output_matches(command.expected, output):
                problems.append(
                    f"{command.where(root)}: $ {command.text}\n--- the docs show:\n"
                    + "\n".join(command.expected) + "\n--- the command printed "
                    f"(exit {session.status}):\n{output.rstrip()}\n")
            elif not command.shows_output and session.status != 0:
                problems.append(f"{command.where(root)}: $ {command.text}\n--- shown without "
                                f"output, but it exited {session.status}:\n{output.rstrip()}\n")
    return problems


__all__ = ["Block", "Command", "ExampleSyntaxError", "Session", "check_examples",
           "output_matches", "parse_examples"]
