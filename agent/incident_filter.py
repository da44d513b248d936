"""A question that filters the incident list by its units: "how many P1 incidents have no unit assigned?", "montako
P1-tehtävää on ilman yksikköä?", "现在有几个P1事件还没有派出单位？".

Trial 18 M8: the Chinese question listed every P1 incident (those with units too) and its "派出" (dispatched) was read as
a dispatch order to a place called "P1事件还没有派出单位".  The answer is the incident list filtered exactly from the
log (``agent.situation.Situation.open_incidents(without_units=True)``); no order is read from such a question.
"""

from __future__ import annotations

import re
from typing import Any

from agent.slots import extract_priorities

__all__ = ["unit_filter_calls", "asks_incidents_without_units", "found_question_calls", "without_found_questions"]

# what an incident is called: "incidents", "P1s", "tehtävät", "事件", "ärenden"
_INCIDENTS = re.compile(r"\b(?:incidents?|calls?|jobs?|events?|cases?|P[1-4]s?|tehtäv\w*|hälytyks\w*|tapahtum\w*|ärenden?|"
                        r"händelser\w*|larm\w*)\b|P[1-4]|事件|警情|案子|案件", re.IGNORECASE)
_UNIT = r"(?:units?|resources?|crews?|vehicles?|apparatus|responders?)"
# the filter: no unit on it
_WITHOUT_UNITS = re.compile(
    rf"\b(?:no|without|zero|lacking|missing)\s+(?:\w+\s+)?{_UNIT}\b"
    rf"|\b(?:have|has|got)\s*n[o']t\s+(?:got\s+|been\s+)?(?:any\s+)?{_UNIT}\b"
    rf"|\b(?:nobody|no one|no-one|nothing)\s+(?:\w+\s+)?(?:assigned|dispatched|sent|committed|on (?:it|them|scene))\b"
    rf"|\b(?:unassigned|uncovered|unstaffed|unresourced)\s+(?:incidents?|calls?|jobs?|P[1-4]s?)\b"
    r"|\bilman\s+(?:\w+\s+)?(?:yksikkö\w*|yksikö\w*|resurss\w*|apua)|\byksiköttöm\w*|\bei\s+(?:ole\s+)?(?:yhtään\s+)?yksikkö\w*"
    r"|\butan\s+(?:\w+\s+)?(?:enhet\w*|resurs\w*)|\binga\s+enheter\b"
    r"|(?:没有|没|未|尚未|还没有?|无)(?:被)?(?:派出|派遣|调派|派|分配|安排|出动)?(?:任何)?(?:的)?(?:单位|车辆|力量|资源|人员)"
    r"|(?:没有|没|未|尚未|还没有?)(?:被)?(?:派出|派遣|调派|派|分配|出动)(?!所)",
    re.IGNORECASE)


def asks_incidents_without_units(text: str) -> bool:
    """Does the message ask for the incidents no unit is committed to (a question, naming incidents or a priority)?"""
    said = " ".join((text or "").split())
    return bool(_WITHOUT_UNITS.search(said) and _INCIDENTS.search(said) and _asked(said))


_QUESTION = re.compile(r"[?？]|^\s*(?:how many|which|what|list|show|any|are there|is there|montako|mitkä|mikä|onko|vilka|hur många|"
                       r"finns det)\b|几|多少|哪些|哪个|吗|列出", re.IGNORECASE)


def _asked(text: str) -> bool:
    return bool(_QUESTION.search(text))


def unit_filter_calls(text: str) -> list[dict[str, Any]] | None:
    """The incident list filtered to those without units (per priority named), or None for any other message."""
    if not asks_incidents_without_units(text):
        return None
    priorities = extract_priorities(text)
    if not priorities:
        return [{"name": "open_incidents", "args": {"without_units": True}}]
    return [{"name": "open_incidents", "args": {"priority": p, "without_units": True}} for p in priorities]


# "孩子找到了吗？", "has the boy been found?", "onko lapsi löytynyt?", "har flickan hittats?": whether a missing person is
# found, asked of the log (trial 19 L20: beside a unit question it was dropped).  The answer is the open missing-person
# incidents: what the log holds; a person found is an incident closed or a report saying so.
_FOUND_Q = re.compile(
    r"\b(?:has|have|was|were|is|are)\b[^.?!;]{0,30}\b(?:been\s+)?(?:found|located|traced)\b[^.!;]*\?|\bstill\s+missing\b[^.!;]*\?|"
    r"\bany\s+(?:news|sign|trace)\s+of\b[^.!;]*\?|"
    r"\b(?:onko|ovatko)\b[^.?!;]{0,30}\blöyty\w*|\blöytyi(?:kö|vätkö)\b|"
    r"\b(?:har|är)\b[^.?!;]{0,30}\b(?:hittats|hittat|hittad|hittade|återfunnen|återfunna)\b|"
    r"找到了?(?:吗|没有?|了没)|找到没|有没有找到|还没找到吗?|找着了吗|下落(?:如何|怎样)?[?？]?",
    re.IGNORECASE)


def found_question_calls(text: str) -> list[dict[str, Any]] | None:
    """The open missing-person incidents, for a question whether a missing person was found; else None."""
    if not any(_FOUND_Q.search(s) for s in _sentences(text)):
        return None
    return [{"name": "open_incidents", "args": {"incident_type": "missing_person"}}]


def without_found_questions(text: str) -> str:
    """The message without its sentences that ask whether a missing person was found (the rest is read on its own)."""
    return " ".join(s for s in _sentences(text) if not _FOUND_Q.search(s)).strip()


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.findall(r"[^?？。!！.]+[?？。!！.]?", text or "") if s.strip()]
