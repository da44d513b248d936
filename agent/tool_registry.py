"""Every tool the LLM can call, in one place.

The city's operations are thin typed functions in ``tools.llm_tools``; the procedure-document
search and the response plan come from the assistant.  This module wraps each as a LangChain
tool that never raises and returns ONE typed ``ToolResult``: text for the model (JSON for the
city tools, so the model can read errors and suggestions and correct itself) plus the
structured result (data, citations, a response plan or a part of one) that travels on the
chat event stream to the UI.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any, Literal

from langchain_core.tools import BaseTool, StructuredTool
from pydantic import BaseModel, Field, ValidationError

from agent.protocols import City, PassageSearch
from agent.answer_language import NO_PASSAGE_EN
from agent.dispatch_target import DispatchBinding, IncidentOffMap
from agent.follow_up import WhichIncident
from core.errors import InputError
from agent.plan_items import add_dispatch_items, add_evacuation_items, citations_from_passages
from agent.hazards import plan_hazard_from_words
from agent.schemas import Citation, PlanItem, Proposal, ResponsePlan, Source, ToolResult
from agent.situation import Situation
from agent.time_of_day import TimeOfDay
from tools import llm_tools as ops
from tools.gazetteer import AmbiguousPlaceError
from tools.protective import NotApplicable

log = logging.getLogger(__name__)

PlanReport = Callable[[str], ResponsePlan]


# --- model-readable errors ---------------------------------------------------------------------
def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)


def _error(message: str, **extra: Any) -> str:
    return _dump({"error": message, **extra})


def _validation_message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        parts = [f"{'.'.join(str(p) for p in e['loc']) or 'input'}: {e['msg']}" for e in exc.errors()[:4]]
        return _error("invalid arguments: " + "; ".join(parts))
    return _error(f"invalid arguments: {exc}")


def _lookup_error(exc: LookupError) -> str:
    if isinstance(exc, ops.UnknownUnitError):
        return _error(str(exc), known_units=exc.known_units)
    if isinstance(exc, AmbiguousPlaceError):
        return _error(str(exc), candidates=[c.name for c in exc.candidates], hint="call again with one of the candidate names")
    suggestions = getattr(exc, "suggestions", [])
    return _error(str(exc), suggestions=suggestions,
                  hint="call again with one of the suggested names" if suggestions else "ask the operator for a street or landmark")


def _city_tool(name: str, fn: Callable[..., ToolResult], schema: type[BaseModel], description: str) -> BaseTool:
    """A city operation as a tool: arguments validated into ``schema``; every failure answered as JSON."""

    def run(**kwargs: Any) -> ToolResult:
        try:
            return fn(schema.model_validate(kwargs))
        except LookupError as exc:
            return ToolResult(text=_lookup_error(exc))
        except ValidationError as exc:
            return ToolResult(text=_validation_message(exc))
        except ValueError as exc:
            return ToolResult(text=_error(str(exc)))
        except Exception as exc:  # noqa: BLE001 - a tool must answer the model, never crash the agent
            log.exception("tool %s failed", name)
            return ToolResult(text=_error(f"internal error in {fn.__name__}: {type(exc).__name__}: {exc}"))

    return StructuredTool.from_function(func=run, name=name, description=description, args_schema=schema,
                                        handle_validation_error=lambda exc: _validation_message(exc), handle_tool_error=True)


def _part(features: list[dict[str, Any]]) -> ResponsePlan:
    return ResponsePlan(plan_id="", report="", geojson={"type": "FeatureCollection", "features": features})


# --- the tools ------------------------------------------------------------------------------------
# What the model reads about each city tool (the wording is part of the prompt: change it with the benchmarks).
CITY_TOOL_DESCRIPTIONS = {
    "resolve_place": "Find a named place of the city (street, square, building, zone, shelter, station) and its coordinates.\n"
                     "        Returns the match, or closest suggestions when the name is unknown or ambiguous.",
    "list_shelters": "List the scenario's shelters with capacity, accessibility and, if hazard_type is given, suitability.",
    "plan_evacuation": "Plan an evacuation around a hazard: assigns people of affected zones to shelters within capacity,\n"
                       "        with routes avoiding the hazard area, assembly points, clearance time and unserved people.",
    "plan_dispatch": "Recommend units for one or several simultaneous incidents by road ETA, P1 first, meeting the\n"
                     "        requirement table per incident type; reports shortfalls with mutual-aid advice. Changes no unit status."
                     f" Requirement table: {ops.requirements_text()}.",
    "unit_status": "Current status of one unit or of all units (available, dispatched, transporting, out_of_service), with type and station.",
    "set_unit_status": "Propose a change of a unit's status (available, dispatched, transporting, out_of_service); it is applied only "
                       "when the operator confirms it.",
    "close_incident": "Propose closing an incident (default: the current one); it is closed only when the operator confirms it.",
    "open_incidents": "Open incidents with priority, age, location and plan state (none, draft, approved); read-only.",
    "unit_board": "All units: available, committed (by incident), out of service, by station and type; read-only.",
    "shelter_occupancy": "People assigned to each shelter by approved evacuation plans, against capacity; read-only.",
    "sitrep": "Situation report: open incidents, units, shelters in a short cited summary with alerts; read-only.",
    "plan_protective_action": "Decide the proportionate protective action for a report (evacuate the building, isolate, shelter in\n"
                              "        place or evacuate an area) by the documented decision table, with the people moved, the geometry, the\n"
                              "        assembly point or shelters, the clearance time and the public warning text. Use before plan_evacuation.",
}

Propose = Callable[[str, dict[str, Any]], Proposal]  # (action, args) -> the proposal filed for the operator
BindDispatch = Callable[[ops.DispatchArgs], DispatchBinding]  # a chat dispatch -> the open incidents it commits to
EvacuationCentre = Callable[[ops.EvacuationArgs], tuple[ops.EvacuationArgs, str | None]]  # -> the centre used, and a note


def _dispatch_commits(plan: Any, binding: DispatchBinding) -> dict[str | None, list[str]]:
    """The units to propose committing, per bound incident: what the operator asked for, the units they named and the
    planned units of each type they asked for that no named unit is ("send HAK-E1 and a ladder": HAK-E1 and the
    ladder; "send an ambulance": the ambulance, not the whole table).  The requirement table's other picks are
    suggested in a line of their own, not slipped into the commit.  An order that names neither units nor types
    commits every unit the plan recommends for it."""
    commits: dict[str | None, list[str]] = {}
    for n, incident_id in binding.bound.items():
        spec = binding.args.incidents[n]
        assigned = [a for a in plan.assignments if a.incident_id == incident_id]
        named = {u.upper() for u in spec.unit_ids or []}
        # a type is asked for by the named units themselves when one of them is of it ("send ERO-E2 and HAK-E1" says
        # "engine" through its call signs, not two more engines)
        named_types = {a.unit_type for a in assigned if a.unit_id.upper() in named}
        types = {t for t in spec.unit_types or [] if t not in named_types}
        asked = [a for a in assigned if a.unit_id.upper() in named or a.unit_type in types]
        units = [a.unit_id for a in (asked if named or types else assigned)]
        extras = [a for a in assigned if (named or types) and a.unit_id not in units]
        if extras:
            plan.warnings.append(f"Also suggested for {incident_id} by the requirement table, not proposed: "
                                 + ", ".join(f"{a.unit_id} ({a.unit_type.replace('_', ' ')})" for a in extras)
                                 + ". Ask for them by name or type to commit them.")
        if units:
            commits[incident_id] = units
    return commits


def city_tools(city: City, propose: Propose | None = None, bind: BindDispatch | None = None,
               centre: EvacuationCentre | None = None, incident: Callable[[], str | None] | None = None,
               when: Callable[[], TimeOfDay] | None = None, file_report: PlanReport | None = None) -> list[BaseTool]:
    """The scenario's tools: places, shelters, evacuation and dispatch planning, unit status.
    State changes are only ever proposed (``propose``); without it they are refused.  A dispatch is proposed only for
    the incidents ``bind`` ties it to (``agent.dispatch_target``): never to no incident.  ``when``: the time of day of
    the turn's message (an evacuation counts the residents at night, the daytime population by day).  ``file_report``:
    files a report as the chat files one (``plan_response``'s path); a dispatch bound to no incident whose words tell
    one (``DispatchArgs.report``) files them with it and is proposed for the incident they open."""
    if propose is None:
        bind = None

    def resolve_place(args: ops.ResolvePlaceArgs) -> ToolResult:
        match = ops.resolve_place(city, args).model_dump()
        return ToolResult(text=_dump({"match": match}), data={"match": match})

    def list_shelters(args: ops.ListSheltersArgs) -> ToolResult:
        rows = ops.list_shelters(city, args)
        points = ops.assembly_points_near(city, args.place) if args.assembly_points and args.place else []
        data = {"shelters": rows, "assembly_points": points, "summary": shelters_text(rows, points, args)}
        return ToolResult(text=_dump(data), data=data)

    def plan_evacuation(args: ops.EvacuationArgs) -> ToolResult:
        args, note = centre(args) if centre is not None else (args, None)
        at = when() if when is not None else None
        if at is not None:
            args = args.model_copy(update={"population": at.population})
        # planned for the session's incident: a re-plan of it counts its own approved places as free, not as full
        where, plan = ops.evacuate(city, args, for_incident=incident() if incident is not None else None)
        if note:
            plan.warnings.insert(0, note)
        data = {
            "hazard_centre": where.name, "summary": plan.summary(),
            "assignments": [a.model_dump() for a in plan.assignments],
            "assembly_points": [{"zone_id": a.zone_id, "name": a.name} for a in plan.assembly_points],
            "clearance_time_min": plan.clearance_time_min, "total_people": plan.total_people,
            "unserved_people": plan.unserved_people, "unserved_statement": plan.unserved_statement,
            "warnings": plan.warnings,
        }
        part = _part(plan.geojson()["features"])
        add_evacuation_items(part, plan)
        if at is not None:
            part.evacuation.insert(0, PlanItem(text=at.population_line(), sources=[Source(kind="tool", ref="plan_evacuation")]))
        # the assignments go with the plan (as in a full response plan): approving it reserves their shelter places
        part.tool_outputs["plan_evacuation"] = plan.model_dump(mode="json", exclude={"zone_geometries", "closed_road_lines"})
        return ToolResult(text=_dump(data), data=data, plan_part=part)

    def plan_dispatch(args: ops.DispatchArgs) -> ToolResult:
        try:
            binding = bind(args) if bind is not None else None
            filed = None
            if binding is not None and _files_its_report(binding, args, file_report):
                # "Can you send an ambulance to Annankatu 12, a man is unconscious" with no incident yet: the message is
                # the incident's report; filed, it opens (or joins) the incident the units are then bound to (s19)
                filed = _file_for_dispatch(file_report, args.report)
                if filed is not None:
                    binding = bind(args)
        except IncidentOffMap as off:
            return _off_map_dispatch(off)
        try:
            plan = ops.dispatch(city, binding.args if binding is not None else args)
        except LookupError as exc:
            if binding is None or not binding.asks or binding.bound:
                raise
            # which incident the units are for is asked, and the order's words are no place ("the bus crash"): the
            # question is the answer, not "no place called 'the bus crash'" (review s16); a kind of place said alone
            # ("send them to the school") is asked about too: which of its places
            which = [str(exc)] if isinstance(exc, AmbiguousPlaceError) else _which_of_kind(args.report)
            return ToolResult(text=_error(" ".join([*binding.asks, *which])))

        # no binder (a caller whose ``propose`` is tied to one incident already): every unit, to that incident
        commits = (_dispatch_commits(plan, binding) if binding is not None
                   else {None: [a.unit_id for a in plan.assignments]} if propose is not None and plan.assignments else {})
        if binding is not None:
            plan.warnings.extend([*binding.notes, *binding.asks])
            if filed is not None and filed in binding.bound.values():
                plan.warnings.insert(0, f"The report in this message was filed as {filed}; the units are proposed for it.")
        data = {
            "summary": plan.summary(),
            "assignments": [a.model_dump(exclude={"route", "unit_lat", "unit_lon"}) for a in plan.assignments],
            "shortfalls": [s.model_dump() for s in plan.shortfalls],
            "explanation": plan.explanation, "warnings": plan.warnings,
        }
        part = _part(plan.geojson()["features"])
        add_dispatch_items(part, plan)
        proposals = []
        for incident_id, units in commits.items():  # committing the units is the operator's decision, one incident each
            try:
                proposals.append(propose("commit_dispatch", {"unit_ids": units, **({"incident_id": incident_id} if incident_id else {})}))
            except ValueError as exc:
                data["warnings"] = [*data["warnings"], f"commit not proposed: {exc}"]
        return ToolResult(text=_dump(data), data=data, plan_part=part, proposals=proposals)

    def _off_map_dispatch(off: IncidentOffMap) -> ToolResult:
        """A dispatch to an incident off the map: the units the operator named are proposed for it without a route (the
        commander chose them; a man in the water cannot wait for an address); without named units nothing is chosen."""
        if not off.unit_ids or propose is None:
            return ToolResult(text=_error(" ".join([f"Nothing was dispatched: {off}.", *_which_of_kind(off.report),
                                                    "Name the units to send, or give its address (or click its place on "
                                                    "the map) and repeat the order."])))
        # a named unit that is busy is said so, with a free one of its type; the free ones are still proposed (s16 final
        # read: one busy unit refused the whole order, the man in the water got nobody)
        free, busy_notes = _free_and_busy(city, off.unit_ids)
        if not free:
            return ToolResult(text=_error(f"Nothing was dispatched: {' '.join(busy_notes)}"))
        try:
            proposal = propose("commit_dispatch", {"unit_ids": free, "incident_id": off.incident_id})
        except ValueError as exc:
            return ToolResult(text=_error(f"Nothing was dispatched: {exc}"))
        data = {"summary": " ".join([f"Proposed: {proposal.summary}. Awaiting the operator's confirmation ({proposal.proposal_id}).",
                                     *busy_notes]),
                "warnings": [*busy_notes, f"{off}: the named units are proposed as they are; give its address for their routes.",
                             *_which_of_kind(off.report)]}
        return ToolResult(text=_dump(data), data=data, proposals=[proposal])

    def _which_of_kind(report: str) -> list[str]:
        """"Which one?" with the places, where the order places its incident only by a kind ("to the gym")."""
        question = city.which_of_kind(report) if report.strip() else None
        return [question] if question else []

    def unit_status(args: ops.UnitStatusArgs) -> ToolResult:
        rows = ops.unit_statuses(city, args)
        if not rows and args.available_only:  # "which ambulances are free?" with none free: say so, not an empty list
            kind = (args.unit_type or "unit").replace("_", " ")
            data = {"units": [], "summary": f"No {kind} is available now{' at ' + args.station if args.station else ''}."}
            return ToolResult(text=_dump(data), data=data)
        return ToolResult(text=_dump({"units": rows}), data={"units": rows})

    def set_unit_status(args: ops.SetUnitStatusArgs) -> ToolResult:
        if propose is None:
            return ToolResult(text=_error("unit status changes need the operator's confirmation; none can be proposed here"))
        proposal = propose("set_unit_status", {"unit_id": args.unit_id, "status": args.status})
        data = {"proposed": True, "proposal_id": proposal.proposal_id, "unit_id": args.unit_id, "status": args.status,
                "summary": f"Proposed: {proposal.summary}. Awaiting the operator's confirmation ({proposal.proposal_id})."}
        return ToolResult(text=_dump(data), data=data, proposals=[proposal])

    tools = [(resolve_place, ops.ResolvePlaceArgs), (list_shelters, ops.ListSheltersArgs), (plan_evacuation, ops.EvacuationArgs),
             (plan_dispatch, ops.DispatchArgs), (unit_status, ops.UnitStatusArgs), (set_unit_status, ops.SetUnitStatusArgs),
             (protective_action_tool(city), ops.ProtectiveActionArgs)]
    return [_city_tool(fn.__name__, fn, schema, CITY_TOOL_DESCRIPTIONS[fn.__name__]) for fn, schema in tools]


def shelters_text(rows: list[dict[str, Any]], points: list[dict[str, Any]], args: ops.ListSheltersArgs) -> str:
    """The shelters (and assembly points) as an operator reads them: a name, free places, distance and what it is not
    for, one a line; never ids and coordinates (trial s19 M13)."""
    lines = []
    if points:
        lines.append(f"Assembly points (staging areas) nearest to {points[0]['from']}:")
        lines += [f"- {p['name']}: {p['distance_m']} m" for p in points[:3]]
    elif args.assembly_points:
        lines.append("No assembly point (staging area) of the scenario is near that place.")
    where = rows[0].get("from") if rows else None
    head = "Shelters"
    if args.min_free:
        head += f" with at least {args.min_free} free places"
    if where:
        head += f", farthest from {where} first" if args.away else f", nearest to {where} first"
    lines.append(head + ":" if rows else head + ": none.")
    for r in rows:
        line = f"- {r['name']}: {r['free']} free of {r['capacity']} places"
        if "distance_m" in r:
            line += f", {r['distance_m']} m from {r['from']}"
        if not r["accessible"]:
            line += ", not step-free"
        if isinstance(r["unsuitable_for"], list) and r["unsuitable_for"]:
            line += ", not for " + ", ".join(h.replace("_", " ") for h in r["unsuitable_for"])
        if r.get("suitable") is False:
            line += " (unsuitable for this hazard)"
        lines.append(line)
    return "\n".join(lines)


def _free_and_busy(city: City, unit_ids: list[str]) -> tuple[list[str], list[str]]:
    """The named units that are available (or unknown: the proposal book names those), and for each other one a note
    with its status and free units of its type ("HAK-A1 is out of service, not proposed; free ambulance: KAM-A1, …")."""
    units = {u.id: u for _, u in city.units()}
    free, notes = [], []
    for uid in dict.fromkeys(unit_ids):
        unit = units.get(uid)
        if unit is None or unit.status == "available":
            free.append(uid)
            continue
        kind = unit.type.replace("_", " ")
        others = [u.id for u in units.values() if u.type == unit.type and u.status == "available" and u.id not in unit_ids]
        instead = f"free {kind}: {', '.join(others[:3])} (name one to send it)" if others else f"no {kind} is free"
        notes.append(f"{uid} is {unit.status.replace('_', ' ')}, not proposed; {instead}.")
    return free, notes


def protective_action_tool(city: City) -> Callable[[ops.ProtectiveActionArgs], ToolResult]:
    """``plan_protective_action``: the decision, its people and geometry as a plan part (evacuation section and map)."""

    def plan_protective_action(args: ops.ProtectiveActionArgs) -> ToolResult:
        plan = ops.protective_action(city, args)  # type: ignore[arg-type]
        if isinstance(plan, NotApplicable):  # an answer for the model, not an error: the table has no row for this hazard
            none = {"applies": False, "hazard_type": plan.hazard_type, "summary": plan.summary(), "reason": plan.reason}
            return ToolResult(text=_dump(none), data=none)
        data = {"applies": True,
            "summary": plan.summary(), "rule": plan.rule, "primary": plan.primary, "actions": plan.actions, "decision": plan.decision_text,
            "reason": plan.reason, "location": plan.location, "people_moved": plan.people_moved,
            "people_moved_buildings": plan.people_moved_buildings, "people_moved_zones": plan.people_moved_zones,
            "isolation_m": plan.isolation_m, "sector": plan.sector, "assembly_point": plan.assembly_point, "shelters": plan.shelters,
            "clearance_routed_min": plan.clearance_routed_min, "clearance_bound_min": plan.clearance_bound_min,
            "clearance_assembly_min": plan.clearance_assembly_min, "warning_message": plan.warning_message, "warnings": plan.warnings,
        }
        part = _part(plan.geojson()["features"])
        src = [Source(kind="tool", ref="plan_protective_action")]
        part.evacuation.extend(PlanItem(text=t, sources=src) for t in (f"{plan.decision_text} (rule {plan.rule}: {plan.reason}).",
                                                                       f"Public warning: {plan.warning_message}", *plan.warnings[:3]))
        return ToolResult(text=_dump(data), data=data, plan_part=part)

    return plan_protective_action


class OpenIncidentsArgs(BaseModel):
    priority: Literal["P1", "P2", "P3", "P4"] | None = Field(default=None, description="Only incidents of this priority.")
    without_units: bool = Field(default=False, description="Only incidents no unit is committed to.")
    incident_type: str | None = Field(default=None, description="Only incidents of this type (e.g. missing_person).")
    since_min: int | None = Field(default=None, ge=1, le=10080, description="Only incidents opened within the last this many minutes.")
    newest_first: bool = Field(default=False, description="Newest first, not most urgent first ('latest first').")


class NoArgs(BaseModel):
    pass


class CloseIncidentArgs(BaseModel):
    incident_id: str | None = Field(default=None, max_length=40, description="The incident to close; default the current one.")


def close_incident_tool(propose: Propose) -> BaseTool:
    """``close_incident``: a proposal, never a closure by itself."""

    def close_incident(args: CloseIncidentArgs) -> ToolResult:
        proposal = propose("close_incident", {"incident_id": args.incident_id} if args.incident_id else {})
        data = {"proposed": True, "proposal_id": proposal.proposal_id,
                "summary": f"Proposed: {proposal.summary}. Awaiting the operator's confirmation ({proposal.proposal_id})."}
        return ToolResult(text=_dump(data), data=data, proposals=[proposal])

    return _city_tool("close_incident", close_incident, CloseIncidentArgs, CITY_TOOL_DESCRIPTIONS["close_incident"])


def situation_tools(situation: Situation) -> list[BaseTool]:
    """Read-only views of the situation: open incidents, unit board, shelter occupancy, sitrep."""
    from agent.situation import board_text, incidents_text, shelters_text

    def open_incidents(args: OpenIncidentsArgs) -> ToolResult:
        rows = situation.open_incidents(args.priority, without_units=args.without_units)
        if args.incident_type:  # "was the child found?": the open missing-person incidents (trial 19 L20)
            rows = [r for r in rows if r.incident_type == args.incident_type]
        if args.since_min:  # "P1s opened in the last hour" (trial s19 M16)
            rows = [r for r in rows if r.age_min <= args.since_min]
        if args.newest_first or args.since_min:
            rows = sorted(rows, key=lambda r: r.age_min)
        # a filtered question is answered with the incidents that pass it alone: candidates and proposals are no answer
        filtered = args.without_units or bool(args.incident_type) or bool(args.since_min)
        candidates = [] if filtered else situation.stream_candidates(args.priority)
        pending = [] if filtered else situation.pending_proposals()  # of every operator: the shared log
        return ToolResult(text=incidents_text(rows, args.priority, candidates, pending, args.without_units, args.since_min),
                          data={"incidents": [r.model_dump(mode="json") for r in rows],
                                "stream_candidates": [c.model_dump(mode="json") for c in candidates],
                                "pending_proposals": [p.model_dump(mode="json") for p in pending]})

    def unit_board(args: NoArgs) -> ToolResult:
        board = situation.unit_board()
        return ToolResult(text=board_text(board), data=board.model_dump(mode="json"))

    def shelter_occupancy(args: NoArgs) -> ToolResult:
        rows = situation.shelter_occupancy()
        return ToolResult(text=shelters_text(rows, situation.open_hazards()), data={"shelters": [r.model_dump(mode="json") for r in rows]})

    def sitrep(args: NoArgs) -> ToolResult:
        report = situation.sitrep()
        return ToolResult(text=report.text, data=report.model_dump(mode="json"))

    tools = [(open_incidents, OpenIncidentsArgs), (unit_board, NoArgs), (shelter_occupancy, NoArgs), (sitrep, NoArgs)]
    return [_city_tool(fn.__name__, fn, schema, CITY_TOOL_DESCRIPTIONS[fn.__name__]) for fn, schema in tools]


class SearchPlansArgs(BaseModel):
    query: str = Field(description="What to look up in the emergency plans, e.g. 'flood annex sandbags'.", min_length=2, max_length=500)
    hazard: str | None = Field(default=None, description="Optional hazard key to filter by, e.g. 'flood'.")
    k: int = Field(default=4, ge=1, le=10, description="How many passages.")


class PlanResponseArgs(BaseModel):
    report: str = Field(description="The incident report text, verbatim.", min_length=3, max_length=20_000)


def procedure_search_tool(passages: PassageSearch) -> BaseTool:
    """``search_plans``: cited passages of the emergency-plan (procedure) documents."""

    def search_plans(query: str, hazard: str | None = None, k: int = 4) -> ToolResult:
        """Search the city's emergency plans and standards; returns cited passages."""
        # A question that names a hazard ("isolation distance for chlorine") prefers the passages of the documents
        # tagged with it; the words were not enough on their own (no plan says "chlorine").
        named = None if hazard else plan_hazard_from_words(query)
        try:
            found = _search(passages, query, k, {"hazard": hazard} if hazard else None, {"hazard": named} if named else None)
        except Exception as exc:  # noqa: BLE001 - a model-readable error, not an exception
            try:
                found = passages.search(query, k=k)
            except Exception:  # noqa: BLE001
                return ToolResult(text=f"error: {exc}")
        citations = table_citations(query, hazard or named) + citations_from_passages(found)
        citations = [c.model_copy(update={"ref": f"C{i}"}) for i, c in enumerate(citations, 1)]
        if not citations:
            return ToolResult(text=NO_PASSAGE_EN)
        lines = [f"[{c.ref}] {c.label()}: {' '.join(c.text.split())[:350]}…" for c in citations]
        return ToolResult(text="\n".join(lines), citations=citations)

    return StructuredTool.from_function(search_plans, name="search_plans", args_schema=SearchPlansArgs)


def _search(passages: PassageSearch, query: str, k: int, filters: dict | None, prefer: dict | None) -> list[Any]:
    if prefer:
        try:
            return list(passages.search(query, k=k, filters=filters, prefer=prefer))
        except TypeError:  # a search without preferences (an older store adapter)
            pass
    return list(passages.search(query, k=k, filters=filters))


def table_citations(question: str, hazard: str | None) -> list[Citation]:
    """A distance question's figures from the protective-action decision table, cited by row (the plans give only
    generic radii; the table is what the protective planner applies)."""
    from tools.protective.reference import SOURCE, TITLE, asks_distance, table_rows

    if not asks_distance(question):
        return []
    try:
        rows = table_rows(question, hazard)
    except Exception as exc:  # noqa: BLE001 - the plans' passages still answer
        log.warning("decision-table lookup failed: %s", exc)
        return []
    return [Citation(ref=f"T{i}", source=SOURCE, title=TITLE, section=row.section, text=row.text, score=1.0)
            for i, row in enumerate(rows, 1)]


def response_plan_tool(plan_report: PlanReport) -> BaseTool:
    """``plan_response``: the full response plan, made the way ``Assistant.plan`` makes it."""

    def plan_response(report: str) -> ToolResult:
        """Build a full response plan for an incident report (triage, actions, evacuation, units, comms)."""
        from agent.render import to_markdown
        from core.text import detect_language

        try:
            plan = plan_report(report)
        except WhichIncident as exc:  # a follow-up that fits several incidents: the operator says which
            return ToolResult(text=str(exc))
        # a report written in Chinese: the plan's headings too (agent.answer_language)
        return ToolResult(text=to_markdown(plan, language=detect_language(report)), citations=plan.citations, plan=plan)

    return StructuredTool.from_function(plan_response, name="plan_response", args_schema=PlanResponseArgs)


def _files_its_report(binding: DispatchBinding, args: ops.DispatchArgs, file_report: PlanReport | None) -> bool:
    """Is this a one-incident dispatch bound to no incident whose message tells the incident (its report)?"""
    return file_report is not None and bool(args.report.strip()) and len(args.incidents) == 1 \
        and bool(binding.asks) and not binding.bound


def _file_for_dispatch(file_report: PlanReport, report: str) -> str | None:
    """The incident the report was filed under, or None where it could not be (a follow-up fitting several incidents,
    a report the screen refuses): then the dispatch asks which incident, as before."""
    try:
        return file_report(report).incident_id
    except (WhichIncident, InputError):
        return None


def build_tools(city: City, passages: PassageSearch | None = None, plan_report: PlanReport | None = None,
                situation: Situation | None = None, propose: Propose | None = None,
                bind: BindDispatch | None = None, centre: EvacuationCentre | None = None,
                incident: Callable[[], str | None] | None = None, when: Callable[[], TimeOfDay] | None = None) -> list[BaseTool]:
    """Every tool the LLM can call in one chat turn (search, planning and situation only where their parts are given);
    ``centre``: where an evacuation that names no place of the map is centred (the session's incident), with a note;
    ``incident``: the incident the turn is about (an evacuation re-planned for it may use the places it holds)."""
    tools = city_tools(city, propose, bind, centre, incident, when, plan_report)
    if propose is not None:
        tools.append(close_incident_tool(propose))
    if situation is not None:
        tools += situation_tools(situation)
    if passages is not None:
        tools.append(procedure_search_tool(passages))
    if plan_report is not None:
        tools.append(response_plan_tool(plan_report))
    return tools
