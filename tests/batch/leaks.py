"""Read every file a trainee receives and list what in it comes from an answer key.

Used by the pack tests (in-process and through a real batch): HTML (text and tables),
DOCX (paragraphs and tables), JSON (a case file must be a case and nothing more) and
notebooks (every output). Images are refused outright: the only image a pack makes is the
key-derived difficulty chart.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

from docx import Document
from suite_support import key_secrets, text_variants

from toolkit.cases import AnswerKey, Case

#: Cell texts that, beside a KUK, item or unit id in a table row, state a verdict.
VERDICT_CELLS = {"K", "BK", "yes", "no", "ya", "tidak", "✓", "✗", "true", "false"}


class _Tables(HTMLParser):
    """The text of an HTML page and the cell texts of each table row."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.rows:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def _docx(path: Path) -> tuple[str, list[list[str]]]:
    document = Document(str(path))
    rows = [[cell.text.strip() for cell in row.cells] for table in document.tables
            for row in table.rows]
    text = "\n".join([p.text for p in document.paragraphs] + [" | ".join(r) for r in rows])
    return text, rows


def _notebook(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    parts: list[str] = []
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            parts.append(json.dumps(output, ensure_ascii=False))
    return "\n".join(parts)


def _row_verdicts(rows: Iterable[list[str]], ids: set[str]) -> list[str]:
    found = []
    for row in rows:
        named = [cell for cell in row if cell in ids]
        verdicts = [cell for cell in row if cell.strip().lower() in {
            v.lower() for v in VERDICT_CELLS}]
        if named and verdicts:
            found.append(f"{named[0]}: {verdicts[0]}")
    return found


def trainee_leaks(folder: Path, keys: list[AnswerKey]) -> list[str]:
    """Every piece of key material found under ``folder`` (empty when the folder is clean)."""
    secrets = sorted({s for key in keys for s in key_secrets(key)})
    ids = {i for key in keys for i in (*key.criteria, *key.evidence, *key.units)}
    leaks: list[str] = []
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    assert files, f"nothing under {folder}"
    for path in files:
        name = str(path.relative_to(folder))
        rows: list[list[str]] = []
        if path.suffix == ".png" or path.read_bytes()[:4] == b"\x89PNG":
            leaks.append(f"{name}: an image (the only image a pack makes is the key's chart)")
            continue
        if path.name.endswith(".key.json"):
            leaks.append(f"{name}: an answer key file")
            continue
        if path.suffix == ".docx":
            text, rows = _docx(path)
        elif path.suffix == ".ipynb":
            text = _notebook(path)
            if "image/png" in text:
                leaks.append(f"{name}: an image output")
        else:
            text = path.read_text(encoding="utf-8")
            if path.suffix in (".html", ".htm"):
                parser = _Tables()
                parser.feed(text)
                rows = parser.rows
                text = text + "\n" + "".join(parser.text)
            elif path.suffix == ".json":
                data = json.loads(text)
                if isinstance(data, dict) and "asesi" in data:
                    Case.model_validate(data)  # a case and nothing more (extra fields forbidden)
                    if data.get("seed"):
                        leaks.append(f"{name}: the generator's seed {data['seed']}")
        leaks += [f"{name}: {secret[:60]!r}" for secret in secrets
                  if any(v in text for v in text_variants(secret))]
        if "instruments" not in path.parts:  # blank forms come from the scheme alone
            leaks += [f"{name}: verdict {found}" for found in _row_verdicts(rows, ids)]
    return leaks
