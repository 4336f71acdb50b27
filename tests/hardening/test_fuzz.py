"""Fuzz every reader of user files with mutated valid files and the classic bombs (issue 15).

Each input is read in a separate reader process (``fuzz_worker.py``) that runs under an
address-space limit; an input that takes more than 5 s is a hang (the process is killed
and replaced). The test fails on any traceback, unlocated error, hang or memory error; the
counts per reader are printed at the end of the run ("reader fuzz").

``ASESORLAB_FUZZ_EXAMPLES`` sets the mutated inputs per reader (default 40, about a minute
on a 2-core CI machine for everything; try 1000 locally).
"""

from __future__ import annotations

import io
import json
import os
import select
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.cases import generate_case_set
from toolkit.cases.io import dumps, follow_up_path_for, key_path_for, save_case_set
from toolkit.cases.model import Judgement
from toolkit.instruments import sample_bank_path
from toolkit.schemeio import DATA_DIR, read_scheme, sample_scheme_path, save_scheme

from .hostile import alias_bomb, deep_json, many_rows_xlsx, rows_xml, scheme_rows, write_xlsx

pytestmark = pytest.mark.slow

WORKER = Path(__file__).with_name("fuzz_worker.py")
MEMORY = 1536 * 1024 * 1024  # address space of a reader process
HANG = 5.0  # seconds
EXAMPLES = int(os.environ.get("ASESORLAB_FUZZ_EXAMPLES", "40"))
READERS = {  # reader → file name it is given
    "scheme-yaml": "scheme.yaml", "scheme-json": "scheme.json", "scheme-xlsx": "scheme.xlsx",
    "bank": "scheme.bank.yaml", "case": "case-0001.json", "key": "case-0001.key.json",
    "judgement": "judgement.json", "follow-ups": "case-0001.followup.json",
    "catalogue": "scheme.evidence.yaml", "manifest": "manifest.yaml",
}
TOKENS = [b"&a ", b"*a", b"&b [*b]", b"[", b"]", b"{", b"}", b"!!binary aGk=", b"!!set ",
          b"!!python/object:os.system ", b"<<: ", b"<<: *a", b": ", b"\n- ", b"\n  ", b"\t",
          b"\x00", b"\xff\xfe", b'"', b"'", b"9" * 600, b"1e999", b"-", b"? ", b"|\n", b">-",
          b"%YAML 1.1\n", b"---\n", b"...\n", b"#", b"null", b"~", b"true", b",", b"\\u0000",
          b'"\\ud800"', b"NaN", b"Infinity", b"[" * 200, b"{\"a\":" * 100, b"\r\n", b"\xc3("]
XML_TOKENS = [b"<row>", b"</row>", b"</c>", b'<c r="E9" t="s"><v>999999</v></c>',
              b'<c r="A1"><v>' + b"9" * 5000 + b"</v></c>", b'<dimension ref="A1:E9999999"/>',
              b'<f>1+1</f>', b"&lol;",
              b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>', b'state="hidden"',
              b'<c r="XFD1"><v>1</v></c>', b'<row r="1048576">', b"<is><t>=A1</t></is>", b"\x00"]


