"""Cue rules per clause: high-precision patterns (EN + ZH) that name the intent a clause asks for.

``CUES`` lists (intent, pattern); the first that fires in a clause wins (``clause_intent``), with the checks that
keep a question about a unit from reading as a status change and a supposed evacuation from reading as an order.
Several clauses can name several intents ("evacuate X and send two engines"); ``agent.intents`` routes them.
"""

from __future__ import annotations

import re

from agent.hazards import hazard_from_words
from agent.negation import excluded_units, negated_order, negated_part, positive_part, withdrawn_units, without_negation
from agent.slots import canonical_unit_ids, extract_status, extract_unit_types
from agent.time_window import WINDOWED_INCIDENTS

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

# "ERO-E1 to Annankatu 20", "KAM-A1 over to the station", "KAI-A1 to the fire", "KAI-A1 → gas leak": a unit id sent to a
# place or to an incident described by its kind (case-sensitive: ids are upper-case).  A lower-case destination needs
# "the" ("to the fire"), so a unit's own words ("ERO-E1 to stand by") stay no order.
_UNIT_SENT_TO = (r"(?-i:\b[A-Z]{3}-[A-Z]\d(?:\s+(?:over |down |out )?to\s+(?:the\s+)?[A-ZÄÖÅ0-9]|"
                 r"\s+(?:over |down |out )?to\s+the\s+[a-zäöå]|\s*(?:->|→|=>)\s*\w))")

# A unit type as a noun of an order ("amb", "rescue + amb", "utility crew"); lists of them stay one order.
UNIT_NOUN = (r"(?:ambulances?|ambs?|ambos?|engines?|ladders?|patrols?|police(?: cars?| patrols?| units?)?|rescue(?: units?| teams?)?|"
              r"hazmat(?: units?| teams?)?|utility crews?|crews?|medics?)")
_UNIT_LIST = rf"{UNIT_NOUN}(?:\s*(?:\+|&|,|and|plus)\s*(?:an? |the |one |two |\d )?{UNIT_NOUN})*"

# What a civil-protection plan calls its shelters besides "shelter": evacuee reception / evacuation / rest centres.
_SHELTER_NOUN = r"\b(?:(?:evacuee )?reception|evacuation|evacuee|rest) cent(?:re|er)s?\b"
# The words that name a shelter, one table for every reader (the rumour check, the shelter questions): English, Finnish
# (the case forms of "suoja", never "suojatie", a crosswalk, or "suojella", to protect), Swedish and Chinese.
SHELTER_WORDS = re.compile(
    r"\b(?:shelters?|warming (?:centres?|centers?|rooms?)|evacuation (?:site|point)s?|"
    r"\w*suoj(?:a|at|an|aan|assa|asta|aa|ista|issa|iin|ihin)|suojatil\w*|evakuointi\w*|lämmittelypaik\w*|"
    r"skyddsrum\w*|evakuerings\w*|värmestug\w*)\b|" + _SHELTER_NOUN + r"|避难所|避难场所|避难点|安置点|庇护所|取暖点|取暖中心|暖房",
    re.IGNORECASE)
# A plan or an evacuation called off or thrown away ("the evacuation at X can be called off", "throw away the dispatch
# plan for X"): there is no cancel tool, so help; a unit stood down beside it is still its own request (agent.intents).
CALLED_OFF = (r"\b(?:throw away|discard|bin|ditch|scrap|shelve)\s+(?:the|that|this|my|your|our)\s+(?:[\w-]+\s+){0,2}?(?:plan|proposal)s?\b|"
              r"\bevac(?:uation)?\b[^.!?]{0,60}\b(?:can be called off|(?:is|was|can be) (?:called off|cancelled|canceled|not needed|unnecessary)|"
              r"proved unnecessary|(?:is )?no longer (?:needed|necessary))|(?:疏散|撤离)(?:方案|计划|令|行动)?(?:就|先)?(?:取消|撤销|作废)")
