"""Unit needs (bench/data/unit_needs.yaml): does the first response cover what the incident needs?

For every report (its labelled incident type and priority are given, so this measures the
unit mix alone): the unit counts the response table asks for, against the labelled minimal
needs. Printed before (the type-only table, tools.dispatch.REQUIREMENTS) and after (type x
priority x determinants, tools/response_table.py), overall and per language:
  * items covered: every needed type sent at least the needed count (target >= 90%);
  * needed (item, type) pairs covered;
  * units sent / units needed (target <= 1.5), and items sending more than 1.5x.

    python bench/bench_unit_needs.py [--show-misses]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def score(items: list[dict], decide) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for item in items:
        sent = decide(item)
        needs = item["needs"] or {}
        for group in ("ALL", item["lang"]):
            g = out[group]
            g["items"] += 1
            g["covered"] += all(sent.get(t, 0) >= n for t, n in needs.items())
            g["pairs"] += len(needs)
            g["pairs_ok"] += sum(sent.get(t, 0) >= n for t, n in needs.items())
            g["needed"] += sum(needs.values())
            g["sent"] += sum(sent.values())
            g["over"] += sum(sent.values()) > 1.5 * max(1, sum(needs.values()))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--data", default=str(ROOT / "bench" / "data" / "unit_needs.yaml"))
    opts = parser.parse_args()
    from tools.determinants import extract
    from tools.dispatch import REQUIREMENTS
    from tools.response_table import unit_needs

    items = yaml.safe_load(Path(opts.data).read_text(encoding="utf-8"))
    times: list[float] = []

    def before(item: dict) -> dict[str, int]:
        return dict(REQUIREMENTS.get(item["type"], {}))

    def after(item: dict) -> dict[str, int]:
        t = time.perf_counter()
        dets = extract(item["text"])
        got = unit_needs(item["type"], item["priority"], dets).counts  # as tools.dispatch calls it
        times.append((time.perf_counter() - t) * 1000)
        return got

    for name, decide in (("before (type-only table)", before), ("after (type x priority x determinants)", after)):
        print(name)
        for group, g in sorted(score(items, decide).items(), key=lambda kv: kv[0] != "ALL"):
            n = int(g["items"])
            print(f"  {group:4s} items covered {int(g['covered'])}/{n} ({100 * g['covered'] / n:.1f}%), "
                  f"needed types covered {int(g['pairs_ok'])}/{int(g['pairs'])} ({100 * g['pairs_ok'] / max(1, g['pairs']):.1f}%), "
                  f"sent/needed {g['sent'] / max(1, g['needed']):.2f}, items over 1.5x {int(g['over'])}")
    times.sort()
    print(f"  determinants + table: p50 {statistics.median(times):.2f} ms, p95 {times[int(0.95 * (len(times) - 1))]:.2f} ms per report")
    if opts.show_misses:
        for item in items:
            sent = after(item)
            needs = item["needs"] or {}
            if not all(sent.get(t, 0) >= n for t, n in needs.items()) or sum(sent.values()) > 1.5 * max(1, sum(needs.values())):
                print(f"  {item['id']} {item['type']} {item['priority']} need {needs} sent {sent}: {item['text'][:110]}")


if __name__ == "__main__":
    main()
