"""A follow-up adds to its incident: what a plan for an open incident is built from.

A follow-up ("now flames on the 3rd floor, two more with burns", "现在有两个人晕倒了") says what is new, not all that
is known.  Planned from its own words alone, the incident's plan lost its ladder, its hazmat unit, its cordon, and its
type became the follow-up's (a hazmat incident turned "medical").  Here the plan reads every report of the incident
(in the order they came), and the incident keeps its type and a priority that only
rises; the follow-up's own reading is kept as a secondary type.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from core.vocabulary import priority_rank

__all__ = ["WhichIncident", "accumulated_report", "fit_to_incident", "is_question", "kept_incident_triage"]

# Earlier reports read with a follow-up: enough for a long call and its updates, bounded so that a busy incident's
# plan is not built from pages of text (the screen's limits, the locator's time).
MAX_EARLIER_CHARS = 6000


def accumulated_report(follow_up: str, earlier: Sequence[str]) -> str:
    """The incident's earlier reports (``earlier``: the newest first, as the log gives them), each once, oldest first
    and within ``MAX_EARLIER_CHARS``, then the follow-up: the incident told in the order it was reported."""
    kept, used = [], 0
    for text in dict.fromkeys(earlier):
        if text == follow_up or used + len(text) > MAX_EARLIER_CHARS:
            continue
        kept.append(text)
        used += len(text)
    return "\n".join([*reversed(kept), follow_up])


def kept_incident_triage(outcome: Any, incident_type: str | None, priority: str | None) -> Any:
    """The follow-up's triage as its incident's: the incident's type (a follow-up that reads as something else, such
    as people fainting at a chemical leak, adds that as a secondary type and changes no type), and the higher of the
    two priorities.  An incident with no type yet (or "not_incident") takes the follow-up's."""
    update: dict[str, Any] = {}
    if incident_type and incident_type != "not_incident" and outcome.incident_type != incident_type:
        others = [t for t in outcome.secondary_types if t not in (incident_type, outcome.incident_type)]
        update.update(incident_type=incident_type, type_confidence=float(dict(outcome.type_probs).get(incident_type, 0.0)),
                      secondary_types=[outcome.incident_type, *others] if outcome.incident_type != "not_incident" else others)
        if hasattr(outcome, "type_source"):
            update["type_source"] = f"the incident's type (this follow-up read as {outcome.incident_type})"
    if priority and priority_rank(priority) < priority_rank(outcome.priority):
        # priority_source: the plan shows no confidence figure for a priority the model did not read (a triage
        # result of the classifier carries it as an extra attribute, read back by ``to_triage_summary``)
        update.update(priority=priority, priority_confidence=float(dict(outcome.priority_probs).get(priority, 0.0)),
                      priority_source=f"the incident's priority (this follow-up read as {outcome.priority})")
    return outcome.model_copy(update=update) if update else outcome


# What part of a scene a follow-up speaks of.  Floors, windows, balconies and stairs are in a building, never on a road
# crash; a driver, a passenger or a vehicle is at a crash.  Ordinals and counts are written many ways ("3rd floor",
# "top floor", "the fourth storey", "三楼", "4层").
_BUILDING = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|top|upper|ground|"
    r"attic)\s+(?:floor|storey|story)s?\b|\b(?:balcon(?:y|ies)|window(?:s|sill)?|stair(?:s|well|case)|roof|attic|"
    r"basement|apartment|flat|lift|elevator|corridor|hallway)\b"
    r"|(?<![0-9一二三四五六七八九十顶])[0-9一二三四五六七八九十顶]{1,3}\s?(?:楼|层)|阳台|窗|楼梯|屋顶|地下室|走廊|电梯",
    re.IGNORECASE)
_VEHICLE = re.compile(
    r"\b(?:car|cars|van|truck|lorry|bus|tram|motorbike|bike|vehicle|driver|passenger|windscreen|airbag)s?\b"
    r"|车|司机|乘客|驾驶",
    re.IGNORECASE)


def fit_to_incident(text: str, incident_type: str | None, hazard: str | None) -> int:
    """How well a place-less follow-up fits an incident of ``incident_type``: 2 it names that very hazard or a part
    of such a scene (a driver at a crash), 1 nothing in it speaks against it, 0 it does not fit (floors at a road
    crash; a hazard that never meets this one at a scene, ``hazards_compatible``)."""
    from agent.incident_scope import hazards_compatible  # noqa: PLC0415 - agent.incident_scope imports nothing of ours

    if not incident_type or incident_type == "not_incident":
        return 1
    if incident_type == "traffic_accident" and _VEHICLE.search(text):
        return 2
    if incident_type == "traffic_accident" and _BUILDING.search(text):
        return 0
    if hazard is None:
        return 1
    if hazard == incident_type:
        return 2
    return 1 if hazards_compatible(hazard, incident_type) else 0


class WhichIncident(ValueError):
    """A place-less follow-up that fits more than one of the session's incidents as well: the operator says which
    (the message names them); nothing is filed or planned meanwhile."""

    def __init__(self, incidents: Sequence[tuple[str, str]]):
        self.incidents = list(incidents)
        named = " or ".join(f"{incident_id} ({what})" for incident_id, what in self.incidents)
        super().__init__(f"Which incident is this update for: {named}? Nothing was filed. Send it again with the "
                         f"incident id or the place (\"{self.incidents[0][0]}: ...\").")


# The form of a question: an interrogative first ("who leads at ...", "谁负责...") or a question mark / particle last.
# the one test of a question (the merge reader's too): a question word or an auxiliary first ("can INC-1 and INC-2 be
# merged", never "can't find him" or "do not send"), a question mark last, a Chinese question word or particle
_QUESTION = re.compile(
    r"^\s*(?:who|whom|whose|what|what's|which|how|when|where|why|does|should|shall|may|"
    r"(?:is|are|do|can|could)(?!n't|'t|\s+not\b))\b"
    # Finnish question words and -ko/-kö questions ("mitä suunnitelma sanoo ...", "onko ...", "pitääkö ..."), typed without a mark
    r"|^\s*(?:mitä|mikä|mitkä|miten|kuinka|missä|mihin|mistä|milloin|miksi|kuka|ketkä|onko|ovatko|pitääkö|voiko|voidaanko|tarvitaanko)\b"
    # Swedish question words and verb-first questions ("hur långt ska vi evakuera ...", "ska vi evakuera ...", "finns det
    # ..."), typed without a mark (review s18: one opened a hazmat incident); "när" also opens a report ("när vi kom fram")
    r"|^\s*(?:hur|vad|vilken|vilket|vilka|varför|vem|vems|vart|var\s+(?:är|finns|ligger)|finns\s+det|"
    r"(?:ska|skall|kan|bör|borde|måste|behöver)\s+(?:vi|jag|man|ni|de|han|hon))\b"
    # Chinese asks in place ("老人去哪里", "有多少人没有位置"): where / which / how many inside the sentence (plan_reference's too)
    r"|\?\s*$|^\s*(?:谁|什么|怎样|哪|为什么|是否)|是不是|怎么|如何|哪里|哪儿|哪个|多少|去哪|[吗呢么][？?]?\s*$|？\s*$",
    re.IGNORECASE)


def is_question(text: str) -> bool:
    """Is the message asked as a question?  With the triage model reading no incident in it, it is a procedure query
    ("who leads at a mass casualty incident", "谁负责指挥大规模伤亡事件？"), never a report to plan."""
    return bool(_QUESTION.search(text))
