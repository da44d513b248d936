"""Side by side on an operator request set: base LLM + grammar, LoRA LLM + grammar, the router as the chat runs
it, and LoRA + router as shipped (``ECA_LLM_TOOL_MODEL=lora``).

Every column is scored by the same judge as bench/bench_requests.py (``Judge``: the multiset of tools, key
arguments, places through the gazetteer, topics by meaning, an extra ``search_plans`` beside a planner tolerated;
a ``calls: []`` item is right when no tool runs), so the router column here is bench_requests.py's figure.

* router: ``Assistant.chat`` with no LLM (``ECA_LLM_BACKEND=none``) on each message, its tool steps as run, the
  router's learned models fitted without the scored set (bench_requests.leave_scored_set_out). A recorder stands
  in for the LoRA model, so we also learn for which messages, and with which text, the chat would ask it.
* LoRA / base: the model's own answer in the set's vocabulary (constrained decoding, greedy).
* shipped: where the chat would ask the LoRA model, ``agent.lora.bridge.decision_for`` on its proposal for that
  text; when the LLM decides, its calls as the agent would run them (``to_agent_calls``); ``plan_response`` runs
  the planning pipeline on the report, so it takes the router's plan where the router planned the same report.
  Otherwise the router's run.

    python bench/bench_llm_tools.py --split train                                  # train split (choices)
    python bench/bench_llm_tools.py --data bench/data/router_dev_v9.yaml --split dev
    python bench/bench_llm_tools.py --llm-only --write P    # LLM rows only (e.g. on a GPU machine)
    python bench/bench_llm_tools.py --predictions P         # reuse LLM rows written earlier, add router + shipped
    python bench/bench_llm_tools.py --split test --aggregate-only   # the frozen test split: aggregate lines only
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def default_data(split: str) -> Path:
    from agent.lora.data import REQUESTS_V2, REQUESTS_V2_TRAIN

    if split == "dev":
        raise SystemExit("--split dev needs --data (e.g. bench/data/router_dev_v9.yaml)")
    return REQUESTS_V2_TRAIN if split == "train" else REQUESTS_V2


def llm_rows(system: str, model, items: list[dict], texts: list[str] | None = None, constrained: bool = True,
             batch_size: int = 1) -> list[dict]:
    """One row per item: the model's answer to ``texts`` (default: the items' texts)."""
    from tqdm import tqdm

    texts = texts or [i["text"] for i in items]
    if batch_size > 1:
        proposals = model.propose_calls_batch(texts, constrained=constrained, batch_size=batch_size)
    else:
        proposals = [model.propose_calls(t, constrained=constrained) for t in tqdm(texts, desc=system)]
    return [{"system": system, "id": item["id"], "split": item["split"], "lang": item["lang"], "category": item["category"],
             "text": text, "raw": p.raw, "answer": p.answer.render() if p.answer else None, "error": p.error,
             "confidence": round(p.confidence, 4), "min_prob": round(p.min_prob, 4), "seconds": round(p.seconds, 3),
             "free": p.choice.as_list(), "calls_free": [c.as_list() for c in p.call_choices]}
            for item, text, p in zip(items, texts, proposals)]


def proposal_of(row: dict) -> Any:
    """A stored LLM row -> the ToolProposal the chat would have had (rows written before the free-choice confidence
    existed have none: 0, so a floor on it never takes them)."""
    from agent.lora.confidence import ChoiceConfidence
    from agent.lora.decode import ToolProposal
    from agent.lora.schema import parse_answer

    return ToolProposal(parse_answer(row["answer"]) if row["answer"] else None, row["raw"], row["confidence"], row["min_prob"],
                        row["seconds"], row.get("error"), choice=ChoiceConfidence.from_list(row.get("free")),
                        call_choices=[ChoiceConfidence.from_list(c) for c in row.get("calls_free") or []])


class _AskRecorder:
    """Stands in for the LoRA tool caller inside the chat: records what it would be asked, lets the router decide."""

    def __init__(self):
        self.asked: list[tuple[str, set[str]]] = []

    def __call__(self, text: str, available: set[str]):
        from agent.lora.bridge import LoraDecision

        self.asked.append((text, set(available)))
        return LoraDecision("router", "bench: recording only")


def chat_router_rows(items: list[dict], data: Path, split: str, has_train: bool) -> tuple[list[dict], Any]:
    """Each message through ``Assistant.chat`` without an LLM, set up as bench/bench_requests.py runs it (``ChatBench``).
    Returns (rows, judge)."""
    from tqdm import tqdm

    from bench.bench_requests import REFUSAL_MARKERS, ChatBench, Judge, normalise_calls, run_chat

    os.environ["ECA_LLM_BACKEND"] = "none"
    os.environ["ECA_LLM_TOOL_MODEL"] = "off"
    bench = ChatBench.build(data, split, has_train, llm_tool_model="off")
    print(f"router's learned models trained on the exemplars and: {bench.trained_on}")
    assistant = bench.assistant
    recorder = _AskRecorder()
    assistant._lora_tool_caller = lambda: recorder  # the chat asks the recorder where it would ask the LoRA model
    rows = []
    for item in tqdm(items, desc="router (chat)"):
        incident = bench.new_turn()
        recorder.asked.clear()
        started = time.perf_counter()
        steps, texts, plan, _ = run_chat(assistant, item["text"], incident)
        shown = "\n".join(texts)
        seconds = time.perf_counter() - started
        asked = recorder.asked[0] if recorder.asked else None
        prediction = assistant._router.predict_one(asked[0]) if asked else None  # what the chat's router read (same text)
        rows.append({"system": "router", "id": item["id"], "split": item["split"], "lang": item["lang"], "category": item["category"],
                     "calls": normalise_calls(steps, plan), "refused": not steps and any(m.lower() in shown.lower() for m in REFUSAL_MARKERS),
                     "asked_text": asked[0] if asked else None, "available": sorted(asked[1]) if asked else [],
                     "intent": prediction.intent if prediction else None,
                     "router_conf": round(float(prediction.confidence), 4) if prediction else None,
                     "seconds": round(seconds, 3)})
    return rows, Judge(bench.city)


def v2_calls(answer_text: str | None) -> tuple[list[dict], bool] | None:
    """A model's rendered answer -> ({tool, args} calls, refused); None when it did not parse."""
    from agent.lora.schema import InvalidAnswer, parse_answer

    if not answer_text:
        return None
    try:
        answer = parse_answer(answer_text)
    except InvalidAnswer:
        return None
    return ([] if answer.refuse else [{"tool": c["tool"], "args": dict(c["args"])} for c in answer.calls]), answer.refuse


