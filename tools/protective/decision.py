"""The protective-action decision table of ``tools/PROTECTIVE_ACTIONS.md``, as code.

``decide(hazard_type, cues, ...)`` walks the rows of the spec's section 3 for the hazard,
most specific first, and returns the row's actions, all-round radius, downwind sector,
building scope and whether reception shelters open, with the row id (F3, H9 ...) and a
one-line reason, so a plan can cite the row. Figures are the spec's: ERG, DHS and NFPA
figures as recalled there, and the project's own [demo] figures. Not for a real emergency.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from tools.protective.cues import ProtectiveCues

ActionKind = Literal["evacuate_area", "evacuate_building", "shelter_in_place", "isolate_deny_entry"]
ACTIONS: tuple[str, ...] = ("evacuate_area", "evacuate_building", "shelter_in_place", "isolate_deny_entry")
# Spec section 2: the default wind (prevailing in Helsinki) and the day hours.
DEFAULT_WIND_FROM_DEG = 225.0
DEFAULT_WIND_SPEED_MS = 5.0
DAY_HOURS = range(7, 19)
SECTOR_ANGLE_DEG = 60.0
SECTOR_ANGLE_LIGHT_WIND_DEG = 90.0
LIGHT_WIND_MS = 2.0

# DHS / NCTC bomb-threat stand-off: (mandatory evacuation m, preferred m) by item size.
DHS_STANDOFF: dict[str, tuple[float, float]] = {
    "pipe": (21, 366), "backpack": (34, 518), "briefcase": (46, 564), "car": (98, 580), "suv_van": (122, 732),
    "delivery_truck": (195, 1159), "container_truck": (263, 1555), "semi_trailer": (479, 2835),
}
# The city's plan (knowledge/plans annex H, action checklist step 2) evacuates at least 100 m around a suspicious
# object and 300 m around a vehicle: the DHS mandatory distance is kept where it is larger (trial s19: a backpack on
# Senaatintori was evacuated to 34 m while the plan's own step said 100 m).
PLAN_SUSPICIOUS_OBJECT_M = 100.0
PLAN_SUSPICIOUS_VEHICLE_M = 300.0
VEHICLE_SIZES = ("car", "suv_van", "delivery_truck", "container_truck", "semi_trailer")
# ERG Table 1 (small) and Table 3 (large, road tanker) as recalled in the spec: isolation m, (day, night) sector m.
TIH_SMALL = {"chlorine": (60, (300, 1100)), "ammonia": (30, (100, 200))}
TIH_LARGE = {"chlorine": (600, (3400, 4700)), "ammonia": (150, (500, 600))}


@dataclass
class Sector:
    """Downwind protective-action sector: a wedge with its apex at the source."""

    length_m: float
    angle_deg: float
    action: Literal["shelter", "evacuate"]
    bearing_deg: float  # direction the wind blows TOWARDS (degrees from north, clockwise)


@dataclass
class ProtectiveDecision:
    rule: str
    actions: list[str]
    isolation_m: float | None
    reason: str
    sector: Sector | None = None
    building_scope: Literal["unit", "floors", "whole"] | None = None
    scope_floors: list[str] = field(default_factory=list)
    shelters: bool = False
    indoor_refuge: bool = False             # a building's occupants go to a shelter, not an open assembly point
    preferred_m: float | None = None        # DHS preferred (outdoor clearance) ring
    waterfront_band_m: float | None = None  # FL3 / FL4: band along the shore
    radius_rule: str = ""                   # which rule set ``isolation_m`` where two could (PS1-PS3: Annex H or DHS)
    people_share: float = 1.0               # FL4: vertical evacuation, a third of the band
    night: bool = False
    wind_from_deg: float = DEFAULT_WIND_FROM_DEG
    wind_speed_ms: float = DEFAULT_WIND_SPEED_MS
    wind_source: str = "default"

    @property
    def primary(self) -> str:
        """The row's primary action (listed first in the table)."""
        return self.actions[0]

    def moves_people(self) -> bool:
        return self.primary in ("evacuate_area", "evacuate_building")


@dataclass
class Context:
    """Scenario / operator inputs: time of day and wind, with the spec's defaults."""

    night: bool
    wind_from_deg: float
    wind_speed_ms: float
    wind_variable: bool
    wind_source: str

    def sector(self, length_m: float, action: Literal["shelter", "evacuate"]) -> Sector:
        light = self.wind_variable or self.wind_speed_ms < LIGHT_WIND_MS
        return Sector(length_m, SECTOR_ANGLE_LIGHT_WIND_DEG if light else SECTOR_ANGLE_DEG, action, (self.wind_from_deg + 180.0) % 360.0)


