"""Casualty census: how many patients a report describes, and how many of them are serious.

The response table sends one ambulance per serious patient and one per two minor ones, so
"three people hurt" is not enough: "hit three people, one old man unconscious, two others
with cuts" is 1 serious + 2 minor (two ambulances), "a woman and two kids at the window,
they can't get out" is 3 exposed (two), "12 vomiting, two of them very weak" is 2 serious
and 10 ill ones that are assessed on scene.

How: the report is cut into clauses (at , ; . and their Chinese forms). A clause that names
people ("two workers", "an older lady", "my two kids and I", "其中两人", "三四个人") and a
condition (serious: unconscious, not breathing, pinned, buried, heavy bleeding, chest pain,
breathing trouble...; minor: cuts, fractures of an arm, vomiting, burning eyes...) is one
group of patients; a condition with only a pronoun ("he's bleeding", "they can't get out")
belongs to the last people named. "N of them" / "其中" is a part of the group before, not
more people. When one group says the whole ("five people injured") and the others detail
it, the whole is the total. Negated conditions ("nobody hurt", "司机没事") do not count.
Rules are English and Chinese, with common Finnish and Swedish words; a demonstration
heuristic, like the response table it feeds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.text import HAN_GAP_RE
from tools.pattern_gate import GatedPattern, gated
from tools.report_words import (EN_NUM_RE, FALL_FROM_HEIGHT, SERIOUS, ZH_GRAZE, ZH_NUM_RE, ZH_VOMIT, asked_not_said, informal, machine_still, near_miss,
                                negated_before, parse_number)

# People words: singular ones count one, plural ones (without a number) count two.
_PERSON_SG = ("technician|engineer|mechanic|operator|electrician|builder|labou?rer|visitor|spectator|volunteer|contractor|painter|plumber|welder|"
              "caretaker|janitor|porter|man|woman|lady|gentleman|guy|boy|girl|kid|child|baby|infant|toddler|teenager|driver|passenger|pedestrian|cyclist|"
              "rider|worker|student|pupil|resident|tenant|customer|guest|tourist|victim|cashier|clerk|lifeguard|guard|officer|"
              "patient|person|someone|somebody|colleague|father|mother|dad|mum|mom|son|daughter|husband|wife|friend|neighbou?r|"
              "lad|flatmate|roommate|housemate|player|runner|swimmer|skater|employee|teacher|nurse|waiter|waitress|chef|cook|cleaner|owner|shopkeeper|"
              "grandfather|grandmother|grandma|grandpa|pensioner|bystander|occupant|individual|fan|mies|nainen|lapsi|kuljettaja|"
              "mannen|kvinnan|barnet|föraren|other(?! (?:car|vehicle|van|truck|lorry|bus|tram|taxi|bike|scooter)s?\\b)|i")
_PERSON_PL = ("technicians|engineers|mechanics|operators|electricians|builders|labou?rers|visitors|spectators|volunteers|contractors|painters|"
              "plumbers|welders|caretakers|travell?ers|campers|sons|daughters|brothers|sisters|husbands|wives|grandparents|teenagers|toddlers|infants|lifeguards|officers|clerks|cashiers|"
              "teachers|nurses|waiters|cleaners|owners|pensioners|individuals|youths|adults|elderly|"
              "people|persons|men|women|ladies|guys|boys|girls|kids|children|babies|drivers|passengers|pedestrians|cyclists|riders|"
              "workers|students|pupils|residents|tenants|customers|guests|tourists|victims|staff|patients|colleagues|friends|"
              "neighbou?rs|players|runners|swimmers|employees|fans|bystanders|occupants|others|ihmistä|ihmiset|personer|barn|"
              "ppl|lads|flatmates|roommates|housemates|buyers|sellers|viewers|parents|cooks|chefs|guards|clerks|climbers|skaters|rescuers|hikers|shoppers|diners|commuters|we|they")
_ADJ = r"(?:(?:more|other|older|old|elderly|young|little|small|teenage|pregnant|male|female|injured|two|three|\d{1,2}[- ]year[- ]old|of (?:the )?\w+)\s+)"
_WHO_EN = re.compile(
    r"\b(?:(?P<sub>" + EN_NUM_RE + r")\s+of\s+(?:them|those|these|us|the \w+))"
    r"|\b(?=\w)(?:at least |about |around |maybe |some |another |the other |other |a further |over )?"
    r"(?P<num>" + EN_NUM_RE + r"(?:\s+(?:or|to)\s+" + EN_NUM_RE + r")?|an|a|one|the|his|her|my|our|their|this|that)?\b\s*" + _ADJ + r"{0,3}(?:[a-z]+\s+)??"
    r"(?:(?P<sg>" + _PERSON_SG + r")|(?P<pl>" + _PERSON_PL + r"))(?:'s)?\b"
    r"|\bfamily of (?P<family>" + EN_NUM_RE + r")\b"
    r"|\b(?P<bare>" + EN_NUM_RE + r")(?=\s+(?:have|has|are|were|was|with|on the|seem|look|got|is|of whom|injured|hurt|more|unconscious|"
    r"seriously|badly|critically|slightly|dead|not breathing|trapped|bleeding|lying|slumped|collapsed|unresponsive|not moving|still)\b)",
    re.IGNORECASE)
_PRONOUN_EN = re.compile(r"\b(he|she|him|her|they|them|his|hers|their|he's|she's|they're)\b", re.IGNORECASE)

_ZH_PERSON = r"(?:(?<=[我你他她])(?:爸|妈|哥|姐|弟|妹)(?![妈爸哥姐弟妹])|老公|老婆|丈夫|妻子|儿子|女儿|爸爸|妈妈|父亲|母亲|爷爷|奶奶|外公|外婆|哥哥|姐姐|弟弟|妹妹|朋友|同事|室友|舍友|邻居|驾驶员|驾驶人|住户|老夫妻|夫妻|夫妇|老先生|老太太|老奶奶|老爷爷|老大爷|老人|老头|小孩|孩子|儿童|婴儿|宝宝|女士|女孩|男孩|男子|男人|女人|小伙子|司机|乘客|游客|行人|工人|学生|员工|顾客|客人|路人|居民|病人|同学|阿姨|叔叔|大爷|大妈|大叔|大姐|师傅|保安|店员|服务员|护士|医生|老师|小朋友|孕妇|产妇|青年|少年|外国人|男生|女生|先生|小姐|人(?!行道|行横道))"
_WHO_ZH = re.compile(r"(?P<sub>其中)?(?P<num>" + ZH_NUM_RE + r")?\s*(?:个|名|位|多个|多名)?\s*(?:[^\s，。；！？,.;!?\d一两二俩三四五六七八九十几多]{0,3}?)" + _ZH_PERSON
                     + r"|一家(?P<family>" + ZH_NUM_RE + r")口|(?P<many>好多人|很多人|不少人|一些人|大家)|(?P<pron>他|她|他们|她们)")

_MINOR = gated(informal(
    FALL_FROM_HEIGHT + r"|\b(injured|injury|injuries|hurt|wounded|bleeding|bloody|(?<!power )cuts?|(neck|back|head|leg|arm|knee|ankle|wrist|shoulder|hip)('?s)? (hurts|is sore|aches)|(neck|back|hip|leg|arm|knee|ankle|wrist|shoulder|stomach|belly|abdominal|pelvic) pain|complain\w* of (\w+ )?pain|sore (neck|back)|gash\w*|grazes?|road rash|scrapes?|bruis\w*|broken (wrists?|arms?|fingers?|nose|ankles?|legs?|hands?)|"
    r"(wrist|arm|ankle|leg|hand|finger) (is |looks )?(broken|fractured)|fractur\w*|sprain\w*|limping|can'?t walk|burns?|burnt|burned|"
    r"nosebleed|bloody nose|concussion|shaken|in pain|(hit|struck|knocked down|ran over|run over)(?= (?:" + EN_NUM_RE + r" |a |an |the |one of the |two of the )?(?:\w+ )?(?:people|persons|pedestrians|passers-by|children|kids|workers|cyclists|man|woman|child|kid|boy|girl|pedestrian|cyclist|person)\b)|knocked down|hit by|holding (his|her|their) (heads?|necks?|arms?|legs?|backs?|sides?)|(?<=\w )hit$|"
    r"vomiting|throwing up|nause\w+|diarrho?ea|stomach cramps|stomach (ache|pain)|tummy ache|cramps|fever|coughing|dizzy|headaches?|feel(ing|in)? (sick|ill|faint|unwell)|"
    r"sick|ill|burning (eyes|throats?)|(eyes|throats?) (are )?(burning|stinging|watering)|itching|itchy|(?<!road )rash|irritat\w+|"
    r"(got|splashed|spilled|spilt|sprayed) (some |it |acid |chemicals? |\w+ )?(on|in|into) (his|her|their|my|the) (hands?|arms?|forearms?|face|skin|eyes?|legs?|neck)|"
    r"smoke inhalation|(breathed|inhaled|swallowed) (in )?(a lot of |lots of |some |too much )?smoke|heat exhaustion|exhausted|shivering|soaked|fainted|passed out|collapsed|"
    r"loukkaantu\w*|skadad\w*)\b"
    r"|受伤|受了伤|(?<!受)伤了(?!心)|烫伤|烫到|中毒|伤者|伤员|流血|出血|骨折|烧伤|擦伤|划伤|割伤|砸伤|撞伤|摔伤|摔倒|走不了路|瘸|站不起来|呕吐|拉肚子|腹泻|发烧|发热|咳嗽|流眼泪|头晕|头痛|恶心|"
    r"不舒服|难受|喉咙痛|轻伤|断了|" + ZH_VOMIT + "|" + ZH_GRAZE + r"|划破|被(?:砸|撞|打|压)(?:到|中|倒|伤)|摔到|滑倒|起不来|头疼|(脖子|头|腿|胳膊|手|脚|背|腰|肩膀|膝盖|肚子)[^，。]{0,3}(疼|痛)|眼睛(刺痛|疼|痛)|(眼睛|脸|手|皮肤|身上)[^，。]{0,3}溅(到|进|了)|溅(到|进)了?[^，。]{0,4}(眼睛|脸|手|皮肤|身上)|肚子疼|胃疼|起疹子|疹子|淤青",
    ),
    re.IGNORECASE)
# Trivial injuries (bruises, scrapes, a nosebleed): add no ambulance to a scene that already gets one.
_TRIVIAL = re.compile(r"^(bruis\w*|scrapes?|road rash|grazes?|grazed|scratch\w*|nosebleed|bloody nose|shaken|淤青|擦伤|" + ZH_GRAZE + ")$", re.IGNORECASE)
# People cut off by a fire or smoke: checked for smoke exposure, two to an ambulance, in a fire only.
_EXPOSED = gated(r"\b(can'?t get out|cannot get out|trapped(?! (outside|outdoors))|stuck(?! (outside|outdoors))|still inside|(is|are) inside|went back in|at the windows?|"
                      r"waving from|on the balcony|in the smoke)\b|出不来|出不去|被困(?!在(?:外面|门外|室外|外边|街上))|困在(?!外面|门外|室外|外边|街上)|还在里面|窗户有人|挥手求救", re.IGNORECASE)
# Illness (a cluster of sick people is assessed on scene, not carried one ambulance per two).
_ILL = re.compile(r"\b(vomiting|throwing up|nause\w+|diarrho?ea|stomach cramps|stomach (ache|pain)|tummy ache|cramps|fever|(?<!road )rash|coughing|sick|ill|feel(ing|in)? (sick|ill|unwell))\b"
                  r"|呕吐|拉肚子|腹泻|发烧|发热|咳嗽|不舒服|肚子疼|胃疼|起疹子|疹子|" + ZH_VOMIT, re.IGNORECASE)
# A condition said of everyone in general ("N people injured"): the whole, which later groups may detail.
# (Struck or fallen people say who was hurt, not how badly: a whole too.)
_GENERIC = re.compile(r"^(injured|injury|injuries|hurt|wounded|受伤|受了伤|伤者|伤员|(hit|struck|knocked down|ran over|run over)\b.*|"
                      r".*\b(fell|fallen|tumbled|dropped)\b.*|.*(摔|掉|跌|坠)(了)?下来.*|坠楼|高处坠落|高空坠落)$", re.IGNORECASE)
_FINE = gated(r"\b(is fine|are fine|are ok|is ok|is okay|are okay|unhurt|uninjured|not hurt|walking around(?! (?:with|bleeding|holding|limping|in pain)\b)|conscious and talking)\b|没事|没有受伤|没受伤|(?:都|也)还好", re.IGNORECASE)
_CLAUSE = re.compile(r"[^,;.!?，。；！？、\n]+")


@dataclass
class Group:
    count: int
    kind: str          # serious, minor, ill, exposed
    generic: bool      # only a general word ("injured", "受伤"): may be the whole that other groups detail
    subset: bool       # "two of them", "其中": a part of the group before
    evidence: str
    span: tuple[int, int]
    other: bool = False   # "the other one", "另一个": someone besides the people before, never a detail of them


@dataclass
class Census:
    serious: int = 0
    minor: int = 0
    ill: int = 0
    exposed: int = 0
    groups: list[Group] = field(default_factory=list)


_RANK = {"exposed": 0, "trivial": 1, "ill": 1, "minor": 2, "serious": 3}


def _num(raw: str | None, plural: bool) -> int:
    """A number said ("two", "十二", "五六", "five or six": the lower), or a bare people word: one, or two when plural."""
    n = parse_number(_OR_TO.split(raw)[0] if raw else raw)
    return n if n else (2 if plural else 1)


_KINDS: tuple[tuple[str, GatedPattern], ...] = (("serious", SERIOUS), ("minor", _MINOR), ("exposed", _EXPOSED))

# A condition said of a thing ("the overhead cable is lying on the roof", "电线断了掉在车顶上"): no casualty. Its subject
# is the last person or thing named before it in the clause; a thing named as a place ("a man in the car", "车上十几个
# 乘客") is not a subject. Only a state a thing can be in (lying, down, crushed, stuck, broken, 断, 压, 倒 ...) is read so:
# a body's condition ("bleeding", "unconscious", "昏迷") after a thing is said of someone left unnamed ("car into a
# tree, bleeding from the head"). A person right after it is its object ("a branch crushed a cyclist", "树倒了压在一个人身上").
_THING_EN = ("cables?|wires?|lines?|trees?|branch(?:es)?|poles?|posts?|lamp-?posts?|masts?|pylons?|signs?|signposts?|billboards?|hoardings?|"
             "roofs?|tiles?|chimneys?|cars?|trams?|bus(?:es)?|trains?|vans?|trucks?|lorr(?:y|ies)|vehicles?|taxis?|bikes?|bicycles?|"
             "scooters?|motorbikes?|motorcycles?|boats?|scaffold\\w*|walls?|fences?|cranes?|lamps?|streetlights?|barriers?|panels?|"
             "sheets?|debris|rubble|ceilings?|beams?|pipes?|containers?|awnings?|canop(?:y|ies)|pantographs?|catenary")
_THING_ZH = "|".join(sorted(("电线杆 线杆 灯杆 电线 电缆 高压线 架空线 路灯 杆子 树枝 树干 大树 树 招牌 广告牌 牌子 指示牌 车顶 屋顶 房顶 "
                             "车身 车头 电车 公交车 汽车 轿车 货车 卡车 车 脚手架 围墙 墙 栏杆 护栏 玻璃 架子 吊车 塔吊 瓦片 雨棚 棚子 "
                             "顶棚 天花板 横梁 管道 集装箱").split(), key=len, reverse=True))
_SUBJECT = re.compile(r"(?i:\b(?:(?P<person_en>" + _PERSON_SG + "|" + _PERSON_PL + r"|he|she|him|her|them|someone|somebody|anyone|everyone|"
                      r"everybody|you)|(?P<thing_en>" + _THING_EN + r"))\b)|(?P<person_zh>" + _ZH_PERSON + r"|他|她)|(?P<thing_zh>" + _THING_ZH + ")")
# a thing as the place of something ("in the car", "on board the tram"; "车上", "在车里")
_PLACE_BEFORE_EN = re.compile(r"\b(?:in|on|onto|into|inside|under|underneath|beneath|at|by|near|beside|behind|next to|from|off|of|out of|"
                              r"over|against|across|along|through|past|round|around|between|with|to)\s+(?:(?:the|a|an|his|her|their|its|my|"
                              r"our|your|this|that|some)\s+)?(?:(?!and\b|or\b|but\b)\w+\s+){0,2}$", re.IGNORECASE)
_PLACE_BEFORE_ZH = re.compile(r"(?:在|从|往|向|到|靠|离|朝|对着)[^，。；！？\s]{0,3}$")
_PLACE_AFTER_ZH = re.compile(r"(?:顶上|上面|里面|下面|底下|旁边|外面|上|里|内|下|边|中|外|前|后)")
_THING_STATE = re.compile(r"\b(?:lying|lie|down|ground|crush\w*|pinned|buried|trapped|stuck|under|moving|move|motionless|lifeless|still|"
                          r"cuts?|broken|fractured|hit|struck|knocked|ran over|run over|fell|fallen|tumbled|dropped|burn\w*|burnt|inside|"
                          r"windows?|smoke|slumped|collapsed|shaken|soaked)\b|断|掉|倒|躺|压|砸|撞|卡|夹|困|埋|不动|摔|塌|烧|出不", re.IGNORECASE)
# the object of the condition ends at the next joint of the clause ("the cable is down on the roof *with* 20 people on board"),
# or some words on where none comes: the people struck are named right after the verb, whatever follows them ("a tram hit
# three pedestrians waiting at the Senate Square stop"; review s16: a window that had to reach a joint or the clause's end
# within 30 characters found no object there, and the people struck were no patients)
_OBJECT_EN = re.compile(r"(?:(?!\b(?:and|but|while|with|then|so|because|as)\b).){0,40}", re.IGNORECASE | re.DOTALL)
_ABOARD_AFTER = re.compile(r"\W*(?:(?:are|is|still|all|sitting|standing|stuck)\s+)*(?:on board|aboard|inside|in it|in there)\b", re.IGNORECASE)


def _subject(clause: str, start: int, end: int) -> str | None:
    """Who the condition at clause[start:end] is said of: "thing" (see above), "person" (the last one named before it is a
    person: "the tram driver is not moving"), or None (nobody named before it)."""
    last = None
    for m in _SUBJECT.finditer(clause, 0, start):
        if m.group("thing_en") and _PLACE_BEFORE_EN.search(clause, max(0, m.start() - 40), m.start()):
            continue   # "a man in the car is unconscious": the car is where he is
        if m.group("thing_zh") and (_PLACE_BEFORE_ZH.search(clause, max(0, m.start() - 4), m.start()) or _PLACE_AFTER_ZH.match(clause, m.end())):
            continue   # "司机在车里昏迷", "车上十几个乘客"
        last = m
    if last is None:
        return None
    if not (last.group("thing_en") or last.group("thing_zh")):
        return "person"
    if not _THING_STATE.search(clause, start, end):
        return None   # "car into a tree, bleeding": a body's condition, said of someone unnamed
    if last.group("thing_zh"):
        return "person" if any(m.group("person_zh") for m in _SUBJECT.finditer(clause[end: end + 8])) else "thing"
    window = _OBJECT_EN.match(clause, end)
    for m in _SUBJECT.finditer(clause, end, window.end() if window else end):
        if m.group("person_en") and not _ABOARD_AFTER.match(clause, m.end()):
            return "person"   # "a pole crushed a cyclist": the person is its object
    return "thing"



def _condition(clause: str, kinds: tuple[tuple[str, GatedPattern], ...] = _KINDS) -> tuple[str | None, bool]:
    """(the gravest kind of condition in one clause, or None; whether it is only a general word), negated words dropped.
    ``kinds``: the condition patterns that can match in the report at all (the others cannot in any of its clauses)."""
    found: list[tuple[str, str]] = []
    for kind, pat in kinds:
        for m in pat.pattern_obj.finditer(clause):
            if asked_not_said(clause, m.start()):
                continue
            if negated_before(clause[max(0, m.start() - 40): m.start()]) or near_miss(clause, m.start()):
                continue
            subject = _subject(clause, m.start(), m.end())
            if subject == "thing" and kind != "exposed":
                # "the overhead cable is down on the roof", "电线断了": a thing lies, breaks, is crushed. (A car stuck in a
                # flood or a fire cuts off the people in it: a thing's being stuck still counts them.)
                continue
            if kind == "serious" and subject != "person" and machine_still(clause, m.start(), m.end()):
                continue   # "电梯停在两层中间不动了", "the tram isn't moving": a machine stopped, nobody lying still
            found.append((kind, m.group(0)))
    if not found:
        return None, False
    kinds = {k for k, _ in found}
    if "serious" in kinds:
        return "serious", False
    if "minor" in kinds:
        words = [w for k, w in found if k == "minor"]
        if all(_ILL.fullmatch(w) for w in words):
            return "ill", False
        if all(_TRIVIAL.match(w) for w in words):
            return "trivial", False
        return "minor", all(_GENERIC.match(w) for w in words)
    return "exposed", False


# Someone doing the harm, or only telling or helping, is not a patient: a person named right before an attacking verb ("a man is threatening
# passers-by", "my neighbour is beating his wife", "一个男的拿着刀").
_ATTACKER_EN = re.compile(r"^\s*(?:(?:is|was|has been|keeps|kept|started|is now|was now)\s+)?(?:still\s+)?"
                          r"(?:threatening|attacking|beating|stabbing|hitting|punching|kicking|waving|swinging|chasing|robbing|"
                          r"assaulting|harassing|shooting|smashing|brandishing|armed)\b"
                          r"|^\s*(?:say|says|said|report|reports|reported|think|thinks|tell|told|(?:can'?t|cannot|couldn'?t) tell|(?:doesn'?t|don'?t|does not|do not) know|(?:is|are)\s+(?:doing|giving|performing|helping|holding|using|trying)|"
                          r"(?:is|are)\s+(?:doing|giving)\s+(?:cpr|chest compressions))\b"
                          r"|^\s*(?:just\s+|has\s+|had\s+)?(?:threw|smacked|punched|kicked|stabbed|attacked|shot|hit|slapped|pushed|gave|handed|sold|offered)\s+"
                          r"(?:a|an|me|us|him|them|someone|somebody|people|my|our|one|two)\b(?!\s+head)"
                          # "the person who threw it", "the man who hit him": the one who did it
                          r"|^\s*(?:who|that)\s+(?:just\s+|has\s+|had\s+)?(?:threw|smacked|punched|kicked|stabbed|attacked|shot|hit|slapped|pushed|"
                          r"sprayed|robbed|did (?:it|this))\b", re.IGNORECASE)
_ATTACKER_ZH = re.compile(r"(?:正在|在|还在|又在)?(?:拿着|拿|挥舞|挥着|持刀|持械|砍|捅|威胁|追着|殴打|在打|打人)")

# The one who did it, named by it ("拿刀的人", "打人的男子"): no patient.
_ATTACKER_NAMED_ZH = re.compile(r"(?:拿|持|挥)[^的，。]{0,2}的" + _ZH_PERSON + "$|(?:打|捅|砍|刺|推|撞)人的" + _ZH_PERSON + "$")
# Someone named by what happened to them ("被捅的人", "受伤的那个人"): someone already named.
_DEFINITE_ZH = re.compile(r"(?:被[\u4e00-\u9fff]{1,2}(?:伤)?的|受伤的|那个|这个|那位|这位)" + _ZH_PERSON + "$")

# compiled once here rather than looked up in re's cache clause by clause
# "and the scooter girl's hurt too": someone besides the people before, said at the clause's end
_TOO = re.compile(r"\b(?:too|as well)\s*$", re.IGNORECASE)
_NUM_AFTER = re.compile(r"\s+(" + EN_NUM_RE + r")\s", re.IGNORECASE)
_SOMEONE = re.compile(r"有人|有个人|\b(someone|somebody|a person)\b", re.IGNORECASE)
_OF_OTHERS = re.compile(r"\bof the others?\b", re.IGNORECASE)
_OR_TO = re.compile(r"\s+(?:or|to)\s+")
_ASIDE = re.compile(r"\([^)]*\)|（[^）]*）")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_PRONOUN_AND_ZH = re.compile(r"(他|她)(和|跟|与)")
_AGE_OR_NUMBER_ZH = re.compile(r"\s*(岁|号|路|楼|层)")
_PRONOUN_AND_EN = re.compile(r"\b(he|she) and (his|her)\b", re.IGNORECASE)
# "my kids and I", "Anna and I": the caller is one of the people named (not "he's slurring and I can't ...").
_AND_I = re.compile(r"(?i:\b(?:" + _PERSON_SG + "|" + _PERSON_PL + r"))\s+(?:and|n|&)\s+[iI]\b|\b[A-Z][a-z]+\s+(?:and|n|&)\s+I\b")
# The caller's own condition, said of "I" / 我 ("I feel dizzy too", "我也有点头晕"): the caller is a patient too.
_SELF_EN = re.compile(r"\s*(?:(?:'m|am|feel|felt|have|'ve|got|also|too|myself|now|just|really|started|starting|getting|feeling|kind of|a bit|"
                      r"a little|quite|very|so|to)\s+)+", re.IGNORECASE)
_SELF_ZH = re.compile(r"^\s*(?:然后|而且|现在|连)?我(?:自己)?(?:也|都|还|现在|有点|有些|觉得|感觉|开始|好像)*")
# A knife or gun attack on people (its injured are wounded, not scraped).
_WEAPON_INJURY = re.compile(r"\b(stabbing|stabbed|knifed|shooting|shot at|shots fired|opened fire|slashing)\b(?! (up|down|pain))|持刀伤人|砍人|捅人|开枪|枪击|刺伤|捅伤", re.IGNORECASE)
# Someone telling what happened to another person named after it ("奶奶说……爷爷摔倒了"): the teller is not a patient.
_TELLER_ZH = re.compile(r"(?:刚才|刚|跟我|和我)?(?:说|告诉|讲|报警|打电话|打来电话)")
# "the other one is not moving", "另一个还在里面": a person besides those already counted.
_OTHER = re.compile(r"^\s*(?:and |but |while )?(?:the other|another|a second|the second)\b|^\s*(?:有)?(?:另外|另|还有)(?:一|两|" + ZH_NUM_RE + r")?\s*(?:个|名|位)",
                    re.IGNORECASE)
_ZH_BARE = re.compile(r"^\s*(?:有)?(?P<other>另外|另|还有)?(?:其中)?(" + ZH_NUM_RE + r")\s*(?:个|名|位)(?![\u4e00-\u9fff]{0,3}?人)")


def _self_condition(clause: str, said: re.Match[str] | None) -> bool:
    """Whether a condition begins right where the caller's words about themself end ("I feel | dizzy", "我也有点 | 头晕")."""
    if said is None or said.end() == said.start():
        return False
    return any(pat.pattern_obj.match(clause, said.end()) for pat in (SERIOUS, _MINOR))


