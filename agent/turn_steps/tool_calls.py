"""Tool calls the chat decides before the router: an address alone, a close, a unit sent "to this incident", a
question outside an incident.  Owns no message of its own; read by the tool agent (``agent.loop.ChatAgent``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from agent.close_request import close_request, sent_here_description
from agent.dispatch_target import described_only
from agent.follow_up import is_question
from agent.hazards import hazard_from_words
from agent.incident_scope import ReportPlace, same_place
from agent.intents import cue_intents
from agent.slots import canonical_unit_ids
from agent.turn_steps.turn import Session, Turn, current_incident
from agent.turn_steps.evacuation import incident_point


def address_calls(session: Session, turn: Turn, text: str) -> list[dict[str, Any]] | None:
    """The turn's address alone: the incident's follow-up when it answers "confirm the address" (filed under it and
    re-planned there), else the place shown (nothing is filed on an address alone)."""
    if turn.address is None:
        return None
    address, answers = turn.address
    if answers:
        return [{"name": "plan_response", "args": {"report": text}}]
    return [{"name": "resolve_place", "args": {"name": address}}]


def close_calls(session: Session, turn: Turn, text: str) -> list[dict[str, Any]] | None:
    """"close this incident", "关闭INC-7，与INC-3重复": a close proposal of the incident named, else the session's
    (``agent.close_request``); never a report, which would open an incident of its own."""
    asked = close_request(text)
    if asked is None or (asked.described and asked.incident_id is None):  # described: answered before the tools
        return None
    incident_id = asked.incident_id or current_incident(turn)
    return [{"name": "close_incident", "args": {"incident_id": incident_id} if incident_id else {}}]


def send_here_calls(session: Session, turn: Turn, text: str) -> list[dict[str, Any]] | None:
    """"dispatch ERO-R1 to this incident", "把KAI-A1派到这个事件": each unit named proposed as dispatched to the
    session's incident, not the unit id looked up as a place."""
    incident = current_incident(turn)
    described = sent_here_description(text) if incident is not None else None
    if incident is None or described is None or not describes_incident(session, incident, described):
        return None
    units = canonical_unit_ids(text, list(session.assistant._city.unit_status()))
    return [{"name": "set_unit_status", "args": {"unit_id": unit, "status": "dispatched"}} for unit in units] or None


def describes_incident(session: Session, incident_id: str, described: str) -> bool:
    """Can the words of "add ERO-H1 to the Kamppi metro gas alarm" ("Kamppi metro gas") be the session's incident: no
    place they name lies elsewhere, and no hazard they name is another type than the incident's.  Other words are
    another incident's, left to the dispatch planner and its binding (``agent.dispatch_target``)."""
    if not described:
        return True
    named = session.assistant._city.gazetteer.find_in_text(described)
    there = incident_point(session, incident_id)
    if named and (there is None or not all(same_place(ReportPlace(p.lat, p.lon, float(p.radius_m or 0.0), name=p.name), there)
                                           for p in named)):
        return False
    if not named and not described_only(described):
        return False  # a name the map lacks ("the Kallio gas alarm"): not shown to be this incident's
    hazard = hazard_from_words(described)
    kind = session.assistant._incident_type(incident_id)
    return hazard is None or kind is None or hazard == kind


def question_calls(text: str, prediction: Any, triage: Any) -> list[dict[str, Any]] | None:
    """A question the router would plan as a report, and in which the triage model reads no incident ("who leads at a
    mass casualty incident"): searched in the plans, as it is outside an incident, never planned (a not_incident plan
    on an open incident replaced its plan)."""
    if prediction.intent != "incident_report" or not is_question(text) or triage(text).incident_type != "not_incident":
        return None
    return [{"name": "search_plans", "args": {"query": text[:500]}}]



# A message that opens with one short question and goes on ("Is anyone hurt? There's a gas leak at Kamppi, ...",
# "伤者多少？斯托克曼百货三楼起火"): the question, and the rest.
_OPENING_QUESTION = re.compile(r"^\s*(?P<question>[^?？\n]{1,80}?[?？]+)\s*(?P<rest>\S.*)$", re.DOTALL)


def reported_after_question(text: str, routed: list[dict[str, Any]], city: Any,
                            route: Callable[[str], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """A report that opens with a question about its scene ("Is anyone hurt? There's a gas leak at Kamppi, the building
    is being cleared", "Any casualties? ...", "伤者多少？斯托克曼百货三楼起火") is still a report: where the question
    asks nothing the tools answer (no request the cue rules find in it) and the message as routed (``routed``) files
    no report, but its rest does (``route``: the router's calls for a text), the rest's calls are made, with the whole
    message as the report filed.  The question read first made it a plan question, an evacuation order or nothing, and
    no incident was opened (s20).  Any other message: ``routed`` as it is."""
    found = _OPENING_QUESTION.match(text or "")
    # a question that asks for units ("能不能派一辆救护车到 Annankatu 12？…", "could you send an ambulance…?") is a
    # request the router found, whether or not the cue rules read it: its dispatch binds the report (s19 filing path)
    if found is None or any(call["name"] in ("plan_response", "plan_dispatch") for call in routed) \
            or cue_intents(found["question"], city) \
            or hazard_from_words(found["rest"]) is None:
        return routed
    told = route(found["rest"])
    if not any(call["name"] == "plan_response" for call in told):
        return routed
    return [{"name": "plan_response", "args": {"report": text}} if call["name"] == "plan_response" else call for call in told]
