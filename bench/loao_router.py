"""Leave-one-author-out for the router's learned intent models alone: does what they learn carry over to an author
they have not seen?

For each request set of ``router_train_sets`` (one author each) the models are fitted on the team's exemplars and
every other set (``agent.router_model.without_set``, as bench/bench_requests.py does end to end), then score the
held-out set's requests (all its items but a test split; injection-only messages are the injection screen's and
left out).  Scored by the intent set per request (the set of the expected tools' intents; help / out_of_scope for
a question answered without a tool):

  * single: the single-label classifier fitted the same way (one intent per request);
  * learned: the multi-label ``IntentModel`` alone.

The whole router (cue rules + models) on a left-out set: ``bench/bench_requests.py --data <set> --split dev``.

    python bench/loao_router.py [--held router_dev_v6] [--dump oof.jsonl]
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


def _as_routed(text: str) -> str:
    from agent.safety import screen_text

    return screen_text(text).without_injection() or text


def _acc(rows: list[dict[str, Any]], key: str) -> str:
    return f"{sum(r[key] for r in rows) / max(1, len(rows)):.3f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--held", default="", help="score only these sets (comma-separated stems); default: each in turn")
    parser.add_argument("--dump", type=Path, help="write each held-out request's predictions (JSON lines)")
    opts = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from agent.router_model import IntentRouter, item_intents, request_set_paths, training_requests, without_set
    from core.settings import get_settings

    spec = get_settings().router_train_sets
    rows: list[dict[str, Any]] = []
    held_out = {h.strip() for h in opts.held.split(",") if h.strip()}
    for held, _ in request_set_paths(spec):
        if held_out and held.stem not in held_out:
            continue
        texts, labels = training_requests(without_set(spec, held))
        started = time.process_time()
        router = IntentRouter().fit(texts, labels)  # its single-label classifier on the one-intent requests
        fit_cpu = time.process_time() - started
        items = [i for i in yaml.safe_load(held.read_text(encoding="utf-8")) if i.get("split") != "test"]
        items = [i for i in items if item_intents(i)]
        # as the chat path routes them: injected instructions cut out first (agent.safety)
        routed = [_as_routed(i["text"]) for i in items]
        for item, prediction in zip(items, router.predict(routed)):
            want = set(item_intents(item) or [])
            row = {"set": held.stem, "id": item["id"], "lang": item["lang"], "category": item["category"],
                   "want": sorted(want), "single": [prediction.intent], "learned": prediction.learned.intents,
                   "scores": {k: round(v, 3) for k, v in prediction.learned.scores.items() if v >= 0.05}}
            row["single_ok"] = {prediction.intent} == want
            row["learned_ok"] = set(prediction.learned.intents) == want
            rows.append(row)
        print(f"fitted without {held.stem}: {len(texts)} requests, {fit_cpu:.1f} s CPU", file=sys.stderr)

    keys = ["single_ok", "learned_ok"]
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