# "what is pending confirmation?" has no cue of its own: one (session 15) took reports and orders that mention an
# unconfirmed fact ("伤亡还没确认，三楼起火") and was removed (review s15-rv2); pending proposals are listed in the sitrep.
CUES: list[tuple[str, str]] = [
    ("help", r"\bwhat can you do\b|\b(?:which|what) (?:kinds?|sorts?|types?) of (?:requests?|things|questions|tasks)\b.{0,20}\byou\b|\bwhat (?:goes|would go|will go) into\b[^.?!]{0,30}\b(?:from you|you (?:give|produce|make|write|put together|return))\b(?![^.?!]{0,40}\b(?:for|at|on|near|in)\s+(?-i:[A-ZÄÖÅ0-9]))|\bwhat (?:does|do|would|will) (?:a |an |the )?(?:[\w-]+ ){1,2}(?:from you|you (?:give|produce|make|write|return)) (?:include|contain|cover|look like)\b(?![^.?!]{0,40}\b(?:for|at|on|near|in)\s+(?-i:[A-ZÄÖÅ0-9]))|你(?:给|出|做|生成|写)的[^。？?]{0,8}(?:(?:一般|通常|都)?(?:包括|包含)(?:哪些|什么)(?:内容|部分|信息)|有哪些内容|里面(?:一般)?有什么|都写什么)|\bget you to\b|\bis there a way (?:to|for me to|I can)\b.{0,40}\byour?\b|\bhow (?:do|can|should) I (?:ask|tell|get|use) (?:you|this|the system|the assistant)\b|\bthrough you\b|\bspecial format\b|"
             r"\bhow do I use (?:this|the) (?:system|assistant|tool)\b|使用说明|操作说明|怎么用(?:你|这个|系统)|如何使用|系统怎么用|用来派车|\bcan you\b.{0,40}\bor do you\b|\bdo you only\b|\bhow do I use (?:you|this)\b|你能做什么|(?:AI|系统|你|助手)\s*(?:能|可以|会)(?:干|做)(?:啥|什么)|你会做什么|你有什么功能|怎么用你|(?:应该|要|该)?怎么(?:跟|和|对|告诉)你(?:说|讲)|\bhow (?:do|can) I (?:undo|cancel|revert|withdraw)\b|\b(?:is there|do you have|can I get) (?:an? )?(?:undo|way to undo|way to (?:cancel|withdraw|revert))\b|(?:怎么|如何)(?:撤销|撤回)|"
             r"\b(?:cancel|withdraw|revoke|undo|scrap|retract|call off)\s+(?:the|that|this|my|your|our)\s+(?:[\w-]+\s+){0,2}?(?:plan|proposal|evacuation|evacuation order)s?\b(?:\s+(?:you|we|I)\s+(?:made|proposed|drew up|gave))?|"
             # an evacuation called off ("cancel the evacuation at X", "撤离取消吧", Cantonese "疏散方案唔使喇"): no cancel tool, so help
             r"\b(?:cancel|call off|stand down|lift|end|abort)\s+the\s+evac(?:uation)?\b|" + CALLED_OFF + r"|(?:疏散|撤离)(?:方案|计划|令|行动)?(?:就|先)?(?:取消|撤销|作废|不用(?:了|喇|啦|嘞|咯)?(?=[，,。.!！\s]|$)|不需要了|唔使|免了)|(?:取消|撤销|停止)(?:对)?.{0,12}(?:的)?(?:疏散|撤离)(?:方案|计划|令|行动)?(?:吧|了)?(?=[，,。.!！]|$)|"
             r"(?:撤销|撤回|取消)(?:刚才|之前|上一个|那个|这个|你(?:做|给|出)的).{0,6}(?:方案|计划|提议)(?!.{0,6}(?:派|调|疏散))|(?:方案|计划|提议).{0,4}(?:想|要)?(?:取消|撤销|撤回).{0,8}(?:怎么|怎样|如何)(?:操作|做|弄|办)?"),
    ("sitrep", r"^(?![^.?!。？！]*(?:INC-?\d|\b[A-Z]{3}-[A-Z]\d))[^.?!。？！]*?(?:\bhow (?:are|'re) things\b|\bhow (?:does|do) (?:it|things) look\b|\bhow(?:'s| is) it (?:looking|going) (?:in|at|around|out)\b|"
               r"(?:现在|目前|那边|那一块|一带|区)(?:的)?(?:情况|状况|形势)?(?:如何|怎么样|怎样|什么情况))|\bsit ?rep\b|situation (?:report|update|summary|overview|picture)|overall picture|big picture|common operating picture|"
               r"\bstatus update\b|update on everything|\bbrief(?:ing)? (?:me|us)\b|shift handover(?!\s*(?:note\b|[:：]))|\bhandover\b(?!\s*(?:note\b|[:：—-]))|where do we stand|\boverall status\b|\bstatus of (?:operations|ops|everything|all operations)\b|\b(?:operations|ops) (?:overall|as a whole|across the (?:city|board))\b(?!\s+(?:at|in|on|near)\b)|\boverall (?:operations|ops)(?: status| picture)?\b|state of play|"
               r"what'?s the (?:overall )?situation\b(?! (?:at|on|in|near))|\brundown\b|summari[sz]e (?:the |our )?(?:current |overall )?(?:situation|picture)|"
               r"\balerts? only\b|\bany (?:active )?alerts\b|\b(?:the )?overall situation\b|\boverview of (?:what|the situation|everything)\b|\bwhat(?:'s| is) happening (?:in the city|across|right now)\b|\bwhat(?:'s| is) happening in [\w -]{2,30}? (?:zone|district|area) (?:right now|at the moment|currently)\b|^\W*(?:(?:so|ok(?:ay)?|right)\W+)?where (?:are we|do we stand)(?: at)?(?: now| overall| with (?:everything|it all|all this))?\W*$|"
               r"\bwh?at(?:'?s| is)? goin(?:g|')? on (?:in|at|around|over in|out in)\b|"
               r"\b(?:new|changed|happened|different)\b.{0,30}\bsince (?:my|the|our|your|I) last\b|\b(?:changes?|updates?|developments?) since (?:my|the|our|your) last\b|自从?上次.{0,10}(?:有什么|哪些)?(?:新|变化)|新的?\s*alerts?|新(?:的)?(?:告警|警报)|(?:should|do) I (?:be )?worr(?:y|ied)|\bI (?:should|need to|ought to) know about\b|"
               r"态势|局势|局面|形势|整体说|整体(?:汇报|介绍|说明)|情况汇报|总体情况|整体情况|综合情况|现场总览|简报|汇报一下.{0,6}(?:情况|现状)|当前(?:的)?(?:总体|整体)?情况"),
    ("unit_board", r"\b(?:which|what) (?:units?|vehicles|crews|rigs|resources)\b (?:are |is )?(?:still )?(?:free|available|idle|spare|on standby|"
                   r"uncommitted|not committed|in quarters)\b(?![^.?!;]{0,25}\b(?:at|in|near|from|for|to)\s+(?-i:[A-ZÄÖÅ]))|"
                   r"哪些(?:单位|车辆?|队伍|力量)(?:现在|目前|眼下|还|是)*(?:空闲|可用|待命|没(?:有)?出动|有空)|(?:空闲|可用|待命)(?:的)?(?:单位|车辆)(?:有|是)(?:哪些|什么)|"
                   r"unit board|\b(?:show|give|pull up|bring up)\s+(?:me |us )?the board\b|^\W*(?:the )?board\b(?!\s+(?:the|a|an|ship|ferry|train|bus|tram|vessel)\b)|\bwhich (?:units )?are (?:committed|busy|free|available|out)\b.{0,30}\bwhich (?:are|is) (?:committed|busy|free|available|off the road|out of service)\b|board (?:pls|please)|units? (?:committed|busy) (?:vs|versus|and|or) (?:free|available)|"
                   r"committed vs\.? free|(?:all|every) units?.{0,30}(?:free|committed|overview|board)|how stretched|"
                   # the state of the whole fleet asked for: "status of all resources" (ICS: resources are the units
                   # and crews), "all units' status", "show all vehicles", "全部资源状态"; a station named is its units
                   r"\b(?:status(?:es)?|state|whereabouts|availability|locations?|positions?) of (?:all|every|each|the whole|our)\b(?:\s+(?:the|our|of the))?\s+"
                   r"(?:units?|resources?|vehicles?|assets?|fleet|crews?|apparatus)\b(?![^.?!;]{0,25}\b(?:at|in|from)\s+(?-i:[A-ZÄÖÅ]))|"
                   r"\b(?:all|every)\s+(?:the\s+|our\s+)?(?:units?|resources|vehicles|assets)(?:'s?)?\s+(?:status(?:es)?|states|locations|positions)\b|"
                   r"^\W*(?:please\s+)?(?:show|list|display)\s+(?:me\s+|us\s+)?(?:all|every)\s+(?:the\s+|our\s+)?(?:units|resources|vehicles)\W*$|"
                   r"(?:全部|所有)(?:的)?(?:资源|力量)(?:的)?(?:状态|情况)|"
                   r"units? (?:out|in|free|busy|committed|available|deployed) (?:vs\.?|versus|and|or) (?:units? )?(?:in|out|free|busy|committed|available|idle)|"
                   r"how many units (?:are |have we got |do we have )?(?:out|busy|committed|free|available|deployed|left)|"
                   r"(?:出动|任务中|在任务).{0,6}(?:和|与|跟|还是).{0,4}(?:空闲|待命|可用)|(?:空闲|待命|可用).{0,6}(?:和|与|跟|还是).{0,4}(?:出动|任务)|"
                   r"各(?:个)?(?:站|基地).{0,10}(?:车辆|单位)|"
                   r"(?:单位|车辆)(?:总览|看板|一览)|各(?:个)?单位.{0,10}(?:状态|情况|一览)|状态板|(?:全部|所有)(?:的)?(?:单位|车辆)(?:的)?状态|哪些在任务中|哪些(?:单位|车辆?)?(?:在执行任务|在外面|空着|停用)|车都在哪|"
                   r"(?:车辆|单位)(?:的)?(?:状态|情况).{0,4}(?:总览|一览|全部)|(?:全部|所有)(?:单位|车辆).{0,20}(?:空闲|任务中|总览)"),
    ("open_incidents", r"\b(?:open|active|ongoing|unresolved|live|current) (?:incidents?|calls?|jobs?|events?)\b|"
                       # the incidents asked for by what they are doing: "how many P1 jobs are running", "which incidents
                       # are still in progress", "any P2 calls going on"; in Finnish and Swedish "mitkä tehtävät ovat auki",
                       # "avoimia tehtäviä", "vilka händelser är öppna", "pågående ärenden" (s19 dev)
                       r"\b(?:how many|which|what|any)\b[^.?!;]{0,12}?\b(?:incidents?|jobs?|calls?)\b[^.?!;]{0,15}?"
                       r"\b(?:running|going on|in progress|under ?way|open|active)\b|"
                       r"\b(?:avoim\w*|auki olev\w*|käynnissä olev\w*)\s+(?:tehtäv\w*|tapahtum\w*|tapauks\w*|keikk\w*)|"
                       r"\b(?:tehtävät|tapahtumat|tapaukset|tehtäviä)\b[^.?!;]{0,20}?\b(?:auki|käynnissä|avoinna|kesken)\b|"
                       r"\b(?:öppna|pågående|aktiva)\s+(?:händelser\w*|ärenden\w*|uppdrag\w*|larm\w*)|"
                       r"\b(?:händelser\w*|ärenden\w*|uppdrag\w*)\b[^.?!;]{0,15}?\b(?:öppna|pågår|aktiva)\b|"
                       # the incidents asked for by the state of their plans ("which incidents have no approved plan",
                       # "any incidents whose plan is still a draft"): the incident list says each one's plan state
                       r"\b(?:which|what|any|list|show|how many)\b[^.?!;]{0,15}\b(?:incidents?|calls?|jobs?)\b[^.?!;]{0,30}?"
                       r"(?:\b(?:no|without|lacking|missing)\b[^.?!;]{0,15}\bplans?\b|\bplans?\b[^.?!;]{0,20}\b(?:not (?:yet )?approved|unapproved|"
                       r"(?:still )?(?:a |in )?drafts?|pending|awaiting approval|waiting for approval)\b|\bunapproved plans?\b|"
                       r"\b(?:awaiting|waiting for|pending) (?:(?:a |the |their |its )?plan )?approval\b)|"
                       r"(?:哪些|几个|几起|多少)(?:个|起)?(?:事件|警情|案子)[^。？?]{0,8}(?:方案|计划)[^。？?]{0,6}(?:没|未|待)(?:有)?(?:被)?(?:批准|审批|通过)|"
                       r"(?:没有|未经?|尚未|还没(?:有)?)(?:被)?(?:批准|审批|通过)(?:的)?(?:方案|计划)的?(?:事件|警情)|"
                       # a priority in the plural names incidents of that level, asked for by a verb of listing or a
                       # restriction ("list the P2s", "just the P1s please", "how many P3s left"); "P2的警情还剩几个",
                       # "还有几起 P1": the incidents of a level counted
                       r"\b(?:list|show|give|display|pull up|read (?:out|me)|only|just|what about|how many|any more|count)\b[^.?!;]{0,20}?\bP[1-4]s\b|"
                       r"P[1-4]\s*(?:级)?(?:的)?\s*(?:警情|事件|案子|案件)(?:还|现在|目前)?(?:剩|有|剩下)?(?:几|多少)|(?:还有|还剩|现在有|目前有)(?:几|多少)(?:个|起|宗|单)?\s*P[1-4](?!\s*(?:级)?(?:的)?\s*(?:伤|病|患|人|名|位))|"
                       # the incident list asked for: "show me all incidents", "the P1 incidents are to be listed", "P2 的事件列出来"
                       r"\b(?:list|show|give|display|pull up)(?:\s+(?:me|us))?(?:\s+(?:all|every|the|our|current|today's))*(?:\s+P[1-4])?\s+incidents\b|"
                       r"\bincidents\b[^.?!;]{0,20}\b(?:to be |be )?listed\b|(?:事件|警情)(?:也|都)?(?:给我)?列(?:出来|一下|个清单)|"
                       r"列(?:出|一下)?(?:所有|全部)?(?:的)?(?:[一二三四]级|P[1-4])?(?:的)?(?:事件|警情)|\bINC-?\d+\b[^.!?]{0,30}(?:[?？]|吗|情况|进展|怎么样|状态|status|update)|\b(?:status|update|news) (?:of|on) INC-?\d+\b|what'?s (?:still )?(?:active|open|going on)|\bunresolved\b|"
                       r"incidents? (?:are |is )?(?:still )?(?:open|active|ongoing)|how many incidents|P[1-4]s? (?:are |is )?(?:still )?(?:open|active)|open P[1-4]s?|^\W*(?:any |the |just |only )?P[1-4](?:s| ones)\W*$|^\W*(?:any )?P[1-4]s?\s*[?？]\W*$|"
                       r"\b(?:calls?|incidents?|jobs?|events?) (?:are |is )?still (?:running|open|active|going|ongoing)|\b(?:what|which|anything|everything|is|are|any|list|show)\b.{0,30}\bstill open\b|anything (?:still )?(?:open|active|ongoing)|"
                       r"还在处理|(?:所有|全部)?[一二三四]级(?:的)?(?:事件|警情)|(?:几|多少)(?:件|起|宗|单)(?!位|元|物|货)(?:[一二三四]级|P[1-4])?|(?:事件|警情).{0,4}(?:有几|有多少)|开放(?:的)?事件|事件(?:清单|列表)|未结(?:的)?事件|未结案|没结案|未关闭|没关闭|没有关闭|进行中的事件|未处理完|(?:还)?开着(?:的)?(?:事件|警情|案子)|哪些(?:还)?(?:开着|没关|未关)|事件.{0,6}还开着|还有几个|哪些事件|几起事件|多少(?:起|个)事件|事件.{0,4}(?:在进行|进行中)"),
    # "which shelters still have room (tonight)?", "onko evakuointikeskuksissa vielä tilaa?", "vilka skyddsrum har plats
    # kvar?": the places still free, not the capacities (trial 18 M7)
    # (a place or a head count beside it asks for the nearest suitable ones: the shelter list, which says free places too)
    ("shelter_occupancy", r"(?<!nearest )(?<!closest )\b(?:shelters?|" + _SHELTER_NOUN + r")\b(?![^.?!;]*\b(?:near|around|close to|for \d))[^.?!;]{0,30}\b(?:have|has|got)\s+(?:any\s+)?(?:room|space|places?|beds?)\b|"
                          r"\b(?:room|space)\s+(?:left\s+)?(?:in|at)\s+(?:the\s+|any\s+)?(?:shelters?|" + _SHELTER_NOUN + r")|"
                          r"(?:evakuointikeskuks\w*|hätämajoitu\w*|suoj\w*)[^.?!]{0,30}\b(?:tilaa|vapaita paikkoja)|\b(?:tilaa|vapaita paikkoja)\b[^.?!]{0,30}(?:evakuointikeskuks\w*|suoj\w*)|"
                          r"skyddsrum\w*[^.?!]{0,30}\b(?:plats|platser|rum)\s+kvar|"
                          r"how full|\b(?:free|spare|remaining|available) capacity\b[^.?!]{0,30}\b(?:shelters?|" + _SHELTER_NOUN + r")|\bhow many (?:beds|places|spaces|spots|cots)\b.{0,30}\bshelters?\b|\bshelters?\b.{0,20}\bover \d{2,3} ?%|\d{2,3} ?% full|shelter capacity check|capacity (?:check|overall)|安置人数|已安置|(?:避难所|安置点).{0,10}容量|head ?counts?\b.{0,25}shelters?|shelters?.{0,25}head ?counts?|at capacity|\bshelters?\b.{0,25}\b(?:full|at capacity)\b|(?:close to|nearly|almost) full|occupanc|capacity (?:left|remaining|used)|space left|places? left|beds? left|"
                          r"how many (?:people )?(?:are )?(?:in|at) (?:the )?shelters?|shelters?.{0,20}fill(?:ed|ing)? up|fill(?:ed|ing)? up.{0,20}shelters?|^\W*(?:is|are)\s+\S+(?:\s\S+)?\s+(?:filling|filled) up\s*\?|"
                          r"(?:spaces?|room|beds?|places?|spots?|capacity) (?:are |is )?(?:left|remaining|free|still available)\b(?! (?:near|in|at|around))|"
                          r"free (?:spaces?|places?|beds?|spots?)\b|(?:避难所|安置点|收容点?).{0,10}(?:满了|满没满|满不满|还有(?:空|地方|位置|床))|住了多少|多满|快满|满员|满了没|住满|入住|占用|剩余容量|还能住|还能(?:再)?(?:塞|容纳|进|放|收|接)(?:下)?(?:人|多少)|还剩多少|空位|床位"),
    # what the plans say, asked in Finnish, Swedish or German ("mitä suunnitelmassa sanotaan ...", "vad säger planen om
    # ...", "was steht im Einsatzplan zu ..."): a question, never "tee suunnitelma" (make a plan) of a report
    ("plan_question", r"\b\w*suunnitelm\w*\b[^.?!]{0,15}\b(?:sano(?:o|taan)|kerto(?:o|o|taan)|ohjeista\w*|määrä(?:ä|tään))\b|\b(?:sano(?:o|taan)|kerto(?:o|taan))\b[^.?!]{0,15}\b\w*suunnitelm\w*|"
                      r"\bvad\s+(?:säger|står\s+det\s+i)\s+(?:\w+)?(?:plan|rutin|instruktion)(?:en|erna)?\b|\benligt\s+(?:\w+)?(?:planen|rutinen)\b|"
                      r"\bwas\s+(?:steht|sagt)\b[^.?!]{0,20}\b\w*(?:plan|anweisung|vorschrift)\w*\b|\blaut\s+(?:\w+)?plan\b"),
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
    ("evacuation", r"^\W*(?:ok\W+|no\W+)?(?:make|change|set|put) (?:it|that|the radius|the zone)(?: to)? \d{2,5}\s*(?:m|metres|meters|km)?\W*$|(?:半径|疏散半径|疏散范围)(?:改成|改为|改到|设为|设成|调到|调整为|调整到)|^\W*(?:那就|那|就|不对[，,]?\s*)?(?:改成|改为|改到|调到|扩大到|缩小到)\s*[零一二两三四五六七八九十百千\d]+\s*(?:米|公尺|m)\W*$|"
                   r"(?<!self-)(?<!already )(?<!been )(?<!during the )(?<!during an )(?<!after the )\bevac(?!uees?\b)(?!uat(?:ing|ed) (?:themselves|on their own))(?!uation (?:assembly|route|drill|exercise|sign|exit|map)s?\b)|\b(?:widen|extend|expand|enlarge|increase|push out)\b(?:\s+(?:it|the (?:radius|zone|cordon|perimeter|area|evacuation(?: zone| area)?)))?\s+(?:to|by)\s+\d|(?:范围|半径|警戒区|疏散区|警戒范围|疏散范围)(?:再)?(?:扩大|扩展|扩|增加|加大|放大)(?:到|至)|^\W*再?(?:扩大|扩展|扩|加大|放大)(?:到|至)\s*[零一二两三四五六七八九十百千\d]|往.{0,2}撤|撤(?:到|往|向)(?!来?了)|(?:把|将).{0,20}(?:人|住户|居民|观众|顾客|学生|员工|游客|乘客|摊贩).{0,6}(?:清出|带出|转移|撤)|\bcleared\b.{0,40}\b(?:around|radius|metres|meters|kilomet\w+|\d+ ?m)\b|clear (?:the )?buildings|get (?:everyone|everybody|people|ppl|folks|the crowd|the residents|them|the whole|all) .{0,40}\bout\b|\b(?:everybody|everyone|all|people|ppl) out of\b|get .{1,30} out (?:of|before)|"
                   r"clear (?:the|out the) (?:area|building|street|block|square)|\b(?:clear out|vacate)\s+(?:the\s+)?(?-i:[A-ZÄÖÅ])|move (?:people|ppl|everyone|everybody|residents|the crowds?|crowds|folks|them) (?:back|away|out)|"
                   r"moving people (?:back|away)|need to get out|\bget (?:them|everyone|everybody|people|ppl|the crowd|the public|the spectators) (?:off|away from|clear of)\b|"
                   r"(?:楼|大楼|整栋|建筑|场馆|商场|车站|广场)(?:内|里)?.{0,4}清空|(?<!已)撤人|" + _MOVE_PEOPLE_OUT + r"|\b(?:building|hall|block|premises|venue|site|floors?)\s+(?:to be |be |being )?(?:emptied|vacated)\b|\b" + _PEOPLE + r"\b[^.!?;]{0,30}\b(?:should|must|need to|needs to|have to|has to) be (?:moved|taken|got|brought|evacuated|cleared)(?: out| away| back| to safety)?\b|(?<!已)(?<!已经)(?<!未)(?<!没)(?<!没有)(?:疏散|撤离|撤出|撤走)(?!来?了(?!吗|没))|让.{0,10}(?:人|住户|居民|观众|顾客|学生|员工|游客).{0,6}(?:出来|离开|撤)|(?:人员|住户|居民|所有人)(?:都|全部)?(?:撤|离开)|转移.{0,6}(?:居民|人员|住户)"),
    ("shelter_list", r"\bshelters\b|(?:which|what|nearest|closest|any|list|open|available|a|suitable)\s+(?:\w+\s+)?shelter\b|shelter (?:options|near|for|capacity|list)|assembly point|where (?:can|could|do|should|would) (?:we|they|people|residents|evacuees) (?:go|put|house|take|stay|sleep|send)\b|somewhere to (?:stay|put)|"
                     r"(?:put|house|accommodate|take in) (?:about |around |roughly )?\d+ (?:people|persons|residents|evacuees)|哪里可以(?:住|安置)|"
                     r"避难所|避难场所|安置点|收容|\bskyddsrum\b|(?<=[\u4e00-\u9fff])\s?shelters?\b|" + _SHELTER_NOUN),
    ("dispatch", r"(?<!n't )(?<!not )(?<!never )(?<!did you )(?<!did we )(?<!have you )(?<!had you )\b(?:send|snd)\b|(?<!n't )(?<!not )(?<!never )\bdispatch\b|\bskicka\b|\blähetä\b|\blähettäkää\b|\blähettäisi\w*|\b(?:one|two|three|four|\d|an?)\s+(?:police\s+)?(?:patrols?|ambulances?|engines?|ladders?|units?|crews?)\s+to\b|(?:^|[，,；;])\s*加(?:派)?(?:一|两|二|三|几|\d)(?:辆|台|组|个|队)|\b(?:units?|ambulances?|ambs?|engines?|ladders?|patrols?|police|crews?|rescue(?: units?| teams?)?|hazmat(?: units?| teams?)?) (?:sent|dispatched|rolling) (?:to|there|over|out)\b|\b(?:I'?d like|I would like|I want|we want|I need|we need|requesting|request(?:ed)?(?: is)? for|(?:is|are) for|asking for|\bREQ\b[:=]?)\s*(?:an?|one|two|three|four|\d+|another|a second|a third|some)?\s*(?:more\s+|extra\s+)?(?:[\w-]+\s+)?(?:units?|ambulances?|engines?|ladders?|patrols?|police (?:cars?|patrols?|units?)|crews?|rescue (?:units?|teams?)|hazmat (?:units?|teams?))\b(?!\s+(?:status|board|availability))|^\W*+(?:and |plus |also )?(?:an? |the |one |two |three |\d )?(?:[\w-]+ )?(?:ambulances?|engines?|ladders?|patrols?|police|crews?|rescue|hazmat)\s+(?:there|too|as well|to the same (?:place|address))\W*$|\b(?:should|to|can|will) respond\b|\brespond to\b|\bwhat (?:units|resources) (?:should|to|do we)\b|\bneed (?:an? |two |2 |more )?(?:ambulance|engine|police|unit|crew|patrol)s?\b|how long (?:until|till|for|before)|"
                 rf"^\W*(?:an? |the |one |two |three |\d )?{_UNIT_LIST}\s*(?:,|\bto\b|->|→)|^\W*(?:an? |the |one |two |\d )?{_UNIT_LIST}[.!\s]*$|^\W*{_UNIT_LIST}\s*(?:也要|也派|也来|也需要)|"
                 rf"\b(?:could|can|would|will) (?:you (?:get|send) )?(?:an?|the|one|two|some) (?:\w+ )?{UNIT_NOUN} (?:come|attend|go|head|respond|get (?:there|here|over))\b|\bneed is (?:an? |the |one |two )?(?:\w+ )?{UNIT_NOUN}\b|"
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
                 r"(?<!已)(?<!不许)(?<!不要)(?<!不准)(?<!不能)(?<!不用)(?<!别)派(?!出所|出去)|调(?:派|度)(?!员|中心|系统|计划|方案)|调(?:一|两|二|三|几|\d)(?:辆|台|组|个|队)|调.{0,10}(?:车|队|警察|警车).{0,4}(?:去|过去|到)|出动.{0,6}(?:车|单位)|多久(?:能|才能)?到|几分钟.{0,6}到|最近的.{0,6}(?:车|救护车|消防车|警车)"),
]
CUE_PATTERNS = [(intent, re.compile(pattern, re.IGNORECASE)) for intent, pattern in CUES]
EXPLICIT_PLAN = re.compile(r"\b(?:response )?plan\b(?! say)(?! (?:search|results?|documents?|annex|section|page)\b)|what do we do|what (?:should|shall) (?:we|I) do|\badvise\b|how do we respond|what now|\bplan\?|recommended response|处置建议|应对建议|方案|怎么处置|怎么办|如何处置|应对", re.IGNORECASE)
# A plan asked for THIS incident ("what is the plan for this?", "what's our plan?", "what should we do now?", "怎么办"),
# not what the plans say in general.
DEICTIC_PLAN = re.compile(r"\bplan (?:for|about) (?:this|it|that|here|them)\b|\b(?:our|the) plan\s*+[?？.!]*+\s*+$|"
                          # "..., need plan pls", "... upstairs. Plan?": a plan asked for at the end of a report
                          r"(?:^|[.!?,;:\n][ \t]*|\b(?:need|want|get)\s+(?:a\s+|the\s+)?)plan(?:\s*+(?:pls|please|asap|now))?\s*+[?？.!]*+\s*+$|\bwhat (?:should|shall|do) (?:we|I) do\b(?! (?:in general|usually|normally))|"
                          r"怎么办|怎么处理|如何处置|怎么处置", re.IGNORECASE)
