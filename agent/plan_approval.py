""""Who approved the evacuation plan?": a question about the incident's plan record, answered from the log (who
approved which plan, when), never from the emergency plans' text (a retrieval answered it with the EOP's roles table:
session 19's list)."""

from __future__ import annotations

import re
from typing import Any

from agent.follow_up import is_question

_PLAN_WORD = r"(?:plan|suunnitelm\w*|plan(?:en|erna)?|\w*plan(?:en)?|方案|计划)"
_WHO_APPROVED = re.compile(
    r"\bwho\s+(?:has\s+|had\s+|actually\s+)?(?:approved|signed\s+off|authori[sz]ed|okayed|ok'?d|green-?lit)\b[^.?!]{0,40}\bplan\b|"
    r"\b(?:has|have|was|is)\s+(?:any(?:one|body)\s+|someone\s+|somebody\s+|it\s+|the\s+\w+\s+plan\s+|that\s+plan\s+|this\s+plan\s+)?"
    r"(?:been\s+)?(?:approved|signed\s+off)\b[^.?!]{0,30}\b(?:plan\b|yet\b|by\s+whom\b)|"
    r"\bplan\b[^.?!]{0,30}\b(?:approved|signed\s+off)\s+(?:by\s+whom|yet|already)\b|\bwho\s+approved\s+(?:it|that|this)\b|"
    r"(?:方案|计划)[^。？?！!]{0,8}(?:是)?谁(?:批准|审批|签发|同意|批)的?|谁(?:批准|审批|签发|批)了?[^。？?]{0,8}(?:方案|计划)|"
    r"(?:方案|计划)[^。？?]{0,6}(?:批准|审批|通过)了(?:吗|没有|没)|(?:方案|计划)[^。？?]{0,6}(?:有没有|是否)(?:被)?(?:批准|审批|通过)|"
    r"\bkuka\b[^.?!]{0,25}\bhyväks\w*|\bonko\b[^.?!]{0,30}suunnitelm\w*[^.?!]{0,10}\bhyväksytty\b|"
    r"\bvem\s+(?:har\s+)?godkän\w*|\bär\s+(?:\w+)?planen\s+godkänd\b|\bwer\s+hat\b[^.?!]{0,30}\b(?:genehmigt|freigegeben|abgezeichnet)\b|"
    r"\bist\s+der\s+\w*plan\s+(?:schon\s+)?(?:genehmigt|freigegeben)\b",
    re.IGNORECASE,
)
_EVACUATION = re.compile(r"evac\w*|疏散|撤离|evakuo\w*|evakuer\w*|räumung\w*|evakuierung\w*", re.IGNORECASE)


def asks_who_approved(text: str) -> bool:
    """Does the message ask who approved (or whether anyone approved) the incident's plan?"""
    return is_question(text) and bool(_WHO_APPROVED.search(text))


def approval_answer(incident_id: str, plans: list[Any], approval: Any, text: str, zh: bool) -> str:
    """The answer from the plan record: the newest plan asked about (an evacuation plan if the question says so) and
    who approved it when, or that it is a draft, or that the incident has none.  ``approval(plan_id)`` is
    ``(approved_by, approved_at)`` or None."""
    wanted = [p for p in plans if _is_evacuation(p)] if _EVACUATION.search(text) else list(plans)
    kind_en, kind_zh = ("evacuation plan", "疏散方案") if _EVACUATION.search(text) else ("plan", "方案")
    if not wanted:
        return (f"{incident_id} 还没有{kind_zh}，所以没有人批准过。[日志]" if zh else
                f"{incident_id} has no {kind_en} yet, so nobody has approved one. [log]")
    plan = wanted[0]
    approved = approval(plan.plan_id)
    if approved is None:
        return (f"{kind_zh} {plan.plan_id}（{incident_id}）还是草稿：尚未有人批准。[日志]" if zh else
                f"The {kind_en} {plan.plan_id} ({incident_id}) is still a draft: nobody has approved it. [log]")
    by, at = approved
    return (f"{kind_zh} {plan.plan_id}（{incident_id}）由 {by} 于 {at} 批准。[日志]" if zh else
            f"The {kind_en} {plan.plan_id} ({incident_id}) was approved by {by} at {at}. [log]")


def _is_evacuation(plan: Any) -> bool:
    outputs = getattr(plan, "tool_outputs", None) or {}
    return bool(outputs.get("plan_evacuation")) or bool(outputs.get("plan_protective_action"))
