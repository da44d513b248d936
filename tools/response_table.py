"""Response table: incident type x priority x determinants -> the first response's unit mix.

DEMONSTRATION FIGURES written for this project, in the spirit of MPDS / fire-service
response determinants (one ambulance per seriously ill or injured patient, an engine as
first responder at a cardiac arrest, rescue + engine for any entrapment...). They are not
an official response table of any agency.

``unit_needs`` starts from the type's base (the smallest adequate response), then each
determinant in the report raises the count of the unit types it calls for; a type's count
is the highest any rule asks for (rules do not add up, so one patient is not counted twice).
Every unit type carries the reasons that asked for it, each with the report's own words.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from tools.determinants import DETERMINANTS, Determinant

# Base first response per incident type, before determinants (P1/P2; P3/P4 below).
BASE: dict[str, dict[str, int]] = {
    "fire": {"engine": 2},
    "flood": {"engine": 1, "utility_crew": 1},
    "earthquake_collapse": {"rescue": 1, "engine": 1, "police_patrol": 1},
    "traffic_accident": {"police_patrol": 1},
    "hazmat": {"hazmat": 1, "engine": 1},
    "medical": {"ambulance": 1},
    "public_health": {"ambulance": 1},
    "public_security": {"police_patrol": 1},
    "utility_outage": {"utility_crew": 1},
    "severe_weather": {"engine": 1},
    "missing_person": {"police_patrol": 2},
    "not_incident": {},
}
# Lower priorities: the base shrinks to one unit of the lead type.
BASE_LOW: dict[str, dict[str, int]] = {
    "fire": {"engine": 1},
    "earthquake_collapse": {"engine": 1},
    "public_health": {"police_patrol": 1},
    "hazmat": {"engine": 1},
    "missing_person": {"police_patrol": 1},
}


@dataclass
class UnitNeeds:
    counts: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, list[str]] = field(default_factory=dict)

    def need(self, unit_type: str, count: int, reason: str) -> None:
        """A rule asks for ``count`` units of a type: the type's count is the highest any rule asks for (rules do
        not add up, one patient is not counted twice) and every rule's reason is kept, each determinant once."""
        if count <= 0:
            return
        if count > self.counts.get(unit_type, 0):
            self.counts[unit_type] = count
        kept = self.reasons.setdefault(unit_type, [])
        for part in reason.split("; "):
            if part and part not in kept:
                kept.append(part)

    def total(self) -> int:
        return sum(self.counts.values())

    def reason_for(self, unit_type: str) -> str:
        return "; ".join(self.reasons.get(unit_type, []))

    def lines(self) -> list[str]:
        return [f"{n} x {t.replace('_', ' ')}: {self.reason_for(t)}" for t, n in self.counts.items()]


# A rule that counts people (under a collapse, in the water, on powered equipment) sends one ambulance each, up to
# this many: beyond it the first response is the same and the scene's commander asks for more (a mass-casualty call).
MAX_AMBULANCES_PER_COUNT = 4


def _one_each(count: int) -> int:
    """Ambulances for ``count`` people a rule counted: one each, at least one (the fact was read), at most the cap."""
    return min(MAX_AMBULANCES_PER_COUNT, max(1, count))


# The patient counts' labels say what they ask of the ambulances ("one ambulance each"); given as the reason of another
# unit type they read as a wrong reason (trial s20 M2: the rescue unit and the engine sent "for: seriously ill or injured
# patients (one ambulance each)"). Another unit type cites the people themselves.
_PEOPLE_LABEL = {"serious_patients": "seriously ill or injured people", "minor_patients": "people with minor injuries or symptoms",
                 "smoke_exposed": "people who cannot get out (cut off by fire or smoke, or held inside)"}


def _why(det: Determinant, unit_type: str | None = None) -> str:
    label = DETERMINANTS.get(det.code, det.code)
    if unit_type not in (None, "ambulance"):
        label = _PEOPLE_LABEL.get(det.code, label)
    return f"{label} (\"{det.evidence[:60]}\")"


