"""Side by side on the operator request set v2 TEST split: base LLM, LoRA LLM, the router
(agent/intents.py + agent/fallback.fallback_calls), and LoRA + router as shipped.

Valid tool-call rate, tool + key-argument accuracy (agent/lora/evaluate.py), refusals,
per language and per category, latency, and ten example conversations.

    python bench/bench_llm_tools.py                         # everything here (slow on 2 CPU cores)
    python bench/bench_llm_tools.py --llm-only --write P    # LLM rows only (e.g. on a GPU machine)
    python bench/bench_llm_tools.py --predictions P         # reuse LLM rows written earlier, add router + shipped

bench/lora_predictions_h200.jsonl holds the LLM rows of the shipped adapter (and of the base model) computed on
a lent H200 (batched, grammar-constrained, greedy; identical decoding to the CPU path up to float rounding).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def llm_rows(system: str, model, items: list[dict], constrained: bool = True, batch_size: int = 1) -> list[dict]:
    from tqdm import tqdm

    from agent.lora.evaluate import score_item

    rows = []
    if batch_size > 1:
        proposals = model.propose_calls_batch([i["text"] for i in items], constrained=constrained, batch_size=batch_size)
    else:
        proposals = [model.propose_calls(i["text"], constrained=constrained) for i in tqdm(items, desc=system)]
    for item, proposal in zip(items, proposals):
        score = score_item(proposal.answer, item)
        rows.append({"system": system, "id": item["id"], "split": item["split"], "lang": item["lang"], "category": item["category"],
                     "raw": proposal.raw, "answer": proposal.answer.render() if proposal.answer else None,
                     "confidence": round(proposal.confidence, 4), "min_prob": round(proposal.min_prob, 4),
                     "seconds": round(proposal.seconds, 3), **score.__dict__})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="", help="base HF dir (default: the packaged SmolLM2, materialised)")
    parser.add_argument("--adapter", default="", help="LoRA adapter dir (default: the current or shipped one)")
    parser.add_argument("--split", default="test", choices=["test", "train"])
    parser.add_argument("--llm-only", action="store_true")
    parser.add_argument("--also-train", action="store_true", help="LLM rows for the train split too (threshold choice)")
    parser.add_argument("--unconstrained", action="store_true", help="also run the LoRA model without the grammar")
    parser.add_argument("--write", help="write the LLM rows (jsonl) here")
    parser.add_argument("--predictions", help="LLM rows written earlier (jsonl); skips running the LLMs")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--data-dir", help="ECA data dir with the triage model for the router (default: settings)")
    parser.add_argument("--batch-size", type=int, default=1, help=">1: batched generation (accelerator); latency is then per batch")
    opts = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from agent.lora.data import load_request_items

    items = load_request_items(opts.split)
    if opts.limit:
        items = items[:opts.limit]
    rows: list[dict] = []
    if opts.predictions:
        rows = [json.loads(l) for l in Path(opts.predictions).read_text(encoding="utf-8").splitlines() if l.strip()]
    else:
        from agent.lora.decode import LoraAssistantModel
        from agent.lora.runtime import resolve_adapter, resolve_base_dir

        base = opts.base or str(resolve_base_dir())
        adapter = opts.adapter or str(resolve_adapter())
        t = time.perf_counter()
        base_model = LoraAssistantModel(base, None)
        print(f"base loaded in {time.perf_counter() - t:.1f} s on {base_model.device}")
        rows += llm_rows("base", base_model, items, batch_size=opts.batch_size)
        del base_model
        lora = LoraAssistantModel(base, adapter)
        rows += llm_rows("lora", lora, items, batch_size=opts.batch_size)
        if opts.unconstrained:
            rows += llm_rows("lora_free", lora, items, constrained=False, batch_size=opts.batch_size)
        if opts.also_train:
            rows += llm_rows("lora", lora, load_request_items("train"), batch_size=opts.batch_size)
    if opts.write:
        with open(opts.write, "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    if not opts.llm_only:
        from agent.lora.routing import router_rows, shipped_rows

        split_rows = [r for r in rows if r["split"] == opts.split]
        from agent.lora.routing import RouterV2
        from core.settings import Settings, get_settings

        settings = Settings(data_dir=opts.data_dir) if opts.data_dir else get_settings()
        router = router_rows(items, RouterV2.from_settings(settings))
        rows = split_rows + router + shipped_rows(items, [r for r in split_rows if r["system"] == "lora"], router)
    report(rows, items, opts.split)
    if opts.predictions:
        print("\n(base/lora latencies are those of the machine that wrote the predictions file; batched rows report batch time / size)")


def report(rows: list[dict], items: list[dict], split: str) -> None:
    from agent.lora.evaluate import summarise_scores

    systems = [s for s in ("base", "lora", "lora_free", "router", "shipped") if any(r["system"] == s for r in rows)]
    tables = {s: summarise_scores([r for r in rows if r["system"] == s and r["split"] == split]) for s in systems}
    keys = list(tables[systems[0]])
    print(f"\n## Operator requests v2, {split} split ({len(items)} items): valid / tool+key-args correct\n")
    print("| subset | n | " + " | ".join(systems) + " |")
    print("|---|---|" + "---|" * len(systems))
    for key in keys:
        cells = [f"{tables[s][key]['valid']:.2f} / {tables[s][key]['correct']:.2f}" if key in tables[s] else "-" for s in systems]
        print(f"| {key} | {tables[systems[0]][key]['n']} | " + " | ".join(cells) + " |")
    print("\nrefusal rate on refuse items: " + ", ".join(
        f"{s} {tables[s]['all']['refusal']:.2f}" for s in systems if tables[s]["all"]["refusal"] is not None))
    for s in systems:
        secs = [r["seconds"] for r in rows if r["system"] == s and r.get("seconds") is not None]
        if secs:
            print(f"latency {s}: p50 {statistics.median(secs):.2f} s, max {max(secs):.2f} s")
    decided = [r for r in rows if r["system"] == "shipped"]
    if decided:
        llm_share = sum(r.get("decided_by") == "llm" for r in decided) / len(decided)
        print(f"shipped: the LLM decided {llm_share:.0%} of turns, the router the rest")
    examples(rows, items)


def examples(rows: list[dict], items: list[dict], n: int = 10) -> None:
    by_id = {i["id"]: i for i in items}
    shipped = {r["id"]: r for r in rows if r["system"] == "shipped"} or {r["id"]: r for r in rows if r["system"] == "lora"}
    order = ["incident_report", "injection_only", "dispatch", "out_of_scope", "evacuation", "multi_intent",
             "injection_mixed", "unit_status_change", "plan_question", "help", "shelter_query", "situation"]
    picked = []
    for category in order:  # one per category, refusals included, English and Chinese alternating
        lang = "zh" if len(picked) % 2 else "en"
        pool = [i for i in items if i["category"] == category and i["id"] in shipped]
        pick = next((i for i in pool if i["lang"] == lang), pool[0] if pool else None)
        if pick is not None:
            picked.append(pick["id"])
    print(f"\n## {n} example conversations (held-out test items)\n")
    for item_id in picked[:n]:
        r = shipped[item_id]
        print(f"- [{by_id[item_id]['lang']}/{by_id[item_id]['category']}] operator: {by_id[item_id]['text']}")
        print(f"  assistant ({r.get('decided_by', r['system'])}): {(r.get('answer') or r.get('raw') or '').replace(chr(10), ' | ')}"
              f"  -> {'correct' if r['correct'] else 'WRONG'}")


if __name__ == "__main__":
    main()
