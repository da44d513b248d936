"""The deterministic fallback: a routed intent plus filled slots become tool calls, for when the LLM
cannot (or may not) choose the tools itself.  The tools are those of ``agent.tool_registry``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from agent.intents import IntentPrediction, extract_priority, extract_radius_m, extract_unit_status
from agent.protocols import City, TriageOutcome


def fallback_calls(text: str, prediction: IntentPrediction, city: City,
                   triage: Callable[[str], TriageOutcome] | None = None) -> list[dict[str, Any]]:
    """Intent routing plus slot filling → tool calls, for when the LLM cannot call tools itself."""
    intent = prediction.intent
    places = city.gazetteer.find_in_text(text)
    place = next((p for p in places if p.kind != "zone"), places[0] if places else None)
    zones = [p for p in places if p.kind == "zone"]
    unit_ids = [unit.id for _, unit in city.units()]
    if intent == "incident_report":
        return [{"name": "plan_response", "args": {"report": text}}]
    if intent == "plan_question":
        return [{"name": "search_plans", "args": {"query": text[:500]}}]
    if intent == "shelter_info":
        return [{"name": "list_shelters", "args": {}}]
    if intent == "unit_status":
        unit, status = extract_unit_status(text, unit_ids)
        if unit and status:
            return [{"name": "set_unit_status", "args": {"unit_id": unit, "status": status}}]
        return [{"name": "unit_status", "args": {"unit_id": unit} if unit else {}}]
    if intent == "place_lookup":
        return [{"name": "resolve_place", "args": {"name": place.name if place else _guess_place(text)}}]
    hazard = "fire"  # most demanding standard set when the request names no hazard
    if triage is not None:
        result = triage(text)
        if result.incident_type != "not_incident" and result.type_confidence >= 0.5:
            hazard = result.incident_type
    if intent == "evacuation":
        target = zones[0] if zones else place
        if target is None:
            return [{"name": "resolve_place", "args": {"name": _guess_place(text)}}]
        args: dict[str, Any] = {"place": target.name, "hazard_type": hazard if hazard != "not_incident" else "fire"}
        radius = extract_radius_m(text)
        if radius:
            args["radius_m"] = radius
        calls = [{"name": "plan_evacuation", "args": args},
                 {"name": "search_plans", "args": {"query": f"evacuation shelter opening {args['hazard_type'].replace('_', ' ')}", "hazard": "evacuation", "k": 2}}]
        if _mentions_units(text):
            calls.append({"name": "plan_dispatch", "args": {"incidents": [
                {"place": target.name, "incident_type": args["hazard_type"], "priority": extract_priority(text) or "P1"}]}})
        return calls
    if intent == "dispatch":
        if place is None and not zones:
            return [{"name": "resolve_place", "args": {"name": _guess_place(text)}}]
        target = place or zones[0]
        incident_type = hazard if hazard != "not_incident" else "fire"
        calls = [{"name": "plan_dispatch", "args": {"incidents": [
            {"place": target.name, "incident_type": incident_type, "priority": extract_priority(text) or "P2"}]}}]
        if _mentions_evacuation(text):
            calls.append({"name": "plan_evacuation", "args": {"place": target.name, "hazard_type": incident_type}})
        return calls
    return []


def _mentions_units(text: str) -> bool:
    lowered = text.lower()
    return any(w in lowered for w in ("send", "dispatch", "units", "ambulance", "engine", "派", "车辆", "救护车"))


def _mentions_evacuation(text: str) -> bool:
    lowered = text.lower()
    return any(w in lowered for w in ("evacuat", "shelter", "疏散", "撤离", "避难"))


def _guess_place(text: str) -> str:
    """The most place-like word of a request with no known place (for 'did you mean' suggestions)."""
    import re

    candidates = re.findall(r"\b[A-ZÄÖÅ][\wäöå'-]{3,}(?:\s[A-ZÄÖÅ][\wäöå'-]+)?", text)
    skip = {"Which", "What", "Where", "Evacuate", "Send", "Plan", "Find", "Locate", "Dispatch", "How", "Who", "Is", "The"}
    candidates = [c for c in candidates if c.split()[0] not in skip]
    return candidates[-1] if candidates else text.strip()[:60]