QUESTIONISH = re.compile(r"^\s*(?:if|when|what|which|who|how|should|can|may|are|is|do|does)\b|\?|？|\bis there (?:one|any)\b", re.IGNORECASE)
_SHELTER_IN_PLACE = re.compile(r"shelter[- ]in[- ]place|就地避难", re.IGNORECASE)


# "what have we got available at Erottaja", "Erottaja 有哪些车": a question about a station's units
_FLEET_Q = re.compile(r"\bwhat(?: (?:have we got|do we have|is there)|\s?'?s (?:left|available|free)| is (?:left|available|free))\b.{0,25}\b(?:at|in)\b|\bwhat units (?:are|do we have)\b|"
                      # what a station holds: "check what Kaisaniemi base has", "whether the Erottaja station has any more ladders"
                      r"\bwhat\b[^.?!;]{0,30}\b(?:base|station)\s+(?:still\s+)?(?:has|have|has got|has left)\b|\b(?:base|station) (?:still )?(?:has|have) (?:any|anything|more|left)\b|"
                      r"(?:有哪些|有什么|还有几辆|剩下哪些|有几辆)(?:车|单位|车辆)|哪些车|还有几(?:辆|台|个)|还?剩(?:下)?几(?:辆|台|个)|还剩(?:下)?(?:谁|哪些|什么)|(?:车辆|单位|车)(?:的)?(?:状态|情况)|(?:剩余|剩下|现有)(?:的)?(?:力量|车辆|单位|兵力)", re.IGNORECASE)


