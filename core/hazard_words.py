"""The names of carbon monoxide, of a crowd crush and of a fall through the ice, in the one place every layer reads them from.

Carbon monoxide is read by the triage cue (finetune/cues), the unit-needs determinant (tools/determinants), the
protective-action odour and alarm cues (tools/protective/cue_words) and the router's hazmat words (agent/hazards); each builds its own pattern from these names and keeps its own context (the
determinant's exhaust inference, the protective cue's "alarm going off"). The strings are regular-expression
fragments for a case-insensitive search; where case matters they say so inline.
"""

from __future__ import annotations

import re

# The gas named in full: English, Finnish (häkä, häkämyrkytys, häkävaroitin), Swedish (kolmonoxid, kolmonoxidlarm),
# Chinese; 煤气中毒 ("coal-gas poisoning") is how Chinese callers name carbon monoxide poisoning.
CO_FULL_NAME = r"carbon monoxide|\bhäkä\w*|\bkolmonoxid\w*|一氧化碳|煤气中毒"

# The abbreviation as a detector, a reading or a poisoning writes it ("co alarm", "CO-detector", "co levels",
# "co ppm"): lower case is safe here, the noun after it says it is the gas.
CO_DEVICE_NOUNS = r"alarms?|detectors?|poisoning|leak(?:ing)?|levels?|readings?|monitors?|meters?|sensors?|exposure|ppm"
CO_WITH_DEVICE = rf"\bco[ -]?(?:{CO_DEVICE_NOUNS})\b"

# A reading in parts per million: "30 ppm co", "ppm of carbon monoxide".
CO_PPM = r"(?:\b\d+(?:[.,]\d+)?\s?)?ppm (?:of )?(?:co|carbon monoxide)\b"

# Finnish and Swedish hyphenate the detector after the symbol ("CO-hälytys", "CO-varoitin", "CO-mittari", "CO-larmet",
# "CO-varnare", "CO-mätare").
CO_NORDIC_COMPOUND = r"\bco-(?:hälyt|varoit|mittar|larm|varnar|mätar)\w*"

# The symbol said alone ("I think it's CO", "CO中毒"): upper case only, and not glued to a letter or digit ("CO2",
# "COVID"), nor a hashtag or a state after a town ("#CO", "Boulder, CO": Colorado), nor the first half of a
# hyphenated word ("CO-op", "CO-operative"; "CO-2" is carbon dioxide), nor "CO&" (a company). Lower-case "co" is a
# company, a county, a co-worker, a t.co link. A town before the state without a comma ("Denver CO") still reads.
CO_SYMBOL = r"(?-i:(?<![A-Za-z0-9#])(?<![a-z], )CO(?![A-Za-z0-9&]|-[A-Za-z0-9]))"

# Every name of the gas; a role that reads carbon monoxide wherever it is named searches for this.
CARBON_MONOXIDE = "|".join((CO_FULL_NAME, CO_WITH_DEVICE, CO_PPM, CO_NORDIC_COMPOUND, CO_SYMBOL))

# The gas as the subject of a detector's alarm in English word order ("the CO detector went off", "carbon monoxide
# alarm sounding"): the short names a role puts before its own device and alarm words.
CO_DETECTOR_SUBJECTS: tuple[str, ...] = ("co", "carbon monoxide")
CO_DETECTOR_SUBJECT = "|".join(CO_DETECTOR_SUBJECTS)

# Forms that look like the symbol and are not the gas: every role must leave them out (tests read this list).
NOT_CARBON_MONOXIDE: tuple[str, ...] = (
    "my co-worker called", "Boulder, CO is under snow", "#CO wildfire update", "CO2 levels in the classroom",
    "the co-op shop", "COVID ward", "Harris Co. fire department", "see t.co/abc",
)
# The forms of the name each role reads (tests read this list).
CARBON_MONOXIDE_NAMES: tuple[str, ...] = (
    "carbon monoxide", "co alarm", "CO detector", "co poisoning", "CO levels", "co reading", "30 ppm co",
    "CO", "CO中毒", "häkä", "häkämyrkytys", "kolmonoxid", "CO-hälytys", "CO-larmet", "一氧化碳", "煤气中毒",
)


