"""A time window and an order asked for with a list of incidents ("P1s opened in the last hour, newest first",
"过去30分钟有什么新事件", "viimeisen tunnin aikana avatut tehtävät", "den senaste timmen", "in der letzten Stunde").

``window_minutes`` reads the window (minutes), ``asks_newest_first`` the order; ``WINDOWED_INCIDENTS`` is the cue of an
incident list asked for by its window (agent.cue_rules), the open_incidents tool filters by it (``since_min``,
trial s19 M16).
"""

from __future__ import annotations

import re

_WORD_NUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10, "twelve": 12,
             "一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "十": 10, "十二": 12,
             "kahden": 2, "kolmen": 3, "neljän": 4, "två": 2, "tre": 3, "fyra": 4, "zwei": 2, "drei": 3, "vier": 4}
_HALF = {"half an", "half a", "半", "puolen", "halben", "halv"}
_NUM = r"\d+|an?|one|two|three|four|five|six|ten|twelve|half an?|十二|[一两二三四五六十半]|kahden|kolmen|neljän|puolen|två|tre|fyra|zwei|drei|vier|halben"
# (number, unit) per language; a missing number is one ("the last hour", "den senaste timmen", "最近一小时")
_WINDOW = re.compile(
    rf"\b(?:last|past|previous)\s+(?:(?P<en_n>{_NUM})\s+)?(?P<en_u>hours?|hrs?|minutes?|mins?)\b|\b(?:last|past)\s+(?P<en_half>half[- ]hour)\b|"
    rf"(?:最近|过去|近|这)\s*(?P<zh_n>\d+|十二|[一两二三四五六十半])\s*(?:个)?\s*(?P<zh_u>小时|钟头|分钟)|(?<!\d)(?P<zh_n2>\d+|[一两二三半])\s*(?:个)?\s*(?P<zh_u2>小时|分钟)(?:内|以内|之内)|"
    rf"\bviimeise(?:n|ssä)\s+(?:(?P<fi_n>\d+|kahden|kolmen|neljän|puolen)\s+)?(?P<fi_u>tunnin|tunnissa|minuutin|minuutissa)\b|"
    rf"\b(?:senaste|sista)\s+(?:(?P<sv_n>\d+|två|tre|fyra)\s+)?(?P<sv_u>timmen|timmarna|timmar|minuterna|minuter|halvtimmen)\b|"
    rf"\b(?:letzten|vergangenen)\s+(?:(?P<de_n>\d+|zwei|drei|vier|halben)\s+)?(?P<de_u>Stunden?|Minuten)\b",
    re.IGNORECASE,
)
_NEWEST_FIRST = re.compile(
    r"\b(?:newest|latest|most recent|recent ones|new ones)\s+(?:first|on top|at the top)\b|\b(?:newest|latest)\s+to\s+oldest\b|\breverse chronological\b|"
    r"倒序|最新的?(?:排)?在(?:最)?前|从新到旧|\buusin(?:mat)?\s+ensin\b|\bnyaste\s+först\b|\bsenaste\s+först\b|\bneueste[ns]?\s+zuerst\b",
    re.IGNORECASE,
)
# the incidents of a list, by the nouns an operator uses for them (and "anything new")
_INCIDENT_NOUN = (r"(?:\b(?:incidents?|jobs?|calls?|events?|P[1-4]s?|anything new|new ones|tehtäv\w*|tapahtum\w*|tapauks\w*|"
                  r"händelse\w*|ärende\w*|Einsätze|Einsatz\w*|Vorfäll\w*|Vorfall)\b|事件|警情|案子)")
_ANY_WINDOW = re.sub(r"\?P<\w+>", "?:", _WINDOW.pattern)  # the window without its named groups, to be used twice
WINDOWED_INCIDENTS = rf"{_INCIDENT_NOUN}[^.?!;。？！]{{0,50}}?(?:{_ANY_WINDOW})|(?:{_ANY_WINDOW})[^.?!;。？！]{{0,50}}?{_INCIDENT_NOUN}"


def _amount(number: str | None) -> float:
    if not number:
        return 1.0
    key = number.strip().lower()
    if key in _HALF:
        return 0.5
    return float(key) if key.isdigit() else float(_WORD_NUM.get(key, 1))


def window_minutes(text: str) -> int | None:
    """The time window asked for, in minutes ("the last hour" -> 60, "过去30分钟" -> 30, "senaste halvtimmen" -> 30)."""
    match = _WINDOW.search(text)
    if match is None:
        return None
    groups = {k: v for k, v in match.groupdict().items() if v}
    if "en_half" in groups:
        return 30
    unit = next((v for k, v in groups.items() if k.endswith(("_u", "_u2"))), "").lower()
    number = next((v for k, v in groups.items() if k.endswith(("_n", "_n2"))), None)
    if unit == "halvtimmen":
        return 30
    per = 60 if unit.startswith(("h", "小", "钟", "tun", "tim", "stu")) else 1
    return max(1, round(_amount(number) * per))


def asks_newest_first(text: str) -> bool:
    """Is the list asked for newest first ("latest first", "按时间倒序", "uusin ensin", "nyaste först")?"""
    return bool(_NEWEST_FIRST.search(text))
