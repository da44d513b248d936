"""The words of the protective-action cue extractor: regular expressions over lower-cased text.

Each cue is a list of patterns, English first, then Chinese; ``tools.protective.cues`` applies
them with a negation check. Grouped as in ``tools/PROTECTIVE_ACTIONS.md`` section 2.
"""

from __future__ import annotations

import re

from core.hazard_words import CARBON_MONOXIDE, CO_DETECTOR_SUBJECT, GAS_CYLINDERS, UNATTENDED_ITEM, ZH_KNIFE_WEAPON
from tools.report_words import CANNOT_SELF_EVACUATE_EN, CANNOT_SELF_EVACUATE_ZH, EN_TENS

# --- vocabularies (regular expressions, lower case) ---------------------------------------
# A street of Helsinki by the ending of its Finnish or Swedish name. In the map extract: -katu, -tie, -kuja, -ranta,
# -tori, -aukio, -puistikko, -esplanadi, -gatan, -vägen, -gränd, -torget, -kajen (Norra esplanaden); -polku, -väylä,
# -rinne, -kaari and -portti name streets elsewhere in the city. A Finnish name may be written in two words, its first
# a genitive in -n ("Alvar Aallon katu", "Lönnrotin puistikko"); Bulevardi is a street of its own name.
# "On <street>" says outdoors only without a house number after it: "on Annankatu 40, 3rd floor" is the address of the
# building it happens in, and so is the street one lives on ("I live on Annankatu").
# A square (-tori, -aukio, -torget) is an open place: "the kiosk on Rautatientori" is out on the square, so a square
# never makes "<place> on <square>" an address (PLACE_ON_STREET), while "on <street>" may be one.
_FI_STREET_ENDINGS = ("katu", "tie", "kuja", "polku", "ranta", "puistikko", "v[äa]yl[äa]", "rinne", "kaari", "portti", "esplanadi")
_SV_STREET_ENDINGS = ("gatan", "v[äa]gen", "gr[äa]nd", "kajen", "esplanaden")
_SQUARE_ENDINGS = ("tori", "aukio", "torget")


def _street_name(fi: tuple[str, ...], sv: tuple[str, ...]) -> str:
    # starts at a word's start: standalone (as the regex probe reads it) a run of 20,000 word characters is tried once,
    # not from each of its characters
    return (rf"\b(?:\w+(?:{'|'.join(fi + sv)})|(?:\w+ )?\w+n (?:{'|'.join(fi)})"
            r"|(?:norra|s[öo]dra|östra|västra) (?:esplanaden|kajen)|bulevardi|bulevarden)\b")


STREET_NAME = _street_name(_FI_STREET_ENDINGS, _SV_STREET_ENDINGS)
STREET_OR_SQUARE = _street_name(_FI_STREET_ENDINGS + _SQUARE_ENDINGS[:2], _SV_STREET_ENDINGS + _SQUARE_ENDINGS[2:])

INDOOR = [r"\b(parking (hall|garage|level|deck|cellar)s?|underground (car park|parking|garage)|multi-stor(e)?y car park|car park (under|beneath|below)|(basement|underground) garage)\b", r"(地下停车场|地下车库|停车楼|车库)",
          r"\b(inside(?! (the |a |an |this |that )?(\w+ )?(bins?|dustbin|dumpster|skip|container|bag|backpack|box|parcel|package|envelope|car|van|truck|lorry|vehicle|boot|trunk|cab|cabin)\b)|indoors|in (the|a|an|his|her|their|my|our) (flat|apartment|room|building|house|home|office|shop|store|kitchen|basement|cellar|stairwell|staircase|corridor|hall|lobby|lab|laboratory|school|hotel|restaurant|mall|library|theatre|theater|museum|church|station|gym))\b",
          r"\b(stairwell|staircase|stairway|corridor|hallway|basement|cellar|attic|lobby|apartment|flat \d|flat\b|on the \w+ floor|floor \d|\d+(st|nd|rd|th) floor|lift|elevator|kitchen|bathroom|bedroom|classroom|ward|swimming hall|pool hall|changing room|laboratory|lab\b)",
          r"(楼道|楼梯间|楼梯|室内|屋内|屋里|(?<![一两几这那每某])家(里|中)|房间|公寓|住宅楼|大楼|楼内|地下室|走廊|厨房|办公室|教室|酒店|宾馆|实验室|电梯|(?<![0-9一二三四五六七八九十])[0-9一二三四五六七八九十]+楼|(?<![0-9一二三四五六七八九十])[0-9一二三四五六七八九十]+层|(馆|楼|室|厅|店|站|校|(?<![内庭后前])院|中心|商场|大厦|医院|堂|寺)(内|里))",
          # Finnish, as alarm-centre and detector messages write it: "krs 1" (floor 1), "keittiö" (kitchen), "porras" (stair).
          r"\b(krs|kerros|\w*keitti[öo]|porraskäytävä|rappu(käytävä)?)\b",
          r"\b(stove|oven|(?<!pressure )cooker|hob|gas meter|boiler|sauna|fireplace|living room|toilet|dining room|auditorium|ward|waiting room|changing rooms?|plant room|machine room|server room|storeroom|store room|storage room|behind the (counter|bar|till|reception desk))\b", r"(灶台|煤气灶|燃气灶|炉子|热水器|卫生间|洗手间|客厅|卧室|机房|设备间|锅炉房|更衣室|储藏室|后厨)",
          # Rooms and fittings only a building has (session 21): a cloakroom, a radiator, a museum's galleries and halls.
          r"\b(cloak ?rooms?|coat check|radiators?|(in|of|through|across) (one of )?(the |a |its |their )?galler(y|ies)|exhibition (hall|room|space)s?)\b",
          r"(衣帽间|存衣处|暖气片|暖气后面|展厅|展馆)",
          # Rows of benches or seats are pews and auditorium seats, inside (a bench alone is street furniture).
          r"\b(pews?|under the seats|between the rows|(in|on) the (back|front) rows?|in hall [a-z0-9]+|lecture (hall|theatre|theater|room)|seminar room|meeting room|conference room|(in|inside|into) (the|a|an|our|their|his|her) (\w+ )?(room|rooms|hall|concourse|foyer|atrium)(?! (of|at) the (park|square|street)))\b", r"([前后]排.{0,2}(长椅|座位|座椅)|座位下|座椅下)"]
OUTDOOR = [r"\b(outdoors|outside (the|a|an) (building|house|shop|station|school)|outside|in front of (the|a)|in the street|on the street|street corner|(?<!live )(?<!lives )(?<!living )on " + STREET_OR_SQUARE + r"(?!,? ?\d)|square|parks?\b|quay|harbou?r|pier|market place|marketplace|parking (lot|area)|car park|road|roadway|junction|intersection|crossing|pavement|sidewalk|courtyard|yard|bus stop|tram stop|platform|motorway|highway|(?<!lighting )(?<!light )bridge|tunnel|underpass|lorry|truck|tanker|van\b|bus\b|trailer)",
           r"(街上|路上|马路|广场|公园|码头|港口|停车场|路口|十字路口|人行道|桥|隧道|地下通道|户外|室外|货车|卡车|罐车|槽罐车|外面|楼外|门外|门口|街边|路边|楼下|小区|院子|内院|庭院|(?<![剧医学法影])院里|空地|(楼|大楼|建筑|商场)(外|前|旁))",
           # "在Fabianinkatu上挖沟": on a street named in Latin letters, with no house number, is out in it (上班 is going to work).
           # Only as the place of the clause's own event: not "住在X上" (an address) nor "在X上有栋楼 / 一栋公寓楼三楼" (a
           # building on the street is the scene, and the building words say indoors).
           rf"(?<!住)在\s?[a-zåäö-]*(?:{'|'.join(_FI_STREET_ENDINGS + _SV_STREET_ENDINGS)}|bulevardi)\s?上(?!班|学|课|网|的)"
           r"(?![^，。；！？,.;!?]{0,12}(?:楼|房|屋|公寓|家|店|室|厅|阳台|厨房|宿舍|酒店|宾馆|餐厅))",
           # Beside a building is outside it ("a bottle of acid broke near the station"); its use then names a reference.
           r"\b(near|close to|next to|opposite|across from|behind) (the |a |an )?(\w+ )?(station|library|museum|church|cathedral|theatre|theater|school|hotel|mall|ministry|bank|hospital|office building|department store|supermarket)s?\b",
           r"\b(terrace|patio|outdoor seating|beer garden|open[- ]air|fountain|statue|\w+(?:tori|torget|aukio|puisto)(?! ?\d)|monument|flower ?bed|lamp ?post|bike rack|bus shelter|tram shelter|taxi rank|(on|at) the (front )?steps of|by the kiosk|next to the kiosk|outside the kiosk)\b", r"(露台|露天|喷泉|(?<![前后]排)长椅|长凳|雕像|纪念碑|台阶(?:上|下|旁|边|前|底))"]
# A place named, then its street: "at the Sibelius-Akatemia on Pohjoinen Rautatiekatu", "in the Sanoma house on Töölönlahdenkatu".
# Group 2 (the street) is an address, not the setting; the place itself may still be an outdoor word.
# The caller saying who they are ("bus driver here", "a bike courier", "外卖小哥") names a vehicle that is their job, not
# the thing on fire; and where they stand ("I'm on the pavement outside the lab", "我站在楼下") is not where the hazard is
# when the report places the hazard itself (round 7). Used only to blank those words before the setting is read.
CALLER_JOB = re.compile(r"\b(?:bus|tram|taxi|cab|van|lorry|truck|delivery|bike|bicycle|cycle|moped|scooter)[- ]?(?:driver|courier|rider|messenger|man|guy)s?\b")
CALLER_PLACE = re.compile(r"\b(?:i'?m|i am|we'?re|we are|i was|we were|standing|waiting|parked)\b[^,.;:!?\u2013\u2014]{0,60}"
                          r"|(?:我|我们)(?:正|现在|刚)?(?:站|等|停|坐)?在[^，。；！？,.;!?]{0,20}")
# (An appositive may stand between: "at the Kaisa-talo library, the university's main library on Vuorikatu".)
PLACE_ON_STREET = re.compile(r"(\b(?:at|in|inside) (?:the )?[^,.;:!?]{2,40}?(?:, (?:the|a|an|our|their) [^,.;:!?]{2,40}?)?)( on " + STREET_NAME + ")")
LARGE = [r"\b(ibc|intermediate bulk container|tanker|tank truck|road tanker|rail (tank )?car|tank car|breached|ruptured|rupture|(split|punctured|holed|tore open|torn open|ripped open)( open)? (the |a |its |his |her |our )?(\w+ )?(of the \w+ )?(\w+ )?tank|tank (is |has )?(been )?(split|punctured|holed|torn open)|large (spill|leak|release|amount|quantity|pool)|big (spill|leak)|massive|huge|many (drums|barrels|containers|packages|cylinders)|several (drums|barrels|containers|cylinders)|whole load|thousands of lit(re|er)s|(a|one|two|three|several|over a|more than a) thousand lit(re|er)s|\d{4,} ?(l|lit(re|er)s)\b|gas main|main pipe|pipeline|storage tank)",
         r"(槽罐车|罐车|油罐车|大量|大面积|破裂|储罐|管道破裂|燃气主管)",
         # A main or trunk pipe (总管, 干管), or gas escaping with a roar (like a jet, 轰鸣): the line's whole flow (ERG 115's
         # large release). A service pipe to one house cut through ("入户燃气管挖断", hissing) is still a small leak.
         r"\b(loud roar)\b|\b(gas|leak|pipe|main|it)\b[^.;]{0,25}\b(roar(s|ing)?|like a jet( engine)?)\b",
         # 总管 alone is also a manager or steward (物业总管, 酒店总管): only as a pipe, named with its gas or its damage.
         r"((?:燃气|煤气|天然气|供气|输气)总管|总管道|总管[^，。；！？]{0,4}(?:破|断|裂|漏|爆)|干管|主干管|主管道|轰轰|轰鸣|像[^，。；！？]{0,6}(飞机|喷气))",
         r"\b(big|huge|large|massive|dense|thick|growing)[^.]{0,20}\b(cloud|plume)"]
SMALL = [r"\b(small (spill|leak|release|amount|puddle|package|bottle|can|container|cylinder)|a few lit(re|er)s|jerry ?can|bottle|canister|single (cylinder|package|drum)|one (cylinder|drum|bottle)|small)\b",
         r"(少量|小量|一瓶|一桶|小瓶|小型)"]
SYMPTOMS = [r"\b(dizzy|dizziness|headache|headaches|nause\w*|vomit\w*|collapsed (on|in) the|people (have )?collapsed|(he|she|someone|somebody|person|man|woman|passers?-?by|pedestrians?|workers?|staff|customers?|passengers?|commuters?|people|persons|children|one|two|three|several|some|others?) (has |have )?(also |just )?collapsed|unconscious|fainted|passed out|cough\w*|breathing difficult\w*|difficulty breathing|short(ness)? of breath|burning eyes|eyes (are )?burning|itchy (eyes|skin|throats?)|(eyes|skin|throats?) (are |is )?(itching|itchy|stinging|red and)|irritat\w+|sick|ill\b|unwell|symptoms|choking)",
            r"(头晕|晕|头痛|恶心|呕吐|昏倒|晕倒|昏迷|咳嗽|呼吸困难|不适|难受|流泪|喉咙|胸闷|刺痛|中毒|倒地)",
            r"\b(feel(s|ing)? (faint|dizzy|ill|sick|unwell|light-?headed|drowsy|woozy|nauseous)|felt (faint|dizzy|ill|sick|unwell)|light-?headed|drowsy|confused and|eyes (are )?(streaming|watering|stinging))"]
STRONG_ODOUR = [r"\b(strong (gas |chemical |fuel )?(smell|odou?r|stench)|(smells?|smelling|reeks?|reeking) (very |really |so |extremely )?strongly|"
                r"(smell|odou?r|stench)( of gas)? (is|was|'s) (very |really |so |extremely )?(strong|overwhelming|unbearable)|overpowering|hiss\w*|roar\w*|(gas|" + CO_DETECTOR_SUBJECT + r") alarm|detector (is )?(going off|sounding|alarming)|alarm (is )?(going off|sounding)|"
                r"alarm:? co\b|co[- ](high|warning)\b|(" + CO_DETECTOR_SUBJECT + r"|gas) (detector|sensor)s? (went off|has gone off|beeping|triggered|activated)|"
                r"(" + CO_DETECTOR_SUBJECT + r"|gas) (detector|sensor|alarm)s?\b[^.;]{0,60}\b(went off|has gone off|goes off|is going off|going off|is beeping|beeping|triggered|tripped|activated|sounding))",
                r"(浓烈|很浓|刺鼻|嘶嘶|报警器|一氧化碳浓度|味道?(很|特别|非常|好|太)(重|浓|冲))",
                # A gas detector alarming at a reading of the lower explosive limit ("CH4 41 %LEL") is H2's gas alarm.
                r"\b\d+(?:[.,]\d+)? ?% ?lel\b"]
# A common area the report says is clear ("the hallway smells normal", "楼道里没有味道"): no odour there (H1, not H2).
_COMMON_AREA_WORD = r"(?:the )?(?:stairwell|staircase|stairway|stairs|corridor|hallway|lobby|basement|cellar|landing|common areas?)s?"
# "The hallway smells normal", "corridor and landing both smell fine", "the stairs downstairs smell fine": one or several
# common areas said clear, also with where they are after them.
COMMON_AREA_CLEAR = re.compile(r"\b(" + _COMMON_AREA_WORD + r"(?:(?:,| and| or|,? and the) " + _COMMON_AREA_WORD + r")*) (?:(?:outside|out there|downstairs|upstairs|below|above) )?(still |also |both )?(smells?|is|are|seems?|looks?)"
                               r"( completely| totally| perfectly| quite)? (normal|fine|ok|okay|clear|clean|fresh)\b"
                               r"|(楼道|楼梯间|楼梯|走廊|地下室|大堂)(里|内)?[^，。；！？]{0,2}(没有?(味|气味|味道|闻到)|闻不到|(一切)?正常|没事)")
