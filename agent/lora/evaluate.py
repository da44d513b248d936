"""Summarise scored tool-call answers (overall, per language, per category).

Each item is judged by ``bench/bench_requests.py``'s judge (the one the router is scored with), so the LoRA model, the
router and the shipped policy are scored alike; this module only aggregates the rows.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any


def summarise_scores(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """rows: {lang, category, valid, correct, tools_ok, refusal_ok} -> overall / per lang / per category rates."""
    def rates(subset):
        n = len(subset)
        refusals = [r["refusal_ok"] for r in subset if r["refusal_ok"] is not None]
        return {"n": n, "valid": sum(r["valid"] for r in subset) / max(n, 1),
                "tools": sum(r["tools_ok"] for r in subset) / max(n, 1),
                "correct": sum(r["correct"] for r in subset) / max(n, 1),
                "refusal": (sum(refusals) / len(refusals)) if refusals else None}

    out: dict[str, Any] = {"all": rates(rows)}
    groups: dict[str, list] = defaultdict(list)
    for r in rows:
        groups["lang:" + r["lang"]].append(r)
        groups["cat:" + r["category"]].append(r)
    out.update({k: rates(v) for k, v in sorted(groups.items())})
    return out
