"""Assemble ``train_v2.jsonl`` (``v2/*.txt``) or ``train_v3.jsonl`` (``v3/*.txt``) from hand-written batches.

Each batch line is ``type|priority|secondary|style|text`` (secondary may be empty); every report was
written one at a time by hand, no templates or slot filling (see ``TRAIN_V2.md``). This script only
validates the labels against the taxonomy, detects the language and writes JSONL in the schema of
``train.jsonl``. Lines starting with ``#`` are comments.

    python -m finetune.data.build_v2            # v2/*.txt -> train_v2.jsonl
    python -m finetune.data.build_v2 --set v3   # v3/*.txt -> train_v3.jsonl

A report already in another hand-written file (``train_v*.jsonl``) is refused, so sets never overlap.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from core.text import detect_language
from core.vocabulary import INCIDENT_TYPES, NOT_INCIDENT, PRIORITIES

HERE = Path(__file__).parent
OUT = HERE / "train_v2.jsonl"


def other_sets(out: Path) -> set[str]:
    """Texts of the other hand-written training files, so a new set never repeats one of their reports."""
    return {json.loads(line)["text"] for path in sorted(HERE.glob("train_v*.jsonl")) if path != out
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def read_batches(folder: Path = HERE / "v2", elsewhere: set[str] = frozenset()) -> list[dict]:
    rows, seen = [], set()
    for path in sorted(folder.glob("*.txt")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("|", 4)
            if len(parts) != 5:
                raise ValueError(f"{path.name}:{n}: expected type|priority|secondary|style|text")
            typ, prio, sec, style, text = (p.strip() for p in parts)
            if typ not in INCIDENT_TYPES or prio not in PRIORITIES or (sec and sec not in INCIDENT_TYPES):
                raise ValueError(f"{path.name}:{n}: unknown label in {line[:60]!r}")
            if typ == NOT_INCIDENT and prio != "P4":
                raise ValueError(f"{path.name}:{n}: not_incident must be P4")
            if text in seen or text in elsewhere:
                raise ValueError(f"{path.name}:{n}: duplicate report {text[:60]!r}")
            seen.add(text)
            rows.append({"text": text, "incident_type": typ, "priority": prio, "secondary_type": sec,
                         "language": detect_language(text), "style": style})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description="assemble a hand-written training file from its batches")
    parser.add_argument("--set", default="v2", help="batch folder under finetune/data (v2, v3); writes train_<set>.jsonl")
    args = parser.parse_args()
    out = OUT if args.set == "v2" else HERE / f"train_{args.set}.jsonl"
    rows = read_batches(HERE / args.set, other_sets(out))
    with out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    langs = Counter(r["language"] for r in rows)
    print(f"wrote {len(rows)} rows to {out}: {dict(langs)}")
    print("priorities", dict(sorted(Counter(r["priority"] for r in rows).items())))
    print("types", dict(Counter(r["incident_type"] for r in rows).most_common()))
    print("styles", dict(Counter(r["style"] for r in rows).most_common()))


if __name__ == "__main__":
    main()