COMMON_AREA = [r"\b(stairwell|staircase|stairway|basement|cellar|corridor|hallway|lobby|common area|entrance hall|boiler room|(stair |floor )?landing)", r"(楼道|楼梯间|楼梯|地下室|走廊|大堂)"]
GAS_ODOUR = [r"\b(gas (smell|odou?r|leak)|smell(s|ing)? (of )?gas|gas is leaking|leaking gas|natural gas|odou?r of gas|gas fumes|gas (detector|sensor|monitor|meter)s?|gas alarm|alarm:? co|co[- ](high|warning)s?)\b", r"(煤气味|燃气味|煤气泄漏|燃气泄漏|天然气|煤气|燃气|瓦斯|液化气)",
             # carbon monoxide named in any of its forms (core.hazard_words)
             CARBON_MONOXIDE,
             r"\b(smell\w* (a bit |slightly |faintly |a little |a lot |strongly |really |very )?(like |of )gas|gas(sy)? smell\w*|whiff of gas|gas (is )?(escaping|hissing))",
             # A gas detector's reading of a flammable gas: methane (CH4) or LPG in % of the lower explosive limit.
             r"\b(\d+(?:[.,]\d+)? ?% ?lel|ch4 \d+|methane \d+|lel \d+ ?%)"]

# "the flats above" is spread unless the words after it say those flats are quiet ("have their lights on", "are quiet"):
# the keep-out lists the quiet words, since smoke has many names (fumes, haze, soot, a smell of burning).
# The words between a basement/attic/stairwell and a fire verb that stay in that place (里, 堆的纸箱, 的旧家具): a clause
# break, another floor (四楼), a dwelling (公寓, 那户, 人家), or a seeing or telling verb (看见, 喊, 说) or a move away
# (上来, 下面) ends it -- "楼道里的邻居喊四楼着火了" is a flat fire told from the stairwell, not a fire there.
_ZH_SAME_PLACE = r"(?:(?![一二三四五六七八九十\d]{1,2}[楼层]|公寓|那户|一户|人家|住户|看见|看到|发现|喊|说|上来|下来|下面|上面|出来)[^，。；！？])"
FIRE_SPREAD = [r"\b(in|of) the (basement|cellar|attic|loft)\b[^.;]{0,40}\b(is |are )?(on fire|burning|alight|ablaze)\b",
               # Smoke or fire coming from the attic, the loft or the basement storage is a fire there (row F3).
               r"\b(smoke|flames|fire|it)('s| is| are)? (\w+ ){0,2}(coming|pouring|pushing|billowing|rising|spreading) (out )?(from|of) (the )?(attic|loft|roof space|basement|cellar)\b",
               r"\b((right |up )?against the (wall|facade|façade|side) of the (building|house|block)|(spreading|spread|catching|caught) (to|onto) the (wall|facade|façade|eaves|windows|building|house)|windows (of the (building|house) )?(are )?(cracking|breaking|bursting))",
               r"\b(several (flats|apartments|floors)|(the )?(flat|apartment|floor) above (is |are )?(now |also )?(filling|full of smoke|smoky|on fire|burning|alight)|(?<!there are )(?<!there're )(?<!with )(?<!, )(?<!residential )(?<!office )(flats|apartments|floors) above(?! (the|a|an|our|their|his|her|its|us|them|it|me)\b)(?!,? (is|are) (flats|apartments|residential|offices))(?! (?:have|has|had|are|were|is|was|seem|seems|look|looks) (?:\w+ ){0,2}(?:lights? on|quiet|fine|ok|okay|normal|clear|empty|unaffected|not affected|calm|dark|asleep|safe|no (?:smoke|smell|fire))\b)|upstairs (flats?|apartments?) (are )?(on fire|burning|filling)|flames (from|out of) (the )?windows (on|of) (two|several|more)|(two|several|multiple) floors|can('|no)t use the stairs|stairs (are )?(blocked|impassable)|spread(ing|s)? (to|into|beyond|across|through|up)|has spread|flames? (reaching|spreading)|to the (next|neighbouring|neighboring|adjacent) (flat|apartment|floor|room)|several flats|other flats|upper floors? (are )?(on fire|burning)|fire in the (stairwell|staircase|attic|basement|cellar|loft)|(attic|basement|cellar|loft|storage) (is )?(on )?fire|burning in the (attic|basement|cellar)|(fire|blaze|flames) (has |had )?(started|broke out|began|begun) in the (attic|loft|basement|cellar|stairwell|staircase|storage))",
               r"(蔓延|扩散到|殃及|波及|阁楼起火|地下室起火|楼道起火|楼梯间起火|多户|好几层|楼上.{0,4}(起火|着火|冒烟))",
               r"((地下室|储藏间|储物间|阁楼|楼道|楼梯间)" + _ZH_SAME_PLACE + r"{0,8}(起火|着火|失火|烧起来|烧着了)|烟.{0,4}(进入|进了|灌进|窜进|涌进|冒进).{0,2}(楼道|楼梯间|楼梯))",
               # Smoke or flames coming out of the basement, cellar or attic storage: the fire is there (F3's row).
               r"\b(smoke|flames|fire)\b[^.;]{0,25}\b(from|out of|in) (the )?(basement|cellar|attic|loft)( storage| storage lockers?| storerooms?| lockers?)?\b",
               # ... or from under the roof, out of the eaves or the attic's vents: the attic (round 5).
               r"\b(smoke|flames)\b[^.;]{0,25}\b(from under the (roof|eaves)|(from|out of) (the )?(eaves|(attic|loft|roof) vents?))\b",
               r"((地下室|储藏间|储物间|阁楼)" + _ZH_SAME_PLACE + r"{0,10}(冒烟|冒出.{0,2}烟|窜出.{0,2}火))"]
SMOKE_STAIRWELL = [r"\bsmoke (is )?(pouring|coming|billowing|rolling|pushing) (out )?(of|from) (the )?(\w+ )?(stairwell|staircase|stairway)",
                   r"\bsmoke\b[^.;]{0,25}\b(at|in|into|reach\w*|to) (the )?(bottom|foot|base|top) of (the )?(stairwell|staircase|stairs|stairway)",
                   r"\bsmoke (is |has )?(been )?(getting|got|coming|came|pouring|spreading|spread|rising|going|drifting|seeping|entering|entered|billowing|rolling)( up| out| down)? (into |in |up |down |through |along )?(the |all the )?((?:main|back|front|fire|emergency|spiral|central|service|common) )?(stairwells?|staircases?|stairs|stairways?|corridors?|hallways?)\b",
                   r"(烟.{0,6}(进|窜|飘|冒|灌|涌).{0,3}(楼道|楼梯))",
                   r"\b(smoke (is )?(filling|in|fills) the (stairwell|staircase|stairs|corridor)|(stairwell|staircase|stairs|corridor) (is |are )?(full of|filled with|filling with) smoke|smoky (stairwell|staircase|corridor))", r"(楼道.{0,4}烟|楼梯间.{0,4}烟|浓烟.{0,4}楼道)",
                   r"\b((stairwell|staircase|stairs|stairway|corridor|hallway)s? (is |are )?(now )?(completely |totally |all |pitch |thick )?(black|dark with smoke|smoke[- ]logged|smoky|thick with smoke)|smoke[- ]logged)", r"((楼道|楼梯间|楼梯|走廊).{0,4}(黑|浓烟|全是烟|都是烟)|(楼道|楼梯间|楼梯)[^，。；！？]{0,12}(全是|都是|满是|充满了?)浓?烟)"]
FULLY_INVOLVED = [r"\b(fully involved|fully (alight|ablaze|on fire|in flames)|roof (has )?caught( fire)?|(flames|fire)[^.]{0,25}\b(from|out of) (every|all the) windows?|engulfed|(flames|fire) (are |is )?(coming |pouring |shooting |leaping )?(out of|through|from) the roof|flames (from|on|through|out of) (several|many|multiple|all|the upper) (floors|windows)|through the roof|roof (is )?(on fire|burning|collapsing|alight|ablaze|in flames)|(flames|fire|burning)[^.]{0,40}\bon (the )?(\d+(st|nd|rd|th)?|first|second|third|fourth|fifth|sixth)(,? (and )?(\d+(st|nd|rd|th)?|second|third|fourth|fifth|sixth|seventh)){2,} floors|whole building (is )?(on fire|burning|ablaze)|several floors (are )?(burning|on fire|ablaze)|collapse danger|danger of collapse|may collapse|about to collapse)",
                  r"((整栋|整幢)(楼|大楼|建筑|房子)?.{0,3}(着火|起火|燃烧|烧起来|火海|被火)|全面燃烧|(火|火焰|火苗|明火)从[^，。；]{0,6}屋顶[^，。；]{0,3}(冒|窜|蹿|喷|烧)|(楼|顶楼|顶层)[^，。；]{0,2}整个[^，。；]{0,2}烧起来|(屋顶|楼顶|房顶).{0,3}(冒火|着火|烧起来|窜出火|全是火|都是火|一片火)|多层.{0,3}(燃烧|起火)|(屋顶|楼顶|房顶).{0,3}(燃烧|起火|坍塌)|有坍塌危险|随时可能倒塌|(屋顶|楼顶|房顶|楼|房子)[^，。；]{0,4}(要|快|快要|就要)(塌|倒|垮))",
                  r"\b(flames[^.]{0,30}(windows )?(on|of|from) (every|all|each|several|many) (the )?floors?|every floor (is )?(burning|on fire|alight)|all floors (are )?(burning|on fire|alight)|roof (has )?(fallen|caved|collapsed) in)",
                  r"\b((fire|flames) (on|in|from) (all|every|several|many) (the )?floors|(building|house|block) (is |has started )?(collapsing|falling down|coming down))"]
BETWEEN_BUILDINGS = [r"\b((spread|spreading|jumped|jumping|moving) to (the )?(next|neighbouring|neighboring|adjacent|nearby) (building|house|block)s?|(next|neighbouring|neighboring|adjacent) (buildings?|houses?) (are |is )?(now )?(on fire|burning|catching fire|alight)|(two|several|three|many|both) (buildings|houses|blocks) (are )?(now )?(all )?(on fire|burning|ablaze|alight)|row of (houses|buildings)|(spread|spreading|spreads|jumped|jumping|moving|reached|reaching|caught) (from [^.,;]{1,30} )?to the (building|house|block)s? next door|next-door (building|house|block)s? (is |are )?(now )?(on fire|burning|alight|catching)|spread(ing)? (to|across) (the )?(neighbouring|neighboring|adjacent|next|other) (buildings?|houses?|blocks?)|several buildings|across the block|whole block|block fire|neighbouring buildings? (are )?(on fire|burning|catching))",
                     r"(多栋|相邻建筑|邻近建筑|整个街区|蔓延到.{0,4}(楼|建筑))",
                     r"\b((into|reached|reaching|caught|to) the (\w+ of the )?(next|neighbouring|neighboring|adjacent) (buildings?|houses?)|both (roofs|buildings|houses) (are )?(now )?(burning|on fire|alight|ablaze)|embers (are )?(landing|falling|raining) on)", r"((烧到|蔓延至|蔓延到|殃及|波及).{0,4}(隔壁|旁边|邻).{0,3}(楼|建筑|房)|(两|几|好几)栋.{0,4}(起火|着火|燃烧|烧起来|烧着)|火星.{0,4}落|从一栋.{0,3}(烧|蔓延|窜)到|屋顶连着烧)",
                     r"\b((jumped|spread|spreading|moved|gone|going|crossed|leapt) (to|into|across) (the )?(building|house|block)s? next door|(building|house) next door (is |has )?(now )?(on fire|burning|alight|caught fire|ablaze)|(spreading|moving|burning) along the (block|row|street))",
                     r"\b((spread|spreading|spreads|jumped|jumping|moved|leapt) to [^.]{0,30}(neighbouring|neighboring|adjacent|next|nearby) (buildings|houses|blocks|building|house))"]
# A lock's cylinder (a locksmith "changing the cylinders on the doors") holds no gas.
CYLINDERS = [r"\b(acetylene|propane|lpg|butane|gas (cylinders?|bottles?|canisters?)|(?<!lock )(?<!door )cylinders?(?! (on|of|in|for) (the |a |an )?(\w+ )?(doors?|locks?)\b))\b",
             r"(乙炔|丙烷|液化气|液化石油气|气瓶|煤气罐|燃气罐|(?<!油)气罐)",
             GAS_CYLINDERS]  # Finnish and Swedish too ("kaasupulloja", "gasflaskor": trial s19)
TANK_VEHICLE = [r"\b(tanker|tank truck|fuel truck|road tanker|tank car|storage tank|(bulk|storage|underground|depot) (fuel )?tanks?|fuel depot)", r"(槽罐车|油罐车|罐车|储罐|油罐)"]
# 火 in a word that names no fire (火锅 hot pot, 火车 train, 火腿 ham, 火鸡 turkey, 火柴 matches, 火山 volcano) is none.
_FIRE_ZH = "火(?!锅|车|腿|鸡|柴|山)"
# Finnish and Swedish "it burns" ("kioski palaa", "kiosken brinner": trial s19 read the Swedish kiosk fire as no fire);
# "palaa" followed by a destination ("palaa asemalle": returns to the station) is no fire.
_FIRE_NORDIC = r"\b(brinner|brand(en)?|eld(en)?|lågor|tulipalo\w*|liekeissä|palaa\b(?!\s+\w+(lle|aan|ään|seen|een)\b)|palava\w*)"
FIRE_WORDS = [r"\b(fire|flames?|burning|ablaze|on fire|blaze|smoke)\b", rf"({_FIRE_ZH}|燃烧|烟)", _FIRE_NORDIC]
ALARM_ONLY = [r"\b(fire alarm|smoke alarm|alarm (is )?(ringing|going off|sounding)|alarm only|false alarm)", r"(火警铃|烟雾报警|报警响)"]
TRAPPED = [r"\b((shouting|screaming|calling|yelling|waving|crying) (out )?(from|at|out of) (the |an |their )?(\w+ )?(windows?|balcon(y|ies))|on (the|a|their) (\w+ )?(floor )?balcon(y|ies))",
           r"\b(trapped|people (are )?(on|at) (the )?balcon(y|ies)|waving (from|at)|cannot get out|can't get out|can not get out|stuck (on|in|inside)|unable to (get out|leave|escape)|cut off|calling for help from (the )?(window|balcony)|at the window|on the balcony)", r"(被困|困在|出不来|无法逃生|呼救)",
           r"\b((out )?on (the |their |her |his )?balcon(y|ies)|(shouting|screaming|calling|yelling|crying|waving) (out )?for help|can(no|')t get (out|down)|no way out)", r"(阳台上.{0,6}(喊|叫|挥手)|下不来)"]

# Finnish and Swedish reports of the building rows (session 20, dev15: a care home's gas leak in Swedish read as H11,
# a Finnish attic fire with smoke in the stairwell as F2): gas smelt, symptoms, the stairwell, the cellar and the attic,
# with their case endings (porraskäytävässä, kellarissa, ullakolla; trapphuset, källaren, vinden). Words inside the
# clause that deny it (ei, ingen, inte, ilman) keep it unread: "Rappukäytävässä ei ole savua" is a clear stairwell.
_NORDIC_DENIED = r"(?:(?!\b(?:ei|eikä|ingen|inte|inga|ilman|men|mutta|fritt|vapaa)\b)[^.;!?])"
_NORDIC_STAIRWELL = r"(?:porras|rappu)käytäv\w*|trapphus\w*|trappuppgång\w*"  # not "trappan", "rappuset": the steps outside too
_NORDIC_STORE = r"kellari\w*|ullakol\w*|ullako\w*|vintti\w*|varasto\w*|källar\w*|vinden|vindsförråd\w*|förrådet"
_NORDIC_SMOKE = r"savu\w*|rök\w*"
NORDIC_GAS_ODOUR = (r"\b(kaasun ?haju\w*|haisee (\w+ )?kaasu\w*|kaasu(a)? (haisee|vuotaa)|kaasuvuo\w*|"
                    r"gaslukt\w*|lukt(ar|ade)? (\w+ )?(av )?gas\b|gasläck\w*|gas(en)? läcker)")
NORDIC_STRONG_ODOUR = r"\b(voimakas (\w+ )?haju|haisee (voimakkaasti|pahasti)|pistävä haju|sihisee|stark(a|t)? (\w+)?lukt\w*|luktar (väldigt |mycket )?starkt|väser)\b"
NORDIC_SYMPTOMS = (r"\b((är|känner sig|kände sig|blev|blivit) (\w+ )?yr(a)?|illamående|medvetslös\w*|svimma\w*|hostar|"
                   r"huima(a|si|us\w*)|pyörty\w*|tajuto\w*|tajuttom\w*|yskii|yskivät|pahoinvoi\w*|päänsär\w*)\b")
