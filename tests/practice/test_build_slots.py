"""Build slots (``training.build_slots``): no more kernels build the app at once than there
are slots; a waiting kernel builds as soon as one is free; a dead kernel's slot is free; no
limit without the variable; ``asesorlab serve`` sets it for its kernels."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from training import build_slots
from training.build_slots import ENV, build_slot
from training.serve import Source, kernel_environment


@pytest.fixture
def two_slots(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(ENV, str(tmp_path))
    monkeypatch.setattr(build_slots, "slot_count", lambda: 2)
    return tmp_path


def test_a_third_build_waits_until_a_slot_is_free(two_slots: Path) -> None:
    with build_slot() as first, build_slot() as second:
        assert first and second
        begin = time.monotonic()
        with build_slot(wait=0.3) as third:  # none comes free: builds anyway, unheld
            assert third is False and time.monotonic() - begin >= 0.3
    with build_slot(wait=0.3) as again:
        assert again


def test_a_waiting_build_takes_the_slot_that_comes_free(two_slots: Path) -> None:
    freed = threading.Event()

    def hold() -> None:
        with build_slot():
            time.sleep(0.5)
        freed.set()

    with build_slot():
        holder = threading.Thread(target=hold)
        holder.start()
        time.sleep(0.1)  # both slots held now
        with build_slot(wait=10) as third:
            assert third and freed.is_set()
        holder.join()


def test_a_killed_kernel_s_slot_is_free(two_slots: Path) -> None:
    code = ("import sys, time; from training.build_slots import build_slot\n"
            "import training.build_slots as b; b.slot_count = lambda: 2\n"
            "with build_slot() as one, build_slot() as two:\n"
            "    print(one and two, flush=True); time.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, ENV: str(two_slots)})
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "True"
        with build_slot(wait=0.2) as none_free:
            assert none_free is False
        holder.kill()
        holder.wait()
        with build_slot(wait=5) as free:
            assert free
    finally:
        holder.kill()


def test_without_the_variable_there_is_no_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    begin = time.monotonic()
    with build_slot() as a, build_slot() as b, build_slot() as c:
        assert (a, b, c) == (False, False, False)
    assert time.monotonic() - begin < 1


def test_serve_gives_its_kernels_the_machine_s_slots(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    env = kernel_environment(Source(tmp_path, tmp_path / "scheme.yaml"), "sqlite://", "id")
    assert Path(env[ENV]).is_dir() and env[ENV] == build_slots.machine_folder()
    monkeypatch.setenv(ENV, "")  # set empty: no limit, kept as it is
    env = kernel_environment(Source(tmp_path, tmp_path / "scheme.yaml"), "sqlite://", "id")
    assert env[ENV] == ""
