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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from agent.hazards import hazard_from_words
from agent.incident_scope import ReportPlace, same_place
from core.text import has_han

__all__ = ["RUMOUR_QUERY", "RumourFinding", "asks_if_rumour_true", "claim_words", "findings_at", "plan_advice", "rumour_answer"]

# The claim is someone else's word: posted, shared or said by others, or heard (en, fi, sv, zh).
_HEARSAY = re.compile(
    r"\b(?:on|in|across|all over)\s+(?:the\s+)?(?:social\s+media|twitter|x|facebook|tiktok|instagram|telegram|whatsapp|"
    r"reddit|the\s+internet|internet|forums?|news\s+feeds?)\b|\bonline\b|\bsocial\s+media\b|"
    r"\b(?:people|someone|somebody|they|posts?|users?|tweets?|videos?|messages?)\b[^.?!]{0,40}?\b(?:are\s+)?"
    r"(?:say|says|saying|said|claim|claims|claiming|post|posts|posting|posted|sharing|shared|writing|tweeting)\b|"
    r"\bI\s+(?:have\s+|'ve\s+)?(?:heard|read|saw|seen)\b|\brumou?rs?\b|\bgoing\s+(?:a)?round\b|\bviral\b|"
    r"\bsomessa\b|\bsosiaalisessa\s+mediassa\b|\bnetissä\b|\bhuhu\w*|\bväitetään\b|\bkuulin\b|\bsanotaan\b|\bkerrotaan\b|"
    r"\bsociala\s+medier\b|\bpå\s+nätet\b|\brykte\w*|\bdet\s+sägs\b|\bjag\s+hörde\b|\bskriver\s+på\b|"
    r"网上|网传|听说|有人说|传言|谣言|据说|社交媒体|微博|微信|朋友圈|抖音|推特",
    re.IGNORECASE)
# ... and the operator asks whether it is true.
_ASKS_TRUE = re.compile(
    r"\b(?:is|was)\s+(?:that|it|this|any\s+of\s+(?:that|this|it))\s+(?:really\s+)?(?:true|right|correct|real|confirmed|so)\b|"
    r"\bis\s+(?:there\s+)?any\s+truth\b|\bcan\s+(?:you|we|anyone)\s+confirm\b|\bany\s+confirmation\b|\bconfirmed\s*\?|"
    r"\btrue\s*\?|\bfake\b|\bdo\s+we\s+(?:know|have)\s+anything\b|"
    r"\bpitää(?:kö)?\s+(?:se\s+)?paikkansa\b|\bonko\s+(?:se|tämä|tuo|siinä)\s+(?:totta|tosi|perää)\b|\btotta\s*\?|"
    r"\bvoi(?:tko|ko)\s+vahvistaa\b|"
    r"\bstämmer\s+(?:det|detta|det\s+där)\b|\bär\s+(?:det|detta)\s+sant\b|\bkan\s+(?:du|ni|någon)\s+bekräfta\b|"
    r"是真的吗|真的吗|属实吗|是否属实|是不是真的|真的假的|能确认吗|可以确认吗|能不能确认|是否确认",
    re.IGNORECASE)

# What the plan search is asked for: the plan's advice on rumours (Annex I), whatever the claim's hazard.
RUMOUR_QUERY = "correct rumours and false reports on social media with an official statement"
_ADVICE = re.compile(r"rumou?r|false\s+report|misinformation", re.IGNORECASE)


def asks_if_rumour_true(text: str) -> bool:
    """Does the message ask whether something others say (on social media, heard, a rumour) is true?"""
    return bool(_HEARSAY.search(text or "")) and bool(_ASKS_TRUE.search(text or ""))


@dataclass(frozen=True)
class RumourFinding:
    """An open incident of the log at the claim's place: its id, how the operator knows it, its type, and whether
    its reports tell the claim's own hazard words (a bomb, not only a crowd crush of the same type)."""
    incident_id: str
    described: str
    incident_type: str | None
    tells_the_claim: bool = False


def claim_words(text: str, hazard: str | None) -> list[str]:
    """The claim's words that on their own name its hazard ("bomb", "炸弹", "brinner"): what an incident's reports
    must tell for the log to hold the claim (the type alone is coarse: a crowd crush and a bomb are both public
    security)."""
    if hazard is None:
        return []
    latin = [w for w in re.findall(r"[^\W\d_]{3,}", text) if not re.search(r"[\u4e00-\u9fff]", w)]
    words = latin + [f"{a} {b}" for a, b in zip(latin, latin[1:])]  # "gas leak" names it, "gas" alone does not
    han = "".join(re.findall(r"[\u4e00-\u9fff]+", text))
    words += [han[i:i + n] for n in (2, 3) for i in range(len(han) - n + 1)]
    return [w for w in dict.fromkeys(words) if hazard_from_words(w) == hazard]


def findings_at(place: ReportPlace | None, text: str, open_incidents: Sequence[tuple[str, str | None]],
                incident_place: Callable[[str], ReportPlace | None], describe: Callable[[str], str],
                report_texts: Callable[[str], Sequence[str]]) -> list[RumourFinding]:
    """The open incidents (id, type) placed at the claim's place (``same_place``), in the log's order."""
    if place is None or place.lat is None:
        return []
    hazard = hazard_from_words(text)
    words = [w.lower() for w in claim_words(text, hazard)]
    found = []
    for incident_id, kind in open_incidents:
        there = incident_place(incident_id)
        if there is None or there.lat is None or not same_place(place, there):
            continue
        tells = kind == hazard and any(w in r.lower() for r in report_texts(incident_id) for w in words)
        found.append(RumourFinding(incident_id, describe(incident_id), kind, tells))
    return found


def plan_advice(citations: Sequence[Any]) -> list[str]:
    """The plan search's passages (``Citation``) cut to their sentence about rumours, each with its source."""
    advice = []
    for c in citations:
        sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+|\s(?=\d+\.\s)", " ".join(c.text.split()))
                     if _ADVICE.search(s)]
        if sentences:
            advice.append(f"[{c.ref}] {c.label()}: {sentences[0]}")
    return advice


def rumour_answer(text: str, place: ReportPlace | None, findings: Sequence[RumourFinding], advice: Sequence[str]) -> str:
    """The answer: nothing filed; what the log holds at the claim's place; whether anything in it confirms the claim
    (an open incident there of the claim's hazard); verify with the police; the plan's advice on rumours."""
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
