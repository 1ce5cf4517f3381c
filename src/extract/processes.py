"""External programs (LibreOffice, Tesseract) run so that none outlives its reason to run.

:func:`run` starts the program in a process group of its own (``start_new_session``) with
the parent-death signal set (Linux ``prctl(PR_SET_PDEATHSIG, SIGKILL)``, through ctypes): on
a timeout, on any exception in the caller (a ``KeyboardInterrupt`` too) the whole group is
killed — LibreOffice's ``soffice`` wrapper and the ``soffice.bin`` it starts alike — and if
the process that started it dies, the kernel kills it. :func:`kill_all` kills every group
still running, for a signal handler or a watchdog on the way out.
"""

from __future__ import annotations

import ctypes
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Sequence

_PR_SET_PDEATHSIG = 1
_libc = None
if sys.platform.startswith("linux"):
    try:
        _libc = ctypes.CDLL(None, use_errno=True)
        _prctl = _libc.prctl  # looked up here, not in the forked child
    except (OSError, AttributeError):  # pragma: no cover - no libc with prctl
        _libc = None

_live: set[int] = set()  # process groups started by run() and still running
_lock = threading.Lock()


def set_parent_death_signal(sig: int = signal.SIGKILL) -> bool:
    """Ask the kernel to send ``sig`` to this process when its parent (thread) dies. Linux
    only; returns whether it is set."""
    if _libc is None:
        return False
    return _prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0


def _child_setup() -> None:  # runs in the child between fork and exec
    set_parent_death_signal(signal.SIGKILL)
    # a reader process blocks its signals for its watchdog thread: do not pass that on
    signal.pthread_sigmask(signal.SIG_SETMASK, ())


def group_pids(pgid: int) -> list[int]:
    """The processes of a process group (Linux ``/proc``; elsewhere none are found)."""
    out = []
    try:
        entries = os.listdir("/proc")
    except OSError:
        return out
    for d in entries:
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if len(fields) > 2 and int(fields[2]) == pgid:
            out.append(int(d))
    return out


def bound_sockets(pids: list[int]) -> list[str]:
    """Paths of the Unix sockets the processes have bound. A killed ``soffice.bin`` leaves
    its IPC socket (``/tmp/OSL_PIPE_<uid>_SingleOfficeIPC_<hash>``, whatever ``TMPDIR``
    says) behind; this finds it beforehand."""
    inodes: set[str] = set()
    for pid in pids:
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                link = os.readlink(f"/proc/{pid}/fd/{fd}")
            except OSError:
                continue
            if link.startswith("socket:["):
                inodes.add(link[8:-1])
    if not inodes:
        return []
    paths = []
    try:
        with open("/proc/net/unix") as f:
            next(f, None)
            for line in f:
                cols = line.split()
                if len(cols) >= 8 and cols[6] in inodes and cols[7].startswith("/"):
                    paths.append(cols[7])
    except OSError:
        pass
    return paths


def remove_sockets(paths: list[str]) -> None:
    """Remove the socket files a killed process left behind (nothing else)."""
    for path in paths:
        try:
            if stat.S_ISSOCK(os.lstat(path).st_mode):
                os.unlink(path)
        except OSError:
            pass


def kill_group(pgid: int) -> None:
    """SIGKILL to a whole process group; gone already is fine."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def kill_group_and_its_sockets(pgid: int) -> None:
    """SIGKILL to a process group, and its bound Unix sockets removed once it is gone."""
    sockets = bound_sockets(group_pids(pgid))
    kill_group(pgid)
    if sockets:
        time.sleep(0.05)  # the kernel reaps them
        remove_sockets(sockets)


def kill_all() -> None:
    """Kill every process group :func:`run` started that is still running."""
    with _lock:
        groups = list(_live)
    for pgid in groups:
        kill_group_and_its_sockets(pgid)


def run(
    cmd: Sequence[str],
    timeout: float | None,
    env: dict[str, str] | None = None,
    text: bool = False,
) -> subprocess.CompletedProcess:
    """Run ``cmd`` to its end and capture its output, like ``subprocess.run(cmd,
    capture_output=True, timeout=timeout)``, but the program runs in a process group of its
    own that is killed whole on a timeout (:class:`subprocess.TimeoutExpired` is raised
    then) or on any exception — the Unix sockets it bound removed — and that dies with the
    calling process."""
    proc = subprocess.Popen(
        list(cmd),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=text,
        start_new_session=True,
        preexec_fn=_child_setup if _libc is not None else None,
    )
    with _lock:
        _live.add(proc.pid)
    try:
        try:
            out, err = proc.communicate(timeout=timeout)
        except BaseException:
            sockets = bound_sockets(group_pids(proc.pid))
            kill_group(proc.pid)
            proc.communicate()
            remove_sockets(sockets)
            raise
        # the program is done; anything it left running in its group goes with it
        kill_group(proc.pid)
    finally:
        with _lock:
            _live.discard(proc.pid)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
