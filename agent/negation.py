"""Orders the operator negates: "do NOT send KAM-A1", "don't evacuate yet", "不要派 EMS 11", "先别疏散".

A negated order is never planned, and a unit the operator rules out is never dispatched. The negation reaches to the
end of its clause only (``agent.clauses``): "do not send KAM-A1 to X, send another ambulance there instead" rules out
KAM-A1 and still asks for an ambulance. A unit ruled out inside a positive clause ("send an ambulance, but not KAM-A1",
"anyone except ERO-E1", "除了 KAM-A1") is excluded too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from agent.slots import UNIT_TYPE_NOUNS, canonical_unit_ids
from core.contrast_words import contrast_pattern
from core.record_ids import TYPED_UNIT_ID_RE

__all__ = ["affirmed", "negated_order", "negated_part", "positive_part", "without_negation", "excluded_units", "withdrawn_units"]

# The verbs of the orders a router plans: sending units, moving people, changing a unit's state.
ORDER_VERB = (r"(?:send|dispatch|deploy|roll|commit|assign|use|evacuate|evac|clear|move|pull|order|start|begin|mark|set|put|"
               r"change|stand down|release|call)")
# A negation that governs the clause's order: "do not", "don't", "never", "no need to", "hold off (on)", "we won't".
# "don't forget to send", "do not hesitate to evacuate", "never mind" negate nothing of the order.
_EN_NEGATION = (r"(?:^|(?<=[\s,;:(\-—–]))(?:do\s+not|don'?t|dont|never|must\s+not|mustn'?t|should\s+not|shouldn'?t|(?:we|I)\s+(?:will\s+not|won'?t)|"
                r"no\s+need\s+to|not\s+to|hold\s+off(?:\s+on)?|let'?s\s+not|no\s+(?=(?:evacuation|dispatch)\b))"
                r"(?!\s+(?:forget|hesitate|wait|delay|mind)\b)")
_EN_NEGATED = re.compile(rf"{_EN_NEGATION}\s+(?:\w+\s+){{0,2}}?(?:{ORDER_VERB}\w*|evacuation|dispatch)\b", re.IGNORECASE)
# An imperative negation ("不要派", "先别疏散", "不用调"); "不能" only before sending or moving people ("ERO-H1 不能用了" says the
# unit is out of service, "能不能用" asks whether it is); an A-not-A question ("要不要派", "派不派") negates nothing.
_ZH_NEGATION = r"(?:不要|不用|不必|不许|不准|别|勿|无需|暂不|暂时不|先不|先别|还不要|还别|暂缓)(?:再|先|马上|立即|急着|着急)?"
_ZH_VERBS = r"(?=派|调|出动|疏散|撤离|撤出|转移|动用|用|安排|设|标记|改)"
# "能不能派…？" ("could you send …?") is an A-not-A question: its 不能 negates nothing (s19 dev: answered "hold off")
_ZH_NEGATED = re.compile(rf"(?<![要用派调])(?:{_ZH_NEGATION}{_ZH_VERBS}|(?<!能)不能(?=派|调|出动|疏散|撤离))")
# Where a negated order gives way to the positive one: "do not send KAM-A1 but send KAM-A2", "不要派 A，而是派 B", "改派".
_CONTRAST = re.compile(contrast_pattern(extra_words=("instead", "rather"), extra_han=("而是", "改派", "换成", "改用")) +
                       # or a new order after a comma ("no need to evacuate, just send an engine")
                       rf"|[,，;；]\s*(?:(?:just|then|and|please|only)\s+)?(?={ORDER_VERB}\b|派|调|疏散|撤离|用|改)"
                       # or one coordinated with "and" / "then" / "而且" / "并" / "再" ("do not send KAM-A1 and send KAM-A2 there
                       # instead", "不要派 A 而且派 B"): a negation governs its own verb, never the next order's
                       rf"|\b(?:and|then)\s+(?:(?:then|just|please|instead|also)\s+)?(?={ORDER_VERB}\b)"
                       r"|(?:而且|并且?|然后|同时|(?<=[\s,，;；])再)(?=派|调|出动|疏散|撤离|用|改)", re.IGNORECASE)


# An order put on hold rather than negated: "hold the evacuation of Kamppi", "put the dispatch on hold", "pause the
# evacuation", "wait with the evac" (the order's noun: "hold the crowd back", "hold the line" hold no order).
_EN_HELD = re.compile(r"\b(?:hold|pause|delay|postpone|defer|suspend|freeze)\s+(?:off\s+(?:on\s+)?)?(?:the\s+|that\s+|this\s+|our\s+|any\s+)?"
                      r"(?:evacuation|evac|dispatch)\b|\b(?:evacuation|evac|dispatch)\b[^.!?;,]{0,30}?\bon hold\b|"
                      r"\bwait\s+(?:with|on)\s+(?:the\s+|that\s+)?(?:evacuation|evac|dispatch)\b", re.IGNORECASE)

# The same in Chinese with the hold after the order ("疏散 X 暂缓一下", "派车先暂停", "撤离的事推迟"); an order done before a
# pause ("疏散完成后暂停供电") holds nothing.
_ZH_HOLD_WORDS = r"(?:先)?(?:暂缓|暂停|缓一缓|缓一下|等一等|先等等|推迟|延后|搁置)"
_ZH_HELD = re.compile(rf"(?:疏散|撤离|派车|派遣|调派|出动)(?:(?!完成|完毕|结束|之?后)[^，,。！？；;!?\n]){{0,20}}?{_ZH_HOLD_WORDS}")


def _negation_span(clause: str) -> re.Match | None:
    return _EN_NEGATED.search(clause) or _ZH_NEGATED.search(clause) or _EN_HELD.search(clause) or _ZH_HELD.search(clause)


def negated_order(clause: str) -> bool:
    """Does the clause negate its order ("do not send KAM-A1 to X", "don't evacuate yet", "不要派 EMS 11")?"""
    return _negation_span(clause) is not None


def _scope(clause: str) -> tuple[int, int] | None:
    """Where the negation reaches: from the negation to a contrast ("... but send KAM-A2") or the clause's end."""
    negation = _negation_span(clause)
    if negation is None:
        return None
    contrast = _CONTRAST.search(clause, negation.end())
    return negation.start(), (contrast.start() if contrast else len(clause))


