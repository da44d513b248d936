"""The chat loop with the LoRA model deciding a turn (real assistant, real model and adapter)."""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_a_chat_turn_decided_by_the_lora_model_is_labelled_and_runs_the_tool(make_assistant, packaged_llm_dir):
    # A generous turn budget: on a loaded 2-core machine the first turn also loads the model.
    assistant = make_assistant(llm_backend="none", llm_tool_model="lora", llm_model=str(packaged_llm_dir), agent_time_budget_s=600)
    incident = assistant.open_incident("lora chat test", "tester").incident_id
    # A TRAIN split item the shipped adapter answers surely (smallest free-choice probability 0.994 on this CPU; the
    # gate's floor is 0.95: "set KAM-P2 available" reads 0.92 there, unsure whether a second call follows, so the
    # router takes that one)
    report = "FIRE - Yrjönkatu 21, 3rd floor flat, smoke from the windows, caller thinks the neighbour's kid is still inside"
    events = list(assistant.chat(report, incident))
    steps = [e.step for e in events if e.kind == "tool" and e.step]
    assert steps, [(e.kind, e.text) for e in events]
    assert steps[0].name == "plan_response" and "via lora" in steps[0].title
