"""Finnish, Swedish and mixed life-risk reports on the real triage path (issue 10, session 22): type and priority.

Reads a labelled dev set (default ``bench/data/life_risk_nordic_dev22.yaml``: items with the acceptable ``type`` and
``priority`` lists and a ``family``) and triages each report the way ``Assistant.report_triage`` does (the current
triage model checked against the report's words: ``agent.report_filing.triage_of_what_is_told`` or
``agent.hazards.reconciled_triage``). Prints per family how many get an acceptable type, an acceptable priority and
both, how many are read as not_incident, and P1 recall on the items labelled P1 only.

    python bench/bench_life_risk_nordic.py [--data FILE] [--show]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "bench" / "data" / "life_risk_nordic_dev22.yaml")
    parser.add_argument("--show", action="store_true", help="print every item with a wrong type or priority")
    args = parser.parse_args()

    from agent.hazards import reconciled_triage
    from agent.report_filing import triage_of_what_is_told
    from finetune import load_current_classifier

    items = yaml.safe_load(args.data.read_text(encoding="utf-8"))["items"]
    classifier = load_current_classifier()

    def read(text: str):
        return classifier.predict([text])[0]

    outcomes = [triage_of_what_is_told(read, item["text"]) or reconciled_triage(read(item["text"]), item["text"])
                for item in items]
    per_family: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for item, out in zip(items, outcomes):
        row = per_family[item["family"]]
        type_ok, prio_ok = out.incident_type in item["type"], out.priority in item["priority"]
        row[0] += 1
        row[1] += type_ok
        row[2] += prio_ok
        row[3] += type_ok and prio_ok
        row[4] += out.incident_type == "not_incident"
        if args.show and not (type_ok and prio_ok):
            print(f"  wrong {item['id']} ({item['family']}): {out.incident_type}/{out.priority}, "
                  f"want {'|'.join(item['type'])}/{'|'.join(item['priority'])}: {item['text']}")
    total = [sum(col) for col in zip(*per_family.values())]
    for family, (n, t, p, both, ni) in [*sorted(per_family.items()), ("all", total)]:
        print(f"{family:22} n={n:2}  type {t}/{n}  priority {p}/{n}  both {both}/{n}  not_incident {ni}")
    p1 = [(item, out) for item, out in zip(items, outcomes) if item["priority"] == ["P1"]]
    print(f"P1 recall (items labelled P1 only): {sum(out.priority == 'P1' for _, out in p1)}/{len(p1)}")


if __name__ == "__main__":
    main()