# A reader of the gas's words may also read the gas from a fuel-burning appliance merely named beside a symptom ("the generator failed,
# grandad's oxygen machine stopped and he feels tight in the chest"): carbon monoxide as a hazard needs the source said to burn (running,
# lit, used to keep warm) and not said to be off or broken.
_CO_SOURCE = (r"(?:generator|barbecue|bbq|grill|charcoal|brazier|stove|heater|fireplace|aggregaat\w*|generaattori\w*|grilli\w*|"
              r"hiili\w*|kamiina\w*)|发电机|炭盆|炭火|炭炉|木炭|烧炭|烧碳|火盆|炉子|火炉|取暖器")
_BURNING = (r"\b(?:running|is on|was on|lit|burning|going|on all|(?:to|for) (?:keep|stay|get) warm|for heat\w*|to heat|indoors|inside|"
            r"käy\w*|päällä|sisällä|lämmit\w*|går|tänd\w*|inomhus)\b|开着|点(?:着|了|上)|生(?:着|了)|烧着|取暖|在(?:转|运行|烧)|运行")
_SOURCE_OFF = re.compile(r"\b(?:failed|broke\w*|won'?t start|didn'?t start|not start\w*|is off|was off|stopped|out of fuel|ei käynnisty\w*|rikki)\b|"
                         r"没(?:有)?启动|启动失败|坏了|故障|没油|停了", re.IGNORECASE)
_CO_SOURCE_BURNING = re.compile(rf"(?:{_CO_SOURCE})[^.;!?。；！？]{{0,30}}?(?:{_BURNING})|(?:{_BURNING})[^.;!?。；！？]{{0,12}}?(?:{_CO_SOURCE})",
                                re.IGNORECASE)


def carbon_monoxide_said(text: str) -> bool:
    """Carbon monoxide named (any of its names), or a fuel-burning source said to burn indoors and not said to be off."""
    if re.search(CARBON_MONOXIDE, text, re.IGNORECASE):
        return True
    return any(not _SOURCE_OFF.search(m.group(0)) for m in _CO_SOURCE_BURNING.finditer(text))


# A torch (火炬; 火把 as a noun: 火把节, 火把队伍, 举着火把) is no fire: a torch procession or relay is a crowd. 火 before the
# BA particle 把 is the fire itself ("大火把整栋楼都烧了": the fire burned the whole block), so 火把 is a torch only where
# it stands as a noun: before a festival/procession word or a clause's end, or after a verb of holding or lighting.
# A role puts ``(?!ZH_TORCH)`` before its 火 (the lookbehind inside reads the verb before it).
ZH_TORCH = (r"(?:火炬|火把(?=节|队|游行|晚会|[，。！？、,.!?\s]|$)|"
            r"(?<=举着|拿着|点着|点燃|点起|手持|打着|擎着|举起|一支|一根)火把)")


# A crowd crush, stampede or crowd surge: people pressed, pushed over or trampled by a crowd. The crowd must be named
# (a crowd, people, fans; 人群, 人挤人): a crush injury to a hand, a horse that trampled its rider or "he stepped on glass"
# is one casualty, and "spectators crushed under" a stand is a collapse's casualty. Read by the router's hazard
# words (agent/hazards: the incident is a public-order mass-casualty one, whatever the crowd was doing) and the
# unit-needs determinant (tools/determinants: crowd_disorder, police for the crowd).
CROWD_CRUSH = (r"crowd (?:crush|surg\w*)|crush risk|stampede|"
               r"\b(?:crowds?|people|fans|spectators|audience|supporters|revell?ers|concert-?goers|festival-?goers|"
               r"passengers|pupils|students|teenagers|youths|children|kids|visitors|shoppers)\b[^.!?;]{0,30}\b(?:crush(?:ed|ing)|trampl\w*|"
               r"(?:stepped|trodden) on)\b(?! under\b)|\b(?:trampl\w*|crushed) (?:by|in) (?:the |a )?(?:crowd|people|fans|stampede)\b|"
               r"踩踏|践踏|人挤人|人群[^。，！？]{0,6}(?:挤压|挤倒|推倒|压倒|挤成一团)|(?:挤倒|挤压)[^。，！？]{0,4}(?:人|伤)")

# A person through the ice, however the fall and the ice are said ("fell through the sea ice", "went through about 50 m
# from shore" after "the ice was cracking", "the ice gave way under him", 冰面裂开掉下去): a water rescue. Read by the
# router's hazard words and the person-in-water determinant. A fall "through" said apart from the ice needs someone on
# the ice first ("anglers on the ice …, one went straight through"): black ice on a road or ice on a roof is no water.
THROUGH_THE_ICE = (r"\bthrough (?:the |thin |a hole in the )?(?:(?:sea|lake|river|bay|thin|harbou?r) )?ice\b|\bice (?:broke|gave way|cracked|collapsed) (?:under|beneath)|"
                   r"\b(?:on|onto|across|out on) the (?:(?:sea|lake|river|bay|thin|harbou?r) )?ice\b[^.!?;]{0,80}\b(?:fell|fallen|falls|went|gone|broke|crashed|sank|sunk|slipped) (?:right |straight )?through\b|"
                   r"冰窟|冰(?:面)?(?:裂|破|塌)[^。！？]{0,12}(?:掉|落|陷|沉)")


