"""Where the incident is: the place the report names (address, landmark, street) and its building."""

from __future__ import annotations

import re
from typing import Any

import shapely

from tools.city import CityModel, PlanningError
from tools.gazetteer import PlaceMatch, has_cjk, normalize
from tools.place_words import fold
from tools.protective import geometry as geo
from tools.protective.buildings import ASSUMED_FOOTPRINT_M2, DEFAULT_LEVELS, Buildings, building_at, building_by_address, classify_use
from tools.protective.cues import ProtectiveCues
from tools.protective.models import BuildingInfo

# A shop or entrance node lies inside its building or on the facade line: snap at most this far (m).
ADDRESS_POINT_SNAP_M = 15.0


def locate_in_report(city: CityModel, text: str, place: str | None = None, lat: float | None = None, lon: float | None = None,
                     building: bool = False) -> tuple[PlaceMatch, str | None]:
    """The incident's place (given, else the first place the report names) and a house number after a street.

    ``building``: the action is about one building, so a place the report names only as a reference
    ("outside Metsätalo", "opposite the station") does not replace the street: it is not that building.
    """
    if lat is not None and lon is not None:
        return city.locate(lat=lat, lon=lon), None
    if place:
        match = city.locate(place=place)
        return match, city.locator.house_number(place, match.name) or city.locator.house_number(text, match.name)
    named = city.gazetteer.find_in_text(text)
    found = [m for m in named if m.kind != "zone"]
    # A name standing as a word of its own beats one found inside a longer word ("Kitch" in "Kitchen").
    found.sort(key=lambda m: not _whole_word(text, m.name))
    if not found:  # Latin-script names inside Chinese text have no word boundaries around them
        for run in re.findall(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ .'-]{2,60}(?:\s?\d{1,3}[a-z]?)?", text):
            try:
                m = city.gazetteer.resolve(run.strip())
            except LookupError:
                continue
            number = city.locator.house_number(run, m.name) if m.kind == "street" else None
            return m, number
    if not found and (generic := _from_locator(city, text)) is not None:
        return generic, None
    found = found or named
    if not found:
        raise PlanningError("no place of the map named in the report; give the address or a landmark")
    # An addressed street wins over a landmark named in passing.
    for m in found:
        if m.kind == "street" and (number := city.locator.house_number(text, m.name)):
            return m, number
    if found[0].kind in ("street", "zone") and (described := _from_locator(city, text, sure=True, relative=not building)) is not None \
            and described.kind not in ("street", "zone"):
        # "the swimming hall on Yrjönkatu": the hall, not the middle of the street; "Unioninkatu outside Metsätalo":
        # a cordon or a circle starts at Metsätalo, the street's middle may be 500 m away.
        return described, None
    return found[0], None


def _whole_word(text: str, name: str) -> bool:
    if has_cjk(name):
        return True
    return re.search(rf"(?<!\w){re.escape(fold(name))}(?!\w)", fold(text)) is not None


def _from_locator(city: CityModel, text: str, sure: bool = False, relative: bool = False) -> PlaceMatch | None:
    """A place the gazetteer's names miss but the locator's descriptions find ("the National Theatre", "火车站").

    ``sure``: only a confident answer (to replace a street the report names by a facility on it).
    ``relative``: also a place given relative to a named feature ("outside Metsätalo": at Metsätalo).
    """
    res = city.locator.locate(text)
    methods = ("generic", "feature", "intersection") + (("relative",) if relative else ())
    if not res.found or res.outside_map or res.method not in methods:
        return None
    if res.method == "relative" and res.feature_kind in ("street", "zone", None):  # "the north end of Mannerheimintie": still a street
        return None
    if sure and not res.confident:
        return None
    return PlaceMatch(id=res.ref, name=res.feature or res.place, kind=res.feature_kind or "landmark", lat=float(res.lat), lon=float(res.lon),
                      score=1.0, category=res.category or "", radius_m=float(res.radius_m or 0.0))


def _poi_use(category: str) -> str | None:
    """The occupancy class a landmark's OSM tag names ("tourism=hotel" -> hotel), None for tenants and the rest."""
    _, _, value = category.partition("=")
    use = classify_use("", value, "", "", "") if value else "mixed"
    return use if use not in ("mixed", "empty") else None


def building_by_address_points(city: CityModel, b: Buildings, street: str, number: str) -> tuple[int | None, tuple[float, float] | None]:
    """The building at an address that only OSM address points carry (shops, entrances, "Cafe Yrjö, Yrjönkatu 21").

    Most central-Helsinki footprints have no address tags; the shops and entrances inside them do.
    The building holding most of the points with that number wins (a letter narrows them when the
    map has it). Without a point of that number: the interpolated position, and no building.
    """
    m = re.match(r"(\d+)\s?([a-z])?", number.lower())
    if m is None:
        return None, None
    n, letter = int(m.group(1)), (m.group(2) or "").upper()
    index = city.locator.addresses
    points = [p for p in index.by_street.get(normalize(street), []) if p.number == n or (p.number < n <= p.last and (n - p.number) % 2 == 0)]
    if letter:
        points = [p for p in points if p.letter == letter] or points
    votes: dict[int, float] = {}
    for p in points:
        i = building_at(b, p.x, p.y, max_m=ADDRESS_POINT_SNAP_M)
        if i is None or b.use[i] == "empty":
            continue
        # A point of exactly the address counts double; without a letter in the report a lettered point still
        # counts, except a footprint tagged with the letter: "Keskuskatu 1" is not the building tagged 1B.
        exact = p.letter == letter
        if p.is_building and not exact:
            continue
        votes[i] = votes.get(i, 0.0) + (3.0 if p.is_building else 1.0) * (2.0 if exact else 1.0)
    if votes:
        return max(votes, key=lambda i: (votes[i], -b.geoms[i].area)), None
    hit = index.lookup(normalize(street), street, n, letter)
    if hit is not None and hit.method == "interpolated":
        return None, geo.xy(city, hit.lat, hit.lon)
    return None, None


_places_by_city: dict[int, list[tuple[str, Any, str]]] = {}


def _places_with_a_use(city: CityModel) -> list[tuple[str, Any, str]]:
    """(folded name, feature, use) of the city's named OSM places whose tag gives an occupancy class (built once)."""
    if id(city) not in _places_by_city:
        rows = []
        for f in city.features:
            if len(f.name) < 5 or f.geometry is None:
                continue
            use = _poi_use(next((f"{k}={f.tags[k]}" for k in ("tourism", "amenity", "shop", "office") if f.tags.get(k)), ""))
            if use is not None:
                rows.append((fold(f.name), f, use))
        _places_by_city[id(city)] = rows
    return _places_by_city[id(city)]


def _named_place_use(city: CityModel, text: str, footprint) -> str | None:
    """The use an OSM place the report names gives the footprint it lies in ("Hotel Arthur, Vuorikatu 19": tourism=hotel).

    The same rule as for a landmark the report is located by (spec section 5a: an OSM place's own tag),
    for a report located by its address that also names the place.
    """
    if not text:
        return None
    folded = fold(text)
    area = footprint.buffer(ADDRESS_POINT_SNAP_M)
    for name_folded, f, use in _places_with_a_use(city):
        if name_folded not in folded or not _whole_word(text, f.name):
            continue
        c = f.geometry.representative_point()
        if area.contains(shapely.Point(*geo.xy(city, c.y, c.x))):
            return use
    return None


def find_building(city: CityModel, b: Buildings, match: PlaceMatch, number: str | None, cues: ProtectiveCues,
                  text: str = "") -> tuple[Any, BuildingInfo, tuple[float, float]]:
    """(metric footprint, its description, metric centre) of the building at the place (``text``: the report)."""
    x, y = geo.xy(city, match.lat, match.lon)
    i = None
    if match.kind == "street" and number:
        i = building_by_address(b, normalize(match.name), number, normalize)
        if i is None:
            i, at = building_by_address_points(city, b, match.name, number)
            if at is not None:  # no building there, but the address is placed better than the street's middle
                x, y = at
    elif match.kind != "street":
        i = building_at(b, x, y, prefer_name=match.name)
    if i is not None:
        g = b.geoms[i]
        # The report's use refines an untagged block; "residents" or "stairwell" in a mixed block
        # keep its shop floor (spec section 4: ground floor retail, flats above).
        said = cues.building_use if cues.building_use not in (None, "residential") and not cues.use_is_tenant else None
        use = said if (said and b.use[i] in ("mixed", "empty")) else b.use[i]
        poi_use = _poi_use(match.category) if match.kind != "street" else _named_place_use(city, text, g)
        if poi_use and use in ("mixed", "empty", "office"):  # Hotel Kämp: tourism=hotel on an untagged (or "commercial") block
            use = poi_use
        c = g.representative_point()
        label = b.name[i] or (f"{match.name} {number}" if number else b.label(i))
        return g, BuildingInfo(label=label, footprint_m2=round(g.area, 1), floors=b.floors(i), use=use, source="osm", occupants=0), (c.x, c.y)
    label = f"{match.name} {number}" if number else match.name
    g = geo.assumed_footprint((x, y), ASSUMED_FOOTPRINT_M2)
    return g, BuildingInfo(label=label, footprint_m2=ASSUMED_FOOTPRINT_M2, floors=float(DEFAULT_LEVELS), use=(None if cues.use_is_tenant else cues.building_use) or "mixed", source="assumed", occupants=0), (x, y)


