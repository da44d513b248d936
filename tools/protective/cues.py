"""Protective-action cues in a report (English and Chinese): the determinants that change the row.

A small, documented keyword extractor, focused on what ``tools/PROTECTIVE_ACTIONS.md``
section 2 lists: setting (indoors / outdoors), release scale, material, symptoms, fire
spread, structural damage, people trapped, building use, occupant count, time of day and
wind. It is deliberately separate from the dispatch "response determinants" extractor
(``tools/determinants.py``); both return flat dataclasses of named cues, so they can be
merged later by field name.

Every cue is a regular expression over the lower-cased report; an English cue preceded
within a few words by a negation ("no", "nobody", "not", "without"; Chinese 没有/无/未) is
ignored, so "nobody is ill" is not a symptom.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from core.hazard_words import carbon_monoxide_said
from core.text import check_text, to_simplified
from tools.protective import cue_words as W
from tools.protective.wind import read_wind
from tools.report_words import parse_number

Setting = Literal["indoor", "outdoor"]

_NEG_EN = re.compile(r"\b(no|not|nobody|nothing|none|without|never|isn't|aren't|wasn't|no one|neither|nor|zero)\b[^.;,!?]{0,30}$")
_NEG_ZH = re.compile(r"(没有|无|未|不)[^，。；！？]{0,4}$|没[^，。；！？]?$")
# A Chinese cue spanning a negation ("走廊里还没烟": no smoke in the corridor yet) is negated too;
# only inside the match, since some cues start with one (无人看管, unattended).
_NEG_ZH_INSIDE = re.compile(r"(没有|没|无|未)")


def _matches(text: str, pattern: str) -> Iterator[re.Match]:
    """The matches of ``pattern`` not negated just before them (nor, in Chinese, inside them)."""
    for m in re.finditer(pattern, text):
        before = text[max(0, m.start() - 40):m.start()]
        if not (_NEG_EN.search(before) or _NEG_ZH.search(before[-6:]) or _NEG_ZH_INSIDE.search(m.group(0)[1:])):
            yield m


def _find(text: str, pattern: str) -> re.Match | None:
    """First match of ``pattern`` not negated."""
    return next(_matches(text, pattern), None)


def _has(text: str, *patterns: str) -> bool:
    return any(_find(text, p) for p in patterns)





@dataclass
class ProtectiveCues:
    """Determinants of the protective action found in one report (None: not said)."""

    hazard_hint: str | None = None
    setting: Setting | None = None
    indoors_too: bool = False            # a place inside a building is named, even if an outdoor one comes first (gas entering a building)
    scale: Literal["small", "large"] | None = None
    material: str | None = None          # chlorine, ammonia, other_tih, flammable_gas, flammable_liquid, corrosive, solid, unknown, explosive_1_4, explosive_1_x
    toxic_gas: str | None = None         # the name of an "other_tih" gas said ("hydrogen sulphide"); None: not named
    gas_odour: bool = False
    symptoms: bool = False
    strong_odour: bool = False
    common_area: bool = False
    indoor_chemical: bool = False
    cloud: bool = False
    fire: bool = False
    alarm_only: bool = False
    fire_spread: bool = False
    smoke_in_stairwell: bool = False
    fully_involved: bool = False
    between_buildings: bool = False
    cylinders: bool = False
    tank_vehicle: bool = False
    material_burning: bool = False
    outdoor_object: bool = False
    gas_enters: bool = False             # gas or its smell is said to get into a building from outside
    window_fire: bool = False            # flames or smoke in or out of a building's window: a fire in that building
    trapped: bool = False
    structure: str | None = None         # element, partial, threatening, ground, minor
    tremor: bool = False
    falling_objects: bool = False
    storm_damage: bool = False
    weather: bool = False
    attacker: bool = False
    barricade: bool = False
    weapon: str | None = None            # firearm, other
    disorder: bool = False
    suspicious: bool = False
    bomb_threat: bool = False
    item_size: str | None = None
    outage: bool = False
    frost: bool = False
    long_outage: bool = False
    medical_devices: bool = False
    cannot_self_evacuate: bool = False   # bedridden, in wheelchairs, a care home or ward: carried out, wait indoors
    care_home: bool = False              # a care home, nursing home, 养老院, hoivakoti, ålderdomshem: occupied day and night
    live_wire: bool = False
    hot_water: bool = False
    stuck_lift: bool = False
    stranded_cold: bool = False          # people stranded outdoors in the cold (locked out, a station closed): taken to a warm place
    carbon_monoxide: bool = False        # the gas named, or a fuel-burning source said to burn indoors (a generator, a charcoal grill)
    flood: bool = False
    water_into_building: bool = False
    local_water: bool = False
    waterfront: bool = False
    sea: bool = False
    water_level_m: float | None = None
    building_use: str | None = None
    use_is_tenant: bool = False          # the use comes from a business inside a block (restaurant, shop), not the whole building
    building_type: str | None = None     # the report's word for the whole building's type ("a block of flats": residential)
    use_from_common_area: bool = False   # residential read only from a shared part's word (the stairwell, 楼道): any building has one
    storeys: int | None = None           # the building's height the report gives ("a 4-storey block", "六层楼")
    occupants: int | None = None
    occupants_part: int | None = None    # a count of one part of the building only (a hall, a tenant): a lower bound
    dependents: int | None = None        # U2: dependent persons to relocate, when the report counts them
    fire_floor: int | None = None
    tenant_floor: int | None = None      # the floor the report puts the business inside the block on ("our office is on the 2nd floor")
    top_floor: bool = False              # the incident is on the building's top floor ("the top-floor flat", 顶层)
    hour: int | None = None
    night: bool | None = None
    wind_from_deg: float | None = None
    wind_speed_ms: float | None = None
    wind_before_deg: float | None = None  # where the wind came from before the change the report tells of: context only
    wind_variable: bool = False
    litres: float | None = None
    found: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, False, []) or k == "found"}


def _number(s: str) -> int | None:
    s = s.replace(",", "").replace(" ", "")
    return int(s) if s.isdigit() else None


def _hazard_hint(c: ProtectiveCues, text: str) -> str | None:
    """A fallback hazard type from the cues, for when no triage type is given."""
    if c.attacker or c.barricade or c.disorder or c.suspicious or c.bomb_threat:
        return "public_security"
    if c.material in ("explosive_1_4", "explosive_1_x") and not c.fire:
        return "hazmat"
    if c.fire and not (c.alarm_only and not _has(text, r"\b(flames|smoke)\b", r"(明火|浓烟)")):
        return "fire"
    if c.gas_odour or c.material or c.indoor_chemical or c.cloud:
        return "hazmat"
    if c.flood or c.water_into_building or c.local_water or c.water_level_m is not None:
        return "flood"
    if c.structure in ("partial", "threatening", "ground", "element") or c.tremor:
        return "earthquake_collapse"
    if c.live_wire or c.hot_water or c.outage:
        return "utility_outage"
    if c.falling_objects or c.storm_damage or c.weather:
        return "severe_weather"
    return None


FLAGS: dict[str, list[str]] = {
    "gas_odour": W.GAS_ODOUR, "symptoms": W.SYMPTOMS, "strong_odour": W.STRONG_ODOUR, "common_area": W.COMMON_AREA, "indoor_chemical": W.INDOOR_CHEMICAL,
    "cloud": W.CLOUD, "fire": W.FIRE_WORDS, "alarm_only": W.ALARM_ONLY, "fire_spread": W.FIRE_SPREAD, "smoke_in_stairwell": W.SMOKE_STAIRWELL,
    "fully_involved": W.FULLY_INVOLVED, "between_buildings": W.BETWEEN_BUILDINGS, "cylinders": W.CYLINDERS, "tank_vehicle": W.TANK_VEHICLE,
    "material_burning": W.MATERIAL_BURNING, "outdoor_object": W.OUTDOOR_FIRE_OBJECT, "window_fire": W.WINDOW_FIRE, "gas_enters": W.GAS_ENTERS, "trapped": W.TRAPPED, "tremor": W.TREMOR,
    "falling_objects": W.FALLING, "storm_damage": W.STORM_DAMAGE, "weather": W.WEATHER, "attacker": W.ATTACKER, "barricade": W.BARRICADE,
    "disorder": W.DISORDER, "suspicious": W.SUSPICIOUS, "bomb_threat": W.BOMB_THREAT, "outage": W.OUTAGE, "frost": W.FROST, "long_outage": W.LONG_OUTAGE,
    "medical_devices": W.MEDICAL_DEVICES, "cannot_self_evacuate": W.CANNOT_SELF_EVACUATE, "care_home": W.CARE_HOME, "live_wire": W.LIVE_WIRE, "hot_water": W.HOT_WATER, "stuck_lift": W.STUCK_LIFT, "flood": W.FLOOD_WORDS,
    "water_into_building": W.WATER_INTO_BUILDING, "local_water": W.LOCAL_WATER, "waterfront": W.WATERFRONT, "sea": W.SEA, "wind_variable": W.WIND_VARIABLE,
}


def extract_protective_cues(text: str) -> ProtectiveCues:
    """The protective-action determinants stated in a report (English or Chinese).

    An empty report states none; bytes, binary data, over-long text or a non-text value is an InputError.
    """
    if not isinstance(text, str) or text.strip():
        text = check_text(text, what="report")
    return read_protective_cues(text)


def read_open_place_cues(text: str) -> ProtectiveCues:
    """The report's cues once the place it names is known to be no building (a station or entrance the map has as a
    point, a square): the place's own words (station, entrance, its stairs) name no building, and unless the report
    says the hazard is inside one (or inside the station, on its platform) it is outdoors."""
    c = read_protective_cues(W.OPEN_PLACE_OWN.sub(lambda m: " " * len(m.group(0)), text))
    said = " ".join(to_simplified(text).lower().split())
    if c.setting != "indoor" and (W.INSIDE_STATION.search(said) or _down_in_a_station(said)):
        # read before the station's words are blanked: the hazard or its people are inside the station (its platform)
        c.setting = "indoor"
        c.found.append("inside_station")
    if c.setting != "indoor":
        c.setting = "outdoor"
        c.found.append("open_place_from_map")
    return c


def _down_in_a_station(said: str) -> bool:
    """"Down there" in a report that names a station or an underground place: people or the hazard below the street,
    inside it. Of any other open place (a square seen from a window) it says nothing about indoors."""
    return bool(W.DOWN_THERE.search(said) and W.STATION_OR_UNDERGROUND.search(said))


def read_protective_cues(text: str) -> ProtectiveCues:
    """The cues of a report already checked by ``core.text.check_text`` (the planner checks it once, for all its steps)."""
    # The cue words are written in simplified characters; a report in traditional ones (車站大廳裡) says the same.
    text = to_simplified(text)
    t = " ".join(text.lower().split())
    c = ProtectiveCues()
    for name, pats in FLAGS.items():
        if _has(t, *pats):
            setattr(c, name, True)
            c.found.append(name)
    if c.outdoor_object and not _has(W.CALLER_JOB.sub(_blank, t), *W.OUTDOOR_FIRE_OBJECT):  # "bike courier here": the caller's job
        c.outdoor_object = False
        c.found.remove("outdoor_object")
    for name, said in (("window_fire", _window_fire), ("gas_enters", _gas_enters)):
        if getattr(c, name) and not any(said(t, m) for p in FLAGS[name] for m in _matches(t, p)):
            setattr(c, name, False)
            c.found.remove(name)
    if c.care_home and all(_a_neighbour(t, m) for p in FLAGS["care_home"] for m in _matches(t, p)):
        # a care home named only as where the building is ("the flats next door to the care home", "养老院旁边的居民楼"):
        # the building is not one, and counts its own use's people (review s20: the flats were counted as a care home)
        c.care_home = False
        c.found.remove("care_home")
    if c.common_area and not _has(W.COMMON_AREA_CLEAR.sub(" ", t), *W.COMMON_AREA):  # "the hallway smells normal"
        c.common_area = False
        c.found.remove("common_area")
    if carbon_monoxide_said(text) and not c.gas_odour and not c.fire:
        # carbon monoxide told by its source ("开着汽油发电机取暖", "a charcoal grill lit in the living room"): a gas in the
        # building, as its names are (trial s20 H2: read as a petrol spill, H3)
        c.carbon_monoxide = c.gas_odour = True
        c.found.append("carbon_monoxide")
    elif c.gas_odour and carbon_monoxide_said(text):
        c.carbon_monoxide = True
    if _has(t, *W.STRANDED_OUTDOORS) and _has(t, *W.COLD):
        c.stranded_cold = True
        c.found.append("stranded_cold")
        if c.trapped and not _has(W.STRANDED_OUTDOORS_RE.sub(" ", t), *W.TRAPPED):
            c.trapped = False  # stranded outside is not trapped inside
            c.found.remove("trapped")
    c.setting = _setting(t)
    c.indoors_too = _indoors_too(t)
    c.material = _material(t, c.gas_odour)
    if c.material == "other_tih":
        c.toxic_gas = next((name for name, pats in W.TIH_NAMES if _has(t, *pats)), None)
    if (m := W.LITRES.search(t)) and (n := _number(m.group(1))) is not None:
        c.litres = float(n)
    elif (m := W.CUBIC_M.search(t)):
        c.litres = float(m.group(1).replace(",", ".")) * 1000.0
    c.scale = _scale(t, c.litres)
    c.structure = _structure(t)
    if c.attacker or c.barricade:
        c.weapon = "firearm" if _has(t, *W.FIREARM) else ("other" if _has(t, *W.OTHER_WEAPON) else None)
    c.item_size = next((size for size, pats in W.ITEM_SIZES if _has(t, *pats)), None)
    c.building_use, c.use_is_tenant = _building_use(t, " ".join((text or "").split()))
    if c.building_use == "residential":
        c.use_from_common_area = _building_use(W.COMMON_AREA_USE_WORDS.sub(_blank, t))[0] != "residential"
    c.building_type = next((use for use, pats in W.BUILDING_TYPES if any(_find(t, p) for p in pats)), None)
    if c.building_type and (c.building_use is None or (c.building_use == "residential" and c.building_type == "residential")):
        c.building_use = c.building_type  # "a fire in the block of flats": the building's own word, no business named
    c.occupants, c.occupants_part = _occupants(t, tenant=c.use_is_tenant and W.OTHERS_IN_BUILDING.search(t) is not None)
    c.fire_floor = _floor(t)
    if c.use_is_tenant and not W.DWELLING_BURNING.search(t):  # a flat the report says is burning is no business's fire
        c.tenant_floor = _tenant_floor(t)
    c.top_floor = W.TOP_FLOOR.search(t) is not None
    c.storeys = _storeys(t)
    if c.medical_devices:
        c.dependents = _dependents(t)
    c.water_level_m = _water_level(t)
    c.hour, c.night = _time_of_day(t)
    wind = read_wind(t)
    c.wind_from_deg, c.wind_speed_ms, c.wind_before_deg = wind.from_deg, wind.speed_ms, wind.before_deg
    c.hazard_hint = _hazard_hint(c, t)
    return c


def _clause_before(t: str, m: re.Match) -> str:
    """The words of the match's clause before it (back to the last comma or sentence end)."""
    return re.split(r"[,.;!?，。；！？]", t[:m.start()])[-1]