# Toxic-by-inhalation gases named (not the fuel gas a utility shuts off): hydrogen sulphide, sulphur dioxide, phosgene,
# hydrogen cyanide, hydrogen chloride, a "toxic gas" said as such. The unit-needs determinant reads them as a chemical
# release (the hazmat unit), the protective cues (tools/protective/cue_words) name the gas in the action.
TOXIC_GAS = (r"\b(?:hydrogen sulphide|hydrogen sulfide|h2s|sulphur dioxide|sulfur dioxide|so2|phosgene|hydrogen cyanide|hcn|"
             r"hydrogen chloride|toxic gas(?:es)?|poison(?:ous)? gas(?:es)?)\b|硫化氢|二氧化硫|光气|氰化氢|氯化氢|有毒气体|毒气")

# A knife as a weapon in Chinese. 刀 alone is no weapon: a name (文刀刘, 刀建国), a dish (刀削面), the V-sign (剪刀手),
# cutlery (刀叉), a sharp tongue (刀子嘴) (s18: each was read as an armed threat). A knife is a weapon when a person holds,
# draws or swings it (持刀, 拿着菜刀, 挥舞着一把水果刀, 掏出刀), when it wounds (刀伤, 被刀, 捅了一刀, 砍了两刀), or when
# the word names a knife made to cut (菜刀, 砍刀, 匕首, 刀具). Every reader of a weapon (the triage cue, the determinants,
# the protective-action cues) builds on this; each keeps its own context (the determinants' tool accident).
_ZH_NOT_A_KNIFE = r"(?!削|叉|子嘴|手)"
ZH_KNIFE_HELD = (r"持刀|(?:拿|握|举|挥舞?|抡|亮|掏|抽|拔|带|揣|提|挥动)(?:着|起|出|了)?(?:一把|把|两把|一柄)?[^，。；！？,.;!?\s]{0,3}?刀"
                 + _ZH_NOT_A_KNIFE + r"|刀伤|被(?:人)?(?:用)?刀|(?:捅|砍|刺|扎|划)了?(?:[一两几\d]|好几)?刀" + _ZH_NOT_A_KNIFE)
ZH_KNIFE_WEAPON = ZH_KNIFE_HELD + r"|菜刀|砍刀|尖刀|水果刀|西瓜刀|剔骨刀|弹簧刀|折叠刀|长刀|大刀|刀具|匕首"

# An item left with nobody: a suspicious-object report even without the word "suspicious" (trial s19: "Unattended
# black backpack ..., nobody has claimed it for 20 minutes" read as no determinant at all, since the words allowed no
# adjective between "unattended" and the bag). English, Finnish (hylätty/vartioimaton laukku, reppu), Swedish
# (övergiven/obevakad väska, ryggsäck), Chinese (无人看管的包); up to two describing words between ("black", "old
# grey"), and a bag "nobody has claimed" said after it.
_ITEM_EN = r"(?:hand)?bags?|holdalls?|duffel bags?|suitcases?|luggage|packages?|parcels?|backpacks?|rucksacks?|boxe?s?|objects?|items?|devices?"
_LEFT_EN = r"unattended|abandoned|unclaimed|ownerless|suspicious|left[- ]behind"
UNATTENDED_ITEM = (rf"\b(?:{_LEFT_EN})\s+(?:[a-z-]+\s+){{0,2}}?(?:{_ITEM_EN})\b|"
                   # the item alone is the match, the "nobody" after it a look-ahead (a negation inside a match denies it)
                   rf"\b(?:bag|handbag|suitcase|backpack|rucksack|package|parcel|holdall|luggage)s?\b(?=[^.;!?]{{0,80}}?"
                   r"\b(?:nobody|no one|no-one|noone)\b[^.;!?]{0,20}?\b(?:claim|collect|pick)\w*)|"
                   r"\b(?:hylät|vartioimat|omistajat|epäilyttäv|unohtun)\w*\s+(?:\w+\s+)?(?:laukku|laukku\w*|reppu\w*|repu\w*|"
                   r"matkalauk\w*|paket\w*|kassi\w*|esine\w*|pussi\w*)|"
                   r"\b(?:övergiv|obevakad|obevakat|misstänkt|kvarlämnad|kvarglömd|ägarlös)\w*\s+(?:\w+\s+)?(?:väsk\w*|ryggsäck\w*|"
                   r"resväsk\w*|paket\w*|kolli\w*|föremål\w*|kass(?:e|ar)\w*)|"
                   r"(?:无人看管|无人认领|没人认领|没有人认领|没人管|可疑|被遗弃|遗弃|被人丢下)的?[^，。！？,.!?]{0,6}?(?:包裹|背包|行李箱|行李|手提包|箱子|物品|包)")

