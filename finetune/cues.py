"""Explicit life-threat and non-incident cues, English and Chinese, as features beside the n-grams.

Priority is decided by evidence of a threat to life (TAXONOMY.md: trapped, not breathing, unconscious,
armed, fire with people inside, collapse with people under it, gas with symptoms or an evacuate
instruction). Callers put that evidence in endless surface forms, so each cue is a family of patterns
written from the taxonomy and first-aid / dispatch vocabulary, and a few cues are conjunctions (a hazard
AND people at risk) that a bag of n-grams cannot express. The text model learns how much each cue
counts; the cues only make the evidence visible. Non-incident cues (tests, drills, resolved events,
thanks, questions, figurative hazard words) work the same way in the other direction.
"""

from __future__ import annotations

import re

import numpy as np
from scipy import sparse

from core.contrast_words import contrast_pattern
from core.hazard_words import CARBON_MONOXIDE, ZH_KNIFE_WEAPON, ZH_TORCH
from core.text import URL_PATTERN

_F = re.IGNORECASE
# A link names nothing a report describes (a t.co slug, a news URL's words): cues read the text without links.
_LINK = re.compile(URL_PATTERN)

# name -> pattern. English patterns use word starts; Chinese ones are plain substrings.
_CUES: dict[str, str] = {
    # --- people at immediate risk ---------------------------------------------------------------
    "trapped": r"\btrapped|\bstuck (?:inside|in there|under|upstairs|in the)|can'?t get out|cannot get out|unable to get out|"
               r"\bpinned\b|\bburied\b|\bstranded\b|\bcut off by\b|under (?:the )?(?:rubble|debris|the wreck|it\b|them\b)|underneath|"
               r"被困|困在|出不来|压在|埋在|卡在|逃不出|卷入车底|压在车下",
    "not_breathing": r"not breathing|isn'?t breathing|stopped breathing|no pulse|no heartbeat|can'?t breathe|cannot breathe|"
                     r"struggling to breathe|gasping|choking|turning blue|gone blue|lips (?:are )?blue|grey in the face|"
                     r"没(?:有)?呼吸|不呼吸|呼吸困难|喘不上气|没有心跳|噎住|卡住喉咙|嘴唇发紫|脸色发紫",
    "unconscious": r"unconscious|unresponsive|not responding|won'?t wake|will not wake|can'?t wake|passed out|"
                   r"not moving|isn'?t moving|lifeless|collapsed and|fainted|seizure|fitting|convuls|"
                   r"昏迷|没有意识|失去意识|叫不醒|没反应|不省人事|晕倒|抽搐|一动不动",
    "bleeding": r"bleeding (?:heavily|badly|a lot|everywhere)|lots of blood|so much blood|blood everywhere|spurting|"
                r"大量出血|血流不止|流了很多血|满身是血",
    "critical_medical": r"chest pain|heart attack|cardiac|stroke|face (?:is )?drooping|slurred|overdose|anaphyla|allergic reaction|"
                        r"throat (?:is )?swelling|severe burns|critical condition|life-threatening|seriously (?:injured|hurt|wounded)|"
                        r"胸痛|心脏病|中风|脑梗|过量|过敏性休克|严重烧伤|重伤|伤势严重|生命危险|危重|病危",
    "armed": r"\bknife|\bknives|\bgun\b|\bguns\b|firearm|pistol|rifle|shooting|shots fired|\bshot\b|stabb|machete|\baxe\b|"
             r"\barmed\b|weapon|\bbomb\b|explosive|hostage|gunm[ae]n|\bshooters?\b|gunfire|\bopen(?:s|ed|ing)? fire (?:on|at|into)\b|"
             + ZH_KNIFE_WEAPON + r"|枪|砍人|捅|炸弹|爆炸物|劫持|人质|持械",
    "attack": r"attack|assault|beating (?:him|her|someone|a)|hitting (?:him|her|people)|threatening|\bfight(?:ing|s)?\b(?! (?:the |a )?(?:fire|blaze|flames|wildfire))|"
              r"打人|殴打|袭击|行凶|威胁",
    "drowning": r"drowning|went under|under the water|in the water|fell (?:in|into) the (?:sea|water|river|harbou?r)|through the ice|"
                r"can'?t swim|溺水|落水|掉进(?:水|河|海)|沉下去",
    "children_elderly": r"\bchild|\bkids?\b|\bbaby|toddler|infant|\bboy\b|\bgirl\b|elderly|old (?:man|woman|lady)|grandm|grandp|"
                        r"pregnant|disabled|wheelchair|孩子|小孩|婴儿|男孩|女孩|儿童|幼儿|老人|老太|老大爷|孕妇|残疾",
    "people_inside": r"people (?:are )?(?:still )?inside|someone (?:is )?(?:still )?inside|still (?:inside|in there|in the)|"
                     r"residents|upstairs|on the balcony|in the flat|in the apartment|can'?t get out|patients|bedridden|passengers|"
                     r"里面还有人|有人在里面|还在里面|楼上还有|楼(?:里|内)?还有人|还有人(?:被困|没(?:有)?出来|未(?:撤出|救出))|住户|居民|病人|患者|病房|乘客|"
                     # people above the fire or asleep in the building: guests of a hotel, residents of a care home
                     # (guests said to be out or safe are not: "the guests are all fine and outside", 客人都已经跑出来了)
                     r"\bguests\b(?![^.,;]{0,25}\b(?:fine|safe|ok|okay|out|outside|evacuated|left|gone)\b)|\b(?:asleep|sleeping)\b|on the (?:upper|top) floors?|care home|nursing home|"
                     # "<N>楼有" only with a person after it ("二楼有个空仓库", "停车场二楼有辆车" are things on a floor)
                     r"(?:楼上|[二两三四五六七八九十]楼)(?:还|也|都)?(?:有(?:[一两几三四五六七八九十\d]+个|个|一家)?(?:人|住户|居民|客人|老人|孩子|小孩|家人|病人|学生|婴儿)|住着|睡着)|"
                     r"(?:人|客人|老人|孩子)们?(?:都|还|也)?(?:在|住在|睡在)楼上|"
                     r"(?:客人|旅客|住客|房客)(?![^。，,；;]{0,6}(?:出来|跑出|撤出|离开|安全|没事|疏散|都出))|在睡觉|睡着|养老院|敬老院|护理院|"
                     # people at a window of it, calling for help; not the caller's own vantage ("I'm at the window and I
                     # can see ..."), and "waving from" only from a window, balcony or roof of it
                     r"(?<!i'm )(?<!i am )(?<!we're )(?<!we are )(?<!standing )\bat (?:the|a|their|an open) windows?\b|"
                     r"\bwaving (?:from|out of|at) (?:a|an|the|their|his|her) (?:\w+ )?(?:windows?|balcon(?:y|ies)|roof)\b|(?:窗口|窗户|窗边|窗台|阳台)(?:上|边)?(?:有人|[^。，,]{0,4}(?:挥手|呼救|喊|求救))",
    "people_under": r"under (?:it|them|the|there)|underneath|beneath|buried|trapped|pinned|压着|压在|埋着|下面有人",
    "many_people": r"\b(?:many|several|lots of|dozens of|crowd|everyone|hundreds)\b|多人|很多人|人群|一群人",
    "urgency": r"\bhelp\b|hurry|please come|come quick|emergency|\bhelp!|救命|快来|赶紧|快点|紧急",
    "evacuate": r"evacuat|get out now|leave the building|stay indoors|go indoors|remain indoors|shelter in place|"
                r"close (?:all |your )?(?:the )?windows|撤离|疏散|紧急转移|留在室内|待在室内|关闭门窗|不要外出",
    "symptoms": r"dizzy|headache|vomit|nause|faint|confused|drowsy|collapsed|can'?t breathe|头晕|头痛|呕吐|恶心|昏迷|晕倒",
    # --- hazards ---------------------------------------------------------------------------------
    # (a torch, 火炬 / 火把 as a noun, is no fire: a torch procession or relay is a crowd; 大火把…烧了 is a fire)
    "fire_word": r"\bfire\b|flames?|burning|on fire|smoke|blaze|ablaze|(?!" + ZH_TORCH + r")火|烟|燃烧|着火(?!把)|起火",
    "collapse_word": r"collaps|caved in|cave-in|gave way|came down|fell down|crumbl|倒塌|坍塌|塌了|垮了|塌方",
    "gas_word": r"\bgas\b|" + CARBON_MONOXIDE + r"|methane|fumes|chemical|ammonia|chlorine|toxic|"
                r"燃气|煤气|天然气|甲烷|毒气|化学品|氨气|氯气",
    "water_word": r"water (?:is )?(?:rising|up to)|flood|submerged|swept away|current|水淹|积水|洪水|被冲走|水位",
    "vehicle_word": r"\bcar\b|\bcars\b|\bbus\b|\btram\b|\btruck\b|\bvan\b|\btaxi\b|motorbike|bicycle|cyclist|collision|crash|"
                    r"rear-?ended|hit by|run over|车|撞|追尾|碰撞",
    # --- things that lower urgency or mean no incident -------------------------------------------
    "test_drill": r"\btest(?:ing)?\b|\bdrill\b|exercise|practice|rehearsal|scheduled|maintenance|self-?check|radio check|"
                  r"测试|演练|演习|试鸣|检修|维护|自检",
    "resolved": r"\b(?:is|are|was|were|been) (?:out|over|fixed|found|back(?! up (?:to|in|into|through|from)\b)|cleared|resolved|restored)\b|false alarm|all clear|"
                r"never ?mind|no longer|cancel|sorted now|everything(?:'s| is) (?:fine|ok)|already (?:out|gone|fixed|found)|"
                r"(?<!not )(?<!n't )(?<!not been )(?<!n't been )(?<!not yet )(?<!yet to be )\bextinguished\b|\bfound (?:safe|alive|unharmed|well)|"
                r"\b(?:power|supply|electricity|heating|water|service|traffic) (?:(?:has|have) been |was |is )?(?:restored|back\b(?! up))|"
                r"declared over|called off|(?:order|warning|ban|advisory|notice|restrictions?) (?:has been |have been |was |is )?lifted|"
                r"\blifts (?:the |its )?(?:\w+ )?(?:order|warning|ban|advisory|notice)|"
                r"\banniversary|years (?:since|after|ago)|\bmemorial\b(?! (?:hospital|clinic|park|hall|stadium|arena|bridge|church|library|school|centre|center|square|drive|road|avenue|way)\b)|commemorat|\bdocumentary\b|annual (?:report|statistics)|"
                r"\bin court\b|\bsentenced\b|\bconvicted\b|\bverdict\b|pleaded guilty|\bacquitted\b|"
                r"last (?:week|month|year|summer|winter|spring|autumn)'s|"
                r"已经(?:扑灭|找到|恢复|处理|解决|没事)|已[^，。,；未没不]{0,6}(?:扑灭|找到|恢复|解除)|(?<![未没])(?<!没有)被找到|找到时?身体|"
                r"(?<![未没法能])(?<!没有)解除|误报|取消|没事了|恢复正常|恢复供电|恢复供水|周年|纪念|年报|判处|宣判|一审|二审|"
                r"去年|上周|上个月",
    "hoax": r"\bprank|\bjoke\b|just kidding|\bfake\b|made it up|hoax|dare|恶作剧|开玩笑|假的|编的|整蛊",
    "thanks": r"\bthank|\bthanks|grateful|well done|great job|appreciate|谢谢|感谢|辛苦了",
    "question": r"\?\s*$|^(?:what|when|where|how|is|are|can|could|do|does|who|which)\b|请问|吗[？?]?\s*$|怎么|哪里|几点",
    "no_harm": r"no(?:body|one| one) (?:is |was |were )?(?:hurt|injured|inside|home)|no (?:injuries|casualties|deaths)\b|"
               r"without injur|everyone(?:'s| is| got)? (?:out|safe|fine|ok)|"
               r"all (?:safe|out|fine)|not (?:hurt|injured)|没人受伤|无人受伤|没有人员伤亡|无人员(?:伤亡|受伤)|未造成人员伤亡|都安全|都出来了",
    "figurative": r"flood of|flooded with (?:emails|messages|calls|orders)|fired up|on fire (?:today|tonight|this)|killing it|"
                  r"crash(?:ed)? (?:course|the party)|blew up (?:online|on)|firestorm|(?:stock|share|market|crypto) crash|"
                  r"under fire (?:over|for|from)|bomb(?:ed)? (?:the|my) (?:exam|test)|"
                  # (not "着火了", "起火了", "爆炸了": a fire or a blast said plainly, which end the same way)
                  r"(?<![着起失走烧])火了|(?<!爆)炸了|崩盘|爆单|刷屏",
    "advert": r"\bsale\b|discount|% off|call now|book now|order now|promo|优惠|打折|促销|特价",
}
# Conjunctions: the evidence the taxonomy names, which no single word carries.
_PAIRS: list[tuple[str, str]] = [
    ("fire_word", "people_inside"), ("fire_word", "trapped"), ("fire_word", "children_elderly"),
    ("collapse_word", "people_under"), ("collapse_word", "trapped"),
    ("gas_word", "symptoms"), ("gas_word", "evacuate"), ("gas_word", "unconscious"),
    ("water_word", "children_elderly"), ("water_word", "trapped"), ("vehicle_word", "trapped"),
    ("vehicle_word", "unconscious"), ("armed", "many_people"), ("armed", "attack"),
    ("test_drill", "fire_word"), ("resolved", "fire_word"),
]
_COMPILED = {name: re.compile(pattern, _F) for name, pattern in _CUES.items()}
# The same cues for ASCII text, lower-cased first: a cue whose letters are all lower case finds exactly what it finds
# with IGNORECASE (ASCII has no letter whose case folding differs from str.lower), at half the cost (re scans for a
# pattern's first characters only without IGNORECASE).  A cue with upper-case letters of its own (the CO symbol) reads
# the text as written.  cue_matrix is ~0.3 ms of a tweet's triage.
_ASCII_CUES: list[tuple[str, re.Pattern, bool]] = [
    (name, re.compile(pattern), True) if not re.search(r"(?<!\\)[A-Z]", pattern) else (name, _COMPILED[name], False)
    for name, pattern in _CUES.items()]
