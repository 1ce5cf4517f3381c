"""A page's characters, lines, rectangles, curves and images read with PDFium.

pdfplumber gets a page's objects from pdfminer, which interprets the content stream in
Python: on a text page that is most of the reading time. PDFium (pypdfium2) parses the same
page in C. :class:`PdfiumPage` is a pdfplumber page whose ``objects`` come from PDFium,
shaped as pdfminer and pdfplumber shape them, so pdfplumber's edges, table finder and
everything in the reader work on them unchanged:

* characters: pdfminer's box — from the baseline origin, the advance and the font's
  descent, one font size high (not PDFium's glyph or loose box) — with ``text``,
  ``fontname`` (base font), ``size``, ``upright``, ``matrix`` and the fill colour as RGB;
  characters PDFium generates (spaces between words, line breaks) are left out, as pdfminer
  has none; a code with no Unicode mapping reads ``(cid:N)`` as in pdfminer;
* paths split into subpaths at each move, each a ``line`` (one segment), a ``rect`` (four
  axis-parallel segments, closed) or a ``curve`` (its segments' end points), as pdfminer's
  ``paint_path`` does; fill and stroke from the path's draw mode, colours as RGB;
* images with their place, ``srcsize`` and ``key`` (the same picture drawn on several pages
  has one key), ``masked``, and for a picture of a symbol's size its ``pixels`` (RGB, 0–1).

Pages PDFium places differently from pdfminer — turned (``/Rotate``) or with a media box
not at the origin — keep pdfminer's reading (:func:`styrdata.extract.readers.pdf_objects.lean`);
:func:`fast` decides. ``tests/test_pdfium_objects.py`` compares both readings on the corpus
and real documents: the same characters, edges, tables and reading.
"""

from __future__ import annotations

import ctypes
import hashlib
from contextlib import contextmanager

import pypdfium2 as pdfium
import pypdfium2.raw as R
import pypdfium2_raw.bindings as _bindings
from pdfplumber.page import Page

from styrdata.extract.ocr.pages import PDFIUM_LOCK
from styrdata.extract.readers.limits import PageTooLarge, max_chars_per_page
from styrdata.extract.readers.pdf_objects import LeanPage, lean

#: Images whose placed width and height are both at most this (points) carry their pixels:
#: status symbols drawn as small pictures (:func:`styrdata.extract.readers.pdf_marks.image_marks`).
SYMBOL_PIXELS_MAX = 40.0

_GENERATED_CANDIDATES = frozenset((0x20, 0x0D, 0x0A, 0x02, 0xFFFE))
_MATRIX = tuple[float, float, float, float, float, float]


#: PDFium reads at most this many characters of one string: a page with a longer one is
#: read with pdfminer, which reads it all (and stops at ``--max-chars-per-page``).
PDFIUM_MAX_STRING = 32767


class _CutShort(Exception):
    """PDFium cut a string short."""


class PdfiumPage(LeanPage):
    """A pdfplumber page whose objects PDFium reads (see the module's notes)."""

    _pdfium_page: pdfium.PdfPage

    def parse_objects(self):  # noqa: D401 - pdfplumber's hook
        try:
            return read_objects(self._pdfium_page, self)
        except _CutShort:
            return super().parse_objects()  # pdfminer's reading (LeanPage's objects)


def fast(page: Page, pdfium_page: pdfium.PdfPage | None) -> Page:
    """The page read with PDFium when PDFium places its objects as pdfminer does (upright,
    media box at the origin), else pdfminer's lean reading."""
    if pdfium_page is None or page.rotation % 360 or any(page.mediabox[:2]):
        return lean(page)
    if abs(pdfium_page.get_height() - float(page.height)) > 0.01:
        return lean(page)  # a crop box PDFium measures otherwise
    page.__class__ = PdfiumPage
    page._pdfium_page = pdfium_page
    return page


