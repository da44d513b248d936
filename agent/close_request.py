"""An operator asking in the chat to close an incident: "close this incident", "close incident INC-7, duplicate of
INC-3", "关闭这个事件", "结案".

Closing changes the incident log's state, so it is a proposal (``agent.proposals``: the operator confirms or rejects it,
both audited), never a closure and never a report: read as a report, "close this incident" opened a new P4 incident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from collections.abc import Callable, Iterable
from typing import Any

from agent.hazards import hazard_from_words
from agent.incident_request import kinds_named
from agent.incident_scope import INCIDENT_ID, canonical_incident_id
from agent.order_words import orders_in_english

__all__ = ["INCIDENT_ID", "CloseRequest", "close_request", "described_for_close", "sends_named_units_here",
           "sent_here_description"]

# an incident id wherever it stands: "INC-7", "inc0042", also run into Chinese ("关闭INC-7"), where \b does not hold
_ID = INCIDENT_ID
_NOUN = r"(?:incident|case|call|job|event|ticket)"
_CLOSE = re.compile(
    rf"\b(?:close|closing|shut)\s+(?:out\s+|down\s+)?(?:(?:this|the|that|our|current|my)\s+)?(?:{_NOUN}\b|{_ID})"
    # "close this one, the caretaker confirms ...", "close that one out": the session's incident, when nothing follows
    # "one" but a particle and the clause's end ("close this one door" names no incident; issue 12: filed as a report)
    r"|\b(?:close|shut)\s+(?:out\s+)?(?:this|that)\s+one(?:\s+(?:out|down|now|please|too))?\s*(?=[,.;:!–—-]|$)"
    rf"|\bmark\s+(?:this|the|that)\s+{_NOUN}\s+(?:as\s+)?(?:closed|resolved)\b"
    rf"|\b{_NOUN}\s+(?:can be|is to be)\s+closed\b"
    # "还没结案", "未结案": not closed yet, a state, no order (s19 dev)
    rf"|(?<![没未不])(?:关闭|关掉|结束)\s*(?:这个|该|此|本)?\s*(?:事件|事故|案件|{_ID})|(?<![没未不有])结案"
    r"|(?<![没未不])(?:关闭|关掉)\s*(?:这个|这起|此)(?=\s*[，,。.！!；;]|\s*$)",  # "关闭这个，..." (issue 12)
    re.IGNORECASE)
# "close the Snellmaninkatu tree incident", "close out the fallen tree job on Snellmaninkatu", "关闭Snellmaninkatu的倒树事件":
# an incident described by its place or kind instead of its id (trial 18 M12: filed as a follow-up report of the
# session's incident).  The words before the noun, and a place after it, are the description.
_CLOSE_DESCRIBED = re.compile(
    rf"\b(?:close|shut)\s+(?:out\s+|down\s+)?(?:the|that)\s+(?P<described>(?:(?!(?:for|to|at|of|off|around|near|by|from)\b)[\w'’-]+\s+){{1,5}}?){_NOUN}\b"
    r"(?:\s+(?:on|at|in|by|near)\s+(?P<after>[^,.;!?\n]{2,40}))?"
    r"|(?:关闭|关掉|结束)\s*(?P<zh_described>[^。；！？，,\n]{1,24}?)(?:的)?(?:事件|事故|警情|案件)",
    re.IGNORECASE)
# "duplicate of INC-9", "same fire as INC-9", "与INC-9重复", "和INC-9是同一起" (review s17 rv2b: only the first wordings
# were read; "close INC-12 - same fire as INC-9" named two incidents and was filed as a report)
_DUPLICATE_OF = re.compile(rf"(?:duplicate\s+of|same\s+(?:\w+\s+)?as|dupe\s+of|重复于)\s*(?:incident\s+)?({_ID})"
                           rf"|(?:与|和|跟)\s*({_ID})\s*(?:是|为)?\s*(?:重复|同一(?:起|个|件|场))",
                           re.IGNORECASE)
# "how do I close an incident?", "can we close this incident yet?": a question about closing, not the order
# A full-width question mark and the Chinese question words count too ("现在有哪些事件还没结案？" proposed a close, s19 dev).
_ASKS = re.compile(r"^\s*(?:how|when|why|can|could|should|may|do|does|is|are)\b|[?？]\s*$|吗[？?]?\s*$|怎么|如何|能不能|可以.{0,6}吗",
                   re.IGNORECASE)
# ... but a question word asks only in its own clause: "关闭这个事件，哪些单位还在现场就让它们返回" orders the close and tells
# the units what to do (review s19-rv: the whole message was taken for a question and no close was proposed)
_ASK_WORDS_ZH = re.compile(r"哪些|哪个|哪几|多少|有没有|是否")
_CLAUSE_END = re.compile(r"[，,。；;！!\n]")


def _asks(text: str, at: re.Match | None) -> bool:
    """Is the message a question about closing: a question as a whole, or a question word in the close order's clause?"""
    if _ASKS.search(text):
        return True
    if at is None:
        return False
    start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, at.start())), default=0)
    end = next((m.start() for m in _CLAUSE_END.finditer(text, at.end())), len(text))
    return _ASK_WORDS_ZH.search(text, start, end) is not None