def _window_fire(t: str, m: re.Match) -> bool:
    """A window-fire match says the fire is in or comes out of the window, not that it is seen from, through or in it."""
    if W.WINDOW_INWARD.search(m.group(0)):  # smoke getting in from a fire outside
        return False
    said = _clause_before(t, m) + " " + m.group(0)
    if W.WINDOW_REFLECTED.search(said) or W.WINDOW_SEEN_ZH.search(m.group(0)):
        return False
    return not (W.WINDOW_SEEN.search(said) and W.WINDOW_VANTAGE.search(m.group(0)) and not W.WINDOW_EMITTED.search(m.group(0)))


def _gas_enters(t: str, m: re.Match) -> bool:
    """Gas said to get in, not hardly or no longer ("hardly any smell getting in", "we stopped the smell coming in")."""
    return not W.GAS_KEPT_OUT.search(_clause_before(t, m))


def _vehicle_in_building(t: str) -> bool:
    """A vehicle is named with a place inside a building; a bare "inside" ("the driver is still inside") or the
    inside of a vehicle ("inside the bus") is no building's."""
    if not W.VEHICLE_WORDS.search(t):
        return False
    for p in W.INDOOR:
        for m in _matches(t, p):
            if m.group(0) not in ("inside", "indoors"):
                return True
            if (after := re.match(r" (?:the|a|an|this|that|our|their|his|her)(?: [\w-]+\b){1,2}", t[m.end():])) and not W.VEHICLE_WORDS.search(after.group(0)):
                return True
    return False