NORDIC_COMMON_AREA = r"\b(" + _NORDIC_STAIRWELL + r"|kellari\w*|källar\w*|käytävä\w*|korridor\w*)"
NORDIC_INDOOR = r"\b(" + _NORDIC_STAIRWELL + "|" + _NORDIC_STORE + r"|asunno\w*|lägenhet\w*)"
NORDIC_SMOKE_STAIRWELL = (r"\b(" + _NORDIC_STAIRWELL + r")" + _NORDIC_DENIED + r"{0,40}\b(" + _NORDIC_SMOKE + r")"
                          r"|(?<!ingen )(?<!inga )\b(" + _NORDIC_SMOKE + r")" + _NORDIC_DENIED + r"{0,40}\b(" + _NORDIC_STAIRWELL + r")")
# Fire in the cellar, the attic or the stairwell: "kellarissa palaa", "palaa ullakolla", "det brinner i källaren".
NORDIC_FIRE_THERE = (r"\b(" + _NORDIC_STAIRWELL + "|" + _NORDIC_STORE + r")\s+(\w+\s+)?palaa\b|\bpalaa\s+(\w+\s+)?(" + _NORDIC_STAIRWELL + "|" + _NORDIC_STORE + r")"
                     r"|\bbrinner\s+(\w+\s+)?(på|i)\s+(" + _NORDIC_STAIRWELL + "|" + _NORDIC_STORE + r")|\b(vinden|källaren|trapphuset|förrådet)\s+brinner"
                     r"|\b(" + _NORDIC_SMOKE + r")\s+(\w+\s+){0,2}((från|ur)\s+(vinden|vindsförrådet|källaren|källarförrådet|förrådet)|kellarista|ullakolta|vintiltä|varastosta)\b")
NORDIC_TRAPPED = (r"\b((on |ovat )?(jäänyt|jääneet|jäi) (\w+ ){0,2}(sisälle|loukkuun|kerroksiin|kerrokseen|asuntoon\w*)|eivät pääse ulos|ei pääse ulos|loukussa|"
                  r"instängd\w*|kommer inte ut|sitter fast|är fast (på|i))")

GAS_ODOUR = GAS_ODOUR + [NORDIC_GAS_ODOUR]
STRONG_ODOUR = STRONG_ODOUR + [NORDIC_STRONG_ODOUR]
SYMPTOMS = SYMPTOMS + [NORDIC_SYMPTOMS]
COMMON_AREA = COMMON_AREA + [NORDIC_COMMON_AREA]
INDOOR = INDOOR + [NORDIC_INDOOR]
SMOKE_STAIRWELL = SMOKE_STAIRWELL + [NORDIC_SMOKE_STAIRWELL]
FIRE_SPREAD = FIRE_SPREAD + [NORDIC_FIRE_THERE]
TRAPPED = TRAPPED + [NORDIC_TRAPPED]

OUTDOOR_FIRE_OBJECT = [r"\b(car|cars|vehicle|bin|bins|rubbish|trash|garbage|waste (container|bin)|recycling|dumpster|skip|container|kiosk|grass|bush|bushes|hedge|scooter|bike|bicycle|moped|motorcycle|boat|bonfire|newspaper stand|market stall|stall|shed|tent|pallets|tyres|tires|barbecue|grill|hay|leaves|christmas tree|bus|tram|vans?|minibus|lorry|lorries|trucks?|taxi|caravan|motorbike)\b(?! park)", r"((一|那|这|某)辆车|汽车|车辆|小车|轿车|垃圾桶|垃圾箱|垃圾|报刊亭|草地|草坪|摩托车|电动车|自行车|货摊|帐篷|棚子|轮胎|公交车)"]

# Flames or smoke in or out of a window, a door or a balcony of a building (a floor's window, "the window on the third
# floor"): the fire is inside that building, wherever the caller stands ("standing outside the bank, flames in a window") and whatever
# vehicle their job names. A vehicle's window or door is not a building's.
WINDOW_FIRE = [r"\b(flames?|fire|smoke)\b[^.;!?]{0,30}?\b(in|from|out of|through|behind|at) (a|an|the|one|two|some|several|their|his|her) (?!(?:car|van|bus|tram|truck|lorry|taxi|vehicle)\b)([\w-]+ ){0,2}?windows?\b"
               r"|\b(flames?|smoke)\b[^.;!?]{0,30}?\b(from|out of|through|under) (a|an|the|their|his|her) (?!(?:car|van|bus|tram|truck|lorry|taxi|vehicle)\b)([\w-]+ ){0,2}?(doors?|doorway|balcon(y|ies))\b"
               r"|\b(windows?|balcon(y|ies)) (on|of) the \w+ floor (is |are )?(full of|pouring|belching|blowing) (smoke|flames)",
               r"((?<!车)窗(户|口|子)?|阳台|门缝|大门)(里|内|中|上)?[^，。；！？]{0,4}(冒烟|冒火|喷火|窜火|着火|冒出(浓)?烟|冒出火|往外(冒|喷|窜)(烟|火))"]

# A window or door the caller watches an outdoor fire from or through ("I can see it from the office window"), or one
# that only reflects it, holds no fire: only flames or smoke coming out of it do (a seeing word voids a "from" /
# "through" reading unless an emission verb says the fire comes out; a reflection voids any).
WINDOW_SEEN = re.compile(r"\b(see|sees|saw|seen|seeing|watch\w*|look\w*|view\w*|spot\w*|visible|notic\w*|film\w*)\b")
WINDOW_REFLECTED = re.compile(r"\b(reflect\w*|mirrored)\b")
WINDOW_VANTAGE = re.compile(r"\b(from|through)\b")
# In Chinese the seeing or the reflection sits between the window and the fire ("从窗户看到对面冒烟", "窗玻璃上映着火光").
WINDOW_SEEN_ZH = re.compile(r"(看到|看见|望见|瞧见|看着|映|反射)")
# Smoke that comes IN through a window ("blowing in through the kitchen windows") is a fire outside getting into the
# building, not one in it.
WINDOW_INWARD = re.compile(r"\b(?:\w+ing|came|comes|got|gets|blew|blows|poured|pours|drifted|drifts)\s+in\s+(?:through|via|at|by)\b")
WINDOW_EMITTED = re.compile(r"\b(coming|came|comes|pouring|poured|billowing|pushing|shooting|leaping|blowing|belching|escaping|rising|licking|out of)\b")
# Vehicles the outdoor-setting words name (a lorry, a bus): where a report also names a place inside a building ("a lorry
# on fire in the loading bay inside the warehouse"), the vehicle is in that building, not in the street.
VEHICLE_WORDS = re.compile(r"\b(lorry|lorries|trucks?|tankers?|vans?|bus|buses|trailers?)\b")
# A weak or done negation before gas said to get in ("hardly any smell getting into the shop", "we stopped the smell
# coming into the cafe"): the gas does not enter.
GAS_KEPT_OUT = re.compile(r"\b(hardly|barely|scarcely|little|not much|stopped|stopping|stop|prevented|preventing|prevent|kept|keeping|keep|blocked|blocking|sealed)\b[^.;,!?]{0,30}$")

# Gas or its smell said to get into a building from the street ("the smell is getting into the cafe next to it",
# "煤气味飘进了店里"): H5's "a building the gas enters is H2".
GAS_ENTERS = [r"\b(gas|smell|odou?r|fumes)\b[^.;!?]{0,20}?\b(?<!not )(?<!n't )(?<!never )(getting|coming|seeping|drifting|leaking|spreading|blowing|going|got|came|seeped|drifted) (into|inside) (the |a |an |our |their |my )?(\w+ )?"
              r"(cafe|café|shop|store|restaurant|bar|pub|office|offices|building|house|flats?|apartments?|school|hotel|bank|pharmacy|library|lobby|stairwell|basement|cellar|kitchen|day-?care)s?\b",
              r"(煤气|燃气|天然气|气味|味道|臭味)[^，。；！？没不]{0,6}(飘|传|钻|渗|灌|跑)(进|到|入)了?[^，。；！？]{0,6}(店|楼|屋|家|室|厅|馆|房)"]

TIH = {"chlorine": [r"\bchlorine\b", r"(氯气|氯)"], "ammonia": [r"\bammonia\b", r"(氨气|氨)"],
       "other_tih": [r"\b(hydrogen sulphide|hydrogen sulfide|h2s|sulphur dioxide|sulfur dioxide|so2|phosgene|hydrogen cyanide|hcn|hydrogen chloride|toxic gas|poison(ous)? gas)\b", r"(硫化氢|二氧化硫|光气|氰化氢|氯化氢|有毒气体|毒气)"]}
# The toxic gas of "other_tih" by name, as the protective action says it: the table's distances are chlorine's (the
# most protective small-spill row), but the gas named is the one reported, never chlorine (trial 17: an H2S alarm read
# as "small chlorine release"). A toxic gas named by no name is "unidentified toxic gas".
TIH_NAMES = [("hydrogen sulphide", [r"\b(hydrogen sulphide|hydrogen sulfide|h2s)\b", r"硫化氢"]),
             ("sulphur dioxide", [r"\b(sulphur dioxide|sulfur dioxide|so2)\b", r"二氧化硫"]),
             ("phosgene", [r"\bphosgene\b", r"光气"]),
             ("hydrogen cyanide", [r"\b(hydrogen cyanide|hcn)\b", r"氰化氢"]),
             ("hydrogen chloride", [r"\bhydrogen chloride\b", r"氯化氢"])]
FLAMMABLE_GAS = [r"\b(ch4|propane|butane|lpg|natural gas|gas (pipe|line|main|service)|gas leak|leaking gas|acetylene|hydrogen|methane|gas cylinder|gas bottle|gas)\b", r"(丙烷|丁烷|液化气|天然气|燃气|煤气|乙炔|氢气|甲烷)"]
FLAMMABLE_LIQUID = [r"\b(petrol|gasoline|diesel|fuel|kerosene|paraffin|solvent|thinner|paint|ethanol|alcohol|oil|heating oil|jet fuel|acetone|flammable liquid)\b", r"(汽油|柴油|燃油|煤油|溶剂|稀释剂|油漆|酒精|乙醇|丙酮|易燃液体|漏油|油箱|机油)"]
CORROSIVE = [r"\b(acid|lye|caustic|sodium hydroxide|sodium hypochlorite|hypochlorite solution|bleach|corrosive|battery acid|sulphuric|sulfuric|hydrochloric)\b", r"(酸|碱液|烧碱|氢氧化钠|次氯酸钠|漂白|腐蚀)"]
SOLID = [r"\b(powder|granules|pellets|solid|dust)\b", r"(粉末|颗粒|固体)"]
INDOOR_CHEMICAL = [r"\b(chemical (smell|odou?r|fumes|vapou?rs?)|chemicals? (spilled|leaked|released|reacting)|bleach (and|with|mixed)|disinfectant|pool chemicals?|chlorine (tablets|granules)|laboratory|lab\b|mixed (cleaning|chemicals)|cleaning (agents|products|chemicals)|chemical (spill|leak|release|reaction))", r"(泳池.{0,3}化学品|实验室|清洁剂|消毒剂|漂白剂|化学品泄漏|化学品|试剂)",
                   r"\b(pepper spray|tear gas|irritant spray|cs gas|mace)\b", r"(辣椒水|辣椒喷雾|催泪)"]
UNKNOWN_MATERIAL = [r"\b(unknown (substance|liquid|material|chemical|powder|gas)|unidentified|unlabell?ed|strange (smell|liquid|substance|powder|gas|cloud|fumes|vapou?r|mist)|suspicious (liquid|powder|substance)|mystery|some (kind|sort) of (liquid|chemical|substance|powder|gas|residue|crystals|goo)|some (liquid|chemical|substance))", r"(不明(液体|物质|气体|粉末|化学品|物体)|没有?标签|无标签|未知物质|奇怪的(气味|液体|粉末)|异味|刺激性气味)"]
CLOUD = [r"\b(cloud|plume|mist|vapou?r cloud|fog of|yellow(ish)?[- ]green (gas|cloud)|white cloud|visible gas)\b", r"(云团|烟团|毒雾|气团|黄绿色|烟雾弥漫|白雾|雾状)"]
EXPLOSIVE_14 = [r"\b(fireworks?|pyrotechnics?|flares|ammunition|cartridges|(division|class) 1\.4)\b", r"(烟花|爆竹|烟火)"]
EXPLOSIVE_1X = [r"\b(explosives|dynamite|detonators?|tnt|blasting (caps|explosives|agent)|(division|class) 1\.[1235])\b", r"(炸药|雷管|爆破器材)"]
MATERIAL_BURNING = [r"\b(on fire|burning|ablaze|flames|fire)\b", rf"(起火|着火|燃烧|{_FIRE_ZH})", _FIRE_NORDIC]

STRUCT_ELEMENT = [r"\b(balcony|balconies|canopy|facade|façade|cladding|panels?|scaffolding|cornice|chimney|railing|awning|bay window|eaves|parapet|plaster (chunks|pieces)|stone (pieces|chunks)|sign)\b", r"(阳台|雨棚|外墙|幕墙|脚手架|烟囱|栏杆|墙皮|招牌|檐)"]
# An element that has failed (fallen, broken off): E1 even on a building said to be sound ("no cracks inside").
STRUCT_ELEMENT_FAILED = [r"\b(balcony|balconies|canopy|facade|façade|cladding|scaffolding|cornice|chimney|railing|awning|bay window|eaves|parapet)( \w+)?\b[^.]{0,60}\b(fell|fallen|falls|falling|came down|come down|collapsed|came off|broke off|broken off|dropped|gave way|crashed)\b",
                         r"(阳台|雨棚|外墙|幕墙|脚手架|烟囱|栏杆|檐)[^，。；]{0,8}(掉|坠|塌|脱落|砸)"]
STRUCT_PARTIAL = [r"\b(partial(ly)? collaps\w*|part of the (\w+ )?(roof|floor|building|wall|ceiling)|(back|rear|front|side|corner|upper|top|end|courtyard|street)[- ]?(part|section|half|wing|end) of (the |number |no\.? ?)?[\w ]{0,20}?\b(has |have |had )?(collapsed|caved in|fallen in|fallen down|fell down|came down|come down|gave way|given way)|(roof|floor|wall|ceiling|stair(case|s)?) (has |have )?(collapsed|caved in|fallen in|came down|come down|gave way)|collapsed (roof|floor|wall|ceiling))", r"(部分坍塌|部分倒塌|屋顶塌|楼板塌|墙体倒塌|天花板塌)"]
STRUCT_THREAT = [r"\b(party wall|could (spread|bring down|take down) (to )?the (next|neighbouring|neighboring|adjacent)|(next|neighbouring|neighboring|adjacent) (buildings?|houses?) (may|could|might) (collapse|come down|fall)|neighbouring|neighboring|adjacent|next) (buildings?|houses?|blocks?) (is |are )?(cracking|threatened|at risk|leaning|damaged)|shared walls? (are |is )?(crack\w*|bulging)|walls? of the (neighbouring|neighboring|adjacent|next) (buildings?|houses?) (are |is )?crack\w*|threaten\w* (the )?(neighbouring|neighboring|adjacent|next)", r"(相邻.{0,6}(开裂|危险|受损)|邻近.{0,6}(开裂|危险|受损)|隔壁.{0,6}(开裂|危险))",
                 r"\b((building|house|block) next door[^.]{0,60}(crack\w*|lean\w*|bulg\w*|jammed)|shares? (that|the|a|its) (party )?wall[^.]{0,60}(crack\w*|lean\w*|bulg\w*|jammed)|"
                 r"wall (it|that|which|they) shares? with[^.]{0,60}(crack\w*|lean\w*|bulg\w*|jammed)|(shared|common|dividing) wall[^.]{0,40}(crack\w*|lean\w*|bulg\w*))",
                 r"((共用|相连|隔壁)的?(墙|墙体)[^，。；]{0,8}(裂|开裂|鼓|倾斜))"]
FULL_COLLAPSE = [r"\b(explo\w+[^.]{0,60}(?:collaps\w*|(?:came|has come|had come|have come) down|caved in|fell in)|collaps\w*[^.]{0,60}explo\w+|explosion (has )?collaps\w*|collapsed in an explosion|gas explosion|(whole|entire) building (has )?collapsed|totally collapsed|complete(ly)? collaps\w*|building (has )?collapsed completely)", r"(整栋.{0,3}倒塌|整栋.{0,3}坍塌|爆炸.{0,6}(倒塌|坍塌)|大楼倒塌|完全倒塌)",
                 r"\b((bang|blast|boom|detonation)[^.]{0,80}(collaps\w*|came down|come down|fell down|caved in|blown out))", r"((巨响|爆炸).{0,12}(塌|倒))"]