# An "over" word followed by a contrast that says something is still (or again) going on does not end the report:
# "warning lifted for the north bank but the south district is still flooding", "一处火已扑灭，但另一处仍在燃烧",
# "all clear was given, however the smell is back". Bulletins and callers report partial or reversed endings this way;
# the conjunction (core/contrast_words, with this reader's concessive words) alone is not enough ("fire out, but the road stays closed" stays over), it needs a continuing word.
_STILL_LIVE_AFTER = re.compile(
    contrast_pattern(extra_words=("yet", "while", "whereas"), extra_han=("然而", "却"))
    + r"[^.!?;。！？；]{0,80}?"
    r"(?:\b(?:still|again|(?:is|are|was|were|has|have) (?:come |came )?back|returned|spreading|rising|"
    r"(?:not|n't|never) (?:yet )?(?:out|over|found|contained|under control|extinguished|restored))\b|"
    r"仍|还在|还有人|还没|依然|依旧|再次|又(?:[起冒涨来出闻有]|开始)|重新|未(?:扑灭|找到|恢复|解除|控制))", _F)


def _resolved_span(text: str) -> tuple[int, int] | None:
    """Where ``text`` says the event is over, or None when it does not, or a later contrast says it still goes on."""
    match = _COMPILED["resolved"].search(text)
    if match is None or _STILL_LIVE_AFTER.search(text, match.end()):
        return None
    return match.span()


