"""A question that names the emergency plans as the source of its answer asks what the plans say, whatever it asks
about: "what resources are available for flood response according to the plans", "per our plans, which units
respond to a chemical spill?", "what do the plans say about which vehicles ...". Its object (units, resources,
shelters) would otherwise read as the live unit board, a dispatch or the shelter list; "which units are free for the
flood?" names no source and stays the board. An order ("according to the plan, send two engines to X") stays an
order, and a question about a place of the map or a named unit asks about the situation there, not the plans.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from agent.cue_rules import QUESTIONISH, clause_intent

# The documents: the plans, an annex, the EOP / SOP, the procedures (the incident's own "response plan" is not one).
_DOCS = r"(?:(?:emergency |contingency |flood |fire |hazmat |evacuation |city |operations )?plans|annex(?:es)?(?: [A-J]\b)?|EOP|SOPs?|procedures|protocols?|guidelines|playbook)"
_DOC_ONE = r"(?:(?:emergency |contingency |city |operations )?plan|annex(?: [A-J]\b)?|EOP|SOP)"
PLANS_AS_SOURCE = re.compile(
    rf"\b(?:according to|as per|per|under|in line with|in|from)\s+(?:the|our)\s+(?:[\w-]+\s+)?(?:{_DOCS}|{_DOC_ONE})\b|"
    rf"\b(?:the|our)\s+(?:[\w-]+\s+)?(?:{_DOCS}|{_DOC_ONE})\s+(?:say|says|list|lists|specify|specifies|name|names|require|requires|"
    r"provide|provides|allocate|allocates|assign|assigns|foresee|foresees|earmark|earmarks)\b|"
    rf"\bwhat (?:does|do|did) (?:the|our)\s+(?:[\w-]+\s+)?(?:{_DOCS}|{_DOC_ONE})\b|"
    r"根据(?:应急)?(?:计划|预案)|按(?:照)?(?:应急)?预案|依(?:照|据)?(?:应急)?预案|预案(?:里|中|上|规定|要求|说|写|列)|(?:应急)?计划(?:里|中)(?:规定|写|列)",
    re.IGNORECASE)
# What such a question may have been read as: the live reads, and a dispatch asked as a question.
_READS = {"unit_board", "unit_query", "shelter_list", "shelter_occupancy", "dispatch"}
_ASKED = re.compile(r"[?？吗]|哪些|什么|多少|几(?:辆|个|支)|\b(?:what|which|who|how many|how much)\b", re.IGNORECASE)
_SOURCE_ONLY_WORDS = 4


def _in_scope(clauses: list[str]) -> set[int]:
    """The clauses a named source covers: its own, and its neighbours when it stands alone ("According to the flood
    annex, what resources ...?", "..., according to the plans")."""
    covered: set[int] = set()
    for i, clause in enumerate(clauses):
        m = PLANS_AS_SOURCE.search(clause)
        if m is None:
            continue
        covered.add(i)
        rest = (clause[:m.start()] + " " + clause[m.end():]).split()
        if len(rest) <= _SOURCE_ONLY_WORDS and not re.search(r"[\u4e00-\u9fff]{5}", clause[m.end():]):
            covered.update(j for j in (i - 1, i + 1) if 0 <= j < len(clauses))
    return covered


def asked_of_the_plans(found: list[tuple[str, str]], clauses: list[str], situated: Callable[[str], bool]) -> list[tuple[str, str]]:
    """``found`` (intent, clause) with each read that a named source covers turned into a plan question. Only a question
    (an order stays an order) that ``situated`` does not tie to a place of the map or a unit (that asks about the
    situation there) is turned."""
    covered = {clauses[i] for i in _in_scope(clauses)}
    if not covered:
        return found
    question = lambda c: bool(QUESTIONISH.search(c) or _ASKED.search(c))  # noqa: E731
    return [("plan_question" if intent in _READS and clause in covered and question(clause) and not situated(clause) else intent, clause)
            for intent, clause in found]


# The plans named as the authority an order or a report acts under: "according to the flood plan, ...", "as per plan
# send ...", "per the SOP: ...", "根据预案，...", "按预案派...". Unlike ``PLANS_AS_SOURCE`` the article is optional
# ("as per plan"), and rules and procedures count as plans ("按规定", "following the procedure").
AUTHORITY = re.compile(
    r"\b(?:according to|as per|per|under|in line with|in accordance with|following|as laid down in|as set out in)\s+"
    r"(?:the\s+|our\s+)?(?:[\w-]+\s+){0,2}?(?:plans?|annex(?:es)?(?: [A-J]\b)?|EOP|SOPs?|procedures?|protocols?|guidelines|playbook)\b|"
    r"(?:根据|按照|依照|依据|按|依)(?:应急)?(?:计划|预案|规定|程序|流程|规程)", re.IGNORECASE)


def acted_under_the_plans(found: list[tuple[int, str, str]], text: str, unit_ids: list[str]) -> tuple[list[tuple[int, str, str]], bool]:
    """``found`` (position, intent, clause) with each plan question that only the plans named as an authority made
    read again without them: "按预案派两辆消防车去 Kamppi" is the dispatch it orders, "according to the flood plan, the
    water at X is over the quay" a report (its framing clause is dropped, and the incident heuristics read the rest).
    A message that asks anything ("according to the plan, what is the isolation distance for chlorine?", "按预案，谁负责
    启动疏散？") is left as it is: it asks what the plans say.  The second value: whether a plan question was dropped."""
    if QUESTIONISH.search(text) or _ASKED.search(text) or not AUTHORITY.search(text):
        return found, False
    kept: list[tuple[int, str, str]] = []
    dropped = False
    for position, intent, clause in found:
        if intent == "plan_question" and AUTHORITY.search(clause):
            rest = AUTHORITY.sub(" ", clause).strip(" ,，:：;；-—")
            reread = clause_intent(rest, unit_ids) if rest else None
            if reread != "plan_question":  # the plans were only named as the authority
                dropped = True
                if reread:
                    kept.append((position, reread, clause))
                continue
        kept.append((position, intent, clause))
    return kept, dropped


# "how far do we keep people back from an ammonia leak?", "氨气泄漏要隔离多远": a distance asked for a kind of hazard.
_DISTANCE_ASKED = re.compile(r"[?？吗]|多远|多大|多宽|多少米|几米|多少公尺|\b(?:how|what)\b", re.IGNORECASE)
# A clause that only frames the question ("for an ammonia leak, how far ...", 如果发生氨气泄漏，...), not a report.
_FRAME = re.compile(r"^\W*(?:for|in case of|in the case of|in the event of|with|if|when|regarding|about|as for|say)\b|"
                    r"^\W*(?:如果|要是|假如|万一|对于|关于|遇到|发生|碰到)", re.IGNORECASE)


def general_distance_question(text: str, clauses: list[str], situated: Callable[[str], bool]) -> bool:
    """A question for the protective distance of a kind of hazard, asked in general: it asks how far (the table's
    words, ``tools.protective.reference.asks_distance``), names a hazard, ties itself to no place of the map or unit
    (``situated``), and every part of it is the question or frames it ("for an ammonia leak, ..."). A report that
    asks it ("ammonia leaking from a truck, people coughing, how far ...?") describes an incident and stays a report."""
    from agent.hazards import hazard_from_words
    from tools.protective.reference import asks_distance

    if not (asks_distance(text) and _DISTANCE_ASKED.search(text) and hazard_from_words(text)) or situated(text):
        return False
    parts = [p for c in clauses for p in re.split(r"[，,;；]", c) if p.strip()]
    return all(QUESTIONISH.search(p) or _DISTANCE_ASKED.search(p) or _FRAME.search(p) for p in parts)
