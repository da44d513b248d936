"""Slot values read from an operator's words: unit ids in canonical form, unit status (after a spoken
self-correction), priorities, radius, unit types, and a plan question's search query.

Each extractor returns what is stated, or nothing: a priority only when one is named, a radius only as written
("250 m", "half a kilometre", "三百五十米", "radius two five zero").  Hazards are ``agent.hazards``', places
``agent.places``'.
"""

from __future__ import annotations

import re

from core.record_ids import TYPED_UNIT_ID_RE, unit_id_of
from core.text import to_simplified

STATUS_WORDS = [
    ("out_of_service", r"out[ _-]of[ _-]service|(?:暂时|目前)?不能(?:再)?用|用不了|无法使用|\bOOS\b|out of svc|\bU/S\b|unavailable|broke(?:n)? down|breakdown|\bfault|failure|off the board|off the road|"
                       r"不可用|停用|故障|维修(?!已?经?(?:完成|完毕|结束|好))|坏了|暂停使用|下线"),
    # a patient transport the operator states ("KAM-A2 is transporting the casualty to Meilahti", "taking the patient to
    # hospital", "正在送伤员去医院"): read before "dispatched", so "en route to hospital" is a transport, not a call
    ("transporting", r"\btransport(?:ing|s)\b|\bconvey(?:ing|s)\b(?= (?:the |a |an |one |two |\d )?(?:patient|casualt|victim|injured))|"
                     r"\b(?:taking|bringing|driving|rushing|carrying) (?:the |a |an |our |one |two |both |\d )?(?:patients?|casualt(?:y|ies)|victims?|injured|wounded|man|woman|child|kid|boy|girl|him|her|them)\b[^.;!?\n]{0,40}?\bto (?:the )?(?:hospital|ER\b|A&E|ED\b|emergency (?:room|department)|Meilahti|Töölö|Jorvi|Peijas)|"
                     r"\b(?:en route|on (?:the|its|their) way|heading|going|bound) to (?:the )?(?:hospital|ER\b|A&E|emergency (?:room|department))|\bhospital[- ]bound\b|"
                     # an ambulance (an -A id) said to be going to a hospital in a few words ("KAI-A1 to the hospital", "KAI-A1 off to
                     # Meilahti"): an ambulance at a hospital carries a patient (trial s18: proposed as a dispatch to the
                     # incident, 'the hospital' looked up as a place); never "… to the hospital fire"
                     r"(?<![A-Za-z0-9])[A-Za-z]{3}-?[Aa]\d\s+(?:(?:is|now|off|going|heading|gone)\s+)*(?:to|till)\s+(?:the\s+)?"
                     r"(?:hospital|sjukhus(?:et)?|sairaala(?:an)?|Meilahti|Töölö|Jorvi|Peijas)\b(?![ -]*(?:fire|blaze|roof|building|site|car ?park|parking))|"
                     # Finnish and Swedish: "kuljettaa potilasta Meilahteen" (never 'kuljettaja', the driver), "vie potilaan
                     # sairaalaan", "transporterar patienten", "kör patienten till Meilahti"
                     r"\bkuljet(?:taa|tavat|tamassa|taamaan|ti|tivat)\b|\bvie(?:vät|mässä)?\s+(?:potila\w*|loukkaantune\w*|uhri\w*)|"
                     r"\btransporter(?:ar|as)\b|\bkör(?:s)?\s+(?:patienten|den skadade|offret|föraren)\s+till\b|"
                     r"(?:正在|在|已经?)?(?:送|转运|护送|运送)(?:伤员|伤者|病人|患者|老人|孩子|他|她|他们)?(?:去|往|到|前往)[^，。；！？\n]{0,8}?医院|送医|送院|转运(?:伤员|伤者|病人|患者)|运送(?:伤员|伤者|病人|患者)"),
    ("dispatched", r"\bdispatched\b|en route|\b(?:is|are|now) rolling\b|已派出|派出去|出车|已(?:经)?出发|出发了|\bon scene\b|\bcommitted\b|\bbusy\b|tied up|on (?:a|the) (?:call|job|scene)|assigned to|已出动|出动了|出动中|出动$|出动(?=[，,。；;\s]|状态)|出动(?:去|到|前往)|(?:标记|设|改|置)(?:为|成)(?:已)?出动|执行任务|在任务|派出了|出警|出勤"),
    ("available", r"\bavailable\b|\bavail\b|\bavl\b|back in (?:service|svc)|\breturn(?:s|ed|ing)?\b(?:[^.!?;:\n]{0,40}?\s)?to (?:base|station|quarters)\b|\bstand(?:s|ing)? down\b|\bstood down\b|\bcancel(?:led)?\s+(?=[A-Z]{3}-[A-Z]\d)|\b(?:release|vapauta\w*|frigör|frig[oö]r|släpp)\s+(?=[A-Z]{3}-[A-Z]\d)|(?<=[A-Z]{3}-[A-Z]\d)\s+(?:can\s+be|may\s+be|is|has\s+been|was)\s+released\b|\bin svc\b|\bfree\b|\bready\b|back (?:at|to) (?:base|station|quarters)|cleared the scene|is back\b|\bdemob(?:ili[sz]e[sd]?|ili[sz]ing|ili[sz]ation|bed|s)?\b|"
                  r"可用|待命|恢复|回来了|归队|收队|回站|回到?(?:站|基地|队)里?|返回(?:站|基地|队)|空闲|修好|维修已?经?(?:完成|完毕|结束)|"
                  # Finnish translative, the state a unit is set to ("merkitse HAK-E1 vapaaksi", "aseta KAM-A1
                  # käytettäväksi"; issue 12: read as a question about the unit, the status change lost)
                  r"\bvapaaksi\b|\bkäytettäväksi\b|\blähtövalmiiksi\b"),
]
# A priority as a code ("P1", "prio 2", "二级") or as a named level: the top / highest one is P1; a "low priority" job
# still needs a response, which is P3 (P4 is "no response needed", core.vocabulary). "top priority first", "highest
# priority on top", "最高优先的排在前面" order a list (group ``order``): see extract_priorities.
_PRIORITY = re.compile(r"(?<![A-Za-z0-9])(?:P|prio(?:rity)?\s?)([1-4])(?:s|'s)?(?![0-9A-Za-z])|\b(?:prio(?:rity)?|pee) (one|two|three|four)\b|([一二三四])级(?!响应)"
                       r"|\b(?P<top>top|highest|max(?:imum)?) prio(?:rity)?\b(?P<order>\s+(?:first|on top|at the top)\b)?|(?P<top_zh>最高优先|最优先)(?P<order_zh>的?(?:排|放|列)(?:在)?(?:最)?(?:前|上))?|\b(?P<low>low(?:est)?) prio(?:rity)?\b|(?P<low_zh>低优先)", re.IGNORECASE)