class _Pdfium:
    """One PDF opened with PDFium for reading its pages' objects (or not: then every page
    is None and the reader uses pdfminer). PDFium is not thread-safe: a page is read under
    the process's PDFium lock."""

    def __init__(self, doc: pdfium.PdfDocument | None):
        self.doc = doc

    @contextmanager
    def page(self, index: int):
        if self.doc is None:
            yield None
            return
        with PDFIUM_LOCK:
            try:
                pg = self.doc[index]
            except Exception:  # noqa: BLE001 - a page PDFium cannot load: pdfminer reads it
                yield None
                return
            try:
                yield pg
            finally:
                pg.close()


@contextmanager
def open_pdfium(path: str | None):
    """``path`` opened with PDFium (None, or a file PDFium cannot open: pdfminer reads)."""
    doc = None
    if path is not None:
        with PDFIUM_LOCK:
            try:
                doc = pdfium.PdfDocument(path)
            except Exception:  # noqa: BLE001 - encrypted, damaged: pdfplumber says why
                doc = None
    try:
        yield _Pdfium(doc)
    finally:
        if doc is not None:
            with PDFIUM_LOCK:
                doc.close()


def _mul(m: _MATRIX, n: _MATRIX) -> _MATRIX:
    """m then n (PDF's row-vector convention, as pdfminer's ``mult_matrix``)."""
    a1, b1, c1, d1, e1, f1 = m
    a0, b0, c0, d0, e0, f0 = n
    return (
        a0 * a1 + c0 * b1,
        b0 * a1 + d0 * b1,
        a0 * c1 + c0 * d1,
        b0 * c1 + d0 * d1,
        a0 * e1 + c0 * f1 + e0,
        b0 * e1 + d0 * f1 + f0,
    )


def _matrix_of(obj) -> _MATRIX:
    m = R.FS_MATRIX()
    if not R.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _rgb(getter, obj) -> tuple[float, float, float] | None:
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not getter(obj, r, g, b, a):
        return None
    return (r.value / 255, g.value / 255, b.value / 255)


class _Geometry:
    """pdfplumber's coordinates for one page: ``top`` from the page's top edge."""

    def __init__(self, page: Page):
        self.height = float(page.height)
        self.number = page.page_number
        self.doctop = page.initial_doctop

    def box(self, kind: str, x0: float, y0: float, x1: float, y1: float) -> dict:
        top = self.height - y1
        return {
            "object_type": kind,
            "page_number": self.number,
            "x0": x0,
            "x1": x1,
            "y0": y0,
            "y1": y1,
            "width": x1 - x0,
            "height": y1 - y0,
            "top": top,
            "bottom": self.height - y0,
            "doctop": self.doctop + top,
        }


def read_objects(pdfium_page: pdfium.PdfPage, page: Page) -> dict[str, list[dict]]:
    """The page's objects by kind (``char``, ``line``, ``rect``, ``curve``, ``image``), in
    the order the content stream draws them."""
    geo = _Geometry(page)
    out: dict[str, list[dict]] = {}
    tp = R.FPDFText_LoadPage(pdfium_page.raw)
    try:
        if tp:
            n = R.FPDFText_CountChars(tp)
            limit = max_chars_per_page()
            if limit and n > limit:
                raise PageTooLarge(geo.number, limit)
            chars = _read_chars(tp, n, geo)
            if chars:
                out["char"] = chars
        for kind, obj in _shapes(pdfium_page, geo, tp):
            out.setdefault(kind, []).append(obj)
    finally:
        if tp:
            R.FPDFText_ClosePage(tp)
    return out


def _proto(name: str, restype, *argtypes):
    """PDFium's function ``name`` taking and giving plain addresses (``c_void_p``): a
    character's text object comes back as an int, cheap to compare and to key a dict
    with. Own prototypes; pypdfium2's own stay as they are."""
    return ctypes.CFUNCTYPE(restype, *argtypes)((name, _LIB))


