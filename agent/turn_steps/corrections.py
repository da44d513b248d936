"""Corrections and change requests of an incident.

Owns: a place correction of the session's incident ("it is X 7, not 5") and a change request for any open incident
("the address of INC-… is X", "raise the gas alarm to P1"), with the plan's units asked beside one; answered alone, or
carried on the turn (``Turn.correction``) to lead the reply of the rest of the message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from agent.answer_language import awaiting_heading, proposal_line
from agent.incident_request import IncidentRequest, described_incident, incident_request, kinds_named, says_more
from agent.place_correction import corrected_place, relocation_reply, said_besides
from agent.plan_order import plan_order
from agent.schemas import ChatEvent, Proposal
from core.errors import InputError
from core.text import detect_language
from agent.turn_steps.turn import Session, Turn, current_incident


def requested_incident(session: Session, turn: Turn, request: IncidentRequest) -> tuple[str | None, str]:
    """(the open incident a change request is for, "") or (None, what to ask): the one named by id, else the one
    its words describe by kind ("the tram crash"), else the session's."""
    a = session.assistant
    zh = detect_language(request.rest) == "zh"
    open_incidents = a._store.list_incidents(status="open")
    ids = [i.incident_id for i in open_incidents]
    listed = ", ".join(ids[:5]) or ("无" if zh else "none")
    if request.incident_id is not None:
        if request.incident_id in ids:
            return request.incident_id, ""
        return None, (f"{request.incident_id} 不是未结事件，没有任何变化。未结事件：{listed}。" if zh else
                      f"{request.incident_id} is not an open incident; nothing was changed. Open: {listed}.")
    found, ask = described_incident(request.rest, open_incidents, current_incident(turn),
                                    lambda i: getattr(a._filer.incident_place(i), "name", "") or "")
    if found is not None or ask:
        return found, ask
    if kinds_named(request.named):
        # "raise the tram crash to P1" with no tram crash open: another incident than the session's was meant
        # (review s18: the session's flood was proposed for P1); nothing is changed, the operator names it
        return None, (f"没有符合“{request.named.strip()}”的未结事件，没有任何变化：请写明事件编号（INC-…）。未结事件：{listed}。"
                      if zh else f"No open incident fits '{request.named.strip()}'; nothing was changed. Name it "
                      f"(INC-…). Open: {listed}.")
    current = current_incident(turn)
    if current in ids:
        return current, ""
    return None, (f"哪个事件？没有选中的事件：请写明事件编号（INC-…）。未结事件：{listed}。" if zh else
                  f"Which incident? None is selected: name it (INC-…). Open: {listed}.")


def priority_reply(session: Session, turn: Turn, target: str, request: IncidentRequest, zh: bool) -> tuple[str, Proposal | None]:
    """(what the chat says, the proposal or None) for the operator's priority change of ``target``: its type stays,
    its priority is the one asked (``retype_incident``: audited, applied on confirmation)."""
    a = session.assistant
    incident = a._store.get_incident(target)
    was, now = incident.priority or "?", request.priority
    if was == now:
        return (f"{target} 已经是 {now}，无需更改。" if zh else f"{target} is already {now}; nothing to change."), None
    reason = "the operator's priority change" + (f": {request.rest[:100]}" if says_more(request.rest) else "")
    try:
        proposal = session._propose_here(turn, "retype_incident", {"incident_id": target, "incident_type": incident.incident_type,
                                                                "priority": now, "reason": reason}, target)
    except InputError as exc:
        return (f"{target} 的优先级没有提议更改：{exc}" if zh else f"Priority of {target}: no change was proposed: {exc}"), None
    return (f"优先级（{target}，{a._filer.describe(target)}）：已提议从 {was} 改为 {now}；确认之前不会有任何变化。" if zh else
            f"Priority of {target} ({a._filer.describe(target)}): proposed {was} → {now}. Nothing changes until you "
            "confirm."), proposal


def plan_units_asked(session: Session, target: str, rest: str, zh: bool) -> tuple[str, Proposal | None] | None:
    """A plan order among the sentences beside an incident request ("… Approve the plan for INC-7"): (what the reply
    says, the proposal of the units of ``target``'s latest plan or None), or None where no sentence is one, or it
    is for another incident."""
    orders = [o for part in re.split(r"(?<=[.!?。！？;；])\s*", rest) if part.strip() and (o := plan_order(part)) is not None]
    if not orders or any(o.incident_id not in (None, target) for o in orders):
        return None
    a = session.assistant
    plan = a._store.latest_plan(target)
    if plan is None:
        return (f"{target} 还没有方案：请先发送现场报告。" if zh else f"{target} has no plan yet: send its report first."), None
    try:
        proposal = a.plan_units_proposal(plan.plan_id, session.operator, origin="chat: the plan's units")
    except InputError as exc:
        return (f"方案 {plan.plan_id}（{target}）：没有派出任何单位：{exc}" if zh else
                f"Plan {plan.plan_id} ({target}): no unit is dispatched by it: {exc}"), None
    return (f"方案 {plan.plan_id}（{target}）中仍可用的单位已提议派出。" if zh else
            f"Plan {plan.plan_id} ({target}): its units that are still available are proposed for dispatch."), proposal