@dataclass(frozen=True)
class Facts:
    """The determinants read from one report, by code: the one view every rule of the table asks.

    ``has`` whether a fact was read, ``n`` the count it carries (0 when absent or uncounted), ``why`` the reasons of
    the codes that were read, each with the report's own words, joined by "; " (codes not read are skipped).
    """

    dets: dict[str, Determinant]

    def has(self, code: str) -> bool:
        return code in self.dets

    def n(self, code: str) -> int:
        det = self.dets.get(code)
        return (det.count or 0) if det is not None else 0

    def why(self, *codes: str, unit_type: str | None = None) -> str:
        """``unit_type``: the unit type the reason is for; a patient count's ambulance rule is not cited for another."""
        return "; ".join(_why(self.dets[c], unit_type) for c in codes if c in self.dets)


def _fire_out(dets: dict[str, Determinant]) -> bool:
    """The fire is already out and nobody is inside, up high or affected by it."""
    return "fire_out" in dets and not any(c in dets for c in ("people_inside", "upper_floor", "symptoms", "injured", "smoke_exposed",
                                                              "serious_patients", "minor_patients"))


def base_response(incident_type: str, priority: str, dets: dict[str, Determinant]) -> dict[str, tuple[int, str]]:
    """The type's base response (unit type -> count, reason), where the determinants say what the usual base is wrong for.

    The one place where a determinant takes units away; every other rule of :func:`unit_needs` only adds, so
    rules compose (a patrol that a weapon asked for is never undone by the rule for someone in the water).
    The base, not what other determinants asked for, is replaced when:
      * a fire is a small outdoor one (a bin, a car; no building, nobody inside), or an electrical fault with no
        building burning: one engine, not two;
      * a "hazmat" call is a gas leak or carbon monoxide with no chemical release: the engine and the utility
        crew the gas rules add, no hazmat unit;
      * a missing person is someone seen in the water (not a vulnerable person searched for): a water rescue,
        not search patrols;
      * a storm call is a live wire or loose roofing, with no tree across the way: no engine (the utility crew,
        the ladder and a cordon the rules add);
      * a flood from the sea, a river or the rain, with no burst pipe, drain or wet electrics: no utility crew;
      * a lift stopped with someone in it while the power is on: a breakdown, not an outage, no utility crew.
    """
    facts = Facts(dets)
    has, why = facts.has, facts.why
    low = priority in ("P3", "P4")
    base = dict((BASE_LOW.get(incident_type) if low else None) or BASE.get(incident_type, {}))
    reasons = {t: f"{incident_type.replace('_', ' ')} at {priority} (base)" for t in base}
    if incident_type == "fire" and _fire_out(dets):
        # Already put out ("it's completely out now") and nobody affected: one engine to check and ventilate.
        base["engine"], reasons["engine"] = 1, why("fire_out")
    elif incident_type == "fire" and not has("building_fire"):
        if has("outdoor_fire") and not has("people_inside") and not has("vessel_fire"):
            base["engine"], reasons["engine"] = 1, f"small outdoor fire: {why('outdoor_fire')}"
        elif has("utility_fault"):
            base["engine"], reasons["engine"] = 1, why("utility_fault")
    if incident_type == "hazmat" and (has("gas_leak") or has("carbon_monoxide")) and not has("chemical_release"):
        base.pop("hazmat", None)
    if incident_type == "flood" and has("natural_flood") and not (has("burst_main") or has("utility_fault") or has("wet_electrics")):
        # Sea, river or rain water with no pipe, drain or electrics in it: nothing for a utility crew to shut off.
        base.pop("utility_crew", None)
    if incident_type == "utility_outage" and (has("lift_stuck") or has("lift_occupied")) and has("power_on"):
        # A lift that stopped while the power is on is a breakdown, not an outage: the rescue opens it.
        base.pop("utility_crew", None)
    if incident_type == "missing_person" and has("person_in_water") and not has("missing_vulnerable"):
        base.pop("police_patrol", None)
    if incident_type == "severe_weather" and (has("live_wire") or has("loose_high")) and not has("tree_blocking"):
        base.pop("engine", None)
    return {t: (n, reasons[t]) for t, n in base.items()}


