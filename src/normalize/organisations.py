"""Publishers: Sweden's 21 regions and 290 kommuner with their SCB codes, and the names of
kommunalförbund and bolag as documents print them.

The register is a data file (``data/organisations.csv``). A region's code is its county's
two digits, a kommun's the four-digit SCB kommun code; Kolada's id is ``"00" + code`` for a
region and the code itself for a kommun.

:func:`publisher_mentions` finds where a text names a publisher, by the forms a publisher
calls itself: "Region Halland", "Västra Götalandsregionen", "Alingsås kommun",
"Göteborgs Stad", "Simrishamns kommuns", a web address such as "alingsas.se", and for
kommunalförbund and bolag their own names ("Alingsås och Vårgårda
räddningstjänstförbund", "Samordningsförbundet …", "… AB"). A bare place or county name
("Skåne", "Alingsås Energi") names no publisher: it only hints at the county
(:func:`county_hints`).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from styrdata.normalize.text import as_matched, fold, fuzzy_pattern, literal_parts

ORG_KINDS = ("region", "kommun", "kommunalförbund", "bolag", "övrigt")


@dataclass(frozen=True)
class Organisation:
    kind: str  # region | kommun | kommunalförbund | bolag | övrigt
    code: str | None  # SCB code: 2 digits (region), 4 digits (kommun); None otherwise
    name: str  # official name, e.g. "Alingsås kommun", "Region Halland"
    short: str  # the place, e.g. "Alingsås"; for a region the county, "Hallands län"
    county_code: str | None  # SCB county code, 2 digits
    aliases: tuple[str, ...] = ()

    @property
    def kolada_id(self) -> str | None:
        if self.code is None:
            return None
        return "00" + self.code if self.kind == "region" else self.code


@cache
def organisations() -> tuple[Organisation, ...]:
    text = resources.files("styrdata.normalize").joinpath("data/organisations.csv")
    lines = [ln for ln in text.read_text("utf-8").splitlines() if not ln.startswith("#")]
    return tuple(
        Organisation(
            kind=r["kind"],
            code=r["code"],
            name=r["name"],
            short=r["short"],
            county_code=r["county_code"],
            aliases=tuple(a for a in r["aliases"].split("|") if a),
        )
        for r in csv.DictReader(lines)
    )


def regions() -> tuple[Organisation, ...]:
    return tuple(o for o in organisations() if o.kind == "region")


def kommuner() -> tuple[Organisation, ...]:
    return tuple(o for o in organisations() if o.kind == "kommun")


@cache
def _by_code() -> dict[tuple[str, str], Organisation]:
    return {(o.kind, o.code): o for o in organisations()}


def by_code(code: str) -> Organisation | None:
    """A region ("13", "0013") or kommun ("1489") by its SCB or Kolada code."""
    c = code.strip()
    if len(c) == 4 and c.startswith("00"):
        return _by_code().get(("region", c[2:]))
    if len(c) == 4:
        return _by_code().get(("kommun", c))
    return _by_code().get(("region", c.zfill(2)))


def county_name(code: str | None) -> str | None:
    o = _by_code().get(("region", code)) if code else None
    return o.name if o else None


def _genitive(place: str) -> str:
    return place if place.endswith(("s", "x", "z")) else place + "s"


def _publisher_names(o: Organisation) -> list[str]:
    """The forms in which a publisher names itself (not bare place names)."""
    if o.kind == "region":
        own = [
            a
            for a in o.aliases
            if a.isupper() or re.search(r"region|landsting", a, re.I)  # VGR, Region Örebro
        ]
        return [o.name, *own]
    g = _genitive(o.short)
    names = {o.name, f"{g} kommun", f"{o.short} kommun", f"{g} stad", *o.aliases}
    if o.short.endswith("a"):
        names.add(f"{o.short[:-1]}u kommun")  # Falun → Falu kommun
    return sorted(names, key=len, reverse=True)


def _web_name(place: str) -> str:
    return re.sub(r"[^a-z]", "", fold(place))


class _Names:
    """One pattern that matches any of several names, and what a text needs to hold for it
    to match at all: for one of the names, each of its literal parts (in
    :func:`~styrdata.normalize.text.as_matched` form). Scanning a text with a few hundred
    such patterns is slow, and so is compiling them: looking their parts up first skips
    most of them, and a pattern is compiled the first time a text may hold a match."""

    def __init__(self, alts: list[str], needs: list[tuple[str, ...]]):
        self.source = r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])"
        self.needs = tuple(needs)
        self._pattern: re.Pattern | None = None

    def finditer(self, text: str, matched: str, held: dict[str, bool]) -> Iterator[re.Match]:
        """The pattern's matches in ``text`` (``matched`` is ``as_matched(text)``, ``held``
        what was looked up in it so far)."""
        for parts in self.needs:
            if all(held[p] if p in held else held.setdefault(p, p in matched) for p in parts):
                if self._pattern is None:
                    self._pattern = re.compile(self.source, re.I)
                return self._pattern.finditer(text)
        return iter(())


@cache
def _patterns() -> list[tuple[Organisation, _Names]]:
    out = []
    for o in organisations():
        names = _publisher_names(o)
        alts = [fuzzy_pattern(n).replace(r"\ ", r"\s+") + r"s?" for n in names]
        needs = [literal_parts(n) for n in names]
        if o.kind == "kommun":
            # the kommun's web address on a title page or in a footer: "alingsas.se"
            alts.append(r"(?:www\.)?" + re.escape(_web_name(o.short)) + r"\.se")
            needs.append((_web_name(o.short) + ".se",))
        out.append((o, _Names(alts, needs)))
    return out


# A kommunalförbund or bolag names itself: "Alingsås och Vårgårda räddningstjänstförbund",
# "Räddningstjänstförbundet Storgöteborg", "Samordningsförbundet Sydväst", "Alingsåshem AB".
_FORBUND = re.compile(  # one line: the words of a name never wrap in a table cell joined
    r"(?:(?:[A-ZÅÄÖ][\wåäö-]+[ \t]+(?:och[ \t]+)?){0,4})"
    r"(?:[A-ZÅÄÖa-zåäö][\wåäö-]*förbund(?:et)?)"
    r"(?:[ \t]+[A-ZÅÄÖ][\wåäö-]+){0,2}"
)
_BOLAG = re.compile(  # "Alingsåshem AB", "Falu Energi & Vatten AB", "Skövde Värme och Kyla AB"
    r"\b([A-ZÅÄÖ][\wåäö&-]+(?:\s+(?:(?:&|och)\s+)?[A-ZÅÄÖ][\wåäö&-]+){0,3})\s+AB\b"
)
_NOT_FORBUND = re.compile(r"kommunförbund|regioner|\bSKR\b|Sveriges", re.I)
# The word alone is no name: "Nerikes Brandkår är ett kommunalförbund", "Förbundet har …".
_GENERIC_FORBUND = {"förbund", "förbundet", "kommunalförbund", "kommunalförbundet"}
# A kommunalförbund whose name has no "förbund" in it ("Nerikes Brandkår", "Räddningstjänsten
# Syd") says what it is, or names its board: a direktion is a kommunalförbund's board.
_NAME = r"(?P<name>[A-ZÅÄÖ][\wåäö-]+(?:[ \t]+(?:och[ \t]+)?[A-ZÅÄÖ][\wåäö-]+){0,3})"
_FORBUND_SAID = (
    re.compile(_NAME + r"[ \t]+(?:är|är[ \t]+sedan[ \t]+\d{4})[ \t]+ett[ \t]+kommunalförbund\b"),
    re.compile(
        r"\b(?:[Kk]ommunalförbundet|(?:[Ff]örbunds)?[Dd]irektionen[ \t]+(?:för|i))[ \t]+" + _NAME
    ),
)


@dataclass(frozen=True)
class Mention:
    organisation: Organisation
    start: int
    text: str


def publisher_mentions(text: str) -> list[Mention]:
    """Every place in ``text`` that names a publisher, in order."""
    out: list[Mention] = []
    matched, held = as_matched(text), {}
    for o, names in _patterns():
        for m in names.finditer(text, matched, held):
            out.append(Mention(o, m.start(), m.group(0)))
    for m in _FORBUND.finditer(text):
        name = " ".join(m.group(0).split())
        # leading words that are not part of a name ("Budget för Räddningstjänstförbundet")
        words = name.split()
        while len(words) > 1 and (words[0].islower() or not _capital_name(words)):
            words = words[1:]
        name = " ".join(words)
        if _NOT_FORBUND.search(name) or len(name) < 8 or not _named(words):
            continue
        out.append(
            Mention(
                Organisation("kommunalförbund", None, name, name, None),
                m.start() + m.group(0).find(words[0]),
                name,
            )
        )
    for pat in _FORBUND_SAID:
        for m in pat.finditer(text):
            name = m.group("name")
            if not _named(name.split()) or _a_publishers_name(name):
                continue  # "Det är ett kommunalförbund"; "direktionen i Alingsås kommun"
            out.append(
                Mention(
                    Organisation("kommunalförbund", None, name, name, None), m.start("name"), name
                )
            )
    for m in _BOLAG.finditer(text):
        name = m.group(0)
        out.append(Mention(Organisation("bolag", None, name, m.group(1), None), m.start(), name))
    out.sort(key=lambda x: x.start)
    return _drop_overlaps(out)


def _a_publishers_name(name: str) -> bool:
    """``name`` is, as a whole, a region's or kommun's name ("Alingsås kommun")."""
    matched, held = as_matched(name), {}
    return any(
        m.group(0) == name for _, names in _patterns() for m in names.finditer(name, matched, held)
    )


def _named(words: list[str]) -> bool:
    """Words that name one förbund: a capital in them, not the generic word alone, not a
    pronoun ("Det", "Detta")."""
    if not any(w[:1].isupper() for w in words):
        return False
    if len(words) == 1:
        w = words[0].lower()
        return w not in _GENERIC_FORBUND and w not in ("det", "detta", "den", "vi", "som")
    return True


def _capital_name(words: list[str]) -> bool:
    """A name starts with a capital: "Alingsås och Vårgårda räddningstjänstförbund"."""
    return words[0][:1].isupper()


def _drop_overlaps(ms: list[Mention]) -> list[Mention]:
    """Of mentions over the same text keep the longest ("Alingsås och Vårgårda
    räddningstjänstförbund" over "Alingsås")."""
    keep: list[Mention] = []
    for m in sorted(ms, key=lambda x: (x.start, -len(x.text))):
        end = m.start + len(m.text)
        if any(
            k.start <= m.start < k.start + len(k.text) or m.start <= k.start < end for k in keep
        ):
            continue
        keep.append(m)
    return sorted(keep, key=lambda x: x.start)


@cache
def _county_patterns() -> list[tuple[str, _Names]]:
    out = []
    for o in organisations():
        names = {o.short, *(a for a in o.aliases if not a.isupper())}
        alts = [fuzzy_pattern(n).replace(r"\ ", r"\s+") for n in names]
        out.append((o.county_code, _Names(alts, [literal_parts(n) for n in names])))
    return out


def county_hints(text: str) -> dict[str, int]:
    """How often places of each county are named in ``text`` (kommun or county names)."""
    counts: dict[str, int] = {}
    matched, held = as_matched(text), {}
    for code, names in _county_patterns():
        n = sum(1 for _ in names.finditer(text, matched, held))
        if n:
            counts[code] = counts.get(code, 0) + n
    return counts


def find_organisation(value: str) -> Organisation | None:
    """A region or kommun from a code ("1489", "13", "0013") or a name ("Alingsås kommun",
    "Region Halland", "Alingsås")."""
    v = value.strip()
    if v.isdigit():
        return by_code(v)
    ms = [m for m in publisher_mentions(v) if m.organisation.code]
    if ms:
        return ms[0].organisation
    f = fold(v)
    for o in organisations():
        if f in (fold(o.name), fold(o.short)):
            return o
    return None


__all__ = [
    "ORG_KINDS",
    "Mention",
    "Organisation",
    "by_code",
    "county_hints",
    "county_name",
    "find_organisation",
    "kommuner",
    "organisations",
    "publisher_mentions",
    "regions",
]