def _hits(text: str) -> set[str]:
    if text.isascii():
        low = text.lower()
        hits = {name for name, rx, lowered in _ASCII_CUES if name != "resolved" and rx.search(low if lowered else text)}
    else:
        hits = {name for name, rx in _COMPILED.items() if name != "resolved" and rx.search(text)}
    if _resolved_span(text) is not None:
        hits.add("resolved")
    return hits


CUE_NAMES: list[str] = list(_CUES) + [f"{a}&{b}" for a, b in _PAIRS]
LIFE_THREAT = ("trapped", "not_breathing", "unconscious", "bleeding", "critical_medical", "armed", "drowning")


def without_links(text: str) -> str:
    """``text`` as the cues read it: each link replaced by a space."""
    return _LINK.sub(" ", text)


def cue_matrix(texts: list[str]) -> np.ndarray:
    """(N, len(CUE_NAMES)) 0/1 matrix of which cues each text shows."""
    out = np.zeros((len(texts), len(CUE_NAMES)), dtype=np.float32)
    index = {name: j for j, name in enumerate(CUE_NAMES)}
    for i, text in enumerate(texts):
        text = without_links(text)
        hits = _hits(text)
        for name in hits:
            out[i, index[name]] = 1.0
        for a, b in _PAIRS:
            if a in hits and b in hits:
                out[i, index[f"{a}&{b}"]] = 1.0
    return out


