"""The chat loop with the LoRA model deciding a turn (real assistant, real model and adapter)."""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_a_chat_turn_decided_by_the_lora_model_is_labelled_and_runs_the_tool(make_assistant, restore_units, packaged_llm_dir):
    # A generous turn budget: on a loaded 2-core machine the first turn also loads the model.
    assistant = make_assistant(llm_backend="none", llm_tool_model="lora", llm_model=str(packaged_llm_dir), agent_time_budget_s=600)
    incident = assistant.open_incident("lora chat test", "tester").incident_id
    events = list(assistant.chat("set KAM-P2 available pls, they've cleared the scene", incident))  # a TRAIN split item
    steps = [e.step for e in events if e.kind == "tool" and e.step]
    assert steps, [(e.kind, e.text) for e in events]
    assert steps[0].name == "set_unit_status" and "via lora" in steps[0].title
    assert restore_units.unit_status()["KAM-P2"] == "available"
