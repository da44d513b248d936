"""An operator saying two incidents are one event: "merge INC-B into INC-A", "INC-B and INC-A are the same fire",
"this is the same incident as INC-A", "INC-B 和 INC-A 是同一起", "把INC-B合并到INC-A".

Two callers at two doors of one fire open two incidents; each holds reports and units.  Merging is a proposal
(``agent.incident_changes``: ``merge_incidents``), applied only when the operator confirms it: the incident merged is
closed as merged, its reports and committed units move to the one kept (never released on the way).  Which one is
kept: the one the words merge into ("into INC-A", "合并到INC-A"); where they only say the two are the same, the one
opened first (the incident other desks and the units already know).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from agent.close_request import INCIDENT_ID, close_request
from agent.follow_up import is_question
from agent.incident_scope import canonical_incident_id
from agent.order_words import orders_in_english

__all__ = ["MergeRequest", "merge_reply", "merge_request"]

_ID = INCIDENT_ID
_HERE = (r"(?:this|the current|our|current)\s+(?:one|incident|case|call|job|fire|event)|\b(?:this|it)(?=\s+(?:is|was)\s+the\s+same\b)"
         r"|这个事件|这起(?:事件|事故)?|本事件|该事件|这个")
_EITHER = rf"(?:{_ID}|{_HERE})"
# "merge A into/with B", "combine A and B", "把A合并到B", "合并A和B"
_MERGE = re.compile(rf"\b(?:merge|combine|consolidate|fold|join)\b\s+(?P<a>{_EITHER})\s+(?P<how>into|to|under|with|and)\s+(?P<b>{_EITHER})"
                    rf"|(?:把|将)\s*(?P<za>{_EITHER})\s*(?:(?:合并|并入|归并|合|并)(?:到|进|至)|并入|归并)\s*(?P<zb>{_EITHER})"
                    rf"|(?:合并|并案)\s*(?P<ma>{_EITHER})\s*(?:和|与|跟|及)\s*(?P<mb>{_EITHER})",
                    re.IGNORECASE)
# "A and B are the same (fire)", "A is the same incident as B", "A 和 B 是同一起", "A 与 B 是同一个事件"
_SAME = re.compile(rf"(?P<a>{_EITHER})\s+(?:and|&)\s+(?P<b>{_EITHER})\s+(?:are|is)\s+(?:the\s+same|one\s+and\s+the\s+same|one)\b"
                   rf"|(?P<c>{_EITHER})\s+(?:is|was)\s+(?:the\s+same\s+(?:\w+\s+)?as|an?\s+(?:duplicate|dupe)\s+of)\s+(?P<d>{_EITHER})"
                   rf"|(?P<za>{_EITHER})\s*(?:和|与|跟)\s*(?P<zb>{_EITHER})\s*(?:是|为)?\s*同一(?:起|个|件|场)",
                   re.IGNORECASE)


# "merge the incidents", "combine the two calls" (and "slå ihop incidenterna", "yhdistä tehtävät": agent.order_words):
# a merge that names neither incident is asked which, never read as a report (trial s22: one opened an incident)
_UNNAMED = re.compile(r"^\W*(?:merge|combine|consolidate)\s+(?:the\s+|these\s+|those\s+)?(?:two\s+|both\s+)?"
                      r"(?:incidents|cases|calls|jobs|events)\W*$", re.IGNORECASE)


@dataclass(frozen=True)
class MergeRequest:
    merged: str | None  # the incident closed as merged; None: the session's own
    into: str | None    # the incident kept; None: the session's own
    directed: bool      # the words say which one is kept ("into"); otherwise the one opened first is kept
    duplicate: bool = False  # asked as the close of a duplicate ("close INC-12, duplicate of INC-9")


def _incident(said: str) -> str | None:
    """An incident id as written, canonical; None for "this incident"."""
    return canonical_incident_id(said) if re.fullmatch(_ID, said.strip(), re.IGNORECASE) else None


def merge_request(text: str) -> MergeRequest | None:
    """The merge the operator orders, or None (no merge asked, a question about one, or one incident only); said in
    Finnish, Swedish or German too ("slå ihop INC-2 med INC-1", "yhdistä INC-2 INC-1:een": ``agent.order_words``).  A
    merge of incidents it does not name is a request naming neither (``merge_reply`` asks which)."""
    text = orders_in_english(text)
    if _UNNAMED.match(text):
        return MergeRequest(None, None, False)
    if is_question(text):  # a question about merging ("should we merge INC-1 into INC-2?", "是不是同一起？") is no order
        return None
    closing = close_request(text)
    if closing is not None and closing.duplicate_of:
        # a duplicate is the same event: closing it would release its units at the scene and leave its reports on a
        # closed incident; merged, they move to the incident it duplicates (review s17)
        return MergeRequest(closing.incident_id, closing.duplicate_of, True, duplicate=True)
    match = _MERGE.search(text)
    if match:
        if match.group("a"):
            first, second, directed = match.group("a"), match.group("b"), match.group("how").lower() in ("into", "to", "under")
        elif match.group("za"):
            first, second, directed = match.group("za"), match.group("zb"), True
        else:
            first, second, directed = match.group("ma"), match.group("mb"), False
    else:
        match = _SAME.search(text)
        if not match:
            return None
        groups = [g for g in match.groups() if g]
        # "A is a duplicate of B" says which one goes: A (the incident opened first is kept only where the words do not say)
        first, second, directed = groups[0], groups[1], bool(re.search(r"\bdup(?:e|licate)\b", match.group(0), re.IGNORECASE))
    merged, into = _incident(first), _incident(second)
    if merged is None and into is None:  # "merge this into this": no incident named at all
        return None
    return MergeRequest(merged, into, directed)  # the same id twice: ``merge_reply`` says so


def merge_reply(asked: MergeRequest, current: str | None, store: Any, propose: Callable[[dict[str, Any]], Any],
                zh: bool) -> tuple[str, Any | None]:
    """(what the chat says, the merge proposal or None): the incidents named (or the session's for "this one"), the one
    kept decided (``MergeRequest``), proposed through ``propose`` (which raises ``InputError`` saying why not)."""
    from core.errors import InputError

    merged, into = asked.merged or current, asked.into or current
    if asked.merged is None and asked.into is None:  # "merge the incidents": which ones is the operator's to say
        merged = into = None
    if merged is not None and merged == into:  # "merge INC-4 into INC-4": answered, never read as a report
        return (f"{merged} 和 {merged} 是同一个事件，不能合并到自身；没有提议任何更改。" if zh else
                f"{merged} cannot be merged into itself; name the other incident. Nothing was proposed."), None
    if merged is None or into is None:
        return ("合并哪两个事件？请写明两个事件编号（例如“把 INC-… 合并到 INC-…”）。" if zh else
                "Which two incidents? Name both (\"merge INC-… into INC-…\"); nothing was proposed."), None
    if not asked.directed:  # "the same fire": the incident opened first is kept
        try:
            opened = {i: store.get_incident(i).created_at for i in (merged, into)}
        except LookupError as exc:
            return (f"没有提议合并：{exc}" if zh else f"No merge proposed: {exc}"), None
        if opened[merged] < opened[into]:
            merged, into = into, merged
    try:
        proposal = propose({"merged": merged, "into": into})
    except InputError as exc:
        return (f"没有提议合并：{exc}" if zh else f"No merge proposed: {exc}"), None
    why = ("重复的事件按合并处理，而不是关闭（关闭会释放它在现场的单位）。" if zh else "A duplicate is merged, not closed (a close "
           "would release its units at the scene and leave its reports on a closed incident). ") if asked.duplicate else ""
    said = why + (f"已提议把 {merged} 合并到 {into}：确认之前不会有任何变化；确认后 {merged} 以“已合并”关闭，它的报告和已派单位转到 {into}（单位不会被释放）。"
            if zh else f"Proposed: merge {merged} into {into}. Nothing changes until you confirm; then {merged} is closed as "
            f"merged, and its reports and committed units move to {into} (no unit is released).")
    return said, proposal
