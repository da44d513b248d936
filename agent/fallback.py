"""The deterministic fallback: a routed intent plus filled slots become tool calls, for when the LLM
cannot (or may not) choose the tools itself.  The tools are those of ``agent.tool_registry``; the
routing and slot filling live in ``agent.intents`` (cue rules per clause in ``agent.cue_rules``, the
classifier in ``agent.router_model``, slots in ``agent.slots`` / ``agent.places`` / ``agent.hazards``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from agent.intents import plan_calls
from agent.router_model import IntentPrediction, IntentRouter
from agent.protocols import City, TriageOutcome


def fallback_calls(text: str, prediction: IntentPrediction, city: City,
                   triage: Callable[[str], TriageOutcome] | None = None, router: IntentRouter | None = None,
                   incident_type: Callable[[str], str | None] | None = None) -> list[dict[str, Any]]:
    """Intent routing plus slot filling → tool calls (possibly several: "evacuate X and send two engines");
    ``incident_type`` reads an incident id's type from the incident log."""
    return plan_calls(text, router or IntentRouter.default(), city, triage, incident_type)
