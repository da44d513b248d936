"""The deterministic router in the request set's vocabulary, and the shipped policy
(LoRA call when valid and confident, else the router).

``router_answer`` replays what the chat loop on main does without an LLM
(agent/loop.py: injection -> treated as a report; out_of_scope -> refusal; a tool intent ->
agent/fallback.fallback_calls) and maps the calls onto the v2 tool names and key arguments.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from agent.lora.evaluate import score_item
from agent.lora.schema import ToolAnswer

ACCEPT_CONFIDENCE = 0.5  # on the TRAIN split every higher threshold scored lower (0.0: 0.836, 0.8: 0.828, 0.9: 0.776); a floor for clearly unsure answers


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).lower()
    return re.sub(r"[\W_]+", "", text)


def grounded_in_request(answer: ToolAnswer, request: str) -> bool:
    """Every place, station and unit id the model wrote must be in the request itself (copied, not invented)."""
    folded = _fold(request)
    for call in answer.calls:
        for key in ("place", "station", "unit_id"):
            value = call["args"].get(key)
            if value is None:
                continue
            value = re.sub(r"^the\s+", "", str(value), flags=re.IGNORECASE)
            if _fold(value) not in folded:
                return False
    return True


@dataclass
class Decision:
    answer: ToolAnswer
    decided_by: str   # llm | router
    reason: str


def decide(proposal: Any, router: ToolAnswer, request: str, threshold: float = ACCEPT_CONFIDENCE) -> Decision:
    """The shipped policy: the LLM's answer when it is valid, confident and grounded in the request, else the router's."""
    if proposal is None or proposal.answer is None:
        return Decision(router, "router", "no valid LLM answer")
    if proposal.confidence < threshold:
        return Decision(router, "router", f"LLM unsure ({proposal.confidence:.2f} < {threshold:.2f})")
    if not grounded_in_request(proposal.answer, request):
        return Decision(router, "router", "LLM named something that is not in the request")
    return Decision(proposal.answer, "llm", f"LLM confident ({proposal.confidence:.2f})")


# --------------------------------------------------------------------------- router -> v2
class RouterV2:
    """The main-branch router (intent classifier + slot filling) with its answers in the v2 vocabulary."""

    def __init__(self, city: Any, triage: Any = None, settings: Any = None):
        from agent.router_model import IntentRouter

        self.city = city
        self.triage = triage
        self.router = IntentRouter.default(settings)

    @classmethod
    def from_settings(cls, settings: Any = None) -> "RouterV2":
        from core.settings import get_settings
        from finetune import load_current_classifier
        from tools.city import CityModel

        settings = settings or get_settings()
        try:
            triage = load_current_classifier(settings)
        except Exception:  # noqa: BLE001 - no triage model: the router's own hazard default
            triage = None
        return cls(CityModel.load(settings.scenario, settings=settings), triage, settings)

    def _triage(self, text: str) -> Any:
        return self.triage.predict([text])[0] if self.triage is not None else None

    def answer(self, text: str) -> ToolAnswer:
        from agent.fallback import fallback_calls
        from agent.router_model import TOOL_INTENTS, IntentPrediction
        from agent.safety import screen_text

        checked = screen_text(text)
        prediction = self.router.predict_one(checked.without_injection() or checked.text)
        if checked.has_injection:
            prediction = IntentPrediction("incident_report", prediction.confidence, prediction.scores)
        if prediction.intent == "out_of_scope" and not checked.has_injection:
            return ToolAnswer(refuse=True)
        if prediction.intent not in TOOL_INTENTS:
            return ToolAnswer()
        triage = self._triage if self.triage is not None else None
        calls = fallback_calls(checked.without_injection() or checked.text, prediction, self.city, triage)
        return ToolAnswer(calls=[c for c in (self._to_v2(call, text) for call in calls) if c])

    def _to_v2(self, call: dict[str, Any], text: str) -> dict[str, Any] | None:
        name, args = call["name"], call.get("args", {})
        if name == "plan_response":  # the pipeline reads place and hazard from the report itself
            places = self.city.gazetteer.find_in_text(text)
            place = next((p for p in places if p.kind != "zone"), places[0] if places else None)
            out: dict[str, Any] = {"place": place.name} if place else {}
            result = self._triage(text)
            if result is not None and result.incident_type != "not_incident":
                out["hazard"] = result.incident_type
            return {"tool": "plan_response", "args": out}
        if name == "search_plans":
            return {"tool": "search_plans", "args": {"topic": args.get("query", "")}}
        if name == "resolve_place":
            return {"tool": "resolve_place", "args": {"place": args.get("name", "")}}
        if name == "plan_evacuation":
            out = {"place": args.get("place"), "hazard": args.get("hazard_type")}
            if args.get("radius_m"):
                out["radius_m"] = int(args["radius_m"])
            return {"tool": "plan_evacuation", "args": {k: v for k, v in out.items() if v is not None}}
        if name == "plan_dispatch":
            incident = (args.get("incidents") or [{}])[0]
            out = {"place": incident.get("place"), "hazard": incident.get("incident_type"), "priority": incident.get("priority")}
            return {"tool": "plan_dispatch", "args": {k: v for k, v in out.items() if v is not None}}
        if name in ("list_shelters", "unit_status", "set_unit_status"):
            return {"tool": name, "args": dict(args)}
        return None


def router_rows(items: list[dict], router: RouterV2 | None = None) -> list[dict]:
    import time

    from tqdm import tqdm

    router = router or RouterV2.from_settings()
    rows = []
    for item in tqdm(items, desc="router"):
        started = time.perf_counter()
        answer = router.answer(item["text"])
        score = score_item(answer, item)
        rows.append({"system": "router", "id": item["id"], "split": item["split"], "lang": item["lang"], "category": item["category"],
                     "answer": answer.render(), "seconds": round(time.perf_counter() - started, 3), **score.__dict__})
    return rows


def shipped_rows(items: list[dict], lora: list[dict], router: list[dict], threshold: float = ACCEPT_CONFIDENCE) -> list[dict]:
    """Combine rows of the LoRA model and of the router under the shipped policy (no model run needed)."""
    from agent.lora.decode import ToolProposal
    from agent.lora.schema import InvalidAnswer, parse_answer

    by_lora = {r["id"]: r for r in lora}
    by_router = {r["id"]: r for r in router}
    rows = []
    for item in items:
        l, r = by_lora.get(item["id"]), by_router[item["id"]]
        proposal = None
        if l is not None and l.get("answer"):
            try:
                proposal = ToolProposal(parse_answer(l["answer"]), l["raw"], l["confidence"], l["min_prob"], l["seconds"])
            except InvalidAnswer:
                proposal = None
        decision = decide(proposal, parse_answer(r["answer"]), item["text"], threshold)
        score = score_item(decision.answer, item)
        rows.append({"system": "shipped", "id": item["id"], "split": item["split"], "lang": item["lang"], "category": item["category"],
                     "answer": decision.answer.render(), "decided_by": decision.decided_by, "reason": decision.reason,
                     "seconds": (l["seconds"] if l else 0) + r["seconds"], **score.__dict__})
    return rows
