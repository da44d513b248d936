"""A message about the incident's existing evacuation plan: a question about it ("where do the vulnerable people go in
that plan?") and/or its approval ("approve the evacuation plan", "批准这个疏散方案").

Read as an order, "approve the evacuation plan" was an evacuation: a new default plan replaced the one the operator
meant, the question went unanswered and nothing was approved (trial 17 T41). The message is answered from the
latest evacuation plan of the incident, and its approval is proposed (``approve_plan``; confirmed like any proposal).
Only a message made of nothing else counts: "evacuate 500 m and approve the plan" orders a new evacuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from agent.follow_up import is_question

__all__ = ["PlanReference", "latest_evacuation_plan", "plan_answer", "plan_reference"]

_PLAN_EN = (r"(?:that|this|the|your|our|its|latest|last|current|existing|same)\s+(?:(?:latest|last|current|existing|new|"
            r"evacuation|evac|response|hazmat|shelter)\s+){0,2}plan\b")
_PLAN_ZH = r"(?:那个|这个|该|此|刚才的?|最新的?|现在的?|当前的?)?(?:疏散|撤离)?(?:方案|计划)"
_APPROVE = re.compile(rf"^\W*(?:(?:ok|okay|then|now|please|and)\W+)*(?:approve|accept|sign\s+off(?:\s+on)?|adopt|go\s+with)\s+{_PLAN_EN}"
                      r"(?:\s+(?:now|please|as\s+it\s+is|as\s+is))*\W*$"
                      rf"|^\W*(?:请|那就|就|好的?[，,]?)?(?:批准|通过|采纳|同意)(?:了)?{_PLAN_ZH}(?:吧)?\W*$"
                      # Finnish and Swedish: "hyväksy evakuointisuunnitelma", "godkänn evakueringsplanen" (trial 18 H7)
                      r"|^\W*(?:hyväksy(?:tään)?)\s+(?:(?:tämä|se|nykyinen|uusin)\s+)?evakuointi(?:suunnitelma\w*|\s+suunnitelma\w*)\W*$"
                      r"|^\W*(?:godkänn|godkänner\s+vi)\s+(?:den\s+)?(?:evakueringsplan(?:en)?|planen\s+för\s+evakuering(?:en)?)\W*$",
                      re.IGNORECASE)
# A question that asks about the plan there is ("... in that plan?", "那个疏散方案里 ... 去哪里？").
_IN_PLAN = re.compile(rf"\b(?:in|of|by|under|from)\s+{_PLAN_EN}|{_PLAN_ZH}(?:里|中|中的|里的)", re.IGNORECASE)
# What an evacuation plan answers: where people go, who has a place ("which units are in that plan?" is not for it).
_ABOUT_EVACUATION = re.compile(r"\b(?:people|persons|evacuees|residents|vulnerable|elderly|disabled|shelters?|go|going|goes|sent|"
                               r"evacuat\w*|places?|room)\b|人|避难|安置|疏散|去哪|位置", re.IGNORECASE)
_PIECES = re.compile(r"(?<=[.?!。？！])\s*")
_VULNERABLE = re.compile(r"\b(?:vulnerable|elderly|disabled|wheelchair|accessible|mobility|care home|frail)\b|弱势|行动不便|老人|残疾|轮椅|无障碍",
                         re.IGNORECASE)


@dataclass(frozen=True)
class PlanReference:
    question: str | None  # the question about the plan, if asked
    approve: bool  # its approval is asked for


def plan_reference(text: str) -> PlanReference | None:
    """The message as a question about and/or the approval of the incident's existing plan; None for any other."""
    pieces = [p.strip() for p in _PIECES.split((text or "").strip()) if p.strip()]
    question, approve = None, False
    for piece in pieces:
        if _APPROVE.search(piece):
            approve = True
        elif is_question(piece) and _IN_PLAN.search(piece) and _ABOUT_EVACUATION.search(piece):
            question = piece
        else:
            return None
    return PlanReference(question, approve) if pieces and (question or approve) else None


def latest_evacuation_plan(plans: list[Any]) -> Any | None:
    """The newest of ``plans`` (newest first) that evacuates: an area (``plan_evacuation``), or, in a response plan, the
    building or area its protective action evacuates (trial 18 H7: "approve the evacuation plan" after a report whose
    plan evacuated the building found none, and a new district evacuation of 6,329 people was made instead)."""
    return next((p for p in plans if isinstance((p.tool_outputs or {}).get("plan_evacuation"), dict) or _evacuates(p)), None)


def _evacuates(plan: Any) -> bool:
    protective = (plan.tool_outputs or {}).get("plan_protective_action") or {}
    return isinstance(protective, dict) and protective.get("primary") in ("evacuate_building", "evacuate_area") \
        and int(protective.get("people_moved") or 0) > 0


def plan_answer(plan: Any, question: str | None, zh: bool) -> str:
    """The plan's own lines that answer the question: the vulnerable groups' where it asks about them (and who of them
    has no place), else every group's; always the plan's statement of who has no place."""
    if not isinstance((plan.tool_outputs or {}).get("plan_evacuation"), dict):
        return _protective_answer(plan, zh)
    evacuation = plan.tool_outputs["plan_evacuation"]
    rows = evacuation.get("assignments") or []
    groups = evacuation.get("groups") or []
    vulnerable_only = bool(question and _VULNERABLE.search(question))
    chosen = [g for g in groups if g.get("vulnerable")] if vulnerable_only else groups
    head = (f"疏散方案 {plan.plan_id}（{plan.incident_id}）：" if zh else f"Evacuation plan {plan.plan_id} ({plan.incident_id}):")
    lines = [head]
    for g in chosen:
        mine = [a for a in rows if a.get("group") == g.get("name")]
        placed = sum(int(a.get("people") or 0) for a in mine)
        for a in mine:
            lines.append(f"- {a['group']}: {int(a['people']):,} → {a['shelter_name']} [{a['shelter_id']}], {float(a['travel_time_min']):.1f} min")
        left = int(g.get("people") or 0) - placed
        if left > 0:
            lines.append(f"- {g['name']}: {left:,} {'人没有避难所位置' if zh else 'people have NO shelter place in this plan'}")
    if vulnerable_only and not chosen:
        lines.append("- 该方案没有行动不便人群。" if zh else "- The plan has no vulnerable group.")
    if evacuation.get("unserved_statement"):
        lines.append(evacuation["unserved_statement"])
    return "\n".join(lines)


def _protective_answer(plan: Any, zh: bool) -> str:
    """The evacuation of a response plan's protective action, in its own words: what is evacuated, how many people,
    where they gather and which shelters take them."""
    protective = plan.tool_outputs["plan_protective_action"]
    head = (f"方案 {plan.plan_id}（{plan.incident_id}）的疏散：" if zh else f"Evacuation in plan {plan.plan_id} ({plan.incident_id}):")
    lines = [head, f"- {protective.get('decision_text') or protective.get('primary')}",
             f"- {'疏散人数' if zh else 'People moved'}: {int(protective.get('people_moved') or 0):,}"]
    if isinstance(protective.get("assembly_point"), dict) and protective["assembly_point"].get("name"):
        lines.append(f"- {'集合点' if zh else 'Assembly point'}: {protective['assembly_point']['name']}")
    for row in protective.get("shelters") or []:
        if isinstance(row, dict) and int(row.get("people") or 0) > 0:
            lines.append(f"- {int(row['people']):,} → {row.get('name') or row.get('shelter_id')} [{row.get('shelter_id')}]")
    return "\n".join(lines)
