"""A pasted log or a held key must not stall a chat turn: the rule layer of routing and the protective-cue reader
stay linear on 20,000-character adversarial inputs (the input limit).

Before the fix, _CLAUSE_SPLIT, _POLITE_ORDER, the dispatch cue and OCCUPANTS backtracked quadratically on runs of
spaces, newlines or hyphens (plan_calls took 10.8 s of CPU on 20,000 hyphens).  The bound is CPU time
(time.process_time) and generous, 3 s: the rules are linear but not cheap (about 40 cue patterns over a 20,000-char
clause), and on a loaded shared machine the fixed code measured 0.2-1.7 s (0.5 s typical).
The learned router's sentence encoder is stubbed out: its cost on long text is the model's, not the rules'.
"""
import time

import pytest

from agent.clauses import split_clauses
from agent.intents import plan_calls
from agent.router_model import IntentPrediction
from tools.protective.cues import extract_protective_cues

LIMIT = 20_000
CPU_BOUND_S = 3.0
ADVERSARIAL = [" ", "\n", "-", "1 ", "a ", "- ", "，", "火 警 ", "7", ". ", ", ", "1,", " | ", " plus ", "50 people and ", "#", "…", "①", "echo "]


class _FixedRouter:
    """An unsure classifier, so every clause goes through the cue rules."""

    def predict_one(self, text: str) -> IntentPrediction:
        return IntentPrediction("incident_report", 0.3, {"incident_report": 0.3, "help": 0.2})


@pytest.mark.parametrize("unit", ADVERSARIAL)
@pytest.mark.parametrize("prefix", ["", "send an ambulance to Mannerheimintie 5 "])
def test_routing_and_cues_are_linear_on_adversarial_input(city, unit, prefix):
    text = (prefix + unit * LIMIT)[:LIMIT]
    start = time.process_time()
    plan_calls(text, _FixedRouter(), city)
    routed = time.process_time()
    extract_protective_cues(text)
    done = time.process_time()
    assert routed - start < CPU_BOUND_S, f"plan_calls took {routed - start:.2f} s of CPU on {unit!r} x {LIMIT}"
    assert done - routed < CPU_BOUND_S, f"extract_protective_cues took {done - routed:.2f} s of CPU on {unit!r} x {LIMIT}"


@pytest.mark.parametrize(("text", "clauses"), [
    # a table bar right after a line break is a seam of its own, not text of the next clause
    ("send an engine\n| list the shelters", ["send an engine", "list the shelters"]),
    ("send an engine.  \n  then list the shelters", ["send an engine.", "then list the shelters"]),
    ("evacuate the block plus ambulance two to Kamppi", ["evacuate the block plus ambulance two to Kamppi"]),
    ("evacuate the block - and list the shelters", ["evacuate the block", "list the shelters"]),
    ("把 KAM-P1 标记为出动，另外查一下 HAK-E1 现在什么状态", ["把 KAM-P1 标记为出动", "查一下 HAK-E1 现在什么状态"]),
])
def test_clause_seams_unchanged(text, clauses):
    assert split_clauses(text) == clauses
