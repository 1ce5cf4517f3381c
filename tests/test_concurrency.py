"""Analysts query while a batch runs, and the batch scales out (issue 18): documents are
staged as Parquet by the process that read them and published in short transactions, so
reading never holds the warehouse; whoever finds it held waits instead of failing; a Dask
cluster reads the same way and gives the same warehouse."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from builders import plan_pdf
from styrdata import api, pipeline
from styrdata.warehouse.schema import DOCUMENT_TABLES
from styrdata.warehouse.settings import WarehouseSettings, default_stage
from styrdata.warehouse.stage import Stage, lake_glob

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
SEEDS = sorted((RAW / "seeds").glob("*.txt"))
DOCX = sorted((RAW / "plain").glob("*.docx"))


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "styrdata", *args]


def _rows(db: Path, with_times: bool = False) -> dict[str, list]:
    """Every row of every table of the documents, sorted (without ``ingested_at``, the
    time each was read, unless ``with_times``)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for t in DOCUMENT_TABLES:
            cols = "*" if with_times or t != "store.documents" else "* EXCLUDE (ingested_at)"
            out[t] = sorted(map(repr, con.execute(f"SELECT {cols} FROM {t}").fetchall()))
        return out
    finally:
        con.close()


def _complete(db: Path, clean: Path, files: list[Path]) -> None:
    """The warehouse holds exactly ``files``, each with the clean warehouse's rows."""
    got, want = _rows(db), _rows(clean)
    assert all(set(got[t]) <= set(want[t]) for t in got)
    paths = duckdb.connect(str(db), read_only=True).execute(
        "SELECT source_path FROM documents ORDER BY 1"
    )
    assert [p for (p,) in paths.fetchall()] == sorted(str(f.resolve()) for f in files)
    con = duckdb.connect(str(clean), read_only=True)
    ids = ", ".join(f"'{pipeline.file_sha256(f)[:16]}'" for f in files)
    for t in got:  # and every row of theirs
        where = (
            f"table_id IN (SELECT table_id FROM store.tables WHERE document_id IN ({ids}))"
            if t == "store.table_cells"
            else f"document_id IN ({ids})"
        )
        cols = "* EXCLUDE (ingested_at)" if t == "store.documents" else "*"
        n = con.execute(f"SELECT count(*) FROM (SELECT {cols} FROM {t} WHERE {where})")
        assert n.fetchone()[0] == len(got[t]), t
    con.close()


def _counts(db: Path) -> dict[str, int]:
    return {t: len(rows) for t, rows in _rows(db).items()}


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Path:
    """The seeds and the DOCX editions ingested into a warehouse nobody else touches."""
    db = tmp_path_factory.mktemp("clean") / "w.duckdb"
    assert api.ingest([*SEEDS, *DOCX], db=db).ok
    return db


