"""A pasted log or a held key must not stall a chat turn: the rule layer of routing and the protective-cue reader
stay linear on 20,000-character adversarial inputs (the input limit).

Before the fix, _CLAUSE_SPLIT, _POLITE_ORDER, the dispatch cue and OCCUPANTS backtracked quadratically on runs of
spaces, newlines or hyphens (plan_calls took 10.8 s of CPU on 20,000 hyphens).  What is asserted
is the growth, not a speed (speed targets live in the benchmarks): CPU time (time.process_time) on the full 20,000
characters against a quarter of them.  Linear rules grow about 4x, quadratic backtracking 16x; the bound is 8x the
quarter's time, or 8 x 0.25 s when the quarter is too quick to time.  An absolute bound of 3 s failed on a slower
machine (session 13: 4.4 s on '1 ' x 20,000 with the session-12 code, whose quarter took about 1 s: linear).
The learned router's sentence encoder is stubbed out: its cost on long text is the model's, not the rules'.
"""
import time

import pytest

from agent.clauses import split_clauses
from agent.intents import plan_calls
from agent.router_model import IntentPrediction
from tools.protective.cues import extract_protective_cues

LIMIT = 20_000
GROWTH = 8.0
FLOOR_S = 0.25
ADVERSARIAL = [" ", "\n", "-", "1 ", "a ", "- ", "，", "火 警 ", "7", ". ", ", ", "1,", " | ", " plus ", "50 people and ", "#", "…", "①", "echo "]


class _FixedRouter:
    """An unsure classifier, so every clause goes through the cue rules."""

    def predict_one(self, text: str) -> IntentPrediction:
        return IntentPrediction("incident_report", 0.3, {"incident_report": 0.3, "help": 0.2})

    def predict(self, texts: list[str]) -> list[IntentPrediction]:  # the router's batch call (clause orders, s21)
        return [self.predict_one(text) for text in texts]


def _cpu_s(read, text: str) -> float:
    start = time.process_time()
    read(text)
    return time.process_time() - start


@pytest.mark.parametrize("unit", ADVERSARIAL)
@pytest.mark.parametrize("prefix", ["", "send an ambulance to Mannerheimintie 5 "])
def test_routing_and_cues_are_linear_on_adversarial_input(city, unit, prefix):
    text = (prefix + unit * LIMIT)[:LIMIT]
    readers = {"plan_calls": lambda t: plan_calls(t, _FixedRouter(), city), "extract_protective_cues": extract_protective_cues}
    for name, read in readers.items():
        read(prefix or unit)  # compiled patterns and caches, so the quarter's time is the rules' own
        quarter = _cpu_s(read, text[: LIMIT // 4])
        full = _cpu_s(read, text)
        assert full < GROWTH * max(quarter, FLOOR_S), (
            f"{name} took {full:.2f} s of CPU on {unit!r} x {LIMIT} against {quarter:.2f} s on a quarter of it: not linear")


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