GROUND = [r"\b(sinkhole|ground (has )?(collapsed|caved in|gave way)|(road|street|pavement|asphalt)( surface)? (has )?(dropped|sunk|subsided|sagged|given way|gave way)\b[^.]{0,30}\b(hole|pit|crater|cavity)|(dropped|sunk|fallen|caved) into a (hole|pit|crater)|excavation (has )?collapsed|collapsed excavation|hole in the (street|road)|road (has )?(collapsed|caved in)|street (has )?(collapsed|caved in)|trench collapse|(trench|excavation|pit|ditch|dig)\b[^.]{0,60}\b(has |had )?(caved in|collapsed|fallen in|gave way|given way))", r"(地面塌陷|路面塌陷|塌陷|天坑|基坑坍塌|(路|路面|马路|街|地面|人行道|广场)[^，。；]{0,6}塌(了|出)[^，。；]{0,4}(坑|洞))",
          # "<street>上突然塌了一个大坑": a pit opened, said without a word for the ground (not a wall's or roof's hole: 墙塌了个洞)
          r"((?<![墙楼顶屋房])塌(了|出)(一个|个)?(大|深)?(坑|洞)|(出现|陷下去|陷出|冒出)了?(一个|个)?(大|深)(坑|洞))",
          r"\b((hole|crater|cavity|void) (has )?(opened|appeared|formed|opened up)( up)? in the (street|road|pavement|ground|square|car park)|(road|street|pavement|ground) (has )?(sunk|subsided|opened up))"]
TREMOR = [r"\b(tremor|earthquake|quake|shaking|shook)\b", r"(地震|震感|摇晃|晃了|晃动|震动)"]
# "No structural damage" said outright: a tremor's fallen plaster is not a failed building element.
NO_STRUCTURAL_DAMAGE = [r"\b(no (structural |visible |real )?damage|no cracks|buildings? (are |is )?(intact|undamaged|fine))", r"(没有.{0,4}(损坏|损伤|裂缝)|无.{0,4}(损坏|损伤)|结构完好)"]
# An unidentified material described by its look: an unknown (ERG 111), unless a material is named.
UNKNOWN_LOOK = [r"\b(white|grey|gray|brown|yellow|green|black|blue|strange|odd|oily|sticky) (powder|substance|liquid|goo|crystals|slime|residue)\b", r"(白色|黄色|不知名).{0,2}(粉末|液体|物质)"]
MINOR_DAMAGE = [r"\b(cracked plaster|plaster (cracks|fell)|fallen objects|things fell|items fell|objects fell|no (structural )?damage|shelves|hairline cracks?|fine cracks?|small cracks? in the plaster)",
                r"(墙皮|物品掉落|没有损坏|细裂纹|细小裂纹|细缝|小裂缝|发丝裂缝|(书|东西|物品|杯子|盘子|花瓶).{0,4}(掉|摔|落)(下来|了|在地)|书架)"]

FALLING = [r"\b(crane (is )?(swaying|unstable)|billboard|advertising sign|glass (panes? )?(falling|loose)|window panes?|snow (is )?(sliding|falling)|ice (is )?(sliding|falling)|icicles|snow load|roof tiles?|tiles? (are )?(falling|loose|sliding)|(could|may|might|about to|threaten(s|ing)? to) (fall|come down|collapse|blow (off|away|down))|(is|are) (falling|coming loose|flapping|swaying|hanging loose)|loose|branch(es)? (fell|falling|hanging|broken)|trees? (fell|has fallen|have fallen|blown over|toppled|uprooted|(came|has come|come|crashed|went) (down|over))|blown (over|down|off)|sign (fell|falling|blown)|snow (and ice )?(from|falling from|sliding off) (the )?roofs?|ice (falling|from the roof)|(ice|snow)\b[^.]{0,20}\b(fell|falling|falls|fall|sliding|slid|came down|coming down) (off|from) (the )?roofs?|icicles?|loose roof (sheets?|panels?)|roof (sheets?|panels?) (are )?(loose|flapping)|swaying scaffolding|scaffolding (is )?(swaying|loose|collapsing)|signs? (is |are )?(loose|swaying|falling)|trees? (is |are )?(about to fall|leaning|falling|fallen|down)|falling (objects|debris|ice|snow|branches|trees?)|fallen tree|uprooted)", r"((冰|雪|冰块|积雪|瓦片?|砖)[^，。；]{0,6}从?(屋顶|楼顶|房顶|屋檐)[^，。；]{0,3}(掉|落|滑|砸)|(屋顶|楼顶|房顶|屋檐)[^，。；]{0,8}(冰|雪|冰块|积雪|瓦片?|砖)[^，。；]{0,14}(掉|落|滑|砸)|屋顶.{0,3}(积雪|冰)|冰柱|冰凌|招牌.{0,3}(松动|摇晃|掉落|坠落)|脚手架.{0,3}(摇晃|松动)|树.{0,3}(倒|倾斜)|树枝|坠物|高空坠落|掉落|坠落|松动|随时可能掉|被风吹.{0,3}(掉|落|倒)|冰溜子|广告牌|玻璃.{0,3}(掉|松|坠)|塔吊)",
           r"\b((ice|snow)( and (ice|snow))? (is |are )?(sliding|falling|coming|crashing|dropping) (off|down|from)|chunks of (ice|snow|concrete|plaster|stone|glass)|(sliding|falling|dropping) off the roof)",
           # Something the wind tore loose and threw, or that hit someone: damage at a site, never SW1's "no damage" (trial
           # s20 M2: a roof blown onto the street onto a cyclist got "go or stay indoors"). en, zh, fi, sv.
           r"\b((roof(ing)?|sheet( metal)?|tiles?|panels?|signs?|branch(es)?|trees?|scaffolding|hoarding|fence|chimney)\b[^.;!?]{0,40}\b(blew|blown|ripped|torn|tore|flew|flying|thrown|came) (off|onto|into|down|across|loose)"
           r"|(ripped|tore|blew|torn|blown) (a |the |some )?(\w+ )?(of )?(roof(ing)?|sheet|panel|sign|branch)\w* (off|loose|down)"
           r"|(hit|struck|landed on|fell on|crushed) (a |the |an )?(cyclist|pedestrian|passer-?by|man|woman|person|child|car|someone|somebody|people))\b",
           r"((屋顶|房顶|屋面|铁皮|彩钢板|瓦片?|招牌|广告牌|树枝?|脚手架|围挡|烟囱)[^，。；！？]{0,8}(被)?(风)?(吹|刮)(到|落|掉|倒|飞|下|翻)|(风|大风|狂风|暴风)把[^，。；！？]{0,10}(吹|刮)(到|落|掉|倒|飞|下|翻)|砸(中|到|伤|倒)(了)?)",
           r"\b((myrsky|tuuli|puuska)\w* (repi|kaatoi|lennätti|irrotti)|osui (\w+ )?(pyöräilijään|jalankulkijaan|ihmiseen|mieheen|naiseen|autoon|lapseen)|(stormen|vinden) (slet|rev|blåste|kastade)|träffade (en|ett) (cyklist|fotgängare|man|kvinna|barn|bil))"]
STORM_DAMAGE = [r"\b(storm (has )?(damaged|wrecked|destroyed)|(damaged|wrecked) by the (storm|wind|gale)|roof (has been |was )?(damaged|destroyed|blown away)|broken windows on|roof (was |has been |is )?(torn|ripped|blown) (off|away)|(tore|ripped|blew) (off )?the roof|windows (were |have been |are )?(blown|smashed|shattered) (in|out)|windows on several floors|building (is |has become )?(unsafe|uninhabitable)|storm damage to the building|wall (was |has been )?blown (in|down|out))", r"(屋顶被.{0,2}(掀|吹)|掀翻.{0,3}屋顶|窗户被.{0,2}(吹|震)|窗户.{0,3}(破碎|碎裂)|(几|多|好几|数|每)层楼?的?(玻璃|窗户|窗)[^，。；！？]{0,3}(吹|震|砸)(碎|破|坏|掉)|建筑受损严重|房屋.{0,3}不安全|楼房.{0,3}危险)",
                r"\b((torn|ripped|blown|tore|ripped|blew|peeled|peel(s|ing)?) (off |back |open )?(half |part of |most of |the whole |a (whole |large |big )?(section|part|piece|chunk) of )?(of )?the roof(?! ?(sheet|sheeting|panel|tile|felt|covering|edge))( off| back| open)?|roof (has been |was |is )?peeled (back|off|open)|open to the sky|ceilings? (are |is )?(sagging|coming down)|(blown|blew|smashed|shattered) (in )?(the |all the )?windows (in|out)\b)", r"(屋顶.{0,4}(掀|吹)(掉|走|开)|露天了)",
                r"\b((blew|blown|smashed|broke|shattered) (out|in) (the |all the |several )?windows|windows of [^.]{0,40} on (several|many|all) floors|windows (on|of) (the )?[^.,]{0,30}floors? (are |were |have been |got )?(blown|smashed|shattered) (in|out))"]
WEATHER = [r"\b(storm|gale|thunder\w*|lightning|hail|blizzard|heat ?wave|extreme (heat|cold)|frost|cold snap|hurricane|strong wind|high winds?|wind warning)\b", r"(暴风|大风|雷暴|雷电|冰雹|暴雪|高温|严寒|寒潮|台风|大风预警)"]

ATTACKER = [r"\b(active (shooter|attacker)|(?<!flames )(?<!flames are )(?<!fire )(?<!sparks )shooting(?! (out|up|from|through|into the (sky|air)))|shots fired|gunman|gunfire|firing at people|stabbing|stabbed|knife attack|attacking people|(waving|brandishing|swinging|slashing with|threatening people with) (a |an |his |her )?(\w+ )?(gun|rifle|pistol|firearm|shotgun|knife|machete|axe|sword)\b|(slashing|lunging|swinging|stabbing) at (people|passers-?by|pedestrians|anyone|everyone)|running amok|rampage|armed (man|person|attacker|men) (is )?(attacking|running|at large|moving|loose))", r"(枪击|开枪|持枪|持刀伤人|砍人|行凶|捅人|砍伤|刺伤|捅伤|追砍|追着.{0,3}(砍|捅|刺)|见人就(砍|捅|刺|打)|(拿|举|挥)着.{0,3}(刀|斧|枪).{0,4}(追|砍|捅|刺|伤)|(男|女|人|男子|女子|家伙|歹徒)[^，。；]{0,2}(拿着|持|举着|挥着|挥舞着)[^，。；]{0,2}(刀|斧|枪|砍刀))",
            r"\b(fir(e|es|ed|ing)|shoot(s|ing)?|shot) (a |an |his |her |the )?(gun|rifle|pistol|shotgun|weapon|shots)\b",
            r"\b(firing|shooting) (at|into) (people|the crowd|passers-?by|pedestrians|cars|the street)",
            r"\b((man|woman|person|someone|somebody|youth|guy|men|people) (with|carrying|waving|brandishing|armed with) (a |an )?(long |big |large |small |kitchen |hunting )?(gun|rifle|pistol|firearm|shotgun|knife|machete|axe|sword)|armed (man|person|woman|men|attacker|suspect)s?)"]
BARRICADE = [r"\b(barricaded(?! themselves| ourselves| the(ir)? doors?| in (the )?classrooms?)|hostages?|holed up|refuses to come out|(holding|holds|is holding|keeping|held) (his|her|their|a|an|the) [\w-]+( [\w-]+)? (hostage|captive|in (the|their|his|her|a) (flat|apartment|house|home|room))|locked himself|locked herself|armed (man|person|woman) (is )?(in|inside) (a|the|his|her) (flat|apartment|building|house))", r"(劫持|挟持|人质|拒不出来|反锁|把自己.{0,10}(关|锁)在|(关|锁)在(屋|房间|家|屋子|公寓)里(不出来)?)"]
FIREARM = [r"\b(gun|guns|firearm|rifle|pistol|shooting|shots|shotgun|gunman|gunfire|armed with a gun)\b", r"(枪)"]
OTHER_WEAPON = [r"\b(knife|knives|machete|axe|sword|blade|stabbing|stabbed|bat\b|hammer)", r"(" + ZH_KNIFE_WEAPON + r"|斧|砍)"]
DISORDER = [r"\b(riot|rioting|disorder|brawl|mass fight|unrest|crowd (is )?(throwing|violent)|looting|demonstrators? (clashing|throwing)|hooligans)", r"(骚乱|暴乱|斗殴|群殴|打砸)"]
SUSPICIOUS = [r"\b(suspicious|unattended|abandoned|left behind|left (in|on|at|under|by|next to)|unclaimed|ownerless|nobody claims|no one claims|ticking|wires? (sticking|visible|protruding|coming out)|visible wir(es|ing)|with wires|device|pipe bomb|ied|explosive device|alarm clock|timer attached|(taped|duct-taped|wrapped in tape|tied) together|bomb (was |has been )?(found|seen|spotted))", r"(可疑|无人看管|无人认领|没有?人认领|没有?人认识|没有?人认得|(闹钟|定时器|计时器)|胶带(缠|绑|捆)|里面有电线|遗留|遗弃|被人丢下|露出电线|电线外露|滴答|爆炸装置|疑似炸弹|发现炸弹)",
              # Nobody with it is "unattended" said in other words; an item the staff say is not lost property is not
              # "typical lost property" (PS1's own exclusion).
              r"\b((with )?(nobody|no one|no-one) (around|near|nearby|with|next to) it|(is |was |it's )?not (a )?(piece of )?lost property|not (a )?lost (item|bag|case))\b",
              r"((?<=周围|旁边|附近|四周)没有?人(?=[，。；！？,.;!?\s]|$|看管|管)|不是(遗失物|失物|丢失的))",
              # the same item in Finnish or Swedish ("hylätty laukku", "övergiven väska": trial s19)
              UNATTENDED_ITEM]
BOMB_THREAT = [r"\b(bomb threat|threat(ened)? to (blow up|bomb|set off)|there('s| is) a bomb|a bomb (is |has been )?(planted|placed|hidden)|phoned in a threat|received a threat|threatening (call|message)|bomb warning|(caller|someone|a man|a woman|message|e-?mail|letter|post|text|call)( [\w.:]+){0,6} (says|said|saying|claims|claimed|claiming|warns|warned|warning|threatens|threatened|stating)[^.]{0,40}(bomb|explosive|blow)|(bomb|device|explosives?) (is |are )?(set to|going to|will) (go off|explode|detonate)|\ba bomb (is )?(in|inside) (the|this|our) \w+|threat(ening)? (call|message|email|letter)|called (in )?(a )?(bomb )?threat|claims? (there is|there's) a bomb|says there is a bomb|threatened to (blow|bomb))", r"(炸弹威胁|威胁电话|恐吓电话|声称.{0,10}炸弹|(邮件|短信|电话|留言|信息)[^。]{0,12}炸弹|(炸弹|装置|爆炸物)[^。]{0,8}(会|将|要)[^。]{0,4}(爆炸|引爆)|扬言.{0,10}(炸|爆)|恐吓信)",
               r"\b((call|phone call|e-?mail|message|letter|note|caller|text|post)[^.]{0,30}\b(saying|says|said|claiming|claims|warning|threatening|that)[^.]{0,40}\b(bomb|explosive|blow)|a bomb (will|would|is going to|is set to) (go off|explode|detonate)|(bomb|device|explosives?)\b[^.]{0,40}\b(goes|will go|is going to go|is set to go) off at)",
               r"((打电话|来电|电话|邮件|短信|留言|信).{0,8}(说|称|声称|威胁).{0,12}(炸弹|爆炸装置|要炸)|(有|放了|藏了|埋了)(一颗|一个)?炸弹)",
               # Swedish and Finnish, as a switchboard or a school office in Helsinki may pass a threat on: "bombhot", "en bomb
               # ska explodera", "en bomb är placerad i stadshuset", "pommiuhka", "pommi räjähtää".
               r"\b(bombhot|hot om (en )?bomb|(en )?bomb (ska|kommer att|skall) (explodera|sprängas|smälla)|(en )?bomb (är|har blivit) (placerad|gömd|utplacerad)|"
               r"pommiuhk\w*|pommi (räjähtää|on (asetettu|piilotettu|sijoitettu|kätketty)))"]