@dataclass(frozen=True)
class CloseRequest:
    incident_id: str | None  # the incident named; None: the session's own
    duplicate_of: str | None = None  # "duplicate of INC-3": said in the proposal, for the record
    described: str = ""  # "Snellmaninkatu tree": the words that describe the incident when no id names it


def close_request(text: str) -> CloseRequest | None:
    """The close the operator orders, or None (no close asked, or a question about closing).  Said in Finnish, Swedish
    or German too ("Stäng incidenten INC-7", "sulje tehtävä INC-7": ``agent.order_words``)."""
    text = orders_in_english(text)
    at = _CLOSE.search(text) or _CLOSE_DESCRIBED.search(text)
    if at is None or _asks(text, at):
        return None
    duplicate = _DUPLICATE_OF.search(text)
    duplicate_of = canonical_incident_id(duplicate.group(1) or duplicate.group(2)) if duplicate else None
    named = [canonical_incident_id(m.group(0)) for m in re.finditer(_ID, text, re.IGNORECASE)]
    named = [i for i in dict.fromkeys(named) if i != duplicate_of]
    if len(named) > 1:  # "close INC-1 and INC-2": one proposal per incident is not what one sentence may decide here
        return None
    described = ""
    if not named and (found := _CLOSE_DESCRIBED.search(text)) is not None:
        described = " ".join(p.strip() for p in found.group("described", "after", "zh_described") if p and p.strip())
        described = "" if _DEICTIC.fullmatch(described) else described
    return CloseRequest(named[0] if named else None, duplicate_of, described)


_DEICTIC = re.compile(r"(?:this|that|current|our|my|这个|该|此|本)?", re.IGNORECASE)
_NAME_WORD = re.compile(r"[A-ZÄÖÅ][a-zäöå]{3,}")  # a place word ("Snellmaninkatu", also inside Chinese)
# words of a description that tell nothing about which incident ("the fallen tree job", "the old call")
_FILLER = frozenset({"fallen", "down", "old", "last", "first", "other", "same", "whole", "please", "road", "street", "cleared"})


def _stem(word: str) -> str:
    """The word without a case ending's room (Finnish "Snellmaninkadun" meets "Snellmaninkatu")."""
    return word.casefold()[: max(5, len(word) - 3)]


def described_for_close(described: str, incidents: Iterable[Any], session: str | None,
                        place_name: Callable[[str], str]) -> tuple[str | None, str]:
    """(the one open incident ``described`` fits, "") or (None, what to say): several fit (which?) or none does.
    An incident fits by a place word said (in its title or its place), else by its kind or a word of its title; a place
    word that fits several is narrowed by the kind or the words."""
    incidents = list(incidents)
    names = _NAME_WORD.findall(described)
    kinds = set(kinds_named(described))
    words = [w for w in re.findall(r"[a-zäöå]{4,}", described.casefold()) if w not in _FILLER
             and not any(w in n.casefold() for n in names)]

    def said_of(incident: Any) -> bool:
        title = (incident.title or "").casefold()
        return bool(kinds and (incident.incident_type in kinds or kinds & set(kinds_named(title)))) \
            or any(w in title for w in words)

    if names:
        fits = [i for i in incidents if any(_stem(n) in f"{i.title} {place_name(i.incident_id)}".casefold() for n in names)]
        fits = [i for i in fits if said_of(i)] or fits if len(fits) > 1 else fits
    elif kinds or words:
        fits = [i for i in incidents if said_of(i)]
    else:
        return session, ""
    if len(fits) > 1 and session in [i.incident_id for i in fits]:
        fits = [i for i in fits if i.incident_id == session]
    if len(fits) == 1:
        return fits[0].incident_id, ""
    if fits:
        listed = "; ".join(f"{i.incident_id} ({(i.title or '')[:50].strip()})" for i in fits[:5])
        return None, f"Several open incidents fit '{described}' ({listed}): which one? Name it by its id (INC-…); nothing was closed."
    listed = ", ".join(i.incident_id for i in incidents[:5]) or "none"
    return None, f"No open incident fits '{described}'; nothing was closed. Open: {listed}."


