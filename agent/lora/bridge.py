"""The chat loop's door to the LoRA model: propose calls, decide LLM-or-router, and map the
request-set vocabulary onto the tools the agent has (agent/tool_registry.py).

The loop asks ``LoraToolCaller.decide(text)`` once per turn; the answer says who decided
(``llm`` or ``router``) and why, and the loop logs it and labels the tool steps "via lora".
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from agent.lora.routing import ACCEPT_CONFIDENCE, CONFIDENCE_MEASURE, gate_confidence, grounded_in_request
from agent.lora.schema import ToolAnswer
from agent.clauses import split_clauses
from agent.negation import negated_order, withdrawn_unit_types

log = logging.getLogger(__name__)


@dataclass
class LoraDecision:
    decided_by: str                      # llm | router
    reason: str
    calls: list[dict[str, Any]] = field(default_factory=list)   # in the agent's tool format ({name, args})
    refuse: bool = False
    raw: str = ""
    confidence: float = 0.0


def to_agent_calls(answer: ToolAnswer, text: str, available: set[str]) -> list[dict[str, Any]]:
    """v2 calls -> the agent's tool registry (argument names differ; tools the agent lacks are skipped)."""
    out: list[dict[str, Any]] = []
    for call in answer.calls:
        name, args = call["tool"], call["args"]
        if name == "plan_response":
            mapped: dict[str, Any] | None = {"report": text}
        elif name == "search_plans":
            mapped = {"query": args.get("topic") or text[:200]}
        elif name == "plan_evacuation":
            # an order that names no hazard is "unspecified" (the router's reading too), never a guessed fire
            mapped = {"place": args.get("place"), "hazard_type": args.get("hazard") or "unspecified"}
            if args.get("radius_m"):
                mapped["radius_m"] = float(min(args["radius_m"], 5000))
        elif name == "plan_dispatch":
            # a dispatch needs a type for its unit table; with none given, a fire response, as the router's dispatch does
            incident = {"place": args.get("place"), "incident_type": args.get("hazard", "fire"), "priority": args.get("priority", "P2")}
            if args.get("unit_types"):  # the unit types the operator asked for (was dropped: the plan ignored them)
                incident["unit_types"] = list(args["unit_types"])
            mapped = {"incidents": [incident]}
        elif name == "resolve_place":
            mapped = {"name": args.get("place", "")}
        elif name == "list_shelters":  # nearest to the place first (was dropped: the list was not sorted by it)
            mapped = {"place": args["place"]} if args.get("place") else {}
        elif name == "unit_status":  # station and unit type filter the board (were dropped: all units were listed)
            mapped = {k: v for k, v in args.items() if k in ("unit_id", "station", "unit_type")}
        elif name == "set_unit_status":
            mapped = {k: v for k, v in args.items() if k in ("unit_id", "status")}
        else:
            mapped = dict(args)
        if name in available and mapped is not None:
            out.append({"name": name, "args": mapped})
    return out


class LoraToolCaller:
    """Loads the base model and the current (or shipped) adapter on first use."""

    def __init__(self, settings: Any, threshold: float = ACCEPT_CONFIDENCE):
        self.settings = settings
        self.threshold = threshold
        self._model = None
        self._lock = threading.Lock()
        self.failed: str | None = None

    def model(self):
        with self._lock:
            if self._model is None and self.failed is None:
                try:
                    from agent.lora.decode import LoraAssistantModel
                    from agent.lora.runtime import resolve_adapter, resolve_base_dir

                    self._model = LoraAssistantModel(resolve_base_dir(self.settings), resolve_adapter(self.settings))
                except Exception as exc:  # noqa: BLE001 - no adapter or no base: the router decides, and we say why
                    self.failed = f"{type(exc).__name__}: {exc}"
                    log.warning("LoRA tool model unavailable (%s); the router decides", self.failed)
            return self._model

    def decide(self, text: str, available: set[str]) -> LoraDecision:
        model = self.model()
        if model is None:
            return LoraDecision("router", f"LoRA model unavailable ({self.failed})")
        return decision_for(model.propose_calls(text), text, available, self.threshold)


def decision_for(proposal: Any, text: str, available: set[str], threshold: float = ACCEPT_CONFIDENCE,
                 measure: str = CONFIDENCE_MEASURE) -> LoraDecision:
    """The shipped policy on one proposal: the LLM's calls when valid, confident (``measure``, agent.lora.routing),
    grounded in the request and runnable here, else the router (bench/bench_llm_tools.py replays it on stored proposals)."""
    if proposal.answer is None:
        return LoraDecision("router", f"no valid LLM answer ({proposal.error})", raw=proposal.raw)
    if any(negated_order(clause) for clause in split_clauses(text)) or any(withdrawn_unit_types(text)):
        # the adapter's call format has no place for "not KAM-A1" / "don't evacuate" / "hold the evacuation" / "no ladder
        # needed": only the router keeps exclusions and holds
        return LoraDecision("router", "the request negates, holds or withdraws an order (the LLM's calls cannot exclude)", raw=proposal.raw)
    confidence = gate_confidence(proposal, measure)
    if confidence < threshold:
        return LoraDecision("router", f"LLM unsure ({confidence:.2f})", raw=proposal.raw, confidence=confidence)
    if proposal.answer.refuse:
        return LoraDecision("llm", "LLM refused", refuse=True, raw=proposal.raw, confidence=confidence)
    if not grounded_in_request(proposal.answer, text):
        return LoraDecision("router", "LLM named something that is not in the request", raw=proposal.raw, confidence=confidence)
    calls = to_agent_calls(proposal.answer, text, available)
    if not calls:
        return LoraDecision("router", "no LLM call this agent can run", raw=proposal.raw, confidence=confidence)
    return LoraDecision("llm", f"LLM confident ({confidence:.2f})", calls=calls, raw=proposal.raw, confidence=confidence)

