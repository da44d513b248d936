"""Plan suite and latency on the default scenario (bench/data/plan_reports.yaml).

For every report: build the full response plan (real triage model, knowledge base,
planners and, unless --no-llm, the embedded LLM's summary), then check automatically:
  * every required section present (non-empty);
  * invented names: unit ids, streets and facilities in the rendered plan that are not in
    the scenario (grounding check over the whole Markdown, LLM summary included);
  * triage type / priority and location against the expected labels.
Latency: full plan p50/p95, and time to the first streamed LLM token in chat.

    python bench/bench_plans.py [--no-llm]
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


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-llm", action="store_true")
    opts = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from agent.assistant import Assistant
    from core.settings import Settings
    from agent.render import missing_sections, to_markdown

    settings = Settings(llm_backend="none" if opts.no_llm else "local", data_dir=ROOT / "var")
    t0 = time.perf_counter()
    assistant = Assistant.from_settings(settings)
    assistant.backend.ping()  # load the LLM before timing
    print(f"assistant ready in {time.perf_counter() - t0:.1f} s; backend {assistant.backend.kind}; load avg {os.getloadavg()[0]:.1f}")
    reports = yaml.safe_load((ROOT / "bench" / "data" / "plan_reports.yaml").read_text(encoding="utf-8"))

    complete = invented = type_ok = prio_ok = place_ok = 0
    times: list[float] = []
    invented_names: list[str] = []
    for report in reports:
        t = time.perf_counter()
        plan = assistant.plan(report["text"])
        times.append(time.perf_counter() - t)
        complete += not missing_sections(plan)
        check = assistant.check_names(to_markdown(plan).split("_Report text:_")[0])
        invented += len(check.unknown)
        invented_names += check.unknown
        type_ok += plan.triage.incident_type == report["expect_type"]
        prio_ok += plan.triage.priority == report["expect_priority"]
        expected_place = report.get("expect_place")
        if expected_place is None:
            place_ok += plan.location is None
        else:
            place_ok += bool(plan.location) and (expected_place.lower() in plan.location.lower() or plan.location.lower() in expected_place.lower()
                                                 or plan.location.lower() in report["text"].lower())
    n = len(reports)
    print(f"plan suite: {n} reports")
    print(f"  plans with every required section: {complete}/{n}")
    print(f"  invented facilities/units/streets in rendered plans: {invented} {sorted(set(invented_names))}")
    print(f"  triage type {type_ok}/{n}, priority {prio_ok}/{n}, location {place_ok}/{n}")
    print(f"  full plan latency: p50 {statistics.median(times):.2f} s, p95 {pct(times, 0.95):.2f} s")

    if assistant.backend.chat_model is not None:
        firsts, totals = [], []
        incident = assistant.open_incident("bench", "bench").incident_id
        for question in ["evacuate Kamppi, where do people go?", "which units can reach Senaatintori fastest?",
                         "what does the flood annex say about sandbags?", "list the shelters",
                         "Kluuvi 需要疏散，去哪里？", "what do we send to a structure fire on Aleksanterinkatu?"]:
            t = time.perf_counter()
            first = None
            for event in assistant.chat(question, incident):
                if event.kind == "token" and first is None:
                    first = time.perf_counter() - t
            totals.append(time.perf_counter() - t)
            if first is not None:
                firsts.append(first)
        if firsts:
            print(f"  chat: first streamed token p50 {statistics.median(firsts):.2f} s, p95 {pct(firsts, 0.95):.2f} s; "
                  f"full answer p50 {statistics.median(totals):.2f} s, p95 {pct(totals, 0.95):.2f} s")
        # first token of a bare stream, to separate model speed from tool time
        bare = []
        for _ in range(5):
            t = time.perf_counter()
            next(iter(assistant.backend.chat_model.stream("Summarise: evacuate Kamppi to Oodi.", max_tokens=8)))
            bare.append(time.perf_counter() - t)
        print(f"  LLM alone: first token p50 {statistics.median(bare):.2f} s")


if __name__ == "__main__":
    main()
