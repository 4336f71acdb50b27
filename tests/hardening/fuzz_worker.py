"""The fuzz test's reader process: reads each file it is sent, reports how the reader ended.

Run by ``test_fuzz.py`` as ``python fuzz_worker.py MEMORY_BYTES``, under an address-space
limit (``resource.RLIMIT_AS``): one JSON request a line on stdin (``{"reader": …, "path": …,
"context": …}``), one JSON answer a line on stdout: ``outcome`` is ``ok`` (read), ``located``
(refused with located errors), ``unlocated`` (refused, but an error names no file),
``traceback`` (any other exception, with its text) or ``memory`` (MemoryError); ``seconds``
and the process's peak resident size ``rss_mb`` come with it.
"""

from __future__ import annotations

import json
import resource
import sys
import time
import traceback
from pathlib import Path
from typing import Any


def _readers(context: dict[str, str]) -> dict[str, Any]:
    from toolkit.cases.catalogue import load_catalogue
    from toolkit.cases.io import load_case, load_follow_ups, load_judgement, load_key
    from toolkit.instruments import load_bank
    from toolkit.schemeio import load_scheme, read_scheme
    from training.batch.manifest import load_manifest

    scheme = read_scheme(context["scheme"])
    key = load_key(context["key"])
    return {
        "scheme-yaml": load_scheme, "scheme-json": load_scheme, "scheme-xlsx": load_scheme,
        "bank": lambda path: load_bank(path, scheme), "case": load_case, "key": load_key,
        "judgement": lambda path: load_judgement(path, key=key), "manifest": load_manifest,
        "follow-ups": load_follow_ups, "catalogue": load_catalogue,
    }


def main() -> int:
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from toolkit.errors import SchemeInvalid
    from toolkit.i18n import set_language

    set_language("en")
    readers: dict[str, Any] | None = None
    for line in sys.stdin:
        request = json.loads(line)
        if readers is None:
            readers = _readers(request["context"])
        start = time.perf_counter()
        try:
            readers[request["reader"]](Path(request["path"]))
            outcome, detail = "ok", ""
        except SchemeInvalid as exc:
            located = exc.errors and all(error.file for error in exc.errors)
            outcome, detail = ("located" if located else "unlocated"), str(exc)[:300]
        except MemoryError:
            outcome, detail = "memory", ""
        except Exception:
            outcome, detail = "traceback", traceback.format_exc()[-2000:]
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"outcome": outcome, "detail": detail, "rss_mb": rss,
                          "seconds": time.perf_counter() - start}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
