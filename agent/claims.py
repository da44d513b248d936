"""Claims of a state change in the LLM's answer.  A dispatch, an evacuation or a closure happens only through a proposal
the operator confirms; a turn that proposed none must not read as if one was done ("will be dispatched", "已派往"),
however well the words match the order the operator typed (the grounding check reads them from the request).

Only a claim that something was done, is being done or will be done is withheld.  The truth stays: a unit's status the
tools read from the board ("KAM-P1 is dispatched to INC-7", "KAM-P1已派往INC-7" where the board says so), a change
denied ("nothing was dispatched", "not committed", "未派出"), and words that only contain an order's ("派出所", a police
station; s16 final read: both kinds were cut)."""

from __future__ import annotations

import re

from core.record_ids import INCIDENT_ID_RE, TYPED_UNIT_ID_RE, unit_id_of

__all__ = ["withhold_unproposed_claims"]

# the verbs of a done, ongoing or promised state change; linear (no nested quantifiers)
_CLAIM = re.compile(
    r"\b(?:dispatch(?:ed|ing)|sent|sending|deploy(?:ed|ing)|commit(?:ted|ting)|mobili[sz](?:ed|ing)|evacuat(?:ed|ing)|"
    r"closed|closing|en route|on (?:its|their|the) way|(?:is|are|will be|has been|have been) (?:dispatched|assigned))\b"
    r"|已派|派往|派出(?!所)|已出动|正在出动|已调派|正在赶往|已疏散|正在疏散|已关闭",
    re.IGNORECASE)
# a unit moved somewhere (trial s19: "The unit with the status of available was transported to the Kaisaniemi
# demonstration base."): a claim only where the sentence is about a unit, since patients are transported too
_MOVE = re.compile(r"\b(?:transport(?:ed|ing)|moved|moving|relocat(?:ed|ing)|redirect(?:ed|ing)|reassign(?:ed|ing)|"
                   r"reposition(?:ed|ing)|redeploy(?:ed|ing)|diverted|diverting|stationed)\b|已调往|调往|已转移|转移到|已调派",
                   re.IGNORECASE)
_UNIT_NOUN = re.compile(r"\b(?:units?|ambulances?|engines?|patrols?|ladders?|vehicles?|crews?)\b|救护车|警车|消防车|车辆|单位",
                        re.IGNORECASE)
# a change denied just before the verb, in the same clause ("nothing was dispatched", "not committed", "未派出")
_DENIED = re.compile(r"(?:\b(?:not|no|nothing|none|never|neither|nor|yet to)\b|n't|未|没|不|无)[^,;:，；：]{0,24}$", re.IGNORECASE)
# a promise or an act of the speaker's, never a read of the board ("will be sent", "we are sending", "正在出动")
_PROMISE = re.compile(r"\b(?:will|shall|going to|about to|I|we)\b|'ll\b|将|即将|马上|正在|我们|我", re.IGNORECASE)
# a status of the board that a unit is out on ("dispatched (INC-7)", "committed to INC-7")
_OUT = re.compile(r"dispatched|committed|on scene|en route|出动", re.IGNORECASE)
_RECORD_END = re.compile(r"[\n{}]")
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")


def _unit_ids(text: str) -> set[str]:
    # as typed: a unit the model wrote loosely ("kam a1 was moved") still makes the sentence one about a unit
    return {unit_id_of(m) for m in TYPED_UNIT_ID_RE.finditer(text)}


def _read_from_board(sentence: str, facts: str) -> bool:
    """Does the sentence say what the tools read from the board: each unit it names is out there (dispatched, on the
    same line of the facts as each incident the sentence names), and it promises nothing."""
    units = _unit_ids(sentence)
    if not units or _PROMISE.search(sentence):
        return False
    incidents = {i.upper() for i in INCIDENT_ID_RE.findall(sentence)}
    # one record a line of text or a JSON object (the unit status tool answers all its rows on one line)
    lines = [line.upper() for line in _RECORD_END.split(facts) if _OUT.search(line)]
    return all(any(u in _unit_ids(line) and all(i in line for i in incidents) for line in lines) for u in units)


def _claims_change(sentence: str, facts: str) -> bool:
    claimed = [m for m in _CLAIM.finditer(sentence) if not _DENIED.search(sentence[:m.start()])]
    if _unit_ids(sentence) or _UNIT_NOUN.search(sentence):
        claimed += [m for m in _MOVE.finditer(sentence) if not _DENIED.search(sentence[:m.start()])]
    return bool(claimed) and not _read_from_board(sentence, facts)


def withhold_unproposed_claims(text: str, facts: str = "") -> tuple[str, int]:
    """``text`` without its sentences that claim a state change, and how many were withheld (for a turn that
    proposed nothing).  ``facts``: the turn's tool outputs, where a unit's status read from the board is found."""
    kept, withheld = [], 0
    for sentence in _SENTENCE_END.split(text):
        if _claims_change(sentence, facts):
            withheld += 1
        elif sentence.strip():
            kept.append(sentence)
    return " ".join(kept).strip(), withheld
