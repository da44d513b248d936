"""What a caller says of the power, the heating and a backup in a report about a life on a machine or in the cold
(read by ``agent.life_risk``): said lost, said back, said to last.

A report tells a story in order ("the power went out, dad's machine stopped; the power is back on now"), so the later
of "lost" and "back" decides; a restoration said as a hope or a wait ("until the power is back", 等来电了) is none.
A backup is judged by how long the caller says it lasts: more than ``COVERING_MIN`` is not immediate (Annex F's
outage response, a generator or a transfer reaches the person well inside it); that long or less is a countdown (trial
s18: a care home's generator with fuel for about two hours, twelve residents on oxygen, was read as covered).
"""

from __future__ import annotations

import re

from tools.report_words import negated_before, parse_number

_I = re.IGNORECASE
# The power is gone, or the machine itself has stopped.
NO_POWER = re.compile(
    r"\b(?:power (?:cut|outage|failure)|blackout|black-out|outage|"
    r"no (?:power|electricity)|without (?:power|electricity)|lost (?:the )?(?:power|electricity)|"
    r"(?:power|electricity|mains)(?:'s|\s(?:is|was|has|had|went|goes|has gone|had gone))?(?:\s(?:still|been|just|now|completely|all)){0,2}\s(?:out|off|down|gone|cut)|"
    # "the power came back for five minutes and went off again": the last word on the power is that it went
    r"(?:power|electricity|lights)\b[^.!?;]{0,50}?\b(?:went|gone|cut|cutting) (?:off|out|down)|power has gone|"
    r"(?:concentrator|ventilator|machine|respirator|pump|cycler)\b[^.!?;]{0,20}\b(?:stopped|has stopped|is off|went off|died|shut (?:off|down)|not working))\b|"
    # Finnish and Swedish words for a power cut ("Sähkökatko since 22:10", "strömavbrott"); a building running on its
    # generator has lost the mains (trial s18: a care home on generator power, read as powered)
    r"\b(?:sähkökatk\w*|sähköt (?:on )?poikki|strömavbrott\w*|strömmen (?:är |har )?(?:borta|gått)|"
    r"(?:running )?on (?:a |the |its |our |backup |emergency )*generator(?: power)?|generators? (?:is |are )?running)\b|"
    r"停电|断电|没电了|没有电|(?:制氧机|呼吸机|透析机|机器|氧气机)[^。，！？]{0,4}(?:停了|停止|不转|不工作|关机|没电)", _I)
# The power said to be back: "the power is back on", "the electricity has come back", 电已经来了, 恢复供电了.
_POWER_BACK = re.compile(
    r"\b(?:power|electricity|lights|mains)(?: supply)?(?:'s|\s(?:is|are|was|were|has|have|had))?(?:\s(?:now|just|finally|already|all)){0,2}(?:\sbeen)?\s"
    r"(?:back(?:\son|\sup)?|restored|on again|came back(?:\son)?|come back(?:\son)?|returned)\b|\brestored (?:the )?(?:power|electricity)\b|"
    # "the power went out at 6 and came back on at 7" (with "on": "and my son came back" is no restoration)
    r"\b(?:power|electricity|lights)\b[^.!?;]{0,40}?\b(?:came|come|has come|was|were|is|are) back on\b|"
    r"来电了|已经来电|又来电|电(?:已经|又)?来了|恢复(?:了)?供电|供电(?:已经|已)?恢复|电(?:已经)?恢复了|(?<![没无])又?有电了|通电了", _I)
# The heating lost, or back / working, or the home said warm.
HEAT_LOST = re.compile(
    r"\b(?:heating (?:is |has |was )?(?:\w+ )?(?:off|out|failed|gone|broken|not working|stopped)|no heat(?:ing)?|without heat(?:ing)?|"
    r"lost (?:the )?heat(?:ing)?|radiators? (?:are |is )?(?:cold|off)|"
    # "the heating in my gran's flat has stopped"
    r"heating\b[^.!?;,]{0,25}?\b(?:has|is|was|went) (?:stopped|failed|off|out|gone|broken))\b|"
    r"暖气(?:停|坏|不热|没了)|停暖|没有暖气|没暖气|供暖中断", _I)
_HEAT_ON = re.compile(
    r"\b(?:heating|heat|radiators?)(?:'s|\s(?:is|are|has|was|still))(?:\s(?:still|now|all|back)){0,2}(?:\sbeen)?\s(?:on|working|works|running|fine|warm|hot|back on|come back|restored)\b|"
    r"\b(?:heating|radiators?)\s(?:works|working)\b|"
    r"\b(?:flat|home|house|room|place|indoors|inside|in here|she|he|they)(?:'s|'re|\s(?:is|are|feels))\s(?:still\s|nice and\s|quite\s|perfectly\s){0,2}(?:warm|cosy|cozy)\b|"
    r"(?<![没无])暖气(?:还|也|都|一直)?(?:正常|照常|开着|热着|是热的|没停|来了)|暖气(?:还|也|都)有(?![问故])|暖气[^。！？，]{0,8}[，,]?还是热的|"
    r"(?:恢复|已经)供暖|供暖(?:已经)?(?:恢复|正常)|(?:屋里|家里|房间|室内)(?:还|也)?(?:挺|很|算|还算)?(?:暖和|不冷)|(?:很|挺|还算|还挺)暖和", _I)