def _people(clause: str) -> tuple[int, bool, bool, bool, bool]:
    """(people named, a part of an earlier group, only a pronoun, only a bare number: "1 unconscious", "两个受伤", one
    person named by what happened to them: "被捅的人") in one clause."""
    clause = _ASIDE.sub(" ", clause)   # "the pedestrian (teenage girl)": one person
    count, subset, named, bare_only, definite = 0, False, False, False, False
    if _CJK.search(clause):
        bare = _ZH_BARE.match(clause)
        if bare and not any(not m.group("pron") for m in _WHO_ZH.finditer(clause)):
            # "另一个手臂骨折": the other one, a group of its own; "两个受伤": a count said without a people word
            return _num(bare.group(2), plural=False), "其中" in clause, False, not bare.group("other"), False
        if _PRONOUN_AND_ZH.search(clause):
            count += 1   # "他和他老婆": the pronoun is one of the people named
        found = list(_WHO_ZH.finditer(clause))
        for i, m in enumerate(found):
            if m.group("pron") or _ATTACKER_ZH.match(clause, m.end()) or _ATTACKER_NAMED_ZH.search(clause, 0, m.end()):
                continue
            if not m.group("num") and _DEFINITE_ZH.search(clause, 0, m.end()):
                definite = True
                continue   # "被捅的人还醒着": the one stabbed, named before (read like a pronoun)
            if _TELLER_ZH.match(clause, m.end()) and any(not later.group("pron") for later in found[i + 1:]):
                continue   # "奶奶说……爷爷摔倒了": she tells of someone else ("一位老人说胸口疼" tells of himself)
            named = True
            if m.group("family"):
                count += _num(m.group("family"), plural=True)
                continue
            if m.group("many"):
                count += 5 if m.group("many") in ("好多人", "很多人") else 3
                continue
            if m.group("num") and _AGE_OR_NUMBER_ZH.match(clause, m.end("num")):
                count += 1   # "82岁的住户", "3路司机": an age or a number, one person
                continue
            subset = subset or bool(m.group("sub"))
            # a couple is two ("一对老夫妻")
            count += _num(m.group("num"), plural=False) * (2 if m.group(0).endswith(("夫妻", "夫妇")) else 1)
        if "其中" in clause:
            subset = True
        if not count and _self_condition(clause, _SELF_ZH.match(clause)):
            count, named = 1, True   # "我也有点头晕": the caller
    else:
        if _PRONOUN_AND_EN.search(clause):
            count += 1   # "she and her baby": the pronoun is one of the people named
        bare_seen = people_seen = False
        for m in _WHO_EN.finditer(clause):
            if _ATTACKER_EN.match(clause[m.end():]):
                continue
            if m.group("bare") and m.group("bare").lower() in ("both", "all") and (count or people_seen):
                continue   # "my wife and my daughter are both hurt": the same two
            bare_seen = bare_seen or bool(m.group("bare"))
            people_seen = people_seen or not m.group("bare")
            if m.group("family"):
                named = True
                count += _num(m.group("family"), plural=True)
                continue
            if m.group("sub"):
                # "two of them" is a part of the people named; "two of the others" are people besides them
                named, subset = True, subset or not _OF_OTHERS.search(m.group(0))
                count += _num(m.group("sub"), plural=False)
            elif m.group("bare"):
                named = True
                count += _num(m.group("bare"), plural=True)
            else:
                num = (m.group("num") or "").lower()
                if m.group("sg") and m.group("sg").lower() == "i":
                    if not (_AND_I.search(clause) or _self_condition(clause, _SELF_EN.match(clause, m.end()))):
                        continue  # "I can see": the caller, not a patient, unless "my kids and I" or "I feel dizzy too"
                if m.group("pl") and m.group("pl").lower() in ("we", "they"):
                    continue
                named = True
                if num in ("the", "his", "her", "my", "our", "their", "this", "that", "a", "an", ""):
                    # "my three flatmates", "the two drivers": the number after the possessive is the count
                    after = _NUM_AFTER.match(clause, m.end("num")) if num and m.group("pl") else None
                    num = after.group(1) if after else ""
                elif m.group("sg") and num.isdigit():
                    num = ""   # "tram 3 driver", "room 12 guest": a number, not a count
                count += _num(num, plural=bool(m.group("pl")))
    pronoun = not named and bool(definite or _PRONOUN_EN.search(clause) or "他" in clause or "她" in clause)
    if not _CJK.search(clause):
        bare_only = bare_seen and not people_seen
    return count, subset, pronoun, bare_only, definite and not named


