"""The response plan's protective-action step (issue 16): decide before evacuating.

``tools.protective`` decides the proportionate action by the table of
``tools/PROTECTIVE_ACTIONS.md``. When it moves one building's occupants, cordons or shelters
people in place, that action IS the evacuation section (no shelter assignment); when it
evacuates an area, the evacuation planner runs as before, on the row's radius instead of the
one-size default. A report that names only a district (a scenario zone) keeps the district
evacuation. Kept apart from ``response_plan`` so the wiring is one call.
"""

from __future__ import annotations

import logging
from typing import Any

from agent.schemas import PlanItem, ResponsePlan, Source, TriageSummary

log = logging.getLogger(__name__)

AREA_EXTRA_KINDS = ("sector", "flood_extent")


def protective_step(city: Any, plan: ResponsePlan, triage: TriageSummary, location: Any, text: str,
                    hour: int | None = None) -> tuple[bool, list[dict[str, Any]], float | None]:
    """(handled, map features, radius for an area evacuation). ``handled``: the action needs no evacuation plan;
    when it does, the features are the ones the evacuation planner does not draw (downwind sector, flood band).
    ``hour``: the clock hour of the report, when its words say no time of day (night occupancy at 22:00)."""
    from tools.city import PlanningError
    from tools.protective import NotApplicable, people_moved_line, plan_protective_action

    src = [Source(kind="tool", ref="plan_protective_action")]
    if getattr(location, "kind", None) == "zone":  # a whole district named: the operator's district evacuation stands
        return False, [], None
    try:
        # A place the locator gives relative to a feature ("in front of Metsätalo") is no name of the map: the planner
        # reads the report itself, which puts "on Unioninkatu outside Metsätalo" on Unioninkatu at Metsätalo.
        place = None if getattr(location, "method", None) == "relative" else getattr(location, "name", None)
        result = plan_protective_action(city, text, triage.incident_type, place=place, hour=hour, for_incident=plan.incident_id)
    except (PlanningError, LookupError) as exc:  # a real failure: say so; the evacuation planner still runs as before
        log.warning("protective-action decision failed: %s", exc)
        plan.evacuation.append(PlanItem(text=f"Protective action could not be decided: {exc}", sources=src))
        return False, [], None
    if isinstance(result, NotApplicable):  # no table row for this hazard (a medical call): nothing to add
        log.info("no protective action: %s", result.reason)
        return False, [], None
    joke = retracted_threat(text)
    if joke is not None:
        held = _hold_for_police(plan, result, joke, src)
        if held:
            return True, [], None
    plan.evacuation.append(PlanItem(text=f"Protective action (rule {result.rule}): {result.decision_text}. Why: {result.reason}.", sources=src))
    plan.tool_outputs["plan_protective_action"] = result.model_dump(mode="json", exclude={"geometries", "route_lines", "cues"})
    if result.primary == "evacuate_area":
        # The evacuation planner draws the evacuated circle; the sheltering sector or the flood band is this
        # decision's own and would otherwise be missing from the map.
        extra = [f for f in result.geojson()["features"] if f["properties"]["kind"] in AREA_EXTRA_KINDS]
        return False, extra, result.isolation_m
    if result.people_moved:
        plan.evacuation.append(PlanItem(text=people_moved_line(result), sources=src))
    if result.assembly_point:
        plan.evacuation.append(PlanItem(text=f"Assembly point: {result.assembly_point['name']}.", sources=src))
    if result.shelters:  # people who cannot wait outdoors (bedridden, wheelchairs) are taken to a shelter
        names = ", ".join(f"{s['name']} ({s['people']:,})" for s in result.shelters)
        plan.evacuation.append(PlanItem(text=f"Taken indoors to: {names}.", sources=src))
    if result.clearance_routed_min is not None:
        plan.evacuation.append(PlanItem(text=f"Clearance time (routing model): {result.clearance_routed_min:.0f} min.", sources=src))
    plan.evacuation.append(PlanItem(text=f"Public warning: {result.warning_message}", sources=src))
    for warning in result.warnings[:2]:
        plan.evacuation.append(PlanItem(text=warning, sources=src))
    return True, [f for f in result.geojson()["features"] if f["properties"]["kind"] != "incident"], None


# The security rows that move people (a building or an area evacuated around a threat or an item).
_EVACUATING_SECURITY_ROWS = ("PS1", "PS2", "PS3", "PS4")


def retracted_threat(text: str) -> str | None:
    """The words by which a report of a bomb or a suspicious object takes it back as a joke ("haha just kidding",
    "只是开玩笑", "vitsi vitsi"), or None: no threat, or none taken back."""
    import re

    from core.hazard_words import RETRACTED_AS_JOKE
    from tools.determinants import extract

    joke = re.search(RETRACTED_AS_JOKE, text or "", re.IGNORECASE)
    if joke is None or not any(d.code == "suspicious_object" for d in extract(text)):
        return None
    return joke.group(0)


def _hold_for_police(plan: ResponsePlan, result: Any, joke: str, src: list[Source]) -> bool:
    """A threat taken back as a joke is a probable hoax: said in the plan, for the police to assess. An evacuation its
    row would order is held (not ordered, not silently dropped) until they do; True when it was held."""
    plan.immediate_actions.insert(0, PlanItem(
        text=f"Probable hoax: the caller took the threat back (\"{joke}\"). Police assess the threat (caller's number, "
             f"history, a search of the place named) before anyone is moved.", sources=src))
    plan.open_questions.append(PlanItem(text="Police threat assessment: is the retracted threat credible? Escalate at once if "
                                             "anything suspicious is found.", sources=src))
    if result.rule not in _EVACUATING_SECURITY_ROWS:
        return False
    plan.evacuation.append(PlanItem(
        text=f"Protective action (rule {result.rule}) held for the police assessment: {result.decision_text} only if the police "
             f"judge the threat credible or anything suspicious is found. Why held: the caller took the threat back "
             f"(\"{joke}\"), a probable hoax.", sources=src))
    return True


def table_distances(plan: ResponsePlan, text: str, hazard: str) -> None:
    """A report that asks how far ("ammonia leaking from a truck, people coughing, how far do we keep people back?")
    before its place is known gets the decision table's distances for its hazard, cited by row: the protective step
    needs a place to draw them, the commander needs the figure now (trial s16: the answer had no distance)."""
    from agent.schemas import Citation
    from tools.protective.reference import SOURCE, TITLE, asks_distance, table_rows

    if not asks_distance(text):
        return
    try:
        rows = table_rows(text, hazard)
    except Exception as exc:  # noqa: BLE001 - the plan stands without the figure
        log.warning("decision-table lookup failed: %s", exc)
        return
    for row in rows:
        ref = f"C{len(plan.citations) + 1}"
        plan.citations.append(Citation(ref=ref, source=SOURCE, title=TITLE, section=row.section, text=row.text, score=1.0))
        plan.evacuation.append(PlanItem(text=f"Distances by the decision table until the place is confirmed (row {row.rule}): {row.text}",
                                        sources=[Source(kind="citation", ref=ref)]))