# "dispatch ERO-R1 to this incident", "send KAI-A1 and KAI-A2 to the scene", "把ERO-R1派到这个事件": named units sent to
# the session's incident (read as a place, "ERO-R1" matched nothing on the map).  A proposal per unit, as "mark ERO-E1
# as dispatched" is.
# The incident may also be described by a few words before its noun ("add ERO-H1 to the Kamppi metro gas alarm", trial 17
# T22): the words (group "described") are checked by the caller against the session's incident.
_HERE_NOUN = r"(?:incident|scene|job|call|fire|crash|address|location|alarm|leak|release|spill|collapse|accident|rescue|emergency)"
# The incident's casualty is where the incident is ("send ERO-A1 to this patient now", trial 19 M11: "this patient" was
# looked up as a place): a person of the scene, never described by a place or hazard of its own.
_HERE_PERSON = (r"(?:patients?|casualt(?:y|ies)|victims?|injured(?:\s+(?:man|woman|person|people|child|boy|girl))?|"
                r"wounded|(?:hurt|injured|burned|bleeding)\s+(?:man|woman|person|child|boy|girl))")
_SEND_HERE = re.compile(
    r"\b(?:dispatch|send|commit|assign|deploy|move|roll|add|attach|allocate)\b[^.;!?\n]{0,60}?\b(?:to|at|on|for)\s+"
    rf"(?:this|the|our|current|that)\s+(?P<described>(?:[\w'’-]+\s+){{0,5}}?)(?P<noun>{_HERE_NOUN})\b"
    rf"|\b(?:dispatch|send|commit|assign|deploy|move|roll)\b[^.;!?\n]{{0,40}}?\b(?:to|for)\s+(?:this|the|our|that)\s+{_HERE_PERSON}\b"
    r"|(?:派|调派|调|出动|安排|增派|加派|增加|添加|加)[^。；！？\n]{0,24}?(?:到|去|前往|给|支援)\s*"
    r"(?:(?:这位|那位|这名|该)\s*(?:伤者|伤员|病人|患者|受伤的人)|"
    r"(?:这个|该|本|此|这起|现场)\s*(?:事件|现场|事故|火场)?|(?P<zh_described>[^。；！？，,\n]{1,16}?)(?:的)?(?:事件|事故|报警|泄漏|火场|现场))",
    re.IGNORECASE)


def sends_named_units_here(text: str) -> bool:
    """Does the text send units to the session's own incident ("... to this incident", "...派到这个事件")?  The units
    themselves are read by the caller (``agent.slots.canonical_unit_ids``)."""
    return sent_here_description(text) is not None


def sent_here_description(text: str) -> str | None:
    """The words that describe the incident units are sent to ("Kamppi metro gas" of "add ERO-H1 to the Kamppi metro gas
    alarm"; "" for "this incident"), or None when the text sends no units to an incident it describes (or asks)."""
    text = orders_in_english(text)  # "skicka hit KAI-A1", "lähetä KAI-A1 tänne" (agent.order_words)
    found = _SEND_HERE.search(text)
    if found is None or _asks(text, found):
        return None
    described = (found.group("described") or found.group("zh_described") or "").strip()
    noun = found.group("noun") or ""
    if hazard_from_words(noun):
        # "send KAI-A1 to the fire": the noun itself says the kind, which the caller checks against the session's
        # incident (it was "", any incident, and the ambulance went to the selected crash)
        return f"{described} {noun}".strip()
    return described
