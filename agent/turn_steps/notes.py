"""What a turn's reply says first of where its reports went: opened its own incident, filed under another of the
session's, under another desk's, or not under a closed one.  Owns no message.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from agent.report_filing import OpenElsewhere
from agent.schemas import ResponsePlan


def joined_note(joined: list[tuple[ResponsePlan, OpenElsewhere, str]]) -> str:
    """What the reply says first when a report went to an incident another desk has open at its place."""
    said = []
    for plan, other, told in joined:
        kind = (other.incident_type or "incident").replace("_", " ")
        said.append(f"Same place as {other.incident_id} ({kind}, opened by {other.opened_by} at {other.opened_at[11:16]} UTC): "
                    f"filed there, not as a new incident. If it is a separate incident, press New incident and send "
                    f"the report again (in the terminal: `eca plan`, or start a new `eca chat`) to open its own." + (f" {told}" if told else ""))
    return " ".join(said)


def closed_note(closed: Sequence[str], zh: bool) -> str:
    """What the reply says of closed incidents a report was about: nothing is filed under them, it opened its own."""
    ids = ", ".join(dict.fromkeys(closed))
    if zh:
        return f"{ids} 已关闭（已结案）：已结事件不再登记报告，此报告已新开事件。"
    return f"{ids} is closed: nothing is filed under a closed incident, so this report opened its own."


def opened_note(opened: list[ResponsePlan], moved: list[ResponsePlan], session_incident: str, now_on: str | None,
                 zh: bool = False, closed: Sequence[str] = (), named: Sequence[str] = ()) -> str:
    """What the reply says first when a report opened its own incident or went to another of the session's: which
    one, for what, that the session's incident is still open (nothing of it was overwritten), and which incident the
    session continues on (its next follow-ups and orders go there)."""
    def what(plan: ResponsePlan) -> str:
        kind = f"{plan.triage.priority} {plan.triage.incident_type.replace('_', ' ')}" if plan.triage else "the report"
        return f"{kind} at {plan.location}" if plan.location else kind

    if zh:
        return _opened_note_zh(opened, moved, session_incident, now_on, what, closed, named)
    said = [closed_note(closed, zh)] if closed else []
    if opened:
        news = ", ".join(f"{plan.incident_id} for {what(plan)}" for plan in opened)
        # a report about a closed incident opens its own for that reason alone (said first), not for its place or hazard
        why = "" if closed else " (a different place or hazard, or asked as new)"
        said.append(f"Opened {news}" + ("." if session_incident in closed else f"{why}; {session_incident} stays open."))
    for plan in moved:
        said.append(f"Filed under {plan.incident_id} ({what(plan)}): " + ("the incident the message names." if plan.incident_id in named else
                                                                        "the same place as that incident, or what it says fits that one."))
    if now_on and now_on != session_incident:
        said.append(f"This session now continues on {now_on}.")
    return " ".join(said)


def _opened_note_zh(opened: list[ResponsePlan], moved: list[ResponsePlan], session_incident: str, now_on: str | None,
                    what: Any, closed: Sequence[str] = (), named: Sequence[str] = ()) -> str:
    """``opened_note`` for an operator who writes in Chinese (the incident's type and place stay as recorded)."""
    said = [closed_note(closed, True)] if closed else []
    if opened:
        news = "，".join(f"{plan.incident_id}（{what(plan)}）" for plan in opened)
        why = "" if closed else "（地点或危险不同，或按要求新开）"
        said.append(f"已新开事件 {news}" + ("。" if session_incident in closed else f"{why}；{session_incident} 仍未结。"))
    for plan in moved:
        said.append(f"已归入 {plan.incident_id}（{what(plan)}）：" + ("消息中指明的事件。" if plan.incident_id in named else
                                                                   "与该事件地点相同，或内容与该事件相符。"))
    if now_on and now_on != session_incident:
        said.append(f"本会话现在继续处理 {now_on}。")
    return "".join(said)