def context(cues: ProtectiveCues, *, hour: int | None = None, night: bool | None = None,
            wind_from_deg: float | None = None, wind_speed_ms: float | None = None) -> Context:
    """Time of day and wind: operator input > the report > the spec's defaults (day; from 225° at 5 m/s)."""
    if night is None:
        h = hour if hour is not None else cues.hour
        night = (h not in DAY_HOURS) if h is not None else bool(cues.night)
    src = "operator" if wind_from_deg is not None else ("report" if cues.wind_from_deg is not None else "default")
    if src == "report" and cues.wind_before_deg is not None:  # the plan says which of the report's two winds it follows
        src = f"report, the current wind; it came from {cues.wind_before_deg:.0f}° before"
    frm = wind_from_deg if wind_from_deg is not None else (cues.wind_from_deg if cues.wind_from_deg is not None else DEFAULT_WIND_FROM_DEG)
    speed = wind_speed_ms if wind_speed_ms is not None else (cues.wind_speed_ms if cues.wind_speed_ms is not None else DEFAULT_WIND_SPEED_MS)
    return Context(night, float(frm), float(speed), cues.wind_variable, src)


def decide(hazard_type: str | None, cues: ProtectiveCues, *, hour: int | None = None, night: bool | None = None,
           wind_from_deg: float | None = None, wind_speed_ms: float | None = None) -> ProtectiveDecision | None:
    """The table row for this hazard and these cues (None: no protective action for this hazard type)."""
    ctx = context(cues, hour=hour, night=night, wind_from_deg=wind_from_deg, wind_speed_ms=wind_speed_ms)
    hazard = hazard_type or cues.hazard_hint
    if cues.stranded_cold and hazard not in _OWN_HAZARD:
        d = _stranded_in_the_cold()
        d.night, d.wind_from_deg, d.wind_speed_ms, d.wind_source = ctx.night, ctx.wind_from_deg, ctx.wind_speed_ms, ctx.wind_source
        return d
    rules = {"fire": _fire, "hazmat": _hazmat, "flood": _flood, "earthquake_collapse": _collapse, "severe_weather": _weather,
             "public_security": _security, "utility_outage": _utility}
    if hazard not in rules:
        return None
    d = rules[hazard](cues, ctx)
    # People who cannot walk out on their own (bedridden, in wheelchairs, a care home) cannot wait on an open square,
    # least of all at night or in frost: the building's occupants are taken to a shelter, indoors.
    d.indoor_refuge = "evacuate_building" in d.actions and cues.cannot_self_evacuate
    d.night, d.wind_from_deg, d.wind_speed_ms, d.wind_source = ctx.night, ctx.wind_from_deg, ctx.wind_speed_ms, ctx.wind_source
    return d


def _indoor(c: ProtectiveCues) -> bool:
    return c.setting == "indoor"


def _in_building(c: ProtectiveCues) -> bool:
    """Indoors, or no setting said but the report names the building's use ("the ministry's post room", "at the library")."""
    return _indoor(c) or (c.setting is None and c.building_use is not None)


