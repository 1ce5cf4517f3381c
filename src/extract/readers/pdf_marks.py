"""Status symbols next to text: small filled circles, squares or arrows in colour, drawn as
shapes, pasted as small pictures or typed as a coloured symbol character ("●" in a font).

Follow-ups show a goal's or a row's assessment as a traffic light drawn beside it. The
reader keeps each symbol's fill colour, as printed (``#2e9e48``), on the text line or table
cell it sits on; what the colour means is the domain's business.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_SIZE = 16.0  # points: a symbol, not a box around text
MIN_SIZE = 3.0
MIN_SATURATION = 0.25  # grey, black and white fills are layout, not a status


@dataclass(frozen=True)
class Mark:
    colour: str  # "#rrggbb"
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def _rgb(colour) -> tuple[float, float, float] | None:
    """pdfplumber's non_stroking_color (gray, RGB or CMYK, 0–1) as RGB."""
    if colour is None:
        return None
    if isinstance(colour, int | float):
        colour = (colour,)
    try:
        c = [float(x) for x in colour]
    except (TypeError, ValueError):
        return None  # a pattern colour
    if len(c) == 1:
        return (c[0], c[0], c[0])
    if len(c) == 3:
        return (c[0], c[1], c[2])
    if len(c) == 4:
        k = c[3]
        return tuple((1 - x) * (1 - k) for x in c[:3])  # type: ignore[return-value]
    return None


def _saturation(rgb: tuple[float, float, float]) -> float:
    hi, lo = max(rgb), min(rgb)
    return 0.0 if hi == 0 else (hi - lo) / hi


def find_marks(objects: list[dict]) -> list[Mark]:
    """Filled, coloured shapes of a symbol's size among a page's rects and curves."""
    out = []
    for o in objects:
        if not o.get("fill"):
            continue
        w, h = o["x1"] - o["x0"], o["bottom"] - o["top"]
        if not (MIN_SIZE <= w <= MAX_SIZE and MIN_SIZE <= h <= MAX_SIZE and 0.5 <= w / h <= 2):
            continue
        rgb = _rgb(o.get("non_stroking_color"))
        if rgb is None or _saturation(rgb) < MIN_SATURATION:
            continue
        hexa = "#" + "".join(f"{round(max(0.0, min(1.0, x)) * 255):02x}" for x in rgb)
        out.append(Mark(hexa, o["x0"], o["top"], o["x1"], o["bottom"]))
    return out


def marks_on_row(marks: list[Mark], top: float, bottom: float) -> list[str]:
    """Colours of the symbols whose middle lies within the row ``top``–``bottom``."""
    return [m.colour for m in marks if top - 2 <= m.middle <= bottom + 2]


def marks_in(marks: list[Mark], bbox: tuple[float, float, float, float]) -> list[str]:
    x0, top, x1, bottom = bbox
    return [m.colour for m in marks if x0 <= (m.x0 + m.x1) / 2 <= x1 and top <= m.middle <= bottom]


# Status symbols exported as small pictures (reporting tools draw their traffic lights as
# icons): the picture's colour is that of its coloured pixels.
MIN_COLOURED_SHARE = 0.15  # of the pixels: less is an outline or anti-aliasing


def image_marks(images: list[dict]) -> list[Mark]:
    """Small pictures of a symbol's size whose pixels are mostly one saturated colour."""
    out = []
    for im in images:
        w, h = im["x1"] - im["x0"], im["bottom"] - im["top"]
        if not (MIN_SIZE <= w <= MAX_SIZE and MIN_SIZE <= h <= MAX_SIZE and 0.5 <= w / h <= 2):
            continue
        rgb = _image_colour(im)
        if rgb is None:
            continue
        hexa = "#" + "".join(f"{round(max(0.0, min(1.0, x)) * 255):02x}" for x in rgb)
        out.append(Mark(hexa, im["x0"], im["top"], im["x1"], im["bottom"]))
    return out