def unit_needs(incident_type: str, priority: str, determinants: list[Determinant] | None = None) -> UnitNeeds:
    """The unit mix for one incident, with the reason for each unit type."""
    dets = {d.code: d for d in (determinants or [])}
    needs = UnitNeeds()
    if incident_type == "not_incident":
        return needs
    low = priority in ("P3", "P4")
    for unit_type, (count, reason) in base_response(incident_type, priority, dets).items():
        needs.need(unit_type, count, reason)

    facts = Facts(dets)
    has, n, why = facts.has, facts.n, facts.why
    # Every rule below only ADDS what its determinant calls for (UnitNeeds.need: a type's count is the highest any
    # rule asks for, each rule's reason is kept), so rules compose in any order; where a determinant says the type's
    # usual base is wrong for this call, base_response says so, in one place.

    # --- fire
    if incident_type == "fire":
        if (has("building_fire") or has("people_inside") or has("smoke_spreading")) and not _fire_out(dets):
            needs.need("engine", 2, why("building_fire", "people_inside", "smoke_spreading") or "building fire")
        # people cut off at a window up high ("two kids at the window, 6th floor") ask for the ladder even where the
        # report's own words for the fire were not read
        if (has("upper_floor") and (has("at_window") or has("people_inside") or has("smoke_spreading") or has("smoke_exposed"))
                and not _fire_out(dets)) \
                or (has("smoke_spreading") and (has("people_inside") or has("trapped"))):
            needs.need("ladder", 1, why("upper_floor", "smoke_spreading"))
        in_a_building = (has("building_fire") or has("smoke_spreading") or not has("outdoor_fire")) and not has("vessel_fire")
        if (has("people_inside") or (has("trapped") and not has("vehicle_entrapment"))) and in_a_building and not _fire_out(dets):
            # people still inside a burning building or trapped in it ("my grandmother is still upstairs", "ihmisiä
            # sisällä", "folk kvar inne", "楼上还有人") are searched for and brought out by the rescue unit, from the
            # ladder when the stairs are cut off: "engines, a ladder unit and the rescue unit for a building fire"
            # (Annex C). Trial s22: an engine pair and an ambulance were sent for a grandmother upstairs. People calling
            # from a window or balcony, everyone out, get the ladder alone (above): the DEV sets' labels send that.
            w = why("people_inside", "trapped")
            needs.need("rescue", 1, w)
            needs.need("ladder", 1, w)
        if has("people_above") and (has("building_fire") or has("smoke_spreading") or not has("outdoor_fire")) and not has("fire_out"):
            # guests upstairs, a hotel at night, a care home: a fire below them may cut off the stairs, whatever floor
            # (a fire at a care home is in it unless the report says it is a bin or a car outside)
            needs.need("ladder", 1, why("people_above"))
        if has("cannot_self_evacuate") and (has("building_fire") or has("smoke_spreading") or not has("outdoor_fire")) and not _fire_out(dets):
            # bedridden residents, wheelchair users, a ward: carried out by the rescue unit, from the ladder when they
            # are up high (Annex C's first response for a building fire); they are people inside, so an ambulance too
            needs.need("rescue", 1, why("cannot_self_evacuate"))
            needs.need("ambulance", 1, why("cannot_self_evacuate"))
            if has("people_above") or has("upper_floor"):
                needs.need("ladder", 1, why("cannot_self_evacuate", "people_above", "upper_floor"))
        if has("people_inside") or has("trapped"):
            needs.need("ambulance", 1, why("people_inside", "trapped"))
        elif has("building_fire") and not low and not has("no_casualties") and not _fire_out(dets):
            needs.need("ambulance", 1, why("building_fire") + " (standby for smoke exposure)")
        if has("utility_fault") and not has("building_fire"):
            needs.need("utility_crew", 1, why("utility_fault"))
        if has("vessel_fire") and not _fire_out(dets):
            # A fire aboard a ship or ferry: everyone aboard is at risk, the way off is narrow and the fire may spread
            # below deck. Several engines, the rescue unit to search the decks and bring people out, and ambulances
            # for the smoke-exposed and those who cannot walk off (DEMONSTRATION figures, like the rest of the table).
            w = why("vessel_fire")
            needs.need("engine", 3, w)
            needs.need("rescue", 1, w)
            needs.need("ambulance", 2, w)
        if has("fire_exposure") and not _fire_out(dets):
            # A burning car against a wall, flames climbing to the windows: the building is the second engine's.
            needs.need("engine", 2, why("fire_exposure"))
    # --- traffic ("can't move his legs" is a casualty sign, a possible spinal injury, not an entrapment: determinants)
    trapped = has("trapped")
    if has("vehicle_entrapment") or (incident_type == "traffic_accident" and trapped):
        w = why("vehicle_entrapment", "trapped")
        needs.need("rescue", 1, w)
        needs.need("engine", 1, w)
    if has("fuel_leak") and incident_type in ("traffic_accident", "fire", "hazmat"):
        # A leak at an extrication is a second engine: one covers the fire risk while the other cuts.
        cutting = has("vehicle_entrapment") or (incident_type == "traffic_accident" and trapped)
        needs.need("engine", 2 if cutting else 1, why("fuel_leak"))
    if incident_type == "traffic_accident" and not low and not has("no_casualties"):
        needs.need("ambulance", 1, why("casualty_signs", "injured", "vehicles") or f"collision at {priority}: expect a casualty")
    if incident_type == "traffic_accident":
        # A large scene (two patrols): a bus, tram or train with its passengers, or a big vehicle with someone pinned;
        # a lorry that bumped a car, or an empty bus at a low priority, is a street collision (one).
        carrying = has("passenger_vehicle")
        if (carrying or has("large_vehicle")) and (has("vehicle_entrapment") or (carrying and (not low or has("crowded")))):
            needs.need("police_patrol", 2, why("passenger_vehicle", "large_vehicle", "crowded"))
        else:
            needs.need("police_patrol", 1, why("vehicles") or "traffic control at the scene")
    # --- collapse
    if incident_type == "earthquake_collapse" and has("upper_floor") and not low:
        needs.need("ladder", 1, why("upper_floor"))
    if has("collapse_people_under") or (incident_type == "earthquake_collapse" and has("trapped")):
        w = why("collapse_people_under", "trapped")
        for unit_type in ("rescue", "engine", "police_patrol"):
            needs.need(unit_type, 1, w)
        needs.need("ambulance", _one_each(n("collapse_people_under")), w)
    # --- gas / chemicals
    if has("gas_leak") and not has("chemical_release"):
        needs.need("engine", 1, why("gas_leak"))
        needs.need("utility_crew", 1, why("gas_leak"))
    if has("carbon_monoxide"):
        needs.need("engine", 1, why("carbon_monoxide"))
    if has("chemical_release") and incident_type in ("hazmat", "traffic_accident", "fire"):
        needs.need("hazmat", 1, why("chemical_release"))
        needs.need("engine", 1, why("chemical_release"))
        if has("public_area") or priority == "P1" or has("suspicious_object") or has("deliberate"):
            # A cordon for a public place, or the police for a deliberate release (a powder letter is a crime scene).
            needs.need("police_patrol", 1, why("public_area", "suspicious_object", "deliberate") or "cordon at P1")
        if incident_type == "traffic_accident" and has("public_area"):
            # A public street to cordon comes on top of the patrol that runs the collision scene: two patrols.
            needs.need("police_patrol", 2, why("chemical_release", "public_area") + " (cordon beside the collision patrol)")
    # --- water
    if has("person_in_water"):
        w = why("person_in_water")
        if not has("rescued_from_water"):
            needs.need("rescue", 1, w)
            needs.need("engine", 1, w)
        if not (has("rescued_from_water") and has("no_casualties")):
            # one crew for each person in the water ("both of them are in the water")
            needs.need("ambulance", _one_each(n("person_in_water")), w)
    if has("possibly_in_water") and not has("person_in_water"):
        # A splash heard, a bicycle left at the edge: someone may be in the water; the water rescue goes at once
        # (the search patrols of a missing person stay: nobody has been seen).
        w = why("possibly_in_water")
        for unit_type in ("rescue", "engine", "ambulance"):
            needs.need(unit_type, 1, w)
    # --- violence
    if incident_type == "public_security":
        if has("large_brawl"):
            needs.need("police_patrol", 3, why("large_brawl"))
        if has("crowd_disorder"):
            needs.need("police_patrol", 3, why("crowd_disorder"))
        if has("weapon") or has("violence_ongoing") or has("suspicious_object"):
            needs.need("police_patrol", 2, why("weapon", "violence_ongoing", "suspicious_object"))
        if has("outdoor_fire") and (has("large_brawl") or has("crowd_disorder")):
            needs.need("engine", 1, why("outdoor_fire"))
    elif has("weapon") and incident_type in ("medical", "missing_person"):
        needs.need("police_patrol", 2, why("weapon"))
    if has("aggressive") and incident_type in ("medical", "public_health", "missing_person"):
        needs.need("police_patrol", 1, why("aggressive") + " (crew safety)")
    if has("deliberate") and has("chemical_release") and incident_type in ("hazmat", "public_health", "fire"):
        needs.need("police_patrol", 2, why("deliberate", "chemical_release"))
    # --- missing person (someone seen in the water is a water rescue, not a search: base_response)
    if incident_type == "missing_person" or has("missing_vulnerable"):
        if has("missing_vulnerable"):
            needs.need("police_patrol", 2, why("missing_vulnerable"))
        if has("water_search") and has("missing_vulnerable"):
            needs.need("rescue", 1, why("water_search"))
        if has("feared_in_water"):
            # The caller fears the missing person went into the water: the search takes in the water (a rescue unit),
            # the patrols search the land; nobody has been seen in it, so no water rescue at once.
            needs.need("rescue", 1, why("feared_in_water"))
    # --- utilities, storm, flood
    if has("lift_stuck"):
        needs.need("rescue", 1, why("lift_stuck"))
    if has("traffic_lights_out"):
        needs.need("police_patrol", 1, why("traffic_lights_out"))
    if has("live_wire") and "line" in dets["live_wire"].qualifiers:
        # A live line anywhere (brought down by a storm or a crash, someone climbing near it) is made dead by the
        # utility before anyone works near it; sparks alone (a pantograph, a socket) name no line to isolate.
        needs.need("utility_crew", 1, why("live_wire"))
    if incident_type in ("severe_weather", "utility_outage", "flood"):
        if has("live_wire"):
            needs.need("police_patrol", 1, why("live_wire"))
        if has("loose_high"):
            needs.need("ladder", 1, why("loose_high"))
            needs.need("police_patrol", 1, why("loose_high"))
        if has("live_wire") and "line" in dets["live_wire"].qualifiers and (has("passenger_vehicle") or has("trapped") or has("vehicle_entrapment")):
            # People held in a tram, a bus or a car by a live line beside it: the rescue service keeps them in and takes
            # them out once the utility has made the line dead (an engine with it, an ambulance standing by). Someone
            # merely "inside" somewhere (people_inside: the owner in the shop beside an empty car) is held by nothing:
            # the right action there is to keep people away until the line is dead, which the utility crew and police do.
            w = why("live_wire") + " with people held beside it"
            for unit_type in ("rescue", "engine", "ambulance"):
                needs.need(unit_type, 1, w)
        if incident_type == "severe_weather" and (has("trapped") or has("vehicle_entrapment")):
            needs.need("rescue", 1, why("trapped", "vehicle_entrapment"))
            needs.need("engine", 1, why("trapped", "vehicle_entrapment"))
            needs.need("ambulance", 1, why("trapped", "vehicle_entrapment"))
    if has("jumper"):
        w = why("jumper")
        needs.need("police_patrol", 2, w)
        # Over water (a bridge, a quay) the fall ends in the water: water rescue, not a ladder.
        needs.need("rescue" if has("water_search") else "ladder", 1, w)
        needs.need("ambulance", 1, w)
    if has("medical_dependency"):
        # one crew for each person whose equipment stops ("two residents on ventilators")
        needs.need("ambulance", _one_each(n("medical_dependency")), why("medical_dependency"))
    if has("road_hazard") and incident_type in ("utility_outage", "flood", "severe_weather") and not low:
        needs.need("police_patrol", 1, why("road_hazard"))
    if has("utility_fault") and has("public_area") and incident_type == "utility_outage" and not low:
        # Steam from a manhole, a burning cable box on a street people walk: the crew needs a cordon.
        needs.need("police_patrol", 1, why("utility_fault", "public_area"))
    if has("lift_stuck") and (has("symptoms") or has("casualty_signs")):
        needs.need("ambulance", 1, why("symptoms", "casualty_signs"))
    if (has("stranded_in_water") or (incident_type == "flood" and (has("trapped") or has("people_inside")))) and not has("rescued_from_water"):
        # People trapped anywhere in a flood are stranded in the water, whatever the words.
        w = why("stranded_in_water", "trapped", "people_inside")
        needs.need("rescue", 1, w)
        needs.need("ambulance", 1, w)
    if incident_type == "severe_weather" and any(has(c) for c in ("injured", "serious_patients", "unconscious")) \
            and not has("minor_injury"):
        # Someone hit by what the storm brought down: freed and carried out of the debris (rescue + engine), each unit
        # type with its own reason.
        hit = why("injured", "serious_patients", "unconscious", unit_type="rescue")
        needs.need("rescue", 1, f"{hit}: free them from what the storm brought down")
        needs.need("engine", 1, f"{hit}: lift and cut the debris, first aid")
        needs.need("ambulance", 1, why("injured", "serious_patients", "unconscious"))
    if has("water_quality"):
        needs.need("utility_crew", 1, why("water_quality"))
    if has("trapped") and incident_type not in ("fire", "traffic_accident", "earthquake_collapse") and not has("lift_stuck"):
        needs.need("rescue", 1, why("trapped"))
    if has("hanging_high") and incident_type != "fire":
        # a rope rescue high up: the rescue unit works from the ladder (in a fire the people-up-there rule sends it)
        needs.need("rescue", 1, why("hanging_high"))
        needs.need("ladder", 1, why("hanging_high"))
    if has("behind_locked_door") and incident_type not in ("public_security", "not_incident"):
        # the crew cannot reach the patient: the rescue unit opens the door, whatever the incident's type (a frail woman
        # in a flat without heating, typed utility_outage, is behind it as much as a medical patient); at a security
        # incident the police force the door
        needs.need("rescue", 1, why("behind_locked_door"))

    # --- patients: one ambulance per serious patient, minor ones two to an ambulance
    if has("not_breathing"):
        needs.need("ambulance", 2, why("not_breathing"))
        needs.need("engine", 1, why("not_breathing") + " (first responder)")
    patients, serious_n = patient_ambulances(incident_type, priority, dets)
    if patients and (incident_type == "hazmat" or has("chemical_release") or has("gas_leak") or has("carbon_monoxide")) \
            and incident_type != "fire":
        # People exposed to a gas or chemical are decontaminated and triaged on scene: one ambulance per seriously
        # ill (the labelling rules' one per serious patient), and at most two for all the other exposed together.
        patients = serious_n + min(patients - serious_n, 2)
    # "the forty on the coach are all fine" speaks for them, not for the car driver pinned by the leg: someone pinned
    # in a wreck or under a collapse is a patient whatever the others are
    hurt_anyway = has("injured") or has("unconscious") or has("not_breathing") or pinned(incident_type, dets)
    if patients and not (has("no_casualties") and not hurt_anyway):
        needs.need("ambulance", patients, why("serious_patients", "minor_patients", "ill_patients", "smoke_exposed")
                   or why("injured", "unconscious", "symptoms", "minor_injury"))
    priority_floor(incident_type, priority, dets, needs)
    return needs


