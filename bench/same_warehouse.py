"""Whether two warehouses hold the same documents: rows per view and per document, and every
row (but ``ingested_at``, the time each document was read). For a local ingest against one
through Dask (run on demand, never part of the test suite):

    .venv/bin/python bench/same_warehouse.py LOCAL.duckdb DASK.duckdb
"""

from __future__ import annotations

import sys

import duckdb

from styrdata.warehouse.schema import VIEWS


def main() -> int:
    a, b = sys.argv[1:3]
    ca, cb = duckdb.connect(a, read_only=True), duckdb.connect(b, read_only=True)
    same = True
    print(f"{'view':22} {'first':>7} {'second':>7}  {'per document':12}  rows")
    for v in VIEWS:
        n = [c.execute(f"SELECT count(*) FROM {v}").fetchone()[0] for c in (ca, cb)]
        cols = [r[0] for r in ca.execute(f"DESCRIBE SELECT * FROM {v}").fetchall()]
        per = "—"
        if "document_id" in cols:
            q = f"SELECT document_id, count(*) FROM {v} GROUP BY 1 ORDER BY 1"
            per = "same" if ca.execute(q).fetchall() == cb.execute(q).fetchall() else "DIFFERENT"
        keep = ", ".join(f'"{c}"' for c in cols if c != "ingested_at")
        q = f"SELECT {keep} FROM {v}"
        rows_a = sorted(map(repr, ca.execute(q).fetchall()))
        rows = "same" if rows_a == sorted(map(repr, cb.execute(q).fetchall())) else "DIFFERENT"
        same &= n[0] == n[1] and per != "DIFFERENT" and rows == "same"
        print(f"{v:22} {n[0]:7d} {n[1]:7d}  {per:12}  {rows}")
    print("the same warehouse (but ingested_at)" if same else "NOT the same warehouse")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