def _setting(t: str) -> Setting | None:
    """Indoors or outdoors: the place said first is usually where the incident is.

    "On <street>" after a named place is that place's address ("the caretaker at the Sibelius-Akatemia on Pohjoinen Rautatiekatu"),
    not a sign that the incident is in the street.
    """
    t = W.CALLER_JOB.sub(_blank, t)
    if _find_pos(t, W.INDOOR[:2]) is not None:  # a parking hall or garage in a building: a vehicle there is indoors (round 3)
        return "indoor"
    at_street = W.PLACE_ON_STREET.sub(lambda m: m.group(1) + " " * len(m.group(2)), t)
    # The caller standing outside ("I'm on the pavement outside the lab") does not put a hazard the report places
    # elsewhere out in the street: such a clause is left out, unless nothing else in the report places the hazard. A
    # caller inside a building ("we are inside the chapel") usually speaks of that building: that clause stays.
    def outside(m: re.Match) -> str:
        return _blank(m) if _find_pos(m.group(0), W.OUTDOOR) is not None else m.group(0)

    if _vehicle_in_building(t):  # "the lorry in the loading bay inside the warehouse": not a vehicle in the street
        at_street = W.VEHICLE_WORDS.sub(_blank, at_street)
    indoor, outdoor = _find_pos(W.CALLER_PLACE.sub(outside, t), W.INDOOR), _find_pos(W.CALLER_PLACE.sub(outside, at_street), W.OUTDOOR)
    if indoor is None and outdoor is None:
        indoor, outdoor = _find_pos(t, W.INDOOR), _find_pos(at_street, W.OUTDOOR)
    if indoor is None and outdoor is None:
        return None
    return "indoor" if outdoor is None or (indoor is not None and indoor <= outdoor) else "outdoor"


