"""Leave-one-author-out for the router's learned intent models: does what they learn carry over to an author they
have not seen?

For each request set (one author each) the models are fitted on the team's exemplars, the train split of
operator_requests_v2 and every other set, then score the held-out set's requests (all its items; injection-only
messages are the injection screen's and left out).  Scored by the intent set per request (the set of the expected
tools' intents; help / out_of_scope for a question answered without a tool):

  * single: the single-label classifier (``IntentRouter`` as before issue 12 round 6: one intent per request);
  * learned: the multi-label ``IntentModel`` alone;
  * with --route: the whole router, ``agent.intents.route`` on the held-out author's requests with models that
    never saw them (needs the city: loads the assistant, ~30 s): "rules": the cue rules with the single-label
    classifier as before; "route": with the learned model deciding where no cue fires (``learned_intents``).  The rules were written against these sets: optimistic.

    python bench/loao_router.py [--sets a.yaml,b.yaml] [--route] [--dump oof.jsonl]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SETS = ["bench/data/router_dev.yaml", "bench/data/router_dev_v2.yaml", "bench/data/router_dev_v3.yaml",
        "bench/data/router_dev_v4.yaml", "bench/data/router_dev_v5.yaml", "bench/data/router_dev_v6.yaml"]
ALWAYS = "bench/data/operator_requests_v2.yaml:train"


def _as_routed(text: str) -> str:
    from agent.safety import screen_text

    return screen_text(text).without_injection() or text


def _acc(rows: list[dict[str, Any]], key: str) -> str:
    return f"{sum(r[key] for r in rows) / max(1, len(rows)):.3f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated request sets, one author each")
    parser.add_argument("--held", default="", help="score only these sets (comma-separated stems); default: each in turn")
    parser.add_argument("--route", action="store_true", help="also score the whole router (cue rules + models)")
    parser.add_argument("--take", type=float, default=0.7, help="see agent.intents.learned_intents")
    parser.add_argument("--dump", type=Path, help="write each held-out request's predictions (JSON lines)")
    opts = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from agent.intents import IntentRouter, cue_intents, item_intents, route, training_examples, training_requests

    sets = [s.strip() for s in opts.sets.split(",") if s.strip()]
    city, triage = None, None
    if opts.route:
        os.environ["ECA_LLM_BACKEND"] = "none"
        from agent.assistant import Assistant
        from core.settings import Settings

        assistant = Assistant.from_settings(Settings().model_copy(update={"llm_backend": "none"}))
        city = assistant._city
        triage = assistant._triage_only

    rows: list[dict[str, Any]] = []
    held_out = {h.strip() for h in opts.held.split(",") if h.strip()}
    for held in [s for s in sets if not held_out or Path(s).stem in held_out]:
        spec = ",".join([ALWAYS] + [s for s in sets if s != held])
        texts, labels = training_requests(spec)
        started = time.process_time()
        # the single-label classifier fitted the same way (the "single" column), and as deployed (the "route" column)
        same = IntentRouter(learned=False).fit(texts, labels)
        router = IntentRouter(take=opts.take).fit(texts, labels, single=training_examples())
        fit_cpu = time.process_time() - started
        items = [i for i in yaml.safe_load((ROOT / held).read_text(encoding="utf-8")) if i.get("split") != "test"]
        items = [i for i in items if item_intents(i)]
        # as the chat path routes them: injected instructions cut out first (agent.safety)
        routed = [_as_routed(i["text"]) for i in items]
        predictions = router.predict(routed)
        singles = same.predict(routed)
        for item, text, prediction, alone in zip(items, routed, predictions, singles):
            want = set(item_intents(item) or [])
            row = {"set": Path(held).stem, "id": item["id"], "lang": item["lang"], "category": item["category"],
                   "want": sorted(want), "single": [alone.intent], "learned": prediction.learned.intents,
                   "scores": {k: round(v, 3) for k, v in prediction.learned.scores.items() if v >= 0.05}}
            row["single_ok"] = {alone.intent} == want
            row["learned_ok"] = set(prediction.learned.intents) == want
            if opts.route:
                from agent.intents import name_units, spaced_scripts

                class Fixed:  # the held-out prediction, as the router would make it
                    def __init__(self, take: float):
                        self.take = take

                    def predict_one(self, text: str, p=prediction) -> Any:
                        return p

                named = name_units(spaced_scripts(text), city)
                got, _ = route(named, Fixed(router.take), city, triage)
                row["route"] = got
                row["route_ok"] = set(got) == want
                got, _ = route(named, Fixed(2.0), city, triage)  # the cue rules and the single-label classifier only
                row["rules"] = got
                row["rules_ok"] = set(got) == want
                row["cues"] = cue_intents(text, city)
            rows.append(row)
        print(f"fitted without {Path(held).stem}: {len(texts)} requests, {fit_cpu:.1f} s CPU", file=sys.stderr)

    keys = ["single_ok", "learned_ok"] + (["rules_ok", "route_ok"] if opts.route else [])
    print("leave-one-author-out, intent set per request (injection-only items left out)")
    print(f"  {'held-out set':<16} {'n':>4} " + " ".join(f"{k[:-3] + ' en/zh/all':>22}" for k in keys))
    for name in list(dict.fromkeys(r["set"] for r in rows)) + ["ALL"]:
        subset = rows if name == "ALL" else [r for r in rows if r["set"] == name]
        cells = []
        for key in keys:
            en = [r for r in subset if r["lang"] == "en"]
            zh = [r for r in subset if r["lang"] == "zh"]
            cells.append(f"{_acc(en, key)}/{_acc(zh, key)}/{_acc(subset, key)}")
        print(f"  {name:<16} {len(subset):>4} " + " ".join(f"{c:>22}" for c in cells))
    print("per category (all held-out sets):")
    for category in sorted({r["category"] for r in rows}):
        subset = [r for r in rows if r["category"] == category]
        print(f"  {category:<20} {len(subset):>4} " + " ".join(f"{k[:-3]} {_acc(subset, k)}" for k in keys))
    confusions = collections.Counter((tuple(r["want"]), tuple(sorted(r["learned"]))) for r in rows if not r["learned_ok"])
    print("learned model's most frequent errors (expected -> predicted):")
    for (want, got), n in confusions.most_common(12):
        print(f"  {n:>3}  {'+'.join(want)} -> {'+'.join(got) or '(none)'}")
    if opts.dump:
        with opts.dump.open("w", encoding="utf-8") as handle:
            for r in rows:
                handle.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
