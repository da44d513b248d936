"""A life at immediate risk in a report that names no hazard of its own: a utility outage that is only P2 for the
street is P1 for one person in it.

Three families, English and Chinese (the third also Finnish):

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
- **A frail person down outdoors in severe frost** (trial s17): fallen and unable to get up, outside (a park, the ice),
  at -15 °C or colder, also in Finnish ("Vanha mies kaatunut Esplanadin puistossa, ei pääse ylös, pakkasta -15").

``life_at_risk`` gives the reason in words for the plan, or None; ``agent.hazards.reconciled_triage`` raises such a
report to P1. A power cut with nobody dependent, a device that is fine with the power on, or cold without a frail
person stays where the model put it.
"""

from __future__ import annotations

import re

from agent.normalise import normalised_chinese
from agent.outage_state import HEAT_LOST, NO_POWER, backup_covers, backup_minutes_left, heating_lost, power_lost
from core.text import to_simplified
from tools.report_words import CONTRAST, negated_before, parse_number

_I = re.IGNORECASE
# Machines a life depends on minute by minute. A powered wheelchair, a stair lift, a hospital bed are not.
_LIFE_SUPPORT = re.compile(
    r"\b(?:oxygen (?:concentrator|machine|generator)s?|home oxygen|ventilators?|(?:home )?respirators?|bipap|"
    r"cpap[- ]dependent|(?:depends?|dependent|relies|reliant) on (?:a |an |her |his |their )?cpap|"
    r"(?:home |peritoneal )?dialysis(?: machine)?|infusion pumps?|feeding pumps?|suction (?:machine|pump)s?|life[- ]support)\b|"
    r"制氧机|氧气机|呼吸机|透析机|(?:在家|家庭|腹膜)透析|输液泵|吸痰机|生命支持", _I)
# A dependency denied for everyone ("nobody here relies on", "none of us is on", "we don't use", 没有人用, 家里没有): it
# covers the whole list that follows in its clause ("...any equipment such as a ventilator or a dialysis machine"),
# which the 40-character look-back of ``negated_before`` does not reach. "Nobody answers the door" denies no use.
_DEPENDENCY_DENIED = re.compile(
    r"\b(?:nobody|no one|no-one|none of (?:us|them|the \w+)|not one of us|no residents?|no patients?)\b"
    r"(?:\s(?:here|else|at all|of us|(?:in|at) (?:this|our|the|my) [\w-]+)){0,2}\s"
    r"(?:is on|are on|'s on|is using|are using|is dependent|are dependent|uses?|relies|rely|depends?|needs?|has|have|requires?|lives on)\b|"
    r"\b(?:we|i|they|he|she)\s(?:don'?t|do not|doesn'?t|does not|never|no longer)\s(?:use|have|need|rely on|depend on|own)\b|"
    r"(?:没有人|没人|没有谁|谁都不|谁也不)(?:在)?(?:需要|要)?(?:用|使用|靠|依赖|依靠|做|离不开)|(?:家里|家中|我们家|屋里)(?:也|都)?没有(?![电暖人])", _I)
# Where such a denial stops: a sentence's end, "and" or a comma, unless the comma brings examples or the list goes on
# (", such as", ", like", ", or", 、 and ，比如 keep it).
_DENIAL_ENDS = re.compile(r"[.!?;。！？；]|\band\b|[,，](?!\s*(?:such as|like|e\.g\.|for example|for instance|including|or|nor|not|no)\b)"
                          r"(?!\s*(?:比如|例如|像|包括|诸如|或者|或是|还是|也没))", _I)

# An elderly, ill or very young person.
_FRAIL = re.compile(
    r"\b(?:elderly|old (?:lady|man|woman|people|person|couple)|pensioners?|grand(?:mother|father|ma|pa|parents?)|granny|gran|nan|nana|grandad|"
    r"(?:[7-9]\d|1[01]\d)[- ]?(?:year[- ]old|yo\b|-year-old)|aged (?:[7-9]\d|1[01]\d)|(?:she|he)(?:'s| is) (?:[7-9]\d|1[01]\d)(?! ?(?:%|°|degrees?|kg|cm|min|minutes|m\b))|in (?:her|his|their) (?:seventies|eighties|nineties|[789]0s)|"
    r"bedridden|bed-bound|frail|sick|ill|infirm|disabled|babies|baby|infants?|newborns?)\b|"
    # Finnish: an old man / woman, an aged person, granny, grandad, a baby
    r"\b(?:vanha (?:mies|nainen|rouva|herra|pariskunta|ihminen|henkilö)|vanhu\w*|iäk(?:äs|kä)\w*|mummo\w*|mummu\w*|vaari\w*|ukki\w*|vauva\w*)\b|"
    r"老人|老太太|老奶奶|老大爷|老爷爷|老两口|奶奶|爷爷|外婆|姥姥|外公|姥爷|[七八九]十多?岁|婴儿|宝宝|新生儿|卧床|瘫痪|病人|生病|重病", _I)