# A sports, gym or travel bag (holdall) is suitcase-sized: the briefcase/suitcase class, not the backpack's.
ITEM_SIZES: list[tuple[str, list[str]]] = [
    ("semi_trailer", [r"\b(semi[- ]?trailer|articulated lorry|semi truck|18[- ]wheeler)\b", r"(半挂车|挂车)"]),
    ("container_truck", [r"\b(container truck|water truck|shipping container)\b", r"(集装箱|水罐车)"]),
    ("delivery_truck", [r"\b(delivery truck|box truck|lorry|(?<!pickup )(?<!pick-up )truck)\b", r"((?<!厢式)货车|卡车)"]),
    ("suv_van", [r"\b(van|suv|minibus|minivan|campervan|camper|motorhome|people carrier|pickup|pick-up)\b", r"(面包车|厢式车|厢式货车|越野车|皮卡)"]),
    ("car", [r"\b(car|sedan|vehicle|taxi)\b(?! parks?\b)", r"(轿车|汽车|车辆|出租车|(一|那|这|某)辆车|(?<![电交火铁列缆])车(里|内|上|底下?)(?!站))"]),
    # A pipe of the building or the street (water, heating, gas, sewer) bursting or leaking is a utility fault, never the
    # pipe bomb's size class (trial 17: "water pipe burst" next to a bomb threat cut its cordon to 21 m).
    ("pipe", [r"\b(pipe bomb|length of pipe|(?<!water )(?<!gas )(?<!heating )(?<!sewer )(?<!drain )(?<!steam )(?<!waste )(?<!supply )(?<!mains )"
              r"(?<!hot-water )(?<!district-heating )(?<!burst )(?<!broken )(?<!leaking )(?<!frozen )pipe(?!s?\s+(?:(?:has|have|had|is|are|was|were|just)\s+)?(?:burst|bursting|broken|broke|"
              r"leak\w*|ruptur\w*|split|cracked|froze\w*|frozen|gushing|spraying|flooding)\b)|shoebox|shoe box|small package|small box|"
              r"parcel|envelope|package)\b", r"(管状|鞋盒|包裹|小盒|信封)"]),
    ("backpack", [r"\b(backpack|rucksack|vest|(?<!sports )(?<!gym )(?<!travel )(?<!duffel )(?<!duffle )(?<!kit )(?<!laptop )(?<!computer )(?<!messenger )(?<!document )bag)\b", r"(背包|双肩包|背心|书包|挎包|(一|这|那)个包(?!裹))"]),
    ("briefcase", [r"\b(briefcase|suitcase|luggage|case|trolley|holdall|(sports|gym|travel|duffel|duffle|kit|laptop|computer|messenger|document) bag)\b", r"(手提箱|公文包|行李箱|箱子|运动包|旅行包|行李包|电脑包)"]),
]

OUTAGE = [r"\b((heating|power|electricity|water|district heat\w*)[^.]{0,40}\b(is|are|went|has gone) (out|off|down)|power (cut|outage|failure)|blackout|no (electricity|power|water|heating)|outage|without (power|electricity|water|heat(ing)?)|water (supply )?(cut|interrupted)|heating (is )?(off|out|failed)|telecom|phone network down|mobile network down)", r"(停电|断电|停水|断水|停暖|供暖中断|通信中断|断网)"]
FROST = [r"(-\s?(1[0-9]|[2-4][0-9])\s?(°|degrees|c\b)|minus (ten|fifteen|twenty|1[0-9]|[2-4][0-9])|freezing|severe frost|extreme cold|bitter cold|\bfrost\b)", r"(零下(十|二十|三十|1[0-9]|[2-4][0-9])|严寒|冰冻)",
         r"(?<![\w\d])-\s?(1[0-9]|[2-4][0-9])\b(?![-\d]|\s?(m\b|km|%|min|people|persons))"]
LONG_OUTAGE = [r"\b(take|takes|taking|last|lasts|lasting|about|around|up to|another) (1[2-9]|[2-9][0-9]|[1-9][0-9]{2}) ?(h\b|hours)", r"\b(over|more than|at least|expected to last|for) (12|1[3-9]|2[0-9]|[3-9][0-9]) ?(h\b|hours)|(until|till) tomorrow|all night|for (a|one|two|several) days?|days\b", r"(超过12小时|十二小时以上|一整夜|好几天|数天|(1[2-9]|2[0-9])小时)"]
MEDICAL_DEVICES = [r"\b(oxygen concentrator|ventilator|home dialysis|dialysis|medical devices?|respirator|life[- ]support|home oxygen|powered wheelchair)", r"(制氧机|呼吸机|透析|医疗设备)",
                   r"\b(home ventilators?|ventilator users?|on oxygen|oxygen therapy|electric wheelchair|hospital bed at home)"]
LIVE_WIRE = [r"\b(live wire|power line (is )?down|downed (power )?line|overhead (line|wire)s? (is |are )?(down|hanging|broken)|tram (overhead )?(line|wire)s?|cable (is )?(down|hanging|sparking)|sparking|electrical cabinet|transformer (box|cabinet)|exposed wires?)", r"(电线.{0,3}(掉落|断|垂|裸露|冒火)|高压线|电车.{0,2}线|电缆.{0,3}(火花|掉落|裸露)|电箱|配电箱|电线杆|触电|漏电|带电|火花|架空线|接触网|断线|电线落地|配电柜)"]
HOT_WATER = [r"\b((district[- ]heating|hot water|heating) (pipe|main|line)s? (has |have )?(burst|broken|ruptured|leaking)|(burst|broken|ruptured) (district[- ]heating|hot[- ]water|heating) (pipe|main)|hot water (gushing|spraying|flowing|in the street)|steam (in the street|rising|coming|pouring|leak)|scalding|boiling water)", r"(供热管|热水管|热水.{0,3}(喷|涌|流)|蒸汽|(井盖|下水道|地面|马路|路面|人行道)[^，。；！？]{0,6}(冒|喷|涌)[^，。；！？]{0,4}(热气|白气))",
             r"\b((hot water|boiling water|steam) (is |are )?(gushing|spraying|spurting|pouring|flowing|coming|rising|billowing|shooting|blasting|running|streaming|escaping|venting|spewing|belching|hissing)|steam everywhere|cloud of steam)",
             # Steam from a manhole, drain or street grate is a district-heating pipe leaking under the street (U4).
             r"\b(steam|hot water)\b[^.]{0,30}\b(from|out of) (a |the )?(manhole|drain|grate|grating|gully|hole in the (street|road|pavement))"]
# People stranded outdoors (a station or a door closed on them, locked out, nowhere to go in) in the cold: "we are stuck
# outside, it's freezing", "我们被困在外面，很冷", "olemme jumissa ulkona pakkasessa". Not trapped (nothing holds them):
# they need a warm place indoors (trial s20 M1: a tour group outside a closed metro station got "stay home").
STRANDED_OUTDOORS = [r"\b((stuck|stranded|trapped|locked|left|waiting) (\w+ )?(outside|outdoors|out in the (cold|snow|street))|locked out|"
                     r"(can'?t|cannot|couldn'?t) get (back )?in(side)?\b|nowhere to (go|stay|shelter)|no ?where warm)",
                     r"((被困|困|滞留|被关|关|挡|留)在(外面|门外|室外|外边|街上)|进不去|没地方去|无处可去)",
                     r"\b((jumissa|jumiin|loukussa) ulko\w*|ulos lukittu\w*|ei päästä sisään|emme pääse sisään|(fast|strandsatt\w*|utelåst\w*) (ute|utomhus|utanför)|kommer inte in)\b"]
COLD = [r"\b(cold|freezing|frozen|shiver\w*|hypotherm\w*|frost\w*)\b", r"(很冷|好冷|太冷|冻|发抖|寒冷|零下)",
        r"\b(palele\w*|kylm\w*|pakkas\w*|jäätyy|fryser|kallt|kyla)\b"]
STRANDED_OUTDOORS_RE = re.compile("|".join(f"(?:{p})" for p in STRANDED_OUTDOORS))
STUCK_LIFT = [r"\b(stuck in (a|the) (lift|elevator)|(lift|elevator) (is )?stuck|trapped in (a|the) (lift|elevator))", r"(困在电梯|电梯.{0,3}困)"]

FLOOD_WORDS = [r"\b(flood\w*|water (is )?(rising|entering|coming in|pouring)|inundat\w*|submerged|under water|underwater|burst (water )?main|water main|sea level|storm surge|high water)", r"(洪水|水淹|积水|进水|涨水|海水|淹没|水位|爆管|水管爆裂)"]
WATER_INTO_BUILDING = [r"\b(basement|cellar|garage|car park|parking hall|parking garage)\b[^.]{0,40}\b(is|are) (now |already )?(flooding|flooded|filling (up )?with water|under water|taking (in )?water)",
                       r"\b((pouring|pumping|gushing|flowing|running|streaming|rushing|spilling) water (down [^.]{0,25})?(in|into) (the )?[^.]{0,20}(basement|cellar|garage|car park|shops?|building|flats?|ground floor)|(coming|seeping|flowing|pouring|getting) in under the doors?)",
                       r"\b(flooding (the|a|their|our) (basement|cellar|ground floor|flats?|apartments?|shops?|building|house|home|restaurant)|water (is )?(in|into|entering|flooding|coming into|seeping into|leaking into|rising in) (the )?(basement|cellar|building|flats?|apartments?|shops?|ground floor|restaurant|store|garage|house|home)|(?<!front of the )(?<!outside the )(?<!next to the )(?<!opposite the )(?<!near the )(?<!by the )(basement|cellar|ground[- ]floor|flats?|apartments?|shops?|store|garage) (is |are )?(flooding|flooded|taking water|filling up)|water (is )?(entering|coming into|pouring into|flooding|rising in) (the )?(basement|cellar|building|flats?|apartments?|shops?|ground floor)|(basement|cellar|ground[- ]floor( flats| shops)?|flats|apartments?) (is |are )?(flooded|flooding|under water|filling with water)|flooded (basement|cellar|ground floor)|water in the (basement|cellar|building))", r"((地下室|地下(仓库|储藏室|储物间|一层|车库|停车场)|一楼|底层|楼内|屋内|屋里|家里|店里|商店|车库|公寓).{0,6}(进水|水淹|积水|被淹|灌水|漫进|渗水|渗进)|水.{0,4}(灌入|进入|涌入|漫进|灌进|进到|流进|涌进|渗进|渗入).{0,6}(地下室|楼|屋|家|店|公寓))",
                       r"(水[^，。；]{0,3}从?(地下(室|仓库|储藏室|车库|停车场)|楼下|地漏|下水道|一楼|底层)[^，。；]{0,3}(漫|涌|冒|渗|灌|返)(上来|进来|出来|上|进))",
                       # "雨水顺着车库门和窗户流进屋里": water coming in through a door, a vent or a window of the building.
                       r"(水[^，。；！？]{0,4}从[^，。；！？]{0,10}(门|窗|通风口|通气口|地下室|地漏)[^，。；！？]{0,4}(灌|涌|漫|流|渗)(进来|进去|入))",
                       # Water reaching or standing in the building's rooms, said in a clause of its own after the water
                       # ("水从门口漫进了仓库", "大堂地上积了好几厘米的水"): the
                       # verb of water spreading into a room, water a room is full of or stands deep in. An underpass
                       # (地下通道) is the street's, FL1.
                       r"(水[^。！？]{0,30}(漫|涌|灌|渗|淹|流)(到|进|入)[^，。；！？]{0,3}(店里|店内|屋里|屋内|家里|楼里|楼内|大厅|大堂|展厅|地下室|公寓|办公室|餐厅|一楼|底层))"
                       r"|(水[^。！？]{0,40}(往|向)[^，。；！？]{0,6}(一楼|底层|大厅|大堂|展厅|店里|屋里|楼里|地下室)[^，。；！？]{0,2}(渗|漫|灌|涌|流))"
                       r"|((地下(?!通道)[^，。；！？]{0,4}|车库|仓库|储藏室|一楼|底层|店里|屋里|家里|楼里|大厅|大堂|展厅)[^，。；！？]{0,8}(全是水|都是水|(?<![没无])有[^，。；！？]{0,6}深的水))",
                       r"\b((water|rainwater|floodwater|flood water|sea ?water|meltwater|sewage)[^.]{0,30}(coming|pouring|flowing|flooding|running|getting|seeping|leaking|gushing|rushing|streaming) (in|into|down into|through)[^.]{0,60}(basement|cellar|shops?|building|flats?|apartments?|ground[- ]floor|store|garage|restaurant|lobby|level|car park|parking))",
                       r"\b((water|rainwater|floodwater|sewage)[^.]{0,30}(coming|welling|backing|bubbling|pushing|rising) (up|back)( up)? (through|from|into|out of)[^.]{0,60}(basement|cellar|shops?|building|flats?|apartments?|ground[- ]floor|store|garage|drains?))",
                       # Water standing deep in a room of the building, or coming down through its ceiling (a pipe burst
                       # inside): "the laundry room downstairs is ankle-deep", "屋里的水已经到脚踝了", "地下室进了半米的水".
                       r"\b(basement|cellar|laundry room|storeroom|store room|ground[- ]floor|shop|flat|apartment|lobby|gallery|hall|garage|kitchen)\b[^.]{0,40}\b(ankle|knee|shin|waist)[- ]deep"
                       # ... or said as "up to our knees", "half a metre deep" after a room of the building in the same
                       # sentence (made precise 2026-12-03 with dev13/dev14: "our basement store ... half a metre deep down
                       # there", "the storeroom below is filling, it's up to our knees"); a room named only as where the
                       # street is ("the street in front of the shop") is the street's water (FL1).
                       r"|(?<!front of the )(?<!outside the )(?<!next to the )(?<!opposite the )(?<!near the )(?<!by the )"
                       r"\b(basement|cellar|laundry room|storeroom|store room|storage room|ground[- ]floor|shop|flat|apartment|lobby|garage)\b"
                       r"[^.]{0,80}\b(up to (our|my|their|his|her|the) (ankles|knees|shins|waists?)|(half a|a|one|\d+(\.\d+)?) ?(met(re|er)s?|m|cm|centimet(re|er)s) deep)"
                       # Water on the move into a room of the building by the way it comes ("running down the steps into the
                       # shop", "seeping under the door into the shop"), or "pouring in" said of where the caller is.
                       r"|\b(water|rainwater|floodwater|sewage)\b[^.]{0,30}\b(running|pouring|flowing|seeping|streaming|gushing|rushing|coming|trickling|leaking) "
                       r"(down|under|through|over|past) [^.]{0,25}?\b(into|in to) (the |our |their |my )?(\w+ )?(basement|cellar|shops?|store|building|flats?|ground[- ]floor|lobby|garage|restaurant|storeroom|kitchen)\b"
                       r"|\bwater (is |was )?(pouring|gushing|rushing|streaming|flooding) in(?=\s*(?:[,;!?]|\.(?!\d)|$|and\b|now\b|here\b|already\b))"
                       r"|\bwater (is )?(pouring|coming|streaming|running|gushing|cascading) (down )?(through|from|out of) the ceiling",
                       r"((地下室|地下(?!通道)[^，。；！？]{0,3}|一楼|底层|屋里|家里|店里|楼里|车库)[^，。；！？]{0,3}进了[^，。；！？]{0,6}水"
                       r"|(屋里|家里|店里|楼里|室内|地下(?!通道)[^，。；！？]{0,4}|储藏室|仓库|一楼|底层|车库)[^。！？]{0,12}(到|没过|淹到|漫过)(了)?(脚踝|脚面|膝盖|小腿))"]
LOCAL_WATER = [r"\b(underpass|tunnel|flooded (street|road|yard|courtyard|crossing|junction)|(street|road|yard|courtyard) (is )?(flooded|under water)|burst (water )?main|water main (has )?burst|water main|burst pipe)", r"(地下通道|隧道|路面积水|街道.{0,3}(积水|被淹)|水管爆裂|爆管)"]
# The sea itself (FL3/FL4), as opposed to a waterfront place where a water main may burst (FL1).
SEA = [r"\b(sea|sea level|sea water|seawater|storm surge|high water|tide|tidal|waves? (over|washing))\b", r"(海水|海平面|风暴潮|潮位|涨潮|海浪)"]
WATERFRONT = [r"\b(sea|sea level|sea water|seawater|storm surge|quay|quays|waterfront|kauppatori|market square|harbou?r|shore|seafront|pier|eteläranta|pohjoisranta|katajanokka)", r"(海水|海平面|风暴潮|码头|海滨|港口|岸边|集市广场)"]
# A number starts where no digit, decimal mark or thousands group is just before it. Without this guard a regex
# tries every digit of a long run ("1111...", "1 1 1 ...", "1 000 000 ...") as a start: quadratic time on hostile input.
NUM_START = r"(?<![\d.,])(?<!\d\s)"
WATER_LEVEL = re.compile(r"(?:\+|plus |above (?:mean )?sea level by |level (?:of |at |is |reaches |reached |forecast (?:at |to reach )?)?\+?)(\d+(?:[.,]\d+)?)\s?(?:m|metres|meters|米)\b|" + NUM_START + r"(\d+(?:[.,]\d+)?)\s?(?:m|metres|meters|cm|厘米|米)\s?(?:above (?:mean )?(?:sea level|normal)|higher than normal)|(?:高出|超出|水位|海平面|潮位|海水)[^0-9]{0,10}" + NUM_START + r"(\d+(?:\.\d+)?)\s?(米|厘米)")

