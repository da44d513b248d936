"""Claims of a state change in the LLM's answer.  A dispatch, an evacuation or a closure happens only through a proposal
the operator confirms; a turn that proposed none must not read as if one was done ("will be dispatched", "已派往"),
however well the words match the order the operator typed (the grounding check reads them from the request)."""

from __future__ import annotations

import re

__all__ = ["withhold_unproposed_claims"]

# the verbs of a done, ongoing or promised state change; linear (no nested quantifiers)
_CLAIM = re.compile(
    r"\b(?:dispatch(?:ed|ing)|sent|sending|deploy(?:ed|ing)|commit(?:ted|ting)|mobili[sz](?:ed|ing)|evacuat(?:ed|ing)|"
    r"closed|closing|en route|on (?:its|their|the) way|(?:is|are|will be|has been|have been) (?:dispatched|assigned))\b"
    r"|已派|派往|派出|已出动|正在出动|已调派|正在赶往|已疏散|正在疏散|已关闭",
    re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")


def withhold_unproposed_claims(text: str) -> tuple[str, int]:
    """``text`` without its sentences that claim a state change, and how many were withheld (for a turn that
    proposed nothing)."""
    kept, withheld = [], 0
    for sentence in _SENTENCE_END.split(text):
        if _CLAIM.search(sentence):
            withheld += 1
        elif sentence.strip():
            kept.append(sentence)
    return " ".join(kept).strip(), withheld
