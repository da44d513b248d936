"""The words a report says its facts with, shared by the determinants and the casualty census.

One place for what both readers of a report need alike, so that they cannot disagree on it:

* number words (English, Chinese, common Finnish and Swedish) and :func:`parse_number`;
* negation: a denial in the same clause just before a fact ("nobody was hurt", "没有人受伤"),
  ended by a contrast word ("nobody hurt *but* petrol is leaking"): :func:`negated_before`;
* the conditions that make a patient serious (one ambulance each): :data:`SERIOUS`.

tools/determinants.py reads the facts of the whole report with these, tools/casualties.py
counts patients clause by clause with them.
"""

from __future__ import annotations

import re

from core.contrast_words import contrast_pattern
from core.hazard_words import NOT_BREATHING_NORDIC
from tools.pattern_gate import gated

# The tens in words. Counts of people present run into them ("eighty guests", "ninety-five pupils": the protective
# planner reads such counts whole); the casualty census counts patients, and its regexes (EN_NUM_RE) stop at sixty.
EN_TENS: dict[str, int] = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
# Number words. "several"/"a few" read as three and "many" as five: demonstration figures for counting patients.
EN_NUMBERS: dict[str, int] = {
    "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "hundred": 100, "a hundred": 100,
    "hundreds of": 100, "lots of": 5, "loads of": 5, "a lot of": 5, "both": 2, "couple": 2, "couple of": 2,
    "a couple of": 2, "few": 3, "a few": 3, "several": 3, "many": 5, "dozen": 12, "a dozen": 12, "half a dozen": 6, "dozens of": 20, "a handful of": 3, "handful of": 3,
    # Finnish and Swedish ("en" is left out: it is also a common word)
    "yksi": 1, "kaksi": 2, "kolme": 3, "neljä": 4, "viisi": 5, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5,
} | {w: n for w, n in EN_TENS.items() if n <= 60}
ZH_DIGITS: dict[str, int] = {"一": 1, "两": 2, "二": 2, "俩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
                             "十": 10, "几": 3, "好几": 3, "多": 3}

# A number as a regex alternation (longest first, so "a couple of" wins over "a"); "a"/"an" are left to the callers,
# which say where an article counts one.
EN_NUM_RE = "(?:\\d{1,3}|" + "|".join(sorted((w for w in EN_NUMBERS if w not in ("a", "an")), key=len, reverse=True)) + ")"
ZH_NUM_RE = r"(?:\d{1,3}|好几|[一两二俩三四五六七八九十几]{1,3})"
# Chinese for skin grazed by a knock or a rub (a trivial injury at a scene that already gets an ambulance), and for
# throwing up (not 吐了口气 'let out a breath', 吐了口痰 'spat'): one list for the determinants and the casualty census.
ZH_GRAZE = r"磕破|擦破|蹭破|破皮"
ZH_VOMIT = r"想吐|上吐下泻|(?:在|一直|还在|都在|开始)吐|吐了(?!口)"


def parse_number(raw: str | None) -> int | None:
    """A number said in digits or words (EN/ZH/FI/SV): "3", "three", "a dozen", "十二", "五六" (the lower figure)."""
    if not raw:
        return None
    raw = raw.strip().lower()
    if raw.isdigit():
        return int(raw)
    if raw in EN_NUMBERS:
        return EN_NUMBERS[raw]
    if raw in EN_TENS:
        return EN_TENS[raw]
    if raw in ZH_DIGITS:
        return ZH_DIGITS[raw]
    if not all(c in ZH_DIGITS for c in raw):
        return None
    if raw.startswith("十"):
        return 10 + ZH_DIGITS.get(raw[1:2], 0)
    if len(raw) == 3 and raw[2] == "十" and raw[0] != "十":
        return ZH_DIGITS[raw[0]] * 10   # "二三十个": the lower figure, twenty
    if len(raw) >= 2 and raw[1] == "十":
        return ZH_DIGITS.get(raw[0], 1) * 10 + (ZH_DIGITS.get(raw[2:3], 0) if len(raw) > 2 else 0)
    return ZH_DIGITS[raw[0]]   # "五六个人", "三四个": the lower figure