POLICIES = {"lora_first": "(c) LoRA when valid and confident, else the router (the `lora` mode)",
            "router_first": "(b) the router; LoRA where the router runs no tool or is unsure",
            "veto": "(d) the router; LoRA may only veto (sure NONE / REFUSE on a router plan: ask the operator)"}


@dataclass(frozen=True)
class Policy:
    name: str                    # a key of POLICIES
    floor: float                 # the LLM's confidence floor
    measure: str = "all"         # agent.lora.routing.CONFIDENCE_MEASURES
    router_floor: float = 0.0    # router_first: below this router confidence the LLM is asked too

    def label(self) -> str:
        extra = f", router < {self.router_floor}" if self.name == "router_first" and self.router_floor else ""
        return f"{self.name} {self.measure} >= {self.floor}{extra}"


def vetoes(proposal: Any, threshold: float, measure: str) -> bool:
    """The LLM as a second opinion on the router's plan (policy "veto", measured here, not shipped): True when it is
    sure no tool should run (NONE or REFUSE at ``threshold`` or above by ``measure``), so the operator would be asked
    before the router's calls run."""
    from agent.lora.routing import gate_confidence

    return proposal.answer is not None and not proposal.answer.calls and gate_confidence(proposal, measure) >= threshold


def shipped_rows(items: list[dict], lora: dict[str, dict], router: list[dict], policy: Policy) -> list[dict]:
    """A LoRA + router policy replayed (``lora`` maps an asked text to its LoRA row; the LLM is only ever asked where
    the chat asks it: not for an out-of-scope or suspected message):
    lora_first - the chat as shipped: the LLM's calls where ``decision_for`` takes them, else the router's;
    router_first - the router's run; the LLM's decision where the router ran no tool and did not refuse, or where the
      router's intent confidence is below ``router_floor``;
    veto - the router's run, unless the LLM is sure (``vetoes``) that no tool fits a message the router ran tools for:
      then no tool runs (the operator is asked; a REFUSE refuses)."""
    from agent.lora.bridge import decision_for
    from bench.bench_requests import normalise_calls

    out = []
    for item, r in zip(items, router):
        row = {"system": policy.name, "id": item["id"], "split": item["split"], "lang": item["lang"], "category": item["category"],
               "calls": r["calls"], "refused": r["refused"], "decided_by": "router", "reason": "the chat does not ask the LLM here",
               "seconds": r["seconds"]}
        l = lora.get(r["asked_text"]) if r["asked_text"] is not None else None
        router_ran = bool(r["calls"] or r["refused"])
        if policy.name == "router_first" and router_ran and (r.get("router_conf") is None or r["router_conf"] >= policy.router_floor):
            l = None
        if policy.name == "veto" and not r["calls"]:
            l = None
        if l is None:
            out.append(row)
            continue
        proposal = proposal_of(l)
        row["seconds"] = r["seconds"] + l["seconds"]
        if policy.name == "veto":
            if vetoes(proposal, policy.floor, policy.measure):
                row.update(calls=[], refused=proposal.answer.refuse, decided_by="llm", reason="LLM veto")
            out.append(row)
            continue
        decision = decision_for(proposal, r["asked_text"], set(r["available"]), policy.floor, policy.measure)
        row.update(decided_by=decision.decided_by, reason=decision.reason)
        if decision.decided_by == "llm":
            steps = [{"name": c["name"], "arguments": c["args"]} for c in decision.calls]
            calls = normalise_calls(steps, None)
            planned = next((c for c in r["calls"] if c["tool"] == "plan_response"), None)
            own = {c["tool"]: c for c in (v2_calls(l["answer"]) or ([], False))[0]}
            for call in calls:  # plan_response plans the report itself: the router's plan where it made one
                if call["tool"] == "plan_response":
                    call["args"] = dict((planned or own.get("plan_response") or {"args": {}})["args"])
            row.update(calls=calls, refused=decision.refuse)
        out.append(row)
    return out


