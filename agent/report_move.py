"""A request to move reports between incidents ("把这些报告移出去，合并到 INC-7", "move the Kirkkokatu report out of
INC-3"): the incident log keeps each report where it was filed (an append-only record), so no tool moves one.  The
chat says so plainly and names what works, instead of the generic help text (s16 trial M8)."""

from __future__ import annotations

import re

from core.text import detect_language

__all__ = ["MOVE_REPORTS_REPLY", "moves_reports", "move_reports_reply"]

# a verb of moving, a report (call, message) and where from or to -- in either order, within one sentence; or a
# report said not to belong to an incident.  Bounded gaps: linear (tests/test_regex_time.py).
_MOVES = re.compile(
    r"\b(?:move|split|detach|separate|transfer|take|pull|re-?file|re-?assign)\b[^.!?\n]{0,80}?\b(?:reports?|calls?|messages?)\b"
    r"[^.!?\n]{0,80}?\b(?:out of|off|from|into|to|away)\b[^.!?\n]{0,40}?\b(?:incidents?|inc-?\d|inc-[a-z0-9])"
    r"|\b(?:reports?|calls?|messages?)\b[^.!?\n]{0,60}?\b(?:does not|doesn't|do not|don't)\s+belong\b"
    r"|(?:报告|来电|消息|报警)[^。！？\n]{0,60}?(?:移出|移到|挪到|挪出|拆出|分出|转到|转移|合并到|不属于)[^。！？\n]{0,40}?(?:事件|事故|INC)"
    r"|(?:事件|事故|INC)[^。！？\n]{0,60}?(?:报告|来电|消息)[^。！？\n]{0,40}?(?:移出|拆出|分出|不属于)"
    r"|(?:报告|来电|消息)[^。！？\n]{0,40}?(?:从|自)[^。！？\n]{0,30}?(?:事件|事故|INC)[^。！？\n]{0,20}?(?:移出|拆出|分出|挪出|拿出)",
    re.IGNORECASE)

MOVE_REPORTS_REPLY = (
    "Reports are not moved between incidents: the incident log keeps each report where it was filed. What works: press "
    "New incident (in `eca chat`, start a new chat) and send the misfiled report again: it opens its own incident with "
    "its own plan, or, with the right incident selected, it is filed there. The wrongly joined incident keeps the "
    "report in its log and its plan still reads it: tell its crews which parts are not theirs, and correct its "
    "type or priority if they changed (Save correction). Two incidents of one event: close one as a duplicate of the "
    "other (\"close INC-A, duplicate of INC-B\")."
)
_MOVE_REPORTS_REPLY_ZH = (
    "报告不能在事件之间移动：事件日志保留每份报告的原始归档。可行的做法：按 New incident（在 `eca chat` 中开一个新会话），"
    "再发送这份报告：它会建立自己的事件和方案；或先选中正确的事件再发送，就归到那里。原事件的日志里仍保留该报告，"
    "其方案也仍包含它：请告知其现场人员哪些内容不属于他们，必要时更正其类型或优先级（Save correction）。"
    "同一事件的两个编号：把其中一个作为另一个的重复关闭（\"关闭INC-A，与INC-B重复\"）。"
)


def moves_reports(text: str) -> bool:
    """Does the message ask to move (split off, detach, merge elsewhere) reports filed under an incident?"""
    return bool(_MOVES.search(text))


def move_reports_reply(text: str) -> str:
    """The answer, in the language of the request."""
    return _MOVE_REPORTS_REPLY_ZH if detect_language(text) == "zh" else MOVE_REPORTS_REPLY
