"""Messages that ask for data this system does not hold, ask whether a rumour is true, or tell no new emergency.

Owns: data gaps ("what is the water level forecast?": said to be missing first) and non-emergencies (a drill, a test,
an all-clear, a false alarm, thanks: nothing filed; an all-clear of an incident open at its place proposes closing it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from agent.answer_language import nothing_filed_reply
from agent.clauses import split_clauses
from agent.data_gaps import data_gap, gap_reply
from agent.follow_up import is_question
from agent.hazards import hazard_from_words, no_new_emergency
from agent.incident_scope import ReportPlace
from agent.intents import cue_intents
from agent.rumour_question import RUMOUR_QUERY, asks_if_rumour_true, plan_advice, rumour_answer
from agent.rumours import RumourChecker
from agent.schemas import ChatEvent
from agent.shelter_plans import asks_plan_shelters, asks_shelter_power, shelter_plan_reply
from agent.tool_registry import procedure_search_tool
from core.errors import InputError
from core.text import detect_language
from agent.turn_steps.turn import Session, Turn, current_incident
from tools import llm_tools as ops


def no_new_emergency_kind(session: Session, turn: Turn, text: str) -> str | None:
    """What a message that would be filed as a new report but tells no new emergency is
    (``agent.hazards.no_new_emergency``), or None. A message that asks or orders something is left to its tools (a
    place lookup of "Kamppi fire station?", a sitrep after a smoke break); in a session on an incident an all-clear
    or a false alarm is news of that incident, a follow-up."""
    kind = no_new_emergency(text)
    if kind is None or is_question(text) or cue_intents(text, session.assistant._city):
        return None
    if kind in ("all_clear", "false_alarm") and current_incident(turn) is not None:
        return None
    return kind


def orders_or_reports(session: Session, text: str) -> bool:
    """Does the message order something (evacuate, dispatch, a status) or tell an incident in a sentence that asks
    nothing?  Then a question for missing data beside it does not answer the whole turn."""
    if any(i in ("evacuation", "dispatch", "unit_status_change") for i in cue_intents(text, session.assistant._city)):
        return True
    sentences = [s for s in re.split(r"(?<=[.!?。！？])\s*|\n", text) if s.strip()]
    return any(not is_question(s) and hazard_from_words(s) for s in sentences)


def data_gap_reply(session: Session, turn: Turn, gap: Any, text: str) -> Iterator[ChatEvent]:
    """The gap said first, then the plan passages on the question, labelled as plan text."""
    zh = detect_language(text) == "zh"
    try:
        found = procedure_search_tool(session.assistant._passages).invoke({"query": text[:500], "k": 2})
        passages = found.text if found.citations else ""
    except Exception:  # noqa: BLE001 - the gap is the answer; passages are only added help
        passages = ""
    yield from session._reply(turn, gap_reply(gap, passages, zh))


def nothing_filed_answer(session: Session, turn: Turn, kind: str, text: str) -> Iterator[ChatEvent]:
    """The short answer that nothing was filed; for an all-clear or a false alarm at the place of an incident open
    with a hazard that meets it, that incident named and its closing proposed (the operator decides)."""
    a = session.assistant
    said = nothing_filed_reply(kind, text)
    open_there = None
    if kind in ("all_clear", "false_alarm"):
        open_there = a._filer.open_incident_at(text, hazard_from_words(text), within_h=session.config.join_open_within_h or 24.0)
    if open_there is None:
        yield from session._reply(turn, said)
        return
    zh = detect_language(text) == "zh"
    what = a._filer.describe(open_there.incident_id)
    said += (f"\n此消息似乎是关于未结事件 {open_there.incident_id}（{what}）的。" if zh else
             f"\nThis reads as news of the open incident {open_there.incident_id} ({what}).")
    try:
        proposal = session._propose_here(turn, "close_incident", {"incident_id": open_there.incident_id}, open_there.incident_id)
    except InputError as exc:
        yield from session._reply(turn, f"{said} {exc}")
        return
    yield from session._proposed_reply(turn, said, proposal, zh)


def data_gap_step(session: Session, turn: Turn) -> Iterator[ChatEvent] | None:
    """"what is the water level forecast …?", "is the fuel truck on its way?": data this system does not hold is said
    to be missing first, never answered by plan passages alone (trial 18 M16)."""
    checked = turn.checked
    if not checked.untrusted and (gap := data_gap(checked.text)) is not None and not orders_or_reports(session, checked.text):
        return data_gap_reply(session, turn, gap, checked.text)
    return None


def shelter_plan_step(session: Session, turn: Turn) -> Iterator[ChatEvent] | None:
    """"which shelters have backup power?", "which warming shelters does the annex list?": the tools hold no power
    status and the roster is not the plans; said so, the plan passages cited and the plan's shelters that are not on
    the roster named as such, never as available (trial s20 H5)."""
    text = turn.checked.text
    if turn.checked.untrusted or not (asks_shelter_power(text) or asks_plan_shelters(text)) or orders_or_reports(session, text):
        return None
    # every clause must be this question: "what does the SOP say about X? Also, which shelters near Kamppi could take
    # 100 people?" is two requests (a plan search and the shelter tool), not a question about the plans' shelters
    if any(not (asks_shelter_power(part) or asks_plan_shelters(part)) for part in split_clauses(text)):
        return None
    return _shelter_plan_reply(session, turn, text)


def _shelter_plan_reply(session: Session, turn: Turn, text: str) -> Iterator[ChatEvent]:
    a = session.assistant
    try:
        found = procedure_search_tool(a._passages).invoke({"query": text[:500], "k": 3})
        citations = list(found.citations)
    except Exception:  # noqa: BLE001 - the gap and the roster are the answer; passages are added help
        citations = []
    yield from session._reply(turn, shelter_plan_reply(text, citations, ops.list_shelters(a._city, ops.ListSheltersArgs())))


def non_emergency_step(session: Session, turn: Turn) -> Iterator[ChatEvent] | None:
    """A drill, a test, an all-clear, a false alarm, thanks: no path (the LLM's tools, the router, a short report) may
    file it as a new incident; an all-clear of an incident open at its place proposes closing that one."""
    checked = turn.checked
    if not checked.untrusted and (kind := no_new_emergency_kind(session, turn, checked.text)) is not None:
        return nothing_filed_answer(session, turn, kind, checked.text)
    return None


def rumour_question_step(session: Session, turn: Turn) -> Iterator[ChatEvent] | None:
    """"People on social media say there is a bomb at Rautatientori. Is that true?": answered from the incident log
    (``agent.rumour_question``), never filed as a report of the claim (trial 19 H5: it opened an incident)."""
    checked = turn.checked
    if checked.untrusted or not asks_if_rumour_true(checked.text):
        return None
    return rumour_reply(session, turn, checked.text)


def rumour_reply(session: Session, turn: Turn, text: str) -> Iterator[ChatEvent]:
    """What the log holds at the claim's place, a shelter it says closed or open that the log or the scenario has
    otherwise (the stream's check of posts, ``agent.rumours.RumourChecker``), whether the log confirms the claim, and
    the plan's advice on rumours."""
    a = session.assistant
    place = a._filer.report_place(text) or named_place(session, text)
    opened = [(i.incident_id, i.incident_type) for i in a._store.list_incidents()]
    scenario = getattr(a._city, "scenario", None)
    checker = RumourChecker.from_scenario(scenario, a._store) if scenario is not None else RumourChecker({}, {})
    findings = checker.findings_at(place, text, opened, a._filer.incident_place, a._filer.describe, a._store.report_texts)
    try:
        advice = plan_advice(procedure_search_tool(a._passages).invoke({"query": RUMOUR_QUERY, "k": 4}).citations)
    except Exception:  # noqa: BLE001 - the log is the answer; the plan's advice is only added help
        advice = []
    yield from session._reply(turn, rumour_answer(text, place, findings, advice, checker.shelter_question(text)))


def named_place(session: Session, text: str) -> ReportPlace | None:
    """The first place of the map a message names (a district, "Kamppi"), where the locator pins none: where a rumour
    is said to be, to read the log at."""
    mentions = session.assistant._city.gazetteer.mentions(text)[1]
    if not mentions:
        return None
    e = mentions[0].entry
    return ReportPlace(e.lat, e.lon, float(e.radius_m or 0.0), name=e.name)