_ONE_ZH = re.compile(r"^\s*(?:刚才|然后|其中|而且|还有)?(?:一\s*(?:个|名|位)|我的?|我们的?|我家)?\s*(" + _ZH_PERSON + ")")
_ONE_EN = re.compile(r"^\s*(?:and |but |then |now |while )?(?:one|a|an|my|our|the)\s+(?:little |young |older |eldest |youngest )?(\w+?)(?:s)?\b", re.IGNORECASE)
_NUM_WORD_ZH = re.compile(r"(" + ZH_NUM_RE + r")\s*(?:个|名|位)\s*(" + _ZH_PERSON + ")")
_NUM_WORD_EN = re.compile(r"\b(" + EN_NUM_RE + r")\s+(?:\w+\s+)?(\w+?)s\b", re.IGNORECASE)
# A household said as a whole ("a family of four", "一家四口", "全家"): its members are named after it by kin words. ("three
# of us are dizzy and a child is unconscious" counts the dizzy, not the household: the child is someone else.)
_HOUSEHOLD = re.compile(r"\bfamily of\b|一家" + ZH_NUM_RE + r"口|全家", re.IGNORECASE)
_KIN = {"child", "kid", "son", "daughter", "baby", "boy", "girl", "wife", "husband", "mother", "father", "mum", "mom", "dad",
        "grandma", "grandpa", "grandmother", "grandfather", "toddler", "infant", "teenager",
        "孩子", "小孩", "儿子", "女儿", "宝宝", "婴儿", "老公", "老婆", "丈夫", "妻子", "爸爸", "妈妈", "父亲", "母亲",
        "爷爷", "奶奶", "外公", "外婆", "老人", "小朋友"}