# A hope, a wait, a question: not a statement that the power or heating is back ("until the power is back on"),
# looked for in the words just before a "back" and in its own words, within its clause.
_NOT_YET = re.compile(r"\b(?:until|till|til|when|once|before|if|unless|as soon as|whether|wait\w*|expect\w*|estimat\w*|hope\w*|"
                      r"will|would|should|might|may|could|can)\b|等|什么时候|何时|多久|几点|希望|直到|如果|要是|才能|预计|估计", _I)
_CLAUSE_MARK = re.compile(r"[.!?;,。！？；，]")

# A backup that covers the person, said as such.
BACKUP = re.compile(
    r"\b(?:spare|backup|back-up|reserve|portable) (?:oxygen )?(?:cylinders?|bottles?|tanks?|batter(?:y|ies)|generator|power)\b|"
    r"\b(?:has|have|got|on) (?:an? |her |his )?(?:oxygen )?(?:cylinders?|bottles?|generator)\b|"
    # a generator said to be running is the backup in use, its fuel the time it lasts ("generator running, fuel for 2 h")
    r"\bgenerators? (?:is |are )?running\b|"
    r"备用(?:氧气瓶|氧气罐|电池|电源)|氧气瓶|氧气罐|发电机|充电宝", _I)
# The machine's own battery: a countdown unless the caller says it lasts ("its battery is good for 8 hours").
_OWN_BATTERY = re.compile(r"\b(?:its|the|her|his|their|internal|built-in|inbuilt|own)\s(?:(?:own|internal|built-in|inbuilt)\s)?batter(?:y|ies)\b|"
                          r"\bon (?:its |the )?battery\b|电池", _I)
# ... unless it is running out or used up.
_BACKUP_FAILING = re.compile(
    r"\b(?:running (?:out|low)|run out|ran out|used up|almost (?:empty|flat|out|gone)|nearly (?:empty|flat|out|gone)|low|empty|flat|dead|"
    r"\d+ ?(?:min(?:ute)?s?|minutes) (?:left|remaining)|(?:only|just) (?:\w+ ){0,2}(?:min(?:ute)?s?|minutes?|an hour))\b|"
    r"快(?:没电|用完|没了|空了)|不多了|没电了|用完了|用光了|只剩|只能(?:用|撑)", _I)
# How long a backup lasts, said after it in its sentence: "good for 8 hours", "25 min to go", 还能用八小时, 只能撑半小时.
_DURATION = re.compile(
    r"\b(?:(\d{1,3})|(an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"a couple of|a few|several))\s?(?:more\s)?(hours?|hrs?|h|minutes?|mins?|days?)\b(?!\s+ago)|\b(half an? hour)\b|\b(all (?:day|night)|overnight)\b|"
    r"(\d{1,3}|[一两二三四五六七八九十几]{1,3})(?:个)?(半)?(小时|钟头|分钟|天)(?![前以之]前)|(半(?:个)?小时)|(一整天|整天|一整晚|整晚|一晚上|一夜)", _I)
COVERING_MIN = 120
# A duration the backup has already been in use, said just before it ("已经用了一个半小时", "been on it for the last
# 3 hours"): what is left is the said duration less this one (review s16b: "good for 2 h, used 1.5 h" read as a cover).
_ELAPSED = re.compile(r"(?:已经|已)(?:用了|撑了|开了|跑了|过了|停了)?$|"
                      r"\b(?:already(?: used| run)?|been(?: running| going)?(?: on (?:it|battery|batteries|the battery))?|used)"
                      r"(?: for)?(?: the (?:last|past))?\s?$", _I)
_ELAPSED_BEFORE = 40
_MINUTES = {"hour": 60, "hours": 60, "hr": 60, "hrs": 60, "h": 60, "minute": 1, "minutes": 1, "min": 1, "mins": 1,
            "day": 1440, "days": 1440, "小时": 60, "钟头": 60, "分钟": 1, "天": 1440}
_SENTENCE_END = re.compile(r"[.!?;。！？；]")


def _last_said(lost: re.Pattern[str], back: re.Pattern[str], text: str) -> bool | None:
    """True when the last word on it is that it is lost, False when that it is back or working, None when neither
    is said. A "back" said as a wait or a hope, or denied just before, does not count; where one is said, a loss told
    as a finished episode ("was out for 20 minutes", 停了十分钟) is no later word than it."""
    backs = [m.end() for m in back.finditer(text) if _stated(text, m)]
    last_back = max(backs, default=-1)
    last_lost = max((m.end() for m in lost.finditer(text) if not (backs and _episode(text, m))), default=-1)
    if last_lost < 0 and last_back < 0:
        return None
    return last_lost > last_back