_PRIORITY_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "一": "1", "二": "2", "三": "3", "四": "4"}


def _priority_digit(match: re.Match) -> str | None:
    if match.group("top") or match.group("top_zh"):
        return "1"
    if match.group("low") or match.group("low_zh"):
        return "3"
    return match.group(1) or _PRIORITY_WORDS.get((match.group(2) or match.group(3) or "").lower())
# Finnish "100 metrin säteellä", "200 metriä" too (s19 dev: the radius was dropped)
_RADIUS = re.compile(r"(\d{2,5})\s?-?\s?(?:m|meters?|metres?|metri[nä]?|米|公尺)(?![a-z])", re.IGNORECASE)

# "send a hazmat", "and the rescue": a unit type named as the object of an order (not "the hazmat plan")
_ORDERED = r"(?:\b(?:send|snd|dispatch|need|get|roll|add|plus|and|\+)|派|调|加派|叫)\s+(?:a\s+|the\s+)?"
# A Chinese speaker names a service by its number in China ("派 120 过去", "110 派一台", "120 还有几台"): 120 the ambulance, 110
# the police. Only a number standing alone beside Chinese text, never a count, a radius or an address ("120 米", "Katu 120").
_CN_SERVICE_NUMBER = r"(?:(?<=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff][\s、，,])|(?<=\d{{3}}[、和])|^)\s*{}(?![\d.,]|\s*(?:米|m\b|公里|km|人|个|名|分|秒|%|号|辆|台))"
# The unit nouns of the fleet as an order or its withdrawal names them, each to its type ("send two engines", "no
# ladder needed", "cancel the rescue", "不用云梯车了"): the grammar around the noun says it is a unit.
UNIT_TYPE_NOUNS: list[tuple[str, str]] = [
    ("ambulance", r"ambulances?|ambs?|ambos?|paramedics?|medics?|救护车|急救车"),
    ("ladder", r"ladders?(?: trucks?)?|aerials?(?: ladders?)?|turntable ladders?|云梯车|梯车|登高车|云梯"),
    ("engine", r"(?:fire )?engines?|fire trucks?|pumpers?|消防车"),
    ("police_patrol", r"police(?: cars?| patrols?| units?)?|patrols?|警车|警察|巡逻车"),
    ("rescue", r"(?:heavy )?rescue(?: units?| teams?| trucks?)?|救援车|救援队|抢险车"),
    ("hazmat", r"hazmat(?: units?| teams?| trucks?)?|危化车|危化品车|防化车"),
    ("utility_crew", r"utility crews?|power crews?|抢修车|抢修队"),
]
_NOUN = dict(UNIT_TYPE_NOUNS)
# The unit types a message names anywhere in it: the nouns and the other words of each type. A bare "rescue" or "hazmat"
# names the activity or the hazard more often than a unit, so those two need an order's context (a unit word after
# them, an order verb before them); "amb"/"ambo" only as whole words ("chamber", "ambush" are none).
UNIT_TYPE_WORDS: list[tuple[str, str]] = [
    # the Finnish, Swedish and German words of the fleet ("Erottajan tikasauto", "stegbilen", "der Rettungswagen")
    ("ladder", _NOUN["ladder"] + r"|turntable|登高|\btikasauto\w*|\bnostolava\w*|\bstegbil\w*|\bDrehleiter\w*"),
    ("hazmat", r"hazmat (?:unit|team|truck|crew)|危化车|危险品车|^\W*hazmat\s*(?:\+|&|,|and|plus)\s*(?=\w)|" + _ORDERED + r"hazmat\b(?! (?:plan|sop|annex|procedure))|hazmat(?= to\b)|\bhazmat\b(?=.{0,20}\b(?:unit|send|dispatch))|decon|危(?:化|险)品(?:处置|处理)?(?:车|队|小组)|危化品处置|防化"),
    ("rescue", r"rescue (?:unit|team|truck|squad|crew)|\bpelastus(?:yksik|auto|ryhm)\w*|\bräddningsenhet\w*|"
     r"(?:\+|&|\band|\bplus)\s*rescue\b(?=\s+(?:to|at)\b)|\b\d\s*rescue\b|heavy rescue|\brescue (?:one|two|three|\d)\b|\brescue\b(?=\s*(?:(?:and|&|\+|,|plus)\s|和|与|及|、))|" + _ORDERED
     + r"rescue\b(?! (?:plan|of)\b)|救援(?:车|队)|抢险车"),
    ("ambulance", r"ambulances?|\bambulans(?:si\w*|en|er\w*)?\b|\bRettungswagen\w*|\bRTW\b|\bKrankenwagen\w*|\bambs?\b|\bambos?\b|paramedics?|\bEMS\b|medics?|救护车|急救车|" + _CN_SERVICE_NUMBER.format("120")),
    # the Finnish and Swedish unit words (s19 dev: "lähetä poliisipartio", "pelastusyksikkö", "polispatrull" named no type);
    # "partio" and its case endings only: "partiolainen" is a scout, "partiolippukunta" a scout troop (review s19-rv)
    ("police_patrol", _NOUN["police_patrol"] + r"|\bcops?\b|\bpoliisi(?:partio|auto)\w*|\bStreifenwagen\w*|\bPolizeistreife\w*|\bpartio(?:auto\w*|t|n|ta|a|ita|ihin|ille|lle|on|ssa|sta|ksi)?\b|\bpolispatrull\w*|\bpolisbil\w*|"
     r"巡逻|巡警|" + _CN_SERVICE_NUMBER.format("110")),
    ("utility_crew", r"utility (?:crew|team|guys|people|workers|truck)|electricians?|(?:power|electricity|electric|grid|gas|water|energy) company(?:'s)? (?:crew|team|people|guys|workers)|电力公司|"
     + _NOUN["utility_crew"] + r"|电力"),
    ("engine", _NOUN["engine"] + r"|\bsammutusauto\w*|\bpaloauto\w*|\bbrandbil\w*|\bLöschfahrzeug\w*|\bFeuerwehrauto\w*"),
]


