"""What the OOM killer and a memory-hungry reader do, for a reader process to suffer.

``install()`` replaces the pipeline's reader function; a reader process (forked, or started
by the fork server, which imports this module by name) then dies by SIGKILL on a file whose
name holds ``oom-victim`` — as the OOM killer kills it — and asks for 3 GB on one holding
``memory-hog``. Any other file is read as usual.
"""

from __future__ import annotations

import os
import signal

from styrdata import pipeline

_real = pipeline._parse


def parse(path_str: str, settings=None):
    name = os.path.basename(path_str)
    if "oom-victim" in name:
        os.kill(os.getpid(), signal.SIGKILL)
    if "memory-hog" in name:
        hog = bytearray(3 << 30)
        hog[-1] = 1
    return _real(path_str, settings) if settings is not None else _real(path_str)


def install() -> None:
    pipeline._parse = parse
