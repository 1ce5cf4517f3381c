"""Reading on a Dask distributed cluster: ``styrdata ingest PATH… --dask tcp://host:8786``.

The same jobs as the local reader processes (:func:`styrdata.pipeline._jobs`: a file, or a
part of a long PDF, then the parts put together), run by the cluster's workers, which stage
each document's rows (:mod:`styrdata.warehouse.stage`) where every worker and this client
can reach them; this client publishes. Start a cluster with the ``styrdata[dask]`` extra::

    dask scheduler                                  # tcp://HOST:8786
    dask worker tcp://HOST:8786 --nthreads 1        # on each machine, as many as wanted

Workers need styrdata installed (the same version: ``EXTRACTOR_VERSION`` keys the stage)
and the files at the same paths (a shared folder). A worker that dies (Dask retries its
task on another worker first) fails the document it was reading with one line; the
per-document ``--timeout`` and ``--memory-limit`` are the local reader processes' limits —
on a cluster, give ``dask worker`` its own ``--memory-limit``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from styrdata.workers import Failure, ReaderStartError

#: Seconds to reach the scheduler before ``--dask`` gives up with one line.
CONNECT_TIMEOUT = 10


class ClusterError(ReaderStartError):
    """The Dask cluster cannot be used (not installed, not reachable): the batch cannot run."""


class DaskReaders:
    """A client of the Dask scheduler at ``address`` running ``fn(*args)`` for each job;
    use as a context manager."""

    def __init__(self, address: str, fn: Callable):
        try:
            from distributed import Client
        except ImportError as e:
            raise ClusterError(
                "--dask needs Dask: pip install 'styrdata[dask]' (dask[distributed])"
            ) from e
        try:
            self.client = Client(address, set_as_default=False, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as e:
            raise ClusterError(
                f"cannot reach the Dask scheduler {address}: {str(e).splitlines()[0]}"
            ) from e
        self.fn = fn
        #: jobs that run at once: every worker thread of the cluster
        self.slots = max(1, sum(self.client.nthreads().values()))

    def __enter__(self) -> DaskReaders:
        return self

    def __exit__(self, *exc) -> None:
        self.client.close()

    def imap(
        self, jobs: Iterable[tuple[Any, tuple]], on_start: Callable[[Any], None] | None = None
    ) -> Iterator[tuple[Any, Any]]:
        """Run every job on the cluster; yield ``(key, result)`` as each is done (a
        :class:`~styrdata.workers.Failure` for a job whose worker failed). Jobs the consumer
        appends to ``jobs`` meanwhile (a long PDF's parts put together) run too."""
        from distributed import as_completed

        pending = jobs if isinstance(jobs, deque) else deque(jobs)
        keys: dict = {}
        running = None

        def submit() -> None:
            nonlocal running
            while pending:
                key, args = pending.popleft()
                future = self.client.submit(self.fn, *args, pure=False)
                keys[future.key] = key
                if running is None:
                    running = as_completed([future], loop=self.client.loop)
                else:
                    running.add(future)
                if on_start:
                    on_start(key)

        submit()
        while running is not None and not running.is_empty():
            future = next(running)
            key = keys.pop(future.key)
            try:
                result = future.result()
            except Exception as e:  # noqa: BLE001 - a worker that died: this document only
                text = str(e).strip().splitlines()[0] if str(e).strip() else ""
                result = Failure(f"the Dask worker failed ({type(e).__name__}: {text})")
            future.release()
            yield key, result
            submit()