def pinned(incident_type: str, dets: dict[str, Determinant]) -> bool:
    """Someone is pinned: in a vehicle, under a collapse, or trapped at a collision, a collapse or a storm."""
    if incident_type not in ("traffic_accident", "earthquake_collapse", "severe_weather"):
        return False   # a flood's people cut off are stranded (the water rule's ambulance), a lift's are shut in
    return any(c in dets for c in ("vehicle_entrapment", "collapse_people_under", "trapped"))


def patient_ambulances(incident_type: str, priority: str, dets: dict[str, Determinant]) -> tuple[int, int]:
    """(ambulances for the patients, serious patients): the one count of patients, the casualty census's.

    The census (tools/casualties.py, read into the ``*_patients`` determinants) counts the patients clause by
    clause: one ambulance per serious patient, one per two others; an illness cluster is assessed on scene (one
    per ten, at most two); people cut off by a fire count only in a fire. Where it names nobody but the report
    says someone is hurt, down or exposed ("blood everywhere", "the victim is unconscious"), that is one patient,
    serious when a severe fact is read.
    """
    facts = Facts(dets)
    has, n = facts.has, facts.n
    serious, ill = n("serious_patients"), n("ill_patients")
    carried = n("minor_patients") + (n("smoke_exposed") if incident_type == "fire" else 0)
    if _exposed(incident_type, has) and has("affected") and not n("affected"):
        # a household or a room said to be ill together ("全家都头疼恶心", "we all have headaches") beside a gas: the
        # others are patients too, at least two (two to an ambulance) besides the ones counted (trial s20 H2: one
        # ambulance for a family poisoned by a generator's carbon monoxide, the child unconscious)
        carried = max(carried, _GROUP_AT_LEAST)
    if not serious and carried + ill >= _GROUP_AT_LEAST and (has("unconscious") or has("not_breathing")):
        # someone who cannot be woken beside a group the census or a group word counted ("we all have headaches and my son
        # won't wake up"): a serious patient of their own, one ambulance. One person counted may be that same person
        # ("a guy passed out at the bar, he's breathing"): one ambulance stays one.
        serious = 1
    if incident_type != "fire" and pinned(incident_type, dets):
        # The people the census found cut off ("the driver can't get out", "一个人被夹在车里") are, outside a fire, the
        # ones pinned in the wreck or under the collapse: a high-energy mechanism, one ambulance each (MPDS 'pinned').
        serious += n("smoke_exposed")
    if not (serious or carried or ill or has("smoke_exposed")):
        exposed = (has("symptoms") or has("affected")) and _exposed(incident_type, has)
        hurt = (has("injured") or has("casualty_signs") or has("minor_injury")) and incident_type != "utility_outage"
        if not (hurt or exposed or has("unconscious") or has("not_breathing")):
            return 0, 0
        severe = int(has("unconscious") or has("not_breathing") or (has("serious_injury") and not has("minor_injury")))
        return 1, severe
    if incident_type == "public_health" and not serious and (ill or carried >= 6):
        # An illness cluster (the fainted or weak among the ill, or many fainting in the heat): assessed on scene
        # together, one ambulance per ten, at most two.
        return min(2, max(1, math.ceil((ill + carried) / 10))), 0
    if incident_type == "public_health":
        return serious + math.ceil(carried / 2) + (min(2, math.ceil(ill / 10)) if ill and not serious else 0), serious
    return serious + math.ceil((carried + ill) / 2), serious