class ReaderProcess:
    """One ``fuzz_worker.py`` process, replaced after a hang or a crash."""

    def __init__(self, context: dict[str, str]) -> None:
        self.context = context
        self.process: subprocess.Popen[str] | None = None
        self.peak_rss = 0.0

    def _start(self) -> subprocess.Popen[str]:
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "ASESORLAB_LANG": "en"}
        env.pop("ASESORLAB_MAX_FILE_MB", None)
        process = subprocess.Popen([sys.executable, str(WORKER), str(MEMORY)], text=True,
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        self.process = process
        warm = self.read("scheme-yaml", Path(self.context["scheme"]), timeout=120)
        assert warm["outcome"] == "ok", warm
        return process

    def read(self, reader: str, path: Path, timeout: float = HANG) -> dict[str, Any]:
        """How ``reader`` ended on ``path``: the worker's answer, or a hang/death."""
        process = self.process or self._start()
        assert process.stdin is not None and process.stdout is not None
        request = {"reader": reader, "path": str(path), "context": self.context}
        process.stdin.write(json.dumps(request) + "\n")
        process.stdin.flush()
        ready, _w, _x = select.select([process.stdout], [], [], timeout)
        line = process.stdout.readline() if ready else ""
        if not line:
            process.kill()
            process.wait()
            self.process = None
            return {"outcome": "hang" if not ready else "died", "detail": str(path),
                    "seconds": timeout, "rss_mb": 0.0}
        answer: dict[str, Any] = json.loads(line)
        self.peak_rss = max(self.peak_rss, answer["rss_mb"])
        return answer

    def close(self) -> None:
        if self.process is not None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait(timeout=30)
            self.process = None


@pytest.fixture(scope="module")
def bases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """A valid file for every reader: the bytes the mutations start from."""
    folder = tmp_path_factory.mktemp("fuzz-bases")
    full = read_scheme(sample_scheme_path())
    small = full.model_copy(update={"units": full.units[:2]})
    for suffix in ("yaml", "json", "xlsx"):
        save_scheme(small, folder / f"scheme.{suffix}")
    [(case, key_model, follow_ups)] = generate_case_set(small, count=1, seed=3)
    [case_path] = save_case_set([(case, key_model)], folder / "cases", [follow_ups])
    key_path = key_path_for(case_path)
    follow_path = follow_up_path_for(case_path)
    key = json.loads(key_path.read_text(encoding="utf-8"))
    judgement = Judgement.model_validate({k: v for k, v in key.items()
                                          if k in Judgement.model_fields})
    manifest = ("notebook: training_pack\noutput: out/\nformats: [ipynb, html]\n"
                "grid:\n  seed: [1, 2]\n  language: [id, en]\n"
                "runs:\n  - {seed: 9, scheme: scheme.yaml}\n")
    return {
        "scheme-yaml": (folder / "scheme.yaml").read_bytes(),
        "scheme-json": (folder / "scheme.json").read_bytes(),
        "scheme-xlsx": (folder / "scheme.xlsx").read_bytes(),
        "bank": sample_bank_path().read_bytes(), "case": case_path.read_bytes(),
        "key": key_path.read_bytes(), "judgement": dumps(judgement).encode(),
        "follow-ups": follow_path.read_bytes() if follow_path.exists() else b"",
        "catalogue": (DATA_DIR / "junior-web-programmer.evidence.yaml").read_bytes(),
        "manifest": manifest.encode(), "_key_path": str(key_path).encode(),
    }


@pytest.fixture(scope="module")
def reader_process(bases: dict[str, bytes]) -> Iterator[ReaderProcess]:
    worker = ReaderProcess({"scheme": str(sample_scheme_path()),
                            "key": bases["_key_path"].decode()})
    yield worker
    worker.close()


@st.composite
def _mutated(draw: st.DrawFn, base: bytes, tokens: list[bytes]) -> bytes:
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(data)))
        end = min(len(data), start + draw(st.integers(0, 64)))
        operation = draw(st.sampled_from(["delete", "insert", "token", "repeat", "flip"]))
        if operation == "delete":
            del data[start:end]
        elif operation == "insert":
            data[start:start] = draw(st.binary(min_size=1, max_size=16))
        elif operation == "token":
            data[start:end] = draw(st.sampled_from(tokens))
        elif operation == "repeat":
            data[start:start] = data[start:end] * draw(st.integers(2, 50))
        elif data:
            index = min(start, len(data) - 1)
            data[index] ^= 1 << draw(st.integers(0, 7))
    return bytes(data)


@st.composite
def _mutated_xlsx(draw: st.DrawFn, base: bytes) -> bytes:
    if draw(st.integers(0, 4)) == 0:  # the zip itself damaged
        return draw(_mutated(base, [b"PK\x03\x04", b"\x00" * 8, b"\xff" * 4]))
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = draw(st.sampled_from(sorted(parts)))
    parts[name] = draw(_mutated(parts[name], XML_TOKENS))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return out.getvalue()