# "I need to know if KAI-U1 is free", "check whether ...": a question asked indirectly
_INDIRECT_Q = re.compile(r"\b(?:know|check|see|find out|tell me|confirm|ask) (?:if|whether)\b|是否|是不是|有没有", re.IGNORECASE)
_NEAREST_SHELTER = re.compile(r"\b(?:nearest|closest)\s+(?:\w+\s+)?(?:shelters?|assembly points?)\b|(?:附近|最近)(?:的)?(?:有什么|有哪些)?(?:避难所|安置点)", re.IGNORECASE)
# "would you mark ERO-H1 as out of service?", "could you please set ...": a polite order, not a question
_POLITE_ORDER = re.compile(r"(?:please\s+)?(?:would|could|can|will)\s+you\s+(?:please\s+|kindly\s+)?(?:mark|set|put|show|change|switch|flag|make|update|log|record)\b", re.IGNORECASE)
_SEND_UNIT_TO = re.compile(r"\b(?:send|dispatch|roll|move|get|assign)\b[^.?!;]{0,40}?\b(?:to|over to|down to|out to)\s+\S|"
                           + _UNIT_SENT_TO + r"|"
                           r"(?:派|调|叫|让).{0,20}?(?:去|过去|赶去|赶到|前往|到)|"
                           # an order verb opening the clause sends its unit, with or without a place ("..., send KAM-A2 instead")
                           r"^\W*(?:(?:just|then|and|so|please|instead|rather)\s+)*(?:send|dispatch|deploy|assign|commit)\b|^\W*(?:改|再|就|还是)?(?:派|调派|改派)", re.IGNORECASE)