def unit_mentions(text: str, unit_ids: list[str]) -> list[tuple[int, str]]:
    """(where, unit id) for each mention of one of ``unit_ids`` as an operator types it ("ero e1", "hak-e1" -> ERO-E1),
    in order of appearance."""
    known = {uid.upper(): uid for uid in unit_ids}
    return [(match.start(), known[unit_id_of(match)]) for match in TYPED_UNIT_ID_RE.finditer(text) if unit_id_of(match) in known]


def canonical_unit_ids(text: str, unit_ids: list[str]) -> list[str]:
    """Unit ids named in the text, canonical ("ero e1", "hak-e1" -> ERO-E1), in order of appearance, each once."""
    return list(dict.fromkeys(uid for _, uid in unit_mentions(text, unit_ids)))


def status_words_removed(text: str) -> str:
    for _, pattern in STATUS_WORDS:
        text = re.sub(pattern, " ", text, flags=re.IGNORECASE)
    return re.sub(r"\b(?:now|back|is|are|all|again|mark|set|as)\b", " ", text, flags=re.IGNORECASE)


# The status a change sets, named right after its verb ("put it back to available", "set it available", "改回可用",
# "标成出动状态"): it outranks a status only mentioned ("it is NOT out of service", "you told me it is dispatched").
_STATUS_TARGET = re.compile(r"\b(?:set|mark|put|change|switch|flag|make|update|show)\s+(?:it|them|him|her|that one|this one|the unit|[A-Z]{3}-[A-Z]\d)?\s*"
                            r"(?:back\s+)?(?:to|as|in(?:to)?)?\s*|(?:改回|改为|改成|设为|设成|设置为|标记为|标记成|标成|标为|置为|转为|恢复为|恢复成)\s*", re.IGNORECASE)


