"""Where the incident is: the place the report names (address, landmark, street) and its building."""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING, Any

import shapely
import shapely.ops
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Indel, Levenshtein

from core.text import HAN_RE
from tools.city import CityModel, PlanningError
from tools.gazetteer import FI_CASE_ENDINGS, Mention, PlaceMatch, has_cjk, is_stop, normalize, places_mentioned
from tools.place_words import QUALIFIERS, fold
from tools.protective import geometry as geo
from tools.protective.buildings import (ASSUMED_FOOTPRINT_M2, CUT_FOOTPRINT_M2, DEFAULT_LEVELS, Buildings, building_at, buildings_by_address, care_home_use,
                                       city_buildings, classify_use)
from tools.protective.cues import ProtectiveCues
from tools.protective.models import BuildingInfo
from tools.protective.per_city import per_city

if TYPE_CHECKING:  # pragma: no cover
    from tools.locate import Resolution

# A shop or entrance node lies inside its building or on the facade line: snap at most this far (m).
ADDRESS_POINT_SNAP_M = 15.0
# How closely (rapidfuzz ratio, 0-100) a report must say a place's name for an unsure reading to be that building: a
# typo of a letter in a name of six or more ("Kiassma", "Stockman", 92-94) passes; another business of the same kind
# ("Hotel Aurora" for Marski by Scandic, ~40) or a near name that differs in a character of a short one ("Hotel F7"
# for Hotel F6, 87.5) does not. Decided on the dev sets 1, 3-8: every unsure building reading they accept says the
# name exactly (100). Two adjacent letters swapped count as one slip ("Atenuem", ``_typo_ratio``); the distinctive part
# of a chain hotel's name next to a word for its kind says the name ("Hotel Marski", ``_says_distinctive_part``).
NAME_SAID_MIN = 90.0
# Words a caller puts before or after a business's own name to say what it is ("Hotel Marski", "ravintola Savoy"): they
# do not tell one business from another, so the name's distinctive part is what is left without them.
BUSINESS_KIND_WORDS = frozenset({"hotel", "hotelli", "hotell", "hostel", "hostelli", "restaurant", "ravintola", "restaurang", "cafe", "kahvila",
                                 "kafe", "bar", "baari", "pub", "bistro"})
# Words inside a chain hotel's name that join the distinctive part to the chain ("Marski by Scandic").
_NAME_JOINERS = frozenset({"by", "and", "ja", "och", "&"})
# A word for a business's kind with a capitalised name after it ("Hotel Aurora") or before it ("the Aurora hotel").
_KIND_WORDS_RE = "|".join(sorted(BUSINESS_KIND_WORDS, key=len, reverse=True))
_KIND_AND_NAME = re.compile(rf"\b(?i:{_KIND_WORDS_RE})\s+([A-ZÅÄÖ][\w'-]+)|\b([A-ZÅÄÖ][\w'-]+)\s+(?i:{_KIND_WORDS_RE})\b")
# The distinctive part a report says alone must be at least this long: a short one ("F6", "Bar 9") is no typo-proof name.
DISTINCTIVE_MIN_CHARS = 4


class BuildingNotFound(PlanningError):
    """The report names a building the map lacks: no other building stands in for it.

    ``coarser``: a district the report names around it ("... in Kluuvi"), where the plan can still be placed.
    """

    PREFIX = "building not found"  # the message's and the plan's flag's opening words

    def __init__(self, why: str, coarser: PlaceMatch | None = None) -> None:
        super().__init__(f"{self.PREFIX}: {why}")
        self.why, self.coarser = why, coarser


class Described(PlaceMatch):
    """A place the locator found from the report's words, with how the report relates to it ("outside": in_front)."""

    relation: str | None = None


class ReportReading:
    """The places of one report, each read once per plan: the gazetteer's scan of its names and the locator's answer.

    A plan may place its report twice (a hazmat report re-read outdoors once the map shows a street) and its
    waterfront band reads the streets named too; both reuse this reading instead of scanning the text again.
    """

    def __init__(self, city: CityModel, text: str) -> None:
        self.city, self.text = city, text
        self._said: dict[tuple[str, str], float] = {}

    def name_similarity(self, match: PlaceMatch) -> float:
        """``name_similarity`` of the report and ``match``, computed once per place (up to three rules ask for it)."""
        key = (match.ref or match.id, match.name)
        if key not in self._said:
            self._said[key] = name_similarity(self.city, self.text, match)
        return self._said[key]

    @cached_property
    def scan(self) -> tuple[str, list[Mention]]:
        """(normalized text, the names of the map it says, in order)."""
        return self.city.gazetteer.mentions(self.text)

    @cached_property
    def named(self) -> list[PlaceMatch]:
        """Each place named in the report once, in order of appearance (``Gazetteer.find_in_text`` from one scan)."""
        return places_mentioned(self.scan[1])

    @cached_property
    def resolution(self) -> Resolution:
        """The locator's reading of the whole report (up to three rules of ``locate_in_report`` ask for it)."""
        return self.city.locator.locate(self.text)


