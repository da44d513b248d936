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

from agent.cue_rules import QUESTIONISH

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