def _image_colour(im: dict) -> tuple[float, float, float] | None:
    """The median colour of an image's saturated pixels, when they are a fair share of it;
    None for a grey, black or white picture, or one whose pixels cannot be read here."""
    pixels = _pixels(im)
    if not pixels:
        return None
    coloured = [p for p in pixels if _saturation(p) >= MIN_SATURATION and max(p) > 0.2]
    if len(coloured) < MIN_COLOURED_SHARE * len(pixels):
        return None
    return tuple(sorted(p[k] for p in coloured)[len(coloured) // 2] for k in range(3))  # type: ignore[return-value]


def _pixels(im: dict) -> list[tuple[float, float, float]]:
    """RGB pixels (0–1) of an 8-bit RGB or grey image, or of a JPEG; [] otherwise. PDFium's
    reading gives them as ``pixels``; pdfminer's the image stream to decode."""
    import io

    if "pixels" in im:
        return im["pixels"]

    stream = im.get("stream")
    if stream is None or im.get("imagemask"):
        return []
    try:
        filters = [f for f, _ in stream.get_filters()]
        data = stream.get_data()
        names = {getattr(f, "name", str(f)) for f in filters}
        if names & {"DCTDecode", "DCT"}:
            from PIL import Image

            with Image.open(io.BytesIO(stream.get_rawdata() or data)) as pic:
                return [(r / 255, g / 255, b / 255) for r, g, b in pic.convert("RGB").getdata()]
        if im.get("bits") != 8:
            return []
        width, height = im["srcsize"]
        n = _components(im.get("colorspace"))
        if not n or len(data) < width * height * n:
            return []
        if n == 3:
            return [
                (data[i] / 255, data[i + 1] / 255, data[i + 2] / 255)
                for i in range(0, width * height * 3, 3)
            ]
        return [(v / 255, v / 255, v / 255) for v in data[: width * height]]
    except Exception:  # noqa: BLE001 - an unreadable picture is simply no symbol
        return []


def _components(space) -> int:
    """Colour components of an image's colour space: 3 (RGB), 1 (grey), 0 (other)."""
    from pdfminer.pdftypes import resolve1

    parts = space if isinstance(space, list) else [space]
    name = str(getattr(parts[0], "name", parts[0])) if parts else ""
    if name == "ICCBased" and len(parts) > 1:
        n = resolve1(parts[1]).attrs.get("N") if hasattr(resolve1(parts[1]), "attrs") else None
        return n if n in (1, 3) else 0
    return {"DeviceRGB": 3, "CalRGB": 3, "DeviceGray": 1, "CalGray": 1}.get(name, 0)


# Status symbols set as text: a coloured "●" (or ■, ◆, ▲ …) in a font, as Word and reporting
# tools (Stratsys, Hypergene) export a traffic light. The character's fill colour is the
# status, as a drawn circle's is; black or grey symbols and coloured letters are text.
def is_symbol_glyph(text: str) -> bool:
    """A geometric symbol character (●, ○, ⬤, ■, ◆, ▲, ▼, ⭐, 🔴 …): not a letter, digit,
    punctuation mark (•) or arrow."""
    if len(text) != 1:
        return False
    o = ord(text)
    return (
        0x25A0 <= o <= 0x25FF  # Geometric Shapes
        or 0x26AA <= o <= 0x26AB  # ⚪ ⚫
        or 0x2B1B <= o <= 0x2B2F  # ⬛ ⬜ ⬤ …
        or 0x2B50 <= o <= 0x2B55  # ⭐ ⭕
        or 0x1F534 <= o <= 0x1F53D  # 🔴 🔵 🔶 …
        or 0x1F7E0 <= o <= 0x1F7EB  # 🟠 🟡 🟢 🟥 …
    )


def clear_colour(colour) -> str | None:
    """``"#rrggbb"`` of a fill colour clear enough to be a status (not black, grey or white)."""
    rgb = _rgb(colour)
    if rgb is None or _saturation(rgb) < MIN_SATURATION or max(rgb) < 0.2:
        return None
    return "#" + "".join(f"{round(max(0.0, min(1.0, x)) * 255):02x}" for x in rgb)


def glyph_marks(chars: list[dict]) -> tuple[list[Mark], list[dict]]:
    """Symbol characters in a clear colour as marks, and the page's other characters.

    A symbol that opens a line followed by text, with the same symbol in the same colour
    opening a line just above or below at the same place, is a list's bullet (a template's
    coloured bullets) and stays text."""
    found = []
    for c in chars:
        if not is_symbol_glyph(c["text"]):
            continue
        hexa = clear_colour(c.get("non_stroking_color"))
        if hexa is not None:
            found.append((c, hexa))
    if not found:
        return [], chars
    visible = [c for c in chars if not c["text"].isspace()]
    opening = []  # (char, colour) of symbols that open a line with text after them
    for c, hexa in found:
        mid, size = (c["top"] + c["bottom"]) / 2, c["size"] or 1.0
        line = [
            o for o in visible if o is not c and abs((o["top"] + o["bottom"]) / 2 - mid) < size / 2
        ]
        left = any(o["x1"] <= c["x0"] + 0.1 and c["x0"] - o["x1"] < 4 * size for o in line)
        right = any(
            0 <= o["x0"] - c["x1"] < 2 * size and not is_symbol_glyph(o["text"]) for o in line
        )
        if not left and right:
            opening.append((c, hexa))
    bullets = set()
    for c, hexa in opening:
        for o, other in opening:
            if (
                o is not c
                and other == hexa
                and o["text"] == c["text"]
                and abs(o["x0"] - c["x0"]) < 1.0
                and abs(o["top"] - c["top"]) < 4 * (c["size"] or 1.0)
            ):
                bullets.add(id(c))
    marks = [
        Mark(hexa, c["x0"], c["top"], c["x1"], c["bottom"])
        for c, hexa in found
        if id(c) not in bullets
    ]
    taken = {id(c) for c, _ in found if id(c) not in bullets}
    return marks, [c for c in chars if id(c) not in taken]
