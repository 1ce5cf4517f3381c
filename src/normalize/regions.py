"""Sweden's 21 regions with their SCB county codes (Kolada uses "00" + code)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from styrdata.normalize.text import fold, fuzzy_pattern


@dataclass(frozen=True)
class Region:
    code: str  # SCB county code, two digits
    name: str  # official name of the region
    aliases: tuple[str, ...]  # other ways documents name it

    @property
    def kolada_id(self) -> str:
        return "00" + self.code


REGIONS: tuple[Region, ...] = (
    Region("01", "Region Stockholm", ("stockholms län", "region stockholm")),
    Region("03", "Region Uppsala", ("uppsala län", "region uppsala")),
    Region("04", "Region Sörmland", ("sörmland", "södermanlands län")),
    Region("05", "Region Östergötland", ("östergötland",)),
    Region("06", "Region Jönköpings län", ("jönköpings län", "region jönköping")),
    Region("07", "Region Kronoberg", ("kronoberg",)),
    Region("08", "Region Kalmar län", ("kalmar län", "region kalmar")),
    Region("09", "Region Gotland", ("gotland",)),
    Region("10", "Region Blekinge", ("blekinge",)),
    Region("12", "Region Skåne", ("skåne",)),
    Region("13", "Region Halland", ("halland", "hallands län")),
    Region("14", "Västra Götalandsregionen", ("västra götaland", "vgr")),
    Region("17", "Region Värmland", ("värmland",)),
    Region("18", "Region Örebro län", ("örebro län", "region örebro")),
    Region("19", "Region Västmanland", ("västmanland",)),
    Region("20", "Region Dalarna", ("dalarna",)),
    Region("21", "Region Gävleborg", ("gävleborg",)),
    Region("22", "Region Västernorrland", ("västernorrland",)),
    Region("23", "Region Jämtland Härjedalen", ("jämtland", "härjedalen")),
    Region("24", "Region Västerbotten", ("västerbotten",)),
    Region("25", "Region Norrbotten", ("norrbotten",)),
)

_BY_CODE = {r.code: r for r in REGIONS}
_PATTERNS = [
    (r, re.compile(r"\b(?:" + "|".join(fuzzy_pattern(a) for a in r.aliases) + r")", re.I))
    for r in REGIONS
]


def region_by_code(code: str) -> Region | None:
    code = code.strip()
    if code.startswith("00") and len(code) == 4:
        code = code[2:]
    return _BY_CODE.get(code.zfill(2))


def find_region(value: str) -> Region | None:
    """A region from a code ("18", "0018") or a name ("Örebro", "Region Halland")."""
    if value.strip().isdigit():
        return region_by_code(value)
    v = fold(value)
    for r in REGIONS:
        if v in (fold(r.name), *(fold(a) for a in r.aliases)) or fold(r.name).endswith(v):
            return r
    return None


def count_region_mentions(text: str) -> dict[str, int]:
    """How often each region is named in ``text`` (tolerating OCR-damaged å/ä/ö)."""
    return {r.code: n for r, pat in _PATTERNS if (n := len(pat.findall(text)))}