_PAST_DISPATCH_Q = re.compile(r"^\W*(?:why|when|who|how come)\b[^.?!]{0,20}\b(?:did|have|had|has)\b[^.?!]{0,20}\b(?:sent|send|dispatch(?:ed)?)\b|"
                              r"^\W*(?:did|have|had) (?:you|we|they) (?:already )?(?:sent|send|dispatch(?:ed)?)\b[^.?!]*\?", re.IGNORECASE)
# A unit as the source of what follows ("KAI-P1 报告说 ...", "ERO-E1 reports heavy smoke", "crew of HAK-A1 says ...").
_UNIT_REPORTS = re.compile(r"(?-i:\b[A-Z]{3}-[A-Z]\d\b)\s*(?:'s crew\s*)?(?:reports?|reported|says|said|radioed|called in|confirms?|(?:刚才|刚刚)?(?:报告|回报|反馈|汇报|报告说|说))", re.IGNORECASE)


# An evacuation supposed, not ordered: "if we evacuate ...", "should it come to evacuating ...", "要是撤出来", "如果疏散".
CONDITIONAL_EVACUATION = re.compile(r"\b(?:if|in case|should (?:we|it come to)|were we to|suppose)\b[^.?!;]{0,40}\bevac|(?:如果|要是|假如|万一|若).{0,20}(?:疏散|撤|转移)", re.IGNORECASE)
_STATUS_ORDER = re.compile(r"\b(?:set|mark|put|change|switch|flag|update)\b|(?:把|将).{0,12}(?:改为|改成|设为|设成|标记为|置为)", re.IGNORECASE)