def positive_part(clause: str) -> str | None:
    """In a negated clause, the order outside the negation's scope: what follows a contrast ("do not send KAM-A1 but send
    KAM-A2 to X" -> "send KAM-A2 to X") or precedes the negation ("派警察过去，但是不要派 KAM-P2" -> "派警察过去"). None
    when the clause has no such part."""
    scope = _scope(clause)
    if scope is None:
        return None
    start, end = scope
    after = _CONTRAST.sub("", clause[end:], count=1).strip(" ,，;；")
    before = re.sub(r"(?:[,，;；]\s*)?(?:\b(?:but|and)\b|但是?|可是|不过)?\s*$", "", clause[:start], flags=re.IGNORECASE).strip(" ,，;；")
    parts = [part for part in (before, after) if re.search(r"\w{2,}|[\u4e00-\u9fff]{2,}", part)]
    return "，".join(parts) if parts else None


def negated_part(clause: str) -> str:
    """The words the negation governs ("do not send KAM-A1" of "do not send KAM-A1 but send KAM-A2"); the clause itself
    when it negates nothing."""
    scope = _scope(clause)
    return clause[scope[0]:scope[1]] if scope else clause


def affirmed(clause: str) -> str:
    """The clause less the words its negation governs ("send two engines but don't send the ladder" -> "send two
    engines but "): what the operator asks for."""
    scope = _scope(clause)
    return clause[:scope[0]] + " " + clause[scope[1]:] if scope else clause


