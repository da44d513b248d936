"""An operator correcting the incident's address ("the caller corrects the address: it is X 7, not 5", "地址更正：应该是X 7").

A correction of a fact of the incident is an ordinary operator message: never an instruction to the system (it was
refused as one, and logged as a security event).  The new address is read here; whether the map knows it is the
caller's question (``agent.chat_session``), and the reply says either where it is or that it cannot be found.
"""

from __future__ import annotations

import re

__all__ = ["corrected_place", "said_besides"]

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


# A message's pieces: its sentences and clauses ("..., not 12. Caller says a child is still inside").
_PIECES = re.compile(r"[.;!?。；！？\n]+|[,，]\s*|\s+[-–—]\s+")
# Words about the call itself, not about the incident ("caller rang back", "来电者又打来").
_ABOUT_THE_CALL = re.compile(r"\b(?:the|a|caller|callers|rang|rings|called|calls|phoned|back|again|says|said|she|he|they|her|his|"
                             r"herself|himself|themselves|corrects|corrected|sorry|my|our|mistake|ok|okay|so|just|now|update|"
                             r"please|thanks|not|no|instead)\b|来电者|报警人|又打来|打回来|回电|刚才|抱歉|不好意思|记错了|听错了|说|了",
                             re.IGNORECASE)


def said_besides(text: str) -> bool:
    """Does the message say anything besides the correction ("..., not 12. Caller says a child is still inside and not
    breathing", "地址错了，应该是X 16，楼里还有三个人被困")?  Then it is a report or an order as well, and the correction is
    no reason to drop the rest (review s16: the correction's reply was the whole turn, the news never filed)."""
    for piece in _PIECES.split(text or ""):
        if not piece.strip() or _CORRECTS.search(piece) or _NEW.search(piece):
            continue
        rest = _ABOUT_THE_CALL.sub(" ", re.sub(r"\d+\s?[A-Za-z]?\b", " ", piece))
        if len(re.findall(r"[^\W\d_]{2,}", rest, re.ASCII)) >= 2 or len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 4:
            return True
    return False
