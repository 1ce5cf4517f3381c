"""Explicit, documented settings of the warehouse side: waiting for another process's lock,
publishing staged documents, where the stage is. Pass a modified copy to
:func:`styrdata.api.ingest` (``warehouse=``) or to the analyst functions (``lock_timeout``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: Seconds a command waits for a warehouse another process holds (an analyst's connection,
#: another ingest's publish) before it gives up with one line: ``--lock-timeout``.
LOCK_TIMEOUT = 180.0


@dataclass(frozen=True)
class WarehouseSettings:
    """How an ingest waits for the warehouse and publishes what it staged."""

    #: Seconds to wait for a warehouse another process holds, then fail that publish with
    #: one line (what was staged stays and the next run publishes it); 0: fail at once.
    lock_timeout: float = LOCK_TIMEOUT
    #: Backoff while waiting: the first pause (seconds), growing by half each try up to
    #: the longest. Short, so a reader gets in between two publish transactions.
    first_retry: float = 0.02
    max_retry: float = 0.1
    #: Publishing holds the write lock for about this many seconds at most (documents are
    #: loaded one per transaction until it is up), then lets go for ``publish_pause``
    #: seconds so that analysts' queries get in.
    publish_hold: float = 0.5
    publish_pause: float = 0.25
    #: While documents are still being read, publish what was staged at most this often
    #: (seconds), and only when the warehouse is free at once: reading never waits for it.
    publish_every: float = 1.0
    #: Where the readers stage each document's rows as Parquet (a folder every reader can
    #: reach, or an fsspec URL such as ``s3://bucket/stage``); None: next to the warehouse,
    #: ``<warehouse without .duckdb>.stage/`` (``data/warehouse/styrdata.stage/``).
    stage: str | None = None


def default_stage(db: str | Path) -> Path:
    """The stage of a warehouse by default: ``data/warehouse/styrdata.duckdb`` →
    ``data/warehouse/styrdata.stage``. One per warehouse, so two warehouses in one folder
    never publish each other's documents."""
    db = Path(db)
    return db.with_name(db.stem + ".stage")
