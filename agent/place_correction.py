"""An operator correcting the incident's address ("the caller corrects the address: it is X 7, not 5", "地址更正：应该是X 7").

A correction of a fact of the incident is an ordinary operator message: never an instruction to the system (it was
refused as one, and logged as a security event).  The new address is read here; whether the map knows it is the
caller's question (``agent.chat_session``), and the reply says either where it is or that it cannot be found.
"""

from __future__ import annotations

import re

__all__ = ["corrected_place"]

_NOUN = r"(?:address|location|place|street|house number|number|adress)"
# The message says it corrects the address, or says "the address is X, not Y".
_CORRECTS = re.compile(rf"\b(?:correct(?:s|ed|ion|ing)?|wrong|mistaken|misheard|actually|update[sd]?|changes?)\b[^.!?\n]{{0,40}}\b{_NOUN}\b"
                       rf"|\b{_NOUN}\b[^.!?\n]{{0,30}}\b(?:is|was|should be)\b[^.!?\n]{{1,60}}?,?\s+not\b"
                       r"|(?:地址|位置|地点|门牌号?)(?:有误|错了|不对|更正|纠正|应该是|应为|改为|改成)|(?:更正|纠正)[^。！？\n]{0,10}(?:地址|位置|地点)",
                       re.IGNORECASE)
# The new address: after "is" / "应该是" up to ", not ..." or the end.
_NEW = re.compile(r"(?:\b(?:it is|it's|is|should be|to)\s+|(?:应该是|应为|改为|改成|是|[:：])\s*)"
                  r"([A-ZÄÖÅ\u4e00-\u9fff][^,，;；.。!！?？\n]*?\d+\s?[A-Za-z]?)(?=\s*(?:[,，;；]|\bnot\b|\binstead\b|不是|而不是|$|[.。!！]))")


def corrected_place(text: str) -> str | None:
    """The corrected address a message gives for the incident ("Yrjönkatu 9"), or None when it corrects no address."""
    if not _CORRECTS.search(text or ""):
        return None
    found = [re.sub(r"^(?:应该是|应为|改为|改成|是)\s*", "", m.group(1).strip()) for m in _NEW.finditer(text)]
    return found[-1] if found else None