def _one_of(clause: str) -> str | None:
    """The people word of a clause that opens with one person of a kind ("一个室友", "one kid"), else None."""
    m = _ONE_ZH.match(clause) or _ONE_EN.match(clause)
    return m.group(1).lower() if m else None


def _group_word(group: Group) -> str | None:
    """The people word a group was counted by ("三个室友" -> 室友, "three kids" -> kid), where a number says it."""
    m = _NUM_WORD_ZH.search(group.evidence) or _NUM_WORD_EN.search(group.evidence)
    return m.group(2).lower() if m else None


_AND = re.compile(r"\s+(?:and|while|whereas)\s+(?=(?:a|an|one|the|my|our|his|her|their|" + EN_NUM_RE + r")\b)", re.IGNORECASE)


def _clauses(text: str, kinds: tuple[tuple[str, GatedPattern], ...]) -> list[tuple[str, tuple[int, int]]]:
    """The report's clauses with their spans; an English clause that joins two groups of people, each with its own
    condition ("three of us are dizzy and a child is unconscious"), is two clauses, so that neither group takes the
    other's condition."""
    out: list[tuple[str, tuple[int, int]]] = []
    for cm in _CLAUSE.finditer(text):
        clause, start = cm.group(0), cm.start()
        cut = None if _CJK.search(clause) else _AND.search(clause)
        if cut is not None and kinds:
            left, right = clause[:cut.start()], clause[cut.end():]
            if all(_people(part)[0] and _condition(part, kinds)[0] for part in (left, right)):
                out.append((left, (start, start + cut.start())))
                out.append((right, (start + cut.end(), cm.end())))
                continue
        out.append((clause, cm.span()))
    return out