def locate_in_report(city: CityModel, text: str, place: str | None = None, lat: float | None = None, lon: float | None = None,
                     building: bool = False, reading: ReportReading | None = None) -> tuple[PlaceMatch, str | None]:
    """The incident's place (given, else the first place the report names) and a house number after a street.

    ``building``: the action is about one building, so a place the report names only as a reference
    ("outside Metsätalo", "opposite the station") does not replace the street: it is not that building.
    ``reading``: the report's places as already read for this plan (default: read here).
    """
    if lat is not None and lon is not None:
        return city.locate(lat=lat, lon=lon), None
    reading = reading if reading is not None and reading.text == text else ReportReading(city, text)
    if place:
        try:
            match = city.locate(place=place)
        except LookupError as exc:
            # A locator's description of the place ("Unioninkatu by Metsätalo", "opposite Ateneum") is no name of the
            # map: the report itself says where, as it does when no place is given; else the caller's error stands.
            try:
                return locate_in_report(city, text, None, building=building, reading=reading)
            except (LookupError, PlanningError):
                raise exc from None
        return match, city.locator.house_number(place, match.name) or city.locator.house_number(text, match.name)
    named = reading.named
    if building and (reference := _reference_only(reading.resolution)) is not None:
        # "the hotel next to the railway station is on fire", "对面的楼着火了": the landmark is where the caller
        # measures from, not the building that burns; evacuating it would empty the wrong building (a shelter, even).
        raise BuildingNotFound(f"the building on fire stands {_REL_WORDS[reference[1]]} {reference[0]}, which the report gives as a "
                               f"reference point only; the building it names is not on the map: confirm the building")
    if building:  # a business the map lacks, read from an ordinary word ("Kitchen fire at ..." is not the cafe Kitch)
        named = [m for m in named if m.kind != "landmark" or not _read_from_another_word(reading, m)]
    found = [m for m in named if m.kind != "zone"]
    # A name standing as a word of its own beats one found inside a longer word ("Kitch" in "Kitchen"); any of the
    # place's names said exactly counts, not only its full name ("Oodi" for "Helsingin keskustakirjasto Oodi").
    norm, mentions = reading.scan
    said_whole = {(mn.entry.kind, mn.entry.name) for mn in mentions if norm[mn.start:mn.end] == mn.key and _span_is_word(norm, mn.start, mn.end)}
    found.sort(key=lambda m: (m.kind, m.name) not in said_whole and not _whole_word(text, m.name))
    # Latin-script names inside Chinese text have no word boundaries around them. Only there: in a Latin-script
    # report every name already stands as a word, and a run of ordinary words ("on the 3rd floor") would only
    # resolve to the nearest-spelled business ("Fazer 8th Floor"); the locator reads those reports below.
    if has_cjk(text) and (runs := _latin_run_places(reading, building)):
        mark = None
        if not found:
            mark = _cjk_place(runs)
        elif not any(m.kind == "street" and city.locator.house_number(text, m.name) for m in found) \
                and not any(m.kind == "landmark" and not _is_stop(m) for m in _not_inside_runs(found, mentions, runs)):
            # "Fredrikinkatu上的Some Bistro餐厅": the restaurant on Fredrikinkatu, as "the swimming hall on Yrjönkatu" is
            # the hall; a place the scan found only inside a longer Latin name ("Center" -> Keskusta) is no name said.
            # A landmark said as a reference point only ("从Stockmann出来", "离Kiasma五百米", "不在Stockmann附近",
            # "去过Stockmann") is no place of the incident: the street the report names is.
            mark = _cjk_place([r for r in runs if not _said_in_passing(text, r[2])], landmark_only=True)
        if mark is not None:
            street = next((m for m, number, _ in runs if m.kind == "street" and not number), None)
            if not building and mark[0].kind == "landmark" and street is not None:
                # "Aleksanterinkatu上Stockmann门口的一段电线": on the street at the building's frontage, as in English
                front = frontage(city, street, Described(**{**mark[0].model_dump(), "id": mark[0].ref or mark[0].id}, relation="in_front"))
                if front is not None:
                    return front, None
            if (mark[0].kind == "zone" or _is_district(mark[0])) and (described := _from_locator(reading.resolution, sure=True)) is not None \
                    and described.kind not in ("street", "zone"):
                return described, None  # "Kluuvi购物中心": the district's own mall, which the locator found, not the district
            return mark
    if not found and (generic := _from_locator(reading.resolution)) is not None:
        if building and ((not reading.resolution.confident and reading.name_similarity(generic) < NAME_SAID_MIN)
                         or _read_from_another_word(reading, generic) or _names_another_business(reading, generic)):
            # "Hotel Aurora" is no hotel of the map: the locator's guess of another hotel (or gym, cafe) would count that
            # building's occupants. The building is not found; the plan falls back to the assumed building.
            raise BuildingNotFound(f"the report names no building of the map (the nearest reading, "
                                   f"{generic.name}, is not the name it gives)", coarser=next((m for m in named if m.kind == "zone"), None))
        return generic, None
    found = found or named
    if not found:
        raise PlanningError("no place of the map named in the report; give the address or a landmark")
    # An addressed street wins over a landmark named in passing.
    for m in found:
        if m.kind == "street" and (number := city.locator.house_number(text, m.name)):
            return m, number
    if not building and found[0].kind == "street" and (part := _street_part(reading.resolution, found[0], text)) is not None:
        return part, None
    if (found[0].kind in ("street", "zone") or _is_district(found[0])) \
            and (described := _from_locator(reading.resolution, sure=True, relative=not building)) is not None \
            and described.kind not in ("street", "zone") and not (building and (_read_from_another_word(reading, described)
                                                                                 or _names_another_business(reading, described))):
        if found[0].kind == "street" and described.relation:
            # "Unioninkatu outside Metsätalo": the package or the leak is on Unioninkatu at Metsätalo's frontage, not at
            # the building's middle nor at the street's middle (which may be 500 m away).
            front = frontage(city, found[0], described)
            if front is not None:
                return front, None
        # "the swimming hall on Yrjönkatu": the hall, not the middle of the street.
        return described, None
    if not building and found[0].kind not in ("street", "zone") and (described := _from_locator(reading.resolution, sure=True, relative=True)) is not None \
            and described.relation == "in_front" and described.name == found[0].name:
        # "outside the Lasipalatsi" with no street named: the building's frontage on its nearest street.
        front = frontage(city, None, described)
        if front is not None:
            return front, None
    return found[0], None


