"""Grounding of sentences in the other language than their facts (agent.grounding.supported_sentences).

Reads bench/data/grounding_crosslang_dev21_s21-kb.yaml (a dev set written in session 21, not held out) and prints how
many true sentences are kept and how many false ones are withheld, and the time a sentence.

    .venv/bin/python bench/bench_grounding_crosslang.py [--module path/to/grounding.py]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT / "bench" / "data" / "grounding_crosslang_dev21_s21-kb.yaml"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--module", default=None, help="another agent/grounding.py to measure (an older version)")
    args = parser.parse_args()
    if args.module:
        spec = importlib.util.spec_from_file_location("grounding_under_test", args.module)
        grounding = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = grounding  # dataclasses look their module up
        spec.loader.exec_module(grounding)
    else:
        import agent.grounding as grounding
    cases = yaml.safe_load(DATA.read_text(encoding="utf-8"))["cases"]
    grounding.supported_sentences("ERO-E1预计5分钟到达。", "ERO-E1 ETA 5 min.")  # the encoder's load is no sentence's cost
    kept_true = total_true = withheld_false = total_false = 0
    started, sentences = time.perf_counter(), 0
    for case in cases:
        for truth, key in ((True, "holds"), (False, "wrong")):
            for sentence in case.get(key, []):
                kept, _ = grounding.supported_sentences(sentence, case["facts"])
                sentences += 1
                if truth:
                    total_true += 1
                    kept_true += bool(kept)
                else:
                    total_false += 1
                    withheld_false += not kept
                if bool(kept) != truth:
                    print(f"  {'lost' if truth else 'let through'}: {sentence}")
    took = time.perf_counter() - started
    print(f"true kept {kept_true}/{total_true}; false withheld {withheld_false}/{total_false}; "
          f"{1000 * took / sentences:.1f} ms a sentence")


if __name__ == "__main__":
    main()
