"""Response-plan items from their sources: the evacuation and dispatch planners' outputs and the
numbered checklist steps of cited emergency-plan passages; and a chat turn's response plan put
together from its tools' results."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from typing import Any

from agent.protocols import Passage
from agent.schemas import Citation, PlanItem, ResponsePlan, Source, ToolResult

_NUMBERED_ITEM = re.compile(r"(?:^|\s)\d{1,2}[.)]\s+(.+?)(?=\s\d{1,2}[.)]\s|\n\s*\n|\n#|$)", re.DOTALL)


def checklist_query(incident_type: str, report: str) -> str:
    """What the planner asks the plans for an incident's action checklist. The shipped plans are in English: for a
    report in another language the English names of its response determinants (tools.determinants: "someone in the
    water", "people trapped") are added, so that a Chinese report about a person through the ice reaches the
    water-rescue checklist and not the first checklist of its type (the English encoder and BM25 read no Han)."""
    query = f"{incident_type.replace('_', ' ')} action checklist: {report[:400]}"
    from core.text import detect_language

    if detect_language(report) == "en":
        return query
    from tools.determinants import DETERMINANTS, extract

    facts = list(dict.fromkeys(DETERMINANTS.get(d.code, "") for d in extract(report)))
    return f"{query} ({'; '.join(f for f in facts if f)})" if any(facts) else query


def checklist_steps(text: str, limit: int = 10) -> list[str]:
    """Numbered checklist steps of a plan passage, each joined across wrapped lines."""
    steps = []
    text = re.sub(r"^\s*#+.*$", "\n", text, flags=re.MULTILINE)  # headings like "## 4. Action checklist"
    for raw in _NUMBERED_ITEM.findall(text):
        step = re.sub(r"\s+", " ", raw.replace("**", "")).strip()
        # a passage cut inside the list ends on the next step's bare number ("... (Annex F). 8."): not part of the step,
        # and the same step from the neighbouring passage must compare equal
        step = re.sub(r"\s+\d{1,2}[.)]$", "", step)
        if 12 <= len(step) <= 400:
            steps.append(step)
        if len(steps) >= limit:
            break
    return steps


def new_plan_id() -> str:
    return "PLAN-" + uuid.uuid4().hex[:8].upper()


PROPOSED = "PROPOSED (awaiting confirmation)"
LISTED_ONLY = "LISTED ONLY (no free unit, not proposed)"


def add_dispatch_items(plan: ResponsePlan, result: Any) -> None:
    """Resources section items from a DispatchPlan (each sourced to the planner)."""
    src = [Source(kind="tool", ref="plan_dispatch")]
    # What the plan proposes and what it only lists, said first and in so many words (trial s22: the unit lines read
    # as sent, and a needed type with no free unit was not told apart from one proposed)
    if result.assignments:
        units = ", ".join(f"{a.unit_id} ({a.unit_type})" for a in result.assignments)
        plan.resources.append(PlanItem(text=f"{PROPOSED}: {units}. Nothing moves until the plan's dispatch is confirmed.", sources=src))
    if result.shortfalls:
        needed = ", ".join(f"{s.missing} × {s.unit_type}" for s in result.shortfalls)
        plan.resources.append(PlanItem(text=f"{LISTED_ONLY}: {needed} needed.", sources=src))
    for a in result.assignments:
        why = f" For: {a.reason}." if getattr(a, "reason", "") else ""  # which determinant asked for this unit
        plan.resources.append(PlanItem(text=f"{a.unit_id} ({a.unit_type}, {a.station_name}): ETA {a.eta_min:.1f} min.{why}", sources=src))
    for s in result.shortfalls:
        plan.resources.append(PlanItem(text=f"Shortfall: {s.missing} × {s.unit_type}. {s.advice}", sources=src))
        plan.open_questions.append(PlanItem(text=f"Request mutual aid for {s.missing} × {s.unit_type}?", sources=src))
    for line in result.explanation:
        if "->" not in line:  # assignment lines repeat the items above
            plan.resources.append(PlanItem(text=line, sources=src))


def add_evacuation_items(plan: ResponsePlan, result: Any) -> None:
    """Evacuation section items from an EvacuationPlan (each sourced to the planner)."""
    src = [Source(kind="tool", ref="plan_evacuation")]
    for a in result.assignments:
        plan.evacuation.append(PlanItem(
            text=f"{a.people} people from {a.group} → {a.shelter_name}: {a.travel_time_min:.0f} min ({a.distance_m:.0f} m).", sources=src))
    for point in result.assembly_points[:4]:
        plan.evacuation.append(PlanItem(text=f"Assembly point for {point.zone_id}: {point.name}.", sources=src))
    if result.clearance_time_min is not None:
        plan.evacuation.append(PlanItem(text=f"Estimated clearance time: {result.clearance_time_min:.0f} min.", sources=src))
    if result.unserved_people:
        plan.evacuation.append(PlanItem(text=result.unserved_statement, sources=src))
        plan.open_questions.append(PlanItem(text=f"{result.unserved_people} people have no shelter place: open additional shelters?", sources=src))
    for warning in result.warnings[:3]:
        plan.evacuation.append(PlanItem(text=warning, sources=src))


def citations_from_passages(passages: Sequence[Passage]) -> list[Citation]:
    """Passages of the procedure documents as citations C1, C2, ... (in the order given)."""
    return [Citation(ref=f"C{i}", source=p.source, title=p.title, section=p.section, page=p.page, text=p.text, score=p.score)
            for i, p in enumerate(passages, 1)]


def plan_from_tool_results(request: str, results: Sequence[ToolResult], citations: list[Citation],
                           incident_id: str | None) -> ResponsePlan | None:
    """The response plan of a chat turn, from its tools' results: the full plan if one was made, else one
    put together from the planners' parts and the cited passages (for the plan panel and the map); None if
    no tool planned anything."""
    full = [r.plan for r in results if r.plan is not None]
    if full:
        return full[-1]
    parts = [r.plan_part for r in results if r.plan_part is not None]
    if not parts:
        return None
    plan = ResponsePlan(plan_id=new_plan_id(), incident_id=incident_id, report=request)
    features: list[dict[str, Any]] = []
    for part in parts:
        for section in ("evacuation", "resources", "open_questions"):
            getattr(plan, section).extend(getattr(part, section))
        features += part.geojson.get("features", [])
        plan.tool_outputs.update(part.tool_outputs)  # what approval acts on (shelter places, units)
    from agent.hazards import hazard_from_words
    from agent.step_fit import incident_facts, step_fits

    # no triage in a chat turn's own plan: the request's words say the hazard the steps are judged against
    facts = incident_facts(request, hazard_from_words(request) or "not_incident")
    for index, citation in enumerate(citations, 1):
        citation = citation.model_copy(update={"ref": f"C{index}"})
        plan.citations.append(citation)
        for step in [s for s in checklist_steps(citation.text, 10) if step_fits(s, facts)][:4]:
            plan.immediate_actions.append(PlanItem(text=step.strip(), sources=[Source(kind="citation", ref=citation.ref)]))
    plan.geojson = {"type": "FeatureCollection", "features": features}
    return plan