def sweep(items: list[dict], lora: dict[str, dict], router: list[dict], judge) -> None:
    """Each policy's accuracy (tool + key arguments) over confidence floors and measures, and the share the LLM decided."""
    from agent.lora.routing import CONFIDENCE_MEASURES

    def cell(policy: Policy) -> str:
        replay = shipped_rows(items, lora, router, policy)
        score_rows(replay, items, judge)
        llm = sum(r["decided_by"] == "llm" for r in replay)
        return f"{policy.floor}: {sum(r['correct'] for r in replay) / len(replay):.3f} ({llm})"

    floors = (0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99)
    print("\nsweep: accuracy at each floor (in brackets: turns the LLM decided)")
    for name in POLICIES:
        for measure in CONFIDENCE_MEASURES:
            for router_floor in ((0.0, 0.5, 0.7, 0.9) if name == "router_first" else (0.0,)):
                cells = [cell(Policy(name, f, measure, router_floor)) for f in floors]
                print(f"sweep {name} {measure}" + (f" router<{router_floor}" if router_floor else "") + ": " + ", ".join(cells))


def disagreements(rows: list[dict], items: list[dict]) -> None:
    """Where the LoRA model (alone, on the message) and the router answer differently: who is right, per category."""
    from collections import Counter, defaultdict

    lora = {r["id"]: r for r in rows if r["system"] == "lora"}
    router = {r["id"]: r for r in rows if r["system"] == "router"}
    table: dict[str, Counter] = defaultdict(Counter)
    for item in items:
        l, r = lora.get(item["id"]), router.get(item["id"])
        if l is None or r is None:
            continue
        parsed = v2_calls(l.get("answer")) or ([], False)
        differ = (sorted(c["tool"] for c in parsed[0]) != sorted(c["tool"] for c in r["calls"]) or bool(parsed[1]) != bool(r["refused"])
                  or l["correct"] != r["correct"])
        if not differ:
            continue
        outcome = "both right" if l["correct"] and r["correct"] else "router right" if r["correct"] else \
            "LoRA right" if l["correct"] else "both wrong"
        for key in ("all", item["category"]):
            table[key][outcome] += 1
    print("\n## where LoRA (alone) and the router disagree: who is right\n")
    print("| category | disagree | router right | LoRA right | both wrong | both right |")
    print("|---|---|---|---|---|---|")
    for key in ["all"] + sorted(k for k in table if k != "all"):
        c = table[key]
        print(f"| {key} | {sum(c.values())} | {c['router right']} | {c['LoRA right']} | {c['both wrong']} | {c['both right']} |")


def score_rows(rows: list[dict], items: list[dict], judge) -> None:
    """Adds valid / correct / tools_ok / refusal_ok to every row, by bench_requests' judge."""
    by_id = {i["id"]: i for i in items}
    for row in rows:
        item = by_id[row["id"]]
        if "calls" in row:
            calls, refused, valid = row["calls"], row["refused"], True
        else:
            parsed = v2_calls(row.get("answer"))
            valid = parsed is not None
            calls, refused = parsed if parsed else ([], False)
        intent_ok, full_ok, _ = judge.judge(calls, item.get("calls") or [])
        row.update(valid=valid, tools_ok=valid and intent_ok, correct=valid and full_ok,
                   refusal_ok=bool(refused) if item.get("refuse") else None)


