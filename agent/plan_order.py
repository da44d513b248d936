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
    # "approve plan for INC-…" (trial 18 H6): no article before "plan" only; "send units" stays a request of its own
    r"(?:out\s+)?(?:all\s+(?:of\s+)?)?(?:(?:the|these|those|its|this|that|our|your)\s+|(?=(?:response\s+)?plan\b))"
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


# Finnish and Swedish: "hyväksy suunnitelma", "lähetä yksiköt", "hyväksy INC-…:n suunnitelma"; "godkänn planen",
# "skicka enheterna", "godkänn planen för INC-…".
_FI = re.compile(
    rf"^(?:(?:ok|selvä|hyvä)[,\s]+)?(?:hyväksy(?:tään)?|toteuta|toteutetaan|lähetä|lähettäkää|hälytä|hälyttäkää)\s+"
    rf"(?:(?P<id>{_ID})(?::n|:in)?\s+)?(?:suunnitelma\w*|toimintasuunnitelma\w*|(?:suunnitelman\s+)?yksiköt|(?:suunnitelman\s+)?yksikö\w+)"
    r"(?:\s+(?:nyt|heti))*$", re.IGNORECASE)
_SV = re.compile(
    rf"^(?:(?:ok|okej|bra)[,\s]+)?(?:godkänn|verkställ|genomför|skicka|larma(?:\s+ut)?)\s+"
    rf"(?:planen|plan|insatsplanen|enheterna|resurserna|planens\s+enheter)(?:\s+(?:för|till|i)\s+(?P<id>{_ID}))?"
    r"(?:\s+(?:nu|direkt|genast))*$", re.IGNORECASE)
# Two plan orders joined ("approve the plan and send the units", "批准方案并派出单位"): each part must be one.
_JOINS = re.compile(r"\s*(?:[,;]\s*(?:and\s+|then\s+|ja\s+|och\s+)?(?:then\s+)?|\s+(?:and(?:\s+then)?|then|ja|och|sitten|sedan)\s+|并且?|然后|再|，|、)\s*",
                    re.IGNORECASE)


class PlanOrder:
    """The order, with the incident it names by id (None: the session's)."""

    def __init__(self, incident_id: str | None, described: str | None = None):
        self.incident_id = incident_id
        self.described = described  # the words that describe the incident by kind ("the bus accident"), if any


def plan_order(text: str) -> PlanOrder | None:
    """The plan order ``text`` is, or None: any other message, including an order that names a unit or a place.  Two
    plan orders joined ("approve the plan and send the units") are one, of the one incident they name (or none)."""
    said = " ".join(text.strip().rstrip(".!?。！？").split())
    whole = _one_order(said)
    if whole is not None:
        return whole
    pieces = [p for p in _JOINS.split(said) if p and p.strip()]
    if len(pieces) < 2:
        return None
    orders = [_one_order(p.strip().rstrip(".!?。！？")) for p in pieces]
    if any(o is None for o in orders):
        return None
    ids = {o.incident_id for o in orders if o.incident_id}
    if len(ids) > 1:  # "approve the plan of INC-1 and send the units of INC-2": two orders, not one
        return None
    described = next((o.described for o in orders if o.described), None)
    return PlanOrder(next(iter(ids), None), described)


def _one_order(said: str) -> PlanOrder | None:
    """One plan order (no conjunction), or None."""
    if (match := _EN.match(said)) is not None:
        written = match.group("id")
    elif (match := _FI.match(said)) is not None or (match := _SV.match(said)) is not None:
        written = match.group("id")
    elif (match := _ZH.match(said.replace(" ", ""))) is not None:
        written = match.group("id1")
    else:
        return None
    described = match.groupdict().get("described")
    if described and not kinds_named(described):
        # "send the units of the second floor": no kind of incident named, so no plan order (an ordinary request);
        # "派出所有的单位" has no description at all
        if match.re is _EN:
            return None
        described = None
    found = INCIDENT_ID_RE.search(written or "")
    return PlanOrder(canonical_incident_id(found.group(0)) if found else None, described)
