"""A life at immediate risk in a report that names no hazard of its own: a utility outage that is only P2 for the
street is P1 for one person in it.

Two families, English and Chinese:

- **Powered life support without power.** Someone who lives on a machine (a home oxygen concentrator, a home
  ventilator, home dialysis, an infusion pump; 制氧机, 呼吸机, 透析机) in a power cut, or whose machine has stopped.
  A powered wheelchair, a stair lift or a hospital bed is not life-critical and does not count. A backup the caller
  says covers the person ("she has a spare cylinder for 12 h", 有备用氧气瓶) is judged not immediate: the outage
  plan's U2 shelter (warming/charging shelter for dependent persons) and its ambulance still reach her, but the
  priority stays with the model; a backup said to be running out ("the battery has 40 minutes left", 备用电池快没电了)
  is no backup.
- **A frail person in an unheated home in severe frost.** An elderly, ill, bedridden person or a baby, with the
  heating lost (a power or heating outage, or a room temperature of 12 °C or less) while it is -15 °C or colder
  outside (or "severe frost", 严寒). Hypothermia in an old person indoors is a known winter killer.

``life_at_risk`` gives the reason in words for the plan, or None; ``agent.hazards.reconciled_triage`` raises such a
report to P1. A power cut with nobody dependent, a device that is fine with the power on, or cold without a frail
person stays where the model put it.
"""

from __future__ import annotations

import re

from agent.normalise import normalised_chinese
from core.text import to_simplified
from tools.report_words import negated_before, parse_number

_I = re.IGNORECASE
# Machines a life depends on minute by minute. A powered wheelchair, a stair lift, a hospital bed are not.
_LIFE_SUPPORT = re.compile(
    r"\b(?:oxygen (?:concentrator|machine|generator)s?|home oxygen|ventilators?|(?:home )?respirators?|bipap|"
    r"cpap[- ]dependent|(?:depends?|dependent|relies|reliant) on (?:a |an |her |his |their )?cpap|"
    r"(?:home |peritoneal )?dialysis(?: machine)?|infusion pumps?|feeding pumps?|suction (?:machine|pump)s?|life[- ]support)\b|"
    r"制氧机|氧气机|呼吸机|透析机|(?:在家|家庭|腹膜)透析|输液泵|吸痰机|生命支持", _I)
# The power is gone, or the machine itself has stopped.
_NO_POWER = re.compile(
    r"\b(?:power (?:cut|outage|failure|is out|went out|went off|has gone|is off|is down)|blackout|black-out|outage|"
    r"no (?:power|electricity)|without (?:power|electricity)|lost (?:the )?(?:power|electricity)|electricity (?:is |went |has gone )?(?:out|off|down)|"
    r"(?:concentrator|ventilator|machine|respirator|pump)\b[^.!?;]{0,20}\b(?:stopped|has stopped|is off|went off|died|shut (?:off|down)|not working))\b|"
    r"停电|断电|没电了|没有电|(?:制氧机|呼吸机|透析机|机器|氧气机)[^。，！？]{0,4}(?:停了|停止|不转|不工作|关机|没电)", _I)
# A backup that covers the person, said as such.
_BACKUP = re.compile(
    r"\b(?:spare|backup|back-up|reserve|portable) (?:oxygen )?(?:cylinders?|bottles?|tanks?|batter(?:y|ies)|generator|power)\b|"
    r"\b(?:has|have|got|on) (?:an? |her |his )?(?:oxygen )?(?:cylinders?|bottles?|generator)\b|"
    r"备用(?:氧气瓶|氧气罐|电池|电源)|氧气瓶|氧气罐|发电机|充电宝", _I)
# ... unless it is running out.
_BACKUP_FAILING = re.compile(
    r"\b(?:running (?:out|low)|run out|almost (?:empty|flat|out|gone)|nearly (?:empty|flat|out|gone)|low|empty|flat|dead|"
    r"\d+ ?(?:min(?:ute)?s?|minutes) (?:left|remaining)|(?:only|just) (?:\w+ ){0,2}(?:min(?:ute)?s?|minutes?|an hour))\b|"
    r"快(?:没电|用完|没了|空了)|不多了|没电了|只剩|只能(?:用|撑)", _I)

