"""Agent-level tools (beside the planners' tools from ``tools.llm_tools``) and the
fallback that turns a routed intent plus filled slots into tool calls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from langchain_core.tools import BaseTool, StructuredTool
from pydantic import BaseModel, Field

from agent.intents import IntentPrediction, extract_priority, extract_radius_m, extract_unit_status
from agent.schemas import Citation, ResponsePlan


@dataclass
class ToolResult:
    """What an agent-level tool returns: text for the model plus structured extras for the UI."""

    text: str
    citations: list[Citation] = field(default_factory=list)
    plan: ResponsePlan | None = None

    def __str__(self) -> str:
        return self.text


class SearchPlansArgs(BaseModel):
    query: str = Field(description="What to look up in the emergency plans, e.g. 'flood annex sandbags'.", min_length=2, max_length=500)
    hazard: str | None = Field(default=None, description="Optional hazard key to filter by, e.g. 'flood'.")
    k: int = Field(default=4, ge=1, le=10, description="How many passages.")


class PlanResponseArgs(BaseModel):
    report: str = Field(description="The incident report text, verbatim.", min_length=3, max_length=20_000)


def make_agent_tools(retriever: Any, plan_fn: Callable[[str], ResponsePlan]) -> list[BaseTool]:
    def search_plans(query: str, hazard: str | None = None, k: int = 4) -> ToolResult:
        """Search the city's emergency plans and standards; returns cited passages."""
        try:
            passages = retriever.search(query, k=k, filters={"hazard": hazard} if hazard else None)
        except Exception as exc:  # noqa: BLE001 - a model-readable error, not an exception
            try:
                passages = retriever.search(query, k=k)
            except Exception:  # noqa: BLE001
                return ToolResult(text=f"error: {exc}")
        citations = [
            Citation(ref=f"C{i}", source=p.source, title=p.title, section=p.section, page=p.page, text=p.text, score=p.score)
            for i, p in enumerate(passages, 1)
        ]
        if not citations:
            return ToolResult(text="No passage of the plans matches that question.")
        lines = [f"[{c.ref}] {c.label()}: {' '.join(c.text.split())[:350]}…" for c in citations]
        return ToolResult(text="\n".join(lines), citations=citations)

    def plan_response(report: str) -> ToolResult:
        """Build a full response plan for an incident report (triage, actions, evacuation, units, comms)."""
        from agent.render import to_markdown

        plan = plan_fn(report)
        return ToolResult(text=to_markdown(plan), citations=plan.citations, plan=plan)

    return [
        StructuredTool.from_function(search_plans, name="search_plans", args_schema=SearchPlansArgs),
        StructuredTool.from_function(plan_response, name="plan_response", args_schema=PlanResponseArgs),
    ]


def fallback_calls(text: str, prediction: IntentPrediction, city: Any, triage: Callable[[str], Any] | None = None) -> list[dict[str, Any]]:
    """Intent routing plus slot filling → tool calls, for when the LLM cannot call tools itself (agent/intents.py)."""
    from agent.intents import IntentRouter, plan_calls

    return plan_calls(text, IntentRouter.default(), city, triage)


def _mentions_units(text: str) -> bool:
    lowered = text.lower()
    return any(w in lowered for w in ("send", "dispatch", "units", "ambulance", "engine", "派", "车辆", "救护车"))


def _mentions_evacuation(text: str) -> bool:
    lowered = text.lower()
    return any(w in lowered for w in ("evacuat", "shelter", "疏散", "撤离", "避难"))


def _guess_place(text: str) -> str:
    """The most place-like word of a request with no known place (for 'did you mean' suggestions)."""
    import re

    candidates = re.findall(r"\b[A-ZÄÖÅ][\wäöå'-]{3,}(?:\s[A-ZÄÖÅ][\wäöå'-]+)?", text)
    skip = {"Which", "What", "Where", "Evacuate", "Send", "Plan", "Find", "Locate", "Dispatch", "How", "Who", "Is", "The"}
    candidates = [c for c in candidates if c.split()[0] not in skip]
    return candidates[-1] if candidates else text.strip()[:60]
