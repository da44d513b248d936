"""A question whether a rumour is true ("People on social media say the metro is closed because of a bomb at
Rautatientori. Is that true?", "网上说…是真的吗？"): answered from the incident log, never filed as a report.

Trial 19 H5: such a question opened a P2 public-security incident with an evacuation checklist.  The claim is
hearsay the operator asks about, not a caller's report: the answer says what the log holds at the claim's place, that
nothing in it confirms the claim when nothing does, to verify with the police before any public word, and the plan's
advice on rumours where the plan search finds it.  A caller's report of a threat ("Caller says there is a bomb ...")
is no rumour question: it is hearsay asked about only when the message asks whether it is true.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from agent.hazards import hazard_from_words
from agent.incident_scope import ReportPlace
from agent.rumours import RUMOUR_WORDS, FacilityFact, RumourFinding
from core.text import has_han

__all__ = ["RUMOUR_QUERY", "asks_if_rumour_true", "plan_advice", "rumour_answer"]

# What the plan search is asked for: the plan's advice on rumours (Annex I), whatever the claim's hazard.
RUMOUR_QUERY = "correct rumours and false reports on social media with an official statement"
_ADVICE = re.compile(r"rumou?r|false\s+report|misinformation", re.IGNORECASE)


def asks_if_rumour_true(text: str) -> bool:
    """Does the message ask whether something others say (on social media, heard, a rumour) is true?"""
    return bool(RUMOUR_WORDS["hearsay"].search(text or "")) and bool(RUMOUR_WORDS["asks_true"].search(text or ""))


def plan_advice(citations: Sequence[Any]) -> list[str]:
    """The plan search's passages (``Citation``) cut to their sentence about rumours, each with its source."""
    advice = []
    for c in citations:
        sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+|\s(?=\d+\.\s)", " ".join(c.text.split()))
                     if _ADVICE.search(s)]
        if sentences:
            advice.append(f"[{c.ref}] {c.label()}: {sentences[0]}")
    return advice


def rumour_answer(text: str, place: ReportPlace | None, findings: Sequence[RumourFinding], advice: Sequence[str],
                  shelter: tuple[FacilityFact, str] | None = None) -> str:
    """The answer: nothing filed; what the log holds at the claim's place; a shelter the claim says closed (or open)
    that the log, else the scenario, has otherwise (``shelter``: the fact and the claimed status,
    ``RumourChecker.shelter_question``); whether anything in the log confirms the claim (an open incident there of the
    claim's hazard); verify with the police; the plan's advice on rumours."""
    hazard = hazard_from_words(text)
    where = place.name if place is not None and place.name else ""
    confirming = [f for f in findings if f.tells_the_claim]
    listed = "; ".join(f"{f.incident_id} ({f.described})" for f in findings)
    kind = (hazard or "").replace("_", " ")
    if has_han(text):
        lines = ["这是在询问一条未经证实的说法（传言），不是报告：未登记任何事件。"]
        if where:
            lines.append(f"事件日志中 {where} 的未结事件：{listed}。" if findings else f"事件日志中 {where} 没有未结事件。")
        else:
            lines.append("消息中没有地图上能找到的地点；事件日志已按说法的内容查看。")
        if shelter is not None:
            fact, claim = shelter
            status = {"open": "开放", "closed": "已关闭"}
            source = "预案场景" if fact.source == "scenario" else "事件日志"
            lines.append(f"说法提到避难所 {fact.name}：说法称其{status[claim]}，而{source}显示其{status[fact.status]}，与记录不符；"
                         "回应公众前请先与该避难所核实。")
        lines.append(f"事件日志中的 {', '.join(f.incident_id for f in confirming)} 与此说法有关：请先核对该事件再回应公众。"
                     if confirming else "事件日志中没有任何记录证实这一说法：请将其视为未经证实的传言，在发布任何公开声明前先向警方（值班指挥）核实。")
        if advice:
            lines.append("预案关于谣言的建议（英文原文）：\n" + "\n".join(advice))
        return "\n".join(lines)
    lines = ["This asks whether a claim others make is true (a rumour), not a report: nothing was filed and no incident "
             "was opened."]
    if where:
        lines.append(f"The incident log at {where}: {listed}." if findings else f"The incident log has no open incident at {where}.")
    else:
        lines.append("The message names no place the map knows; the log was read for the claim itself.")
    if shelter is not None:
        fact, claim = shelter
        source = "the scenario" if fact.source == "scenario" else f"the incident log ({fact.source.removeprefix('incident log ')})"
        lines.append(f"It names the shelter {fact.name}: the claim says it is {claim}, {source} says it is {fact.status}; "
                     f"the log contradicts the claim: check with the shelter before answering the public.")
    if confirming:
        lines.append(f"Open in the log and of this kind ({kind}): {', '.join(f.incident_id for f in confirming)}; check it "
                     f"with its desk before answering the public.")
    else:
        none_of = f"None of their reports tells of this ({kind}). " if kind and findings else ""
        lines.append(f"{none_of}Nothing in the incident log confirms the claim: treat it as an unverified rumour and "
                     f"verify it with the police (the duty officer) before any public statement.")
    if advice:
        lines.append("The plan on rumours:\n" + "\n".join(advice))
    return "\n".join(lines)
