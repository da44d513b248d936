"""A message cut into clauses, one request each, for the cue rules.

Sentences, lines, list items written on one line ("1) ... 2) ..."), and joins such as "and then", "并且", ", send";
a clause that only gives "it" a status ("..., mark it dispatched") stays with the unit named before it.
"""

from __future__ import annotations

import re

from agent.cue_rules import ORDER_INTENTS, UNIT_NOUN, clause_intent
from agent.slots import extract_status, status_words_removed
from core.record_ids import TYPED_UNIT_ID_RE

# A Finnish or Swedish request's opening verb (imperative) or question word: a new request after "ja" / "och".
_NORDIC_ORDER = (r"(?:näytä|listaa|luettele|lähetä|merkitse|aseta|kerro|evakuoi|hae|tarkista|etsi|missä|mikä|mitkä|onko|"
                 r"visa|lista|skicka|markera|sätt|evakuera|var\s+är|vilka)\b")
_CLAUSE_SPLIT = re.compile(r"(?<=[.!?。！？；;])\s*|(?:(?<!\s)\s*)?\n+\s*|,\s+(?=(?:one|two|three|four|\d|an?)\s+(?:police\s+)?(?:patrols?|ambulances?|engines?|ladders?|units?|crews?)\s+to\b)|(?:(?<!\s)\s*)?\|\s*|(?<!\s)\s+(?:and\s+)?\([a-e1-9]\)\s+|(?:^|[,:;]\s*|\s)(?:first(?:ly)?|second(?:ly)?|third(?:ly)?)\s*[,:]\s+|[，,]\s*(?=(?:派(?!出所)|调派|增派|疏散|撤离|查一下|列出|标记|通知))|(?<!\s)\s+(?:and then|then|and also|also)\s+|(?<!\s)\s+(?:plus|\+|&)\s+(?!(?:an? |the |one |two |\d )?" + UNIT_NOUN + r"\b)|,\s*(?:and|then|also|plus)\s+|(?<!\s)\s+[—–-]+\s+(?:and\s+)?|"
                           r"[，,]\s*(?=(?:然后|再|并且|同时|另外|顺便|最后|接着|还有|也))|(?<=[\u4e00-\u9fff\w\s])(?:并|还要|也要|也|顺便)(?=(?:派|调|疏散|撤离|查|列|给|告诉|标记|把|设|改|发|看))|(?<!\s)\s+as well as\s+|(?:然后|并且|同时|另外)|(?<!\s)\s+and\s+(?=(?:which|what|who|how|when|send|tell|give|show|set|mark|list|where|is|are|get|roll|dispatch|evacuate|clear|move|pull|check|find|put|open|notify|alert|assign|bring|do|does|can|could)\b)|,\s+(?=(?:send|then|give|tell|set|mark|list|get|roll|dispatch|evacuate|clear|move|pull|check|find|assign|show|what|which(?! (?:are|is|was|were)\b)|who|where|how|is|are|can|could|do|does)\b)"
                           # Finnish / Swedish "and (then)" before a request's own verb ("merkitse HAK-E1 vapaaksi ja näytä
                           # avoimet tehtävät", "..., sitten listaa ..."; issue 12: one clause, the status change lost)
                           r"|(?<!\s)\s+(?:ja|sekä|och)(?:\s+(?:sitten|sen jälkeen|sedan))?\s+(?=" + _NORDIC_ORDER + r")"
                           r"|,\s*(?:(?:ja|och)\s+)?(?:sitten|sen jälkeen|sedan)\s+(?=" + _NORDIC_ORDER + r")",
                           re.IGNORECASE)


# A list item's marker: "1)", "2.", "(3)", "a)", "b.", "一、", "二．", "①", "（1）", "1、" at the start of the text or after a
# space / punctuation. Only a run that counts up from the first item (1, 2, ... / a, b, ... / 一, 二, ...) is a list:
# "Annankatu 2. Send ..." is an address, not item 2.
_LIST_MARK = re.compile(r"(?:(?:^|(?<=[\s:：;；,，.。!！?？]))(?:[(（]\s*(?P<p>\d{1,2}|[a-hA-H]|[一二三四五六七八九十])\s*[)）]"
                        r"|(?P<n>\d{1,2}|[a-hA-H]|[一二三四五六七八九十])\s*(?:[).．、]|(?<=[一二三四五六七八九十])是)(?!\d))|(?P<c>[\u2460-\u2473]))\s*")
