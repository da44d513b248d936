"""A message that only takes something back: a unit type withdrawn from an earlier order ("forget the hazmat unit for
X, it was a fridge leak", "不用云梯车了，人自己下来了", Cantonese "头先叫嘅救护车唔使喇"), an evacuation put on hold
("X 的疏散先不搞了"), or the operator's own earlier words withdrawn ("disregard what I said about KAM-A2"). There is no
cancel tool: such a message asks for no plan and gets the help answer (how to stand a unit down), never a new
dispatch or response plan for the words around it.

A need denied in a report is no taking back ("car into a lamp post, nobody hurt, no ambulance needed" is a report): a
unit type counts only with a verb of taking back or a change of state ("no longer", "any more", "after all", 不用…了).
Whatever else the message asks (a dispatch of another type, a question) is routed as before.
"""

from __future__ import annotations

import re

from agent.clauses import split_clauses
from agent.cue_rules import clause_intent
from agent.negation import EN_TYPE_WITHDRAWN, ZH_TYPE_WITHDRAWN

# Taking back rather than denying a need: a verb of taking back or a change of state, in the withdrawal's sentence.
_TAKEN_BACK = re.compile(r"\b(?:scratch|cancel|drop|forget|ditch|strike|call off|hold back|stand down)\b|\bno longer\b|\bany ?more\b|\bafter all\b|"
                         r"取消|撤回|免了|(?:不用|不要|不需要)[^，,。.!！?？；;]{0,8}?(?:了|喇|啦|嘞|咯)", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?。！？\n]+(?:[.!?。！？]+|$)")
# An evacuation put on hold ("the evacuation's on hold", "hold off on the evacuation", "疏散先不搞了", "撤离暂停").
_EVACUATION_HELD = re.compile(r"\bevac(?:uation)?\b[^.!?]{0,40}?\b(?:is |goes |stays |'s )?on hold\b|\b(?:put|place)\s+the\s+evac(?:uation)?\s+on hold\b|"
                              r"\bhold off (?:on )?(?:the |that )?evac(?:uation)?\b|"
                              r"(?:疏散|撤离)(?:方案|计划|令|行动)?(?:就|先|暂时|暂且)?(?:不搞|不做|不弄|不执行|不进行|不撤|暂停|停一停|缓一缓|放一放)了?", re.IGNORECASE)
# The operator's own earlier words withdrawn, with what they were about ("disregard what I said about KAM-A2",
# "ignore my last message", "忽略我上一条", "刚才说的不算"): the operator's correction, no injection and no request.
_OWN_WORDS_WITHDRAWN = re.compile(
    r"\b(?:disregard|ignore|forget|scratch)\s+(?:what|everything|all)\s+(?:I|we)\s+(?:just\s+)?(?:said|wrote|told you|typed|sent|asked)"
    r"(?:\s+(?:about|re|regarding|on|for)\s+[^,.;:!?\n]{1,40})?|"
    r"\b(?:disregard|ignore|forget)\s+my\s+(?:last|previous|earlier)\s+(?:message|msg|text|note)(?:\s+(?:about|re|regarding|on|for)\s+[^,.;:!?\n]{1,40})?|"
    r"(?:忽略|无视|别管|不用管|不要管)(?:我)?(?:刚才|刚刚|上一?条|前面|之前)(?:说|发|讲)?(?:的)?(?:那条|消息|信息|话)?|(?:我)?(?:刚才|刚刚|前面)(?:说|发)的(?:那条)?(?:不算|作废)",
    re.IGNORECASE)


def taken_back_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` (as the router reads it: simplified, Cantonese as Mandarin) takes a unit type, an evacuation or its
    own earlier words back."""
    spans = [m.span() for m in _EVACUATION_HELD.finditer(text)] + [m.span() for m in _OWN_WORDS_WITHDRAWN.finditer(text)]
    for sentence in _SENTENCE.finditer(text):
        if not _TAKEN_BACK.search(sentence.group(0)):
            continue
        for pattern in (EN_TYPE_WITHDRAWN, ZH_TYPE_WITHDRAWN):
            spans += [(sentence.start() + m.start(), sentence.start() + m.end()) for m in pattern.finditer(sentence.group(0))]
    return sorted(spans)


def only_takes_back(text: str, unit_ids: list[str]) -> bool:
    """Does ``text`` take something back and ask for nothing else (no clause of the rest names a request a cue reads)?"""
    spans = taken_back_spans(text)
    if not spans:
        return False
    rest, last = [], 0
    for start, end in spans:
        rest.append(text[last:start] if start >= last else "")
        last = max(last, end)
    rest.append(text[last:])
    return not any(clause_intent(clause, unit_ids) for clause in split_clauses(" … ".join(rest)))