_LIB = _bindings._libs["pdfium"]
_VP, _INT, _D = ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_double)
_get_unicode = _proto("FPDFText_GetUnicode", ctypes.c_uint, _VP, _INT)
_get_object = _proto("FPDFText_GetTextObject", _VP, _VP, _INT)
_get_origin = _proto("FPDFText_GetCharOrigin", _INT, _VP, _INT, _D, _D)
_get_loose = _proto("FPDFText_GetLooseCharBox", _INT, _VP, _INT, ctypes.POINTER(R.FS_RECTF))
_is_generated = _proto("FPDFText_IsGenerated", _INT, _VP, _INT)
_map_error = _proto("FPDFText_HasUnicodeMapError", _INT, _VP, _INT)


def _read_chars(tp, n: int, geo: _Geometry) -> list[dict]:
    out: list[dict] = []
    ox, oy = ctypes.c_double(), ctypes.c_double()
    loose = R.FS_RECTF()
    height, number, doctop = geo.height, geo.number, geo.doctop
    styles: dict[int, tuple] = {}
    name = ctypes.create_string_buffer(256)
    h = ctypes.cast(tp, ctypes.c_void_p).value
    codes = _unicode(h, n)
    if codes is None:
        codes = [_get_unicode(h, i) for i in range(n)]
    get_object, get_origin, get_loose = _get_object, _get_origin, _get_loose
    last_obj, last = None, None
    last_x = last_y = 0.0  # the last character's origin (when there is one)
    for i, u in enumerate(codes):
        generated = u in _GENERATED_CANDIDATES and _is_generated(h, i) == 1
        if generated and u != 0x20:
            continue  # a line break PDFium puts in
        key = get_object(h, i) or 0
        if not get_origin(h, i, ox, oy) or not get_loose(h, i, loose):
            continue
        x, y = ox.value, oy.value
        if generated:
            # PDFium takes a space glyph the text draws for one of the spaces it puts
            # between words, and gives it no width: kept as pdfminer keeps it, a quarter
            # of the size wide at most (never reaching into the next word)
            if last is not None:
                space = _space(h, i, n, x, y, ox, oy)
                if space is not None:
                    width = min(space - x, 0.25 * last["size"])
                    out.append({**last, "text": " ", "x0": x, "x1": x + width, "width": width})
                    last, last_obj = None, None
            continue
        same_run = last is not None and key == last_obj and y == last_y
        if same_run and x > last_x:
            # the previous character ends where this one starts, unless PDFium's box for
            # it ends sooner (a gap the text puts between them): its advance without the
            # ink that overhangs it
            if x < last["x1"] and last["upright"]:
                last["x1"], last["width"] = x, x - last["x0"]
                last["adv"] = last["width"] / (last["matrix"][0] or 1.0)
        style = styles.get(key)
        if style is None:
            style = styles[key] = _char_style(
                _style(tp, i, R.FPDFText_GetTextObject(tp, i), name, _map_error(h, i) == 1)
            )
        upright, dy0, dy1, linear, fs, desc, colour, fontname, unmapped = style
        if u == 0x02 or u == 0xFFFE:  # PDFium's mark for a hyphen that ends a line
            text = "-"
        elif unmapped and _map_error(h, i) == 1:
            text = f"(cid:{u})"
        else:
            text = chr(u) if 0 < u < 0x110000 and not 0xD800 <= u < 0xE000 else "\ufffd"
        if same_run and x == last_x:
            # one glyph, several letters (a ligature "ﬁ" mapped to "fi"): one character,
            # as pdfminer makes it
            last["text"] += text
            right = loose.right
            if last["upright"] and right > last["x1"]:  # the ligature's own width
                last["x1"], last["width"] = right, right - last["x0"]
            continue
        if upright:  # the common case
            x0 = x
            x1 = loose.right
            adv = (x1 - loose.left) / linear[0]
            y0 = y + dy0
            y1 = y0 + dy1
        else:
            a, b, c, d = linear
            adv = _advance(loose, a, b)
            x0, y0, x1, y1 = _turned_box(x, y, linear, fs, desc, adv)
            upright = 0 < a * d and b * c <= 0
        top = height - y1
        size = y1 - y0
        last = {  # _Geometry.box written out: this loop runs once per character
            "object_type": "char",
            "page_number": number,
            "x0": x0,
            "x1": x1,
            "y0": y0,
            "y1": y1,
            "width": x1 - x0,
            "height": size,
            "top": top,
            "bottom": height - y0,
            "doctop": doctop + top,
            "text": text,
            "fontname": fontname,
            "size": size,
            "upright": upright,
            "adv": adv,
            "matrix": (*linear, x, y),
            "non_stroking_color": colour,
            "stroking_color": None,
        }
        out.append(last)
        last_obj, last_x, last_y = key, x, y
    return out


