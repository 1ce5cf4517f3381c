"""Publish staged documents (:mod:`styrdata.warehouse.stage`) into the warehouse.

One transaction per document, and the write lock held for about
:attr:`~styrdata.warehouse.settings.WarehouseSettings.publish_hold` seconds at a time: the
warehouse is opened, documents are loaded until that time is up, and it is closed again, so
analysts' queries get in between. A warehouse another process holds is waited for with
backoff (said once) up to the lock timeout, then that publish fails with one line; what was
staged stays pending and the next run publishes it.

Publishing is idempotent and crash-safe: a document's rows go in in one transaction, and its
``_pending`` marker is removed only after the commit. A document already published (the
same read: same document and ``ingested_at``) is not written again, and an older read never
replaces a newer one, so publishing a stage twice, or after a ``kill -9`` anywhere, ends
with the same warehouse.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from styrdata.warehouse.settings import WarehouseSettings
from styrdata.warehouse.stage import Stage, Staged
from styrdata.warehouse.store import DocumentRecord, StoreError, Warehouse, WarehouseError


@dataclass
class Published:
    """What publishing one staged document did."""

    staged: Staged
    #: stored | already (published before) | superseded (a later read is stored) |
    #: kept (a failed read: the earlier good version stays) | failed (its rows could not
    #: be stored: ``error``)
    outcome: str
    #: a failed read that kept the earlier good version: when that version was stored
    kept: dt.datetime | None = None
    error: str | None = None


def _stored(wh: Warehouse, source_path: str):
    return wh.con.execute(
        "SELECT document_id, sha256, extractor_version, ingested_at, last_failed_at "
        "FROM store.documents WHERE source_path = ?",
        [source_path],
    ).fetchone()


def publish_one(wh: Warehouse, stage: Stage, staged: Staged) -> Published:
    """Load one staged document in one transaction (or see that it needs none)."""
    at = staged.time
    now = _stored(wh, staged.source_path)
    if now is not None:
        doc_id, sha, version, ingested_at, failed_at = now
        if staged.status != "failed" and doc_id == staged.document_id and ingested_at == at:
            return Published(staged, "already")
        if ingested_at > at or (failed_at is not None and failed_at > at):
            return Published(staged, "superseded")
    rec = staged.document_record()
    if staged.status == "failed":
        if now is not None and now[4] == at:
            return Published(staged, "already", kept=now[3])
        kept = wh.record_failed_attempt(rec, at=at)
        if kept is not None:
            return Published(staged, "kept", kept=kept)
        wh.replace_document(rec, None, None, ingested_at=at)
        return Published(staged, "stored")
    with stage.local_files(staged) as files:
        wh.load_staged(staged.document_id, staged.source_path, files)
    if now is not None and now[1] and (now[1], now[2]) != (rec.sha256, rec.extractor_version):
        stage.remove(f"{now[1]}-v{now[2]}")  # the version it replaced leaves the lake
    return Published(staged, "stored")


def failed_id(source_path: str) -> str:
    """The document_id of a file that could not be read: ``f`` + a hash of its path."""
    return "f" + hashlib.sha256(source_path.encode()).hexdigest()[:15]


def _failed(wh: Warehouse, staged: Staged, error: str) -> Published:
    """A staged document whose rows could not be stored: recorded as a failed read."""
    rec = staged.document_record()
    rec = DocumentRecord(
        failed_id(rec.source_path), rec.source_path, rec.sha256, "failed", rec.format, error=error
    )
    kept = wh.record_failed_attempt(rec, at=staged.time)
    if kept is None:
        wh.replace_document(rec, None, None, ingested_at=staged.time)
    return Published(staged, "failed", kept=kept, error=error)


class Publisher:
    """Publishes a stage into a warehouse in short turns (see the module's docstring)."""

    def __init__(
        self,
        db: str | Path,
        stage: Stage,
        settings: WarehouseSettings | None = None,
        on_wait: Callable[[str], None] | None = None,
    ):
        self.db = Path(db)
        self.stage = stage
        self.settings = settings or WarehouseSettings()
        self.on_wait = on_wait
        self.last_try = 0.0
        #: seconds the warehouse was held for publishing, and waited for
        self.held = 0.0
        self.waited = 0.0
        #: source paths whose failed attempt is to be forgotten (the file is back to its
        #: stored content), done with the next publish
        self.clear: list[str] = []

    def publish(self, wait: bool, keys: set[str] | None = None) -> list[Published]:
        """Publish pending documents.

        ``wait=False``: one turn if the warehouse is free at once (nothing happens when it
        is not, nor more often than ``publish_every``). ``wait=True``: turn after turn until
        nothing is pending (or nothing of ``keys``), waiting for the warehouse up to the lock
        timeout each time; :class:`WarehouseError` when it stays held, or cannot be
        written. Documents whose rows cannot be stored come back as ``failed``."""
        s = self.settings
        out: list[Published] = []
        if not wait:
            if time.monotonic() - self.last_try < s.publish_every:
                return out
            self.last_try = time.monotonic()
        while True:
            todo = self.stage.pending()
            if keys is not None and wait and not any(p.key in keys for p in todo):
                todo = []
            if not todo and not self.clear:
                return out
            t0 = time.monotonic()
            try:
                wh = Warehouse(
                    self.db,
                    lock_timeout=s.lock_timeout if wait else 0.0,
                    on_wait=self.on_wait,
                    settings=s,
                )
            except WarehouseError as e:
                self.waited += time.monotonic() - t0
                if not wait and "in use by another process" in str(e):
                    return out  # reading goes on; the next turn tries again
                raise
            self.waited += sum(wh.waited)
            t1 = t0 + sum(wh.waited)  # held from here: opening (and migrating) too
            try:
                for path in self.clear:
                    wh.clear_failed_attempt(path)
                self.clear = []
                for staged in todo:
                    try:
                        done = publish_one(wh, self.stage, staged)
                    except StoreError as e:
                        try:
                            done = _failed(wh, staged, f"could not be stored: {e}")
                        except StoreError as again:
                            raise WarehouseError(
                                f"cannot write to the warehouse {self.db}: {again}"
                            ) from again
                    self.stage.published(staged)
                    out.append(done)
                    if time.monotonic() - t1 > s.publish_hold:
                        break
            finally:
                wh.close()
                self.held += time.monotonic() - t1
            if not wait:
                return out
            if self.stage.pending():
                time.sleep(s.publish_pause)  # analysts get in between two turns