ORDER_INTENTS = frozenset({"evacuation", "dispatch", "unit_status_change"})


def clause_intent(clause: str, unit_ids: list[str]) -> str | None:
    """The intent a cue in this clause names, or None. A negated order ("do not send KAM-A1 to X", "don't evacuate yet",
    "不要派 KAM-A1") is no order: only what follows its contrast ("..., but send KAM-A2") or a request that only reads."""
    if negated_order(clause):
        positive = positive_part(clause)
        if positive:
            return clause_intent(positive, unit_ids)
        intent = _cue_intent(clause, unit_ids)
        return None if intent in ORDER_INTENTS | {"unit_query"} else intent  # "不要派 KAM-P2" asks nothing about KAM-P2
    return _cue_intent(clause, unit_ids)


# the parts of a clause between its commas; stripped after (a "\s*" around it backtracks on runs of spaces)
_PARTS = re.compile(r"[,，、;；]")


def parts_ordering_nothing(clauses: list[str], unit_ids: list[str]) -> list[str]:
    """What a message tells besides its orders: its clauses, and the comma-separated parts of its order clauses, that
    order nothing ("a man collapsed" of "Send an ambulance to Kamppi, a man collapsed"); empty for an order alone."""
    parts = [part.strip() for clause in clauses for part in (_PARTS.split(clause) if clause_intent(clause, unit_ids) else [clause])]
    return [p for p in parts if p and clause_intent(p, unit_ids) is None and not negated_order(p)]


