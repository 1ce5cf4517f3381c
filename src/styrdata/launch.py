"""The ``styrdata`` command's entry point.

``styrdata ingest`` starts the fork server its reader processes come from before anything
else: the fork server loads the readers and spaCy's tokenizer (the longest start-up there
is) while this process loads the CLI, DuckDB and pandas, instead of after it. Every other
command goes straight to the CLI (:mod:`styrdata.cli`).
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:2] == ["ingest"] and "--help" not in sys.argv:
        from styrdata.workers import start_fork_server

        start_fork_server()
    from styrdata.cli import app

    app()