def _char_style(style: tuple) -> tuple:
    """:func:`_style` as each character of the text object uses it: whether it is set
    upright (no turn, no skew, no mirror: its box is its origin, advance and the font's
    descent and size up the page), the descent and size times the matrix's vertical
    scale, and the rest as it is."""
    fs, desc, linear, colour, fontname, unmapped = style
    a, b, c, d = linear
    upright = b == 0 and c == 0 and a > 0 and d > 0
    return upright, d * desc, d * fs, linear, fs, desc, colour, fontname, unmapped


_get_text = _proto("FPDFText_GetText", _INT, _VP, _INT, _INT, ctypes.POINTER(ctypes.c_ushort))


def _unicode(h, n: int) -> list[int] | None:
    """Every character's code point in one call; None when a character lies outside the
    Basic Multilingual Plane (two UTF-16 units: the indexes no longer line up)."""
    buf = (ctypes.c_ushort * (n + 1))()
    got = _get_text(h, 0, n, buf)
    codes = buf[:n]
    if got - 1 != n or (
        max(codes, default=0) >= 0xD800 and any(0xD800 <= u < 0xE000 for u in codes)
    ):
        return None
    return codes


def _space(h, i: int, n: int, x: float, y: float, ox, oy) -> float | None:
    """Where a space PDFium generated at ``(x, y)`` ends: the next character's start on the
    same baseline, when there is one to its right; else None (a break between lines)."""
    if i + 1 >= n or not _get_origin(h, i + 1, ox, oy):
        return None
    nx, ny = ox.value, oy.value
    if abs(ny - y) > 0.01 or nx <= x:
        return None
    return nx


def _style(tp, i: int, obj, name, unmapped: bool) -> tuple:
    """What the characters of one text object share: font size, descent (text space,
    times the size), the linear part of their matrix (page space), fill colour, font name,
    and whether its font maps codes to no Unicode (its first character's does not: then
    each character is asked)."""
    font = R.FPDFTextObj_GetFont(obj)
    fontname = ""
    if font:
        k = R.FPDFFont_GetBaseFontName(font, name, len(name))
        fontname = name.value.decode("utf-8", "replace") if k else ""
    fs = ctypes.c_float()
    size = float(fs.value) if R.FPDFTextObj_GetFontSize(obj, fs) else 0.0
    desc = ctypes.c_float()
    descent = (
        float(desc.value) if font and size and R.FPDFFont_GetDescent(font, size, desc) else 0.0
    )
    m = R.FS_MATRIX()
    if R.FPDFText_GetMatrix(tp, i, m):
        linear = (m.a, m.b, m.c, m.d)
    else:
        linear = (1.0, 0.0, 0.0, 1.0)
    colour = _rgb(R.FPDFPageObj_GetFillColor, obj)
    return size, descent, linear, colour, fontname, unmapped


def _advance(loose, a: float, b: float) -> float:
    """How far the character reaches along its baseline, in text space times the size:
    from PDFium's loose box (the advance or the glyph's ink, whichever is wider: within
    a fraction of a point of pdfminer's advance from the font's widths)."""
    if abs(a) >= abs(b):
        return (loose.right - loose.left) / abs(a) if a else 0.0
    return (loose.top - loose.bottom) / abs(b)


