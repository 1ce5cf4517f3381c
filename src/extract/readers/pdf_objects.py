"""A page's characters, lines, rectangles and curves as pdfplumber computes them, cheaper.

pdfplumber turns every object pdfminer lays out into a dict of all its attributes, each
resolved recursively (colours, colour spaces, matrices, marked-content ids): on a text-heavy
page that is half the reading time. :class:`LeanPage` keeps pdfplumber's geometry — the same
pdfminer numbers, the same mediabox adjustment, the same top/bottom/doctop — and builds only
the keys the reader, pdfplumber's table finder and its edge functions use. Results are the
same; ``tests/test_pdf_objects.py`` compares both on real pages.
"""

from __future__ import annotations

from pdfminer.layout import LTChar, LTCurve, LTLine, LTRect
from pdfplumber.page import Page


def _colour(c):
    if c is None:
        return None
    if isinstance(c, tuple):
        return c
    if isinstance(c, list):
        return tuple(c)
    return (c,)


class LeanPage(Page):
    """A pdfplumber page whose objects carry only the attributes styrdata reads."""

    def process_object(self, obj):  # noqa: D401 - pdfplumber's hook
        if not isinstance(obj, LTChar | LTCurve):
            return super().process_object(obj)  # images, figures: rare, keep them whole
        mb_x0, mb_top = self.mediabox[:2]
        height = self.height
        x0, y0, x1, y1 = obj.x0, obj.y0, obj.x1, obj.y1
        top = (height - y1) + mb_top
        attr = {
            "object_type": "char" if isinstance(obj, LTChar) else _kind(obj),
            "page_number": self.page_number,
            "x0": x0 + mb_x0 if mb_x0 else x0,
            "x1": x1 + mb_x0 if mb_x0 else x1,
            "y0": y0,
            "y1": y1,
            "width": obj.width,
            "height": obj.height,
            "top": top,
            "bottom": (height - y0) + mb_top,
            "doctop": self.initial_doctop + top,
        }
        if isinstance(obj, LTChar):
            attr["text"] = obj.get_text()
            attr["fontname"] = obj.fontname
            attr["size"] = obj.size
            attr["upright"] = obj.upright
            attr["adv"] = obj.adv
            attr["matrix"] = obj.matrix
            gs = obj.graphicstate
            attr["non_stroking_color"] = _colour(gs.ncolor)
            attr["stroking_color"] = _colour(gs.scolor)
            if isinstance(attr["fontname"], bytes):  # pragma: no cover - rare
                attr["fontname"] = attr["fontname"].decode("latin-1", "replace")
        else:
            attr["pts"] = list(map(self.point2coord, obj.pts))
            attr["linewidth"] = obj.linewidth
            attr["stroke"] = obj.stroke
            attr["fill"] = obj.fill
            attr["evenodd"] = obj.evenodd
            attr["non_stroking_color"] = obj.non_stroking_color  # as pdfplumber: unresolved
            attr["stroking_color"] = obj.stroking_color
        return attr


def _kind(obj) -> str:
    if isinstance(obj, LTLine):
        return "line"
    if isinstance(obj, LTRect):
        return "rect"
    return "curve"


def lean(page: Page) -> Page:
    """The same page, reading its objects the lean way."""
    page.__class__ = LeanPage
    return page