def negated_intent(clause: str, unit_ids: list[str]) -> str | None:
    """The order a negated clause rules out ("don't evacuate yet" -> evacuation), or None."""
    if not negated_order(clause):
        return None
    intent = _cue_intent(without_negation(negated_part(clause)), unit_ids)
    return intent if intent in ORDER_INTENTS else None


# "..., use a different engine", "take another ambulance", "换一辆救护车": the other unit asked for in place of one ruled out
_ALTERNATIVE = re.compile(r"\b(?:another|a different|different|other|some other|the other|the next|instead)\b|别的|其他|其它|另(?:一|外)|换(?:一|个|成)", re.IGNORECASE)


def alternative_dispatch(clauses: list[str], unit_ids: list[str]) -> bool:
    """After a clause that rules out a dispatch ("don't send ERO-E1 to X"), a clause with no cue of its own that asks for
    another unit ("use a different engine", "get another ambulance there"): the dispatch the operator does want."""
    ruled_out = False
    for clause in clauses:
        if negated_intent(clause, unit_ids) == "dispatch":
            ruled_out = True
        elif ruled_out and clause_intent(clause, unit_ids) is None and _ALTERNATIVE.search(clause) \
                and (extract_unit_types(clause) or canonical_unit_ids(clause, unit_ids) or re.search(r"\b(?:units?|one|vehicle)\b|车", clause, re.IGNORECASE)):
            return True
    return False