def extract_status(text: str) -> str | None:
    for target in reversed(list(_STATUS_TARGET.finditer(text))):
        named = _first_status(text[target.end():target.end() + 30], within=3)
        if named:
            return named
    return _first_status(text)


# A patient transport said to be over ("finished transporting, back in service", "no longer transporting", "已把伤员送到
# 医院，现在空闲"): the crew's end-of-transport message, no transport going on (review s17 rv2b: read as 'transporting',
# the ambulance that reported itself free was kept busy).  The other words of the message then say its status.
_TRANSPORT_OVER = re.compile(
    r"\b(?:finish(?:ed|ing)|done|complet(?:ed?|ing)|end(?:ed|ing)|no longer|stopped|after)\s+(?:with\s+)?(?:the\s+|its\s+|a\s+|our\s+)?"
    r"(?:transport|convey)\w*|\btransport\w*\s+(?:is\s+|was\s+|now\s+)?(?:done|over|finished|complete(?:d)?|ended)\b|"
    r"已(?:经)?(?:把|将)?[^，。；！？,;\n]{0,6}(?:送|转运|运送)(?:到|达)(?:了)?[^，。；！？,;\n]{0,6}医院(?!的?路上)|"
    r"(?:转运|送医|运送)(?:已经?|已)?(?:完成|结束|完毕)", re.IGNORECASE)


def _first_status(text: str, within: int | None = None) -> str | None:
    """The first status of STATUS_WORDS whose words occur (with ``within``: starting in the first characters)."""
    for value, pattern in STATUS_WORDS:
        if value == "transporting" and _TRANSPORT_OVER.search(text):
            continue
        match = re.search(pattern, text, re.IGNORECASE)
        if match and (within is None or match.start() <= within):
            return value
    return None


# A spoken self-correction: what follows replaces what was said before ("mark HAK-P1 dispatched -- wait, no, ... keep
# it available", "设为出动，不对，是待命").
CORRECTION = re.compile(r"\b(?:wait,? no|no,? wait|scratch that|correction|sorry,? (?:I meant|I mean|no)|I mean|actually,? no)\b|不对|说错了|更正(?:一下)?", re.IGNORECASE)


def after_correction(text: str) -> str:
    """The words after the last self-correction, when they still say a status; else the text."""
    marks = list(CORRECTION.finditer(text))
    if marks and extract_status(text[marks[-1].end():]):
        return text[marks[-1].end():]
    return text


def extract_unit_status(text: str, unit_ids: list[str]) -> tuple[str | None, str | None]:
    """(unit id, new status) named in the text, if any."""
    units = canonical_unit_ids(text, unit_ids)
    return (units[0] if units else None), extract_status(text)