def without_negation(clause: str) -> str:
    """The clause with its negation words taken out, to read which order it negates ("don't evacuate yet" -> evacuate)."""
    clause = _EN_HELD.sub(lambda m: " " + re.search(r"evacuation|evac|dispatch", m.group(0), re.IGNORECASE).group(0) + " ", clause)
    clause = re.sub(_EN_NEGATION, " ", clause, flags=re.IGNORECASE)
    return re.sub(_ZH_NEGATION + _ZH_VERBS + "|不能(?=派|调|出动|疏散|撤离)|" + _ZH_HOLD_WORDS, "", clause)


# A unit ruled out beside a positive order: "but not KAM-A1", "except ERO-E1", "other than", "any but", "除了 X", "X 除外".
_EXCEPT_EN = re.compile(r"\b(?:but\s+not|not|except(?:\s+for)?|other\s+than|apart\s+from|anyone\s+but|anything\s+but|any\s+but|"
                        r"excluding|without|instead\s+of|rather\s+than)\s+(?:the\s+)?$", re.IGNORECASE)
_EXCEPT_ZH_BEFORE = re.compile(r"(?:除了|除去|不要|别|不用|不派|不是|而不是|不要用|别用|换掉)\s*$")
_EXCEPT_ZH_AFTER = re.compile(r"^\s*(?:除外|不算|以外|之外|不要派|不派|别派|不行|不用)")


def excluded_units(clauses: list[str], unit_ids: list[str]) -> list[str]:
    """The units the operator rules out: every unit named in a negated clause, and a unit named right after "but not",
    "except", "other than", "除了" (or before "除外") in any clause. In order, each once."""
    found: list[str] = []
    for clause in clauses:
        if negated_order(clause):
            found += canonical_unit_ids(negated_part(clause), unit_ids)
            continue
        for match in TYPED_UNIT_ID_RE.finditer(clause):
            before, after = clause[max(0, match.start() - 25):match.start()], clause[match.end():match.end() + 8]
            if _EXCEPT_EN.search(before) or _EXCEPT_ZH_BEFORE.search(before) or _EXCEPT_ZH_AFTER.search(after):
                found += canonical_unit_ids(match.group(0), unit_ids)
    return list(dict.fromkeys(found))


# The operator taking back what they just said and saying it anew: "send KAM-A1 -- actually don't, send KAM-A2",
# "scratch that", "no wait", "不对，改派 KAM-A2", "算了，派 ...". Only where a new order follows: "..., no wait, KAM-A1 is
# busy" withdraws nothing.
_WITHDRAWAL = re.compile(r"(?:^|(?<=[\s,;:(\-—–]))(?:actually,?\s+(?:don'?t|do\s+not|not\s+(?:that|him|her|it|them)|no)|scratch\s+that|"
                         r"cancel\s+that|forget\s+that|belay\s+that|no,?\s+wait|wait,?\s+no|I\s+mean)\b|不对|算了|说错了|更正一下|搞错了",
                         re.IGNORECASE)
_NEW_ORDER = re.compile(rf"(?:^|(?<=[\s,，;；:：.。!！\-—–]))(?:(?:just|then|instead|please|rather)\s+)?(?:send|dispatch|deploy|roll|commit|assign|use|get)\b|"
                        r"(?:^|(?<=[\s,，;；:：。！]))(?:改|换|还是|就)?(?:派|调|出动|用)", re.IGNORECASE)


_SENTENCE_END = re.compile(r"[.!?。！？\n]")


