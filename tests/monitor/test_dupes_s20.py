"""Session 20 (issue 14, grouping duplicate reports into incidents): refitting the ``city`` profile's pair scorer gives
the same weights whatever the order of the sets and of the reports that share a time stamp (a set's file may be
re-sorted, a caller and a sensor log the same second): the fit feeds each set to the online grouper in a canonical
order, (time, report id), and takes the sets by name.  Two refits are byte-identical."""

from __future__ import annotations

import json
import random

from agent.monitor.grouping import Item, PlaceFix
from agent.monitor.pairfit import LabelledItem, fit_sets

T0 = 1_795_000_000.0
PLACES = {"I1": PlaceFix("Kaisaniemi", 60.1748, 24.9455, 60), "I2": PlaceFix("Kamppi", 60.1690, 24.9320, 60),
          "I3": PlaceFix("Fabianinkatu 20", 60.16962, 24.94904, 40)}
WORDS = {"I1": ["fire in a flat, smoke from the windows", "flat on fire, people on the balcony", "公寓着火了，浓烟很大"],
         "I2": ["man collapsed by the bus station", "someone fainted at the bus terminal", "车站有人晕倒了"],
         "I3": ["gas smell in the stairwell", "strong gas leak smell, residents out", "楼道里有很浓的煤气味"]}
TYPES = {"I1": "fire", "I2": "medical", "I3": "hazmat"}


def _set(tag: str, shift: float) -> list[LabelledItem]:
    """Three incidents reported in turns; every second report shares its time stamp with the one before."""
    out = []
    for k in range(18):
        inc = f"I{k % 3 + 1}"
        text = f"{WORDS[inc][k % len(WORDS[inc])]} ({tag} caller {k})"
        t = T0 + shift + 60 * (k // 2)  # pairs of reports logged at the same second
        probs = {TYPES[inc]: 0.8, "not_incident": 0.1, "medical" if inc != "I2" else "fire": 0.1}
        out.append(LabelledItem(Item(f"{tag}{k:02d}", t, text, TYPES[inc], 2, None, PLACES[inc],
                                     type_confidence=0.8, type_probs=probs), f"{tag}-{inc}"))
    chatter = Item(f"{tag}99", T0 + shift + 30, "lovely sunny day in the city", "not_incident", 4, None, None,
                   type_confidence=0.9, type_probs={"not_incident": 0.9, "fire": 0.1}, join_only=True)
    return out + [LabelledItem(chatter, None)]


def _shuffled(items: list[LabelledItem], seed: int) -> list[LabelledItem]:
    """The same reports in another file order, time order kept only loosely: ties come in any order."""
    out = list(items)
    random.Random(seed).shuffle(out)
    return sorted(out, key=lambda li: li.item.time)  # stable: ties keep the shuffled order


def test_two_refits_give_identical_weights_whatever_the_order_of_sets_and_tied_reports():
    a, b = _set("a", 0), _set("b", 7200)
    first = fit_sets({"dev_a": a, "dev_b": b}, passes=1).to_json()
    again = fit_sets({"dev_a": a, "dev_b": b}, passes=1).to_json()
    assert json.dumps(first) == json.dumps(again)
    for seed in (1, 2):
        other = fit_sets({"dev_b": _shuffled(b, seed), "dev_a": _shuffled(a, seed + 10)}, passes=1).to_json()
        assert json.dumps(other["coef"]) == json.dumps(first["coef"]), seed
        assert other["intercept"] == first["intercept"] and other["mean"] == first["mean"]
        assert other["note"] == first["note"]
