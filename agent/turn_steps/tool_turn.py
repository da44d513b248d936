"""The last step: any message no earlier step answered goes to the tool agent.

Owns every other message (reports, orders, questions): the router, the LLM and the tools run (``agent.loop``); the
final answer is led by a correction answered before it and by where the turn's reports went, its plan is saved,
and a crew's update from its scene is logged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from agent.answer_language import asks_in_chinese, awaiting_heading, proposal_line
from agent.close_request import sent_here_description
from agent.dispatch_target import crew_on_scene, reporting_crew_incident
from agent.fallback import fallback_calls
from agent.incident_filter import found_question_calls, unit_filter_calls, without_found_questions
from agent.loop import AgentConfig, ChatAgent
from agent.plan_items import plan_from_tool_results
from agent.safety import CheckedText
from agent.schemas import ChatEvent, ToolResult
from agent.time_of_day import time_of_day
from agent.tool_registry import build_tools
from core.text import detect_language, has_han
from agent.turn_steps.turn import Session, Turn, current_incident
from agent.turn_steps.notes import closed_note, joined_note, opened_note
from agent.turn_steps.tool_calls import address_calls, close_calls, question_calls, reported_after_question, send_here_calls
from agent.turn_steps.filing import bind_turn_dispatch, plan_report, evacuates_elsewhere
from agent.turn_steps.evacuation import evacuation_centre


# "..., and the address is Kampin metroasema, Urho Kekkosen katu 1" beside an order: an address stated, not corrected
# ("it is X, not Y" is read by ``agent.place_correction``). Nothing moves the incident on it; the reply says so.
_STATES_ADDRESS = re.compile(r"\b(?:the\s+)?(?:exact\s+|correct\s+|right\s+)?(?:address|location)\s+(?:is|was|will be)\b|地址(?:是|为|在)",
                             re.IGNORECASE)


def _address_left(text: str) -> str | None:
    """What the reply says of an address stated beside an order (None: no address stated): it was not applied."""
    if _STATES_ADDRESS.search(text) is None:
        return None
    if has_han(text):
        return "注意：消息中的地址没有被采用，事件位置没有改变。要移动事件，请单独发送地址更正（例如“地址更正：应该是 X 1，不是 Y”）。"
    return ("Note: the address in this message was not applied; the incident's place is unchanged. To move the incident, "
            "send the address correction on its own (\"the address is X 1, not Y\"), which proposes the move.")


# Said under the place shown for an address given alone, when no incident waits for one.
_ADDRESS_ALONE = {False: "\n\nWhat happened there? Send the report (what, who is hurt) and it is planned at this address.",
                  True: "\n\n那里发生了什么？请发送报告（发生了什么、伤者情况），将按此地址制定方案。"}


def finish(session: Session, turn: Turn, checked: CheckedText, event: ChatEvent, results: list[ToolResult],
            flagged: dict[str, Any] | None) -> None:
    """The final event: the turn's proposals, where its reports went, and the plan put together from its tools."""
    a = session.assistant
    event.proposals = [*turn.proposed, *(p for r in results for p in r.proposals)]
    if flagged:
        event.security = dict(flagged)
    zh = asks_in_chinese(turn.asked)
    if turn.incident_id is not None and (turn.opened or turn.moved):
        # only a session that follows its reports (eca chat) moves on; others stay on their incident
        now_on = current_incident(turn) if session.config.follow_reports else turn.incident_id
        event.text = opened_note(turn.opened, turn.moved, turn.incident_id, now_on, zh, turn.closed, turn.named) \
            + "\n\n" + event.text
    elif turn.closed and turn.opened:  # no session incident: only what was closed is said
        event.text = closed_note(turn.closed, zh) + "\n\n" + event.text
    if turn.joined:  # said whatever the session's incident: the operator must know another desk has this one
        event.text = joined_note(turn.joined) + "\n\n" + event.text
    if event.proposals:
        event.text += f"\n\n{awaiting_heading(zh)}\n" + "\n".join(proposal_line(p.summary, p.proposal_id, zh) for p in event.proposals)
    incident = current_incident(turn)
    plan = plan_from_tool_results(checked.text, results, event.citations, incident)
    if plan is not None and plan.incident_id is not None and plan.incident_id == incident \
            and evacuates_elsewhere(session, plan, incident):
        # an evacuation of another place is not this incident's (s16 trial H5: a district flood evacuation
        # approved under an ice rescue held its shelter places there, and closing the ice rescue freed them)
        plan.incident_id = None
        event.text += (f"\n\nThis evacuation is not of {incident}'s place, so it is not filed under {incident}: "
                       f"approving it opens its own incident.")
    if plan is not None:  # a full plan has them already (_response_plan); one put together from parts not
        added = [w for w in a._situation.plan_proposal_warnings(plan) if w not in plan.warnings]
        plan.warnings += added
        event.text += "".join(f"\n\n⚠ {w}" for w in added)
        a._store.save_plan(plan, session.operator)
        event.plan = plan
    session.state.pending += event.proposals