# --- fire ----------------------------------------------------------------------------------------
def _fire(c: ProtectiveCues, ctx: Context) -> ProtectiveDecision:
    if c.tank_vehicle or (c.cylinders and c.scale == "large"):
        return _h8(c)
    if c.cylinders:
        return ProtectiveDecision("F7", ["evacuate_area"], 200, "gas cylinders exposed to fire: 200 m hazard zone", shelters=True)
    if c.between_buildings:
        return ProtectiveDecision("F6", ["evacuate_area", "shelter_in_place"], 100, "fire spreading between buildings: evacuate 100 m, shelter in the smoke sector",
                                  sector=ctx.sector(1000, "shelter"), shelters=True)
    if c.fully_involved:
        return ProtectiveDecision("F5", ["evacuate_building", "isolate_deny_entry", "shelter_in_place"], 50,
                                  "building fully involved: evacuate it, 50 m collapse zone, shelter in the smoke sector",
                                  sector=ctx.sector(500, "shelter"), building_scope="whole", shelters=True)
    exposes = c.fire_spread or c.trapped or c.smoke_in_stairwell
    if not exposes and not c.window_fire and ((c.setting == "outdoor" and (c.outdoor_object or not c.building_use)) or (c.setting is None and c.outdoor_object)):
        return ProtectiveDecision("F1", ["isolate_deny_entry"], 30, "outdoor fire not exposing a building: 30 m cordon")
    # A business inside the block ("楼下开着一家花店", "the ground-floor supermarket") is not the building's use (spec 5a):
    # when the fire is elsewhere in it (a flat upstairs, the stairwell, the cellar, spreading), the row follows the
    # building: the report's word for the building's type ("the block of flats over the bakery"), else read from
    # the map when the report names only its tenants. A fire in the business itself keeps F4.
    # A fire on the floor the report puts the business on ("our office is on the 2nd floor ... the kitchenette caught fire")
    # is in the business, upstairs as it may be.
    elsewhere = (c.fire_floor is not None and c.fire_floor >= 2 and c.fire_floor != c.tenant_floor) or exposes
    use = c.building_type if c.use_is_tenant and elsewhere else c.building_use
    if use in (None, "residential"):
        if c.fire_spread or c.smoke_in_stairwell or c.trapped:
            return ProtectiveDecision("F3", ["evacuate_building"], None, "residential fire beyond the flat of origin, smoke in the stairwell or people trapped: evacuate the whole building",
                                      building_scope="whole", shelters=ctx.night)
        return ProtectiveDecision("F2", ["evacuate_building"], None, "residential fire confined to one flat: evacuate the fire floor and the floor above; others stay in, doors shut",
                                  building_scope="floors", scope_floors=["fire floor", "floor above"])
    return ProtectiveDecision("F4", ["evacuate_building"], None, f"fire in a {use} building: evacuate it by its evacuation plan",
                              building_scope="whole", shelters=use == "hotel" and ctx.night)


def _h8(c: ProtectiveCues) -> ProtectiveDecision:
    gas = c.material == "flammable_gas" or c.cylinders
    return ProtectiveDecision("H8", ["evacuate_area"], 1600 if gas else 800,
                              f"tank or cylinder load of flammable {'gas' if gas else 'liquid'} in fire: evacuate {1600 if gas else 800} m (ERG {115 if gas else 128})", shelters=True)


