"""Check evidence catalogues (``toolkit/data/NAME.evidence.yaml``) against their hard rules.

The rules are those of the catalogue format brief (issue 10):

1. no title or body shares a run of 8 consecutive words (case-insensitive, punctuation
   ignored) with any KUK of the scheme, and a body shares fewer than half of the content
   words (4+ letters) of each KUK it backs;
2. every KUK of the scheme is backed by at least 2 artefacts of different kinds;
3. every artefact backs at least 3 KUK and at least half of the artefacts back KUK of 2 or
   more units;
4. 14-24 artefacts, with at least the required number of each kind;
5. Indonesian and English for every title and body.

It also checks the shape (keys, kinds, classes, issuers, placeholders, projects, public
samples). The scheme is found among ``toolkit/data/*.yaml`` by the catalogue's ``schemes``
codes unless ``--scheme`` names it.

Usage::

    .venv/bin/python scripts/check_catalogue.py toolkit/data/*.evidence.yaml
    .venv/bin/python scripts/check_catalogue.py CATALOGUE --scheme SCHEME.yaml

Exit status 0 when every catalogue passes, 1 otherwise. A dev script: its messages are
for developers and are not translated.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "toolkit" / "data"

RUN = 8
KINDS = ("certificate", "work_sample", "log", "third_party_report", "cv_entry",
         "project_report", "employment_letter")
MIN_KINDS = {"work_sample": 4, "project_report": 2, "log": 2, "third_party_report": 2,
             "employment_letter": 1, "certificate": 2, "cv_entry": 1}
CLASSES = ("L", "TL", "T")
ISSUERS = ("employer", "trainer", "self", "client")
PLACEHOLDERS = {"owner", "employer", "project", "role", "signatory", "issuer", "city"}
ARTEFACT_KEYS = {"id", "kind", "class", "issuer", "signed", "valid_years", "title", "body",
                 "criteria"}
TOP_KEYS = {"name", "schemes", "sectors", "projects", "public_samples", "employers", "trainers",
            "roles",
            "artefacts"}
ID_RE = re.compile(r"^[a-z0-9_]+$")
PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")


def words_split(text: str) -> list[str]:
    """Lower-case words, splitting at every non-alphanumeric character."""
    return re.findall(r"[0-9a-z]+", text.lower())


def words_joined(text: str) -> list[str]:
    """Lower-case words, dropping punctuation inside words ("aktif-pasif" -> "aktifpasif")."""
    return re.sub(r"[^\w\s]", "", text.lower()).split()


def strip_placeholders(text: str) -> str:
    """The text without its ``{placeholder}`` tokens (they are not words of the document)."""
    return PLACEHOLDER_RE.sub(" ", text)


def ngrams(tokens: list[str], n: int = RUN) -> set[tuple[str, ...]]:
    """Every run of ``n`` consecutive tokens."""
    return {tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


def longest_shared_run(a: list[str], b: list[str]) -> int:
    """Length of the longest run of consecutive words that ``a`` and ``b`` share."""
    best = 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0] * (len(b) + 1)
        for j, y in enumerate(b, start=1):
            if x == y:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def content_words(text: str) -> set[str]:
    """Words of 4 or more letters."""
    return {w for w in words_split(text) if len(w) >= 4 and w.isalpha()}


@dataclass
class Report:
    """What one catalogue check found."""

    path: Path
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def error(self, message: str) -> None:
        """Record a broken rule."""
        self.errors.append(message)


@dataclass(frozen=True)
class SchemeKuk:
    """The code of a scheme file and its KUK (id ``UNITCODE/e.k`` to text), in order."""

    code: str
    kuk: dict[str, str]


def read_scheme_kuk(path: Path) -> SchemeKuk:
    """Read a scheme file's code and KUK straight from its YAML.

    KUK ids are numbered by order, as ``toolkit.schemeio`` numbers them; the file is read
    directly so that this dev check does not depend on the rest of the package importing.
    """
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    kuk: dict[str, str] = {}
    for unit in data.get("units") or []:
        for e, element in enumerate(unit.get("elements") or [], start=1):
            for k, text in enumerate(element.get("criteria") or [], start=1):
                kuk[f"{unit['code']}/{e}.{k}"] = str(text)
    return SchemeKuk(str(data.get("code", "")), kuk)


def find_scheme(codes: Iterable[str]) -> Path | None:
    """The scheme file under ``toolkit/data`` whose code is one of ``codes``."""
    wanted = set(codes)
    for path in sorted(DATA_DIR.glob("*.yaml")):
        if path.name.endswith((".evidence.yaml", ".bank.yaml")):
            continue
        try:
            if read_scheme_kuk(path).code in wanted:
                return path
        except (yaml.YAMLError, KeyError, AttributeError, TypeError):
            continue  # a broken neighbour is not this check's business
    return None


def _bilingual(report: Report, where: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or set(value) != {"id", "en"}:
        report.error(f"{where}: needs exactly the keys id and en")
        return {}
    for lang in ("id", "en"):
        if not isinstance(value[lang], str) or not value[lang].strip():
            report.error(f"{where}.{lang}: empty or not text")
    return {k: v for k, v in value.items() if isinstance(v, str)}


def _check_shape(report: Report, data: dict[str, Any]) -> list[dict[str, Any]]:
    unknown = set(data) - TOP_KEYS
    if unknown:
        report.error(f"unknown top-level keys: {sorted(unknown)}")
    for key in ("name", "schemes", "artefacts"):
        if key not in data:
            report.error(f"missing key {key!r}")
    projects = data.get("projects") or {}
    ids, ens = projects.get("id") or [], projects.get("en") or []
    if not 6 <= len(ids) <= 10 or len(ids) != len(ens):
        report.error(f"projects: need 6-10 in id and the same number in en "
                     f"(id {len(ids)}, en {len(ens)})")
    samples = data.get("public_samples") or []
    if not 3 <= len(samples) <= 5:
        report.error(f"public_samples: need 3-5, found {len(samples)}")
    artefacts = data.get("artefacts") or []
    seen: set[str] = set()
    for n, art in enumerate(artefacts):
        where = f"artefact {art.get('id', n)!s}"
        unknown = set(art) - ARTEFACT_KEYS
        missing = ARTEFACT_KEYS - set(art)
        if unknown or missing:
            report.error(f"{where}: unknown keys {sorted(unknown)}, missing {sorted(missing)}")
        aid = str(art.get("id", ""))
        if not ID_RE.match(aid) or aid in seen:
            report.error(f"{where}: id must be unique and [a-z0-9_]")
        seen.add(aid)
        if art.get("kind") not in KINDS:
            report.error(f"{where}: kind {art.get('kind')!r} not one of {KINDS}")
        if art.get("class") not in CLASSES:
            report.error(f"{where}: class {art.get('class')!r} not one of {CLASSES}")
        if art.get("class") == "L":
            report.error(f"{where}: class L is not used for portfolio artefacts")
        if art.get("issuer") not in ISSUERS:
            report.error(f"{where}: issuer {art.get('issuer')!r} not one of {ISSUERS}")
        if not isinstance(art.get("signed"), bool):
            report.error(f"{where}: signed must be true or false")
        valid = art.get("valid_years")
        if valid is not None and (not isinstance(valid, int) or valid <= 0):
            report.error(f"{where}: valid_years must be a positive whole number or null")
        for part in ("title", "body"):
            texts = _bilingual(report, f"{where}.{part}", art.get(part))
            for lang, text in texts.items():
                bad = set(PLACEHOLDER_RE.findall(text)) - PLACEHOLDERS
                if bad:
                    report.error(f"{where}.{part}.{lang}: unknown placeholders {sorted(bad)}")
    return artefacts


def check(path: Path, scheme_path: Path | None = None) -> Report:
    """Check one catalogue file; the report lists every broken rule."""
    report = Report(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        report.error("the file is not a mapping")
        return report
    artefacts = _check_shape(report, data)
    scheme_file = scheme_path or find_scheme(data.get("schemes") or [])
    if scheme_file is None:
        report.error(f"no scheme under {DATA_DIR} has a code in {data.get('schemes')}")
        return report
    scheme = read_scheme_kuk(scheme_file)
    if scheme.code not in (data.get("schemes") or []):
        report.error(f"schemes {data.get('schemes')} does not list {scheme.code!r}")
    kuk = scheme.kuk
    kuk_tokens = {cid: (words_split(t), words_joined(t)) for cid, t in kuk.items()}
    kuk_grams = [ngrams(a) | ngrams(b) for a, b in kuk_tokens.values()]

    # rule 1: no 8-word run from any KUK; low word overlap with the KUK it backs
    worst_run, worst_overlap = 0, 0.0
    for art in artefacts:
        crit = [c for c in art.get("criteria") or [] if c in kuk]
        for part in ("title", "body"):
            for lang, text in (art.get(part) or {}).items():
                clean = strip_placeholders(str(text))
                toks = (words_split(clean), words_joined(clean))
                grams = ngrams(toks[0]) | ngrams(toks[1])
                for cid, kgrams in zip(kuk, kuk_grams, strict=True):
                    run = max(longest_shared_run(toks[0], kuk_tokens[cid][0]),
                              longest_shared_run(toks[1], kuk_tokens[cid][1]))
                    worst_run = max(worst_run, run)
                    if grams & kgrams:
                        report.error(f"{art.get('id')}.{part}.{lang}: shares a run of "
                                     f"{run} words with KUK {cid}")
                if part != "body":
                    continue
                body_words = content_words(clean)
                for cid in crit:
                    words = content_words(kuk[cid])
                    if not words:
                        continue
                    share = len(words & body_words) / len(words)
                    worst_overlap = max(worst_overlap, share)
                    if share >= 0.5:
                        report.error(f"{art.get('id')}.body.{lang}: shares "
                                     f"{sorted(words & body_words)} = {share:.0%} of the "
                                     f"content words of KUK {cid} (must be < 50%)")

    # rule 2: every KUK backed by >= 2 artefacts of different kinds
    kinds_for: dict[str, set[str]] = {cid: set() for cid in kuk}
    backers: Counter[str] = Counter()
    for art in artefacts:
        for cid in art.get("criteria") or []:
            if cid not in kuk:
                report.error(f"{art.get('id')}: criteria names {cid!r}, not a KUK of "
                             f"{scheme.code}")
                continue
            kinds_for[cid].add(str(art.get("kind")))
            backers[cid] += 1
    for cid, kinds in kinds_for.items():
        if backers[cid] < 2 or len(kinds) < 2:
            report.error(f"KUK {cid}: backed by {backers[cid]} artefacts of kinds "
                         f"{sorted(kinds)} (need 2+ of different kinds)")

    # rule 3: >= 3 KUK each; at least half span 2+ units
    multi_unit = 0
    for art in artefacts:
        crit = art.get("criteria") or []
        if len(crit) != len(set(crit)):
            report.error(f"{art.get('id')}: repeated KUK in criteria")
        if len(set(crit)) < 3:
            report.error(f"{art.get('id')}: backs {len(set(crit))} KUK (need 3+)")
        if len({c.split("/")[0] for c in crit}) >= 2:
            multi_unit += 1
    if artefacts and multi_unit * 2 < len(artefacts):
        report.error(f"only {multi_unit} of {len(artefacts)} artefacts back KUK of 2+ units "
                     f"(need at least half)")

    # rule 4: counts and kinds
    if not 14 <= len(artefacts) <= 24:
        report.error(f"{len(artefacts)} artefacts (need 14-24)")
    by_kind = Counter(str(a.get("kind")) for a in artefacts)
    for kind, need in MIN_KINDS.items():
        if by_kind[kind] < need:
            report.error(f"kind {kind}: {by_kind[kind]} (need {need}+)")
    certificates = [a for a in artefacts if a.get("kind") == "certificate"]
    if not any("kompeten" in str((a.get("body") or {}).get("id", "")).lower()
               for a in certificates):
        report.error("no certificate reads as competency-assessed ('dinyatakan kompeten')")

    total = sum(len(a.get("criteria") or []) for a in artefacts)
    report.notes.append(
        f"scheme {scheme.code} ({scheme_file.name}): {len(kuk)} KUK; {len(artefacts)} "
        f"artefacts {dict(sorted(by_kind.items()))}; {total / max(len(artefacts), 1):.1f} KUK "
        f"per artefact; {multi_unit} span 2+ units; fewest backers of a KUK "
        f"{min(backers.values(), default=0)}; longest shared run {worst_run} words; highest "
        f"overlap with a backed KUK {worst_overlap:.0%}")
    return report


def main(argv: list[str] | None = None) -> int:
    """Check the catalogues named on the command line; print a report for each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("catalogues", nargs="+", type=Path)
    parser.add_argument("--scheme", type=Path, default=None,
                        help="scheme file (default: found by the catalogue's scheme codes)")
    args = parser.parse_args(argv)
    failed = 0
    for path in args.catalogues:
        report = check(path, args.scheme)
        status = "FAIL" if report.errors else "PASS"
        print(f"{status} {path}")
        for note in report.notes:
            print(f"  {note}")
        for message in report.errors:
            print(f"  - {message}")
        failed += bool(report.errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