_WINDOWED_INCIDENTS = re.compile(WINDOWED_INCIDENTS, re.IGNORECASE)


def _cue_intent(clause: str, unit_ids: list[str]) -> str | None:
    units = canonical_unit_ids(clause, unit_ids)
    if not units and _WINDOWED_INCIDENTS.search(clause) and not hazard_from_words(clause):
        return "open_incidents"  # "P1s opened in the last hour", "过去30分钟有什么新事件", "den senaste timmen" (agent.time_window)
    for intent, pattern in CUE_PATTERNS:
        if intent == "unit_status_change":
            asks = (QUESTIONISH.search(clause) or _INDIRECT_Q.search(clause) or re.search(r"still|yet|没有|了没|吗", clause, re.I)) \
                and not _POLITE_ORDER.search(clause)
            if units and extract_status(clause) and not asks:
                return intent
            continue
        if intent == "unit_query":
            asked = QUESTIONISH.search(clause) or _INDIRECT_Q.search(clause) or re.search(r"吗|呢", clause)
            if units and _UNIT_REPORTS.search(clause) and not asked:
                continue
            if units and not asked and hazard_from_words(clause):
                continue  # "ERO-E1 Kamppi tulipalo": a unit named beside a hazard, not asked about, is a report (review s16 rvC)
            if units and _SEND_UNIT_TO.search(clause) and not re.match(r"\s*(?:is|are|where|which|what|when|has|have)\b", clause, re.I):
                continue  # "send ERO-E1 to Annankatu 20", "派 ERO-E1 过去 Annankatu 20": a named unit sent somewhere is a dispatch
            if units or _FLEET_Q.search(clause) or (extract_unit_types(clause) and (re.search(
                    r"\bavailab(?:le|ility)\b|\bfree\b|\bleft\b|in quarters|at base|status|where (?:are|is)|可用|空闲|还有|在哪|状态|修好|在站|在家|在库|"
                    # the same asked in Finnish, Swedish and German ("onko Erottajan tikasauto vapaana?", "är ambulansen
                    # ledig?", "ist der Rettungswagen frei?"): a unit's state, not a place to look up
                    r"\bvapaa\w*|\bkäytettävi\w*|\blähtövalmi\w*|\bhuollossa\b|\btilanne\b|\btila\b|\bmissä\b|\bledig\w*|\btillgänglig\w*|"
                    r"\bfrei\b|\bverfügbar\b|\beinsatzbereit\b|\bwo (?:ist|sind)\b|"
                    # as the router reads Finnish ("Mikä on Kampin poliisipartioiden tilanne?" -> "what on ... situation?",
                    # "Missä Kampin ambulanssit ovat?" -> "where Kampin ambulanssit ovat?", agent.normalise)
                    r"\bsituation\b|^\W*where\b", clause, re.I)
                    or (QUESTIONISH.search(clause) and re.search(r"\bback\b|\bbusy\b|\bcommitted\b|\bdoing\b|tied up|off the road|in service|"
                                                                  r"on (?:a|the) (?:job|call)|回来|出动|忙|能用|在用", clause, re.I)))
                    and not re.search(r"\bsend\b|\bdispatch\b|派|\bcould use\b|\bneed\b|\bwant\b|\bI'?d like\b|\brequest(?:ing)?\b|\bone more\b|\banother\b|再加|加派", clause, re.I)):
                return intent
            continue
        if intent == "plan_question" and pattern.search(clause) and units and extract_status(clause) \
                and _STATUS_ORDER.search(clause) and not (QUESTIONISH.search(clause) or re.search(r"吗|是否", clause)):
            return "unit_status_change"
        if intent == "dispatch" and _PAST_DISPATCH_Q.search(clause):
            continue  # "why did you send KAM-A2 to X earlier?": a question about a dispatch made, not an order
        if intent == "evacuation" and CONDITIONAL_EVACUATION.search(clause) and dict(CUE_PATTERNS)["shelter_list"].search(clause):
            return "shelter_list"  # "if the care home is evacuated, which shelter can they go to?": where to, not an order
        if intent == "place_lookup" and _NEAREST_SHELTER.search(clause):
            continue  # "where's the nearest shelter": the nearest of a kind is a shelter list, not a named place's location
        if intent == "shelter_list" and _SHELTER_IN_PLACE.search(clause):
            continue  # "who may order a shelter-in-place" is a procedure question, not a shelter list
        if pattern.search(clause):
            return intent
    return None


def dispatch_units(text: str, clauses: list[str], unit_ids: list[str]) -> tuple[list[str], list[str]]:
    """The units the operator names for a dispatch and those they rule out, as (named, excluded): a unit named in a
    dispatch clause goes first; one negated ("do NOT send KAM-A1", "but not KAM-P2", "除了 ERO-E1") or taken back
    ("send KAM-A1 -- actually don't, send KAM-A2") is never sent. Both the routed calls and the response plan read it."""
    excluded = list(dict.fromkeys(excluded_units(clauses, unit_ids) + withdrawn_units(text, unit_ids)))
    named = [u for c in clauses if clause_intent(c, unit_ids) == "dispatch" for u in canonical_unit_ids(c, unit_ids) if u not in excluded]
    return list(dict.fromkeys(named)), excluded