def _latin_run_places(reading: ReportReading, building: bool) -> list[tuple[PlaceMatch, str | None, str]]:
    """The places a Chinese report names in Latin script, in order: (place, house number, the run as written).

    Latin-script names inside Chinese text have no word boundaries around them, so each run of Latin words is
    resolved on its own."""
    city, out = reading.city, []
    for run in re.findall(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ .'-]{2,60}(?:\s?\d{1,3}[a-z]?)?", reading.text):
        try:
            m = city.gazetteer.resolve(run.strip())
        except LookupError:
            continue
        if building and m.score < 1.0 and reading.name_similarity(m) < NAME_SAID_MIN:
            continue  # a business the map lacks, spelt like another one: not that building
        out.append((m, city.locator.house_number(run, m.name) if m.kind == "street" else None, run.strip()))
    return out


# Chinese words that make the name after them a reference point, not the place of the incident: where one comes from
# (从, 自), a distance from it (离, 距, 距离), a negation (不在, 不是), a visit or a passing by (去过, 路过, 经过).
_PASSING_BEFORE = re.compile(r"(?:从|自|离|距离?|不在|不是|去过|路过|经过)$")


def _said_in_passing(text: str, run: str) -> bool:
    """Whether every time ``text`` gives the Latin-script name ``run`` a reference-point word stands just before it."""
    starts = [m.start() for m in re.finditer(re.escape(run), text)]
    return bool(starts) and all(_PASSING_BEFORE.search(text[max(0, i - 3):i]) for i in starts)


def _cjk_place(runs: list[tuple[PlaceMatch, str | None, str]], landmark_only: bool = False) -> tuple[PlaceMatch, str | None] | None:
    """Of the places a Chinese report names in Latin script: an addressed street, else the first landmark that is not a
    transport stop (a stop is named after the park or street it serves: "Esplanadi公园里" is the park, not the bus
    stop Esplanadi, and "在音乐台旁边" then says where in it), else the first place."""
    if not landmark_only:
        for m, number, _ in runs:
            if m.kind == "street" and number:
                return m, number
    for m, _, _ in runs:
        if m.kind == "landmark" and not _is_stop(m):
            return m, None
    return None if landmark_only else runs[0][:2]


# OSM place values of a district or part of one: a landmark so tagged is a district, as a zone is.
_DISTRICT_PLACES = frozenset({"suburb", "neighbourhood", "quarter", "borough", "locality", "city_block"})


def _is_district(m: PlaceMatch) -> bool:
    """A landmark that is a district ("Kluuvi", place=suburb): the locator's confident facility in it ("Kluuvi购物中心",
    the district's own mall) is the place, as for a zone."""
    key, _, value = (m.category or "").partition("=")
    return m.kind == "landmark" and key == "place" and value in _DISTRICT_PLACES


def _is_stop(m: PlaceMatch) -> bool:
    """A bus or tram stop, from the place's OSM category ("highway=bus_stop")."""
    key, _, value = (m.category or "").partition("=")
    return is_stop({key: value})


def _not_inside_runs(found: list[PlaceMatch], mentions: list[Mention], runs: list[tuple[PlaceMatch, str | None, str]]) -> list[PlaceMatch]:
    """The places the scan found, less those it read only from a word of a longer Latin name the report gives."""
    inside = {mn.entry.name for mn in mentions
              if any(mn.key != (said := normalize(run)) and mn.key in said and m.name != mn.entry.name for m, _, run in runs)}
    return [m for m in found if m.name not in inside]


def name_similarity(city: CityModel, text: str, match: PlaceMatch) -> float:
    """How closely the report says the place's name (0-100): the best ``fuzz.ratio`` of any of its names against a run of
    as many of the report's words (a typo, "Stockman", scores about 94; another business's name far less).

    A name in Chinese characters counts 100 when the report holds it as written.
    """
    norm = normalize(text)
    words = re.findall(r"[^\W_]+", re.sub(r"[\u3000-\u9fff]+", " ", norm))
    # each word also without a Finnish case ending: "Stokmannilla" is a typo of Stockmann at its case, "Hotelli
    # Kämpissä" Hotel Kämp's
    stems = [_FI_LONG_CASE_TAIL.sub("", w) for w in words]
    best = 0.0
    for entry in city.gazetteer.entries_for(match.name):
        if (entry.ref or entry.id) != (match.ref or match.id) and entry.name != match.name:
            continue
        for key in {*entry.keys, normalize(entry.name)}:
            if has_cjk(key):
                best = max(best, 100.0 if key in norm else 0.0)
                continue
            n = len(key.split())
            for i in range(max(1, len(words) - n + 1)):
                best = max(best, *(_typo_ratio(key, " ".join(run[i:i + n])) for run in (words, stems)))
            if _says_distinctive_part(key, words) or _says_distinctive_part(key, stems):
                best = 100.0
    return best


def _typo_ratio(name: str, said: str) -> float:
    """``fuzz.ratio`` with a swap of two adjacent letters counted as one slip, as a dropped letter is ("Atenuem" for
    Ateneum scores as "Ateneu" would, about 93, not 86); a changed letter still costs two ("Hotel F7" for F6, 87.5)."""
    total = len(name) + len(said)
    if not total:
        return 100.0
    swaps = Levenshtein.distance(name, said) - OSA.distance(name, said)  # each adjacent swap costs 2 there, 1 in OSA
    return 100.0 * (1.0 - (Indel.distance(name, said) - swaps) / total)


def _says_distinctive_part(key: str, words: list[str]) -> bool:
    """Whether the report says the distinctive head of a business's name next to a word for its kind: "Hotel Marski"
    for "Marski by Scandic" (the chain and the joining word left out). Only whole words, so "Kitch" is never said by
    "Kitchen fire", and a different name of the same kind ("Hotel Aurora") is not the map's hotel."""
    parts = key.split()
    cut = next((i for i, w in enumerate(parts) if w in _NAME_JOINERS), len(parts))
    head = [w for w in parts[:cut] if w not in BUSINESS_KIND_WORDS and w not in QUALIFIERS]
    if not head or len("".join(head)) < DISTINCTIVE_MIN_CHARS or head == [w for w in parts if w not in BUSINESS_KIND_WORDS]:
        return False  # no distinctive part, too short a one, or it is the whole name (ratio already reads that)
    n = len(head)
    for i in range(len(words) - n + 1):
        if words[i:i + n] == head and ((i > 0 and words[i - 1] in BUSINESS_KIND_WORDS) or (i + n < len(words) and words[i + n] in BUSINESS_KIND_WORDS)):
            return True
    return False


def inside_other_words_only(text: str, name: str) -> bool:
    """Whether a Latin-script name occurs in the report only inside longer words that are not its Finnish cases
    ("Kitch" in "Kitchen fire": an English word, not the cafe; "Stockmannilla" is Stockmann at its case ending).
    The caller still takes a close spelling of the whole name ("Hotelli Tornii", ``name_similarity``)."""
    if has_cjk(name):
        return False
    key = fold(name)
    hits = [m for m in re.finditer(re.escape(key), fold(text))]
    if not hits:
        return False
    folded = fold(text)
    for m in hits:
        before = m.start() > 0 and folded[m.start() - 1].isalpha() and not has_cjk(folded[m.start() - 1])
        tail = re.match(r"[^\W\d_]*", folded[m.end():]).group(0)
        if not before and (not tail or has_cjk(tail[:1]) or _FI_CASE_TAIL.fullmatch(tail)):
            return False
    return True


def _names_another_business(reading: ReportReading, match: PlaceMatch) -> bool:
    """Whether the report gives a business its own name ("Hotel Aurora", "ravintola Lumo") that is not the name of the
    place the locator read from its description ("a hotel in Kluuvi": the nearest hotel there). That place is another
    business of the same kind, however sure the locator is of the description."""
    city, text = reading.city, reading.text
    said = [m.group(1) or m.group(2) for m in _KIND_AND_NAME.finditer(text)]
    # "the Kamppi hotel" says where, not which: a district's or a street's name is no business's own
    names = [w for w in said if fold(w) not in BUSINESS_KIND_WORDS
             and not any(mn.entry.kind in ("zone", "street") for mn in city.gazetteer.mentions(w)[1])]
    return bool(names) and reading.name_similarity(match) < NAME_SAID_MIN and not any(fold(w) in fold(match.name) for w in names)


def _read_from_another_word(reading: ReportReading, match: PlaceMatch) -> bool:
    """Whether the place was read from a longer ordinary word ("Kitch" from "Kitchen") that does not spell its name."""
    return inside_other_words_only(reading.text, match.name) and reading.name_similarity(match) < NAME_SAID_MIN


# A Finnish case ending of three letters or more at a word's end, with its joining "i" ("Stockmann-illa", "Kämp-issä",
# folded): shorter ones ("-n", "-in", "-na") would read English words ("kitchen") as a name at its case.
_FI_LONG_CASE_TAIL = re.compile(rf"(?<=\w\w\w)i?(?:{'|'.join(e for e in FI_CASE_ENDINGS if len(e) >= 3)})$")
# A Finnish case ending after a name, with the "i" that joins it to a name ending in a consonant ("Stockmann-i-lla";
# "Kiasma-an" is the ending "aan" itself). "Kitch-en" is no Finnish case: "en" is an English word's end.
_FI_CASE_TAIL = re.compile(rf"i?(?:{'|'.join(FI_CASE_ENDINGS)})")


class Frontage(PlaceMatch):
    """A point of a street at a building's frontage ("Unioninkatu outside Metsätalo"): the street, and the building."""

    building: str
    relation: str = "in_front"

    def describe(self) -> str:
        """The place as the dispatcher needs it: the street and the building it is at."""
        return f"{self.name} {_RELATION_WORD.get(self.relation, 'at')} {self.building}"


# How a plan says where on the street the incident is, by the locator's relation.
_RELATION_WORD = {"in_front": "outside", "opposite": "opposite", "next_to": "beside", "behind": "behind", "under": "below", "near": "near", "by": "by"}


def place_label(match: PlaceMatch, number: str | None = None) -> str:
    """The place a plan names: "Yrjönkatu 21", "Unioninkatu outside Metsätalo", "Kauppatori"."""
    if isinstance(match, Frontage):
        return match.describe()
    return f"{match.name} {number}" if number else match.name


# A street this far (m) from the building the report places the incident at is not its frontage.
FRONTAGE_MAX_M = 60.0


def _footprint(city: CityModel, place: Described) -> Any:
    """The metric footprint of the feature a report names as a reference (its OSM area, else the building at its point)."""
    entry = next((e for e in city.gazetteer.entries_for(place.name) if (e.ref or e.id) == place.id), None)
    geom = entry.geometry if entry is not None else None
    if geom is not None and geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    b = city_buildings(city)
    i = building_at(b, *geo.xy(city, place.lat, place.lon), max_m=ADDRESS_POINT_SNAP_M, prefer_name=place.name)
    return b.geoms[i] if i is not None else None


def frontage(city: CityModel, street: PlaceMatch | None, place: Described) -> PlaceMatch | None:
    """The point of the street nearest the named building: where "on <street> outside <building>" happens.

    ``street`` None: the building's nearest named street. Of a frontage that runs along the facade, the point
    opposite the building's middle. None when the building has no footprint or the street is not beside it.
    """
    fp = _footprint(city, place)
    if fp is None:
        return None
    if street is not None:
        entry = next((e for e in city.gazetteer.entries_for(street.name) if e.kind == "street" and e.id == street.id), None)
        if entry is None or entry.geometry is None:
            return None
        line = entry.geometry
    else:
        entry = _front_street(city, fp)
        if entry is None:
            return None
        street, line = entry.match(1.0), entry.geometry
    gap = line.distance(fp)
    if gap > FRONTAGE_MAX_M:
        return None
    # Along a facade many points are about as near: take the one opposite the footprint's middle when it is.
    mid = shapely.ops.nearest_points(line, fp.centroid)[0]
    p = mid if mid.distance(fp) <= gap + 10.0 else shapely.ops.nearest_points(line, fp)[0]
    lat, lon = geo.latlon(city, p.x, p.y)
    return Frontage(id=street.id, name=street.name, kind="street", lat=lat, lon=lon, score=street.score, category=street.category,
                    radius_m=round(gap + 10.0, 1), ref=street.ref, building=place.name, relation=place.relation or "in_front")


def _front_street(city: CityModel, fp: Any) -> Any:
    """The street a building fronts: the one its own address points name (Lasipalatsi: Mannerheimintie 22-24),
    else the named street nearest its middle; None when none is within FRONTAGE_MAX_M.

    A block touches several streets at about 0 m; the address says which side is its front.
    """
    near = [e for e in _streets(city) if e.geometry.distance(fp) <= FRONTAGE_MAX_M]
    if not near:
        return None
    area = fp.buffer(ADDRESS_POINT_SNAP_M)
    votes: dict[str, int] = {}
    for e in near:
        key = normalize(e.name)
        votes[key] = sum(1 for p in city.locator.addresses.by_street.get(key, []) if area.contains(shapely.Point(p.x, p.y)))
    addressed = [e for e in near if votes[normalize(e.name)] > 0]
    if addressed:
        return max(addressed, key=lambda e: (votes[normalize(e.name)], -e.geometry.distance(fp.centroid)))
    return min(near, key=lambda e: e.geometry.distance(fp.centroid))


def _streets(city: CityModel) -> list[Any]:
    return per_city(city, "streets", lambda: [e for e in city.gazetteer.entries if e.kind == "street" and e.geometry is not None])


def _span_is_word(norm: str, start: int, end: int) -> bool:
    """Whether ``norm[start:end]`` stands as a word of its own (Latin script; CJK text has no word boundaries)."""
    if has_cjk(norm[start:end]):
        return True
    return not (start > 0 and norm[start - 1].isalnum()) and not (end < len(norm) and norm[end].isalnum())


# The Han ranges of ``core.text.HAN_RE`` as the body of a character class.
_HAN = HAN_RE.pattern[1:-1]


def _whole_word(text: str, name: str) -> bool:
    """Whether the Latin-script ``name`` stands as a word of its own in ``text``. Chinese text has no spaces, so a
    Chinese character next to the name bounds it ("住在Hotel Kämp里" names the hotel) as a space would."""
    if has_cjk(name):
        return True
    return re.search(rf"(?<![^\W{_HAN}]){re.escape(fold(name))}(?![^\W{_HAN}])", fold(text)) is not None


def _street_part(res: Resolution, street: PlaceMatch, text: str) -> PlaceMatch | None:
    """"Unioninkatu outside Metsätalo": the locator's confident part of the named street nearest the place named beside
    it -- where a package or a leak "on the street outside" is, not the street's middle (which may be 500 m away).

    ``res``: the locator's Resolution of the report ``text``."""
    if res.method != "street" or not res.anchor or not res.confident or res.feature != street.name:
        return None
    return Frontage(**street.model_copy(update={"lat": float(res.lat), "lon": float(res.lon), "radius_m": float(res.radius_m or street.radius_m)}).model_dump(),
                    building=res.anchor, relation=_relation_in(text))


# The report's word for where on the street, relative to the building ("outside Metsätalo", "opposite the station").
_RELATION_IN_TEXT = [("in_front", r"\b(outside|in front of|at the (main )?entrance (of|to))\b|(门口|前面)"), ("opposite", r"\b(opposite|across (the street )?from)\b|对面"),
                     ("next_to", r"\b(beside|next to|alongside)\b|旁边"), ("behind", r"\bbehind\b|后面"), ("under", r"\b(below|under(neath)?|beneath)\b|下面")]


def _relation_in(text: str) -> str:
    """The relation the report states between the street and the building (first said), else "by"."""
    folded = fold(text)
    hits = [(m.start(), rel) for rel, pat in _RELATION_IN_TEXT if (m := re.search(pat, folded))]
    return min(hits)[1] if hits else "by"


# Relations that put the incident in another building than the landmark named ("next to", "opposite", "behind").
_REL_WORDS = {"next_to": "next to", "opposite": "opposite", "behind": "behind"}


def _reference_only(res: Resolution) -> tuple[str, str] | None:
    """(landmark, relation) when the locator read the place as another building beside a landmark, else None."""
    if res.found and res.method == "relative" and res.relation in _REL_WORDS and res.feature_kind not in ("street", "zone", None):
        return res.feature or res.place or "a landmark", res.relation
    return None


def _from_locator(res: Resolution, sure: bool = False, relative: bool = False) -> Described | None:
    """A place the gazetteer's names miss but the locator's descriptions find ("the National Theatre", "火车站").

    ``sure``: only a confident answer (to replace a street the report names by a facility on it).
    ``relative``: also a place given relative to a named feature ("outside Metsätalo": at Metsätalo).
    ``res``: the locator's Resolution of the report.
    """
    methods = ("generic", "feature", "intersection") + (("relative",) if relative else ())
    if not res.found or res.outside_map or res.method not in methods:
        return None
    if res.method == "relative" and res.feature_kind in ("street", "zone", None):  # "the north end of Mannerheimintie": still a street
        return None
    if sure and not res.confident:
        return None
    return Described(id=res.ref, name=res.feature or res.place, kind=res.feature_kind or "landmark", lat=float(res.lat), lon=float(res.lon),
                     score=1.0, category=res.category or "", radius_m=float(res.radius_m or 0.0), relation=res.relation)


# Businesses that hold a unit of a block (spec 5a): a restaurant, cafe, bar, gym, bank or shop the report names is a
# business inside the building and does not set its use; only a footprint's own tag does.
_TENANT_VALUES = {"restaurant", "cafe", "bar", "pub", "nightclub", "fast_food", "ice_cream", "fitness_centre", "bank", "pharmacy", "dentist", "doctors", "clinic"}


def _poi_use(category: str) -> str | None:
    """The occupancy class a landmark's OSM tag names ("tourism=hotel" -> hotel), None for tenants and the rest."""
    key, _, value = category.partition("=")
    if value in _TENANT_VALUES or (key == "shop" and value not in ("department_store", "mall")):
        return None
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


def _places_with_a_use(city: CityModel) -> list[tuple[str, Any, str]]:
    """(folded name, feature, use) of the city's named OSM places whose tag gives an occupancy class (built once)."""
    return per_city(city, "places_with_a_use", lambda: _lodgings(city))


def _lodgings(city: CityModel) -> list[tuple[str, Any, str]]:
    rows = []
    for f in city.features:
        if len(f.name) < 5 or f.geometry is None:
            continue
        # Only a lodging (tourism=hotel, hostel, ...): a hotel the report names at its address is the building's use
        # (spec 5a). A shop, office, bank, gym or restaurant it names is a business inside the block: it does not
        # set the use, only the report's word for the whole building or the footprint's own tag does.
        use = _poi_use(f"tourism={f.tags['tourism']}") if f.tags.get("tourism") else None
        if use == "hotel":
            rows.append((fold(f.name), f, use))
    return rows


def _named_place_use(city: CityModel, text: str, footprint) -> str | None:
    """The use a hotel the report names gives the footprint it lies in ("Hotel Arthur, Vuorikatu 19": tourism=hotel).

    The spec's rule for an OSM place's own tag (section 5a: tourism=hotel on an untagged block), for a report
    located by its address that also names the hotel; other named places are businesses inside the block.
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


# Places that are no building (spec 2, setting "outdoor: street, square, park, quay, vehicle"): the gazetteer's kinds for a
# district, a staging square, a street and the shore, and the OSM keys and tags of stations, stops and entrances,
# squares, parks, bridges, piers and open ground. A point of one of them often lies in or beside a footprint that is not
# it (a metro station's node under a city block, a bus stop by a church): that footprint is not where the hazard is.
_OPEN_KINDS = frozenset({"zone", "staging", "street", "waterfront"})
_OPEN_KEYS = frozenset({"highway", "railway", "public_transport", "place", "natural", "landuse", "waterway", "bridge", "boundary", "route", "barrier"})
_OPEN_TAGS: dict[str, frozenset[str]] = {
    "leisure": frozenset({"park", "garden", "playground", "pitch", "common", "marina", "nature_reserve", "dog_park", "beach_resort", "slipway", "track"}),
    "man_made": frozenset({"bridge", "pier", "breakwater", "quay", "embankment"}),
    "amenity": frozenset({"parking", "bicycle_parking", "bicycle_rental", "bench", "fountain", "taxi", "shelter", "bus_station", "parking_entrance",
                          "motorcycle_parking", "charging_station", "waste_basket", "recycling", "drinking_water", "clock", "telephone", "post_box"}),
    "tourism": frozenset({"attraction", "viewpoint", "artwork", "picnic_site", "information"}),
    "historic": frozenset({"memorial", "monument", "statue"}),
}
# A station's own building: a footprint of this use around the station's point is its hall (Helsinki Central Station),
# not a city block over an underground platform (a metro station's point under a mixed block).
_STATION_HALL_USE = "public"


def is_open_place(match: PlaceMatch) -> bool:
    """Whether the place is no building: a district, a square, a street, the shore, a station, stop or entrance, a park,
    a bridge (its gazetteer kind, else its OSM tag)."""
    if match.kind in _OPEN_KINDS:
        return True
    key, _, value = (match.category or "").partition("=")
    return key in _OPEN_KEYS or value in _OPEN_TAGS.get(key, ())


# A station's own hall lies within this distance of its point (Helsinki Central Station's node is on the tracks 11 m off
# the hall); only a footprint named with one of the station's own names counts there.
STATION_HALL_NEAR_M = 30.0
# OSM draws an arcade or passage through a building (a mall's or station's shopping street) as a footway, steps or a
# corridor: one whose point lies inside a footprint is inside that building, not out in the open.
_PASSAGE_VALUES = frozenset({"footway", "steps", "corridor"})


def _is_passage(match: PlaceMatch) -> bool:
    key, _, value = (match.category or "").partition("=")
    return key == "highway" and value in _PASSAGE_VALUES


def _own_names(city: CityModel, match: PlaceMatch) -> list[str]:
    """The place's own names, folded to lower case: the name matched and every name of its OSM feature (official, alt,
    other languages -- the central station's node is "Helsingin asema", its hall "Helsingin päärautatieasema")."""
    names = {match.name.casefold()}
    for e in city.gazetteer.entries_for(match.name):
        if (e.ref or e.id) == (match.ref or match.id):
            names.update(n.casefold() for f in getattr(e, "features", ()) for n in f.names.values() if len(n) >= 6)
    return sorted(names)


def _is_building_entry(match: PlaceMatch) -> bool:
    return (match.category or "").partition("=")[0] == "building"


def _is_station(match: PlaceMatch) -> bool:
    key, _, value = (match.category or "").partition("=")
    return key in ("railway", "public_transport") and value in ("station", "halt")


# A place drawn as an area (a school's grounds, a campus, a park) is its main building when one footprint holds at least
# this share of the built area inside it (a school house in its yard); a campus of many buildings or a park is no building.
AREA_MAIN_BUILDING_SHARE = 0.5


def _own_area(city: CityModel, match: PlaceMatch) -> Any:
    """The place's metric outline when the map draws it as an area (None: a point or a line)."""
    entry = next((e for e in city.gazetteer.entries_for(match.name) if (e.ref or e.id) == (match.ref or match.id)), None)
    geom = entry.geometry if entry is not None else None
    return geom if geom is not None and geom.geom_type in ("Polygon", "MultiPolygon") else None


def _main_building(b: Buildings, area: Any, hits: list[int], use: str | None = None) -> int | None:
    """The footprint that is the area's main building (None: a campus, a park). Only footprints mostly inside the area
    count: a neighbour's block the outline grazes along its edge is no part of the place. Else the one footprint of
    the place's own use inside it (a school's house among untagged blocks in the school's area)."""
    built = {}
    for i in hits:
        share = b.geoms[i].intersection(area).area
        if share >= AREA_MAIN_BUILDING_SHARE * b.geoms[i].area:
            built[i] = share
    main = max(built, key=built.get, default=None)
    if main is not None and built[main] > 0 and built[main] >= AREA_MAIN_BUILDING_SHARE * sum(built.values()):
        return main
    same_use = [i for i in built if use and b.use[i] == use]
    return same_use[0] if len(same_use) == 1 else None


def place_building(city: CityModel, b: Buildings, match: PlaceMatch) -> tuple[int | None, bool]:
    """(the map's building that is the place the report names, whether the place is a building at all).

    A place that is no building (``is_open_place``) has only a footprint that is the place itself: one named like it
    around its point, or a station's hall -- never the nearest footprint nor a block its point happens to lie under. A
    place drawn as an area is its main building when it has one (``AREA_MAIN_BUILDING_SHARE``), else no building (a
    campus, a park). A building place drawn as a point (a shop, a theatre) keeps the footprint at or nearest its point
    (None: the map has none there).
    """
    x, y = geo.xy(city, match.lat, match.lon)
    open_place = is_open_place(match)
    area = _own_area(city, match) if match.kind not in _OPEN_KINDS else None
    if not open_place and (area is None or _is_building_entry(match)):  # a building's own outline is a footprint
        return building_at(b, x, y, prefer_name=match.name), True
    if len(b) == 0:
        return None, not open_place
    probe = area if area is not None else shapely.Point(x, y)
    hits = [int(i) for i in b.tree.query(probe, predicate="intersects") if b.use[i] != "empty"]
    if not open_place:
        try:
            main = _main_building(b, shapely.make_valid(area), hits, _poi_use(match.category or ""))
        except shapely.errors.GEOSException:  # an outline GEOS cannot mend: the footprint at its point, as for a point place
            return building_at(b, x, y, prefer_name=match.name), True
        return main, main is not None
    if _is_passage(match):  # an arcade mapped as a footway through a mall or station: the building it runs through
        inside = [i for i in hits if b.geoms[i].contains(shapely.Point(x, y))]
        if inside:
            return min(inside, key=lambda i: b.geoms[i].area), True
    names = _own_names(city, match)
    if _is_station(match):  # a station's point on its tracks beside its hall: the hall may be a few metres off
        hits = [int(i) for i in b.tree.query(shapely.Point(x, y).buffer(STATION_HALL_NEAR_M), predicate="intersects") if b.use[i] != "empty"]
    own = [i for i in hits if b.name[i] and any(b.name[i].casefold() in key or key in b.name[i].casefold() for key in names)]
    if not own and _is_station(match):
        own = [i for i in hits if b.use[i] == _STATION_HALL_USE and b.geoms[i].contains(shapely.Point(x, y))]
    if own:
        return min(own, key=lambda i: b.geoms[i].area), True
    return None, False


def _footprints_on(city: CityModel, b: Buildings, street: str) -> set[int]:
    """The footprints whose own address, or an address point inside them, is on ``street``."""
    key = normalize(street)
    on_street = {i for i in range(len(b)) if b.street[i] and normalize(b.street[i]) == key}
    for p in city.locator.addresses.by_street.get(key, []):
        if (i := building_at(b, p.x, p.y, max_m=ADDRESS_POINT_SNAP_M)) is not None:
            on_street.add(i)
    return on_street


# A company's initials written in capitals as a word of their own ("UPM", "EY"): the gazetteer reads names of four
# letters or more only (shorter ones are ordinary words too often), so such a building name is looked for here.
_CAPITALS = re.compile(r"(?<![\w&-])([A-Z][A-Z0-9&]{1,4})(?![\w&-])")


def building_named_in_capitals(city: CityModel, b: Buildings, street: str, text: str) -> int | None:
    """The footprint on ``street`` whose OSM name is a capitals word of the report ("the UPM office building on Alvar
    Aallon katu"), else None. Only on the street the report names: "CO alarm" names no building called CO."""
    said = set(_CAPITALS.findall(text or ""))
    if not said:
        return None
    hits = [i for i in _footprints_on(city, b, street) if b.name[i] in said]
    return hits[0] if len(hits) == 1 else None


def addressed_building(b: Buildings, hits: list[int], text: str, cues: ProtectiveCues) -> int | None:
    """Of the footprints that carry one address, the building the report means (None: none carries it).

    The one whose OSM name the report says as a word (initials such as "EY" as written, in capitals), else the one of
    the use the report's word for the whole building gives ("the office building", "the block of flats"), else the
    largest: the main house, not an annex or outbuilding at the same number (Unioninkatu 29: the cathedral, not its
    148 m2 neighbour). The map's order decided before, so "the EY offices at Alvar Aallon katu 5" counted the flats."""
    if len(hits) <= 1:
        return hits[0] if hits else None
    named = [i for i in hits if b.name[i] and _whole_word(text, b.name[i]) and (len(b.name[i]) >= 4 or b.name[i] in (text or ""))]
    if len(named) == 1:
        return named[0]
    use = cues.building_type or (cues.building_use if not cues.use_is_tenant else None)
    pool = named or hits
    pool = [i for i in pool if use and b.use[i] == use] or pool
    return max(pool, key=lambda i: b.geoms[i].area)


def building_at_address(b: Buildings, street: str, number: str, text: str = "", cues: ProtectiveCues | None = None) -> int | None:
    """The building a report (``text``, its ``cues``) means at an OSM address, by ``addressed_building``; None when no
    footprint carries the address. Without a report: the largest footprint that carries it."""
    return addressed_building(b, buildings_by_address(b, normalize(street), number, normalize), text, cues or ProtectiveCues())


def find_building(city: CityModel, b: Buildings, match: PlaceMatch, number: str | None, cues: ProtectiveCues,
                  text: str = "", known: bool = True) -> tuple[Any, BuildingInfo, tuple[float, float]]:
    """(metric footprint, its description, metric centre) of the building at the place (``text``: the report).

    ``known`` False: the place is only a district around a building the map lacks; the building is assumed at its
    middle, never the map's building that happens to stand there."""
    x, y = geo.xy(city, match.lat, match.lon)
    i = None
    if known and match.kind == "street" and number:
        i = building_at_address(b, match.name, number, text, cues)
        if i is None:
            i, at = building_by_address_points(city, b, match.name, number)
            if at is not None:  # no building there, but the address is placed better than the street's middle
                x, y = at
    elif known and match.kind != "street":
        i = place_building(city, b, match)[0]
    elif known and match.kind == "street":
        i = building_named_in_capitals(city, b, match.name, text)
    if i is not None:
        g = b.geoms[i]
        # The report's use refines an untagged block; "residents" or "stairwell" in a mixed block
        # keep its shop floor (spec section 4: ground floor retail, flats above).
        # The report's word for the whole building ("a block of flats", "住宅楼") refines it to flats too (made precise
        # 2026-12-01 with dev9); a loose residential word ("residents", "the stairwell") does not.
        said = cues.building_type or (cues.building_use if cues.building_use not in (None, "residential") and not cues.use_is_tenant else None)
        use = said if (said and b.use[i] in ("mixed", "empty")) else b.use[i]
        poi_use = _poi_use(match.category) if match.kind != "street" else _named_place_use(city, text, g)
        if poi_use and use in ("mixed", "empty", "office"):  # Hotel Kämp: tourism=hotel on an untagged (or "commercial") block
            use = poi_use
        use = care_home_use(use, cues.care_home)  # occupied day and night (session 20)
        c = g.representative_point()
        label = b.name[i] or (f"{match.name} {number}" if number else b.label(i))
        if b.footprint_m2(i) < CUT_FOOTPRINT_M2:
            # The extract's boundary cut this building's outline to a sliver: it keeps the map's storeys and use, but
            # its floor area is the assumed block's (drawn, it would hold nobody).
            g = geo.assumed_footprint((c.x, c.y), ASSUMED_FOOTPRINT_M2)
            return g, BuildingInfo(label=label, footprint_m2=ASSUMED_FOOTPRINT_M2, floors=b.floors(i), use=use, source="cut", occupants=0), (c.x, c.y)
        return g, BuildingInfo(label=label, footprint_m2=round(b.footprint_m2(i), 1), floors=b.floors(i), use=use, source="osm", occupants=0), (c.x, c.y)
    label = (f"{match.name} {number}" if number else match.name) if known else f"the building named in the report, in {match.name}"
    g = geo.assumed_footprint((x, y), ASSUMED_FOOTPRINT_M2)
    use = care_home_use((None if cues.use_is_tenant else cues.building_use) or "mixed", cues.care_home)
    return g, BuildingInfo(label=label, footprint_m2=ASSUMED_FOOTPRINT_M2, floors=float(cues.storeys or DEFAULT_LEVELS), use=use, source="assumed", occupants=0), (x, y)


