"""Reader processes: every document is read in a process of a small pool, so nothing one
document does — hang, eat memory, crash the interpreter, start a LibreOffice that never
ends — costs more than that document.

* A process reads one document at a time; when it dies (the OOM killer, a crash) its
  document fails with one line saying how, and a new process takes its place.
* A document that takes longer than the timeout fails; its process is killed with its
  process group, and with every program it started (found by a token in their environment,
  so ``soffice.bin`` is found even after the ``soffice`` that started it is gone).
* Each process runs with an address-space limit (``RLIMIT_AS``), so a document that needs
  too much memory fails "out of memory" instead of waking the OOM killer.
* Each process runs in a session of its own (Ctrl-C reaches the main process only, which
  stops the pool), dies with the main process (the parent-death signal, and a watchdog
  thread that looks every second), and keeps its temporary files in a folder of its own
  that is removed when it ends, however it ends.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import shutil
import signal
import sys
import tempfile
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import wait as wait_for
from typing import Any

from styrdata.extract import processes

#: Environment variable that marks every process a reader process started.
TOKEN_VAR = "STYRDATA_READER"
_SIGNALS = {signal.SIGTERM, signal.SIGINT, signal.SIGHUP}
_READY = "ready"
_BUSY = object()
#: Seconds a new reader process may take to say it is ready.
START_TIMEOUT = 120.0
# Imported once by the fork server, so a new reader process starts in milliseconds.
_PRELOAD = ["styrdata.preload", "styrdata.extract.readers.pdf", "styrdata.extract.readers.docx"]


class ReaderStartError(RuntimeError):
    """No reader process can be started at all: the batch cannot run."""


@dataclass
class Failure:
    """Why a document has no result, in one line."""

    message: str


@dataclass
class _Read:
    """A reader process's word that the reading of its job is done."""


#: In a reader process: the pipe to the main process (for :func:`reading_done`).
_conn = None
#: In a reader process: whether it was forked from the main process (no fork server).
_forked = False


def forked_reader() -> bool:
    """Whether this is a reader process forked from the main process (where the fork server
    cannot run). Such a process must not use DuckDB: it inherits the state of the main
    process's DuckDB (which publishes meanwhile), and DuckDB is not fork-safe."""
    return _forked


def reading_done() -> None:
    """Called by a job in a reader process once the document is read: what is left (turning
    it into rows and staging them) is bounded by what was read, and gets a timeout of its
    own, so a document read just in time is not lost to the work after it. Elsewhere (a Dask
    worker, the main process) it does nothing."""
    if _conn is not None:
        try:
            _conn.send(_Read())
        except OSError:
            pass


@dataclass
class _Worker:
    proc: Any
    conn: Any
    token: str
    tmpdir: str
    key: Any = None
    started: float = 0.0
    busy: bool = False


