"""Intent and slot accuracy of the chat agent's tool selection, on the hand-written
operator request set (bench/data/operator_requests.yaml), for:

  (a) the embedded LLM's own tool calls (SmolLM2-135M, text tool-call protocol),
  (b) the fallback intent router + slot filling,
  (c) the combined system as shipped (LLM first when the router is unsure, else router).

A prediction is correct when the first tool matches the expected intent (no tool for
help / out_of_scope) and, where a place / unit is expected, the arguments name it.

    python bench/bench_agent_routing.py [--no-llm] [--limit N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

INTENT_TOOL = {
    "incident_report": {"plan_response"}, "evacuation": {"plan_evacuation"}, "dispatch": {"plan_dispatch"},
    "plan_question": {"search_plans"}, "unit_status": {"unit_status", "set_unit_status"},
    "shelter_info": {"list_shelters"}, "place_lookup": {"resolve_place"}, "help": set(), "out_of_scope": set(),
}


PLACE_INTENTS = {"evacuation", "dispatch", "place_lookup"}


def args_mention(calls: list[dict], expected: dict, city, intent: str) -> bool:
    """Do the calls' arguments name the expected place / unit?"""
    from tools.gazetteer import normalize

    flat = normalize(str([c["args"] for c in calls]))
    place = expected.get("place") if intent in PLACE_INTENTS else None
    if place and not expected.get("unknown_place"):
        try:
            canonical = city.gazetteer.resolve(place).name
        except Exception:  # noqa: BLE001
            canonical = place
        if normalize(place) not in flat and normalize(canonical) not in flat:
            return False
    unit = expected.get("unit_id")
    if unit and normalize(unit) not in flat:
        return False
    return True


def score(item: dict, calls: list[dict], city) -> tuple[bool, bool]:
    wanted = INTENT_TOOL[item["intent"]]
    first = calls[0]["name"] if calls else None
    intent_ok = (first in wanted) if wanted else (first is None)
    if item.get("unknown_place") and first == "resolve_place":
        return True, True  # an unknown place must be resolved (and answered with suggestions), not planned
    if item.get("intent") == "incident_report":
        return intent_ok, intent_ok  # the whole report is the argument
    return intent_ok, intent_ok and args_mention(calls, item.get("args") or {}, city, item["intent"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-llm", action="store_true")
    parser.add_argument("--limit", type=int, default=0)
    opts = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    torch.set_num_threads(2)
    from agent.backends import build_backend
    from agent.fallback import fallback_calls
    from core.settings import Settings
    from agent.router_model import TOOL_INTENTS, IntentRouter
    from agent.loop import AgentConfig, ChatAgent
    from agent.grounding import GroundingChecker
    from agent.safety import screen_text
    from finetune import ensure_default_model, load_current_classifier
    from agent.tool_registry import build_tools
    from tools.city import CityModel

    settings = Settings()
    ensure_default_model(settings)
    triage = load_current_classifier(settings)
    city = CityModel.load(settings.scenario, settings=settings)
    items = yaml.safe_load((ROOT / "bench" / "data" / "operator_requests.yaml").read_text(encoding="utf-8"))
    if opts.limit:
        items = items[: opts.limit]
    router = IntentRouter.default()
    class NoPassages:  # the tools are only proposed here, never run: no knowledge base needed
        def search(self, query, k=5, filters=None):
            return []

        def stats(self):
            return None

    tools = build_tools(city, NoPassages(), plan_report=lambda report: None)
    backend = build_backend(settings.model_copy(update={"llm_backend": "none" if opts.no_llm else "local"}))
    agent = ChatAgent(backend, tools, router, lambda t, p: fallback_calls(t, p, city, lambda x: triage.predict([x])[0]),
                      GroundingChecker(city.gazetteer, []), AgentConfig(time_budget_s=120))

    rows = {"router": [], "llm": [], "combined": []}
    llm_valid, llm_times, router_times = 0, [], []
    for item in items:
        checked = screen_text(item["text"])
        t0 = time.perf_counter()
        prediction = router.predict_one(checked.without_injection() or checked.text)
        if checked.has_injection:
            prediction.intent = "incident_report"
        router_calls = fallback_calls(checked.without_injection(), prediction, city, lambda x: triage.predict([x])[0]) \
            if prediction.intent in TOOL_INTENTS else []
        router_times.append(time.perf_counter() - t0)
        rows["router"].append(score(item, router_calls, city))
        llm_calls: list[dict] = []
        if backend.chat_model is not None:
            t0 = time.perf_counter()
            llm_calls = agent.propose_calls(checked.text)
            llm_times.append(time.perf_counter() - t0)
            llm_valid += bool(llm_calls)
            rows["llm"].append(score(item, llm_calls, city))
            unsure = prediction.confidence < AgentConfig().router_confident
            use_llm = unsure and not checked.has_injection and prediction.intent in TOOL_INTENTS and llm_calls
            rows["combined"].append(score(item, llm_calls if use_llm else router_calls, city))
        else:
            rows["combined"].append(rows["router"][-1])

    n = len(items)
    print(f"operator requests: {n} ({sum(i['lang'] == 'en' for i in items)} en, {sum(i['lang'] == 'zh' for i in items)} zh); load avg {os.getloadavg()[0]:.1f}")
    print(f"{'system':<34} {'intent acc':>10} {'intent+args':>12}")
    labels = {"llm": "(a) embedded LLM tool calls", "router": "(b) fallback router + slots", "combined": "(c) combined (as shipped)"}
    for key in ("llm", "router", "combined"):
        if rows[key]:
            intent = sum(r[0] for r in rows[key]) / n
            full = sum(r[1] for r in rows[key]) / n
            print(f"{labels[key]:<34} {intent:>10.3f} {full:>12.3f}")
    if llm_times:
        print(f"LLM produced a valid tool call for {llm_valid}/{n} requests; LLM tool-call latency p50 {statistics.median(llm_times):.2f} s")
    print(f"router latency p50 {statistics.median(router_times) * 1000:.1f} ms")
    for lang in ("en", "zh"):
        idx = [i for i, item in enumerate(items) if item["lang"] == lang]
        print(f"  router+slots {lang}: {sum(rows['router'][i][1] for i in idx) / max(1, len(idx)):.3f} (n={len(idx)})")
    errors = [(items[i]["text"][:60], items[i]["intent"]) for i, r in enumerate(rows["router"]) if not r[1]]
    print("router misses:", *errors[:15], sep="\n  ")


if __name__ == "__main__":
    main()