# People said to be ill together but not counted ("we all", 全家都): at least this many.
_GROUP_AT_LEAST = 2


def _exposed(incident_type: str, has: Callable[[str], bool]) -> bool:
    """The people with symptoms breathed a gas or a chemical (a hazmat or public-health call, a leak, carbon monoxide)."""
    return incident_type in ("hazmat", "public_health") or any(has(c) for c in ("gas_leak", "carbon_monoxide", "chemical_release", "smoke_spreading"))


# What makes a report P1 for each class, as the determinants read it. When none of them is read, the priority (the
# triage's own reading of the same words) says more than the determinants did.
_EXPLAINS_P1: dict[str, tuple[str, ...]] = {
    "medical": ("not_breathing", "unconscious", "hanging_high", "serious_injury", "serious_patients", "person_in_water", "trapped", "childbirth",
                "vehicle_entrapment", "jumper", "casualty_signs", "symptoms", "weapon", "injured", "affected"),
    "traffic_accident": ("not_breathing", "unconscious", "serious_injury", "serious_patients", "trapped", "vehicle_entrapment",
                         "person_in_water", "chemical_release"),
}


# The table's priority floors come two ways: a priority says what units a class needs at least (``priority_floor``:
# priority -> units), and a determinant whose cordon the plan must hold says what priority a class is at least
# (``standoff_priority``: determinant -> priority).  A suspicious object (an unattended bag, a package with wires, a
# bomb) needs the protective table's DHS stand-off (PS rows), a fire with gas cylinders in it rule F7's explosion-risk
# cordon; the evacuation planner moves nobody at P3/P4, so such a report is at least P2 (a P3 plan moved nobody while
# its own actions said "evacuate at least 100 m around it"; merge s19: a P3 Swedish kiosk fire planned no evacuation).
# not_incident: a suspicious object the model dismissed (the caller retypes it as public_security).
STANDOFF_FLOOR = "P2"
_STANDOFF_DETERMINANT: dict[str, str] = {"public_security": "suspicious_object", "not_incident": "suspicious_object",
                                         "fire": "gas_cylinders_at_fire"}