def _blank(m: re.Match) -> str:
    """The match's span as spaces: the words are gone, the positions of the rest stay."""
    return " " * len(m.group(0))


def _material(t: str, gas_odour: bool) -> str | None:
    """The material class, most specific first (household chlorine or ammonia products are corrosive liquids).

    A household product is named as one (bleach, a cleaner, a bottle, a solution, pool chlorine): a drum, a canister or a spill of
    chlorine or ammonia said with no such word is the gas itself, shipped liquefied, a toxic release (ERG Table 1)."""
    # "Pool chlorine" sold in canisters is sodium hypochlorite solution, a corrosive liquid like bleach.
    household = _has(t, r"\b(bleach|cleaner|cleaning|detergent|solution|bottle|liquid|puddle|can of|pool chlorine|chlorine for (the )?(swimming )?pools?)\b",
                     r"(漂白|清洁|洗涤|瓶|泳池用?氯)") \
        and not _has(t, r"\b(gas|cylinder|tank|cloud|tanker|valve|rail car|tank car)\b", r"(气瓶|钢瓶|液氯|液氨|气体|罐|云|阀)")
    # 钢瓶 (a steel cylinder) is no 瓶 (bottle) of a product, and 液氯 / 液氨 (liquefied chlorine / ammonia) is the
    # industrial gas itself (trial s16: "液氯钢瓶泄漏" read as household bleach got the corrosive-spill row).
    # Pool chlorine (calcium hypochlorite granules, tablets) is a solid oxidizer, not a toxic gas release.
    solid_product = _has(t, r"\b(granules|granular|tablets|pellets|powder|hypochlorite|sack|bag of)\b", r"(颗粒|片剂|粉末|次氯酸钙|袋)") \
        and not _has(t, r"\b(gas|cylinder|tank|cloud|tanker|valve|fumes|vapou?r|smell\w*|odou?r|cough\w*|mixed)\b", r"(气瓶|气体|罐|云|阀|气味|咳嗽|混)")
    for name, pats in W.TIH.items():
        if _has(t, *pats):
            return "solid" if solid_product else ("corrosive" if household else name)
    named_gas = _has(t, r"\b(propane|butane|lpg|natural gas|gas main|gas pipe|acetylene|methane|hydrogen)\b", r"(丙烷|丁烷|液化气|天然气|燃气|煤气|乙炔)")
    checks = [("explosive_1_4", _has(t, *W.EXPLOSIVE_14)), ("explosive_1_x", _has(t, *W.EXPLOSIVE_1X)), ("unknown", _has(t, *W.UNKNOWN_MATERIAL)),
              ("flammable_liquid", not gas_odour and not named_gas and _has(t, *W.FLAMMABLE_LIQUID)),
              ("flammable_gas", gas_odour or _has(t, *W.FLAMMABLE_GAS)), ("flammable_liquid", _has(t, *W.FLAMMABLE_LIQUID)),
              ("corrosive", _has(t, *W.CORROSIVE)), ("unknown", _has(t, *W.UNKNOWN_LOOK)), ("solid", _has(t, *W.SOLID))]
    return next((name for name, hit in checks if hit), None)


