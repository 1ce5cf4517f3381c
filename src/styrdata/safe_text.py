"""Text from outside — file names, error messages, document text — made safe to store and
to print.

* :func:`utf8`: always valid UTF-8. A file name from a Windows share that is not UTF-8
  arrives with its bytes as lone surrogates (``'plan_\\udce5.pdf'``), which DuckDB and the
  console refuse; it becomes ``plan_\\xe5.pdf``.
* :func:`printable`: also shows control characters as escapes (``\\n``, ``\\x1b``, and the
  bidirectional overrides), so a file name with a newline cannot forge a second ``error:``
  line and an escape sequence cannot repaint the terminal.
* :func:`markup`: printable and with rich markup escaped (``[/]`` in a path is text).
"""

from __future__ import annotations

import os
import re

from rich.markup import escape

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def utf8(s: str | os.PathLike) -> str:
    """``s`` as valid UTF-8: bytes a file name could not decode (surrogate escapes) as
    ``\\xNN``, any other lone surrogate as ``\\udNNN``."""
    s = os.fspath(s)
    if isinstance(s, bytes):
        return s.decode("utf-8", "backslashreplace")
    try:
        raw = s.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return s.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def _escape_control(m: re.Match) -> str:
    ch = m.group()
    return _NAMED.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) <= 0xFF else f"\\u{ord(ch):04x}")


def printable(s: str | os.PathLike) -> str:
    """:func:`utf8` with control characters escaped: one line, nothing the terminal acts on."""
    return _CONTROL.sub(_escape_control, utf8(s))


def markup(s: str | os.PathLike) -> str:
    """:func:`printable` with rich markup escaped, to put inside a rich markup string."""
    return escape(printable(s))