# --- hazmat --------------------------------------------------------------------------------------
def _hazmat(c: ProtectiveCues, ctx: Context) -> ProtectiveDecision:
    if c.material in ("explosive_1_4", "explosive_1_x"):
        burning = c.material_burning and c.fire
        if c.material == "explosive_1_4":
            return ProtectiveDecision("H13", ["isolate_deny_entry"], 500 if burning else 100, "Division 1.4 explosives: isolate (ERG 114)")
        return ProtectiveDecision("H13", ["evacuate_area"], 1600 if burning else 500, "Division 1.1-1.5 explosives: evacuate (ERG 112)", shelters=True)
    if (c.tank_vehicle or c.cylinders) and c.fire and c.material_burning:
        return _fire(c, ctx)  # a tank in fire is H8; gas cylinders exposed to a fire are F7 (spec section 2)
    tih = c.material in ("chlorine", "ammonia", "other_tih")
    # A gas cylinder leaking in a laboratory is H2's gas leak (spec round 3: whatever the gas), not H3's chemical
    # release: "lab" names the room, not the material. A toxic gas stays H3 indoors.
    cylinder_leak = c.cylinders and c.material in (None, "flammable_gas")
    if (_indoor(c) or (c.indoor_chemical and c.setting is None)) and (c.indoor_chemical or tih) and c.scale != "large" and (tih or not cylinder_leak):
        return ProtectiveDecision("H3", ["evacuate_building", "isolate_deny_entry"], 50, "chemical release inside a building: evacuate it, 50 m cordon (ERG)", building_scope="whole")
    if tih:
        # A gas the table has no row for takes chlorine's distances (the most protective), but the reason names the gas
        # reported, or says it is unidentified: never a substance nobody reported.
        table = c.material if c.material in TIH_SMALL else "chlorine"
        gas = c.material if c.material in TIH_SMALL else (c.toxic_gas or "unidentified toxic gas")
        if c.scale == "large" or c.tank_vehicle:
            iso, (day, night) = TIH_LARGE[table]
            return ProtectiveDecision("H10", ["evacuate_area", "shelter_in_place"], iso, f"large {gas} release: evacuate {iso} m, shelter downwind (ERG Table 3)",
                                      sector=ctx.sector(night if ctx.night else day, "shelter"), shelters=True)
        iso, (day, night) = TIH_SMALL[table]
        return ProtectiveDecision("H9", ["evacuate_area", "shelter_in_place"], iso, f"small {gas} release: evacuate {iso} m, shelter downwind (ERG Table 1)",
                                  sector=ctx.sector(night if ctx.night else day, "shelter"))
    # H2 "gas odour or leak inside a building": a compressed-gas cylinder leaking indoors is a gas leak whatever
    # the gas (medical nitrous oxide, oxygen, CO2), not H3's chemical release.
    gas_leak = c.gas_odour or (c.material is None and c.cylinders and _indoor(c))
    if c.material == "unknown" or (c.material is None and not gas_leak):
        if _indoor(c) and c.symptoms and not c.cloud and c.scale != "large":
            return ProtectiveDecision("H3", ["evacuate_building", "isolate_deny_entry"], 50, "unknown release inside a building with people affected: evacuate it, 50 m cordon", building_scope="whole")
        if c.symptoms or c.cloud or c.scale == "large":
            return ProtectiveDecision("H12", ["evacuate_area", "shelter_in_place"], 100, "unknown material with casualties or a cloud: evacuate 100 m, shelter downwind (ERG 111)",
                                      sector=ctx.sector(500, "shelter"), shelters=True)
        if _indoor(c):
            return ProtectiveDecision("H3", ["evacuate_building", "isolate_deny_entry"], 50, "unknown release inside a building: evacuate it, 50 m cordon", building_scope="whole")
        return ProtectiveDecision("H11", ["isolate_deny_entry"], 100, "unknown material outdoors, small, nobody ill: isolate 100 m (ERG 111)")
    if c.material == "flammable_gas" or gas_leak:
        # Spec H5: "a building the gas enters is H2": an outdoor leak with symptoms or a strong smell inside counts.
        # Said outright ("the smell is getting into the cafe"), the building it enters counts whatever else is said.
        entered = ((c.indoors_too and c.gas_odour and (c.symptoms or c.strong_odour or c.common_area)) or c.gas_enters) and c.scale != "large"
        # A named building use with no setting said is inside that building ("a cylinder hissing at the kebab shop").
        if _in_building(c) or entered or (c.setting is None and c.gas_odour and not c.scale == "large"):
            if c.carbon_monoxide and (c.symptoms or c.strong_odour):
                # carbon monoxide has no smell to follow: everyone out, and the crews ventilate the building before anyone
                # goes back (the source switched off, doors and windows opened)
                return ProtectiveDecision("H2", ["evacuate_building", "isolate_deny_entry"], 30, "carbon monoxide inside a building with people ill: evacuate the building, crews switch off the source and ventilate it, 30 m cordon",
                                          building_scope="whole")
            # Gas coming in from a leak outside is no faint smell in one flat (H1): its source keeps feeding the whole
            # building, so the H5 row's note makes it H2 (session 21: "the smell is getting into the shop" was H1's 2 people).
            if c.symptoms or c.strong_odour or c.common_area or c.gas_enters:
                return ProtectiveDecision("H2", ["evacuate_building", "isolate_deny_entry"], 30, "gas inside a building with symptoms, a strong odour, an alarm or in common areas: evacuate the building, 30 m cordon without ignition sources",
                                          building_scope="whole")
            return ProtectiveDecision("H1", ["evacuate_building"], None, "faint gas odour in one flat, nobody ill: leave that flat, ventilate, no switches or flames", building_scope="unit")
        if c.scale == "large":
            return ProtectiveDecision("H7", ["evacuate_area"], 100, "large flammable gas release outdoors: evacuate 100 m and 800 m downwind (ERG 115)",
                                      sector=ctx.sector(800, "evacuate"), shelters=True)
        return ProtectiveDecision("H5", ["isolate_deny_entry"], 100, "small flammable gas leak outdoors: isolate 100 m, buildings shut windows, no ignition (ERG 115)")
    # Liquids and solids. A named building use with no setting said is that building ("the ministry's post room"); an
    # unknown material or a toxic gas keeps needing an indoor word, since "near the station exit" names a reference.
    if c.scale == "large" and c.material != "solid":
        return ProtectiveDecision("H6", ["evacuate_area"], 50, "large flammable liquid spill outdoors: evacuate 50 m and 300 m downwind (ERG 128)",
                                  sector=ctx.sector(300, "evacuate"), shelters=True)
    if _in_building(c):
        return ProtectiveDecision("H3", ["evacuate_building", "isolate_deny_entry"], 50, "chemical release inside a building: evacuate it, 50 m cordon", building_scope="whole")
    solid = c.material == "solid"
    return ProtectiveDecision("H4", ["isolate_deny_entry"], 25 if solid else 50, f"small outdoor spill of a {'solid' if solid else 'liquid'}: isolate {25 if solid else 50} m (ERG)")