def _building_use(t: str, written: str = "") -> tuple[str | None, bool]:
    """The building's use the report names, and whether only a business inside it was named (a tenant).

    ``written``: the report as written (case kept, same spacing as ``t``), to tell a business's name from
    the report's word for the building.
    """
    written = written if len(written) == len(t) else ""
    for use, pats in W.USES:
        found = [m for p in pats if (m := _find(t, p)) and not _a_neighbour(t, m)]
        if found:
            return use, all(W.TENANT.fullmatch(m.group(0).strip()) or _on_a_floor(t, m) or _possessed(t, m) or _in_business_name(written, m) for m in found)
    return None, False


# A use word that only says where the building is ("the flats near the Kiasma museum", "学校旁边的居民楼") names a
# neighbour, not the building on fire: the relation before it (English), or after it (Chinese). "Behind" / 后面 are left
# out: "smoke behind the supermarket" is as often its own back room.
_NEIGHBOUR_BEFORE = re.compile(r"\b(?:near|next to|next door to|beside|by|opposite|across from|across the (?:street|road) from|close to|"
                               r"round the corner from|around the corner from)\s+(?:the\s+|a\s+|an\s+)?(?:[\w'-]+\s+){0,2}$")
_NEIGHBOUR_AFTER = re.compile(r"\s*(?:的)?(?:旁边|附近|对面|隔壁|边上|周边)")


def _a_neighbour(t: str, m: re.Match) -> bool:
    start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
    return _NEIGHBOUR_BEFORE.search(t[max(0, start - 60):start]) is not None or _NEIGHBOUR_AFTER.match(t[m.end():]) is not None


_WORD_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "twelve": 12, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# "a 4-storey block", "four storey apartment building", "it's 5 stories", "六层楼", "一栋八层的楼" (not "3rd floor", "三楼")
_STOREYS = re.compile(r"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve)[- ]?(?:storey|story|stories|storeys|floor(?=[- ](?:building|block|house)))\b"
                      r"|(\d{1,2}|[一二两三四五六七八九十])\s*层(?:高)?(?:的)?(?:楼|住宅|建筑|公寓|大楼)")


def _storeys(t: str) -> int | None:
    """The building's storeys the report gives, or None (1 to 40)."""
    m = _STOREYS.search(t)
    if m is None:
        return None
    word = m.group(1) or m.group(2)
    n = int(word) if word.isdigit() else _WORD_COUNTS.get(word)
    return n if n and 1 <= n <= 40 else None


def _tenant_floor(t: str) -> int | None:
    """The floor the report puts a business of the block on, said with the business itself ("our office is on the 2nd
    floor", "the agency has the 4th floor", "我们的诊所在三楼", "三楼的诊所"); None when no business is placed so."""
    for m in W.BUSINESS_KIND.finditer(t):
        after = W.TENANT_FLOOR_AFTER.match(t[m.end():m.end() + 40])
        before = W.TENANT_FLOOR_BEFORE.search(t[max(0, m.start() - 12):m.start()])
        for said in (after, before):
            if said is not None and (n := _floor(said.group(0))) is not None:
                return n
    return None


def _on_a_floor(t: str, m: re.Match) -> bool:
    """Whether the business word ``m`` is placed on one floor of the block ("一楼是一家小超市", "the ground-floor bank")."""
    word = m.group(0).strip()
    start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
    return bool(W.BUSINESS_KIND.fullmatch(word)) and (W.ON_A_FLOOR_BEFORE.search(t[:start]) is not None
                                                      or W.ON_A_FLOOR_AFTER.match(t[start + len(word):]) is not None)


def _possessed(t: str, m: re.Match) -> bool:
    """Whether the business word ``m`` is the caller's or someone's own premises ("at our office", "我们办公室"):
    one tenant's unit of the block, not the building (spec 5a)."""
    word = m.group(0).strip()
    start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
    return bool(W.BUSINESS_KIND.fullmatch(word)) and W.POSSESSIVE_BEFORE.search(t[:start]) is not None


def _in_business_name(written: str, m: re.Match) -> bool:
    """Whether the use word ``m`` is part of a named business ("K-Supermarket Kaisaniemi", "the Lidl supermarket").

    Spec 5a: a business inside the block does not set the building's use, and a use word in the business's name
    says what the business is, not what the building is. English names are told by their capitals; a Chinese
    business word by the Latin brand written before it ("Alepa超市").
    """
    word = m.group(0).strip()
    if not written or not W.BUSINESS_KIND.fullmatch(word):
        return False
    start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
    before, after = written[:start], written[start + len(word):]
    if W.WHOLE_BUILDING_AFTER.match(after):  # "the Sanoma office building": the building itself
        return False
    if re.search(r"[\u4e00-\u9fff]", word):
        return W.LATIN_BEFORE_CJK.search(before) is not None
    if W.NAME_BEFORE_GLUED.search(before):
        return True
    if (b := W.NAME_BEFORE_WORD.search(before)) is not None:
        opening = before[:b.start()].rstrip()
        if opening and opening[-1] not in ".!?:;\"'(":  # a capital that opens a sentence is no name ("Small shop on fire")
            return True
    return written[start].isupper() and W.NAME_AFTER.match(after) is not None


