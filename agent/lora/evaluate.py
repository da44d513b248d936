"""Score tool-call answers against the operator request set v2 (its header's conventions).

Per item:
  * valid      - the system produced an answer in the format (calls / NONE / REFUSE);
  * correct    - the tool sequence equals the gold one and every gold key argument matches
                 (place and station loosely: case, punctuation, surrounding words; topic by
                 sharing a content word; unit types as a set; the rest exactly); for a gold
                 ``calls: []`` item: no call made (and, when ``refuse: true``, a refusal);
  * refusal_ok - for ``refuse: true`` items: the answer is REFUSE.
An argument the gold item does not give is not judged; an extra argument is not penalised.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from agent.lora.schema import ToolAnswer

_STOP = set("the a an of to in on at for and or is what does say about do we how when which who plan plans sop "
            "procedure annex according check remind me please".split())


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", " ", str(text).lower()).strip()


def place_matches(pred: Any, gold: Any) -> bool:
    p, g = _norm(pred), _norm(gold)
    if not p or not g:
        return False
    p2, g2 = re.sub(r"^the ", "", p), re.sub(r"^the ", "", g)
    return p2 == g2 or (len(p2) >= 3 and p2 in g2) or (len(g2) >= 3 and g2 in p2)


def topic_matches(pred: Any, gold: Any) -> bool:
    words = lambda t: {w for w in _norm(t).split() if w not in _STOP and len(w) > 2}  # noqa: E731
    return bool(words(pred) & words(gold))


def arg_matches(key: str, pred: Any, gold: Any) -> bool:
    if pred is None:
        return False
    if key in ("place", "station"):
        return place_matches(pred, gold)
    if key == "topic":
        return topic_matches(pred, gold)
    if key in ("unit_types",):
        return set(pred if isinstance(pred, list) else [pred]) == set(gold)
    if key == "radius_m":
        try:
            return int(float(pred)) == int(gold)
        except (TypeError, ValueError):
            return False
    return str(pred).upper() == str(gold).upper() if key in ("unit_id", "priority") else pred == gold


@dataclass
class ItemScore:
    valid: bool
    correct: bool
    tools_ok: bool
    refusal_ok: bool | None


def score_item(answer: ToolAnswer | None, item: dict[str, Any]) -> ItemScore:
    gold_calls = item.get("calls") or []
    refuse = bool(item.get("refuse"))
    if answer is None:
        return ItemScore(False, False, False, False if refuse else None)
    pred_calls = [] if answer.refuse else answer.calls
    tools_ok = [c["tool"] for c in pred_calls] == [c["tool"] for c in gold_calls]
    args_ok = tools_ok and all(
        arg_matches(key, p["args"].get(key), value)
        for p, g in zip(pred_calls, gold_calls) for key, value in (g.get("args") or {}).items())
    correct = args_ok and (not refuse or answer.refuse)
    return ItemScore(True, correct, tools_ok, answer.refuse if refuse else None)


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