def extract_priorities(text: str) -> list[str]:
    """Every priority named, in order, each once ("P1 and P2", "一级、二级"). A top priority that orders a list ("open
    incidents, top priority first") is no level of its own: it is one only beside another level named ("top priority
    first, then the P3 ones": both levels are asked for)."""
    found, ordering = [], []
    for match in _PRIORITY.finditer(to_simplified(text)):
        value = _priority_digit(match)
        if value and f"P{value}" not in found:
            found.append(f"P{value}")
            if match.group("order") or match.group("order_zh"):
                ordering.append(f"P{value}")
    return found if len(found) > len(ordering) else []


def extract_priority(text: str) -> str | None:
    found = extract_priorities(text)
    return found[0] if found else None


EN_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
           "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ZH_DIGIT = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_EN_RADIUS = re.compile(r"\b((?:(?:one|two|three|four|five|six|seven|eight|nine|a)\s+hundred)?(?:\s*(?:and\s+)?(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety))?"
                        r"(?:[\s-]*(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine))?)\s*(?:metres|meters|m)\b", re.IGNORECASE)
_ZH_RADIUS = re.compile(r"([零一二两三四五六七八九十百千]+)\s*(?:米|公尺)")
_KM = re.compile(r"(?<!\d)(\d+(?:[.,]\d+)?)\s?(?:km|kilometres|kilometers|klicks?|公里)\b|\b(half a|a half|one|a|(?:a )?quarter(?: of a)?)[ -](?:kilometre|kilometer|km|klick)\b|(半|一)公里", re.IGNORECASE)


def en_number(words: str) -> int | None:
    total, current = 0, 0
    for word in re.findall(r"[a-z]+", words.lower()):
        if word == "a":
            current = 1
        elif word == "hundred":
            total += max(current, 1) * 100
            current = 0
        elif word in EN_NUM:
            current += EN_NUM[word]
    return (total + current) or None


def _zh_number(text: str) -> int | None:
    total, current = 0, 0
    for ch in text:
        if ch in _ZH_DIGIT:
            current = _ZH_DIGIT[ch]
        elif ch in "十百千":
            total += (current or 1) * {"十": 10, "百": 100, "千": 1000}[ch]
            current = 0
    return (total + current) or None