def informal(pattern: str) -> str:
    """A pattern that also reads the dropped g of spoken English: "bleedin'", "breathin", "not movin"."""
    return re.sub(r"(?<=[a-z]{3})ing\b(?![?(\[])", "in[g']?", pattern)


# A denial that stands before a fact in the same clause. English: within 30 characters; Chinese: within 6, and 不
# right before it ("不流血").
_NEG_BEFORE = re.compile(
    r"(\b(no|not|nobody|no one|noone|none|never|without|neither|nor|isn'?t|wasn'?t|aren'?t|weren'?t|doesn'?t|didn'?t|hasn'?t|"
    r"haven'?t|don'?t|do not|ei|eikä|kukaan|ingen|inga|inte)\b[^.;,!?]{0,30}$)|(没有|没|无|未|不是|并无|并没有)[^。；，！？,.;]{0,6}$|不(?:再|太|怎么)?$",
    re.IGNORECASE)
# "injured: none", "loukkaantuneita ei" (within the fact's own clause: in "stuck with my colleague inside, he is ok, no
# injury" the "no" denies an injury, not the lift)
NEG_AFTER = re.compile(r"^[^.;!?。；！？,，]{0,12}\b(no|none)\b|^\s*(?:ei|inga)\b", re.IGNORECASE)
CONTRAST = re.compile(contrast_pattern(extra_words=("except", "mutta", "men")), re.IGNORECASE)


# A belief the caller then corrects ("I first thought he was trapped - correction, he is clear", "我以为他没呼吸了"):
# what follows it is not a fact, even a fact that is itself said with a negation ("not breathing").
_BELIEF = re.compile(r"\b(i|we|they|he|she) (first |originally |initially |at first )?thought\b[^.;!?]{0,40}$"
                     r"|(以为|还以为|本来以为|一开始以为)[^。；！？]{0,10}$", re.IGNORECASE)


def believed_before(before: str) -> bool:
    """Whether the fact is only what someone thought ("I thought she wasn't breathing"), later corrected."""
    return bool(_BELIEF.search(before))


# A near miss ("nearly got hit", "差点砸到人"): the blow, the fall, the run-over did not happen. Read only before the
# words of an impact, so that "almost unconscious" stays a (grave) fact.
_NEAR_MISS = re.compile(r"\b(nearly|almost|narrowly|just missed)\b(\s+(got|been|being|was|were|getting))?\s*$|(差点|差一点|险些|几乎)(就|没)?[^，。！？；\s]{0,4}$",
                        re.IGNORECASE)
_IMPACT = re.compile(r"(hit|struck|run over|ran over|knocked|crushed|(?:被[^，。！？\s]{0,3}?)?(?:砸|撞|压|击中))", re.IGNORECASE)


def near_miss(text: str, start: int) -> bool:
    """Whether the impact that starts at ``start`` is said as a near miss ("nearly got hit", "差点砸到人")."""
    return bool(_IMPACT.match(text, start)) and bool(_NEAR_MISS.search(text[max(0, start - 25): start]))


# A machine that stopped ("电梯停在两层中间不动了", "the tram isn't moving"): not a person lying still.
_MACHINE_STILL = re.compile(r"(电梯|扶梯|缆车|车|门|\b(?:lift|elevator|escalator|tram|train|bus|car|traffic)\b)[^，。,.;!?！？]{0,12}"
                            r"(不动了|一动不动|(?:is )?not moving|isn'?t moving|won'?t move)$", re.IGNORECASE)


def machine_still(text: str, start: int, end: int) -> bool:
    """Whether the stillness said at text[start:end] ("不动了", "not moving") is said of a machine named just before it."""
    return bool(_MACHINE_STILL.search(text[max(0, start - 16): end]))


# A count corrected, not a fact denied: "it's not one person stuck in the lift, it's four", "not two injured but three".
_NOT_COUNT = re.compile(r"\bnot (just |only )?(" + EN_NUM_RE + r"|a|a single)\b[^.;,!?]{0,30}$", re.IGNORECASE)
_COUNT_AFTER = re.compile(r"^[^.;!?]{0,25}?(,|;|—|-|\bbut\b)\s*(it'?s |it is |there are |there'?re |they'?re |rather |actually |but )*(" + EN_NUM_RE + r")\b",
                          re.IGNORECASE)


