"""The learned intent model (agent.intent_model), its training data, and how the router lets it decide."""

from __future__ import annotations

import numpy as np
import pytest
import yaml

from agent.intent_model import IntentModel, IntentSet
from agent.intents import learned_intents, order_stated, route
from agent.normalise import spaced_scripts
from agent.router_model import IntentPrediction, item_intents, training_requests


def _no_vectors(texts):  # the character n-grams alone: small data, no sentence encoder to load
    return np.zeros((len(texts), 4), dtype=np.float32)


_DATA = [
    ("evacuate the block now", ["evacuation"]), ("get everyone out of the hall", ["evacuation"]),
    ("evacuate the school", ["evacuation"]), ("evacuate the square", ["evacuation"]),
    ("send an engine to the fire", ["dispatch"]), ("send two ambulances", ["dispatch"]),
    ("send a ladder", ["dispatch"]), ("send the rescue unit", ["dispatch"]),
    ("evacuate the mall and send an engine", ["evacuation", "dispatch"]),
    ("evacuate the tower and send two ambulances", ["evacuation", "dispatch"]),
    ("sitrep please", ["sitrep"]), ("give me the sitrep", ["sitrep"]), ("sitrep now", ["sitrep"]),
]


@pytest.fixture(scope="module")
def model():
    texts, labels = zip(*_DATA)
    return IntentModel(encode=_no_vectors).fit(list(texts), list(labels))


def test_fit_predict_one_intent_and_several(model):
    assert model.classes_ == ["dispatch", "evacuation", "sitrep"]
    assert model.predict(["sitrep pls"])[0].intents == ["sitrep"]
    both = model.predict(["evacuate the stadium and send an engine"])[0]
    assert set(both.intents) == {"evacuation", "dispatch"}
    assert model.predict_proba(["send an engine"]).shape == (1, 3)


def test_a_second_intent_only_above_the_threshold(model):
    row = model.predict(["send an engine to the block"])[0]
    assert row.intents[0] == max(row.scores, key=row.scores.get)  # the most probable one always
    assert all(row.scores[i] >= model.threshold for i in row.intents[1:])
    assert not any(i in row.intents for i, p in row.scores.items() if p < model.threshold and i != row.intents[0])


def test_bad_input_is_a_clear_error():
    with pytest.raises(ValueError, match="threshold"):
        IntentModel(threshold=1.5)
    with pytest.raises(ValueError, match="label sets"):
        IntentModel(encode=_no_vectors).fit(["a", "b"], [["sitrep"]])
    with pytest.raises(ValueError, match="two intents"):
        IntentModel(encode=_no_vectors).fit(["sitrep", "sitrep now"], [["sitrep"], ["sitrep"]])
    with pytest.raises(RuntimeError, match="fit"):
        IntentModel(encode=_no_vectors).predict(["x"])


def test_item_labels():
    assert item_intents({"category": "multi_intent", "calls": [{"tool": "plan_evacuation"}, {"tool": "plan_dispatch"},
                                                                {"tool": "plan_dispatch"}]}) == ["evacuation", "dispatch"]
    assert item_intents({"category": "help", "calls": []}) == ["help"]
    assert item_intents({"category": "injection_only", "calls": []}) is None  # the injection screen's, not the router's


def test_training_sets_never_give_a_test_item_and_train_only_keeps_the_train_split(tmp_path):
    items = [{"id": "a", "split": "train", "category": "situation", "text": "TRAIN ITEM", "calls": [{"tool": "sitrep"}]},
             {"id": "b", "split": "dev", "category": "situation", "text": "DEV ITEM", "calls": [{"tool": "sitrep"}]},
             {"id": "c", "split": "test", "category": "situation", "text": "TEST ITEM", "calls": [{"tool": "sitrep"}]}]
    path = tmp_path / "set.yaml"
    path.write_text(yaml.safe_dump(items), encoding="utf-8")
    texts, labels = training_requests(str(path))
    assert "TRAIN ITEM" in texts and "DEV ITEM" in texts and "TEST ITEM" not in texts
    texts, _ = training_requests(f"{path}:train")
    assert "TRAIN ITEM" in texts and "DEV ITEM" not in texts
    with pytest.raises(ValueError, match=":train"):
        training_requests(f"{path}:test")
    with pytest.raises(FileNotFoundError):
        training_requests(str(tmp_path / "missing.yaml"))


def _predicted(intent: str, p: float) -> IntentPrediction:
    return IntentPrediction("help", 0.3, {"help": 0.3}, IntentSet([intent], {intent: p}))


class _Router:  # the learned model's answer, fixed; the cue rules are the real ones
    take = 0.7

    def __init__(self, prediction: IntentPrediction):
        self.prediction = prediction

    def predict_one(self, text: str) -> IntentPrediction:
        return self.prediction


def test_an_order_needs_its_words():
    units = ["ERO-E1"]
    assert order_stated("dispatch", "it would be good if a ladder were sent to Bulevardi 10", units)
    assert not order_stated("dispatch", "smoke from the attic at Bulevardi 10", units)
    assert order_stated("evacuation", "clear everyone within 150 metres", units)
    assert not order_stated("evacuation", "transformer oil fire behind Vuorikatu 20", units)
    assert order_stated("unit_status_change", "ERO-E1 is out of service", units)
    assert not order_stated("unit_status_change", "ERO-E1 please", units)
    assert order_stated("sitrep", "anything", units)  # not an order: nothing to state


def test_the_learned_intent_when_sure_and_stated():
    router = _Router(None)
    assert learned_intents("an engine and a ladder to Bulevardi 10 would help", _predicted("dispatch", 0.95), router, []) == ["dispatch"]
    assert learned_intents("an engine and a ladder to Bulevardi 10 would help", _predicted("dispatch", 0.6), router, []) == []
    assert learned_intents("smoke at Bulevardi 10", _predicted("evacuation", 0.99), router, []) == []  # never ordered unsaid
    assert learned_intents("what is going on overall", _predicted("sitrep", 0.9), router, []) == ["sitrep"]


def test_route_the_learned_model_decides_only_where_no_cue_fires(city):
    text = "It would be good if an engine and a ladder were at Bulevardi 10, smoke showing from the attic"
    assert route(text, _Router(_predicted("dispatch", 0.95)), city)[0] == ["dispatch"]
    assert "evacuation" not in route("smoke showing from the attic at Bulevardi 10", _Router(_predicted("evacuation", 0.99)), city)[0]
    # a cue fired ("sitrep"): the rules decide, whatever the model says
    assert route("sitrep please", _Router(_predicted("unit_board", 0.99)), city)[0] == ["sitrep"]


def test_router_script_normalised():
    assert spaced_scripts("請疏散周圍一百米") == "请疏散周围一百米"  # traditional characters read as simplified
    assert spaced_scripts("語音：請 疏 散 Kamppi 周 圍 一 百 米") == "语音：请疏散 Kamppi 周围一百米"  # dictated, spelled out
    assert spaced_scripts("游行走到 Aleksanterinkatu 的时候 有人砸橱窗") == "游行走到 Aleksanterinkatu 的时候 有人砸橱窗"


def test_an_evacuation_already_under_way_is_no_order_for_the_learned_model():
    assert not order_stated("evacuation", "tenants evacuating themselves, smoke in the bin store", [])
    assert not order_stated("evacuation", "住户已疏散到街上", [])
    assert order_stated("evacuation", "请疏散周围一百米", [])
