"""Build the summary task's facts: the deterministic planner run on made-up reports.

Run once by a developer (``python bench/make_lora_facts.py --data-dir DIR``); the output,
``agent/lora/data/plan_facts.jsonl``, is shipped so that training never needs the
triage model, the knowledge base or the road network.  The reports are generated
here from templates over the scenario's own places; none is taken from a
held-out set.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from agent.lora.slots import load_slots  # noqa: E402

OUT = ROOT / "agent" / "lora" / "data" / "plan_facts.jsonl"

_REPORTS = {
    "fire": ["Smoke pouring out of a flat at {p}, residents on the balcony", "{p}: kitchen fire spreading to the stairwell",
             "{p} 起火了，楼道里全是烟", "Car on fire next to {p}, flames reaching the facade"],
    "flood": ["Water main burst at {p}, basements filling up", "{p} 地下室进水，水位还在涨"],
    "hazmat": ["Strong ammonia smell at {p}, two workers coughing", "{p} 有化学品泄漏，气味很刺鼻"],
    "medical": ["Elderly man collapsed at {p}, not breathing", "{p} 有人晕倒了，没有意识"],
    "traffic_accident": ["Tram and car collision at {p}, one person trapped", "{p} 两车相撞，有人受伤"],
    "earthquake_collapse": ["Part of a roof came down at {p}, people under the debris", "{p} 楼体部分坍塌，有人被困"],
    "public_security": ["Man with a knife threatening people at {p}", "{p} 有人打架，有人持刀"],
    "utility_outage": ["Power out across {p}, lifts stuck", "{p} 停电了，电梯里有人被困"],
    "severe_weather": ["Storm tore scaffolding loose at {p}, debris in the street", "{p} 暴风把广告牌吹倒了"],
    "missing_person": ["Child missing near {p} for an hour, wearing a red coat", "{p} 附近一位老人走失了"],
    "public_health": ["Dozens of people vomiting after a lunch event at {p}", "{p} 很多人食物中毒"],
}


def made_up_reports(n: int, seed: int = 7) -> list[tuple[str, str]]:
    slots = load_slots()
    places = slots.places("street") + slots.places("landmark")[:200] + slots.places("staging") + slots.places("zone")
    rng = random.Random(seed)
    hazards = sorted(_REPORTS)
    return [(rng.choice(_REPORTS[h]).format(p=rng.choice(places)), h) for h in (hazards[i % len(hazards)] for i in range(n))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=160)
    parser.add_argument("--data-dir", help="ECA data dir with a trained triage model and knowledge base")
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    from agent.assistant import _plan_facts
    from agent.response_plan import ResponsePlanner
    from agent.safety import screen_text
    from core.settings import Settings, get_settings
    from finetune import load_current_classifier
    from knowledge.retriever import Retriever
    from tools.city import CityModel

    settings = Settings(data_dir=args.data_dir) if args.data_dir else get_settings()
    planner = ResponsePlanner(load_current_classifier(settings), Retriever.from_settings(settings),
                              CityModel.load(settings.scenario, settings=settings))
    with open(args.out, "w", encoding="utf-8") as handle:
        for text, hazard in tqdm(made_up_reports(args.n), desc="plans"):
            plan = planner.plan(screen_text(text, what="report"))
            handle.write(json.dumps({"report": text, "hazard": hazard, "facts": _plan_facts(plan)}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