# Chinese words for an eating place by its kind (火锅店 hot pot, 面馆 noodles, 菜馆 a restaurant named by its cuisine,
# 川菜馆 / 湘菜馆; 酒家 the Cantonese word) and the other businesses that hold a unit of a block: the use table's
# public / assembly words, tenants of a block (section 5a, round 6) and business kinds, one list for the three.
_EATING_ZH = "火锅店|面馆|饺子馆|小吃店|快餐店|烧烤店|茶馆|菜馆|酒家|餐厅|餐馆|饭馆|饭店|咖啡馆|咖啡店"
_TENANT_PLACES_ZH = _EATING_ZH + "|酒吧|夜店|健身房|瑜伽馆|瑜伽室|舞蹈室"

# Shops and practices by their trade (a bakery, a hairdresser's, a pharmacy; a clinic, a dentist's): businesses that
# hold a unit of a block (section 5a names a pharmacy and a clinic), retail and office by use.
_SHOP_KINDS_EN = (r"bakery|florist'?s?|hair ?dresser'?s?|hair salon|barber'?s?|barbershop|beauty salon|nail salon|pharmacy|chemist'?s|"
                  r"launderette|laundrette|dry cleaner'?s?|bookshop|bookstore|butcher'?s|off-licence|convenience store|grocery|grocer'?s")
_SHOP_KINDS_ZH = "面包店|花店|理发店|美发店|发廊|美容院|美甲店|药店|药房|洗衣店|干洗店|书店|便利店|杂货店"
_PRACTICE_KINDS_EN = r"clinic|dentist'?s|dental (?:surgery|clinic|practice)|doctor'?s (?:surgery|practice)|vet'?s|veterinary (?:clinic|practice)|physiotherap\w+|law firm"
_PRACTICE_KINDS_ZH = "诊所|牙科|牙医诊所|宠物医院|律师事务所"

# A care home, nursing home or old people's home is where its residents live and sleep (NFPA 101: residential board and
# care): the flats' density (section 4), not public / assembly, whose class is for halls people visit (station,
# library, theatre). Read first: "the residents of the care home", "养老院的食堂" name no other use of the building.
_CARE_HOMES_EN = r"care homes?|nursing homes?|residential homes?|retirement homes?|old (?:people'?s|folks'?) homes?|sheltered housing|assisted[- ]living (?:home|facility|building)"
_CARE_HOMES_ZH = "养老院|敬老院|老人院|护理院|疗养院|老年公寓"
# The same homes in Finnish (hoivakoti, vanhainkoti, palvelutalo, with their case endings: hoivakodissa, palvelutalon) and
# Swedish (ålderdomshem, äldreboende, vårdhem, servicehus), the two languages a Helsinki caller may use besides English.
_CARE_HOMES_FI_SV = (r"(?:hoiva|vanhain|hoito|palvelu)ko(?:ti|di|de|te)\w*|palvelutalo\w*|vanhustentalo\w*|"
                     r"ålderdomshem\w*|äldreboende\w*|vårdhem\w*|servicehus\w*")
# A care home is occupied day and night (session 20): the plan counts its residents by day as at night (buildings.DENSITY).
CARE_HOME = [r"\b(" + _CARE_HOMES_EN + "|" + _CARE_HOMES_FI_SV + r")\b", r"(" + _CARE_HOMES_ZH + r")"]
USES: list[tuple[str, list[str]]] = [
    ("residential", CARE_HOME),
    ("hotel", [r"\b(hotel|hostel|motel)\b", r"(酒店|宾馆|旅馆)"]),
    ("school", [r"\b(school|teachers?|pupils?|university|college|kindergarten|daycare|day[- ]care|campus|lecture hall|classroom)\b", r"(学校|大学|学院|幼儿园|教室)"]),
    ("public", [r"\b(station|library|theatre|theater|museum|church|cathedral|concert hall|cinema|opera|swimming hall|pool hall|sports hall|arena|hospital|town hall|city hall|gym(?! bag)|nightclub|night club|club|restaurant|steakhouse|pizzeria|bistro|brasserie|diner|eatery|trattoria|(?:yoga|pilates|dance|fitness) studio|cafe|café|bar|pub|parliament|court)\b", r"((?<![电交])车站|火车站|地铁站|图书馆|剧院|博物馆|教堂|音乐厅|电影院|游泳馆|体育馆|市政厅|" + _TENANT_PLACES_ZH + r"|医院)"]),
    ("retail", [r"\b(shop|shops|(?<!bin )(?<!rubbish )(?<!refuse )(?<!waste )store|department store|mall|shopping (centre|center)|supermarket|market hall|boutique|kiosk|" + _SHOP_KINDS_EN + r")\b(?! bag)", r"(商店|商场|百货|超市|购物中心|店铺|店里|" + _SHOP_KINDS_ZH + ")"]),
    ("office", [r"\b(" + _PRACTICE_KINDS_EN + r"|office|offices|office building|(?<!power )(?<!piggy )(?<!river )(?<!blood )(?<!food )bank|headquarters|ministry|agency|warehouse|factory|workshop|printing house|data centre)\b", r"(办公楼|办公室|写字楼|银行|仓库|工厂|(?<!自行)(?<!单)车间|" + _PRACTICE_KINDS_ZH + ")"]),
    # A theatre's "house" (full house, the house is sold out, house lights) is its auditorium, not a dwelling.
    ("residential", [r"\b(flat|flats|apartment|apartments|residential|home|(?<!full )(?<!opera )(?<!front of )(?<!play)house(?! (is |was )?(full|packed|sold|manager|lights))|residents?|neighbou?rs?|tenants?|stairwell|staircase|housing)\b", r"(公寓|住宅|居民|家里|邻居|楼道|小区|住户|住处|住所|住着|居住)"]),
]

# The report's word for the whole building's type (made precise 2026-12-01 with dev9): "Liisankatu 9, the block of
# flats over the bakery", "an apartment building with a florist downstairs". It is the building's use; a business
# named inside the block stays a tenant, whose use decides a fire row only when the fire is in it (spec 5a).
BUILDING_TYPES: list[tuple[str, list[str]]] = [
    ("residential", [r"\b(block of flats|(apartment|residential|housing) (block|building)s?|tenement|" + _CARE_HOMES_EN + "|" + _CARE_HOMES_FI_SV + r")\b",
                     r"(住宅楼|居民楼|公寓楼|" + _CARE_HOMES_ZH + ")"]),
    ("office", [r"\b(office (block|building|tower)s?)\b", r"(办公楼|写字楼)"]),
]

# Businesses that usually hold one floor or a unit of a central block, not the whole building:
# naming one does not make a mixed block a restaurant or a shop from cellar to roof.
_TENANT_EN = (r"restaurant|steakhouse|pizzeria|bistro|brasserie|diner|eatery|trattoria|(?:yoga|pilates|dance|fitness) studio|"
              r"cafe|café|bar|pub|club|nightclub|night club|gym|shop|shops|store|boutique|kiosk")
_TENANT_ZH = _TENANT_PLACES_ZH + "|商店|店铺|店里"
TENANT = re.compile(rf"({_TENANT_EN}|{_SHOP_KINDS_EN}|{_PRACTICE_KINDS_EN}|{_TENANT_ZH}|{_SHOP_KINDS_ZH}|{_PRACTICE_KINDS_ZH})")
# Other kinds of business that hold a unit of a block (an office, a bank, a day-care): tenants too when the report
# makes them its own or places them on a floor (section 5a).
_OTHER_TENANTS_EN = r"day[- ]?care|kindergarten|supermarket|bank|office|offices|agency|" + _SHOP_KINDS_EN + "|" + _PRACTICE_KINDS_EN
_OTHER_TENANTS_ZH = "幼儿园|超市|银行|办公室|" + _SHOP_KINDS_ZH + "|" + _PRACTICE_KINDS_ZH
# A tenant business named in a sentence ("咖啡馆里有二十来个客人", "60 people in the pub", "our office has 35 people").
TENANT_IN = re.compile(rf"\b(?:{_TENANT_EN}|{_OTHER_TENANTS_EN})\b|{_TENANT_ZH}|{_OTHER_TENANTS_ZH}")

# Kinds of business that hold a unit of a block, not a building of their own: when the report's use word is part
# of the business's name ("K-Supermarket Kaisaniemi", "the Lidl supermarket", "Nordea Bank", "Alepa超市") it names
# a business inside the building, not the building's use (spec 5a). A named hotel, department store, mall,
# school or institution is the building itself and keeps its use.
BUSINESS_KIND = re.compile(rf"({_TENANT_EN}|{_OTHER_TENANTS_EN}|{_TENANT_PLACES_ZH}|商店|店铺|{_OTHER_TENANTS_ZH})")
# The name a business word is part of: a capitalised word (or a Latin brand before a Chinese word) just before it,
# hyphen-joined ("K-Supermarket") or as a separate word not opening a sentence ("the Lidl supermarket"); or the
# word itself capitalised and followed by a capitalised name ("Supermarket Kaisaniemi", "Bar Loose").
NAME_BEFORE_GLUED = re.compile(r"(?<![\w-])[A-ZÅÄÖ0-9][\w&'.]*-$")
NAME_BEFORE_WORD = re.compile(r"(?<![\w-])[A-ZÅÄÖ][\w&'-]* $")
NAME_AFTER = re.compile(r"^ (?!(?:On|In|At|Is|Was|The|And|Has|Had|Of)\b)[A-ZÅÄÖ][\w&'-]*")
# A business the report places on one floor of the block ("the ground-floor supermarket", "a bar on the ground
# floor", "底层开着一家面包店") is a business inside it, whatever its kind.
ON_A_FLOOR_BEFORE = re.compile(r"(\b(ground|first|street|basement|upper|top)[- ](floor|level) (\w+ )?|\bupstairs (are |is )?(\w+ )?|(一楼|底层|一层|地下室|楼下|楼上|底商)(还|也|都|全)?(是|有|开着|的)?([^，。；,.]{1,4}(和|与|跟|、))?(很多|许多|一些|几家|几个)?(一|两)?(家|个|间)?(小|大)?)$")
ON_A_FLOOR_AFTER = re.compile(r"^( \w+)? (on|at) (the )?(ground|first|street|basement|\d+(st|nd|rd|th)) (floor|level)\b|^ (up|down)stairs\b")
# "our office", "my shop", "我们办公室": someone's own unit of the block, a business inside it.
POSSESSIVE_BEFORE = re.compile(r"(\b(?:our|my|his|her|their)(?: own)?(?: [a-z-]+)? |(?:我们|我|他们|他)的?)$")
WHOLE_BUILDING_AFTER = re.compile(r"^\s?(building|block|tower|house|complex|大楼|楼)\b")
LATIN_BEFORE_CJK = re.compile(r"[A-Za-zÀ-ÿ][\w&'-]*\s?$")

MIN_OCCUPANTS = 10
# A sum of groups present joins at most this many ("890 in the audience plus some 60 staff plus the cast"), and no
# count above the largest venue (a stadium, about 50,000) is believed: the density table stands instead.
MAX_JOINED_GROUPS = 4
MAX_OCCUPANTS = 50_000
# A count followed, in the same clause, by what happened to those people is a count of casualties
# ("12 people coughing", "25 pupils with sore eyes", "10个人被困"), not of the building's occupants.
CASUALTY_AFTER = re.compile(r"^[^.,;:!?，。；\d]{0,30}?(?:\b(?:cough\w*|dizz\w*|sick|ill|injur\w*|hurt|trapped|stuck|unconscious|collaps\w*|vomit\w*|"
                            r"sore|burn\w*|affected|complain\w*|feel\w*|felt|headache\w*|symptom\w*|hospital\w*|casualt\w*|wounded|dead|"
                            r"killed|faint\w*|nause\w*|itch\w*|streaming|watering|short of breath|struggling to breathe|need\w* (?:help|treatment)|treated)\b"
                            r"|被困|受伤|不适|咳嗽|头晕|头疼|头痛|呕吐|昏迷|晕倒|送医|眼睛|喉咙|呼吸困难|难受|恶心)")
# Number words are tools.report_words'. A crowd of unsaid size inside a building is read at the middle of its range
# (report_words reads "dozens of" patients at the lower 20: one ambulance too few is worse than one too many there).
CROWD_WORDS = {"dozens": 36, "hundreds": 300, "几十": 36, "数十": 36, "上百": 100, "几百": 300, "数百": 300, "上千": 1000, "近千": 1000, "几千": 3000, "数千": 3000}
CROWD_ZH = re.compile(r"(几十|数十|上百|几百|数百|上千|近千|几千|数千)(?:多|来|余)?\s*(?:名|个|位)?(?:人|顾客|观众|学生|员工|乘客|住户|居民|游客|孩子|客人)")
# A venue's capacity and how full it is: "the hall holds 800 and it's full" (800), "capacity 500, about half full"
# (250), "能容纳300人，现在坐满了" (300). Read only when the same sentence says how full.
CAPACITY = re.compile(r"\b(?:holds|seats|capacity(?: of| is)?|room for)\s+(?:about |around |some |up to )?" + NUM_START + r"(\d{1,3}(?:,\d{3})+|\d+)\b"
                      r"|(?:能容纳|可容纳|容纳|可坐|能坐)\s*(?:约|大约)?" + NUM_START + r"(\d+|[一二两三四五六七八九十百千]{1,6})\s*(?:人|名|个座位|位)")
# A capacity is no count of those present: "the hall holds 800 people", "licensed for 300 guests".
CAPACITY_BEFORE = re.compile(r"\b(?:holds?|seats?|capacity(?: of| is)?|room for|can take|fits|licensed for|designed for|built for)(?:\s+(?:about|around|some|up to|over))?\s*$|(?:能容纳|可容纳|容纳|可坐|能坐)\s*(?:约|大约)?$")
FULLNESS = re.compile(r"\b(half)[- ](?:full|empty)\b|\b(?:it'?s|is|are|we'?re) (?:completely |totally |almost |nearly )?(?:full|packed|sold out)\b|\bfull house\b|\bsold[- ]out\b"
                      r"|(一半|半满)|(坐满|满座|爆满|座无虚席|满了)")
OCCUPANT_NOUNS = r"(?:cast and crew|crew|singers|choristers|dancers|actors|parishioners|clubbers|teachers|nurses|volunteers|performers|musicians|people|persons|guests|visitors|shoppers|customers|diners|spectators|students|pupils|employees|workers|staff|occupants|residents|patients|passengers|children|kids|audience|swimmers|members|fans|worshippers|tourists|players|athletes|attendees|delegates|participants|tenants|commuters|travell?ers|concertgoers|clients|inmates|tickets|of us)\b"
OCCUPANT_NOUNS_ZH = r"(?:名|个|位)?(?:人|顾客|观众|学生|学员|会员|员工|职员|工作人员|老师|教职工|乘客|旅客|住户|居民|游客|孩子|病人|患者|客人|宾客|读者|听众|选手|演员)"
OCCUPANTS = re.compile(r"(?:(?:about|around|some|roughly|approximately|approx\.?|over|more than|nearly|almost|up to|~)\s*|(?<!\s)\s*)(?<!:)" + NUM_START + r"(\d{1,3}(?:[,\s]\d{3})+|\d+)\s*(?:[a-z-]{3,15}\s)?" + OCCUPANT_NOUNS
                       + r"|(?:约|大约|近|超过|有)?" + NUM_START + r"(\d+)\s*(?:多|来|余)?" + OCCUPANT_NOUNS_ZH)