def _wait_for_file(path: Path, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


# -- stage, then publish ------------------------------------------------------------------


def test_the_stage_is_a_lake_partitioned_by_org_and_year(tmp_path, clean):
    db = tmp_path / "w.duckdb"
    assert api.ingest(SEEDS, db=db).ok
    stage = default_stage(db)
    assert stage == tmp_path / "w.stage" and (stage / "_pending").is_dir()
    assert list((stage / "_pending").iterdir()) == []  # everything was published
    con = duckdb.connect()
    lake = con.execute(
        f"SELECT org, year, count(*) FROM read_parquet('{lake_glob(stage, 'blocks')}', "
        "hive_partitioning = true) GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    wh = duckdb.connect(str(db), read_only=True)
    want = wh.execute(
        "SELECT d.org_code::BIGINT, d.year, count(*) FROM blocks JOIN documents d "
        "USING (document_id) GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    assert lake == want and len(lake) >= 3
    # the lake's rows are the warehouse's, column for column
    docs = con.execute(
        f"SELECT * FROM read_parquet('{lake_glob(stage, 'documents')}', "
        "hive_partitioning = false) ORDER BY document_id"
    ).fetchall()
    assert docs == wh.execute("SELECT * FROM store.documents ORDER BY document_id").fetchall()
    wh.close()
    name = f"{pipeline.file_sha256(SEEDS[0])}-v{pipeline.EXTRACTOR_VERSION}.parquet"
    assert any(p.name == name for p in (stage / "blocks").rglob("*.parquet"))


def test_publishing_a_stage_twice_changes_nothing(tmp_path):
    db = tmp_path / "w.duckdb"
    assert api.ingest(SEEDS[:3], db=db).ok
    before = _rows(db, with_times=True)
    stage = default_stage(db)
    for f in (stage / "_staged").iterdir():  # every document pending once more
        shutil.copy(f, stage / "_pending" / f.name)
    from styrdata.warehouse.publish import Publisher

    done = Publisher(db, Stage(stage)).publish(wait=True)
    assert sorted(p.outcome for p in done) == ["already"] * 3
    assert _rows(db, with_times=True) == before


@pytest.mark.parametrize("where", ["in-transaction", "after-commit"])
def test_kill_9_during_publish_then_a_rerun_completes_every_document(tmp_path, clean, where):
    db = tmp_path / "w.duckdb"
    files = SEEDS
    # the third document's publish is killed: half-way through its transaction, or after
    # its commit and before the stage heard of it
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        from styrdata import api
        from styrdata.warehouse.publish import Publisher
        from styrdata.warehouse.stage import Stage
        from styrdata.warehouse.store import Warehouse

        n = [0]
        where = {where!r}
        real_load, real_published = Warehouse.load_staged, Stage.published

        def load(self, document_id, source_path, files):
            n[0] += 1
            if n[0] == 3 and where == "in-transaction":
                self.con.execute("BEGIN TRANSACTION")
                self._delete_earlier(document_id, source_path)
                for t, path in list(files.items())[:3]:
                    self.con.execute(
                        f"INSERT INTO store.{{t}} BY NAME SELECT * FROM read_parquet('{{path}}', "
                        "hive_partitioning = false)"
                    )
                os.kill(os.getpid(), signal.SIGKILL)
            return real_load(self, document_id, source_path, files)

        def published(self, staged):
            if n[0] == 3 and where == "after-commit":
                os.kill(os.getpid(), signal.SIGKILL)
            return real_published(self, staged)

        Warehouse.load_staged, Stage.published = load, published
        api.ingest(sys.argv[1:], db={str(db)!r}, workers=2)
        """
    )
    r = subprocess.run(
        [sys.executable, "-c", script, *map(str, files)], capture_output=True, text=True
    )
    assert r.returncode == -signal.SIGKILL, r.stderr
    partial = _counts(db)
    assert 2 <= partial["store.documents"] < len(files)
    # nothing half-loaded: every stored document has exactly the clean warehouse's rows
    got, want = _rows(db), _rows(clean)
    assert all(set(got[t]) <= set(want[t]) for t in got)
    report = api.ingest(files, db=db)
    assert report.ok
    _complete(db, clean, files)


def test_what_is_published_only_at_the_end_is_complete_too(tmp_path):
    """Nothing published while reading (as when an analyst holds the warehouse): the copies
    of a file that fails, staged as it fails, are published at the end as well."""
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a.pdf", "b.pdf", "c.pdf"):
        (src / name).write_bytes(b"")  # the same (empty) content three times
    shutil.copy(SEEDS[0], src / "plan.txt")
    db = tmp_path / "w.duckdb"
    report = api.ingest([src], db=db, warehouse=WarehouseSettings(publish_every=1e12))
    assert sorted((Path(f.path).name, f.status) for f in report.files) == [
        ("a.pdf", "failed"),
        ("b.pdf", "failed"),
        ("c.pdf", "failed"),
        ("plan.txt", "ok"),
    ]
    rows = api.sql("SELECT status, count(*) AS n FROM documents GROUP BY 1 ORDER BY 1", db)
    assert rows.values.tolist() == [["failed", 3], ["ok", 1]]


def test_a_publish_that_waits_too_long_stops_and_the_next_run_publishes_the_stage(
    tmp_path, monkeypatch
):
    db = tmp_path / "w.duckdb"
    assert api.ingest(SEEDS[:1], db=db).ok
    holder = _hold(db, read_only=False)
    try:
        # the warehouse is held for writing from the start: nothing is read
        r = subprocess.run(
            _cli("ingest", *map(str, SEEDS[1:]), "--db", str(db), "--lock-timeout", "1"),
            capture_output=True,
            text=True,
        )
        assert r.returncode == 2
        assert r.stderr.strip().splitlines()[-1].endswith("— nothing was read")
    finally:
        _release(holder)
    holder = _hold(db, read_only=True)  # an analyst reads: the batch reads, cannot publish
    try:
        r = subprocess.run(
            _cli("ingest", *map(str, SEEDS[1:]), "--db", str(db), "--lock-timeout", "2"),
            capture_output=True,
            text=True,
        )
    finally:
        _release(holder)
    assert r.returncode == 2, r.stderr
    errors = [ln for ln in r.stderr.splitlines() if not ln.startswith("warning:")]
    assert errors[0] == f"waiting for the warehouse: held by PID {holder.pid}"
    assert len(errors) == 2 and errors[1].startswith(f"error: cannot open the warehouse {db}")
    assert errors[1].endswith(
        f"— the batch stopped; 0 document(s) stored before it; 4 staged in "
        f"{default_stage(db)}: the next run publishes them"
    )
    assert _counts(db)["store.documents"] == 1
    monkeypatch.setattr(pipeline, "_parse", _must_not_read)
    report = api.ingest(SEEDS, db=db)  # published, not read again
    assert report.ok and sorted(f.status for f in report.files) == ["ok"] * 4 + ["skipped"]
    assert _counts(db)["store.documents"] == 5


def _must_not_read(path_str: str, settings=None):
    raise AssertionError(f"{path_str} was read again")


# -- waiting, not failing -----------------------------------------------------------------


def _hold(db: Path, read_only: bool) -> subprocess.Popen:
    """Another process with the warehouse open (an analyst's notebook) until released."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys; c = duckdb.connect({str(db)!r}, read_only={read_only}); "
            "print('open', flush=True); sys.stdin.readline()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "open"
    return holder


def _release(holder: subprocess.Popen) -> None:
    holder.stdin.close()
    holder.wait(10)


def test_sql_in_a_loop_never_fails_while_an_ingest_runs(tmp_path, clean):
    db = tmp_path / "w.duckdb"
    # one reader process: the documents are read and published one after another, so the
    # batch lasts long enough for several queries to watch it grow (with every core, the
    # ten small documents are all read before a third query has started)
    ingest = subprocess.Popen(
        _cli("ingest", *map(str, [*SEEDS, *DOCX]), "--db", str(db), "--workers", "1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_for_file(db, ingest)
    queries, counts = [], set()
    while ingest.poll() is None:
        q = subprocess.run(
            _cli("sql", "select count(*) AS n from documents", "--db", str(db), "-f", "csv"),
            capture_output=True,
            text=True,
        )
        queries.append(q)
        if q.returncode == 0:
            counts.add(int(q.stdout.split()[1]))
        time.sleep(0.1)
    out, err = ingest.communicate()
    assert ingest.returncode == 0, err
    failed = [q.stderr for q in queries if q.returncode != 0]
    assert failed == [] and len(queries) >= 3
    assert len(counts) >= 2  # the documents showed up while the batch ran
    assert _rows(db) == _rows(clean)


def test_an_open_read_only_connection_delays_an_ingest_but_never_fails_it(tmp_path, clean):
    db = tmp_path / "w.duckdb"
    assert api.ingest(SEEDS[:1], db=db).ok
    holder = _hold(db, read_only=True)
    ingest = subprocess.Popen(
        _cli("ingest", *map(str, SEEDS), "--db", str(db)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for line in ingest.stderr:  # it reads, stages, then waits to publish
            if line.startswith("waiting for the warehouse"):
                assert line.strip() == f"waiting for the warehouse: held by PID {holder.pid}"
                break
        else:
            pytest.fail("the ingest never waited")
        time.sleep(1)
        assert ingest.poll() is None  # still waiting
        assert _counts_read_only(db) == 1
    finally:
        _release(holder)
    ingest.communicate(timeout=120)
    assert ingest.returncode == 0
    _complete(db, clean, SEEDS)


def _counts_read_only(db: Path) -> int:
    return int(api.sql("SELECT count(*) AS n FROM documents", db).n[0])


def test_two_ingests_into_one_warehouse_both_complete(tmp_path, clean):
    db = tmp_path / "w.duckdb"
    runs = [
        subprocess.Popen(
            _cli("ingest", *map(str, files), "--db", str(db), "--workers", "1"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for files in (SEEDS[:3], [*DOCX[:1], *SEEDS[1:]])  # overlapping batches
    ]
    for run in runs:
        _, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
    _complete(db, clean, [*SEEDS, *DOCX[:1]])


# -- Dask ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as c:
        yield c.scheduler_address


def test_a_dask_cluster_gives_the_same_warehouse_as_reading_here(tmp_path, cluster, monkeypatch):
    """Files and pages are the units of work: a long PDF is read in parts on both workers."""
    pdf = plan_pdf(tmp_path / "long.pdf", pages=12)
    files = [*SEEDS[:2], DOCX[0], pdf]
    local = tmp_path / "local.duckdb"
    assert api.ingest(files, db=local, workers=1).ok
    monkeypatch.setattr(pipeline, "PAGES_PER_JOB", 4)  # three parts
    db = tmp_path / "dask.duckdb"
    report = api.ingest(
        files,
        db=db,
        dask=cluster,
        warehouse=WarehouseSettings(stage=str(tmp_path / "shared" / "stage")),
    )
    assert report.ok and len(report.files) == len(files)
    assert _rows(db) == _rows(local)
    assert (tmp_path / "shared" / "stage" / "blocks").is_dir()


def test_the_cli_ingests_through_a_dask_scheduler(tmp_path, cluster):
    db = tmp_path / "w.duckdb"
    r = subprocess.run(
        _cli("ingest", *map(str, SEEDS[:2]), "--db", str(db), "--dask", cluster),
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("2 files: 2 ok")
    r = subprocess.run(
        _cli("ingest", str(SEEDS[0]), "--db", str(db), "--dask", "tcp://127.0.0.1:9"),
        capture_output=True,
        text=True,
    )
    assert r.returncode == 2
    assert r.stderr.strip().startswith("error: cannot reach the Dask scheduler tcp://127.0.0.1:9")


@pytest.mark.slow
def test_a_dask_cluster_ingests_the_corpus_like_a_local_run(tmp_path, cluster, corpus):
    paths = [corpus / d for d in ("plain", "seeds", "scan")]
    local = tmp_path / "local.duckdb"
    api.ingest(paths, db=local)
    db = tmp_path / "dask.duckdb"
    api.ingest(paths, db=db, dask=cluster)
    assert _rows(db) == _rows(local)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 16
    con.close()


def test_staging_to_a_url_through_fsspec(tmp_path):
    pytest.importorskip("fsspec")
    db = tmp_path / "w.duckdb"
    url = f"file://{tmp_path}/remote/stage"
    report = api.ingest(SEEDS[:2], db=db, warehouse=WarehouseSettings(stage=url))
    assert report.ok and report.stage == url
    assert _counts(db)["store.documents"] == 2
    assert any((tmp_path / "remote" / "stage" / "blocks").rglob("*.parquet"))
    assert os.listdir(tmp_path / "remote" / "stage" / "_pending") == []