_DIGIT_WORDS = {"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                "eight": "8", "nine": "9"}
_BARE_RADIUS = re.compile(r"\b(?:radius|widen|extend|expand|enlarge|increase|make (?:it|that))\b[^.\d]{0,25}?\b(\d{2,5})\b(?!\s?(?:%|km|kilomet|people|persons|min|minutes|hours?|units?))"
                          r"|\bevac\w*\s+(\d{2,5})\s+(?:a?round)\b"
                          r"|\bradius(?: of)?\s+((?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)[\s-]+){1,3}(?:zero|oh|one|two|three|four|five|six|seven|eight|nine))\b",
                          re.IGNORECASE)
# the radius as written in words (its words are also the typo reader's, agent.typos: "half a klick" stays as typed)
RADIUS_PATTERNS = (_RADIUS, _EN_RADIUS, _KM, _BARE_RADIUS)


# "say 150 metres, no, make it 200", "100 m - wait no, 300": a radius said again after a self-correction replaces the first
_RADIUS_CORRECTION = re.compile(CORRECTION.pattern + r"|\bmake (?:it|that)\b|(?:改成|改为|改到)", re.IGNORECASE)


def corrected_radius_m(text: str) -> float | None:
    """The radius the text settles on: the one after the last self-correction that states one, else the first.
    The radii are read once and the marks only index into them, so a message of many marks stays linear."""
    found = _radii(text)
    if not found:
        return None
    last_radius = max(start for _, start, _ in found)
    marks = [mark.start() for mark in _RADIUS_CORRECTION.finditer(text) if mark.start() <= last_radius]
    after = marks[-1] if marks else 0
    return min(item for item in found if item[1] >= after)[2]


def extract_radius_m(text: str) -> float | None:
    """A radius as written: "250 m", "250 metres", "half a kilometre", "三百五十米", "three hundred and fifty metres",
    "radius 300", "widen it to 400", "radius two five zero" (dictated digit by digit)."""
    found = _radii(text)
    return min(found)[2] if found else None


def _radii(text: str) -> list[tuple[int, int, float]]:
    """Every radius in the text as (rank of its form, position, metres): an explicit unit ranks before a bare number."""
    found = [(0, match.start(), float(match.group(1))) for match in _RADIUS.finditer(text)]
    for match in _KM.finditer(text):
        if match.group(1):
            value = float(match.group(1).replace(",", ".")) * 1000
        elif "quarter" in (match.group(2) or "").lower():
            value = 250.0
        else:
            value = 500.0 if "half" in (match.group(2) or "").lower() or match.group(3) == "半" else 1000.0
        found.append((1, match.start(), value))
    for match in _ZH_RADIUS.finditer(text):
        value = _zh_number(match.group(1))
        if value and value >= 10:
            found.append((2, match.start(), float(value)))
    for match in _EN_RADIUS.finditer(text):
        if match.group(1).strip():
            value = en_number(match.group(1))
            if value and value >= 10:
                found.append((3, match.start(), float(value)))
    for match in _BARE_RADIUS.finditer(text):
        digits = match.group(1) or match.group(2) or "".join(_DIGIT_WORDS[w] for w in re.findall(r"[a-z]+", match.group(3).lower()))
        if int(digits) >= 10:
            found.append((4, match.start(), float(digits)))
    return found


def extract_unit_types(text: str) -> list[str]:
    found = []
    for unit_type, pattern in UNIT_TYPE_WORDS:
        if re.search(pattern, text, re.IGNORECASE) and unit_type not in found:
            found.append(unit_type)
    return found


# Chinese emergency-plan vocabulary -> English keywords, appended to a Chinese plan question: the plans are
# written in English/Finnish, and a cross-lingual embedding match alone is weak on short technical terms.
ZH_PLAN_TERMS: list[tuple[str, str]] = [
    ("危化品|化学品|危险品", "hazmat"), ("泄漏", "leak release"), ("警戒区|警戒线|隔离区|封锁", "cordon isolation distance"),
    ("疏散|撤离", "evacuation"), ("避难所|安置点|避难场所", "shelter"), ("预警|警报", "public warning alert"),
    ("启动|激活", "activation"), ("响应级别|级响应|响应", "response level"), ("内涝", "urban flooding"), ("暴雨", "heavy rain"), ("洪水|积水|防洪|进水", "flood"), ("大使馆|领事馆|使馆|领事", "embassy consulate notification"), ("外国|外籍|国籍|护照", "foreign national"), ("游客|旅客", "tourists"), ("受伤|伤者", "injured"), ("沙袋", "sandbags"),
    ("停电|断电", "power outage"), ("倒塌|坍塌", "structural collapse"), ("搜救", "search and rescue"),
    ("伤亡|大规模伤亡|多伤员", "mass casualty"), ("检伤|分拣", "triage"), ("医院", "hospital"), ("公众|市民", "public"), ("通知|通报", "notification"),
    ("登记", "registration"), ("负责|由谁|谁来", "responsibility authority"), ("多长时间|多久|几小时|几个小时", "time deadline"),
    ("火灾|着火|起火", "fire"), ("地震", "earthquake"), ("暴风|大风|台风|恶劣天气", "severe weather wind"),
    ("失踪|走失|走丢", "missing person search"), ("志愿者", "volunteers"), ("警察|警方", "police"), ("炸弹|爆炸", "bomb threat"),
    ("人群|踩踏", "crowd crush"), ("食物中毒|传染|疫情", "public health outbreak"), ("宠物", "pets"), ("无障碍|轮椅", "accessibility wheelchair"),
    ("集结|待命区", "staging area"), ("上风", "upwind"), ("指挥", "command"), ("媒体|新闻", "media communication"),
    ("清单|检查表", "checklist"), ("连环相撞|连环追尾|多车相撞|多车追尾", "multi-vehicle pile-up collision"),
    ("高空坠落|坠落|坠楼|摔下来", "fall from height"), ("程序|流程|规程", "procedure"), ("重新开放|复用", "reopening"),
]
_ZH_FILLER = re.compile(r"^(?:再|请|帮我|麻烦)?(?:查一下|查查|查一查|看一下|看看)|预案(?:里|中)?(?:是)?怎么(?:说|规定)的?|按(?:照)?预案|是啥|是什么|呢|吗|啊|[?？。！!]")


def plan_query(text: str) -> str:
    """The search query for a plan question: a Chinese one gets English keywords of its key terms."""
    if not re.search(r"[\u4e00-\u9fff]", text):
        return text
    core = _ZH_FILLER.sub(" ", text).strip()
    terms: list[str] = []
    for pattern, english in ZH_PLAN_TERMS:
        if re.search(pattern, text) and english not in terms:
            terms.append(english)
    return f"{core} ({' '.join(terms)})" if terms else core