# --- flood ---------------------------------------------------------------------------------------
def _flood(c: ProtectiveCues, ctx: Context) -> ProtectiveDecision:
    if c.water_level_m is not None and c.water_level_m >= 1.5:
        return ProtectiveDecision("FL4", ["evacuate_area", "shelter_in_place"], 100, f"sea level +{c.water_level_m:.1f} m: basements and ground floors within 100 m of the shore leave, upper floors stay (vertical evacuation)",
                                  shelters=True, waterfront_band_m=100, people_share=1 / 3)
    if c.water_into_building:
        return ProtectiveDecision("FL2", ["evacuate_building"], None, "water entering a building: evacuate the basement and ground floor", building_scope="floors",
                                  scope_floors=["basement", "ground floor"], shelters=c.building_use in (None, "residential"))
    # The sea on the quays (FL3); a burst main on a waterfront square is still local water (FL1).
    if c.sea or c.water_level_m is not None or (c.waterfront and not c.local_water):
        return ProtectiveDecision("FL3", ["isolate_deny_entry"], 50, "sea water on the quays and waterfront streets: close the waterfront band 50 m from the shore",
                                  waterfront_band_m=50)
    return ProtectiveDecision("FL1", ["isolate_deny_entry"], None, "local flooding: close the flooded section")


# --- earthquake / collapse -----------------------------------------------------------------------
def _collapse(c: ProtectiveCues, ctx: Context) -> ProtectiveDecision:
    residents = c.building_use in (None, "residential")
    if c.structure == "threatening":
        return ProtectiveDecision("E3", ["evacuate_area"], 100, "collapse threatening neighbouring buildings: evacuate 100 m", shelters=True)
    if c.structure == "partial":
        return ProtectiveDecision("E2", ["evacuate_building", "isolate_deny_entry"], 50, "partial collapse: evacuate the building, 50 m collapse zone", building_scope="whole", shelters=residents)
    if c.structure == "ground":
        return ProtectiveDecision("E4", ["isolate_deny_entry"], 20, "ground collapse: cordon 20 m")
    if c.structure == "element":
        return ProtectiveDecision("E1", ["isolate_deny_entry"], 20, "a building element failed: cordon the 20 m fall zone")
    if c.tremor or c.structure == "minor":
        return ProtectiveDecision("E0", ["shelter_in_place"], None, "tremor without structural damage: stay in, away from windows and shelves")
    return ProtectiveDecision("E2", ["evacuate_building", "isolate_deny_entry"], 50, "collapse reported: evacuate the building, 50 m collapse zone", building_scope="whole", shelters=residents)


# --- people stranded outdoors in the cold ------------------------------------------------------------
# People stranded outdoors in the cold, whatever the report is read as (the cold, an outage that closed the station, the
# frail among them, a tour group read as missing, nothing named): SW1's "outdoor crowds moved indoors", with the place to
# go named. Never U1's "stay home" (trial s20 M1: a tour group outside a closed metro station): they have no home here
# to stay in. A hazard of its own (a fire, a release, a flood, a collapse, a threat, a crash) keeps its own row.
_OWN_HAZARD = ("fire", "hazmat", "flood", "earthquake_collapse", "public_security", "traffic_accident")


def _stranded_in_the_cold() -> ProtectiveDecision:
    return ProtectiveDecision("SW1", ["shelter_in_place"], None, "people stranded outdoors in the cold: take them indoors to the nearest warm shelter",
                              shelters=True, indoor_refuge=True)


# --- severe weather ------------------------------------------------------------------------------
def _weather(c: ProtectiveCues, ctx: Context) -> ProtectiveDecision:
    if c.storm_damage:
        return ProtectiveDecision("SW3", ["evacuate_building", "isolate_deny_entry"], 20, "storm damage makes the building unsafe: evacuate it, 20 m cordon",
                                  building_scope="whole", shelters=c.building_use in (None, "residential"))
    if c.falling_objects or c.structure == "element":
        return ProtectiveDecision("SW2", ["isolate_deny_entry"], 20, "falling-object hazard: cordon the 20 m fall zone")
    return ProtectiveDecision("SW1", ["shelter_in_place"], None, "severe weather without damage at a site: go or stay indoors")


