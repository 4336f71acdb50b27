"""Developer tool: list (or add) message ids that a catalog does not translate yet.

    python scripts/i18n.py check                 # exit 1 and list ids missing from id/*.po
    python scripts/i18n.py add toolkit/locale/id/cases.po toolkit/cases  # append stubs

Message ids are the English texts passed to ``_()`` / ``gettext()`` in
``toolkit/``, ``widgets/`` and ``training/``.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("toolkit", "widgets", "training")


def message_ids(paths: list[Path]) -> dict[str, str]:
    """Every message id in the Python files under ``paths``, with one place it is used.

    The files are read with :mod:`ast`, so calls inside f-strings count too.
    """
    found: dict[str, str] = {}
    for base in paths:
        files = [base] if base.is_file() else sorted(base.rglob("*.py"))
        for file in files:
            tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef) and _is_click_command(node):
                    doc = ast.get_docstring(node)
                    if doc:
                        found.setdefault(" ".join(doc.split()),
                                         f"{file.relative_to(ROOT)}:{node.lineno}")
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr == "option"):
                    for keyword in node.keywords:
                        if (keyword.arg == "help" and isinstance(keyword.value, ast.Constant)
                                and isinstance(keyword.value.value, str)):
                            found.setdefault(keyword.value.value,
                                             f"{file.relative_to(ROOT)}:{node.lineno}")
                named = isinstance(node, ast.Call) and (
                    (isinstance(node.func, ast.Name) and node.func.id in ("_", "gettext"))
                    or (isinstance(node.func, ast.Attribute) and node.func.attr == "gettext"))
                if (named and isinstance(node, ast.Call) and node.args
                        and isinstance(node.args[0], ast.Constant)
                        and isinstance(node.args[0].value, str) and node.args[0].value):
                    found.setdefault(node.args[0].value,
                                     f"{file.relative_to(ROOT)}:{node.lineno}")
    return found


def _is_click_command(node: ast.FunctionDef) -> bool:
    """True for a function decorated with ``@click.command(...)`` (its docstring is help)."""
    for decorator in node.decorator_list:
        call = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = call.attr if isinstance(call, ast.Attribute) else getattr(call, "id", "")
        if name == "command":
            return True
    return False


def missing(lang: str = "id", paths: list[Path] | None = None) -> dict[str, str]:
    """Message ids with no translation in ``lang``."""
    sys.path.insert(0, str(ROOT))
    from toolkit.i18n import catalog

    known = catalog(lang)
    ids = message_ids(paths or [ROOT / p for p in PACKAGES])
    return {m: where for m, where in ids.items() if m not in known}


def _po_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main(argv: list[str]) -> int:
    if argv[:1] == ["check"]:
        gaps = missing()
        for message, where in gaps.items():
            print(f"{where}: {message}")
        return 1 if gaps else 0
    if argv[:1] == ["add"] and len(argv) >= 3:
        po = Path(argv[1])
        gaps = missing(paths=[ROOT / p for p in argv[2:]])
        with po.open("a", encoding="utf-8") as handle:
            for message, where in gaps.items():
                handle.write(f"\n#: {where}\nmsgid {_po_quote(message)}\nmsgstr \"\"\n")
        print(f"{len(gaps)} stubs appended to {po}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
