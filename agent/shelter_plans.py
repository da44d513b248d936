"""A shelter question the scenario roster cannot answer alone: whether shelters have power (backup power, electricity,
heating), or which shelters the plans name.

The shelter tools know the scenario roster: places, step-free access and the hazards a shelter is unsuitable for.
They hold no power status.  Trial s20 H5: "which warming shelters have power and room?" and "which warming shelters
does the winter storm annex list?" got the roster alone (power never mentioned, the ingested annex ignored), and
the annex's shelters (not on the roster) could read as available.  The answer says the gap first, cites the plan
passages on the question, names the shelters those passages give that are NOT on the roster (never offered as
available), and then lists the roster with its free places.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from agent.cue_rules import SHELTER_WORDS
from agent.data_gaps import asks_about_plans
from agent.follow_up import is_question
from core.text import has_han

__all__ = ["asks_shelter_power", "asks_plan_shelters", "off_roster_names", "shelter_plan_reply"]

_POWER = re.compile(r"\b(?:power|electricity|electric|backup|back-up|generators?|heating|heated)\b|sähkö\w*|varavoim\w*|"
                    r"lämmi\w*|\bström\w*|reservkraft\w*|elektricitet|uppvärm\w*|有电|没电|供电|电源|电力|发电|停电|通电|供暖|暖气", re.I)

# A shelter's name in a plan passage: a capitalised name ending in a building word (a table's first cell, or prose),
# or a Chinese name ending in one.  What the roster has is matched by its name; the rest is "not on the roster".
_BUILDING_EN = (r"Hall|Centre|Center|School|Library|Church|Gym|Gymnasium|Arena|Stadium|Shelter|House|Station|"
                r"talo|koulu|halli|kirjasto|keskus|kirkko|asema|sali|skola|hallen|kyrka")
_NAME_EN = re.compile(rf"\b((?:[A-ZÅÄÖ][\w'’.-]*\s+){{0,3}}(?:{_BUILDING_EN})|[A-ZÅÄÖ][\w-]*(?:{_BUILDING_EN.lower()}))\b")
# (no particle or verb inside a name: "市政府开放取暖避难所" is a sentence, not a name)
_NAME_ZH = re.compile(r"((?:(?![的了们有在和与或及是用开放使])[\u4e00-\u9fff]){2,6}?"
                      r"(?:体育馆|服务中心|社区中心|活动中心|图书馆|学校|中学|小学|教堂|会堂|礼堂))")
# Words that end like a building but name none ("the Shelter", "Service Centre" alone at a sentence start).
_GENERIC = {"shelter", "shelters", "the shelter", "warming shelter", "centre", "center", "station", "house", "hall", "school"}


def _question(text: str) -> bool:
    return is_question(text) or bool(re.search(r"^\s*(?:mitkä|missä|onko|vilka|var|har)\b", text, re.I))


def asks_shelter_power(text: str) -> bool:
    """A question whether shelters have power (backup power, electricity, heating) - data the tools do not hold."""
    said = " ".join((text or "").split())
    return bool(said) and _question(said) and bool(SHELTER_WORDS.search(said)) and bool(_POWER.search(said))


def asks_plan_shelters(text: str) -> bool:
    """A question which shelters a plan (an annex, the plans) names or allows."""
    said = " ".join((text or "").split())
    return bool(said) and _question(said) and bool(SHELTER_WORDS.search(said)) and asks_about_plans(said)


def _norm(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", name.lower()).split())


def off_roster_names(passages: Iterable[str], roster: Iterable[str]) -> list[str]:
    """Names of shelters (buildings) the passages give that are not on the scenario roster, in the order met."""
    known = [_norm(r) for r in roster]
    found: list[str] = []
    for text in passages:
        for match in list(_NAME_EN.finditer(text)) + list(_NAME_ZH.finditer(text)):
            name = " ".join(match.group(1).split())
            key = _norm(name)
            if key in _GENERIC or len(key) < 4 or any(key in k or k in key for k in known):
                continue
            if name not in found:
                found.append(name)
    return found


def shelter_plan_reply(text: str, citations: list[Any], roster_rows: list[dict[str, Any]]) -> str:
    """The answer: what the tools do not know (power), the plan passages cited, the plan's shelters that are not on the
    roster, then the roster's shelters with their free places."""
    zh = has_han(text)
    power = asks_shelter_power(text)
    cited = [f"[{c.ref}] {c.label()}: {' '.join(c.text.split())[:350]}…" for c in citations]
    off = off_roster_names((c.text for c in citations), (r["name"] for r in roster_rows))
    roster = [f"- {r['name']}: {r['free']} / {r['capacity']}" for r in roster_rows]
    parts: list[str] = []
    if zh:
        if power:
            parts.append("系统没有避难所的供电状态（备用电源、是否有电、供暖）：场景名册只有容量、无障碍通行和不适用的灾种。"
                         "请向避难所管理方或电网运营方确认是否有电。")
        parts.append("预案中的相关段落（预案原文，不是实时状态）：\n" + "\n".join(cited) if cited else "预案中没有找到相关段落。")
        if off:
            parts.append("以下避难所见于预案，但不在场景避难所名册上，系统不能分配，不要当作可用：" + "、".join(off))
        parts.append("场景名册上的避难所（空位 / 容量）：\n" + "\n".join(roster) if roster else "场景没有列出避难所。")
        return "\n\n".join(parts)
    if power:
        parts.append("The system holds no power status for shelters (backup power, electricity, heating): the scenario "
                     "roster gives places, step-free access and the hazards a shelter is unsuitable for, nothing more. "
                     "Confirm power with the shelter operator or the grid operator.")
    parts.append("Plan passages on this (plan text, not live status):\n" + "\n".join(cited) if cited
                 else "No plan passage on this was found.")
    if off:
        parts.append("Named in the plans but NOT on the scenario's shelter roster, so not available to assign here: "
                     + ", ".join(off))
    parts.append("Shelters on the scenario roster (free / capacity):\n" + "\n".join(roster) if roster
                 else "The scenario lists no shelters.")
    return "\n\n".join(parts)
