"""What a turn's reply says first of where its reports went: opened its own incident, filed under another of the
session's, under another desk's, or not under a closed one.  Owns no message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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


@dataclass(frozen=True)
class _NoteWords:
    """The words of ``opened_note`` in one language (its values are filled in with ``str.format``)."""
    news: str  # one incident a report opened: {incident}, {what}
    news_sep: str
    opened: str  # {news}
    why: str  # why it opened its own, unless a closed incident was the reason (said first)
    stays_open: str  # {why}, {session}
    session_closed: str  # the end of the sentence when the session's own incident was the closed one
    moved: str  # {incident}, {what}
    named: str  # filed there because the message named it
    same: str  # filed there by its place or what it says
    continues: str  # {now_on}
    sep: str  # between the note's sentences


# English and Chinese (the incident's type and place stay as recorded in both)
_OPENED_NOTE: dict[bool, _NoteWords] = {
    False: _NoteWords(news="{incident} for {what}", news_sep=", ", opened="Opened {news}",
                      why=" (a different place or hazard, or asked as new)", stays_open="{why}; {session} stays open.",
                      session_closed=".", moved="Filed under {incident} ({what}): ", named="the incident the message names.",
                      same="the same place as that incident, or what it says fits that one.",
                      continues="This session now continues on {now_on}.", sep=" "),
    True: _NoteWords(news="{incident}（{what}）", news_sep="，", opened="已新开事件 {news}", why="（地点或危险不同，或按要求新开）",
                     stays_open="{why}；{session} 仍未结。", session_closed="。", moved="已归入 {incident}（{what}）：",
                     named="消息中指明的事件。", same="与该事件地点相同，或内容与该事件相符。",
                     continues="本会话现在继续处理 {now_on}。", sep=""),
}


def opened_note(opened: list[ResponsePlan], moved: list[ResponsePlan], session_incident: str, now_on: str | None,
                zh: bool = False, closed: Sequence[str] = (), named: Sequence[str] = ()) -> str:
    """What the reply says first when a report opened its own incident or went to another of the session's: which
    one, for what, that the session's incident is still open (nothing of it was overwritten), and which incident the
    session continues on (its next follow-ups and orders go there); in English or Chinese (``_OPENED_NOTE``)."""
    words = _OPENED_NOTE[zh]

    def what(plan: ResponsePlan) -> str:
        kind = f"{plan.triage.priority} {plan.triage.incident_type.replace('_', ' ')}" if plan.triage else "the report"
        return f"{kind} at {plan.location}" if plan.location else kind

    said = [closed_note(closed, zh)] if closed else []
    if opened:
        news = words.news_sep.join(words.news.format(incident=plan.incident_id, what=what(plan)) for plan in opened)
        # a report about a closed incident opens its own for that reason alone (said first), not for its place or hazard
        why = "" if closed else words.why
        said.append(words.opened.format(news=news) + (words.session_closed if session_incident in closed else
                                                      words.stays_open.format(why=why, session=session_incident)))
    for plan in moved:
        said.append(words.moved.format(incident=plan.incident_id, what=what(plan))
                    + (words.named if plan.incident_id in named else words.same))
    if now_on and now_on != session_incident:
        said.append(words.continues.format(now_on=now_on))
    return words.sep.join(said)
