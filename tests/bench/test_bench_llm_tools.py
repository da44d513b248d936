"""bench/bench_llm_tools.py's policy replays: who decides each turn under each LoRA + router policy."""

from __future__ import annotations

from bench.bench_llm_tools import Policy, shipped_rows

CALL = '{"tool": "list_shelters", "args": {"place": "Kamppi"}}'
ROUTER_CALLS = [{"tool": "list_shelters", "args": {"place": "Kamppi"}}]


def _item(i):
    return {"id": f"D{i}", "split": "dev", "lang": "en", "category": "shelter", "text": "shelters near kamppi?"}


def _router(calls, conf=0.9, refused=False):
    return {"calls": calls, "refused": refused, "asked_text": "shelters near kamppi?", "available": ["list_shelters"],
            "router_conf": conf, "intent": "shelter", "seconds": 0.1}


def _lora(answer, confidence, free):
    return {"shelters near kamppi?": {"answer": answer, "raw": answer, "confidence": confidence, "min_prob": free,
                                      "seconds": 2.0, "free": [free, free, 3], "calls_free": []}}


def test_the_free_choice_floor_refuses_a_shaky_call_the_every_token_mean_takes():
    lora = _lora(CALL, 0.95, 0.4)  # sure over every token, unsure over its choices
    took = shipped_rows([_item(1)], lora, [_router([])], Policy("lora_first", 0.8, "all"))[0]
    kept = shipped_rows([_item(1)], lora, [_router([])], Policy("lora_first", 0.8, "free_min"))[0]
    assert took["decided_by"] == "llm" and took["calls"][0]["tool"] == "list_shelters"
    assert kept["decided_by"] == "router" and kept["calls"] == []


def test_router_first_asks_the_llm_only_where_the_router_runs_nothing_or_is_unsure():
    lora = _lora(CALL, 0.99, 0.99)
    sure, unsure, idle = _router(ROUTER_CALLS, 0.9), _router([{"tool": "sitrep", "args": {}}], 0.4), _router([], 0.9)
    rows = shipped_rows([_item(1), _item(2), _item(3)], lora, [sure, unsure, idle], Policy("router_first", 0.5, "free_min", 0.5))
    assert [r["decided_by"] for r in rows] == ["router", "llm", "llm"]
    assert rows[1]["calls"][0]["tool"] == "list_shelters"  # the unsure router's sitrep gave way


def test_a_veto_needs_a_sure_no_tool_answer_on_a_router_plan_and_never_adds_a_call():
    none_sure, none_unsure, call = _lora("NONE", 0.99, 0.97), _lora("NONE", 0.99, 0.6), _lora(CALL, 0.99, 0.99)
    policy = Policy("veto", 0.9, "free_min")
    assert shipped_rows([_item(1)], none_sure, [_router(ROUTER_CALLS)], policy)[0]["calls"] == []
    assert shipped_rows([_item(1)], none_unsure, [_router(ROUTER_CALLS)], policy)[0]["calls"] == ROUTER_CALLS
    assert shipped_rows([_item(1)], call, [_router([])], policy)[0]["calls"] == []  # no router plan: nothing to veto, nothing added
    refused = shipped_rows([_item(1)], _lora("REFUSE", 0.99, 0.99), [_router(ROUTER_CALLS)], policy)[0]
    assert refused["calls"] == [] and refused["refused"]


def test_a_request_set_is_read_once_for_its_split_and_whether_it_has_a_train_split(tmp_path):
    import pytest

    from bench.bench_requests import load_request_set

    path = tmp_path / "set.yaml"
    path.write_text("- {id: A, split: train, text: a}\n- {id: B, split: dev, text: b}\n- {id: C, split: dev, text: c}\n")
    items, has_train = load_request_set(path, "dev")
    assert [i["id"] for i in items] == ["B", "C"] and has_train
    assert [i["id"] for i in load_request_set(path, "all")[0]] == ["A", "B", "C"]
    with pytest.raises(SystemExit, match="no item of split 'test'"):
        load_request_set(path, "test")
    path.write_text("id: A\nsplit: dev\n")
    with pytest.raises(SystemExit, match="not a request set"):
        load_request_set(path, "dev")
    path.write_text("- {id: A, split: dev, text: 'a}\n")  # a quote left open: no YAML at all
    with pytest.raises(SystemExit, match="not valid YAML"):
        load_request_set(path, "dev")


def test_every_bench_turn_starts_from_the_same_units_in_a_fresh_incident():
    from bench.bench_requests import ChatBench

    class City:
        def __init__(self):
            self.status = {"ERO-E1": "available", "KAM-A1": "available"}

        def unit_status(self):
            return dict(self.status)

        def set_unit_status(self, unit_id, status):
            self.status[unit_id] = status

    class Store:
        def __init__(self):
            self.made = 0

        def create_incident(self, *_):
            self.made += 1
            return type("Incident", (), {"incident_id": f"INC-{self.made}"})()

    assistant = type("A", (), {"_city": City()})()
    bench = ChatBench(assistant, Store(), "(no request set)", dict(assistant._city.status))
    first = bench.new_turn()
    assistant._city.set_unit_status("ERO-E1", "dispatched")  # a turn that dispatched a unit
    assert bench.new_turn() != first and assistant._city.unit_status()["ERO-E1"] == "available"