def withdrawn_units(text: str, unit_ids: list[str]) -> list[str]:
    """The units of an order the operator takes back before giving a new one ("send KAM-A1 to X -- actually don't, send
    KAM-A2" -> KAM-A1): named before the withdrawal in its sentence and not named again after it. In order, each once."""
    found: list[str] = []
    for mark in _WITHDRAWAL.finditer(text):
        # the new order, straight after the mark or after the reason for it ("no wait, KAM-A1 is busy, send KAM-A2")
        order = next((m for m in _NEW_ORDER.finditer(text, mark.end()) if not _SENTENCE_END.search(text, mark.end(), m.start())), None)
        if order is None:
            continue
        start = max(text.rfind(stop, 0, mark.start()) for stop in ".!?。！？\n") + 1
        again = set(canonical_unit_ids(text[order.start():], unit_ids))
        found += [u for u in canonical_unit_ids(text[start:mark.start()], unit_ids) if u not in again]
    return list(dict.fromkeys(found))


# --- unit TYPES the operator takes back ("no ladder needed after all", "scratch the second engine", "不用云梯车了") ---
# The unit nouns of the fleet (``agent.slots.UNIT_TYPE_NOUNS``); a withdrawn type is dropped from the dispatch (a number
# word or ordinal before it, "the second engine", "one of the ambulances": one unit of it fewer).
_TYPE_NOUN = "(?:" + "|".join(pattern for _, pattern in UNIT_TYPE_NOUNS) + ")"
def _one_of(n: int) -> str:
    return rf"(?P<one{n}>second|third|fourth|extra|additional|last|other|one of the|one|1|第二|第三|一|多的|多派的)"
_EN_TYPE_WITHDRAWN = re.compile(
    # "no ladder needed (after all)", "no more engines required", "not a ladder needed"
    rf"\b(?:no|not\s+(?:a|an|the|any))\s+(?:more\s+)?(?P<a>{_TYPE_NOUN})\s+(?:is\s+|are\s+)?(?:needed|required|necessary)\b|"
    # "the ladder is not needed", "ladders no longer required", "the second ambulance isn't needed"
    rf"(?:\b(?:the|that|our)\s+(?:{_one_of(1)}\s+)?)?\b(?P<b>{_TYPE_NOUN})(?:\s+(?:is|are)\s+|'s\s+|\s+)(?:not|no longer)\s+(?:needed|required|necessary)\b|"
    rf"\b(?P<b2>{_TYPE_NOUN})\s+(?:isn't|aren't)\s+(?:needed|required|necessary)\b|"
    # "we don't need the ladder any more", "no longer need an ambulance"
    rf"\b(?:don'?t|do not|won'?t|will not|no longer)\s+need\s+(?:a\s+|an\s+|the\s+|any\s+)?(?:{_one_of(2)}\s+)?(?:more\s+)?(?P<c>{_TYPE_NOUN})\b|"
    # "scratch the second engine", "cancel the ladder", "drop one of the ambulances", "forget the hazmat team"
    rf"\b(?:scratch|cancel|drop|forget|skip|ditch|strike|remove|hold back|leave out)\s+(?:the\s+|that\s+|our\s+)?(?:{_one_of(3)}\s+)?(?P<d>{_TYPE_NOUN})\b|"
    # "send two engines without a ladder"
    rf"\bwithout\s+(?:a\s+|an\s+|the\s+|any\s+)?(?P<e>{_TYPE_NOUN})\b|"
    # held back for the time being: "no ambulance yet", "no ladder for now", "no ambulance at this stage" (s19 dev);
    # not the scene's state, which asks for it: "there's still no ambulance yet", "no ambulance yet on scene" (review s19-rv)
    rf"(?<!\bstill )(?<!\bthere's )(?<!\bthere is )(?<!\bthere are )(?<!\bwe have )(?<!\bwe've got )(?<!\bwe got )"
    rf"\bno\s+(?:more\s+)?(?P<h>{_TYPE_NOUN})\s+(?:(?:just\s+)?yet|for\s+now|for\s+the\s+(?:moment|time\s+being)|at\s+(?:this|the)\s+(?:stage|point|moment))\b"
    r"(?!\s*[?？]|\s+(?:on|at|in)\s+(?:the\s+)?(?:scene|site|spot|place|address)\b|\s+(?:there|here|arrived|in sight|anywhere|on site|"
    r"has\s+(?:come|arrived|shown)|despite|after))",
    re.IGNORECASE)