def _stated(text: str, m: re.Match[str]) -> bool:
    """A "back" said as a fact: no wait or hope in its clause before it or in its words, no denial just before."""
    region = text[max(0, m.start() - 30):m.end()]
    marks = [c.end() for c in _CLAUSE_MARK.finditer(region, 0, len(region) - len(m.group(0)))]
    region = region[marks[-1]:] if marks else region
    return not _NOT_YET.search(region) and not negated_before(text[max(0, m.start() - 20):m.start()])


# "for 20 minutes" after a loss; 了 after a Chinese one ("停了十分钟" was, "停了三个小时了" still is).
_EPISODE_LEAD = re.compile(r"\s?(?:for\s(?:about\s|around\s|nearly\s|almost\s|over\s|a good\s)?|了)?", _I)
_STILL = re.compile(r"\s?(?:now|already|so far|and counting|了)", _I)


def _episode(text: str, m: re.Match[str]) -> bool:
    """A loss told with how long it lasted, in the past: "had a blackout for 20 minutes", "制氧机停了十分钟". Not one
    still going on ("has been out for 3 hours", "out for an hour now", 停了三个小时了)."""
    if re.search(r"\bbeen\b|已经", m.group(0)):
        return False
    rest = text[m.end():m.end() + 40]
    lead = _EPISODE_LEAD.match(rest)
    said = _DURATION.match(rest, lead.end()) if lead else None
    if said is None or _STILL.match(rest, said.end()):
        return False
    english = any(said.group(i) for i in (3, 4, 5))
    return "for" in lead.group(0) if english else True


def power_lost(text: str) -> bool:
    """The power is out (or the machine has stopped) by the last word the report says on it."""
    return bool(_last_said(NO_POWER, _POWER_BACK, text))


def heating_lost(text: str) -> bool | None:
    """The heating lost (True), said to work or the home said warm (False), or not said (None), by the last word."""
    return _last_said(HEAT_LOST, _HEAT_ON, text)


def _minutes(m: re.Match[str]) -> int | None:
    g = m.groups()
    if g[3] or g[8]:  # half an hour, 半小时
        return 30
    if g[4] or g[9]:  # all day, overnight, 一整天
        return 8 * 60
    if g[2]:  # English
        count = int(g[0]) if g[0] else parse_number(g[1])
        unit = g[2].lower()
    else:
        count, unit = parse_number(g[5]), g[7]
    if count is None:
        return None
    return count * _MINUTES[unit] + (30 if g[6] else 0)


def _is_elapsed(text: str, m: re.Match[str]) -> bool:
    return _ELAPSED.search(text[max(0, m.start() - _ELAPSED_BEFORE):m.start()].rstrip()) is not None


def _elapsed_minutes(text: str) -> int:
    """How long the caller says the backup has already been in use (the longest such duration said), in minutes."""
    return max((_minutes(m) or 0 for m in _DURATION.finditer(text) if _is_elapsed(text, m)), default=0)


def _said_duration(text: str, after: int) -> int | None:
    """The first duration said after a backup that it lasts (not one it has been in use), in its sentence and close to
    it (60 characters), in minutes."""
    window = text[after:after + 60]
    end = _SENTENCE_END.search(window)
    window = window[:end.start()] if end else window
    m = next((m for m in _DURATION.finditer(window) if not _is_elapsed(window, m)), None)
    return _minutes(m) if m else None


def backup_minutes_left(text: str) -> int | None:
    """How long the caller says the backup has left (its said duration less the time already used), in minutes."""
    spans = sorted(m.end() for m in (*BACKUP.finditer(text), *_OWN_BATTERY.finditer(text)))
    durations = [d for d in (_said_duration(text, end) for end in spans) if d is not None]
    return max(durations[0] - _elapsed_minutes(text), 0) if durations else None


def backup_covers(text: str) -> bool:
    """A backup the caller says covers the person: one said to last ``COVERING_MIN`` or more, or a spare (a
    cylinder, a generator) said with no time and not running out. The machine's own battery with no time said is a
    countdown, not a cover."""
    if _BACKUP_FAILING.search(text):
        return False
    spans = sorted([(m.end(), True) for m in BACKUP.finditer(text)] + [(m.end(), False) for m in _OWN_BATTERY.finditer(text)])
    elapsed = _elapsed_minutes(text)
    durations = [d for d in (_said_duration(text, end) for end, _ in spans) if d is not None]
    if durations:
        return durations[0] - elapsed > COVERING_MIN
    return any(spare for _, spare in spans)