def main() -> None:
    from agent.lora.routing import ACCEPT_CONFIDENCE, CONFIDENCE_MEASURE, CONFIDENCE_MEASURES

    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="", help="base HF dir (default: the packaged SmolLM2, materialised)")
    parser.add_argument("--adapter", default="", help="LoRA adapter dir (default: the current or shipped one)")
    parser.add_argument("--data", type=Path, help="a request set (default: operator requests v2 of the split)")
    parser.add_argument("--split", default="test", choices=["test", "train", "dev"])
    parser.add_argument("--with-base", action="store_true", help="also the base model + grammar (slow on a CPU)")
    parser.add_argument("--llm-only", action="store_true")
    parser.add_argument("--unconstrained", action="store_true", help="also run the LoRA model without the grammar")
    parser.add_argument("--write", help="write the LLM rows (jsonl) here")
    parser.add_argument("--predictions", help="LLM rows written earlier (jsonl); skips running the LLMs")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--every", type=int, default=1, help="every k-th item (a set sorted by category keeps all of them)")
    parser.add_argument("--threshold", type=float, help="the policies' confidence floor (default: the shipped one)")
    parser.add_argument("--measure", choices=CONFIDENCE_MEASURES, help="the confidence the floor is compared with "
                        "(default: the shipped one; agent.lora.routing)")
    parser.add_argument("--router-floor", type=float, default=0.0, help="router_first: also ask the LLM below this router confidence")
    parser.add_argument("--batch-size", type=int, default=1, help=">1: batched generation; latency is then per batch / size")
    parser.add_argument("--router-cache", type=Path, help="router rows (jsonl): read when present, else written")
    parser.add_argument("--sweep", action="store_true", help="print the policies' accuracy over confidence floors")
    parser.add_argument("--aggregate-only", action="store_true", help="no example conversations (required for the test split)")
    opts = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if opts.split == "test" and not opts.aggregate_only:
        raise SystemExit("the test split is held out: add --aggregate-only (aggregate lines, no items)")
    if opts.split == "test" and opts.sweep:
        raise SystemExit("the test split is held out: choose floors with --sweep on the train split or a dev set, not on test")
    from bench.bench_requests import load_request_set

    data = opts.data or default_data(opts.split)
    items, has_train = load_request_set(data, opts.split)
    items = items[:: max(1, opts.every)][: opts.limit or None]
    rows: list[dict] = []
    router: list[dict] = []
    judge = None
    if not opts.llm_only:
        if opts.router_cache and opts.router_cache.exists():
            from bench.bench_requests import Judge
            from core.settings import get_settings
            from tools.city import CityModel

            router = [json.loads(l) for l in opts.router_cache.read_text(encoding="utf-8").splitlines() if l.strip()]
            router = [r for r in router if r["id"] in {i["id"] for i in items}]
            judge = Judge(CityModel.load(get_settings().scenario, settings=get_settings()))
        else:
            router, judge = chat_router_rows(items, data, opts.split, has_train)
            if opts.router_cache:
                opts.router_cache.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in router), encoding="utf-8")
    if opts.predictions:
        rows = [json.loads(l) for l in Path(opts.predictions).read_text(encoding="utf-8").splitlines() if l.strip()]
        ids = {i["id"] for i in items}
        rows = [r for r in rows if r["id"] in ids and r["split"] == opts.split]
    else:
        from agent.lora.decode import LoraAssistantModel
        from agent.lora.runtime import resolve_adapter, resolve_base_dir

        base = opts.base or str(resolve_base_dir())
        adapter = opts.adapter or str(resolve_adapter())
        if opts.with_base:
            base_model = LoraAssistantModel(base, None)
            rows += llm_rows("base", base_model, items, batch_size=opts.batch_size)
            del base_model
        t = time.perf_counter()
        lora = LoraAssistantModel(base, adapter)
        print(f"LoRA model ({adapter}, prompt {lora.prompt_version}) loaded in {time.perf_counter() - t:.1f} s on {lora.device}")
        rows += llm_rows("lora", lora, items, batch_size=opts.batch_size)
        # the chat asks the model the message without its injected instructions: those texts too
        extra = [(i, r["asked_text"]) for i, r in zip(items, router) if r["asked_text"] and r["asked_text"] != i["text"]]
        if extra:
            rows += [dict(r, system="lora_asked") for r in llm_rows("lora", lora, [i for i, _ in extra], [t for _, t in extra],
                                                                     batch_size=opts.batch_size)]
        if opts.unconstrained:
            rows += llm_rows("lora_free", lora, items, constrained=False, batch_size=opts.batch_size)
    if opts.write:
        with open(opts.write, "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    if opts.llm_only:
        return
    asked = {r.get("text") or r["id"]: r for r in rows if r["system"] in ("lora", "lora_asked")}
    threshold = ACCEPT_CONFIDENCE if opts.threshold is None else opts.threshold
    measure = opts.measure or CONFIDENCE_MEASURE
    if opts.sweep:
        sweep(items, asked, router, judge)
    rows = [r for r in rows if r["system"] != "lora_asked"] + router
    rows += [row for name in POLICIES for row in shipped_rows(items, asked, router, Policy(name, threshold, measure, opts.router_floor))]
    score_rows(rows, items, judge)
    report(rows, items, data, opts.split, f"{measure} >= {threshold}" + (f", router_first also below router {opts.router_floor}"
                                                                        if opts.router_floor else ""),
           show_examples=not opts.aggregate_only)
    if not opts.aggregate_only:
        disagreements(rows, items)


def report(rows: list[dict], items: list[dict], data: Path, split: str, policy: str, show_examples: bool = True) -> None:
    from agent.lora.evaluate import summarise_scores

    systems = [s for s in ("base", "lora", "lora_free", "router", *POLICIES) if any(r["system"] == s for r in rows)]
    tables = {s: summarise_scores([r for r in rows if r["system"] == s]) for s in systems}
    keys = list(tables[systems[0]])
    print(f"\n## {Path(data).name}, {split} split ({len(items)} items; load {os.getloadavg()[0]:.1f}): "
          f"valid / tool + key arguments correct (bench_requests' judge); policies at {policy}\n")
    print("| subset | n | " + " | ".join(systems) + " |")
    print("|---|---|" + "---|" * len(systems))
    for key in keys:
        cells = [f"{tables[s][key]['valid']:.2f} / {tables[s][key]['correct']:.3f}" if key in tables[s] else "-" for s in systems]
        print(f"| {key} | {tables[systems[0]][key]['n']} | " + " | ".join(cells) + " |")
    print("\nrefusal rate on refuse items: " + ", ".join(
        f"{s} {tables[s]['all']['refusal']:.2f}" for s in systems if tables[s]["all"]["refusal"] is not None))
    for s in systems:
        secs = [r["seconds"] for r in rows if r["system"] == s and r.get("seconds") is not None]
        if secs:
            print(f"latency {s}: p50 {statistics.median(secs):.2f} s, max {max(secs):.2f} s")
    for policy in POLICIES:
        decided = [r for r in rows if r["system"] == policy]
        if decided:
            llm_share = sum(r.get("decided_by") == "llm" for r in decided) / len(decided)
            print(f"{policy} ({POLICIES[policy]}): the LLM decided {llm_share:.0%} of turns, the router the rest")
    if show_examples:
        examples(rows, items)


def examples(rows: list[dict], items: list[dict], n: int = 10) -> None:
    by_id = {i["id"]: i for i in items}
    shipped = {r["id"]: r for r in rows if r["system"] == "lora_first"} or {r["id"]: r for r in rows if r["system"] == "lora"}
    picked: list[str] = []
    for category in sorted({i["category"] for i in items}):  # one per category, English and Chinese alternating
        lang = "zh" if len(picked) % 2 else "en"
        pool = [i for i in items if i["category"] == category and i["id"] in shipped]
        pick = next((i for i in pool if i["lang"] == lang), pool[0] if pool else None)
        if pick is not None:
            picked.append(pick["id"])
    print(f"\n## {n} example conversations\n")
    for item_id in picked[:n]:
        r = shipped[item_id]
        said = " | ".join(f"{c['tool']}{json.dumps(c['args'], ensure_ascii=False)}" for c in r.get("calls") or []) \
            or ("REFUSE" if r.get("refused") else (r.get("answer") or "NONE"))
        print(f"- [{by_id[item_id]['lang']}/{by_id[item_id]['category']}] operator: {by_id[item_id]['text']}")
        print(f"  assistant ({r.get('decided_by', r['system'])}): {said}  -> {'correct' if r['correct'] else 'WRONG'}")


if __name__ == "__main__":
    main()