def _bombs(folder: Path) -> dict[str, list[tuple[str, Callable[[Path], None]]]]:
    """The classic bombs, each a (name, maker) for the readers of its file type."""
    def text(value: str) -> Callable[[Path], None]:
        return lambda path: path.write_text(value, encoding="utf-8")

    def huge(path: Path) -> None:  # 60 MB, sparse: over the 50 MB default
        with path.open("wb") as handle:
            handle.truncate(60 << 20)

    yaml_bombs = [("alias bomb", text(alias_bomb())), ("recursive alias", text("a: &r [*r]\n")),
                  ("deep nesting", text("a: " + "[" * 100_000 + "\n")),
                  ("5000-digit number", text("a: " + "9" * 5000 + "\n")),
                  ("!!binary", text("a: !!binary aGVsbG8=\n")),
                  ("!!python", text("a: !!python/object/apply:os.system [ls]\n")),
                  ("60 MB file", huge)]
    json_bombs = [("deep nesting", text(deep_json(100_000))),
                  ("5000-digit number", text('{"a": ' + "9" * 5000 + "}")),
                  ("lone surrogate", text('{"case": "\\ud800"}')),
                  ("NaN and Infinity", text('{"case": NaN, "criteria": Infinity}')),
                  ("60 MB file", huge)]

    def zip_bomb(path: Path) -> None:
        write_xlsx(path, [("Skema", "visible", rows_xml(scheme_rows()))],
                   extra_part=("xl/media/zeros.bin", 260 << 20))

    def rows(path: Path) -> None:
        many_rows_xlsx(path, 1_000_000, declare=False)

    def sheets(path: Path) -> None:
        write_xlsx(path, [(f"S{n}", "visible", rows_xml([["x"]])) for n in range(100)])

    def declared(path: Path) -> None:
        write_xlsx(path, [("Skema", "visible", '<dimension ref="A1:XFD1048576"/>|'
                           + rows_xml(scheme_rows()))])

    grid = "notebook: training_pack\ngrid:\n" + "".join(
        f"  p{n}: [{', '.join(str(v) for v in range(45))}]\n" for n in range(4))
    return {
        "yaml": yaml_bombs, "json": json_bombs, "manifest": [*yaml_bombs, (
            "4M-run grid", text(grid))],
        "xlsx": [("zip bomb (260 MB of zeros)", zip_bomb), ("1M rows", rows),
                 ("100 sheets", sheets), ("A1:XFD1048576 dimension", declared),
                 ("not a zip", text("code: A\n")), ("60 MB file", huge)],
    }


def _family(reader: str) -> str:
    if reader == "manifest":
        return "manifest"
    if reader in ("scheme-yaml", "bank", "catalogue"):
        return "yaml"
    return "xlsx" if reader == "scheme-xlsx" else "json"


def _check(answer: dict[str, Any], what: str) -> None:
    assert answer["outcome"] in ("ok", "located"), (what, answer)


@pytest.mark.parametrize("reader", list(READERS))
def test_reader_survives_mutations_and_bombs(reader: str, bases: dict[str, bytes],
                                             reader_process: ReaderProcess, tmp_path: Path,
                                             fuzz_counts: dict[str, dict[str, Any]]) -> None:
    if not bases[reader]:
        pytest.skip(f"the generator wrote no {reader} file to start from")
    counts: dict[str, Any] = {"mutated": 0, "bombs": 0, "ok": 0, "located": 0,
                              "tracebacks": 0, "hangs": 0, "max_s": 0.0}
    fuzz_counts[reader] = counts
    target = tmp_path / READERS[reader]

    def tally(answer: dict[str, Any]) -> None:
        outcome = answer["outcome"]
        if outcome in ("ok", "located"):
            counts[outcome] += 1
        elif outcome in ("hang", "died"):
            counts["hangs"] += 1
        else:
            counts["tracebacks"] += 1
        counts["max_s"] = max(counts["max_s"], answer["seconds"])
        counts["rss_mb"] = round(reader_process.peak_rss)

    for name, make in _bombs(tmp_path)[_family(reader)]:
        make(target)
        answer = reader_process.read(reader, target)
        counts["bombs"] += 1
        tally(answer)
        _check(answer, f"{reader}: {name}")
        assert answer["outcome"] == "located", (name, answer)
        if name == "alias bomb":
            assert answer["seconds"] < 1.0, answer

    strategy = (_mutated_xlsx(bases[reader]) if reader == "scheme-xlsx"
                else _mutated(bases[reader], TOKENS))

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.function_scoped_fixture])
    @given(data=strategy)
    def fuzz(data: bytes) -> None:
        target.write_bytes(data)
        answer = reader_process.read(reader, target)
        counts["mutated"] += 1
        tally(answer)
        _check(answer, f"{reader}: mutated input {data[:200]!r}")

    fuzz()
    assert counts["tracebacks"] == 0 and counts["hangs"] == 0
    assert reader_process.peak_rss < 1024  # MB, whole reader process
