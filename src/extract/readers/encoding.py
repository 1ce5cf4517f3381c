"""Which encoding a text dump is in: UTF-8 and UTF-16/32 by their byte order mark, UTF-8
without one when it decodes, UTF-16 without one by its NUL bytes, and otherwise Windows-1252
(Latin-1 where a byte is not in Windows-1252) — what a Swedish text from a Windows share
usually is. Every guess gives a warning; a file that is no text at all fails with one line.
"""

from __future__ import annotations

import codecs
import re

from styrdata.extract.readers.errors import ReadError

_BOMS = (  # longest first: a UTF-32 LE mark starts like a UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
# Control characters no text holds (TAB, LF, VT, FF, CR and ESC aside), and the C1 range
# Latin-1 maps bytes 0x80–0x9f to.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f\x80-\x9f]")
#: A decoded text with more than this share of control characters is binary.
MAX_CONTROL_SHARE = 0.01


def _check_text(text: str, how: str) -> None:
    if not text:
        return
    bad = len(_CONTROL.findall(text))
    if bad > max(2, MAX_CONTROL_SHARE * len(text)):
        raise ReadError(
            f"not a text file: binary content ({bad} control characters in {len(text)} "
            f"read as {how})"
        )


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the NUL bytes sit where UTF-16 puts them for Latin
    letters (every second byte), else None."""
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]
    if not odd:
        return None
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str | None]:
    """The text of a text file's bytes, and a warning when its encoding was guessed or bytes
    had to be replaced; :class:`ReadError` when it is binary."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return body.decode(codec), None
            except UnicodeDecodeError:
                text = body.decode(codec, errors="replace")
                _check_text(text, name)
                n = text.count("\ufffd")
                return text, f"{n} byte sequence(s) not valid {name} replaced by �"
    if b"\0" in data:
        codec = _utf16_without_bom(data)
        if codec is None:
            raise ReadError("not a text file: binary content (it holds NUL bytes)")
        text = data.decode(codec, errors="replace")
        _check_text(text, codec.upper())
        return text, f"read as {codec.upper()} without a byte order mark (guessed from its content)"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_text(text, "UTF-8")
        return text, None
    # Mostly UTF-8 with a few broken bytes (a cut-off download, a pasted Latin-1 line), or
    # another encoding altogether?
    lenient = data.decode("utf-8", errors="replace")
    broken = lenient.count("\ufffd")
    good = sum(1 for ch in lenient if ord(ch) > 127 and ch != "\ufffd")
    if good > 2 * broken:
        _check_text(lenient, "UTF-8")
        return lenient, f"{broken} byte sequence(s) not valid UTF-8 replaced by �"
    try:
        text, name = data.decode("cp1252"), "Windows-1252 (cp1252)"
    except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d are not in cp1252
        text, name = data.decode("latin-1"), "Latin-1 (ISO-8859-1)"
    _check_text(text, name)
    return text, f"not UTF-8: read as {name} (guessed from its content)"