# --- public security -----------------------------------------------------------------------------
def _security(c: ProtectiveCues, ctx: Context) -> ProtectiveDecision:
    if c.barricade:  # barricaded or holding hostages: PS6, even when the report also calls them armed
        r = 100 if c.weapon == "firearm" else 50
        return ProtectiveDecision("PS6", ["evacuate_building", "isolate_deny_entry"], r, f"armed person barricaded: police-led evacuation of the building, cordon {r} m", building_scope="whole")
    if c.attacker:
        r = 300 if c.weapon == "firearm" else 100
        return ProtectiveDecision("PS5", ["shelter_in_place", "isolate_deny_entry"], r, f"active attacker: lockdown (run, hide, tell), police cordon {r} m")
    if (c.suspicious or c.bomb_threat) and c.item_size in VEHICLE_SIZES:  # a vehicle a threat names is PS3 (spec: "threat made")
        mand, pref, why = _with_plan_floor(*DHS_STANDOFF[c.item_size], PLAN_SUSPICIOUS_VEHICLE_M, c.item_size.replace("_", " "))
        return ProtectiveDecision("PS3", ["evacuate_area"], mand, f"suspicious vehicle ({c.item_size.replace('_', ' ')}): everyone out to {mand:.0f} m ({why}), outdoors to {pref:.0f} m (DHS)",
                                  preferred_m=pref, shelters=True, radius_rule=why)
    if c.bomb_threat and not (c.suspicious and c.item_size):
        return ProtectiveDecision("PS4", ["evacuate_building"], None, "bomb threat naming a building, nothing found: evacuate it", building_scope="whole")
    if c.suspicious:
        size = c.item_size if c.item_size in DHS_STANDOFF else "briefcase"
        mand, pref, why = _with_plan_floor(*DHS_STANDOFF[size], PLAN_SUSPICIOUS_OBJECT_M, size)
        if _in_building(c):  # "at the library": inside it
            return ProtectiveDecision("PS1", ["evacuate_building", "isolate_deny_entry", "shelter_in_place"], mand,
                                      f"suspicious item inside a building: evacuate it, cordon {mand:.0f} m ({why}), shelter or clear outdoors to {pref:.0f} m (DHS, {size})",
                                      building_scope="whole", preferred_m=pref, radius_rule=why)
        return ProtectiveDecision("PS2", ["evacuate_area", "shelter_in_place"], mand, f"suspicious item outdoors: evacuate to {mand:.0f} m ({why}), outdoors to {pref:.0f} m (DHS, {size})",
                                  preferred_m=pref, radius_rule=why)
    if c.disorder:
        return ProtectiveDecision("PS7", ["isolate_deny_entry"], 100, "disorder without weapons used against the public: cordon 100 m")
    if c.item_size:  # an object is reported, even without the word "suspicious"
        c.suspicious = True
        return _security(c, ctx)
    return ProtectiveDecision("PS7", ["isolate_deny_entry"], 100, "public-security incident: cordon 100 m until the police assess it")


def _with_plan_floor(mandatory: float, preferred: float, plan_m: float, item: str) -> tuple[float, float, str]:
    """The DHS (mandatory, preferred) distances raised to the city plan's minimum where the plan asks for more, and which
    rule set the radius, for the commander to see why ("city plan Annex H minimum; DHS backpack: 34 m")."""
    mand = max(mandatory, plan_m)
    if plan_m > mandatory:
        why = f"city plan Annex H minimum; DHS {item}: {mandatory:.0f} m"
    else:
        why = f"DHS stand-off table, {item}; the city plan asks at least {plan_m:.0f} m"
    return mand, max(preferred, mand), why


# --- utility outage ------------------------------------------------------------------------------
def _utility(c: ProtectiveCues, ctx: Context) -> ProtectiveDecision:
    if c.live_wire:
        return ProtectiveDecision("U3", ["isolate_deny_entry"], 20, "live wire or damaged electrical cabinet: cordon 20 m")
    if c.hot_water:
        return ProtectiveDecision("U4", ["isolate_deny_entry"], 30, "hot water or steam in the street: cordon 30 m")
    if (c.long_outage and c.frost) or c.medical_devices:
        return ProtectiveDecision("U2", ["shelter_in_place"], None, "long outage in frost or residents on powered medical devices: stay home, open a warming/charging shelter for dependent persons",
                                  shelters=True)
    return ProtectiveDecision("U1", ["shelter_in_place"], None, "outage without immediate danger: stay home, check on vulnerable neighbours")