# English numbers in words up to the thousands, read whole by cues._count_word: "forty-five", "fourteen hundred",
# "five hundred and twenty", "a thousand", "two thousand five hundred".
_EN_UNIT = "(?:one|two|three|four|five|six|seven|eight|nine)"
_EN_TEEN = "(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
EN_BELOW_100 = rf"(?:(?:{'|'.join(EN_TENS)})(?:[- ]{_EN_UNIT})?|{_EN_TEEN}|{_EN_UNIT})"
EN_NUMBER = (rf"(?:(?:a|{EN_BELOW_100}) thousand(?:,? (?:a|{_EN_UNIT}) hundred)?(?:,?(?: and)? {EN_BELOW_100}\b)?"
             rf"|(?:a|{EN_BELOW_100}) hundred(?:(?: and)? {EN_BELOW_100}\b)?|{EN_BELOW_100})")
# A count in words: "eighty guests", "some forty-five pupils", "fifteen hundred visitors", "五十个人", "一百五十个学生";
# "三十几个人" (thirty-odd) is read as its round number, as 三十多.
COUNT_IN_WORDS = re.compile(rf"\b({EN_NUMBER})\s+(?:[a-z-]{{3,15}}\s)?" + OCCUPANT_NOUNS
                            + r"|([零一二两三四五六七八九十百千]{2,6})\s*(?:多|来|余|几)?" + OCCUPANT_NOUNS_ZH)
# Tickets sold for a show, said in Chinese with the number after ("票卖了一千二百张", "门票售出六百张"): those present
# (section 5a, as "900 tickets sold").
# Also with the show said sold out first and the number of tickets after it ("票已售罄，共八百张"), as "sold out: 480 seats".
TICKETS_SOLD_ZH = re.compile(r"(?:门票|票)(?:已经|一共|总共)?(?:卖了|卖出了?|售出了?|卖掉了?)\s*(?:约|大约|近)?(\d+|[零一二两三四五六七八九十百千]{1,8})\s*张"
                             r"|(?:门票|票)[^，。；！？\d]{0,4}?(?:卖完|卖光|售完|售罄|卖空)了?[，,、：:\s]*(?:一共|总共|共|全部)?(?:是)?(?:约|大约|近)?(\d+|[零一二两三四五六七八九十百千]{1,8})\s*张")
# Seats taken at a show ("all 650 seats are taken", "480 seats sold", "八百个座位全坐满了"): those present, as tickets sold.
SEATS_TAKEN = re.compile(NUM_START + rf"(\d{{1,3}}(?:,\d{{3}})+|\d+|\b{EN_NUMBER})\s+seats?\s+(?:are\s+|were\s+|have been\s+)?(?:all\s+)?(?:taken|filled|occupied|sold)\b"
                         r"|(?<![\d零一二两三四五六七八九十百千])(\d+|[零一二两三四五六七八九十百千]{1,8})\s*(?:个)?(?:座位|座)[^，。；！？\d]{0,3}(?:坐满|满了|全满|卖光|售罄|卖完)")
# A count "we" give in a report from a business inside the block, or one given for that business ("咖啡馆里有二十来个客人"),
# when the report says others are in the building too ("我们有十八个孩子和三个老师，楼上还有住户", "we have 40 diners,
# and there are flats upstairs"): that business's people, a part of the building's (section 5a, "Whose count": a count the report says leaves others out).
FIRST_PERSON_COUNT = re.compile(r"\b(?:we have|we've got|we got|we are|we're|there are \w+ of us|of us)\b|我们[^，。；！？\d]{0,5}?(?:有|这儿有|这里有|这边有|一共有)")
OTHERS_IN_BUILDING = re.compile(r"\b(?:the rest of the building (?:is|are|has)|(?:flats|apartments|offices|shops|residents|tenants|people) (?:are |live |living )?(?:upstairs|downstairs|above(?: us)?|below(?: us)?|on the (?:upper|other|lower) floors)"
                                r"|(?:upstairs|above us|on the (?:upper|other) floors) (?:there are|are|live|we have) (?:also |still )?(?:flats|apartments|offices|residents|tenants|people))\b"
                                r"|(?:楼上|上面|其他楼层)(?:还有|也有|都是|住着|是(?!我)|有)")
# Counts of groups present joined so that they add up: "890 in the audience plus some 60 staff", "360 pupils and
# forty staff", "三百名观众和四十名工作人员" (the gap between two counts; a noun left over may stand before the joint).
COUNT_JOIN = re.compile(r"\s*+(?:[a-z-]{3,15}\s++)?(?:(?:in )?the (?:audience|house|building|stands|auditorium|stalls|congregation)\s++)?,?\s*+(?:and|plus|\+|as well as|along with|together with)(?![a-z])\s*"
                        r"(?:(?:about|around|some|roughly|approximately|another|a further|over|nearly|almost)\s+)?|\s*(?:和|加上|还有|另外还有|以及|外加)\s*(?:约|大约|近)?")
# "full house, about 900", "the house is full, around six hundred and fifty", "sold out: 480 seats".
FULL_HOUSE = re.compile(r"\b(?:full house|sold[- ]out|packed|(?:house|hall|theatre|theater|venue|church|room) is (?:full|packed|sold out))\b"
                        r"(?:\s|[-:,\u2013\u2014]|\b(?:tonight|today|now|again|with|of|here)\b)*"
                        r"(?:about|around|some|roughly|approximately|nearly|almost|over)?\s*" + NUM_START + rf"(\d[\d,]*(?![:.]\d)|\b{EN_NUMBER}\b)")
# "we've got about 250 in for the match", "there are eighty inside tonight": a count of those in, without a noun, when
# what follows says in where or when ("12 in the last hour", "500 in donations" are no presence).
PRESENT_IN = re.compile(r"\b(?:got|have|there are|there were|there's|we're|we are)\s+(?:about|around|some|roughly|approximately|over|nearly|almost|maybe|perhaps|probably)?\s*"
                        + NUM_START + rf"(\d{{1,3}}(?:,\d{{3}})+|\d+|\b{EN_NUMBER})\s+(?:in|inside)\b"
                        r"(?=\s*(?:[,.;!?]|$|(?:for|tonight|today|now|here|there|right now|at the moment|at present|total|all|"
                        r"the (?:building|house|hall|venue|pub|bar|club|restaurant|theatre|theater|church|store|shop|mall|school|hotel|museum|library|cinema|arena|audience|auditorium|stands|stalls|congregation))\b))")
# "only the two cleaners and me in the building", "楼里只有我和两个保安", "楼里只有我们五个人" (we are five, all told): a small count said as all who are there
# (the MIN_OCCUPANTS floor, set against casualty counts, does not apply).
ONLY_PRESENT = re.compile(rf"\b(?:only|just)\s+(?:the\s+)?(\d{{1,2}}|{EN_BELOW_100})\s+(?:of (?:us|them)\s+)?(?:[a-z-]{{3,15}}\s+){{0,2}}?(?:and\s+(me|myself|i)\s+)?(?:(?:are|is)\s+)?(?:(?:left|still)\s+)?"
                          r"(?:in the (?:whole |entire )?(?:building|house|block)|inside|in here|here|on site|on the premises)\b"
                          r"|只(?:有|剩下?)(我和|我跟)?(?:我们|咱们)?\s*(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:个|名|位)[^，。；！？]{0,8}(?:在楼里|在里面|在楼内|在馆里|在店里)"
                          r"|(?:楼里|里面|楼内|馆里|店里)(?:现在)?只(?:有|剩下?)(我和|我跟)?(?:我们|咱们)?\s*(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:个|名|位)")
# A count followed by words that leave nobody else ("nine of us and the caretaker, nobody else", "八个队员和我，没有其他人"):
# all who are there, as "only ... in the building"; "and me" / "和我" adds the caller. "Nobody else is hurt" is about
# casualties, not presence.
NOBODY_ELSE = re.compile(rf"\b(\d{{1,3}}|{EN_BELOW_100})\s+(?!(?:[a-z-]+\s+){{0,3}}?(?:injured|hurt|wounded|casualties|dead|killed|burned|burnt|unconscious)\b)(?:[a-z-]{{2,15}}\s+){{0,4}}?(?:and\s+(me|myself)\b\s*)?(?:(?:here|inside|in here|in the building)\s*)?[,;:\u2013\u2014-]*\s*(?:and\s+)?(?:nobody|no one|no-one)\s+else\b(?!\s+(?:is|was|has|got|seems?|feels?)\s+(?:\w+\s+)?(?:hurt|injured|ill|sick|affected|harmed|dizzy|unwell))"
                         r"(?!\s+(?:is\s+|are\s+)?(?:here\s+)?(?:on|in|at)\s+(?:this|that|our|my|the|their)\s+(?:\w+\s+)?(?:floor|storey|level|flat|apartment|room|office|unit|wing|department|section|ward|corridor|classroom|suite)s?\b)"
                         r"|(?<!家)(?<!家里)(我和|我跟)?(\d{1,3}|[一二两三四五六七八九十百]{1,4})\s*(?:个|名|位)(?![\u4e00-\u9fff]{0,8}?(?:受伤|伤|死|昏迷|晕|中毒|不舒服))[\u4e00-\u9fff]{0,8}?(和我|跟我|加上我|加我)?[，,、\s]*(?:就|也|再)?(?:没有|没)(?:别人|别的人|其他人|其他的人|外人)(?![^，。；！？]{0,3}(?:受伤|伤|有事|不舒服|中毒|晕))"
                         r"(?!在(?:家|我家|屋里|房间|这(?:一)?层|本层|这个房间))")
# A count of one part of the building (spec 5a): one hall, room or class, one tenant's office or staff, one event,
# or a count the report itself says leaves others out. It is no count of the building's occupants: the density
# table stands, the count a lower bound. Looked for in the count's own sentence, and for a count "we" give in the
# whole report (round 7).
PARTIAL_COUNT = re.compile(
    r"\b(?:in|at|on|of|for) (?:this|our|my|his|her|their|the same) (?:\w+ )?(?:hall|room|class|classroom|office|offices|floor|wing|department|company|firm|"
    r"conference|meeting|event|seminar|lecture|course|group|team|section|unit|premises|restaurant|shop|store|cafe|café|bar|canteen|ward|suite|flat|apartment|branch|party|wedding|dinner)s?\b"
    r"(?! (?:building|block|tower|house)\b)"
    r"|\b(?:in|at) (?:the|a|an) (?:canteen|cafeteria|dining hall|dining room|meeting room|conference room|lecture hall|lecture theatre|classroom|staff room|break room|seminar room|banquet hall|ballroom|function room|branch)s?\b"
    r"|\bin class\b|\b(?:in|at) (?:the|a|an) (?:\w+ )?room\b|\bin (?:screen|hall|auditorium|studio|room) (?:\d{1,2}|[a-z]\d?)\b"
    r"|\bother (?:companies|tenants|firms|offices|businesses|floors|departments)\b|\bnot counting\b|\bexcluding\b|\bplus (?:whoever|anyone|those|everyone)\b"
    r"|(?:食堂|教室|会议室|办公室|礼堂|课堂|(?<!自行)(?<!单)车间|报告厅|演讲厅|会场|展厅|机房|餐厅|影厅|放映厅|宴会厅|包间|包厢)(?:里|内|中)|(?:(?:这|本)一?层楼?|(?<![0-9一二三四五六七八九十])[0-9一二三四五六七八九十]{1,3}(?:楼|层))(?:里|上)?(?:大概|大约|约|一共|还)?有|我们(?:公司|班|部门|团队|这层|这一层|办公室)|我们的?(?:幼儿园|托儿所|诊所|店|餐厅|饭店|咖啡馆|理发店|工作室|健身房)(?:里|内)?(?:一共|总共|现在)?有|(?:其他|别的)(?:公司|租户|楼层)|不算|不包括")
# A room a group keeps or meets in, said without "in the" ("the club room in the basement", "our rehearsal room"):
# with a count "we" give, that room's people (PARTIAL_COUNT's rooms, said as a place of the group).
GROUP_ROOM = re.compile(r"\b(?:club|seminar|meeting|conference|function|class|common|hobby|rehearsal|practice|party|committee) ?rooms?\b"
                        r"|(?:活动室|排练室|练习室|会议室|教室|包间|包厢)")
# A count placed on one floor right after it ("about 40 people on the 3rd floor"); a floor said elsewhere in the
# sentence is where the incident is ("fire on the 5th floor, 200 guests in the hotel").
# A count placed on one floor or part after it ("about 40 people on the 5th floor"), also without the floor's number:
# "eleven residents in beds up there", "twelve of them upstairs", "20 people on the upper floors" (session 20, dev15).
PART_AFTER = re.compile(r"^[^.,;:!?]{0,20}?\b(?:(?:on|at) (?:the|our|this) (?:\d{1,2}(?:st|nd|rd|th)|ground|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|top) floor\b"
                        r"|up there\b|down there\b|upstairs\b|downstairs\b|on (?:the|that|this) (?:upper|lower|same) floors?\b|on (?:that|this) floor\b)")
# Words that make a count the building's whole, even beside a part's word ("in the building", "full house").
WHOLE_COUNT = re.compile(r"\b(?:in the (?:whole |entire )?(?:building|house)|full house|sold[- ]out|house is full|altogether|in total|in all|across the floors|on all floors|whole building|entire building)\b"
                         r"|(?<![0-9一二三四五六七八九十层])楼(?:里|内)|整栋|全楼|全校|(?<!层)一共|总共")
# Digit boundaries, not word boundaries: "20:30冒烟" has no \b between the minutes and the Chinese text.
TIME_HHMM = re.compile(r"(?<![\d.,:])(?:at |around |about |~)?([01]?\d|2[0-3])[:.]([0-5]\d)(?![\d.,:]?\d)(?!\s?(?:(?:m|km|m/s|metres|meters)\b|%|米|厘米|公里|公斤|吨|升|度|倍))")
TIME_AMPM = re.compile(r"\b(1[0-2]|0?[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:[:.]([0-5]\d))?\s?(am|pm|a\.m\.|p\.m\.)(?!\w)")
# "A night shift" is when someone works, not when the report is made ("just home from a night shift").
NIGHT_WORDS = [r"\b(early hours|in the dark|tonight|at night|night(?![- ]shifts?\b)|midnight|overnight|in the small hours|late evening|this evening|evening|before dawn|at dawn|daybreak|nighttime|night-time)\b", r"(夜间|晚上|半夜|凌晨|深夜|今晚|夜里|清晨)"]
DAY_WORDS = [r"\b(this morning|morning|midday|noon|lunchtime|afternoon|daytime|during the day|rush hour|office hours)\b", r"(上午|中午|下午|白天|早上)"]

# The 16 compass points (degrees from north), full words without hyphens and the usual abbreviations (SW, NNE).
COMPASS = {"north": 0, "northnortheast": 22.5, "northeast": 45, "eastnortheast": 67.5, "east": 90, "eastsoutheast": 112.5, "southeast": 135,
           "southsoutheast": 157.5, "south": 180, "southsouthwest": 202.5, "southwest": 225, "westsouthwest": 247.5, "west": 270,
           "westnorthwest": 292.5, "northwest": 315, "northnorthwest": 337.5,
           "n": 0, "nne": 22.5, "ne": 45, "ene": 67.5, "e": 90, "ese": 112.5, "se": 135, "sse": 157.5, "s": 180, "ssw": 202.5, "sw": 225,
           "wsw": 247.5, "w": 270, "wnw": 292.5, "nw": 315, "nnw": 337.5}
ZH_COMPASS = {"北": 0, "东北": 45, "东": 90, "东南": 135, "南": 180, "西南": 225, "西": 270, "西北": 315}


def _point_words() -> str:
    """A compass point written out, its parts joined by nothing, a hyphen or a space ("south-southwest"), longest first."""
    parts = re.compile(r"north|south|east|west")
    words = sorted((k for k in COMPASS if len(k) > 3), key=len, reverse=True)
    return "|".join("[- ]?".join(parts.findall(w)) for w in words)


