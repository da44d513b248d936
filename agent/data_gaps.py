"""A question for live data the system does not hold: a forecast (water level, weather), the weather now, the traffic,
a delivery's or a supply vehicle's whereabouts (logistics tracking), hospital beds.

What the system holds: the incident log, the unit board (statuses, stations, routes over the road network), the
scenario's shelters and their approved places, casualty collection points (no beds), and the emergency plans.  Trial 18
M16: "what is the water level forecast for Hakaniemi for the next 3 hours?" and "is the fuel truck for the care home
generator on its way?" got plan passages and never said that no such data exists here.  The answer says the gap
first; plan passages after it are labelled as plan text, not as the data asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.follow_up import is_question

__all__ = ["DataGap", "asks_about_plans", "data_gap", "gap_reply"]


@dataclass(frozen=True)
class DataGap:
    kind: str  # "forecast", "weather", "traffic", "logistics", "hospital beds"
    what: str  # what the system has no data of, as said in the reply
    what_zh: str
    ask: str  # who holds it
    ask_zh: str


_FORECAST = DataGap("forecast", "water-level or weather forecast", "水位或天气预报",
                    "the duty meteorologist or the sea-level service", "值班气象员或海平面监测部门")
_WEATHER = DataGap("weather", "live weather observation (wind, rain, temperature)", "实时天气观测（风、雨、气温）",
                   "the duty meteorologist", "值班气象员")
_TRAFFIC = DataGap("traffic", "live traffic (congestion, jams)", "实时交通（拥堵）", "the traffic management centre",
                   "交通管理中心")
_LOGISTICS = DataGap("logistics", "logistics tracking data (deliveries, fuel or supply vehicles)", "物流跟踪（配送、燃料或物资车辆）",
                     "the Logistics Section or the supplier", "后勤组或供应商")
_BEDS = DataGap("hospital beds", "hospital bed data", "医院床位", "the hospitals' coordination centre", "医院协调中心")

# Each gap by its words (EN, FI, SV, ZH).  The unit board is not a gap: "is the ambulance on its way?" is answered from it.
_GAPS: tuple[tuple[DataGap, re.Pattern[str]], ...] = (
    (_FORECAST, re.compile(r"\bforecast\w*|\bprognos\w*|\bpredicted\s+(?:water|sea|wind|rain)|ennuste\w*|预报|预测", re.I)),
    (_LOGISTICS, re.compile(
        r"\b(?:fuel|diesel|petrol|supply|supplies|sandbags?|water\s+tanks?|generator|food|cots?|blankets?)\b[^.?!]{0,40}"
        r"\b(?:trucks?|tankers?|lorr(?:y|ies)|deliver\w*|shipments?|convoy|on (?:its|their) way|arriv\w*|ETA|en route)\b"
        r"|\b(?:trucks?|tankers?|deliver\w*|shipments?)\b[^.?!]{0,40}\b(?:fuel|diesel|supplies|sandbags?|generator)\b"
        r"|polttoaine\w*|tankkiauto\w*|toimitu\w*|bränsle\w*|tankbil\w*|leverans\w*|燃料车|油罐车|加油车|燃油.{0,8}(?:到|送)|物资.{0,8}(?:到|送|运)",
        re.I)),
    (_TRAFFIC, re.compile(r"\btraffic\s+(?:jams?|conditions?|situation|flow|like|now|on|in)\b|\bhow(?:'s| is) (?:the )?traffic\b|"
                          r"\bcongest\w*|\bgridlock\w*|ruuhk\w*|liikennetilan\w*|trafikläge\w*|köer\b|交通状况|路况|堵车|拥堵", re.I)),
    (_BEDS, re.compile(r"\bhospital\s+(?:beds?|capacity)|\b(?:icu|intensive care)\s+(?:beds?|capacity)|\bbeds?\b[^.?!]{0,25}\bhospitals?\b|"
                       r"sairaalapaik\w*|sjukhusplats\w*|医院.{0,6}(?:床位|容量)", re.I)),
    (_WEATHER, re.compile(r"\b(?:wind speed|gusts?|rainfall|precipitation|temperature)\b[^.?!]{0,30}\b(?:now|currently|right now|at the moment)\b|"
                          r"\bwhat(?:'s| is) the weather\b|\bhow (?:strong|hard) is the wind\b|tuulen nopeu\w*|vindhastighet\w*|"
                          r"现在.{0,6}(?:风速|风力|降雨|气温)|(?:风速|风力|降雨量|气温)(?:现在|目前)?是?多少", re.I)),
)


# A question about what the plans say of forecasts or deliveries asks the plans, which the system holds.
_ABOUT_PLANS = re.compile(r"\b(?:annex\w*|appendix\w*|plans?|procedures?|SOPs?|checklists?|guidance|protocols?|rules?)\b|预案|规定|程序|附件|附录|"
                          r"suunnitelm\w*|liitte\w*|ohje\w*|bilaga\w*|planen\b", re.I)


def asks_about_plans(text: str) -> bool:
    """The message speaks of the plans (an annex, a procedure, a checklist)."""
    return bool(_ABOUT_PLANS.search(text or ""))


def data_gap(text: str) -> DataGap | None:
    """The kind of live data a question asks for that the system does not hold, or None (not a question, or one the
    system's data answers)."""
    said = " ".join((text or "").split())
    if not said or not (is_question(said) or re.search(r"^\s*(?:när|hur|vad|mikä|milloin|montako|onko)\b", said, re.I)):
        return None
    if _ABOUT_PLANS.search(said):
        return None
    return next((gap for gap, words in _GAPS if words.search(said)), None)


def gap_reply(gap: DataGap, passages: str, zh: bool) -> str:
    """The answer: the gap said first, then the plan passages (if any) labelled as plan text."""
    if zh:
        said = (f"我没有{gap.what_zh}数据：本系统只有事件记录、单位状态、避难所容量和应急预案，不能回答这个问题。"
                f"请向{gap.ask_zh}确认。")
        return said + (f"\n\n相关预案内容（预案原文，不是实时数据）：\n{passages}" if passages else "")
    said = (f"I have no {gap.what} data ({gap.kind}): this system holds the incident log, the unit board, the shelters' "
            f"places and the emergency plans, not this. Confirm it with {gap.ask}.")
    return said + (f"\n\nPlan passages that may help (plan text, not live data):\n{passages}" if passages else "")