def _alive(pid: int) -> bool:
    """Whether the process runs: a zombie (dead, not yet reaped by its parent) does not."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] not in (b"Z", b"X")
    except FileNotFoundError:
        return False
    except (OSError, IndexError):  # no /proc: ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


def _let_go_of_the_fork_server() -> None:
    """A process the fork server starts holds the write end of the pipe by which the fork
    server learns that the main process is gone; let go of it, or the fork server (and so
    the parent-death signal of this process) waits for this process to end first."""
    try:
        from multiprocessing import forkserver

        fd = forkserver._forkserver._forkserver_alive_fd
        if fd is not None:
            os.close(fd)
            forkserver._forkserver._forkserver_alive_fd = None
    except (AttributeError, OSError):
        pass


def sweep(token: str) -> int:
    """Kill every process (and its process group) whose environment holds the token; the
    number killed. Linux ``/proc``; elsewhere nothing is found."""
    needle = f"{TOKEN_VAR}={token}".encode()
    me, mine = os.getpid(), os.getpgrp()
    try:
        pids = [int(d) for d in os.listdir("/proc") if d.isdigit()]
    except OSError:
        return 0
    found = []
    for pid in pids:
        if pid == me:
            continue
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                env = f.read().split(b"\0")
        except OSError:
            continue
        if needle in env:
            found.append(pid)
    sockets = processes.bound_sockets(found)  # soffice.bin's IPC socket in /tmp
    killed = 0
    for pid in found:
        try:
            pgid = os.getpgid(pid)
            if pgid not in (mine, 0):
                processes.kill_group(pgid)
            os.kill(pid, signal.SIGKILL)
            killed += 1
        except (ProcessLookupError, PermissionError):
            pass
    if sockets:
        time.sleep(0.05)
        processes.remove_sockets(sockets)
    return killed


def remove_folder(folder: str) -> None:
    """Remove a folder another thread may still be writing to (a page image being saved)."""
    for _ in range(50):
        shutil.rmtree(folder, ignore_errors=True)
        if not os.path.exists(folder):
            return
        time.sleep(0.02)


_exiting = threading.Lock()  # held by whichever thread of a reader process ends it


def _cleanup_and_exit(token: str, tmpdir: str, code: int) -> None:
    """End a reader process: kill what it started, remove its folder, exit. The thread
    that comes second waits for the first, which exits the process."""
    _exiting.acquire()
    processes.kill_all()
    sweep(token)
    remove_folder(tmpdir)
    os._exit(code)


def _watchdog(token: str, tmpdir: str, main_pid: int) -> None:
    """In a reader process: on SIGTERM/SIGINT/SIGHUP (the parent-death signal among them),
    or when the main process is gone, kill what this process started, remove its folder
    and exit — at once, whatever the reading thread is doing."""
    while True:
        if hasattr(signal, "sigtimedwait"):
            got = signal.sigtimedwait(_SIGNALS, 1.0)
            if got is not None:
                _cleanup_and_exit(token, tmpdir, 128 + got.si_signo)
        else:  # pragma: no cover - not Linux: look for the main process only
            time.sleep(1.0)
        if not _alive(main_pid):
            _cleanup_and_exit(token, tmpdir, 129)


def _one_line(e: BaseException) -> str:
    text = str(e).strip()
    return f"{type(e).__name__}: {text.splitlines()[0]}" if text else type(e).__name__


def _worker_main(
    conn, fn: Callable, token: str, tmpdir: str, memory_mb: int, main_pid: int, forked=False
):
    global _forked
    _forked = forked
    os.setsid()  # a process group of its own: killed whole, out of reach of Ctrl-C
    _let_go_of_the_fork_server()
    processes.set_parent_death_signal(signal.SIGTERM)
    if hasattr(signal, "sigtimedwait"):
        signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)  # for the watchdog alone
    os.environ[TOKEN_VAR] = token  # inherited by every program this process starts
    os.environ["TMPDIR"] = tmpdir
    tempfile.tempdir = tmpdir
    threading.Thread(target=_watchdog, args=(token, tmpdir, main_pid), daemon=True).start()
    if not _alive(main_pid):  # gone before the parent-death signal was set
        _cleanup_and_exit(token, tmpdir, 129)
    if memory_mb:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = memory_mb * 1024 * 1024
        if hard == resource.RLIM_INFINITY or limit < hard:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        conn.send(_READY)
    except OSError:
        _cleanup_and_exit(token, tmpdir, 0)
    global _conn
    _conn = conn
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            break  # the main process is gone
        if job is None:
            break
        try:
            result = fn(*job)
        except MemoryError:
            result = Failure(_out_of_memory(memory_mb))
        except BaseException as e:  # noqa: BLE001 - whatever a document does, one line
            result = Failure(f"unexpected {_one_line(e)}")
        try:
            try:
                conn.send(result)
            except MemoryError:
                result = None
                conn.send(Failure(_out_of_memory(memory_mb)))
            except OSError:
                raise
            except Exception as e:  # a result that cannot be pickled
                conn.send(Failure(f"unexpected {_one_line(e)} (handing the result over)"))
        except OSError:
            break  # the main process is gone
        result = None
    _cleanup_and_exit(token, tmpdir, 0)


def _out_of_memory(memory_mb: int) -> str:
    if memory_mb:
        return f"out of memory: reading needs more than {memory_mb} MB (limit: --memory-limit)"
    return "out of memory while reading"


def _death(exitcode: int | None, memory_mb: int) -> str:
    if exitcode is not None and exitcode < 0:
        sig = -exitcode
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = f"signal {sig}"
        if sig == signal.SIGKILL:
            return (
                f"the reader process was killed (SIGKILL; out of memory? {_death_hint(memory_mb)})"
            )
        return f"the reader process crashed ({name})"
    return f"the reader process exited unexpectedly (exit code {exitcode})"


def _death_hint(memory_mb: int) -> str:
    return "lower --memory-limit" if memory_mb else "set --memory-limit"


_forkserver_broken = False


def _preload_here() -> None:
    """Load :data:`_PRELOAD` in this process, for reader processes forked from it."""
    import importlib

    for name in _PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:
            pass


def _context():
    """The fork server (a reader process starts from a clean process, not a fork of one that
    holds DuckDB's threads and an open database); plain fork where it cannot be started (an
    interpreter the user may not execute again, as after dropping privileges)."""
    main = getattr(sys.modules.get("__main__"), "__file__", None)
    if _forkserver_broken or (main and not os.path.exists(main)):  # e.g. python - < script
        _preload_here()  # a forked reader process inherits what this process loaded
        return multiprocessing.get_context("fork")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(_PRELOAD)
    return ctx


@contextmanager
def _main_not_imported(ctx):
    """A process started by the fork server imports the main module again (as
    ``__mp_main__``) unless told nothing of it; a reader process runs styrdata's own
    functions only, and the ``styrdata`` command's main module imports the CLI — DuckDB,
    pandas, rich: most of a second and some 40 MB in every reader process, for nothing."""
    main = sys.modules.get("__main__")
    if main is None or ctx.get_start_method() != "forkserver":
        yield
        return
    saved = {k: main.__dict__[k] for k in ("__file__", "__spec__") if k in main.__dict__}
    main.__dict__.pop("__file__", None)
    main.__spec__ = None
    try:
        yield
    finally:
        main.__dict__.update(saved)
        if "__spec__" not in saved:
            del main.__spec__


def start_fork_server() -> None:
    """Start the fork server now, without waiting for it: it imports the readers while the
    caller opens the warehouse and hashes the files, so the first reader process is ready
    sooner. (A fork server that cannot start is dealt with when a reader process is.)"""
    ctx = _context()
    if ctx.get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    try:
        with _main_not_imported(ctx):  # the fork server itself imports no CLI either
            forkserver.ensure_running()
    except Exception:  # noqa: BLE001 - only sooner: starting a reader process says why
        pass


class ReaderPool:
    """``workers`` reader processes calling ``fn(*args)``; use as a context manager (leaving
    it stops every process, and whatever they started, at once).

    ``timeout`` (seconds per job, 0 = none) and ``memory_mb`` (address space per process,
    0 = none) are the limits; :meth:`imap` yields ``(key, result)`` with a
    :class:`Failure` for a job that timed out, died, or raised."""

    def __init__(
        self,
        fn: Callable,
        workers: int = 1,
        timeout: float = 0,
        memory_mb: int = 0,
    ):
        self.fn = fn
        self.workers = max(1, workers)
        self.timeout = timeout or 0
        self.memory_mb = memory_mb or 0
        self._pool: list[_Worker] = []
        self._ctx = _context()

    def __enter__(self) -> ReaderPool:
        return self

    def __exit__(self, exc_type, *_exc) -> None:
        self.close(graceful=exc_type is None)

    # -- processes --------------------------------------------------------------------
    def _start(self) -> _Worker:
        token = uuid.uuid4().hex
        tmpdir = tempfile.mkdtemp(prefix=f"styrdata-reader-{token[:8]}-")
        try:
            proc, parent = self._spawn(token, tmpdir)
        except BaseException:
            remove_folder(tmpdir)
            raise
        w = _Worker(proc, parent, token, tmpdir)
        self._pool.append(w)
        return w

    def _spawn(self, token: str, tmpdir: str):
        global _forkserver_broken
        while True:
            os.makedirs(tmpdir, exist_ok=True)
            parent, child = self._ctx.Pipe(duplex=True)
            proc = self._ctx.Process(
                target=_worker_main,
                args=(
                    child,
                    self.fn,
                    token,
                    tmpdir,
                    self.memory_mb,
                    os.getpid(),
                    self._ctx.get_start_method() == "fork",
                ),
                daemon=True,
                name=f"styrdata-reader-{token[:8]}",
            )
            try:
                with _main_not_imported(self._ctx):
                    proc.start()
                child.close()
                if self._ready(parent, proc):
                    break
                why = f"exit code {proc.exitcode}"
            except (OSError, EOFError) as e:  # the fork server could not be started
                why = str(e)
                child.close()
            parent.close()
            if _forkserver_broken:  # plain fork did not work either
                raise ReaderStartError(f"cannot start a reader process ({why})")
            # the fork server cannot run it (an interpreter this user may not execute, a
            # __main__ it cannot import again, as a script read from stdin): fork instead
            _forkserver_broken = True
            self._ctx = _context()
        return proc, parent

    @staticmethod
    def _ready(conn, proc) -> bool:
        """Whether a new reader process says it is ready before it dies."""
        wait_for([conn, proc.sentinel], START_TIMEOUT)
        try:
            if conn.poll() and conn.recv() == _READY:
                return True
        except (EOFError, OSError):
            pass
        proc.kill()
        proc.join(5)
        return False

    def _kill(self, w: _Worker) -> None:
        """Kill a reader process with its group and everything it started; remove its
        folder."""
        if w.proc.pid is not None:
            processes.kill_group(w.proc.pid)
            try:
                w.proc.kill()
            except Exception:  # noqa: BLE001 - already gone
                pass
            w.proc.join(5)
        sweep(w.token)
        self._discard(w)

    def _discard(self, w: _Worker) -> None:
        try:
            w.conn.close()
        except OSError:
            pass
        if w.proc.exitcode is None:
            w.proc.join(0.5)
        remove_folder(w.tmpdir)
        if w in self._pool:
            self._pool.remove(w)

    def close(self, graceful: bool = True) -> None:
        """Stop every reader process: idle ones are asked to finish when ``graceful``, the
        rest are killed with whatever they started."""
        for w in list(self._pool):
            if graceful and not w.busy and w.proc.is_alive():
                try:
                    w.conn.send(None)
                except OSError:
                    pass
        deadline = time.monotonic() + (2.0 if graceful else 0.0)
        for w in list(self._pool):
            if graceful and not w.busy:
                w.proc.join(max(0.0, deadline - time.monotonic()))
            if w.proc.is_alive() or w.busy:
                self._kill(w)
            else:
                sweep(w.token)  # anything it started that outlived it
                self._discard(w)

    # -- jobs -------------------------------------------------------------------------
    def imap(
        self, jobs: Iterable[tuple[Any, tuple]], on_start: Callable[[Any], None] | None = None
    ) -> Iterator[tuple[Any, Any]]:
        """Run ``fn(*args)`` for every ``(key, args)``; yield ``(key, result)`` as each is
        done. With one worker, a job is handed over only once the results before it were
        taken (a consumer that stores each result sees them in order); with more, a free
        worker gets its next job before the consumer gets the result."""
        # a deque the caller keeps may grow while the jobs run (a job that needs others'
        # results first: the parts of a long PDF, then putting them together)
        pending = jobs if isinstance(jobs, deque) else deque(jobs)

        def hand_out() -> None:
            while pending:
                idle = next((w for w in self._pool if not w.busy), None)
                if idle is None and len(self._pool) < self.workers:
                    idle = self._start()
                if idle is None:
                    return
                key, args = pending.popleft()
                try:
                    idle.conn.send(args)
                except OSError:  # died while idle: a new one takes the job
                    self._kill(idle)
                    pending.appendleft((key, args))
                    continue
                if on_start:
                    on_start(key)
                idle.key, idle.busy, idle.started = key, True, time.monotonic()

        while pending or any(w.busy for w in self._pool):
            hand_out()
            busy = [w for w in self._pool if w.busy]
            if not busy:
                continue
            wait = None
            if self.timeout:
                first = min(w.started for w in busy)
                wait = max(0.0, first + self.timeout - time.monotonic()) + 0.01
            ready = set(wait_for([w.conn for w in busy] + [w.proc.sentinel for w in busy], wait))
            done = [(w.key, self._outcome(w, ready)) for w in busy]
            done = [(key, result) for key, result in done if result is not _BUSY]
            if self.workers > 1:
                hand_out()  # keep the others reading while the consumer stores
            yield from done

    def _outcome(self, w: _Worker, ready: set) -> Any:
        """What a busy worker has to show: its result, a :class:`Failure` (it died or ran
        out of time: it is gone), or ``_BUSY``."""
        if w.conn in ready:
            try:
                result = w.conn.recv()
            except (EOFError, OSError):
                w.proc.join(1)  # it died: below
            else:
                if isinstance(result, _Read):  # read: the rest gets a timeout of its own
                    w.started = time.monotonic()
                    return _BUSY
                w.busy, w.key = False, None
                return result
        if w.proc.sentinel in ready or not w.proc.is_alive():
            w.proc.join(1)
            message = _death(w.proc.exitcode, self.memory_mb)
            w.busy = False
            self._kill(w)  # whatever it started goes too
            return Failure(message)
        if self.timeout and time.monotonic() - w.started > self.timeout:
            self._kill(w)
            w.busy = False
            return Failure(f"timed out after {self.timeout:g} s (limit per document: --timeout)")
        return _BUSY


#: Signals :func:`signals_raise` received (a KeyboardInterrupt DuckDB swallowed is in here).
_signalled: list[str] = []


def raise_if_signalled() -> None:
    """Raise the ``KeyboardInterrupt`` of a signal received within :func:`signals_raise`
    that something swallowed: DuckDB runs Python's signal handlers while a query runs and
    drops the ``KeyboardInterrupt`` when the query ends first."""
    if _signalled:
        raise KeyboardInterrupt(_signalled[0])


@contextmanager
def signals_raise():
    """Within the block, SIGTERM and SIGHUP raise ``KeyboardInterrupt`` as SIGINT does (its
    argument names the signal, and :func:`raise_if_signalled` raises it again where
    something swallowed it), so ``with`` blocks unwind: the reader processes are stopped,
    the document being stored is rolled back. Main thread only; an ignored signal stays
    ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, _frame):
        _signalled.append(signal.Signals(signum).name)
        raise KeyboardInterrupt(signal.Signals(signum).name)

    _signalled.clear()
    old = {}
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        if signal.getsignal(sig) is not signal.SIG_IGN:
            old[sig] = signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, h in old.items():
            signal.signal(sig, h)