_LIST_VALUE = {**{str(i): i for i in range(1, 21)}, **{c: i + 1 for i, c in enumerate("abcdefgh")}, **{c: i + 1 for i, c in enumerate("一二三四五六七八九十")},
               **{chr(0x2460 + i): i + 1 for i in range(20)}}


def list_items_as_lines(text: str) -> str:
    """A numbered or lettered list written on one line ("1) evacuate X 2) send Y", "a) ... b) ...", "一、...二、...",
    "①...②...") with each item on a line of its own: each item is one request. Markers that do not count up from
    the first item are left as written."""
    marks = list(_LIST_MARK.finditer(text))
    chosen: list[re.Match] = []
    for mark in marks:
        value = _LIST_VALUE.get((mark.group("p") or mark.group("n") or mark.group("c") or "").lower())
        kind = _list_kind(mark)
        if value == 1 and not chosen:
            chosen = [mark]
        elif chosen and value == len(chosen) + 1 and _list_kind(chosen[0]) == kind:
            chosen.append(mark)
    if len(chosen) < 2:
        return text
    out, last = [], 0
    for mark in chosen:
        out += [text[last:mark.start()], "\n"]
        last = mark.end()
    return "".join(out + [text[last:]])


def _list_kind(mark: re.Match) -> str:
    """The numbering of a list marker (digits, letters, Chinese numerals, circled), with its punctuation."""
    token = mark.group("p") or mark.group("n") or mark.group("c") or ""
    style = "digit" if token.isdigit() else "latin" if token.isascii() else "circled" if mark.group("c") else "han"
    punctuation = "paren" if mark.group("p") else re.sub(r"[\s\w]", "", mark.group(0)) or "none"
    return f"{style}:{punctuation}"


def split_clauses(text: str) -> list[str]:
    # One space (or one line break) per whitespace run first: the split patterns start with \s* / \s+, and on a
    # pasted page's long runs of blanks each start position rescanned the run (8,000 spaces took 4.6 s).
    text = _WHITESPACE_RUN.sub(lambda m: "\n" if "\n" in m.group() else " ", text)
    text = orders_apart(list_items_as_lines(_request_lines(text)))
    parts = [re.sub(r"^(?:最后|接着|然后|再|先)\s*", "", p.strip(" ,;:，；：-—")) or p.strip(" ,;:，；：-—")
             for p in _CLAUSE_SPLIT.split(text) if p and p.strip(" ,;:，；：-—")]
    merged: list[str] = []
    listing = False  # the last clause is a status order collecting the units listed after it
    for part in parts:
        bare_status = bool(extract_status(part)) and len(re.sub(r"[\W_]+", "", status_words_removed(part))) <= 4 and not re.search(r"[?？吗]", part)
        only_units = bool(TYPED_UNIT_ID_RE.search(part)) and not re.search(r"[?？]", part) and not re.sub(r"[\W_]+", "", _LIST_FILLER.sub(" ", TYPED_UNIT_ID_RE.sub(" ", part)))
        if merged and only_units and (listing or (extract_status(merged[-1]) and not TYPED_UNIT_ID_RE.search(merged[-1]))):
            # "return every unit of that job to station: KAM-A1, ERO-E1", "demob what we sent - that's ERO-E2 and KAM-A2":
            # the units listed after a status order are the ones it changes
            merged[-1] = f"{merged[-1]}: {part}"
            listing = True
            continue
        listing = False
        if merged and (_PRONOUN_STATUS.search(part) or bare_status) and not TYPED_UNIT_ID_RE.search(part):
            target = next((i for i in range(len(merged) - 1, -1, -1) if TYPED_UNIT_ID_RE.search(merged[i])), len(merged) - 1)
            merged[target] = f"{merged[target]}, {part}"
        else:
            merged.append(part)
    return merged or [text]


# A form's line ("unit: ERO-E2", "new_status: out_of_service"): a key, a colon, its value. A form's keys are field
# names (lower case, or with an underscore); a pasted chat's "Mia: KAM-A1 back to base" names a speaker.
_FORM_LINE = re.compile(r"^\s*([^\W\d][\w ]{0,24}?)\s*[:：]\s*\S")