def _floor(t: str) -> int | None:
    """The floor of the incident, the first one named (1 = ground floor): "5th floor", "floor 5", "五楼", "third floor"."""
    found = []
    if (m := W.FLOOR_OF.search(t)):
        found.append((m.start(), int(next(g for g in m.groups() if g))))
    if (m := W.FLOOR_WORD.search(t)):
        found.append((m.start(), (parse_number(m.group(3)) or 1) if m.group(3) else W.FLOOR_WORDS.get(m.group(1) or "", 1)))
    return min(found)[1] if found else None


def _dependents(t: str) -> int | None:
    """Persons on powered medical devices the report counts, in the sentences that name the devices (U2): the count said
    of the device's users ("40 residents, 12 on oxygen": 12, a subset is not its whole), else the sentence's first count
    of people; each device's users counted once (the largest count said of them), the devices' groups added up."""
    by_device: dict[str, int] = {}
    for sentence in re.split(r"(?<=[.!?。！？；;])\s*", t):
        if not _has(sentence, *W.MEDICAL_DEVICES):
            continue
        m = W.DEPENDENTS_ON_DEVICE.search(sentence) or W.DEPENDENTS.search(sentence)
        n = parse_number(m.group(1) or m.group(2)) if m else None
        if not n:
            continue
        kind = W.DEVICE_KIND.search(sentence, m.start()) or W.DEVICE_KIND.search(sentence)
        key = kind.group(0).lower() if kind else sentence
        by_device[key] = max(by_device.get(key, 0), n)
    return sum(by_device.values()) or None


def _scale(t: str, litres: float | None) -> str | None:
    """Spec section 2: large is more than about 200 L, a breached tank or many packages."""
    if _has(t, *W.LARGE) or (litres is not None and litres > 200):
        return "large"
    if _has(t, *W.SMALL) or (litres is not None and litres <= 200):
        return "small"
    return None


def _structure(t: str) -> str | None:
    """Structural damage, most severe first: threatening neighbours, partial collapse, ground, an element, minor."""
    no_damage = _has(t, *W.NO_STRUCTURAL_DAMAGE)
    for name, pats in (("threatening", W.STRUCT_THREAT + W.FULL_COLLAPSE), ("partial", W.STRUCT_PARTIAL), ("ground", W.GROUND),
                       ("element", W.STRUCT_ELEMENT_FAILED), ("minor", W.NO_STRUCTURAL_DAMAGE if no_damage else []), ("element", W.STRUCT_ELEMENT), ("minor", W.MINOR_DAMAGE)):
        if _has(t, *pats):
            return name
    return None


# "隔壁药店里闻不到": a place inside a building, then "cannot smell it there": the gas has not entered it.
_NOT_THERE_ZH = re.compile(r"^[^，。；！？,.;]{0,6}(闻不到|闻不出|感觉不到|没有(味|气味|烟|闻到)|没(味|闻到))")


def _indoors_too(t: str) -> bool:
    """A place inside a building is named (not one where the report says the hazard is absent)."""
    return any(not _NOT_THERE_ZH.search(t[m.end():]) for p in W.INDOOR for m in _matches(t, p))


def _find_pos(text: str, patterns: list[str]) -> int | None:
    pos = [m.start() for p in patterns if (m := _find(text, p))]
    return min(pos) if pos else None


def _occupants(t: str, tenant: bool = False) -> tuple[int | None, int | None]:
    """The count of the people present the report gives, and a count of only a part of them (spec 5a).

    Counts in digits and in words are read alike; counts of groups joined by "and" / "plus" add up ("890 in the
    audience plus some 60 staff" = 950); of several counts the largest stands. A count the report gives for one
    part (one hall, class, tenant's office or event: "120 of us in this gym") is no count of the building's
    occupants; it is returned apart, as a lower bound. "just the night guard and me in the building" is all who
    are there, small as it is. ``tenant``: the report speaks from a business inside the block and says others are in the
    building too, so a count "we" give, or one given in a sentence that names the business, is that business's people, a part.
    """
    # (pattern, groups holding the count, groups holding the caller: "and me", 我和)
    for pattern, counts, callers in ((W.ONLY_PRESENT, (1, 4, 6), (2, 3, 5)), (W.NOBODY_ELSE, (1, 4), (2, 3, 5))):
        if (m := pattern.search(t)):
            raw = next(m.group(g) for g in counts if m.group(g))
            if (n := _count_word(raw) if not raw.isdigit() else int(raw)):
                return n + (1 if any(m.group(g) for g in callers) else 0), None
    ends = [m.end() for m in _SENTENCE_END.finditer(t)]
    # The report places "us" in one room, hall or tenant anywhere ("the choir rehearses in the back room. ... ten of
    # us are here"): a count "we" give in another sentence is of that part too.
    we_in_a_part = W.PARTIAL_COUNT.search(t) is not None or W.GROUP_ROOM.search(t) is not None
    partial: dict[int, bool] = {}  # by sentence: a hostile report may hold thousands of counts in one
    whole = part = None
    chain, chain_end, terms = 0, -1, 0
    for n, start, end in _counts(t):
        i = bisect.bisect_right(ends, start)
        if i not in partial:
            sentence = t[ends[i - 1] if i else 0:ends[i] if i < len(ends) else len(t)]
            ours = W.FIRST_PERSON_COUNT.search(sentence) is not None
            partial[i] = (_partial_sentence(sentence) or ((tenant and (ours or W.TENANT_IN.search(sentence) is not None) or (ours and we_in_a_part))
                                                          and W.WHOLE_COUNT.search(sentence) is None))
        if partial[i] or W.PART_AFTER.match(t[end:end + 60]):
            part = max(part or 0, n)
            chain, chain_end, terms = 0, -1, 0
            continue
        # groups of one gathering ("the audience plus the staff plus the cast") are a few; a longer run of counts
        # is a list, not one crowd, and is not summed
        joined = chain_end >= 0 and terms < W.MAX_JOINED_GROUPS and W.COUNT_JOIN.fullmatch(t[chain_end:start])
        chain, terms = (chain + n, terms + 1) if joined else (n, 1)
        chain_end = end
        if chain <= W.MAX_OCCUPANTS:  # more than the largest venue holds is no count of the people present
            whole = max(whole or 0, chain)
    return whole, part