def count_corrected(text: str, start: int, end: int) -> bool:
    """Whether the denial before a fact only corrects its count ("not one person stuck, it's four"): the fact stands."""
    return bool(_NOT_COUNT.search(text[max(0, start - 45): start])) and bool(_COUNT_AFTER.match(text[end: end + 45]))


def negated_before(before: str) -> bool:
    """Whether the words just before a fact deny it ("nobody was", "没有人") or call it a mistaken belief; a contrast
    word ends the denial."""
    return bool(_NEG_BEFORE.search(CONTRAST.split(before)[-1])) or believed_before(before)


def asked_not_said(text: str, start: int) -> bool:
    """A Chinese fact said as a yes-no question ("看不出他有没有呼吸", "有没有意识"): 没 right after 有 asks, it does
    not deny or tell."""
    return text.startswith("没", start) and start > 0 and text[start - 1] == "有"


# How much of a medicine is an overdose: a number, or "a whole bottle", "all of", "too many".
_OVERDOSE_AMOUNT = (r"(two|three|four|five|six|seven|eight|nine|ten|twenty|a dozen|dozens|all( of)?|a (whole )?(bottle|box|pack|packet|handful|load|strip) of|"
                    r"(lots|loads) of|too many|a lot of|several|many|a handful of)")


# A person who fell from a height or with a structure (MPDS "falls": the height is the mechanism of injury): "two
# workers fell with it", "he fell off the ladder", "从脚手架上摔下来". Said of a person, so a tile that fell off the roof
# is not one.
FALL_FROM_HEIGHT = (r"\b(?:he|she|they|someone|somebody|workers?|man|woman|men|women|boy|girl|child|kid|painter|roofer|climber|person|people|"
                    r"pupils?|students?|builders?|painters?|roofers?|climbers?|cleaners?|labou?rers?|electricians?|plumbers?|riders?|skaters?|"
                    r"teenagers?|players?|passengers?|drivers?|cyclists?|tourists?|pensioners?|grandma|grandpa|mum|mom|dad|father|mother|son|daughter)\b[^.,;!?]{0,20}?\b(?:fell|has fallen|had fallen|tumbled|dropped) (?:down )?(?:with it|(?:from|off) "
                    r"(?:a |the |his |her |their |some )?(?:\w+ )?(?:scaffold\w*|roof|ladder|balcony|window|height|crane|tree|platform|wall|"
                    r"loft|mezzanine|climbing wall|\w+ floor)|(?:\d+|two|three|four|five|six|several) (?:metres|meters|m|floors|storeys|stories))\b"
                    r"|从[^。，！？]{0,8}(?:上)?(?:摔|掉|跌|坠)(?:了)?下来|坠楼|高处坠落|高空坠落")