def _turned_box(x, y, linear, fs, desc, adv) -> tuple[float, float, float, float]:
    """pdfminer's box for a character set turned or skewed: the rectangle from the
    baseline's descent to one size above, one advance long, through the matrix."""
    a, b, c, d = linear
    corners = [
        (x + a * u + c * v, y + b * u + d * v) for u in (0.0, adv) for v in (desc, desc + fs)
    ]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    return min(xs), min(ys), max(xs), max(ys)


# paths ----------------------------------------------------------------------------------

_PATH, _IMAGE, _FORM = R.FPDF_PAGEOBJ_PATH, R.FPDF_PAGEOBJ_IMAGE, R.FPDF_PAGEOBJ_FORM
_TEXT = R.FPDF_PAGEOBJ_TEXT
_MOVE, _BEZIER = R.FPDF_SEGMENT_MOVETO, R.FPDF_SEGMENT_BEZIERTO


def _shapes(pdfium_page: pdfium.PdfPage, geo: _Geometry, tp):
    page = pdfium_page.raw
    for k in range(R.FPDFPage_CountObjects(page)):
        yield from _shape(R.FPDFPage_GetObject(page, k), None, geo, 0, tp)


def _shape(obj, outer: _MATRIX | None, geo: _Geometry, depth: int, tp):
    kind = R.FPDFPageObj_GetType(obj)
    if kind == _PATH:
        yield from _path(obj, outer, geo)
    elif kind == _TEXT and tp:
        for char in _unnamed_glyphs(obj, outer, geo, tp):
            yield "char", char
    elif kind == _IMAGE:
        image = _image(obj, outer, geo)
        if image is not None:
            yield "image", image
    elif kind == _FORM and depth < 8:
        m = _matrix_of(obj)
        inner = m if outer is None else _mul(m, outer)
        for k in range(R.FPDFFormObj_CountObjects(obj)):
            yield from _shape(R.FPDFFormObj_GetObject(obj, k), inner, geo, depth + 1, tp)


#: Width of one leader dot, as a share of the font size (a full stop in common fonts).
LEADER_DOT_WIDTH = 0.25