def log_crew_update(session: Session, turn: Turn, text: str) -> None:
    """A crew's update from its scene ("ERO-E1 on scene, fire in 2nd floor kitchen, one casualty") is report text of
    the incident its unit is committed to, with the unit as its source, whatever the turn did with it (a status
    change, a dispatch, or nothing): the incident's log shows what the crew said.  Filed as is, never raising the
    incident's type or priority (a confirmed change does that); not twice when the turn's plan filed it there."""
    if turn.crew_update is None:
        return
    unit, incident = turn.crew_update
    store = session.assistant._store
    if text in store.report_texts(incident):
        return
    store.add_report(incident, text, None, session.operator, raise_incident=False, source=unit)


def chat_agent(session: Session, turn: Turn, triage: Any, text: str = "") -> ChatAgent:
    a, settings = session.assistant, session.assistant.settings
    tools = build_tools(a._city, a._passages, lambda report: plan_report(session, turn, triage, report), a._situation,
                        lambda action, args: session._propose(turn, action, args),
                        lambda args: bind_turn_dispatch(session, turn, triage, args),
                        lambda args: evacuation_centre(session, turn, args), lambda: current_incident(turn),
                        lambda: time_of_day(text, a._planner.config.clock(), a._planner.config.time_zone))
    return ChatAgent(
        a.backend, tools, a._router,
        lambda text, prediction: with_found_questions(text, lambda text: (
            address_calls(session, turn, text) or close_calls(session, turn, text)
            or unit_filter_calls(text)  # "P1s with no unit?": the filtered list, no order read
            or send_here_calls(session, turn, text)
            or question_calls(text, prediction, triage)
            or a._stand_down_calls(text) or reported_after_question(
                text, fallback_calls(text, prediction, a._city, triage, a._router, a._incident_type), a._city,
                lambda rest: fallback_calls(rest, a._router.predict_one(rest), a._city, triage, a._router, a._incident_type)))),
        a._grounding,
        AgentConfig(max_steps=settings.agent_max_steps, time_budget_s=settings.agent_time_budget_s,
                    llm_budget_s=settings.llm_timeout_s, tools_reserve_s=settings.agent_tools_reserve_s,
                    llm_tool_calls="always" if a.backend.native_tools else "when_unsure",
                    trajectory_dir=settings.data_dir / "trajectories" / (turn.incident_id or "no-incident"),
                    tool_caller=a._lora_tool_caller()),
    )


def with_found_questions(text: str, calls_for: Callable[[str], list[dict[str, Any]] | None]) -> list[dict[str, Any]] | None:
    """"孩子找到了吗？现在还有哪些警察巡逻车可以用？": whether a missing person was found is answered from the log (the open
    missing-person incidents, ``agent.incident_filter``) beside what the rest of the message asks (trial 19 L20: the
    first question was dropped)."""
    found = found_question_calls(text)
    if found is None:
        return calls_for(text)
    rest = without_found_questions(text)
    return found + ((calls_for(rest) or []) if rest else [])


def tool_turn(session: Session, turn: Turn) -> Iterator[ChatEvent]:
    """Any other message: the tool agent's turn (``agent.loop.ChatAgent``: the router, the LLM, the tools), its final
    answer led by the correction answered before it (``turn.correction``), the turn's plan saved, a crew's update logged."""
    a, checked, triage = session.assistant, turn.checked, turn.triage
    flagged = {"families": list(checked.families) or ["classifier"], "outcome": "flagged"} if checked.untrusted else None
    if flagged:
        a._store.log_event(turn.incident_id, "security", {**flagged, "spans": [s[:300] for s in checked.injection_spans]}, session.operator)
    final_text = ""
    results: list[ToolResult] = []
    unit_ids, commitments = [u.id for _, u in a._city.units()], a._store.unit_commitments()
    open_ids = {i.incident_id for i in a._store.list_incidents(status="open")}
    turn.crew_incident = reporting_crew_incident(checked.text, unit_ids, commitments, open_ids, turn.incident_id)
    turn.crew_update = crew_on_scene(checked.text, unit_ids, commitments, open_ids) if not checked.untrusted else None
    for event in chat_agent(session, turn, triage, checked.without_injection()).run(
            checked, a._history_for_llm(turn.history, session.config.history_turns)):
        if event.kind == "tool" and event.step:
            a._store.log_event(current_incident(turn), "tool_call", event.step.model_dump(), session.operator)
            if event.result is not None:
                results.append(event.result)
        if event.kind == "final":
            if turn.address is not None and not turn.address[1] and event.plan is None:
                event = event.model_copy(update={"text": event.text + _ADDRESS_ALONE[detect_language(checked.text) == "zh"]})
            if turn.correction:
                event = event.model_copy(update={"text": f"{turn.correction}\n\n{event.text}",
                                                 "proposals": [*(p for p in (turn.relocation, turn.also) if p), *event.proposals]})
            elif not turn.filed and sent_here_description(checked.text) is not None \
                    and (unread := _address_left(checked.text)) is not None:
                event = event.model_copy(update={"text": f"{event.text}\n\n{unread}"})
            finish(session, turn, checked, event, results, flagged)
            final_text = event.text
        yield event
    log_crew_update(session, turn, checked.text)
    session._say(turn, "assistant", final_text)
    session._end(turn)
