"""Which files a batch reads: files named directly, whatever their type, and supported files
under folders — with every path under a folder that is not read said and why.

A path named on the command line that cannot be read (missing, a symlink loop, no
permission, a named pipe) is kept as a file: it gets a ``failed`` row with the reason. Under
a folder, what is passed over is reported as a :class:`Skipped` path: a folder that cannot
be listed, a symlink loop, a dangling link, a named pipe or device (these are *problems*:
something that may hold a document was not read) and a file of an unsupported type, a
hidden file or an Office lock file, a link to a folder (not followed, as before).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from styrdata.extract.readers.dispatch import SUPPORTED_SUFFIXES

SIDECAR_SUFFIX = ".meta.json"


@dataclass
class Skipped:
    path: str
    reason: str
    #: True when something that may hold a document could not be read (unreadable folder,
    #: symlink loop, dangling link, special file): the batch then exits 1.
    problem: bool = False


@dataclass
class Collected:
    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def source_key(path: Path) -> str:
    """The absolute path a file is stored under (symlinks resolved when they resolve)."""
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):  # a symlink loop: Python 3.11 raises RuntimeError
        return os.path.abspath(path)


def _special(mode: int) -> str | None:
    for test, what in (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return what
    return None


def _walk(folder: Path, out: Collected) -> list[Path]:
    """Supported files under ``folder`` (symlinks to files followed, to folders not: that
    is what ``Path.rglob`` did)."""
    found: list[Path] = []
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except PermissionError:
        out.skipped.append(Skipped(str(folder), "unreadable folder: permission denied", True))
        return found
    except OSError as e:
        out.skipped.append(Skipped(str(folder), f"unreadable folder: {e.strerror or e}", True))
        return found
    for e in entries:
        path = folder / e.name
        try:
            is_link = e.is_symlink()
            st = os.stat(path)  # follows a link
        except OSError as err:
            if err.errno == errno.ELOOP:
                out.skipped.append(Skipped(str(path), "symlink loop", True))
            elif is_link and err.errno == errno.ENOENT:
                target = os.readlink(path) if os.path.islink(path) else "?"
                out.skipped.append(
                    Skipped(
                        str(path), f"dangling symlink (to {target}, which does not exist)", True
                    )
                )
            elif err.errno == errno.ENOENT:
                continue  # removed while we looked
            else:
                out.skipped.append(Skipped(str(path), f"cannot look at it: {err.strerror}", True))
            continue
        if stat.S_ISDIR(st.st_mode):
            if is_link:
                out.skipped.append(
                    Skipped(str(path), "symlink to a folder (not followed: name it to read it)")
                )
            else:
                found.extend(_walk(path, out))
            continue
        what = _special(st.st_mode)
        if what:
            out.skipped.append(Skipped(str(path), f"not a regular file: it is {what}", True))
        elif e.name.endswith(SIDECAR_SUFFIX):
            continue  # metadata for the file beside it
        elif e.name.startswith((".", "~$")):
            out.skipped.append(Skipped(str(path), "hidden file or Office lock file"))
        elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
            out.skipped.append(
                Skipped(str(path), f"unsupported type '{path.suffix.lower() or '(none)'}'")
            )
        else:
            found.append(path)
    return found


def collect(paths: Iterable[str | os.PathLike]) -> Collected:
    """Files named directly (whatever their type) and supported files under folders, each
    folder's sorted, each file once; and the paths under folders that were passed over."""
    out = Collected()
    files: list[Path] = []
    for p in map(Path, paths):
        try:
            is_dir = stat.S_ISDIR(os.stat(p).st_mode)
        except OSError:
            is_dir = False  # missing, a loop, no permission: its failed row says which
        if is_dir:
            files.extend(sorted(_walk(p, out)))
        else:
            files.append(p)
    seen: set[str] = set()
    for f in files:
        key = source_key(f)
        if key not in seen:
            seen.add(key)
            out.files.append(f)
    return out
