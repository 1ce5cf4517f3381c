"""The package layout: one import root, and the import rule between the stages.

Readers and OCR never import domain code; domain code never imports a reader or OCR; the
warehouse knows nothing of parsing. Checked on the source with :mod:`ast`, so a lazy import
inside a function counts too.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGES = {  # folder → import name
    "styrdata": "styrdata",
    "extract": "styrdata.extract",
    "normalize": "styrdata.normalize",
    "warehouse": "styrdata.warehouse",
}


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC)
    parts = list(rel.with_suffix("").parts)
    parts[0] = PACKAGES[parts[0]]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every module an import statement in *path* names (absolute names)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative imports are not used in this project
                raise AssertionError(f"{path}: relative import")
            mod = node.module or ""
            out.add(mod)
            out.update(f"{mod}.{a.name}" for a in node.names)
    return out


MODULES = {_module_name(p): _imports(p) for p in SRC.rglob("*.py")}


def _offenders(prefix: str, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{mod} imports {imp}"
        for mod, imps in MODULES.items()
        if mod == prefix or mod.startswith(prefix + ".")
        for imp in imps
        if any(imp == f or imp.startswith(f + ".") for f in forbidden)
    )


def test_every_source_folder_is_a_styrdata_package():
    assert {p.relative_to(SRC).parts[0] for p in SRC.rglob("*.py")} == set(PACKAGES)
    assert "styrdata.extract.readers.pdf" in MODULES
    assert "styrdata.extract.ocr.pages" in MODULES
    assert "styrdata.extract.domain.goals" in MODULES


@pytest.mark.parametrize(
    "prefix, forbidden",
    [
        ("styrdata.extract.readers", ("styrdata.extract.domain",)),
        ("styrdata.extract.ocr", ("styrdata.extract.domain", "styrdata.extract.readers")),
        ("styrdata.extract.domain", ("styrdata.extract.readers", "styrdata.extract.ocr")),
        ("styrdata.extract.model", ("styrdata.extract.readers", "styrdata.extract.domain")),
        # the warehouse stores the typed document model, and knows nothing of parsing
        (
            "styrdata.warehouse",
            (
                "styrdata.extract.readers",
                "styrdata.extract.ocr",
                "styrdata.extract.domain",
                "pdfplumber",
                "pypdfium2",
                "docx",
            ),
        ),
        ("styrdata.normalize", ("styrdata.extract.readers", "styrdata.extract.ocr")),
    ],
)
def test_import_rule(prefix, forbidden):
    assert _offenders(prefix, forbidden) == []


def test_no_bare_stage_imports():
    """Everything is imported under the one root ``styrdata``."""
    bare = sorted(
        f"{mod} imports {imp}"
        for mod, imps in MODULES.items()
        for imp in imps
        if imp.split(".")[0] in {"extract", "normalize", "warehouse"}
    )
    assert bare == []


def test_only_styrdata_is_installed_as_a_top_level_name():
    code = (
        "import importlib.util, sys\n"
        "import styrdata.extract, styrdata.normalize, styrdata.warehouse\n"
        "print([n for n in ('extract', 'normalize', 'warehouse') "
        "if importlib.util.find_spec(n) is not None])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd="/", check=True
    )
    assert out.stdout.strip() == "[]"