_ZH_TYPE_WITHDRAWN = re.compile(
    rf"(?:不用|不要|不需要|别派|不派|取消|免了?|少派)(?:再)?(?:派|调|那|这)?(?:{_one_of(4)})?(?:辆|台|个|组)?(?P<f>{_TYPE_NOUN})|"
    # "救护车不要了", "云梯车不用派了": the 不要 / 不用 ends its clause; "消防车不要走 X", "救护车不要停在门口" tell the unit
    # how to go and withdraw nothing
    rf"(?:{_one_of(5)}(?:辆|台|个|组)?)?(?P<g>{_TYPE_NOUN})(?:就|也|先)?(?:不用|不要|不需要|取消|免了|撤回)(?:派(?:了|啦|吧)?|了|啦|吧|(?=[\s，,。.！!？?；;、]|$))")
# An order for a unit type ("send a ladder", "we do need an engine", "派一辆救护车"): after a withdrawal of that type it
# is the operator's later word and wins ("cancel the ladder ... actually send a ladder", "no ambulance at X; send one to Y").
_TYPE_ORDERED = re.compile(rf"\b(?:send|dispatch|need|want|get|add|roll|request|order)\s+(?:(?:a|an|the|one|two|three|another|more|\d+)\s+)*(?P<a>{_TYPE_NOUN})\b"
                           rf"|(?:派|调|要|加派|增派|出动)(?:一|两|二|三|\d)?(?:辆|台|个|组)?(?P<b>{_TYPE_NOUN})", re.IGNORECASE)


_DOUBLE_NEGATION = re.compile(r"\bnot that\b[^.!?。！？]*$|并不是说[^。！？]*$|不是不", re.IGNORECASE)


def _type_of(noun: str) -> str | None:
    return next((unit_type for unit_type, pattern in UNIT_TYPE_NOUNS if re.fullmatch(pattern, noun, re.IGNORECASE)), None)


def _ordered_after(text: str, at: int, unit_type: str) -> bool:
    """Is ``unit_type`` ordered again after position ``at``, outside any withdrawal?"""
    for order in _TYPE_ORDERED.finditer(text, at):
        if _type_of(order.group("a") or order.group("b")) != unit_type:
            continue
        if not any(w.start() <= order.start() < w.end() for pattern in (_EN_TYPE_WITHDRAWN, _ZH_TYPE_WITHDRAWN)
                   for w in pattern.finditer(text, max(at, order.start() - 20), order.end())):
            return True
    return False


def withdrawn_unit_types(text: str, applies: Callable[[int], bool] | None = None) -> tuple[list[str], list[str]]:
    """The unit types the operator takes back, as (dropped, one fewer): "no ladder needed after all", "cancel the
    ladder", "不用云梯车了" drop the type; "scratch the second engine", "少派一辆消防车" take one unit of it off. In order,
    each once."""
    dropped: list[str] = []
    fewer: list[str] = []
    for pattern in (_EN_TYPE_WITHDRAWN, _ZH_TYPE_WITHDRAWN):
        for match in pattern.finditer(text):
            if _DOUBLE_NEGATION.search(text, max(0, match.start() - 40), match.start()):
                continue  # "it's not that we don't need an ambulance, we do": the need affirmed
            groups = match.groupdict()
            noun = next(value for name, value in groups.items() if not name.startswith("one") and value)
            unit_type = _type_of(noun)
            if unit_type is None or _ordered_after(text, match.end(), unit_type) or (applies is not None and not applies(match.start())):
                continue  # ordered again later, or said of another incident ("no ambulance needed at X" beside a dispatch to Y)
            one = any(value for name, value in groups.items() if name.startswith("one")) or match.group(0).startswith("少派")
            (fewer if one else dropped).append(unit_type)
    dropped = list(dict.fromkeys(dropped))
    return dropped, [t for t in dict.fromkeys(fewer) if t not in dropped]
