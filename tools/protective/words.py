"""The plan in words: the decision sentence and the public warning text for the affected blocks."""

from __future__ import annotations

from tools.protective.decision import ProtectiveDecision
from tools.protective.models import ProtectiveActionPlan

# The location of a plan whose place the map lacks: what is known, not a made-up name ("at unknown place").
UNLOCATED = "the place in the report (not found on the map)"


def _at(plan: ProtectiveActionPlan) -> str:
    """" at Yrjönkatu 21", or nothing when the place was not found (the sentence then says so itself)."""
    return "" if plan.location == UNLOCATED else f" at {plan.location}"


def _radius(d: ProtectiveDecision) -> str:
    """"100 m", with the rule that set it where two could ("100 m (city plan Annex H minimum; DHS backpack: 34 m)")."""
    return f"{d.isolation_m:.0f} m" + (f" ({d.radius_rule})" if d.radius_rule else "")


def decision_text(plan: ProtectiveActionPlan, d: ProtectiveDecision) -> str:
    """E.g. "evacuate the building at Yrjönkatu 21 (about 40 occupants), isolate 30 m", "isolate 100 m around
    Unioninkatu outside Metsätalo"."""
    parts = []
    for a in d.actions:
        if a == "evacuate_building":
            scope = {"unit": "the flat concerned in", "floors": " and ".join(d.scope_floors) + " of", "whole": ""}.get(d.building_scope or "whole", "")
            occ = plan.building.occupants if plan.building else plan.people_moved
            where = _at(plan) or " (address not found)"
            parts.append(f"evacuate {scope + ' ' if scope else ''}the building{where} (about {occ:,} occupants)")
        elif a == "evacuate_area":
            extra = f" and {d.sector.length_m:.0f} m downwind" if d.sector and d.sector.action == "evacuate" else ""
            what = f"the {d.waterfront_band_m:.0f} m waterfront band" if d.waterfront_band_m else f"{_radius(d)} around {plan.location}"
            parts.append(f"evacuate {what}{extra} (about {plan.people_moved:,} people)")
        elif a == "isolate_deny_entry":
            # The dispatcher reads where the cordon is from this sentence when nothing before it named the place.
            around = f" around {plan.location}" if plan.lat is not None and plan.location and not any(plan.location in p for p in parts) else ""
            parts.append(f"isolate {_radius(d)}{around}" if d.isolation_m else "close the flooded section")
        elif a == "shelter_in_place":
            if d.indoor_refuge and plan.shelters:  # people stranded outdoors: indoors is the nearest warm shelter
                s = plan.shelters[0]
                parts.append(f"take the people outdoors{_at(plan)} indoors to {s['name']} (about {s.get('distance_m', 0):,} m, {s['people']:,} people)")
            elif d.sector and d.sector.action == "shelter":
                parts.append(f"shelter in place downwind ({d.sector.length_m:.0f} m towards {d.sector.bearing_deg:.0f}°)")
            elif d.preferred_m:
                parts.append(f"people outdoors clear to {d.preferred_m:.0f} m, people indoors shelter away from windows")
            else:
                parts.append("shelter in place")
    return ", ".join(parts)


# What sheltering in place means depends on what people shelter from: against smoke or a gas the air is kept out; in a
# storm or a tremor the danger is glass and what falls; in an outage nothing is in the air at all (trial s20 M2: a lift
# stuck in a power cut got "close doors and windows, switch off ventilation"), and the known risk is the heating people
# improvise (carbon monoxide from a generator or a grill indoors).
_SHELTER_FROM_AIR = "Others nearby: stay indoors, close doors and windows, switch off ventilation, keep away from windows."
_SHELTER_ADVICE = {
    "U": "Residents of the area: stay home and check on vulnerable neighbours; never run a generator, a grill or a brazier indoors (carbon monoxide).",
    "SW1": "Others nearby: go or stay indoors, keep away from windows, do not go out until the storm has passed.",
    "E0": "Others nearby: stay indoors, away from windows and tall shelves.",
}


def warning_message(plan: ProtectiveActionPlan, d: ProtectiveDecision) -> str:
    """Public warning text for the affected blocks."""
    hazard = plan.hazard_type.replace("_", " ")
    msg = [f"{hazard.capitalize()} incident{_at(plan)}."]
    if "evacuate_building" in d.actions:
        indoors = ", ".join(s["name"] for s in plan.shelters) if "evacuate_area" not in d.actions else ""
        msg.append(f"The building{_at(plan)} is being evacuated: leave by the stairs, not the lift"
                   + (f", and go to {indoors} (indoors)." if indoors else f", and gather at {plan.assembly_point['name']}." if plan.assembly_point else "."))
    if "evacuate_area" in d.actions:
        where = f"the {d.waterfront_band_m:.0f} m band along the shore (basements and ground floors)" if d.waterfront_band_m else f"{d.isolation_m:.0f} m"
        if d.sector and d.sector.action == "evacuate":
            where += f" and {d.sector.length_m:.0f} m downwind (towards {d.sector.bearing_deg:.0f}°)"
        # Where people go: the shelters, and the assembly point for those the shelters cannot take (or for everyone).
        shelters = ", ".join(s["name"] for s in plan.shelters)
        gather = plan.assembly_point["name"] if plan.assembly_point else None
        if shelters and gather:
            goes = f" and go to {shelters}; when it is full, gather at {gather}."
        else:
            goes = f" and go to {shelters}." if shelters else (f" and gather at {gather}." if gather else ".")
        msg.append(f"Everyone within {where} must leave now{goes}")
    if "isolate_deny_entry" in d.actions:
        msg.append(f"Keep out of the area within {d.isolation_m:.0f} m; follow the police and rescue cordon." if d.isolation_m else "Keep out of the closed area.")
    if "shelter_in_place" in d.actions and d.indoor_refuge and plan.shelters:
        s = plan.shelters[0]
        msg.append(f"People outdoors{_at(plan)}: go indoors to {s['name']}, about {s.get('distance_m', 0):,} m away; it is open and heated.")
    elif "shelter_in_place" in d.actions:
        msg.append(_SHELTER_ADVICE.get(d.rule[:1] if d.rule[:1] in ("U",) else d.rule, _SHELTER_FROM_AIR))
    if plan.hazard_type in ("hazmat",) and d.rule in ("H1", "H2", "H5", "H7"):
        msg.append("No naked flames, do not use electric switches or phones near the gas.")
    msg.append("Follow instructions from the authorities and listen to the radio.")
    return " ".join(msg)