# Gas cylinders, propane or LPG bottles: at a fire, an explosion risk (tools/PROTECTIVE_ACTIONS.md F7: 200 m). English,
# Finnish (kaasupullo, nestekaasu), Swedish (gasflaska, gasol), Chinese (煤气罐, 液化气罐, 气瓶).
GAS_CYLINDERS = (r"\b(?:gas (?:cylinders?|bottles?|canisters?|tanks?)|propane|lpg|butane|acetylene|"
                 r"kaasupullo\w*|kaasusäiliö\w*|nestekaasu\w*|propaani\w*|asetyleeni\w*|"
                 r"gasflask\w*|gastub\w*|gasol\w*|propan\w*|acetylen\w*)|煤气罐|液化气罐?|气瓶|钢瓶|液化石油气|丙烷|乙炔|丁烷")

# A threat the caller takes back as a joke in the same call ("there is a bomb in Stockmann, haha just kidding", "只是开玩笑",
# "vitsi vitsi", "bara skämt"): a probable hoax for the police to assess, never a silent full evacuation (trial s19: 3,336
# people evacuated on a laughing drunk's retracted call).
RETRACTED_AS_JOKE = (r"\b(?:just|only|merely) (?:kidding|joking|a joke|messing (?:about|around)|pranking)\b|\bj/?k\b|"
                     r"\b(?:i was|i'm|i am|he was|she was|they were|he's|she's|was) (?:just )?(?:kidding|joking)\b|"
                     r"\bit was (?:just |only )?a (?:joke|prank)\b|\bprank call\b|\bapril fools?\b|"
                     r"\bvitsi(?:\s+vitsi)?\b|\bläppä\b|\bpelleilin\b|\bleikillä(?:än)?\b|"
                     r"\b(?:bara|det var (?:bara )?(?:ett )?) ?(?:skämt|skojar|skojade|skämtar|skämtade)\b|\bskojade\b|\bskämtade\b|"
                     r"开玩笑|开个玩笑|闹着玩|逗你玩|恶作剧")

# Someone not breathing, said in Finnish or Swedish with the negation where those languages put it: the Finnish
# negative verb in any form (ei, eikä "and not", eivät, eivätkä) with up to two words before the verb ("ei hengitä",
# "eikä hengitä", "ei enää hengitä", "eikä hän enää hengitä", "ei näytä hengittävän"), breathing said to have stopped
# ("lakkasi hengittämästä", "hengitys on pysähtynyt"); Swedish "andas inte (längre)", "inte (längre) andas" (not "kan
# inte andas": one who cannot breathe is struggling, not arrested, as "can't breathe" in English), "slutat andas",
# "ingen andning". "Andas inte in röken" (do not breathe the smoke in) is advice, not a patient. Trial s20: "mies kaatui
# eikä hengitä" was triaged P3, only "ei hengitä" was read.
NOT_BREATHING_NORDIC = (r"\b(?:ei|eikä|eivät|eivätkä)\s+(?:[^\W\d_]+\s+){0,2}?(?:hengitä|hengittävän)\b|"
                        r"\b(?:lakkasi|lakannut|lakanneet|lopetti|lopettanut)\s+hengittämästä\b|"
                        r"\bhengitys\s+(?:on\s+|oli\s+)?(?:pysähtyi|pysähtynyt|loppui|loppunut|lakannut|katkesi)\b|\bei\s+hengitystä\b|"
                        r"\bandas\s+(?:\w+\s+)?(?:inte|ej)\b(?!\s+in\b)|"
                        r"(?<!\bkan\s)(?<!\bkunde\s)\b(?:inte|ej)\s+(?:längre\s+)?andas\b(?!\s+in\b)|"
                        r"\b(?:slutat|slutade)\s+(?:att\s+)?andas\b|\bingen\s+andning\b")