# What makes a patient serious: one ambulance each (tools/casualties.py counts them clause by clause; the
# determinants' ``serious_injury`` is any of them said anywhere in the report).
SERIOUS = gated(informal(
    r"\b(unconscious|unresponsive|not responding|not breathing|isn'?t breathing|stopped breathing|no pulse|cardiac arrest|cpr|"
    r"pinned|crushed|buried|trapped under|under the (rubble|debris|poles|scaffold\w*|wall|car|tram|bus|wreck|bricks)|"
    r"lying still|not moving|(?:aren'?t|isn'?t|weren'?t|wasn'?t) moving|not move\b|eyes closed|motionless|lifeless|(?<!it's )(?<!it is )lying (in|on) the|on the ground(?! floor)|is down\b|"
    r"chest pain|holding (his|her) chest|chest (has been |is |feels |felt )?(so |really |very |all )?(tight|heavy|crushing)|tight(ness)? in (his|her|my|the) chest|pressure (in|on) (his|her|my|the) chest|grey and sweaty|"
    r"(arm|leg|hand|side) (feels |is |went |has gone |feel )?(so |really |very )?(heavy|numb|weak|dead)|(speech|words) (is |are )?(a bit |all |really |very )?(off|slurred|strange|garbled|jumbled)|can'?t see out of (one|his|her|my) eye|(side of (his|her) )?face (has )?(dropped|fallen)|clutching (his|her) chest|heart attack|can'?t breathe|cannot breathe|struggling to breathe|struggling (to get a |for )breath|barely breathing|hardly breathing|can hardly breathe|"
    r"breathing (difficulty|problems|trouble)|difficulty breathing|short of breath|"
    r"heavy bleeding|bleeding heavily|bleeding a lot|a lot of blood|lots of blood|pool of blood|bleeding badly|"
    r"head (wound|injury|injuries)|hit (his|her) head|bleeding from (the back of )?(his|her|the) head|"
    r"stab(bed| wounds?)|gunshot( wounds?)?|shot\b|severe(ly)? burn\w*|badly (burned|burnt|hurt|injured)|seriously (hurt|injured|ill)|"
    r"critical\w*|life[- ]threatening|gone (grey|gray|blue)|no signs? of life|no heart ?beat|compressions|defib\w*|out cold|blacked out|won'?t come round|drowsy|hard to wake|very pale|grey in the face|(hard|difficult) to breathe|(lips|tongue|throat|face) (is |are )?swell\w*|swell\w* (up )?(in|of|round|around) (the |her |his |their )?(face|lips|tongue|throat)|throat (is |feels )?(tight|closing( up)?)|anaphyla\w*|not making sense|making no sense|won'?t answer (me|us)|not answering (me|us)|slumped( over)?( (in|at|on|against) (the |his |her )?(seat|wheel|steering wheel|belt|airbag|door))?|(many|much|so much) blood|serious (injur\w*|wounds?|condition)|seriously|badly (broken|hurt|injured|burn\w*|beaten|cut|wounded)|severe(ly)? (injur\w*|bleeding|pain|wounds?)|open fracture|very weak|seizure|convuls\w*|(is|he'?s|she'?s|was|been|started|keeps|still) fitting\b|having a fit\b|heat ?stroke|hypotherm\w*|"
    r"isn'?t responding|is not responding|(?:doesn'?t|does not|didn'?t|did not|won'?t) react|no reaction|no response from (him|her|them)|(can'?t|cannot|couldn'?t) get (a |any )?response|"
    r"(face|mouth) (is )?droop\w*|drooping|slurred|slurring|can'?t get (his|her) words out|stroke|"
    r"hoarse|voice (is |has gone |gone )?(hoarse|croaky)|soot (in|around) (his|her|their|the) (mouth|nose)|singed (nose|nasal) hairs?|"
    r"overdos\w*|OD'd|OD'?ing|can'?t get (him|her|them) out|hanging upside down|nodding off|keeps? falling asleep|(very|really|rly|so) sleepy|(took|swallowed|taken) (like |about |maybe |around )?(\d+|" + _OVERDOSE_AMOUNT + r")\b[^.]{0,30}\b(pills|tablets)|"
    r"giving birth|in (active )?labou?r|waters? (has |have )?(broken|broke)|crowning|"
    r"tajuton|medvetslös)\b"
    # not breathing in Finnish and Swedish in every negated form ("eikä hengitä", "ei enää hengitä", "slutat andas")
    r"|" + NOT_BREATHING_NORDIC +
    r"|昏迷|叫不(太|大)?醒|躺着不动|没有意识|没反应|没有反应|不省人事|没有呼吸|没呼吸|呼吸停止|心跳停止|心脏骤停|喘不上气|喘不过气|呼吸困难|胸口疼|胸痛|胸口?(发)?闷|胸口(很|有点)?紧|(手|脚|手脚|胳膊|腿|半边)[^，。]{0,3}(没力气|没劲|发麻|麻了|无力)|嘴(有点)?歪|嘴唇肿|(喉咙|嗓子)[^，。]{0,3}(紧|肿)|不能呼吸|噎住|"
    r"流很多血|大出血|血流不止|满头是血|头破|被埋|压在|被压|卡住|夹住|被困在车|倒在地上|躺在地上|一动不动|不动了|晕倒|昏倒|嘴唇发紫|中暑|抽搐|重伤|伤势严重|生命危险|被刺|被砍|被捅|砍伤|刺伤|捅伤|意识不清|神志不清|意识模糊|(?:叫|喊|拍)(?:他|她)*(?:都|也)?(?:没有|没|不)(?:回答|回应|答应|应声)|没气了|没有生命体征|不喘气|没心跳|昏过去|晕过去|人事不省|流了很多血|流了好多血|反应(很|特别|非常)?慢|迷糊|脸色(很|非常|特别)?(差|苍白|发白|发灰)|卡在(车|驾驶)|被卡在|被[^，。！？\s]{1,4}?(压住|压着|卡住|夹住)了?(腿|脚|手|胳膊|手臂|身子|身体|下半身|头)|(人|他|她|孩子|工人|司机|行人)被[^，。！？\s]{1,4}?(压住|压着|卡住|夹住)|(在|压在|卡在|困在)[^。，！？]{0,4}车(的)?(底下|下面)|(头上|头部|脑袋|额头)[^。，]{0,3}(在)?(流血|出血|是血)|声音(嘶哑|沙哑)|嗓子哑了|"
    r"伤得?(很|非常|比较|特别|挺)严重|伤得(很|非常|特别|挺)重|口齿不清|说话含糊|含含糊糊|嘴歪|中风|半边(身子|脸)|吃了[^。，]{0,6}(安眠药|药片|一瓶药|一整瓶)|吞了[^。，]{0,4}药|要生了|快生了|羊水破了"),
    re.IGNORECASE)