def awaiting_line(proposal: Proposal, zh: bool) -> str:
    """The line under a reply that filed a proposal: what awaits the operator's confirmation, in the reply's language."""
    return f"\n\n{awaiting_heading(zh)}\n" + proposal_line(proposal.summary, proposal.proposal_id, zh)


def place_correction(session: Session, turn: Turn) -> Iterator[ChatEvent] | None:
    """"the caller corrects the address: it is X 7, not 5": a fact of the session's incident, never an attack; its
    relocation proposed.  A correction that tells more ("..., not 12. A child is still inside"): the rest is a report
    or an order like any other, and the reply answers the correction before it (``turn.correction``; review s16: the
    news was dropped)."""
    a, checked = session.assistant, turn.checked
    new_place = corrected_place(checked.text, lambda words: _on_the_map(a._filer, words)) \
        if not checked.has_injection and turn.incident_id is not None else None
    if new_place and (named := incident_request(checked.text)) is not None and named.place and kinds_named(named.named):
        new_place = None  # "电车事故的地址改为X": the incident it names is found below, never the session's by default
    turn.new_place = new_place
    if not new_place:
        return None
    turn.correction, turn.relocation = relocation_reply(turn.incident_id, new_place, checked.text, a._filer,
                                                        lambda args: session._propose_here(turn, "relocate_incident", args))
    if not said_besides(checked.text, new_place):
        return session._proposed_reply(turn, turn.correction, turn.relocation)
    if turn.relocation is not None:  # answered with the rest of the turn, and confirmed like any proposal
        session.state.pending.append(turn.relocation)
        turn.correction += awaiting_line(turn.relocation, detect_language(turn.correction) == "zh")
    return None


def _on_the_map(filer: Any, words: str) -> bool:
    """Do the words a correction gives name a place: one the map has, one it knows is off it, or a street of it."""
    found = filer.report_place(words)
    return (found is not None and (found.lat is not None or bool(found.outside_map))) or filer.street_place(words) is not None


def incident_change(session: Session, turn: Turn) -> Iterator[ChatEvent] | None:
    """"the address of INC-… is X", "raise the gas alarm to P1": a proposal, never an attack.  Not read beside a place
    correction or an address alone; an order naming units, "add ERO-H1 to the gas alarm, and the address is …", is no
    request (the dispatch reply says its address was not applied)."""
    a, checked = session.assistant, turn.checked
    turn.request = (incident_request(checked.text, list(a._city.unit_status()))
                    if not turn.new_place and turn.address is None and not checked.has_injection else None)
    request = turn.request
    if request is None:
        return None
    target, ask = requested_incident(session, turn, request)
    zh = detect_language(checked.text) == "zh"
    if target is None:
        return session._reply(turn, ask)
    if request.place:
        turn.correction, turn.relocation = relocation_reply(target, request.place, checked.text, a._filer,
                                                            lambda args: session._propose_here(turn, "relocate_incident", args, target))
    else:
        turn.correction, turn.relocation = priority_reply(session, turn, target, request, zh)
    units = plan_units_asked(session, target, request.rest, zh)
    if units is not None:  # "… Approve the plan for INC-7" beside the request: that plan's units, proposed too
        turn.correction, turn.also = f"{turn.correction}\n\n{units[0]}", units[1]
    if not says_more(request.rest) or target != current_incident(turn):
        if says_more(request.rest):  # news about another incident than the session's: not filed under the wrong one
            turn.correction += (f"\n（消息中的其余内容没有登记：它是关于 {target} 的；请选中该事件后作为报告发送。）" if zh else
                                f"\n(The rest of the message was not filed: it is about {target}; select {target} and send "
                                "it as a report.)")
        return session._proposed_reply(turn, turn.correction, turn.relocation, also=turn.also)
    for proposal in (turn.relocation, turn.also):  # answered with the rest of the turn (a report), confirmed like any proposal
        if proposal is not None:
            session.state.pending.append(proposal)
            turn.correction += awaiting_line(proposal, zh)
    return None
