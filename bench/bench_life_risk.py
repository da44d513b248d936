"""A life at risk with no hazard word (agent/life_risk.py): P1 recall on real cases, over-triage on near-misses.

Reads a frozen set (default ``tests/agent/data/life_risk_s16.yaml``: items with ``expect`` true for a life at
immediate risk, false for a near-miss) and prints, per language: how often the rule (``life_at_risk``) fires, and
the priority the report gets on the real path (the current triage model checked against the words,
``agent.hazards.reconciled_triage``, as ``Assistant.report_triage`` does): P1 recall on the real cases, P1 rate
(over-triage) on the near-misses, and the model's own P1 rate beside it.

    python bench/bench_life_risk.py [--data FILE] [--no-model] [--show]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _rate(hits: int, total: int) -> str:
    return f"{hits}/{total} ({hits / total:.2f})" if total else "0/0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "tests" / "agent" / "data" / "life_risk_s16.yaml")
    parser.add_argument("--no-model", action="store_true", help="only the rule, no triage model")
    parser.add_argument("--show", action="store_true", help="print every item the rule gets wrong")
    args = parser.parse_args()

    from agent.hazards import reconciled_triage
    from agent.life_risk import life_at_risk

    items = yaml.safe_load(args.data.read_text(encoding="utf-8"))["items"]
    texts = [item["text"] for item in items]
    fired = [life_at_risk(t) is not None for t in texts]
    model = final = None
    if not args.no_model:
        from finetune import load_current_classifier

        classifier = load_current_classifier()
        model = [r.priority for r in classifier.predict(texts)]
        final = [reconciled_triage(r, t).priority for r, t in zip(classifier.predict(texts), texts)]
    for lang in ("en", "zh", None):
        idx = [i for i, item in enumerate(items) if lang is None or item["lang"] == lang]
        real = [i for i in idx if items[i]["expect"]]
        near = [i for i in idx if not items[i]["expect"]]
        line = (f"{lang or 'all'}: rule fires on real {_rate(sum(fired[i] for i in real), len(real))}, "
                f"on near-misses {_rate(sum(fired[i] for i in near), len(near))}")
        if final is not None:
            line += (f"; path P1 recall {_rate(sum(final[i] == 'P1' for i in real), len(real))}, "
                     f"near-miss P1 {_rate(sum(final[i] == 'P1' for i in near), len(near))} "
                     f"(model alone: real {_rate(sum(model[i] == 'P1' for i in real), len(real))}, "
                     f"near {_rate(sum(model[i] == 'P1' for i in near), len(near))})")
        print(line)
    if args.show:
        for item, hit in zip(items, fired):
            if hit != item["expect"]:
                print(f"  wrong {item['id']} ({item['kind']}): rule {'fires' if hit else 'silent'}: {item['text']}")


if __name__ == "__main__":
    main()
