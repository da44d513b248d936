"""An order that refers to the incident's plan rather than naming units or a place: "send the units", "approve the
plan", "go with the recommended crews", "批准方案", "派出方案里的单位".

Read literally such an order has no place ("send the units" was looked up as a place called 'send the units') and no
units.  It means the units the incident's latest plan recommends: their dispatch is proposed through the same path as
the plan's Approve button (``Assistant.plan_units_proposal``), and confirmed like every dispatch.  Only a whole
message that is such an order counts: "send the units to Kamppi" names a place and is an ordinary dispatch.
"""

from __future__ import annotations

import re

from agent.incident_request import kinds_named
from agent.incident_scope import INCIDENT_ID_RE, canonical_incident_id

__all__ = ["PlanOrder", "plan_order"]

_ID = r"(?:INC-?[A-Za-z0-9]+)"
_EN = re.compile(
    r"^(?:(?:ok|okay|right|fine|yes)[,\s]+)?(?:please\s+|let'?s\s+|go\s+ahead\s+and\s+|now\s+)?"
    r"(?:send|dispatch|deploy|commit|mobili[sz]e|roll|approve|confirm|accept|execute|implement|carry\s+out|go\s+with|run|"
    r"activate|start)\s+"
    r"(?:out\s+)?(?:all\s+(?:of\s+)?)?(?:the|these|those|its|this|that|our|your)\s+"
    r"(?:plan'?s\s+|planned\s+|recommended\s+|proposed\s+|suggested\s+|listed\s+)?"
    r"(?:units?|crews?|resources|vehicles|teams|rigs|plan|response\s+plan|dispatch|recommendation|response)"
    rf"(?:\s+(?:(?:of|for|on|in|from)\s+(?:the\s+)?(?:plan|incident\s+)?)?(?P<id>{_ID})"
    # or the incident described by its kind ("for the bus accident", "of the Kamppi gas alarm"): which one is the
    # chat's to resolve (``agent.incident_request.described_incident``); a place ("to Kamppi") is a dispatch
    r"|\s+(?:of|for|on|at)\s+(?P<described>the\s+[^\d,.;!?]{3,60}?))?"
    r"(?:\s+(?:now|please|then|immediately|as\s+planned|in\s+the\s+plan|from\s+the\s+plan|of\s+the\s+plan))*$",
    re.IGNORECASE)
# 方案/计划 is the response plan; 预案 (the city's standing plans) is a document to quote, never an order
_ZH = re.compile(
    rf"^(?:好|好的|可以)?[，,]?(?:请|那就|就)?(?:(?P<id1>{_ID})的?)?"
    r"(?:(?:批准|通过|执行|采纳|确认|同意|按)(?:这个|这份|该|此|本|当前的?|现在的?)?(?:响应|应急)?(?:方案|计划)(?:执行|派车|派遣)?"
    r"|(?:派出|派遣|出动|调派|派)(?:(?P<described>[\u4e00-\u9fff]{2,10}?)的)?(?:方案|计划)?(?:中|里)?的?(?:这些|那些|所有|全部)?"
    r"(?:推荐|建议|计划)?的?(?:单位|车辆|力量|队伍|人员))"
    rf"(?:吧|了)?$", re.IGNORECASE)


class PlanOrder:
    """The order, with the incident it names by id (None: the session's)."""

    def __init__(self, incident_id: str | None, described: str | None = None):
        self.incident_id = incident_id
        self.described = described  # the words that describe the incident by kind ("the bus accident"), if any


def plan_order(text: str) -> PlanOrder | None:
    """The plan order ``text`` is, or None: any other message, including an order that names a unit or a place."""
    said = " ".join(text.strip().rstrip(".!?。！？").split())
    if (match := _EN.match(said)) is not None:
        written = match.group("id")
    elif (match := _ZH.match(said.replace(" ", ""))) is not None:
        written = match.group("id1")
    else:
        return None
    described = match.group("described")
    if described and not kinds_named(described):
        # "send the units of the second floor": no kind of incident named, so no plan order (an ordinary request);
        # "派出所有的单位" has no description at all
        if match.re is _EN:
            return None
        described = None
    found = INCIDENT_ID_RE.search(written or "")
    return PlanOrder(canonical_incident_id(found.group(0)) if found else None, described)