__all__ = ["CANNOT_SELF_EVACUATE_EN", "CANNOT_SELF_EVACUATE_ZH", "FALL_FROM_HEIGHT", "asked_not_said", "machine_still", "count_corrected", "near_miss", "CONTRAST", "EN_NUMBERS", "EN_NUM_RE", "EN_TENS", "NEG_AFTER", "SERIOUS", "ZH_DIGITS", "ZH_NUM_RE", "believed_before", "informal", "negated_before", "parse_number"]


# People who cannot walk out of a building on their own, by what they are (bedridden, in wheelchairs, "行动不便") or
# where they are (a care home, a hospital ward, "养老院"): carried out in a fire (the rescue unit), and waiting indoors,
# not on an open square (tools.determinants, tools.protective).
CANNOT_SELF_EVACUATE_EN = (
    r"\b(bed-?ridden|bed-?bound|confined to (their |his |her )?beds?|(in|uses?|using|needs?) (a |their |his |her )?wheel ?chairs?|wheel ?chair[- ]?(users?|bound)"
    r"|non-?ambulatory|immobile|(can'?t|cannot|can not|unable to) (walk|get out of bed|move (on their own|by themselves|unaided)|self-?evacuate|leave (on their own|unaided))"
    r"|on stretchers|care home|nursing home|old people'?s home|retirement home|elderly home|home for the elderly|assisted living|hospice"
    r"|hospital ward|(on|in) the (\w+ )?ward|intensive care|icu|vuodepotila\w*|pyörätuoli\w*|hoivako\w*|vanhainko\w*|rullstol\w*|sängliggande|äldreboende\w*)\b")
# 瘫痪 and 走不动 are said of traffic, systems and cars too ("火灾导致交通瘫痪", "路上车都走不动了"): 瘫痪 counts in the words
# that say it of a person (瘫痪在床, 瘫痪的老人, 偏瘫), 走不动 not right after a car or a jam.
CANNOT_SELF_EVACUATE_ZH = (r"卧床|瘫痪(?:在床|多年|了?[好几多]?年|的(?:老人|病人|患者|家人|亲人|老太太|老大爷|老伴|人))|[偏截全]瘫|坐轮椅|轮椅"
                           r"|行动不便|不能走路|走不了路|(?<![车堵])(?<!车都)(?<!车子)(?<!车辆)走不动|下不了床|不能自己(走|撤离|离开)"
                           r"|养老院|敬老院|老人院|护理院|病房|重症监护|住院部")