def _unnamed_glyphs(obj, outer: _MATRIX | None, geo: _Geometry, tp) -> list[dict]:
    """Glyphs a text object draws that PDFium gives no characters for: marked content
    whose ``/ActualText`` is empty replaces them (Word's dot leaders in a table of
    contents). pdfminer reads the glyphs, and the reader needs the leader to tell a line
    of contents from a table row: a run of full stops over the object's width, where the
    glyphs have ink (an object of spaces or tabs has bounds with no height, and gives none)."""
    size = R.FPDFTextObj_GetText(obj, tp, None, 0)  # bytes of UTF-16, with its terminator
    if size >= 2 * PDFIUM_MAX_STRING:
        raise _CutShort
    if size > 2:
        return []
    left, bottom, right, top = (
        ctypes.c_float(),
        ctypes.c_float(),
        ctypes.c_float(),
        ctypes.c_float(),
    )
    if not R.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return []
    x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
    if outer is not None:
        a, b, c, d, e, f = outer
        xs = [a * x + c * y + e for x in (x0, x1) for y in (y0, y1)]
        ys = [b * x + d * y + f for x in (x0, x1) for y in (y0, y1)]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    fs = ctypes.c_float()
    m = _matrix_of(obj)
    size = (fs.value if R.FPDFTextObj_GetFontSize(obj, fs) else 0.0) * abs(m[3] or 1.0)
    if outer is not None:
        size *= abs(outer[3] or 1.0)
    width = LEADER_DOT_WIDTH * size
    if size <= 0 or x1 - x0 < 2 * width or y1 - y0 < 0.5:
        return []  # nothing drawn: spaces or tabs (their glyphs have no ink to bound)
    font = R.FPDFTextObj_GetFont(obj)
    name = ctypes.create_string_buffer(256)
    fontname = ""
    if font and R.FPDFFont_GetBaseFontName(font, name, len(name)):
        fontname = name.value.decode("utf-8", "replace")
    base = geo.box("char", x0, y0, x0 + width, y0 + size)
    base.update(
        text=".",
        fontname=fontname,
        size=size,
        upright=True,
        adv=width,
        matrix=(1.0, 0.0, 0.0, 1.0, x0, y0),
        non_stroking_color=_rgb(R.FPDFPageObj_GetFillColor, obj),
        stroking_color=None,
    )
    out = []
    for k in range(int((x1 - x0) // width)):
        cx = x0 + k * width
        out.append({**base, "x0": cx, "x1": cx + width, "matrix": (1.0, 0.0, 0.0, 1.0, cx, y0)})
    return out


def _path(obj, outer: _MATRIX | None, geo: _Geometry):
    n = R.FPDFPath_CountSegments(obj)
    if n <= 0:
        return
    fillmode, stroke = ctypes.c_int(), ctypes.c_int()
    if not R.FPDFPath_GetDrawMode(obj, fillmode, stroke):
        return
    fill, stroked = fillmode.value != 0, bool(stroke.value)
    if not fill and not stroked:
        return  # a clipping path: never painted
    m = _matrix_of(obj)
    if outer is not None:
        m = _mul(m, outer)
    a, b, c, d, e, f = m
    style = {
        "linewidth": _stroke_width(obj),
        "stroke": stroked,
        "fill": fill,
        "evenodd": fillmode.value == R.FPDF_FILLMODE_ALTERNATE,
        "non_stroking_color": _rgb(R.FPDFPageObj_GetFillColor, obj),
        "stroking_color": _rgb(R.FPDFPageObj_GetStrokeColor, obj),
    }
    px, py = ctypes.c_float(), ctypes.c_float()
    # subpaths as pdfminer's operators: m, l (a Bézier's end point), h (a close)
    subpaths: list[list[tuple[str, float, float]]] = []
    bezier = 0
    for k in range(n):
        seg = R.FPDFPath_GetPathSegment(obj, k)
        t = R.FPDFPathSegment_GetType(seg)
        R.FPDFPathSegment_GetPoint(seg, px, py)
        x, y = float(px.value), float(py.value)
        pt = (a * x + c * y + e, b * x + d * y + f)
        if t == _MOVE or not subpaths:
            subpaths.append([("m", *pt)])
            bezier = 0
        elif t == _BEZIER:
            bezier += 1
            if bezier % 3 == 0:  # two control points, then the end point
                subpaths[-1].append(("c", *pt))
        else:
            subpaths[-1].append(("l", *pt))
        if R.FPDFPathSegment_GetClose(seg):
            subpaths[-1].append(("h", *subpaths[-1][0][1:]))
    for sub in subpaths:
        shaped = _classify(sub, geo, style)
        if shaped is not None:
            yield shaped


def _stroke_width(obj) -> float:
    w = ctypes.c_float()
    return float(w.value) if R.FPDFPageObj_GetStrokeWidth(obj, w) else 0.0


def _classify(sub: list[tuple[str, float, float]], geo: _Geometry, style: dict):
    """A subpath as pdfminer's ``paint_path`` makes it: a line, a rectangle or a curve."""
    shape = "".join(op for op, _, _ in sub)
    pts = [(x, y) for _, x, y in sub]
    if len(shape) < 2:
        return None  # a lone move draws nothing (pdfminer makes a one-point curve: no edges)
    # PDFium closes a subpath on its last segment: a rectangle's fourth line back to the
    # start then 'h', which pdfminer reads as "mllll" or, after dropping it, "mlllh".
    shape = shape.replace("c", "l")
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    kind = "curve"
    if shape in {"mlh", "ml"}:
        kind = "line"
        pts = pts[:2]
        x0, x1 = min(pts[0][0], pts[1][0]), max(pts[0][0], pts[1][0])
        y0, y1 = min(pts[0][1], pts[1][1]), max(pts[0][1], pts[1][1])
    elif shape in {"mlllh", "mllll"}:
        (ax, ay), (bx, by), (cx, cy), (dx, dy), _ = pts
        closed = pts[0] == pts[4]
        square = (ax == bx and by == cy and cx == dx and dy == ay) or (
            ay == by and bx == cx and cy == dy and dx == ax
        )
        if closed and square:
            kind = "rect"
    obj = geo.box(kind, x0, y0, x1, y1)
    if kind == "line" or kind == "curve" or kind == "rect":
        obj["pts"] = [(x, geo.height - y) for x, y in pts]
    obj.update(style)
    return kind, obj


# images ---------------------------------------------------------------------------------


def _image(obj, outer: _MATRIX | None, geo: _Geometry) -> dict | None:
    m = _matrix_of(obj)
    if outer is not None:
        m = _mul(m, outer)
    a, b, c, d, e, f = m
    corners = [(e, f), (a + e, b + f), (c + e, d + f), (a + c + e, b + d + f)]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    out = geo.box("image", min(xs), min(ys), max(xs), max(ys))
    w, h = ctypes.c_uint(), ctypes.c_uint()
    if not R.FPDFImageObj_GetImagePixelSize(obj, w, h):
        return None
    out["srcsize"] = (w.value, h.value)
    raw = _raw_data(obj)
    out["key"] = hashlib.blake2b(raw, digest_size=12).hexdigest() + f"-{w.value}x{h.value}"
    out["masked"] = _masked(obj)
    if out["width"] <= SYMBOL_PIXELS_MAX and out["height"] <= SYMBOL_PIXELS_MAX:
        out["pixels"] = _pixels(obj)
    return out


def _raw_data(obj) -> bytes:
    n = R.FPDFImageObj_GetImageDataRaw(obj, None, 0)
    if n <= 0:
        return b""
    buf = ctypes.create_string_buffer(n)
    R.FPDFImageObj_GetImageDataRaw(obj, buf, n)
    return buf.raw


def _masked(obj) -> bool:
    """Whether the picture is drawn through a mask (PDFium then draws it with the mask's
    transparency, which the stored pixels do not show)."""
    return bool(R.FPDFPageObj_HasTransparency(obj))


def _pixels(obj) -> list[tuple[float, float, float]]:
    """A small picture's pixels as stored, RGB 0–1 ([] when PDFium cannot decode it)."""
    bitmap = R.FPDFImageObj_GetBitmap(obj)
    if not bitmap:
        return []
    try:
        width, height = R.FPDFBitmap_GetWidth(bitmap), R.FPDFBitmap_GetHeight(bitmap)
        stride, kind = R.FPDFBitmap_GetStride(bitmap), R.FPDFBitmap_GetFormat(bitmap)
        step = {R.FPDFBitmap_Gray: 1, R.FPDFBitmap_BGR: 3, R.FPDFBitmap_BGRx: 4}.get(kind)
        if step is None:
            step = 4 if kind == R.FPDFBitmap_BGRA else 0
        if not step or width <= 0 or height <= 0:
            return []
        buf = R.FPDFBitmap_GetBuffer(bitmap)
        data = ctypes.string_at(buf, stride * height)
    finally:
        R.FPDFBitmap_Destroy(bitmap)
    out = []
    for y in range(height):
        row = data[y * stride : y * stride + width * step]
        if step == 1:
            out += [(v / 255, v / 255, v / 255) for v in row]
        else:  # PDFium's order: blue, green, red
            out += [
                (row[i + 2] / 255, row[i + 1] / 255, row[i] / 255) for i in range(0, len(row), step)
            ]
    return out