def life_threat_cues(text: str) -> list[str]:
    """Names of the life-threat cues in ``text`` (for explanations and the plan's safety question)."""
    text = without_links(text)
    return [name for name in LIFE_THREAT if _COMPILED[name].search(text)]


class CueFeatures:
    """sklearn-style transformer: cue matrix as a sparse block, scaled to sit beside TF-IDF rows of unit norm."""

    def __init__(self, scale: float = 0.5):
        self.scale = scale

    def fit(self, texts, y=None) -> "CueFeatures":
        return self

    def transform(self, texts) -> sparse.csr_matrix:
        return sparse.csr_matrix(cue_matrix(list(texts)) * self.scale)

    def fit_transform(self, texts, y=None) -> sparse.csr_matrix:
        return self.transform(texts)

    def get_params(self, deep: bool = True) -> dict:
        return {"scale": self.scale}

    def set_params(self, **params) -> "CueFeatures":
        for k, v in params.items():
            setattr(self, k, v)
        return self


def cue_match(name: str, text: str) -> str | None:
    """The words of ``text`` that show cue ``name`` (its first match, widened to whole words: 'flooding', not 'flood';
    Chinese as matched), or None; for explanations."""
    text = without_links(text)
    if name == "resolved":
        span = _resolved_span(text)
    else:
        match = _COMPILED[name].search(text)
        span = match.span() if match else None
    if span is None:
        return None
    start, end = span
    alphabetic = lambda ch: ch.isalpha() and ord(ch) < 0x2E80  # noqa: E731 -- letters of alphabetic scripts only
    while start > 0 and alphabetic(text[start - 1]) and alphabetic(text[start]):
        start -= 1
    while end < len(text) and alphabetic(text[end]) and alphabetic(text[end - 1]):
        end += 1
    return text[start:end]
