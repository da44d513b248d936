"""The shipped policy's checks on a LoRA answer: its confidence floor and its grounding in the request
(agent.lora.bridge.decision_for applies them; bench/bench_llm_tools.py replays them on stored answers).

The router's side is measured by running the chat itself (bench/bench_llm_tools.py); an earlier replay of the
router here (RouterV2) had drifted from the chat (no refusals, no situation tools, unit types dropped) and scored
the router 0.47 on the train split where the chat scores 0.97.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from agent.lora.schema import ToolAnswer

# The floor on CONFIDENCE_MEASURE, chosen on DEV data (bench/bench_llm_tools.py --sweep, session 10): with the smallest
# free-choice probability, "LoRA first" rises with the floor and is never below the router from 0.9 up (dev v10: 0.704
# at 0.5, 0.810 at 0.9, 0.815 at 0.95-0.99 against the router's 0.810); over every token (the earlier gate, 0.5) it
# was 0.583 at 0.5 and 0.630 at 0.9, because forced tokens (p=1) lift a shaky call over any floor.
ACCEPT_CONFIDENCE = 0.95

# Which confidence the floor is compared with (agent.lora.decode.ToolProposal): "all" - geometric mean over every token,
# forced ones included (p=1 by construction, so a shaky call reads as sure); "free_mean" / "free_min" - the geometric
# mean / the smallest probability over the steps where the grammar left a choice of text (agent.lora.confidence).
CONFIDENCE_MEASURES = ("all", "free_mean", "free_min")
CONFIDENCE_MEASURE = "free_min"


def gate_confidence(proposal: Any, measure: str = CONFIDENCE_MEASURE) -> float:
    """The proposal's confidence by ``measure`` (one of CONFIDENCE_MEASURES)."""
    if measure == "all":
        return float(proposal.confidence)
    if measure == "free_mean":
        return float(proposal.choice.mean)
    if measure == "free_min":
        return float(proposal.choice.min)
    raise ValueError(f"unknown confidence measure {measure!r} (known: {', '.join(CONFIDENCE_MEASURES)})")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).lower()
    return re.sub(r"[\W_]+", "", text)


def grounded_in_request(answer: ToolAnswer, request: str) -> bool:
    """Every place, station and unit id the model wrote must be in the request itself (copied, not invented)."""
    folded = _fold(request)
    for call in answer.calls:
        for key in ("place", "station", "unit_id"):
            value = call["args"].get(key)
            if value is None:
                continue
            value = re.sub(r"^the\s+", "", str(value), flags=re.IGNORECASE)
            if _fold(value) not in folded:
                return False
    return True
