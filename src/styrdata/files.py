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


#: What a skipped path is, in the order a summary lists them; the first four are problems.
KINDS = (
    "unreadable folder",
    "symlink loop",
    "dangling link",
    "special file",
    "unsupported type",
    "hidden or lock file",
    "link to a folder",
)
_PROBLEMS = set(KINDS[:4])


@dataclass
class Skipped:
    path: str
    reason: str
    #: one of :data:`KINDS`
    kind: str

    @property
    def problem(self) -> bool:
        """Something that may hold a document could not be read (an unreadable folder, a
        symlink loop, a dangling link, a special file): the batch then exits 1."""
        return self.kind in _PROBLEMS


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

    def skip(path: Path, reason: str, kind: str) -> None:
        out.skipped.append(Skipped(str(path), reason, kind))

    found: list[Path] = []
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except PermissionError:
        skip(folder, "unreadable folder: permission denied", "unreadable folder")
        return found
    except OSError as e:
        skip(folder, f"unreadable folder: {e.strerror or e}", "unreadable folder")
        return found
    for e in entries:
        path = folder / e.name
        try:
            is_link = e.is_symlink()
            st = os.stat(path)  # follows a link
        except OSError as err:
            if err.errno == errno.ELOOP:
                skip(path, "symlink loop", "symlink loop")
            elif is_link and err.errno == errno.ENOENT:
                target = os.readlink(path) if os.path.islink(path) else "?"
                skip(path, f"dangling symlink (to {target}, which does not exist)", "dangling link")
            elif err.errno != errno.ENOENT:  # not just removed while we looked
                skip(path, f"cannot look at it: {err.strerror}", "unreadable folder")
            continue
        if stat.S_ISDIR(st.st_mode):
            if is_link:
                skip(path, "symlink to a folder (not followed: name it to read it)", KINDS[6])
            else:
                found.extend(_walk(path, out))
            continue
        what = _special(st.st_mode)
        if what:
            skip(path, f"not a regular file: it is {what}", "special file")
        elif e.name.endswith(SIDECAR_SUFFIX):
            continue  # metadata for the file beside it
        elif e.name.startswith((".", "~$")):
            skip(path, "hidden file or Office lock file", "hidden or lock file")
        elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
            skip(path, f"unsupported type '{path.suffix.lower() or '(none)'}'", "unsupported type")
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