# The temperature in the home: "the flat is 12 degrees", "down to 10 °C inside", 家里只有十度.
_INDOOR_EN = re.compile(r"\b(?:flat|apartment|home|house|room|bedroom|kitchen|inside|indoors)\b[^.!?;]{0,25}?(?<![-−\d])(\d{1,2}) ?(?:°\s?c?|degrees?|c\b)", _I)
_INDOOR_ZH = re.compile(r"(?:家里|屋里|室内|房间|屋子)[^。，！？]{0,6}?(?<!零下)(\d{1,2}|[一二三四五六七八九十]{1,3})度")
_COLD_INDOOR_C = 12
# A home said to be this warm is not cold whatever the heating does (a fireplace, a stove); between the two figures
# the heating and the power decide.
_WARM_INDOOR_C = 18
# Outdoor frost: -15 °C or colder, or said as severe.
_FROST_EN = re.compile(r"(?:^|[\s(,])[-−] ?(\d{1,2}) ?(?:°\s?c?|degrees?|c\b|(?=(?:\s(?:degrees )?(?:outside|outdoors|out there|out)\b)))|\b(?:it'?s|it is|currently|now)\s[-−] ?(\d{1,2})\b|\bminus (\d{1,2}|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|twenty-\w+|thirty)\b", _I)
_FROST_ZH = re.compile(r"零下(\d{1,2}|[一二三四五六七八九十]{1,3})度?")
_SEVERE_FROST = re.compile(r"\b(?:severe|hard|extreme|bitter) (?:frost|cold)\b|\b(?:kova|kovassa|kireä|kireässä|ankara|ankarassa) pakka\w*|严寒|极寒|寒潮", _I)
# Finnish frost by its degrees: "pakkasta -15", "pakkasta 18 astetta", "15 astetta pakkasta"
_FROST_FI = re.compile(r"\bpakkas\w*\s[-−]?\s?(\d{1,2})\b|\b[-−]?(\d{1,2}) ?(?:astetta|°c?) pakkas\w*", _I)
# A person down outdoors who cannot get up (a fall in the park, on the ice): without help the cold does the rest.
_DOWN = re.compile(r"\b(?:can'?t|cannot|could not|couldn'?t|unable to) get up\b|\blying (?:on the (?:ground|ice|pavement)|in the snow)\b|"
                   r"\b(?:ei|eikä|eivät) pääse ylös\b|\bmakaa (?:maassa|lumessa|jäällä)\b|\bon ollut maassa\b", _I)
_OUTDOORS = re.compile(r"\b(?:outside|outdoors|in the (?:park|snow|street)|on the (?:ice|street|pavement))\b|"
                       r"\bulkona\b|\b\w+(?:puistossa|puistikossa|kadulla|torilla|rannalla|pihalla)\b|\b(?:puistossa|lumessa|jäällä|pihalla)\b", _I)
_SEVERE_FROST_C = 15
_EN_TENS = {"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30}


def _said(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of ``pattern`` that the caller does not deny ("no one on a ventilator", 没有人用呼吸机, "nobody
    here relies on any equipment such as a ventilator")."""
    return next((m for m in pattern.finditer(text) if not _denied(text, m.start())), None)


def _denied(text: str, start: int) -> bool:
    before = text[max(0, start - 40):start]
    # a denial of the power or the heat ("no electricity and his ventilator", 没有暖气) is not one of the person
    cut = max((m.end() for m in (*NO_POWER.finditer(before), *HEAT_LOST.finditer(before))), default=0)
    if negated_before(before[cut:]):
        return True
    sentence = re.split(r"[.!?;。！？；]", text[max(0, start - 200):start])[-1]
    clause = CONTRAST.split(sentence)[-1]  # "none of us needs one, but next door..." ends the denial
    denial = None
    for denial in _DEPENDENCY_DENIED.finditer(clause):
        pass
    return denial is not None and not _DENIAL_ENDS.search(clause, denial.end())


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
    for m in (*_FROST_EN.finditer(text), *_FROST_ZH.finditer(text), *_FROST_FI.finditer(text)):
        value = _degrees(next(g for g in m.groups() if g))
        if value is not None and value >= _SEVERE_FROST_C:
            return True
    return False


def _indoor_celsius(text: str) -> int | None:
    """The last temperature said of the home ("the flat is down to 10 degrees", 屋里只有九度)."""
    found = sorted((m.end(), parse_number(m.group(1))) for m in (*_INDOOR_EN.finditer(text), *_INDOOR_ZH.finditer(text)))
    return found[-1][1] if found else None


def _cold_home(text: str) -> bool:
    """The home is cold: said so by its temperature, else by the last word on the heating, else by the power."""
    indoor = _indoor_celsius(text)
    if indoor is not None and (indoor <= _COLD_INDOOR_C or indoor >= _WARM_INDOOR_C):
        return indoor <= _COLD_INDOOR_C
    heating = heating_lost(text)
    return heating if heating is not None else power_lost(text)


def _duration_words(minutes: int) -> str:
    if minutes >= 60 and minutes % 30 == 0:
        hours = minutes / 60
        return f"{hours:g} hour{'s' if hours != 1 else ''}"
    return f"{minutes} min"


def life_at_risk(text: str) -> str | None:
    """Why the report puts a life at immediate risk although it names no hazard of its own, or None."""
    text = to_simplified(normalised_chinese(text))
    device = _said(_LIFE_SUPPORT, text)
    if device and power_lost(text) and not backup_covers(text):
        left = backup_minutes_left(text)
        # the time-critical part said in the plan: when the backup (a generator's fuel, a battery) runs out
        when = f", the backup runs out in about {_duration_words(left)}" if left is not None else ""
        return f'someone on powered life support ("{device.group(0)}") without power{when}'
    frail = _said(_FRAIL, text)
    if frail and _severe_frost(text) and _cold_home(text):
        return f'a frail person ("{frail.group(0)}") in an unheated home in severe frost'
    down = _said(_DOWN, text)
    if frail and down and _OUTDOORS.search(text) and _severe_frost(text):
        return f'a frail person ("{frail.group(0)}") down outdoors and unable to get up ("{down.group(0)}") in severe frost: cold exposure'
    return None