_POINT = _point_words()
_ABBR = "|".join(sorted((k for k in COMPASS if len(k) <= 3), key=len, reverse=True))
_DEG = r"(\d{1,3}(?:\.\d)?)\s?(?:°|degrees?\b|deg\b)"
# A compass point that names a part of a place ("the east side", "the north entrance", "the west of the square"), not a wind.
_PLACE_PART = r"\s{1,3}(?:side|end|exit|entrance|part|wing|corner|edge|door|gate|tip|shore|bank|border|of)s?\b"
# Where the wind comes from, in each way a report says it: "a southerly wind", "SW wind", "wind from the south",
# "wind 6 m/s from the south", "winds from the south-southwest", "wind: NNE", "wind direction south", "wind is
# south-westerly", "a westerly", "wind from 200°". Each pattern has the groups (point, degrees). Between "wind" and
# "from" no new clause starts ("Strong winds, evacuate people from the east side" says no direction), and the point
# names no part of a place ("the wind blew debris from the east wing").
WIND_FROM = [
    re.compile(rf"(?<!['’])\b({_POINT}|{_ABBR})(?:erly)?\s+(?:winds?|breeze|gale)\b()"),
    re.compile(rf"\bwinds?\b(?:[^.;!?,]|,\s*(?=\d|from\b)){{0,30}}?\bfrom (?:the )?(?:({_POINT}|{_ABBR})\b(?![-/])(?!{_PLACE_PART})|{_DEG})"),
    re.compile(rf"\bwinds?(?: direction)?:?\s+(?:is\s+|of\s+)?(?:({_POINT}|{_ABBR})(?:erly)?\b(?![-/])|{_DEG})"),
    # "-erly" said alone is a wind only as a noun ("a westerly", "a strong northerly, 8 m/s"); before another noun it
    # names a place or a part of one ("the Westerly Hotel", "the northerly wing").
    re.compile(rf"\b(?:a|the)\s+(?:(?:strong|light|fresh|stiff|gusty|cold|brisk|steady|moderate|gentle)\s+)?({_POINT})erly\b"
               rf"(?=\s*(?:[,.;:!?)]|$)|\s+(?:at|of|blowing|is|was|has|with|and|now|gusting|today|tonight|\d))()"),
]
# Where a wind or what it carries goes: "wind blowing north", "the cloud is moving in a northerly direction", "plume
# drifting northerly", "the wind is blowing towards the east". A point after these verbs is where the air goes TO.
WIND_TOWARDS = re.compile(rf"(?:\b(?:winds?|breeze|cloud|plume|smoke|gas|fumes|vapou?rs?|it)\b[^.;!?,]{{0,20}}?\b(?:blew|blow|mov|drift|head|travel|go|spread|carr)"
                          rf"(?:s|es|ies|ied|ing|ed|ling|led)?(?:\s+(?:it|them))?|\bwinds?(?:\s+is)?(?=\s+to))"
                          rf"\s+(?:(?:towards?|to|in|into)\s+)?(?:an?\s+|the\s+)?({_POINT}|{_ABBR})(?:erly|wards?)?\b(?![-/])(?!{_PLACE_PART})")
WIND_TOWARDS_ZH = re.compile(r"(?:风|气体|毒气|烟|云)[^，。；！？]{0,4}?(?:往|向|朝)(东北|东南|西南|西北|北|南|东|西)(?:边|面|方)?(?:吹|飘|扩散|移动|蔓延)")
WIND_ZH = re.compile(r"(东北|东南|西南|西北|北|南|东|西)风|风向\s?(?:为|是)?\s?(东北|东南|西南|西北|北|南|东|西)|风从(东北|东南|西南|西北|北|南|东|西)"
                     r"|(东北|东南|西南|西北|北|南|东|西)(?:边|面|方)?吹(?:来|过来)的风")
WIND_SPEED = re.compile(NUM_START + r"(\d+(?:[.,]\d+)?)\s?(m/s|m/sec|metres per second|meters per second|km/h|kph|米/秒|米每秒|公里/小时)")
WIND_VARIABLE = [r"\b(variable wind|wind (is )?variable|no wind|calm|still air|wind(less)?\b.{0,10}calm)", r"(无风|风向不定|静风)"]
LITRES = re.compile(NUM_START + r"(\d{1,3}(?:[,\s]\d{3})+|\d+)\s?-?\s?(?:l\b|lit(?:re|er)s?|升)")
CUBIC_M = re.compile(NUM_START + r"(\d+(?:[.,]\d+)?)\s?-?\s?(?:m3|m³|cubic met(?:re|er)s?|立方米|方)\b")
KLO = re.compile(r"\bklo\.?\s?([01]?\d|2[0-3])(?:[:.]([0-5]\d))?\b|\b([01]\d|2[0-3])([0-5]\d)\s?(?:hrs|hours|h)\b|\bat (0\d|1\d|2[0-3])([0-5]\d)\b(?![.,]?\d)(?!\s?(?:m|km|metres|meters|l|litres|liters|people|persons|kg|tonnes)\b)")
# "5 in the morning", "4.20 in the afternoon", "11 at night", "two in the morning": the words say which half of the day.
TIME_OF_DAY_WORDS = re.compile(r"\b(1[0-2]|0?[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:[:.]([0-5]\d))?(?: o'?clock)? (in the (morning|afternoon|evening)|at night)\b")
# A clock time in words ("half five", "half past nine", "quarter to seven", "ten to six"); the half of the day comes from other words
# of the report ("tonight", "in the morning"), and without them it is not read (a bare hour, section 5a).
CLOCK_IN_WORDS = re.compile(r"\b(half(?: past)?|(?:a )?quarter (?:past|to)|(?:five|ten|twenty|twenty-five) (?:past|to))\s+(1[0-2]|[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b(?![:.]?\d)")
PM_WORDS = re.compile(r"\b(afternoon|after lunch)\b")
AM_WORDS = re.compile(r"\b(morning|before dawn|at dawn|breakfast)\b")
# Counts in words: "two hundred people", "两百多名学生", "a crowd of about 500".
# "six hundred and thirty" keeps its tens and units (group 2); a Chinese hundred or thousand that is part of a
# longer numeral ("一千五百") is left to COUNT_IN_WORDS, which reads the whole of it.
WORD_HUNDREDS = re.compile(r"\b(a couple of|a few|few|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|several) hundred\b"
                           r"(?:(?: and)? ((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b)?"
                           r"[^.]{0,25}?\b(people|persons|guests|visitors|shoppers|customers|students|pupils|staff|employees|workers|residents|patients|passengers|spectators|fans|children|swimmers|audience|tickets|inside|in the building)"
                           r"|(?<![零一二两三四五六七八九十百千])([一二两三四五六七八九])(百|千)(?![零一二两三四五六七八九十])(?:多|来|余)?\s*(?:名|个|位)?(?:人|顾客|观众|学生|员工|乘客|住户|居民|游客)"
                           r"|\bcrowd of (?:about |around |some |over |more than )?(\d[\d,]*)")
# Ordinal floor words; "first" is the ground floor as in Finnish usage (1. kerros).
FLOOR_WORDS = {"ground": 1, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "top": 0}
FLOOR_WORD = re.compile(r"\b(ground|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)[- ]floor\b|\bstreet[- ]level\b|(底层|首层)|([一二两三四五六七八九十]{1,3})\s?(?:楼|层)(?!下|上|道|梯)")
# Dependent persons to relocate in a long outage (U2): a count of people in the sentence that names their devices.
DEPENDENTS = re.compile(r"\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|a dozen)\s(?:[a-z-]{3,15}\s){0,2}?(?:residents|people|persons|patients|users|clients|elderly|pensioners|seniors|tenants|customers)\b"
                        r"|(\d{1,3}|一|两|二|三|四|五|六|七|八|九|十)\s*(?:名|个|位)?(?:居民|住户|老人|病人|患者|用户)")
# A count said of the device's users themselves ("12 on oxygen concentrators", "3 residents using ventilators",
# "两名依赖呼吸机的老人"): these are the dependent persons, not the whole building's ("40 residents, 12 on oxygen").
DEPENDENTS_ON_DEVICE = re.compile(
    r"\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|a dozen)\s(?:[a-z-]{3,15}\s){0,2}?"
    r"(?:(?:are |is )?(?:on|using|use|uses|depend\w* on|need\w*|rel(?:y|ies) on)) (?:a |an |their |home )?"
    r"(?:oxygen|ventilators?|respirators?|dialysis|home oxygen|life[- ]support|medical devices?)"
    r"|(\d{1,3}|一|两|二|三|四|五|六|七|八|九|十)\s*(?:名|个|位)?[^，。]{0,3}(?:依赖|靠|用|使用|离不开)着?(?:制氧机|呼吸机|氧气机|透析)", re.IGNORECASE)
# The device a count is of, for counting each group once: the same device said again (a correction, an update appended
# to the report) is the same people, not more of them.
DEVICE_KIND = re.compile(r"oxygen|制氧|氧气|ventilat|呼吸机|respirat|dialys|透析|life[- ]support|wheelchair|hospital bed|medical device|医疗设备",
                         re.IGNORECASE)
# The fire is on the building's top floor, whatever its number: nothing above it to clear.
# The top floor as the FIRE's floor ("fire in the top-floor flat", "the top-floor flat's kitchen is on fire", 顶层一户着火),
# not said of the neighbours or of smoke rising ("the neighbours on the top floor can smell smoke", 顶层的邻居闻到烟味):
# only then has the fire no floor above it to clear.
_TOP = r"(?:top|uppermost|highest)[- ](?:floor|storey|story)(?:[- ](?:flat|apartment))?|(?:top|uppermost|highest)[- ](?:flat|apartment)"
TOP_FLOOR = re.compile(rf"\b(?:fire|blaze|flames|burning|alight|ablaze)\b[^,.;:!?]{{0,20}}\b(?:in|on|at|of) (?:the |a |an )?(?:{_TOP})\b"
                       rf"|\b(?:{_TOP})(?:['’]s)?(?: \w+){{0,2}} (?:is |are |was |has )?(?:caught )?(?:on fire|burning|alight|ablaze|fire)\b"
                       rf"|\b(?:{_TOP}) (?:\w+ )?(?:fire|blaze)\b"
                       r"|(?:顶层|顶楼|最高层|最上面一层)[^，。；！？,.说看闻楼]{0,10}(?:着火|起火|失火|烧起来|冒火)"
                       r"|(?:着火|起火|失火)[^，。；！？,.]{0,3}(?:在|的是)(?:顶层|顶楼|最高层)"
                       # the caller lives on the top floor and their own home burns ("住在…顶层四楼。…我家厨房…烧起来了")
                       r"|住(?:在)?[^，。；！？]{0,20}(?:顶层|顶楼|最高层)[^？！]{0,30}?(?:我家|家里|屋里)[^，。；！？]{0,12}(?:着火|起火|失火|烧起来|冒火)"
                       rf"|\b(?:i|we) live (?:on|in) the (?:{_TOP})\b[^?!]{{0,40}}?\b(?:my|our) (?:flat|apartment|home|kitchen|place)\b[^,.;]{{0,20}}\b(?:on fire|burning|caught fire|alight)")
FLOOR_OF = re.compile(r"\b(?:on the |the )?(\d{1,2})(?:st|nd|rd|th)[- ]floor\b|\bfloor (\d{1,2})\b|(\d{1,2})\s?(?:楼|层)")

# The words a report uses for a place that is no building when that place is where it happens (a station, stop or
# entrance the map has as a point, not as a footprint): its hall and platforms are underground or open, and its
# stairs and escalators are not a building's stairwell. Blanked before the report is read again as an outdoor one.
OPEN_PLACE_OWN = re.compile(r"\b(?:(?:metro|subway|underground|railway|train|tram|bus|u-?bahn) )?(?:stations?|stops?|entrances?|exits?|platforms?|stairs|steps|escalators?)\b"
                            r"|\b\w*(?:asema|asemalla|asemalle|asemaan|asemalta|aseman|pysäkki|pysäkillä|sisäänkäynti|sisäänkäynnillä|sisäänkäynnin|portaat|portailla|liukuportaat|liukuportailla)\b"
                            r"|(?:地铁站|火车站|车站|公交站|电车站|站台|站口|入口|出口|楼梯|扶梯|台阶)")

# The words that put the hazard or people *inside* a station rather than at it (an underground metro station, a station
# hall): "in the X metro station", "on the platform", "地铁站里", "站台上", "asemahallissa". The station's own words are
# blanked for the outdoor re-read (OPEN_PLACE_OWN), so these are read first: a station the report puts people or smoke
# in is never an open-air incident. A tram or bus stop's platform is out in the street. "Down there" is in
# BELOW_IN_A_STATION: it says "inside" only of a station or an underground place.
INSIDE_STATION = re.compile(r"\b(?:in|inside|within|into)\s+(?:the\s+)?(?:(?!(?:by|near|next|to|outside|beside|behind|opposite|in|front|of|at|across|from|the|a|an)\b)[\w'-]+\s+){0,3}?(?:(?:metro|subway|underground|railway|train)\s+)?"
                            r"(?:station|station hall|ticket hall|concourse)s?\b(?!\s+(?:square|forecourt|entrance|exit|car park|parking))"
                            r"|\b(?:on|onto)\s+(?:the\s+)?(?:(?!tram\b|bus\b|stop\b)[\w'-]+\s+){0,2}?platforms?\b"
                            r"|(?:地铁站|火车站|车站|站台|站厅|候车厅|售票厅)(?:里|内|里面|上|中|下面)"
                            r"|\b\w*(?:asemassa|asemahallissa|asemahalliin|laiturilla|lippuhallissa)\b")

# A report that names a station or a place under the street (a metro, an underground car park, a tunnel, a station
# hall): there "down there" is that place below the street. Said of a square, a park or a street it is only where
# the caller looks from a window or a bridge, and puts nobody indoors.
STATION_OR_UNDERGROUND = re.compile(
    r"\b(?:metro|subway|underground|u-?bahn|concourses?|ticket halls?|tunnels?)\b"
    # a station, not a fire, police or petrol one (those are buildings or forecourts in the street)
    r"|(?<!fire )(?<!police )(?<!petrol )(?<!gas )(?<!service )(?<!filling )(?<!charging )(?<!power )\bstations?\b"
    r"|\b(?!huoltoasem|asema-aukio)\w*(?:asema|metro|tunneli|maanalai)\w*\b"
    r"|(?:地铁|车站|站台|站厅|候车厅|售票厅|地下|隧道)")
# "Down there", "down below": with STATION_OR_UNDERGROUND, the hazard or its people are inside that place. Not the
# Chinese 下面/底下: they say "under" anything in the open (车底下 under a car, 树底下 under a tree) and 车站 is in every
# bus or tram stop (公交车站), so a Chinese report is inside a station only by INSIDE_STATION's own words (review s15-rv1).
DOWN_THERE = re.compile(r"\bdown (?:there|below)\b")


# A dwelling the report says is burning ("fire in a flat on the 3rd floor", "the apartment is on fire", "一户人家着火了"):
# the fire is in a home, so a business said to be on the same floor is a neighbour of the fire, not where it is.
DWELLING_BURNING = re.compile(r"\b(?:fire|flames|smoke|blaze)\b[^.;,]{0,12}\b(?:in|inside|from) (?:a|an|the|one|our|my|their|his|her|someone's) (?:\w+ )?(?:flat|apartment|home|dwelling)\b"
                              r"|\b(?:flat|apartment|home)s? (?:is |are |has |have )?(?:on fire|burning|alight|ablaze|caught fire)\b"
                              r"|(?:一户|那户|这户|一家人|人家|公寓|住户|居民家|家里)[^，。；！？]{0,4}(?:着火|起火|失火|烧起来|烧着了)")

# The residential words that name a shared part every building has (a hotel's main staircase, an office block's
# stairwell): alone they do not say the building is flats, so the map's own use of the building stands.
COMMON_AREA_USE_WORDS = re.compile(r"\b(?:stairwells?|staircases?)\b|楼道")

# A business placed on a floor in the words right after it ("our office is on the 2nd floor", "the agency has the 4th
# floor", "诊所在三楼") or right before it ("三楼的诊所", "the 3rd-floor office").
_ORDINAL_FLOOR = r"(?:ground|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|top|\d{1,2}(?:st|nd|rd|th))[- ](?:floor|level)"
TENANT_FLOOR_AFTER = re.compile(r"^(?: [a-z]+){0,2} (?:on|at|has|occupies|takes up) (?:the )?(?:whole |entire )?" + _ORDINAL_FLOOR + r"\b"
                                r"|^(?:在|位于)(?:\d{1,2}|[一二三四五六七八九十]{1,3})(?:楼|层)")
TENANT_FLOOR_BEFORE = re.compile(r"\b" + _ORDINAL_FLOOR + r" $|(?<![0-9一二三四五六七八九十])(?:\d{1,2}|[一二三四五六七八九十]{1,3})(?:楼|层)的?$")

# People who cannot walk out on their own (bedridden, wheelchairs, a care home, a ward): moved to an indoor place.
CANNOT_SELF_EVACUATE = [CANNOT_SELF_EVACUATE_EN, CANNOT_SELF_EVACUATE_ZH]