def _is_form(lines: list[str]) -> bool:
    keys = [m.group(1) for m in map(_FORM_LINE.match, lines) if m]
    return len(keys) == len(lines) and (any("_" in key for key in keys) or all(key[0].islower() for key in keys))


_REQUEST_LINES_MAX = 200


def _request_lines(text: str) -> str:
    """``text`` with a line that asks for nothing on its own (or is a short heading) joined to the next: one request
    written across lines ("避难所\n还剩多少床位", "救援车\n现在谁有空", "Yrjönkatu 8\n着火\n派消防车") is read whole, while
    lines that each ask for something stay apart. A form
    ("unit: ERO-E2\nnew_status: out_of_service\nreason: ...") is one request: its lines are joined."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return text
    if _is_form(lines):
        return " ".join(lines)
    out: list[str] = []
    for line in lines:
        # a request written across lines is short: a long run of lines that ask nothing stays apart (and linear)
        if (out and len(out[-1]) <= _REQUEST_LINES_MAX and not TYPED_UNIT_ID_RE.search(out[-1])
                and (clause_intent(out[-1], []) is None or _heading(out[-1]))):  # a unit's line is about the unit
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(line.strip())
    return "\n".join(out)


def _heading(line: str) -> bool:
    """Is this line a heading of a few Han characters ("避难所", "救援车") naming what the next line asks about, no order?"""
    return bool(re.fullmatch(r"\s*[\u4e00-\u9fff]{1,3}\s*[:：]?\s*", line)) and clause_intent(line, []) not in ORDER_INTENTS


# "Ambulance to Kamppi + engine to Töölö", "救护车去 Kamppi & 消防车去 Kaivopiha": a "+" / "&" / "plus" before a unit, after an
# order that already has its destination, starts the next order; "engine plus ladder to Hotel Kämp" is one order.
_UNIT_JOIN = re.compile(r"(?:\+|&|\bplus\b)\s*(?=(?:an? |the |one |two |\d )?" + UNIT_NOUN + r"\b|[一两二三\d]?\s*[辆台个支]?\s*"
                        r"(?:救护车|消防车|云梯车|警车|巡逻车|救援车|危化品车|抢修队))", re.IGNORECASE)
DESTINATION = re.compile(r"\b(?:to|at|for)\s+\w|[去到往赴]\s*\w", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[\n.!?;。！？；]")


def orders_apart(text: str) -> str:
    """``text`` with each "+" / "&" / "plus" that joins two orders, each with its own destination, made a line break
    ("send an engine to X plus a ladder" is one order: the ladder has no destination of its own)."""
    out, last = [], 0
    for join in _UNIT_JOIN.finditer(text):
        before, after = re.split(_SENTENCE_END, text[last:join.start()])[-1], re.split(_SENTENCE_END, text[join.end():])[0]
        if DESTINATION.search(before) and DESTINATION.search(after):
            out += [text[last:join.start()].rstrip(), "\n"]  # the join starts at its sign: no run of blanks rescanned
            last = join.end()
    return "".join(out + [text[last:]])


# Words that only join the ids of a list ("KAM-A1, ERO-E1 and HAK-P1", "that's ...", "namely ...", "以及").
_LIST_FILLER = re.compile(r"\b(?:and|&|plus|that'?s|that is|namely|i\.?e\.?|too|also|as well)\b|和|以及|及|还有|跟|与", re.IGNORECASE)


_WHITESPACE_RUN = re.compile(r"\s{2,}")
# "..., mark it dispatched": a clause that only gives a status to "it" belongs to the unit named before it.
_PRONOUN_STATUS = re.compile(r"^\s*(?:pls |please |so |now )?(?:(?:can|could|would|will) you (?:please )?)?(?:mark|set|put|make|change|switch|flag|show)\s+(?:it|them|that one|that unit|him|her)\b|^\s*show (?:us|me) (?:as )?(?:committed|dispatched|available|en route|busy|out of service|back)\b"
                             r"|^\s*(?:把它|将它|它)(?:改成|设为|标记为|改为)?|^\s*(?:请)?(?:标记|设|改|置)(?:为|成)", re.IGNORECASE)
