"""Render a ResponsePlan to Markdown (for people) and JSON (for machines).

The one Markdown rendering of a response plan: the CLI prints it, the chat's plan tool
hands it to the model, the UI's export writes it (with the approval status).
"""

from __future__ import annotations

from agent.schemas import PlanItem, ResponsePlan

SECTION_TITLES = {
    "situation": "Situation",
    "immediate_actions": "Immediate actions",
    "evacuation": "Evacuation",
    "resources": "Resources and ETAs",
    "communications": "Communications",
    "open_questions": "Open questions",
}


def _source_tag(item: PlanItem) -> str:
    tags = []
    for source in item.sources:
        if source.kind == "citation":
            tags.append(f"[{source.ref}]")
        elif source.kind == "tool":
            tags.append(f"[tool: {source.ref}]")
        elif source.kind == "triage":
            tags.append("[triage model]")
        elif source.kind == "scenario":
            tags.append(f"[scenario: {source.ref}]")
        else:
            tags.append(f"[{source.kind}]")
    return " " + " ".join(tags) if tags else ""


def approval_text(approval: tuple[str, str] | None) -> str:
    """(approved_by, approved_at) as the status line of an exported plan."""
    return f"approved by {approval[0]} at {approval[1]}" if approval else "DRAFT (not approved)"


def to_markdown(plan: ResponsePlan, *, approval: tuple[str, str] | None = None, with_status: bool = False) -> str:
    """The plan as Markdown; ``with_status`` adds the approval status (exports), ``approval`` is (by, at)."""
    lines = [f"# Response plan {plan.plan_id}"]
    meta = [f"created {plan.created_at:%Y-%m-%d %H:%M} UTC"]
    if plan.incident_id:
        meta.insert(0, f"incident {plan.incident_id}")
    if plan.triage:
        t = plan.triage
        meta.append(f"**{t.incident_type} / {t.priority}** (confidence {t.type_confidence:.0%} / {t.priority_confidence:.0%})")
    if with_status or approval:
        meta.append(f"status: {approval_text(approval)}")
    lines.append(" · ".join(meta))
    if plan.warnings:
        lines.append("")
        lines.extend(f"> ⚠ {warning}" for warning in plan.warnings)
    if plan.summary:
        lines += ["", "## Summary", plan.summary]
    for section, title in SECTION_TITLES.items():
        items: list[PlanItem] = getattr(plan, section)
        lines += ["", f"## {title}"]
        if not items:
            lines.append("- (none)")
        numbered = section == "immediate_actions"
        for index, item in enumerate(items, 1):
            bullet = f"{index}." if numbered else "-"
            lines.append(f"{bullet} {item.text}{_source_tag(item)}")
    if plan.citations:
        lines += ["", "## Sources"]
        for citation in plan.citations:
            quote = " ".join(citation.text.split())[:240]
            lines.append(f"- **[{citation.ref}]** {citation.label()} — `{citation.source}`" + (f"\n  > {quote}…" if quote else ""))
    lines += ["", "_Report text:_", "", "> " + plan.report.replace("\n", "\n> ")]
    return "\n".join(lines) + "\n"


def to_json(plan: ResponsePlan, indent: int = 2) -> str:
    return plan.model_dump_json(indent=indent)


def missing_sections(plan: ResponsePlan) -> list[str]:
    """Sections with no item at all (the plan-suite check)."""
    return [section for section in SECTION_TITLES if not getattr(plan, section)]
