"""Cell-level accuracy of table extraction: styrdata against camelot and pdfplumber.

Builds one PDF per budget-table layout with known cell contents (tests/table_layouts.py):
fully ruled, horizontal rules only, unruled with right-aligned numbers, a two-line and a
grouped header, multi-line label cells, a table continuing on the next page with and without
its header repeated, bold and italic rows. Each tool's tables for a fixture are laid one
under the other (a tool that does not stitch a page-spanning table keeps both parts) and
compared with the truth cell by cell: F1 of the non-empty cells, exact text after whitespace
normalization (and a line-break hyphen "Budget- avvikelse" read either way).

    python bench/tables.py            # needs the bench extra: pip install -e '.[bench]'
"""

from __future__ import annotations

import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import pdfplumber  # noqa: E402

import table_layouts  # noqa: E402
from styrdata.extract import read_document  # noqa: E402
from table_layouts import cells, f1  # noqa: E402


def styrdata(path: Path) -> list[list]:
    rows: list[list] = []
    for t in read_document(str(path)).tables:
        rows.extend(t.grid())
    return rows


def plumber_default(path: Path) -> list[list]:
    rows: list[list] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for t in page.extract_tables():
                rows.extend(t)
    return rows


def camelot_flavor(flavor: str):
    def run(path: Path) -> list[list]:
        import camelot

        rows: list[list] = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for t in camelot.read_pdf(str(path), pages="all", flavor=flavor):
                rows.extend(t.df.values.tolist())
        return rows

    return run


TOOLS = {
    "styrdata": styrdata,
    "pdfplumber default": plumber_default,
    "camelot lattice": camelot_flavor("lattice"),
    "camelot stream": camelot_flavor("stream"),
}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        fixtures = table_layouts.build_all(Path(tmp))
        scores: dict[str, dict[str, float]] = {}
        seconds: dict[str, float] = {}
        for tool, fn in TOOLS.items():
            scores[tool] = {}
            start = time.perf_counter()
            for path, layout in fixtures:
                try:
                    got = cells(fn(path))
                except Exception as e:  # a tool failing on a layout scores 0 there
                    print(f"{tool}: {layout.name}: {type(e).__name__}: {e}", file=sys.stderr)
                    got = []
                scores[tool][layout.name] = f1(got, cells(layout.truth))
            seconds[tool] = time.perf_counter() - start
    names = [layout.name for _, layout in fixtures]
    tools = list(TOOLS)
    width = max(len(n) for n in names)
    print(f"{'layout (cell F1)':<{width}}  " + "  ".join(f"{t:>18}" for t in tools))
    for n in names:
        print(f"{n:<{width}}  " + "  ".join(f"{scores[t][n]:>18.3f}" for t in tools))
    mean = {t: sum(scores[t].values()) / len(names) for t in tools}
    print(f"{'mean':<{width}}  " + "  ".join(f"{mean[t]:>18.3f}" for t in tools))
    print(
        f"{'seconds, all fixtures':<{width}}  " + "  ".join(f"{seconds[t]:>18.2f}" for t in tools)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
