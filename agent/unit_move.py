"""An order that moves a named unit to an incident: "pull ERO-R1 from the underpass and send it to the roof collapse
INC-…", "reassign ERO-R1 from INC-a to INC-b", "flytta ERO-R1 till INC-b", "把ERO-R1从INC-a改派到INC-b", and the
session's incident said as a pronoun: "send ERO-R1 to it", "skicka ERO-R1 dit", "把ERO-R1派过去".

Read by the router, such an order was a status readout ("ERO-R1 is already dispatched; nothing to change"), a report
that opened a duplicate incident, or 'ERO-R1' looked up as a place (trial 18 H4, M15).  This module only reads the
words: which units are named and to which incident they go is resolved by the chat (``agent.turn_steps.units.units_moved``)
against the log, and the move is proposed (``reassign_units``), never applied here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.incident_scope import canonical_incident_id

__all__ = ["UnitMove", "incident_ids", "unit_move"]

# The unit leaves where it is: a move, never a plain dispatch of a free unit.
_MOVES = re.compile(
    r"\b(?:re-?assign\w*|re-?deploy\w*|re-?direct\w*|divert\w*|re-?route\w*|re-?task\w*|transfer\w*|pull|move|switch)\b"
    r"|\btake\b[^.;!?\n]{0,40}?\b(?:off|away\s+from|from)\b"
    r"|\b(?:siirr\w*|siirtäk\w*|siirtä\w*|ohjaa\w*|irrota\w*|vedä)\b"
    r"|\b(?:flytta\w*|omdirigera\w*|omfördela\w*|dra\s+(?:bort|tillbaka))\b"
    r"|改派|调到|调往|转到|改到|调去|抽调|调离|转派|撤下|转去",
    re.IGNORECASE)
_SENDS = re.compile(r"\b(?:send|dispatch|deploy|commit|assign|roll|lähetä\w*|hälytä\w*|skicka|sänd|larma)\b|派|出动", re.IGNORECASE)
# The session's incident said as a pronoun or "there": "send ERO-R1 to it", "... there", "skicka ERO-R1 dit".
_HERE = re.compile(r"\bto\s+it\b|\b(?:over\s+)?there\b|\b(?:sinne|paikalle|dit)\b|派过去|调过去|过去|到那里|去那里|到那边", re.IGNORECASE)
# The words that name the incident a unit goes to: after the last "to" ("… and send it back to Kaisaniemenkatu 5").
_TO = re.compile(r"\b(?:to|till|towards|into)\s+(?P<words>(?:(?!\b(?:to|till|towards|into)\b).)+)$|(?:到|去|往|给)(?P<zh>[^到去往给]+)$",
                 re.IGNORECASE | re.DOTALL)
# an incident id also inside Chinese ("从INC-7改派"), where \b finds no edge
_ID = re.compile(r"(?<![A-Za-z0-9])INC-?[A-Za-z0-9]*\d[A-Za-z0-9]*|(?<![A-Za-z0-9])INC-[A-Za-z0-9]+", re.IGNORECASE)


@dataclass(frozen=True)
class UnitMove:
    moves: bool  # a word that takes the unit from where it is ("pull", "reassign", "改派")
    here: bool  # the session's incident said as "it" / "there"
    target_words: str  # the words after the last "to" ("the roof collapse at Kaisaniemenkatu 5"), or ""


def incident_ids(text: str) -> list[str]:
    """The incident ids written in ``text``, canonical, in order, each once (also inside Chinese)."""
    return list(dict.fromkeys(canonical_incident_id(m.group(0)) for m in _ID.finditer(text or "")))


def unit_move(text: str) -> UnitMove | None:
    """The move or send order ``text`` is, as words; None where it neither moves nor sends anything."""
    moves = _MOVES.search(text or "") is not None
    if not moves and _SENDS.search(text or "") is None:
        return None
    found = _TO.search((text or "").strip().rstrip(".!。！"))
    words = (found.group("words") or found.group("zh") or "").strip() if found else ""
    return UnitMove(moves, _HERE.search(text or "") is not None, words)
