"""An operator asking in the chat to close an incident: "close this incident", "close incident INC-7, duplicate of
INC-3", "关闭这个事件", "结案".

Closing changes the incident log's state, so it is a proposal (``agent.proposals``: the operator confirms or rejects it,
both audited), never a closure and never a report: read as a report, "close this incident" opened a new P4 incident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.hazards import hazard_from_words
from agent.incident_scope import canonical_incident_id

__all__ = ["INCIDENT_ID", "CloseRequest", "close_request", "sends_named_units_here", "sent_here_description"]

# an incident id wherever it stands: "INC-7", "inc0042", also run into Chinese ("关闭INC-7"), where \b does not hold
INCIDENT_ID = r"(?<![A-Za-z0-9])INC(?:-[A-Za-z0-9]+|\d[A-Za-z0-9]*)(?![A-Za-z0-9])"
_ID = INCIDENT_ID
_NOUN = r"(?:incident|case|call|job|event|ticket)"
_CLOSE = re.compile(
    rf"\b(?:close|closing|shut)\s+(?:out\s+|down\s+)?(?:(?:this|the|that|our|current|my)\s+)?(?:{_NOUN}\b|{_ID})"
    rf"|\bmark\s+(?:this|the|that)\s+{_NOUN}\s+(?:as\s+)?(?:closed|resolved)\b"
    rf"|\b{_NOUN}\s+(?:can be|is to be)\s+closed\b"
    rf"|(?:关闭|关掉|结束)\s*(?:这个|该|此|本)?\s*(?:事件|事故|案件|{_ID})|结案",
    re.IGNORECASE)
# "duplicate of INC-9", "same fire as INC-9", "与INC-9重复", "和INC-9是同一起" (review s17 rv2b: only the first wordings
# were read; "close INC-12 - same fire as INC-9" named two incidents and was filed as a report)
_DUPLICATE_OF = re.compile(rf"(?:duplicate\s+of|same\s+(?:\w+\s+)?as|dupe\s+of|重复于)\s*(?:incident\s+)?({_ID})"
                           rf"|(?:与|和|跟)\s*({_ID})\s*(?:是|为)?\s*(?:重复|同一(?:起|个|件|场))",
                           re.IGNORECASE)
# "how do I close an incident?", "can we close this incident yet?": a question about closing, not the order
_ASKS = re.compile(r"^\s*(?:how|when|why|can|could|should|may|do|does|is|are)\b|\?\s*$|吗[？?]?\s*$|怎么|如何|能不能|可以.{0,6}吗",
                   re.IGNORECASE)


@dataclass(frozen=True)
class CloseRequest:
    incident_id: str | None  # the incident named; None: the session's own
    duplicate_of: str | None = None  # "duplicate of INC-3": said in the proposal, for the record


def close_request(text: str) -> CloseRequest | None:
    """The close the operator orders, or None (no close asked, or a question about closing)."""
    if not _CLOSE.search(text) or _ASKS.search(text):
        return None
    duplicate = _DUPLICATE_OF.search(text)
    duplicate_of = canonical_incident_id(duplicate.group(1) or duplicate.group(2)) if duplicate else None
    named = [canonical_incident_id(m.group(0)) for m in re.finditer(_ID, text, re.IGNORECASE)]
    named = [i for i in dict.fromkeys(named) if i != duplicate_of]
    if len(named) > 1:  # "close INC-1 and INC-2": one proposal per incident is not what one sentence may decide here
        return None
    return CloseRequest(named[0] if named else None, duplicate_of)


# "dispatch ERO-R1 to this incident", "send KAI-A1 and KAI-A2 to the scene", "把ERO-R1派到这个事件": named units sent to
# the session's incident (read as a place, "ERO-R1" matched nothing on the map).  A proposal per unit, as "mark ERO-E1
# as dispatched" is.
# The incident may also be described by a few words before its noun ("add ERO-H1 to the Kamppi metro gas alarm", trial 17
# T22): the words (group "described") are checked by the caller against the session's incident.
_HERE_NOUN = r"(?:incident|scene|job|call|fire|crash|address|location|alarm|leak|release|spill|collapse|accident|rescue|emergency)"
_SEND_HERE = re.compile(
    r"\b(?:dispatch|send|commit|assign|deploy|move|roll|add|attach|allocate)\b[^.;!?\n]{0,60}?\b(?:to|at|on|for)\s+"
    rf"(?:this|the|our|current|that)\s+(?P<described>(?:[\w'’-]+\s+){{0,5}}?)(?P<noun>{_HERE_NOUN})\b"
    r"|(?:派|调派|调|出动|安排|增派|加派|增加|添加|加)[^。；！？\n]{0,24}?(?:到|去|前往|给|支援)\s*"
    r"(?:(?:这个|该|本|此|这起|现场)\s*(?:事件|现场|事故|火场)?|(?P<zh_described>[^。；！？，,\n]{1,16}?)(?:的)?(?:事件|事故|报警|泄漏|火场|现场))",
    re.IGNORECASE)


def sends_named_units_here(text: str) -> bool:
    """Does the text send units to the session's own incident ("... to this incident", "...派到这个事件")?  The units
    themselves are read by the caller (``agent.slots.canonical_unit_ids``)."""
    return sent_here_description(text) is not None


def sent_here_description(text: str) -> str | None:
    """The words that describe the incident units are sent to ("Kamppi metro gas" of "add ERO-H1 to the Kamppi metro gas
    alarm"; "" for "this incident"), or None when the text sends no units to an incident it describes (or asks)."""
    found = _SEND_HERE.search(text)
    if found is None or _ASKS.search(text):
        return None
    described = (found.group("described") or found.group("zh_described") or "").strip()
    noun = found.group("noun") or ""
    if hazard_from_words(noun):
        # "send KAI-A1 to the fire": the noun itself says the kind, which the caller checks against the session's
        # incident (it was "", any incident, and the ambulance went to the selected crash)
        return f"{described} {noun}".strip()
    return described