# An elderly, ill or very young person.
_FRAIL = re.compile(
    r"\b(?:elderly|old (?:lady|man|woman|people|person|couple)|pensioners?|grand(?:mother|father|ma|pa|parents?)|granny|grandad|"
    r"(?:[7-9]\d|1[01]\d)[- ]?(?:year[- ]old|yo\b|-year-old)|aged (?:[7-9]\d|1[01]\d)|in (?:her|his) (?:seventies|eighties|nineties)|"
    r"bedridden|bed-bound|frail|sick|ill|infirm|disabled|babies|baby|infants?|newborns?)\b|"
    r"老人|老太太|老奶奶|老大爷|老爷爷|老两口|奶奶|爷爷|外婆|姥姥|外公|姥爷|[七八九]十多?岁|婴儿|宝宝|新生儿|卧床|瘫痪|病人|生病|重病", _I)
_HEAT_LOST = re.compile(
    r"\b(?:heating (?:is |has )?(?:off|out|failed|gone|broken|not working|stopped)|no heat(?:ing)?|without heat(?:ing)?|lost (?:the )?heat(?:ing)?|radiators? (?:are |is )?(?:cold|off))\b|"
    r"暖气(?:停|坏|不热|没了)|停暖|没有暖气|没暖气|供暖中断", _I)
# The temperature in the home: "the flat is 12 degrees", "down to 10 °C inside", 家里只有十度.
_INDOOR_EN = re.compile(r"\b(?:flat|apartment|home|house|room|bedroom|inside|indoors)\b[^.!?;]{0,25}?(?<![-−\d])(\d{1,2}) ?(?:°\s?c?|degrees?|c\b)", _I)
_INDOOR_ZH = re.compile(r"(?:家里|屋里|室内|房间|屋子)[^。，！？]{0,6}?(?<!零下)(\d{1,2}|[一二三四五六七八九十]{1,3})度")
_COLD_INDOOR_C = 12
# Outdoor frost: -15 °C or colder, or said as severe.
_FROST_EN = re.compile(r"(?:^|[\s(,])[-−] ?(\d{1,2}) ?(?:°\s?c?|degrees?|c\b|(?=(?:\s(?:degrees )?(?:outside|outdoors|out there)\b)))|\bminus (\d{1,2}|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|twenty-\w+|thirty)\b", _I)
_FROST_ZH = re.compile(r"零下(\d{1,2}|[一二三四五六七八九十]{1,3})度?")
_SEVERE_FROST = re.compile(r"\b(?:severe|hard|extreme|bitter) (?:frost|cold)\b|严寒|极寒|寒潮", _I)
_SEVERE_FROST_C = 15
_EN_TENS = {"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30}


def _said(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of ``pattern`` the words just before do not deny ("no one on a ventilator", 没有人用呼吸机)."""
    return next((m for m in pattern.finditer(text) if not negated_before(text[max(0, m.start() - 40):m.start()])), None)


def _degrees(raw: str) -> int | None:
    raw = raw.lower()
    if raw in _EN_TENS:
        return _EN_TENS[raw]
    if raw.startswith("twenty-"):
        return 21
    return parse_number(raw)


def _severe_frost(text: str) -> bool:
    if _SEVERE_FROST.search(text):
        return True
    for m in (*_FROST_EN.finditer(text), *_FROST_ZH.finditer(text)):
        value = _degrees(next(g for g in m.groups() if g))
        if value is not None and value >= _SEVERE_FROST_C:
            return True
    return False


def _cold_home(text: str) -> bool:
    if _HEAT_LOST.search(text) or _NO_POWER.search(text):
        return True
    for m in (*_INDOOR_EN.finditer(text), *_INDOOR_ZH.finditer(text)):
        value = parse_number(m.group(1))
        if value is not None and value <= _COLD_INDOOR_C:
            return True
    return False


def life_at_risk(text: str) -> str | None:
    """Why the report puts a life at immediate risk although it names no hazard of its own, or None."""
    text = to_simplified(normalised_chinese(text))
    device = _said(_LIFE_SUPPORT, text)
    if device and _NO_POWER.search(text):
        backed_up = _BACKUP.search(text) and not _BACKUP_FAILING.search(text)
        if not backed_up:
            return f'someone on powered life support ("{device.group(0)}") without power'
    frail = _said(_FRAIL, text)
    if frail and _severe_frost(text) and _cold_home(text):
        return f'a frail person ("{frail.group(0)}") in an unheated home in severe frost'
    return None
