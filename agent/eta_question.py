"""An ETA question: how long a unit (by id) or the units of a type take to reach a place ("how long until the ambulance
gets to X?", "ERO-E1 到 X 要几分钟？", "Kauanko KAM-A1:llä kestää Kauppatorille?", "Wie lange braucht ERO-A1 bis X?").

It is answered with the road ETA (``unit_status`` with ``eta_to``: the route time from where each unit is), not with
a status and not with a dispatch plan (trial s19 L21): the operator asks, nothing is sent.  An ETA asked beside an
order to send ("send an ambulance to X, how long will it take?") stays that order: a dispatch plan gives its ETAs.

The question is read per sentence, since its parts often stand in clauses of their own ("If KAI-P1 left now for
Kasarmitori, how soon would it arrive?").
"""

from __future__ import annotations

import re
from typing import Any

from agent.places import extract_place
from agent.slots import canonical_unit_ids, extract_unit_types

# The words that ask a travel time, by language.  "how long has X been out" (how long a unit has worked) and "how
# long do we keep recordings" are no ETA: an English "how long" needs an arrival or travel verb after it.
_ARRIVE_EN = r"(?:get(?:s|ting)?|arriv\w*|reach\w*|be there|be at|be on scene|take|takes|drive|need|needs|come|comes)"
ETA_WORDS = re.compile(
    r"\bETA\b|\b(?:drive|driving|travel|response) time\b|\bminutes? (?:out|away)\b|\bhow many minutes\b|\bhow far (?:out|away)\b|"
    rf"\bhow (?:long|soon|quickly|fast)\b[^.?!]{{0,50}}?\b{_ARRIVE_EN}\b|\bhow (?:long|soon) (?:until|till|before)\b|"
    rf"\bwhen (?:will|would|does|do|is|can)\b[^.?!]{{0,40}}?\b(?:arrive|get there|get to|reach|be there|be at|be on scene)\b|"
    r"多久|多长时间|几分钟|什么时候(?:能|可以|会)?(?:到|抵达)|何时(?:能)?(?:到|抵达)|预计[^，,。？?]{0,8}(?:到|抵达)|"
    r"\bkauanko\b|\bkuinka (?:kauan|pian|nopeasti)\b|\bmontako minuuttia\b|\bmilloin\b[^.?!]{0,30}\bperill\w*|"
    r"\bhur (?:lång tid|länge|snart|fort)\b|\bnär (?:är|kommer)\b[^.?!]{0,30}\bfram\b|"
    r"\bwie (?:lange?|schnell|bald)\b|\bwann (?:ist|kommt|sind|kommen)\b[^.?!]{0,30}\b(?:da|dort|an)\b|\bfahrzeit\b|\banfahrt\w*\b",
    re.IGNORECASE,
)
# A worked time ("how long has KAM-A2 been out"): no ETA.
_WORKED = re.compile(r"\bhow long (?:has|have|had)\b|\bbeen (?:out|on|at|working|busy)\b|已经(?:出去|出动|工作)了?多久", re.IGNORECASE)
# An order to send in the same sentence keeps the order (the dispatch plan gives the ETAs).
_SEND = re.compile(r"\b(?:send|dispatch|get (?:a|an|the|one|two)\b|deploy|roll)\b|派|调(?:派|集)|出动|增援|\blähet\w*|\bskicka\w*|\bschick\w*|\bentsend\w*",
                   re.IGNORECASE)
_SENTENCES = re.compile(r"(?<=[.?!。？！])\s*|\n+")


def _names_units(sentence: str, unit_ids: list[str]) -> bool:
    return bool(canonical_unit_ids(sentence, unit_ids) or extract_unit_types(sentence))


def asks_eta(sentence: str, unit_ids: list[str]) -> bool:
    """Does this sentence ask how long a unit or a type of unit takes to get somewhere (and order nothing)?"""
    return bool(ETA_WORDS.search(sentence)) and not _WORKED.search(sentence) and not _SEND.search(sentence) \
        and _names_units(sentence, unit_ids)


def eta_sentences(text: str, unit_ids: list[str]) -> list[str]:
    """The sentences of ``text`` that ask an ETA, in order."""
    return [s for s in (p.strip() for p in _SENTENCES.split(text)) if s and asks_eta(s, unit_ids)]


def without_sentences(text: str, sentences: list[str]) -> str:
    """``text`` less the given sentences (the rest is routed as usual)."""
    for sentence in sentences:
        text = text.replace(sentence, " ")
    return text.strip()


def eta_status_calls(sentence: str, text: str, city: Any, unit_ids: list[str]) -> list[dict[str, Any]]:
    """The ``unit_status`` calls an ETA sentence asks for: one per unit named (else the type named) with ``eta_to``, the
    place the sentence names (else the message's: "The mum at Oodi keeps asking. How many minutes out is KAM-A2?")."""
    place = extract_place(sentence, city.gazetteer, unit_ids=unit_ids) or extract_place(text, city.gazetteer, unit_ids=unit_ids)
    units = canonical_unit_ids(sentence, unit_ids)
    extra = {"eta_to": place} if place else {}
    if units:
        return [{"name": "unit_status", "args": {"unit_id": uid, **extra}} for uid in units]
    types = extract_unit_types(sentence)
    return [{"name": "unit_status", "args": {"unit_type": types[0], **extra}}]
