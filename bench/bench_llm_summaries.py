"""Plan summaries by the LoRA model on the plan benchmark (bench/data/plan_reports.yaml).

For each report: the deterministic plan (no LLM), its facts (as the assistant builds them),
then the LoRA summary with the name check.  Prints: sentences withheld by the grounding
check (agent/grounding.supported_sentences), names the scenario does not know
(GroundingChecker) and names not copied from the facts, in the raw model text and in what
is shown; summary latency p50.

    python bench/bench_llm_summaries.py [--limit N] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--data-dir", default=str(ROOT / "var"))
    parser.add_argument("--adapter", default="", help="LoRA adapter dir (default: the current or shipped one)")
    opts = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from agent.assistant import Assistant, _plan_facts
    from agent.grounding import supported_sentences
    from agent.lora.decode import LoraAssistantModel, unknown_names
    from agent.lora.runtime import resolve_adapter, resolve_base_dir
    from core.settings import Settings

    settings = Settings(llm_backend="none", llm_tool_model="off", data_dir=opts.data_dir)
    assistant = Assistant.from_settings(settings)
    model = LoraAssistantModel(resolve_base_dir(settings), opts.adapter or resolve_adapter(settings))
    reports = yaml.safe_load((ROOT / "bench" / "data" / "plan_reports.yaml").read_text(encoding="utf-8"))
    if opts.limit:
        reports = reports[:opts.limit]
    sentences = withheld = invented = not_copied_raw = not_copied_shown = empty = name_dropped = 0
    times, plan_times = [], []
    for report in reports:
        t = time.perf_counter()
        plan = assistant.plan(report["text"], narrative=False)
        facts = _plan_facts(plan)
        t1 = time.perf_counter()
        result = model.summarise(facts)
        times.append(time.perf_counter() - t1)
        plan_times.append(time.perf_counter() - t)
        shown, dropped = supported_sentences(result.text, facts)
        sentences += len([s for s in re.split(r"(?<=[.!?])\s+", result.text) if s.strip()]) + result.dropped_sentences
        withheld += dropped
        name_dropped += result.dropped_sentences
        invented += len(assistant._grounding.check(shown).unknown)
        not_copied_raw += len(unknown_names(result.raw, facts))
        not_copied_shown += len(unknown_names(shown, facts))
        empty += not shown
        print(f"- {report['text'][:70]!r}\n  summary: {shown}\n  raw: {result.raw}  ({times[-1]:.1f} s)", flush=True)
    n = len(reports)
    print(f"\n{n} plans: sentences written {sentences}, dropped by the name/number check {name_dropped}, withheld by "
          f"grounding {withheld} ({(withheld + name_dropped) / max(sentences, 1):.0%} not shown); names unknown to the scenario in shown text {invented}; "
          f"names not copied from the facts: raw {not_copied_raw}, shown {not_copied_shown}; empty summaries {empty}")
    print(f"summary latency p50 {statistics.median(times):.1f} s, max {max(times):.1f} s; "
          f"full plan with summary p50 {statistics.median(plan_times):.1f} s; load avg {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