def _counts(t: str) -> list[tuple[int, int, int]]:
    """Counts of people present (value, start, end) in reading order; of overlapping ones the longest."""
    found = sorted((c for c in (*_digit_counts(t), *_hundreds_counts(t), *_crowd_counts(t), *_word_counts(t), *_tickets_counts(t))
                    if not W.CAPACITY_BEFORE.search(t[max(0, c[1] - 30):c[1]])), key=lambda c: (c[1], c[1] - c[2]))
    kept: list[tuple[int, int, int]] = []
    for c in found:
        if kept and c[1] < kept[-1][2]:
            if c[2] - c[1] > kept[-1][2] - kept[-1][1]:
                kept[-1] = c
            continue
        kept.append(c)
    return kept


def _digit_counts(t: str) -> Iterator[tuple[int, int, int]]:
    for m in W.OCCUPANTS.finditer(t):
        n = _number(next((g for g in m.groups() if g), ""))
        # A handful of people is about casualties ("two people dizzy"), not the building's occupants; so is a
        # count of people something happened to ("12 people coughing").
        if n is not None and n >= W.MIN_OCCUPANTS and not W.CASUALTY_AFTER.match(t[m.end():]):
            yield n, m.start(), m.end()
    for m in (*W.FULL_HOUSE.finditer(t), *W.PRESENT_IN.finditer(t)):
        n = _number(m.group(1)) or _count_word(m.group(1))
        if n is not None and n >= W.MIN_OCCUPANTS:
            yield n, m.start(1), m.end()
    for m in W.CAPACITY.finditer(t):
        n = _number(m.group(1)) if m.group(1) else _count_word(m.group(2)) if not m.group(2).isdigit() else int(m.group(2))
        sentence = t[m.start():][:120].split(".")[0] if m.group(1) else re.split(r"[。！？；]", t[m.start():][:60])[0]
        full = W.FULLNESS.search(sentence)
        if n and full:
            n = n // 2 if (full.group(1) or full.group(2)) else n
            if n >= W.MIN_OCCUPANTS:
                yield n, m.start(), m.end()


def _hundreds_counts(t: str) -> Iterator[tuple[int, int, int]]:
    for m in W.WORD_HUNDREDS.finditer(t):
        if m.group(1):
            n = 100 * (parse_number(m.group(1)) or 1) + (_count_word(m.group(2)) or 0 if m.group(2) else 0)  # "several hundred": 300
        elif m.group(4):
            n = (parse_number(m.group(4)) or 1) * (100 if m.group(5) == "百" else 1000)
        else:
            n = _number(m.group(6)) or 0
        if n:
            yield n, m.start(), m.end()


def _tickets_counts(t: str) -> Iterator[tuple[int, int, int]]:
    for m in (*W.TICKETS_SOLD_ZH.finditer(t), *W.SEATS_TAKEN.finditer(t)):
        raw = m.group(1) or m.group(2)
        n = _number(raw) if raw[0].isdigit() else _count_word(raw)
        if n and n >= W.MIN_OCCUPANTS:
            yield n, m.start(), m.end()


def _crowd_counts(t: str) -> Iterator[tuple[int, int, int]]:
    for m in (*re.finditer(r"\b(a hundred|hundreds|dozens)\s+(people|persons|residents|guests|students|workers|children|shoppers|visitors)\b", t), *W.CROWD_ZH.finditer(t)):
        if (n := W.CROWD_WORDS.get(m.group(1)) or parse_number(m.group(1))):
            yield n, m.start(), m.end()


def _word_counts(t: str) -> Iterator[tuple[int, int, int]]:
    for m in W.COUNT_IN_WORDS.finditer(t):
        n = _count_word(m.group(1) or m.group(2))
        if n is not None and n >= W.MIN_OCCUPANTS and not W.CASUALTY_AFTER.match(t[m.end():]):
            yield n, m.start(), m.end()


_SENTENCE_END = re.compile(r"[!?;。！？；]|\.(?!\d)")