def standoff_priority(incident_type: str, priority: str, text: str) -> str | None:
    """``STANDOFF_FLOOR`` where a report of ``incident_type`` at ``priority`` (below it) tells the determinant whose
    stand-off cordon needs that priority, else None (a higher priority stays; a type without such a row stays)."""
    needs = _STANDOFF_DETERMINANT.get(incident_type)
    if needs is None or priority not in ("P3", "P4"):
        return None
    from tools.determinants import extract

    return STANDOFF_FLOOR if any(d.code == needs for d in extract(text)) else None


def priority_floor(incident_type: str, priority: str, dets: dict[str, Determinant], needs: UnitNeeds) -> None:
    """The class's standing configuration where the report's priority says more than its determinants do.

    The determinants are read by patterns, and a fact said in an unforeseen way ("not breathe", "不出气", "glassed in
    the neck", "卡在里面动不了") is simply not read: the table then sends the lean base, and a whole unit type the
    situation needs is missing. The priority is a second, independent reading of the same report (the triage
    classifier, or the call-taker), so when it is high and the facts read do not account for it, the table sends
    what that class at that priority most often needs (DEMONSTRATION figures, like the rest of the table; chosen so
    that the total stays well under 1.5x of the need): an uncertain determinant costs one unit too many, not a
    missing one. Each unit it adds says so in its reason.
    """
    facts = Facts(dets)
    has, n = facts.has, facts.n

    def add(unit_type: str, count: int, why: str) -> None:
        if needs.counts.get(unit_type, 0) < count:
            needs.need(unit_type, count, f"{incident_type.replace('_', ' ')} at {priority}: {why} (standing response; a determinant may be unread)")

    p1, p2 = priority == "P1", priority == "P2"
    explained = any(has(c) for c in _EXPLAINS_P1.get(incident_type, ()))
    calm = has("no_casualties")
    if incident_type == "medical" and p1 and not explained:
        # An urgent call whose reason was not read: the response to a possible arrest (first responder, two crews).
        add("ambulance", 2, "life threatened, reason unread")
        add("engine", 1, "first responder")
    if incident_type == "medical" and p1 and not explained and has("water_search") and not (has("person_in_water") or has("rescued_from_water")):
        # A life-threatening call by the water: someone may be in it, said in a way not read ("went under twice").
        add("rescue", 1, "by the water: possibly someone in it")
        add("engine", 1, "by the water: possibly someone in it")
    if incident_type == "traffic_accident" and p1 and not explained:
        # A P1 collision with no severe fact read is most often someone who cannot get out.
        add("rescue", 1, "possible entrapment")
        add("engine", 1, "possible entrapment")
    if incident_type == "fire" and p1 and not (has("outdoor_fire") and not has("building_fire")):
        if not calm:
            add("ambulance", 1, "people at risk")
    if incident_type == "earthquake_collapse" and p1 and not calm:
        add("ambulance", 1, "people under or near the collapse")
    if incident_type == "hazmat" and p1:
        add("police_patrol", 1, "cordon")
        if not calm:
            add("ambulance", 1, "exposed people")
    if incident_type in ("hazmat", "public_health") and has("deliberate") and (p1 or p2) and not has("gas_leak"):
        add("police_patrol", 2, "a deliberate release is a crime scene")
    if incident_type == "public_security" and p1:
        add("police_patrol", 2, "threat to life")
        if (has("weapon") or has("violence_ongoing") or has("large_brawl")) and not calm:
            # an armed attacker or an assault still going on at a threat to life: someone is most often hurt by now
            add("ambulance", 1, "standby at a weapon call or an assault in progress")
    if p1 and incident_type in ("medical", "traffic_accident", "public_security", "fire", "earthquake_collapse", "severe_weather") \
            and not calm and not has("minor_injury"):
        # Two or more people hurt at a P1 scene: how badly each one is hurt is the fact most often unread, and the
        # priority says at least one is serious; two crews, not one shared between them.
        hurt_n = max(n("serious_patients") + n("minor_patients"), n("collapse_people_under"))
        if hurt_n >= 2:
            add("ambulance", 2, f"{hurt_n} people hurt")
    if incident_type == "missing_person" and has("water_search") and (p1 or has("missing_vulnerable")):
        add("rescue", 1, "water nearby")
    if incident_type == "flood" and p1:
        for unit_type in ("rescue", "engine", "ambulance", "police_patrol"):
            add(unit_type, 1, "people in the water")
    if incident_type == "severe_weather" and p1:
        add("police_patrol", 1, "cordon")
        if not (has("live_wire") or has("loose_high")) and not calm:
            for unit_type in ("rescue", "engine", "ambulance"):
                add(unit_type, 1, "someone hit or trapped")
    if incident_type == "severe_weather" and p2 and not any(has(c) for c in ("live_wire", "loose_high", "tree_blocking", "injured", "serious_patients")):
        add("ladder", 1, "something loose high up")
        add("police_patrol", 1, "cordon")
    if incident_type == "utility_outage":
        if p1 and not calm:
            add("ambulance", 1, "someone's life depends on power")
        if (p1 or p2) and has("lift_occupied") and not has("lift_stuck"):
            add("rescue", 1, "someone in a lift that stopped")
