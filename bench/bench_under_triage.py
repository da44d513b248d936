"""How much under-triage the plan's safety net catches, on the hand-written test set.

The pipeline raises "possible immediate threat to life" as the first open question of any
non-P1 plan whose P(P1) reaches half the model's P1 threshold or whose text has life-threat words.
This prints, for the current triage model: P1 recall of the model alone, P1 recall when a
flag counts as caught, and how often the flag fires on reports that are not P1.

    python bench/bench_under_triage.py
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "finetune" / "data" / "test_handwritten.jsonl",
                        help="JSON lines with text and priority (default: the HELD-OUT hand-written test set: "
                             "read it only for a frozen, aggregate figure)")
    args = parser.parse_args()  # --help answers without reading any data (a helper's --help once read the held-out set)
    from agent.response_plan import ResponsePlanner, life_threat_cues
    from finetune import load_current_classifier

    classifier = load_current_classifier()
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines()]
    results = classifier.predict([row["text"] for row in rows])
    threshold = ResponsePlanner(classifier, None, None).possible_p1_threshold()

    def flagged(row: dict, result) -> bool:
        return result.priority_probs.get("P1", 0.0) >= threshold or bool(life_threat_cues(row["text"]))

    p1 = [(r, t) for r, t in zip(rows, results) if r["priority"] == "P1"]
    under = [(r, t) for r, t in p1 if t.priority != "P1"]
    caught = [pair for pair in under if flagged(*pair)]
    calm = [(r, t) for r, t in zip(rows, results) if r["priority"] != "P1" and t.priority != "P1"]
    false_flags = [pair for pair in calm if flagged(*pair)]
    print(f"flag threshold P(P1) >= {threshold:.3f} or life-threat words")
    print(f"model {classifier.version}; P1 reports {len(p1)}; under-triaged {len(under)}; flagged among those {len(caught)}")
    print(f"P1 recall: model {1 - len(under) / len(p1):.3f}; model + flag {1 - (len(under) - len(caught)) / len(p1):.3f}")
    print(f"flag on non-P1 reports: {len(false_flags)}/{len(calm)} ({len(false_flags) / max(1, len(calm)):.0%})")


if __name__ == "__main__":
    main()
