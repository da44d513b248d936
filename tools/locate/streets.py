"""Addresses and junctions: house numbers after a street's name, the street itself, the junction of two streets."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from types import MappingProxyType

from tools.gazetteer import Entry, Mention, normalize
from tools.locate.model import Resolution
from tools.locate.patterns import (
    CONFIDENT_RADIUS_M,
    INTERPOLATED_CONFIDENT_RADIUS_M,
    _FI_SPOKEN_NUMBER,
    _FI_SPOKEN_VALUE,
    _HOUSE_NUMBER,
    JUNCTION_SPREAD_M,
    _NOT_A_HOUSE_NUMBER,
)


# A number with a.m. / p.m. after it, as the normalized text writes them ("3 a m", "3am", "11 pm").
_CLOCK_AFTER = re.compile(r"^ \d{1,2} ?[ap] ?m(?= |$)")


# ... as the report writes it: German "am" before a noun or an article ("Bulevardi 5 am Hinterhof", "am Ende des Flurs")
# is "at the", not a.m. (review s19-rv: the house number was lost)
def _clock_in_text(text: str, number: str) -> bool:
    return re.search(rf"(?<![\d:.,]){number}\s?(?:[aApP]\.\s?[mM]\.?|[aApP][mM]\b)(?!(?<= am)\s+(?:[A-ZÄÖÜ]\w|d[eia][mnrs]?\b))",
                     text) is not None


class StreetsMixin:
    """Locator methods for addresses, streets and junctions."""

    # --- pieces ----------------------------------------------------------------
    @staticmethod
    def _number_after(text: str, norm: str, mn: Mention) -> tuple[int, str, int] | None:
        """The house number right after a street mention ("Bulevardi 16b", "Yrjönkatu 21 B", "Annankatu 25 号"): (16, "B", its length).

        A letter counts only when the report writes it next to the number: in "Yrjönkatu 30, a resident" the
        comma (gone from ``norm``) says the "a" is a word, not staircase A; likewise "Kalevankatu 12, people
        with headaches" is number 12, and "Annankatu 25 people" is no address.
        """
        m = _HOUSE_NUMBER.match(norm[mn.end: mn.end + 24])
        # Read on the report's own text, where punctuation still separates "Kalevankatu 12, people ..."
        if m and re.search(rf"(?<![\d:.,]){m.group(1)}{_NOT_A_HOUSE_NUMBER}", text, re.IGNORECASE):
            m = None
        # A clock time right after the street ("on Bulevardi, 3 a.m.", "Bulevardi 3 pm") is no house number 3 (nor 3A):
        # read where it stands, so "Bulevardi 3, since 3 a.m." keeps its number.
        if m and _CLOCK_AFTER.match(norm[mn.end: mn.end + 24]) and _clock_in_text(text, m.group(1)):
            m = None
        if m:
            letter = m.group(2) or ""
            # A Chinese character may follow the letter at once ("Unioninkatu 33b二楼"): it ends the number as a space does.
            if letter and not re.search(rf"(?<!\d){m.group(1)}\s?{letter}(?![0-9A-Za-zÀ-ÖØ-öø-ÿ])", text, re.IGNORECASE):
                letter = ""
            return int(m.group(1)), letter.upper(), m.end()
        cjk = re.match(r"^ (\d{1,3}) 号", norm[mn.end: mn.end + 10])
        if cjk:
            return int(cjk.group(1)), "", cjk.end()
        spoken = _FI_SPOKEN_NUMBER.match(norm[mn.end: mn.end + 16])
        if spoken:  # "Mannerheimintiellä kympin kohdalla": Finnish speech names a house number by its numeral noun
            stem = next(g for g in spoken.groups() if g)
            return _FI_SPOKEN_VALUE[stem], "", spoken.end()
        return None

    def _read_house_numbers(self, text: str) -> Mapping[str, str]:
        """{normalized street name: the house number the report gives after it}, the first one for each street."""
        text, norm, mentions = self._scan(text)
        numbers: dict[str, str] = {}
        for mn in mentions:
            if mn.entry.kind == "street" and (num := self._number_after(text, norm, mn)) is not None:
                numbers.setdefault(normalize(mn.entry.name), f"{num[0]}{num[1].lower()}")
        return MappingProxyType(numbers)

    def house_numbers(self, text: str) -> Mapping[str, str]:
        """Every street the report gives a house number after, with that number ({"bulevardi": "16b"}), read once per
        report: the text's scan is cached (it is shared with ``locate``), so asking for several streets costs one."""
        return self._house_numbers(text or "")

    def house_number(self, text: str, street: str) -> str | None:
        """The house number the report gives after ``street`` ("21", "16b"), or None; a clock time is never one."""
        return self.house_numbers(text).get(normalize(street))

    def _address(self, text: str, norm: str, mn: Mention) -> Resolution | None:
        num = self._number_after(text, norm, mn)
        if num is None:
            return None
        number, letter, length = num
        entry = mn.entry
        evidence = self._evidence(text, norm, mn.start, mn.end + length)
        hit = self.addresses.lookup(normalize(entry.name), entry.name, number, letter)
        if hit is None:
            # No numbered address on that street in the extract: the nearest point of the street is all we have.
            return self._street(mn, evidence, note=f"no house numbers of {entry.name} are on the map; street only")
        method = "address" if hit.method == "exact" else "address_interpolated"
        # only the number itself, or one read between close neighbours, is confirmed; another number is not the address
        confident = hit.radius_m <= CONFIDENT_RADIUS_M if hit.method == "exact" else \
            hit.method == "interpolated" and hit.radius_m <= INTERPOLATED_CONFIDENT_RADIUS_M
        return Resolution(lat=hit.lat, lon=hit.lon, radius_m=hit.radius_m, confident=confident,
                          method=method, place=f"{entry.name} {number}{(' ' + letter) if letter else ''}", feature=entry.name,
                          feature_kind="street", category="address", ref=hit.ref, evidence=evidence,
                          note=hit.note if hit.method != "exact" else "")

    def _street(self, mn: Mention, evidence: str, note: str = "") -> Resolution:
        e = mn.entry
        return Resolution(lat=e.lat, lon=e.lon, radius_m=round(e.radius_m, 1), confident=e.radius_m <= CONFIDENT_RADIUS_M,
                          method="street", place=e.name, feature=e.name, feature_kind="street", category="street", ref=e.ref,
                          evidence=evidence, note=note or f"street only: somewhere along {e.name}")

    def _junction(self, a: Entry, b: Entry) -> tuple[float, float, float, str] | None:
        na = self._street_nodes.get(normalize(a.name), set())
        nb = self._street_nodes.get(normalize(b.name), set())
        common = na & nb
        if common:
            pts = [self._node_xy[n] for n in common]
            cx = sum(p[0] for p in pts) / len(pts)
            cy = sum(p[1] for p in pts) / len(pts)
            spread = max(math.hypot(p[0] - cx, p[1] - cy) for p in pts)
            if spread <= JUNCTION_SPREAD_M:
                lat, lon = self._latlon(cx, cy)
                return lat, lon, max(25.0, spread + 20.0), ""
            # The streets meet more than once (a loop, a divided road far apart): the first is not surely the one.
            lat, lon = self._latlon(*pts[0])
            return lat, lon, spread + 20.0, f"{a.name} and {b.name} meet at more than one place"
        if a.geometry is not None and b.geometry is not None:
            from shapely.ops import nearest_points

            pa, pb = nearest_points(a.geometry, b.geometry)
            gap = pa.distance(pb)
            if gap <= 60.0:
                lat, lon = self._latlon((pa.x + pb.x) / 2, (pa.y + pb.y) / 2)
                return lat, lon, 25.0 + gap, ""
            lat, lon = self._latlon((pa.x + pb.x) / 2, (pa.y + pb.y) / 2)
            return lat, lon, gap / 2 + 40.0, f"{a.name} and {b.name} do not meet on the map ({gap:.0f} m apart at the closest)"
        return None