def _partial_sentence(sentence: str) -> bool:
    """Whether a count in this sentence is of one part of the building, by the sentence's words."""
    return W.PARTIAL_COUNT.search(sentence) is not None and W.WHOLE_COUNT.search(sentence) is None


_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}


def _count_word(raw: str) -> int | None:
    """A count in words: English up to the thousands ("forty-five", "fourteen hundred", "five hundred and twenty"),
    or a Chinese numeral ("一百五十", "五十", "两百")."""
    if raw.isascii():
        return _en_number(raw)
    total = digit = 0
    for ch in raw:
        if ch in _ZH_UNITS:
            total, digit = total + (digit or 1) * _ZH_UNITS[ch], 0
        elif ch != "零":
            digit = parse_number(ch) or 0
    return total + digit or None


def _en_number(raw: str) -> int | None:
    """An English number in words, read whole: "seven hundred and forty" is 740, "fourteen hundred" 1,400."""
    total = current = 0
    for w in re.split(r"[- ,]+", raw.strip()):
        if w in ("", "and"):
            continue
        if w == "a":
            current = 1
        elif w == "hundred":
            current = (current or 1) * 100
        elif w == "thousand":
            total, current = total + (current or 1) * 1000, 0
        elif (n := parse_number(w)) is not None:
            current += n
        else:
            return None
    return total + current or None


def _water_level(t: str) -> float | None:
    for m in W.WATER_LEVEL.finditer(t):
        raw = next((g for g in m.groups()[:3] if g), None)
        if raw is None:
            continue
        v = float(raw.replace(",", "."))
        unit = m.group(0)
        if "cm" in unit or "厘米" in unit:
            v /= 100.0
        if 0.2 <= v <= 5.0:
            return v
    return None


# A clock hour in Chinese: 晚上8点, 凌晨两点, 下午三点半, 七点一刻 (a quarter past). A number in characters counts only after a time word or
# before 半/钟/N分, or from 十 up (一点 alone is also "a little"; 晚一点 "a bit later", so 晚 alone only before digits).
_ZH_CLOCK = re.compile(r"(凌晨|清晨|早上|上午|中午|下午|傍晚|晚上|夜里|夜间|深夜|半夜|今晚|昨晚|晚(?=\s?\d))?\s?(\d{1,2}|二十[一二三]?|十[一二三四五六七八九]?|[一二两三四五六七八九])\s?[点時时](钟|半|[一三]刻|[零一二三四五六七八九十\d]{1,3}分)?")
# A half of the day said in Chinese just before a digital clock time: "晚上10:30" is 22:30.
_ZH_HALF_BEFORE = re.compile(r"(下午|傍晚|晚上|夜里|夜间|深夜|今晚|昨晚|晚)\s?$")
def _time_of_day(t: str) -> tuple[int | None, bool | None]:
    hour = None
    if (m := W.TIME_AMPM.search(t)):
        h = (parse_number(m.group(1)) or 0) % 12
        hour = h + (12 if m.group(3).startswith("p") else 0)
    elif (h := _clock_in_words(t)) is not None:  # before "five in the afternoon": "a quarter to five" is 16:45
        hour = h
    elif (m := W.TIME_OF_DAY_WORDS.search(t)):
        h = (parse_number(m.group(1)) or 0) % 12
        hour = h + 12 if m.group(4) in ("afternoon", "evening") or (m.group(3) == "at night" and h >= 5) else h
    elif (m := W.TIME_HHMM.search(t)) or (m := W.KLO.search(t)):
        hour = int(m.group(1) or m.group(3) or m.group(5))
        if hour < 12 and _ZH_HALF_BEFORE.search(t[:m.start()]):
            hour += 12
    elif (m := _ZH_CLOCK.search(t)) and (m.group(1) or m.group(2).isdigit() or m.group(3) or len(m.group(2)) >= 2):
        h = parse_number(m.group(2)) or 0
        if m.group(1) in ("下午", "傍晚") and h < 12:
            h += 12
        elif m.group(1) in ("晚上", "夜里", "夜间", "深夜", "半夜", "今晚", "昨晚", "晚") or (m.group(1) is None and _has(t, W.NIGHT_WORDS[1])):
            h = 0 if h == 12 else (h + 12 if 5 <= h < 12 else h)  # 夜里12点 is midnight, 深夜1点 is 01:00
        hour = h if h < 24 else None
    if hour is not None:
        return hour, not (7 <= hour <= 18)
    if _has(t, *W.NIGHT_WORDS):
        return None, True
    if _has(t, *W.DAY_WORDS):
        return None, False
    return None, None


def _clock_in_words(t: str) -> int | None:
    """The hour of a clock time said in words ("half five tonight" is 17:30, "quarter to seven in the morning" 06:45),
    when other words of the report say the half of the day: "tonight", "evening", "at night" make an hour from five on
    the evening's (half one tonight is 01:30)."""
    if (m := W.CLOCK_IN_WORDS.search(t)) is None or (h := parse_number(m.group(2))) is None:
        return None
    h = (h - 1 if m.group(1).endswith(" to") else h) % 12
    if W.AM_WORDS.search(t):
        return h
    if W.PM_WORDS.search(t):
        return h + 12
    if _has(t, W.NIGHT_WORDS[0]):
        return h + 12 if h >= 5 else h
    return None
