"""Orders and questions about the incident's plan.

Owns: plan orders ("send the units", "批准方案": the units of the incident's latest plan, proposed) and plan references
("where do the vulnerable go in that plan? Approve it": answered from its evacuation plan).
"""

from __future__ import annotations

from collections.abc import Iterator

from agent.incident_request import described_incident
from agent.plan_approval import approval_answer, asks_who_approved
from agent.plan_order import PlanOrder, plan_order
from agent.plan_reference import PlanReference, latest_evacuation_plan, plan_answer, plan_reference
from agent.schemas import ChatEvent, ResponsePlan
from core.errors import InputError
from core.text import detect_language, has_han
from agent.turn_steps.turn import Session, Turn, current_incident


def plan_order_reply(session: Session, turn: Turn, order: PlanOrder, text: str) -> Iterator[ChatEvent]:
    """An order that refers to the plan: the dispatch of the units of the incident's latest plan, proposed through
    the Approve button's path; with no incident or no plan, the question which one (nothing is guessed)."""
    a = session.assistant
    zh = detect_language(text) == "zh"
    incident_id = order.incident_id or current_incident(turn)
    open_incidents = a._store.list_incidents(status="open")
    open_ids = [i.incident_id for i in open_incidents]
    if order.incident_id is None and order.described:  # "the recommended units for the bus accident"
        found, ask = described_incident(order.described, open_incidents, current_incident(turn),
                                        lambda i: getattr(a._filer.incident_place(i), "name", "") or "")
        if found is None:  # no open incident of that kind, or several: asked, never the session's by default
            listed = ", ".join(open_ids[:5]) or ("无" if zh else "none")
            yield from session._reply(turn, ask or (f"没有符合“{order.described}”的未结事件：请写明事件编号（INC-…）。未结事件：{listed}。"
                                                 if zh else f"No open incident is {order.described}: name it (INC-…). "
                                                 f"Open: {listed}."))
            return
        incident_id = found
    if incident_id is None or incident_id not in open_ids:
        listed = ", ".join(open_ids[:5]) or ("无" if zh else "none")
        said = (f"哪个事件的方案？没有选中的事件{f'（{incident_id} 不是未结事件）' if incident_id else ''}。"
                f"请写明事件编号（例如“批准 INC-… 的方案”）或选中事件。未结事件：{listed}。" if zh else
                f"Which incident's plan? {f'{incident_id} is not an open incident' if incident_id else 'No incident is selected'}; "
                f"name it (\"send the units of INC-…\") or select it. Open: {listed}.")
        yield from session._reply(turn, said)
        return
    plans = a._store.plans(incident_id)
    # the newest plan that dispatches units: an evacuation planned since moves people, not units, and "send the
    # plan's units" after it answered "no unit is dispatched by it" (trial 18)
    plan = next((p for p in plans if ((p.tool_outputs or {}).get("plan_dispatch") or {}).get("assignments")),
                plans[0] if plans else None)
    if plan is None:
        yield from session._reply(turn, f"{incident_id} 还没有方案：请先发送现场报告，或写明要派的单位。" if zh else
                               f"{incident_id} has no plan yet: send its report first, or name the units to send.")
        return
    try:
        proposal = a.plan_units_proposal(plan.plan_id, session.operator, origin="chat: the plan's units")
    except InputError as exc:
        yield from session._reply(turn, f"方案 {plan.plan_id}（{incident_id}）：没有派出任何单位：{exc}" if zh else
                               f"Plan {plan.plan_id} ({incident_id}): no unit is dispatched by it: {exc}")
        return
    said = (f"方案 {plan.plan_id}（{incident_id}）中仍可用的单位已提议派出；确认之前不会有任何变化。"
            f"（方案本身的批准请用界面上的 Approve plan 按钮。）" if zh else
            f"Plan {plan.plan_id} ({incident_id}): its units that are still available are proposed for dispatch; "
            f"nothing moves until you confirm. (The plan itself is approved with the Approve plan button.)")
    if left := a.plan_units_left_out(plan.plan_id):  # a unit of the plan not proposed is named, with why
        said += f"\n{left.replace('Not in it:', '未包含：') if zh else left}"
    yield from session._proposed_reply(turn, said, proposal, zh=zh)


def plan_reference_reply(session: Session, turn: Turn, plan: ResponsePlan, ref: PlanReference, text: str) -> Iterator[ChatEvent]:
    """A question about the incident's evacuation plan answered from it, and its approval proposed where asked
    (``agent.plan_reference``); the plan stays the incident's latest."""
    zh = has_han(text)
    said = plan_answer(plan, ref.question, zh)
    proposal = None
    if ref.approve:
        try:
            proposal = session._propose_here(turn, "approve_plan", {"plan_id": plan.plan_id}, plan.incident_id)
        except InputError as exc:
            said += (f"\n\n方案 {plan.plan_id} 没有提议批准：{exc}" if zh else f"\n\nPlan {plan.plan_id} not proposed for approval: {exc}")
    yield from session._proposed_reply(turn, said, proposal, zh=zh)


def plan_order_step(session: Session, turn: Turn) -> Iterator[ChatEvent] | None:
    """"send the units", "批准方案": the units of the incident's latest plan, proposed."""
    checked = turn.checked
    if not checked.untrusted and (order := plan_order(checked.text)) is not None:
        return plan_order_reply(session, turn, order, checked.text)
    return None


def plan_reference_step(session: Session, turn: Turn) -> Iterator[ChatEvent] | None:
    """"where do the vulnerable go in that plan? Approve it": answered from the incident's evacuation plan, no new plan."""
    checked = turn.checked
    if not checked.untrusted and current_incident(turn) is not None and (ref := plan_reference(checked.text)) is not None:
        plan = latest_evacuation_plan(session.assistant._store.plans(current_incident(turn)))
        if plan is not None:
            return plan_reference_reply(session, turn, plan, ref, checked.text)
    return None


def plan_approval_step(session: Session, turn: Turn) -> Iterator[ChatEvent] | None:
    """"who approved the evacuation plan?", "方案是谁批准的？": answered from the plan record of the session's incident
    (``agent.plan_approval``), not from the emergency plans' text."""
    checked = turn.checked
    incident_id = current_incident(turn)
    if checked.untrusted or incident_id is None or not asks_who_approved(checked.text):
        return None
    a = session.assistant
    said = approval_answer(incident_id, a._store.plans(incident_id), a.plan_approval, checked.text, has_han(checked.text))
    return session._reply(turn, said)