def _plural_only(clause: str) -> bool:
    """Whether a clause names its people by a plural alone ("the residents", "the buyers"), no number: counted two, a
    guess that a headcount said after it replaces."""
    if _CJK.search(clause):
        return False
    found = [m for m in _WHO_EN.finditer(clause) if not _ATTACKER_EN.match(clause[m.end():])]
    return bool(found) and all(m.group("pl") and m.group("pl").lower() not in ("we", "they")
                               and (m.group("num") or "").lower() in ("", "the", "his", "her", "my", "our", "their", "this", "that")
                               for m in found)


def census(text: str) -> Census:
    """The patients a report describes: serious, minor, ill and smoke-exposed ones, with the groups they come from."""
    text = text or ""
    groups: list[Group] = []
    last_people: int = 0   # people named in an earlier clause without a condition yet
    # Chinese written with spaces for commas ("喂 警察吗 我们在公园 ..."): each space is a clause break (same length,
    # so spans still point into the report).
    text_cut = HAN_GAP_RE.sub(lambda m: "，" * len(m.group(0)), text)
    # a condition that cannot be read anywhere in the report is not looked for clause by clause
    kinds = tuple((kind, pat) for kind, pat in _KINDS if pat.possible(text_cut))
    fine_possible = _FINE.possible(text_cut)
    household = False   # a family said as a whole: a kin word after it names one of them
    headcount: int | None = None   # people counted after a group named by a plural alone (see below)
    for clause, span in _clauses(text_cut, kinds):
        if not clause.strip():
            continue
        n, subset, pronoun, bare_only, definite = _people(clause)
        # (not "还有一个人", "another man": someone else; nor a word for anyone, 人 / person)
        word = _one_of(clause) if n == 1 and not subset and not _OTHER.match(clause) else None
        word = None if word in ("人", "person", "man", "one") else word
        household = household or bool(_HOUSEHOLD.search(clause))
        if word and any(w == word or (household and word in _KIN) for g in groups if g.count >= 2 for w in [_group_word(g)]):
            # "三个室友都头痛，一个室友晕倒了", "three kids are sick, one kid fainted": one of those three; "a family of four
            # all feel sick, my son is hard to wake", "一家四口……孩子叫不醒": one of the household
            subset = True
        if bare_only and groups and not last_people:
            subset = True    # "2 pedestrians hit, 1 unconscious": one of them
        if subset and (last_people or not groups):
            subset = False   # "30 passengers, two of them slightly hurt": the part is the patients, the whole was unhurt
        kind, generic = _condition(clause, kinds) if kinds else (None, False)
        if kind and kind != "serious" and fine_possible and _FINE.pattern_obj.search(clause):
            kind = None
        if kind is None:
            if n and headcount is not None and not subset:
                # "the residents report headaches ... Two adults, two kids": the count said after a group named by a
                # plural alone (counted two) is that group's count; a part of it may follow ("one of the kids")
                headcount += n
                if headcount > groups[-1].count:
                    groups[-1].count = headcount
                continue
            if n == 1 and groups and groups[-1].count == 1 and _SOMEONE.search(groups[-1].evidence) and not _OTHER.match(clause):
                continue   # "有人晕倒了，一个清洁工", "someone collapsed, an old man": who that someone is, not one more
            if n:
                last_people = n
            continue
        headcount = None
        if not n and groups and not last_people:
            # "he's bleeding", "conscious, bleeding from the head": the last group, now perhaps graver
            g = groups[-1]
            if _RANK[kind] > _RANK[g.kind]:
                g.kind, g.generic = kind, generic
            continue
        if not n and not last_people and not pronoun:
            continue  # "the scaffolding collapsed": no people in it
        # "被刺的人" after "一个人……把另一个人刺了": one of the people named
        n = n or (1 if definite else last_people) or 1   # "A woman and two kids are at the window ... they can't get out"
        groups.append(Group(count=n, kind=kind, generic=generic, subset=subset, evidence=clause.strip()[:80], span=span,
                            other=bool(_OTHER.match(clause) or _TOO.search(clause))))
        headcount = 0 if not subset and _plural_only(clause) else None
        last_people = 0
    out = Census(groups=groups)
    if not groups:
        return out
    if _WEAPON_INJURY.search(text):
        # "持刀伤人, three people injured", "a man is stabbing people, two hurt": the injured of a knife or gun attack
        # are its wounded (serious), unless a minor injury is said of them
        for g in groups:
            if g.kind == "minor" and g.generic:
                g.kind, g.generic = "serious", False
    whole = [g for g in groups if not g.subset]
    cap = None
    for g in whole:
        rest = sum(h.count for h in whole if h is not g)
        # a scrape beside the others adds no ambulance: it does not make the whole too small to be the whole
        rest_cared = sum(h.count for h in whole if h is not g and h.kind != "trivial")
        # the whole is said first, the details after it ("five hurt: ..."); a general word after others is more people
        # "the other one" details a whole of two or more ("two fell, one is moving, the other is not"); beside a whole
        # of one ("one crawled out, his leg is hurt, the other is still inside") it is someone else
        if g.generic and len(whole) > 1 and g.count >= rest_cared and g is whole[0] and (g.count >= 2 or not any(h.other for h in whole)):
            # "five hurt: an old man bleeding, a woman with chest pain, three with broken arms": the five is the whole
            whole = [h for h in whole if h is not g] + [Group(max(0, g.count - rest), "minor", True, False, g.evidence, g.span)]
            break
        if g.generic and g is whole[0] and g.count >= 2 and rest_cared > g.count:
            # "hit three people: one old man unconscious, two others with cuts, one maybe a broken wrist": details that
            # add up to more than the whole said first tell of some of the same people twice; the whole bounds them
            whole = [h for h in whole if h is not g]
            cap = g.count
            break
    # a serious part of an earlier group ("two of them very weak") is taken out of that group; a part of a group that
    # is serious already ("two on the ground, one of them isn't moving") is no one new
    parent: Group | None = None
    moved = 0
    for g in groups:
        if not g.subset:
            parent = g
        elif g.kind == "serious" and not (parent is not None and parent.kind == "serious"):
            moved += g.count
    serious = sum(g.count for g in groups if g.kind == "serious" and not g.subset) + moved
    counts = {k: sum(g.count for g in whole if g.kind == k) for k in ("minor", "ill", "exposed")}
    if not (serious or counts["minor"] or counts["ill"] or counts["exposed"]):
        # A report whose only casualties are bruised still gets its one ambulance; beside others they add none.
        counts["minor"] = sum(g.count for g in whole if g.kind == "trivial")
    for k in ("ill", "minor", "exposed"):
        take = min(moved, counts[k])
        counts[k] -= take
        moved -= take
    if cap is not None:
        for k in ("minor", "ill"):   # the serious ones stay: the whole bounds the others
            counts[k] = max(0, min(counts[k], cap - serious - sum(counts[j] for j in ("minor", "ill") if j != k)))
    out.serious, out.minor, out.ill, out.exposed = serious, counts["minor"], counts["ill"], counts["exposed"]
    return out


__all__ = ["Census", "Group", "census"]
