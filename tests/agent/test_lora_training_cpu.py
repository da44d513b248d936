"""What makes LoRA training cheap on a CPU, and the prompt an adapter was trained with."""

from __future__ import annotations

import json
import random

import pytest

from agent.lora.bridge import to_agent_calls
from agent.lora.decode import LoraAssistantModel
from agent.lora.prompts import (LEGACY_PROMPT_VERSION, PROMPT_VERSION, PromptVersionError, adapter_prompt_version,
                                write_prompt_version)
from agent.lora.schema import parse_answer
from agent.lora.train import batch_order, cpu_threads


def test_length_grouped_batches_keep_every_example_once_and_pad_less():
    rng = random.Random(0)
    lengths = [rng.choice([40, 60, 80, 300]) + rng.randint(0, 20) for _ in range(1000)]
    grouped = batch_order(lengths, 16, random.Random(1))
    plain = batch_order(lengths, 16, random.Random(1), group_by_length=False)
    for batches in (grouped, plain):
        assert sorted(i for b in batches for i in b) == list(range(1000))
        assert all(1 <= len(b) <= 16 for b in batches)
    padded = lambda batches: sum(max(lengths[i] for i in b) * len(b) for b in batches)  # noqa: E731
    assert padded(grouped) < 0.8 * padded(plain)
    assert grouped != batch_order(lengths, 16, random.Random(2))  # still shuffled from one epoch to the next


def test_a_token_cap_cuts_long_batches_and_still_keeps_every_example_once():
    rng = random.Random(3)
    lengths = [rng.choice([50, 350]) for _ in range(300)]
    batches = batch_order(lengths, 16, random.Random(0), max_tokens=2048)
    assert sorted(i for b in batches for i in b) == list(range(300))
    assert all(max(lengths[i] for i in b) * len(b) <= 2048 for b in batches)
    assert max(len(b) for b in batches) == 16  # short examples still fill a whole batch


def test_cpu_threads_uses_the_request_or_at_least_one_core():
    assert cpu_threads(3) == 3
    import os

    assert 1 <= cpu_threads(0) <= (os.cpu_count() or 1)


def test_an_adapter_says_which_prompt_it_was_trained_with(tmp_path):
    assert adapter_prompt_version(None) == LEGACY_PROMPT_VERSION
    assert adapter_prompt_version(tmp_path) == LEGACY_PROMPT_VERSION  # the first adapters have no prompt.json
    write_prompt_version(tmp_path)  # what training writes beside the adapter
    assert adapter_prompt_version(tmp_path) == PROMPT_VERSION


def test_an_unknown_prompt_version_is_a_clear_error_before_any_model_loads(tmp_path):
    (tmp_path / "prompt.json").write_text(json.dumps({"version": "v999"}))
    with pytest.raises(PromptVersionError, match="v999"):
        LoraAssistantModel(tmp_path / "no-base-needed", tmp_path)
    (tmp_path / "prompt.json").write_text("{not json")
    with pytest.raises(PromptVersionError, match="unreadable"):
        adapter_prompt_version(tmp_path)


def test_a_prompt_mismatch_falls_back_to_the_router_and_says_why(tmp_path, monkeypatch):
    from agent.lora import runtime
    from agent.lora.bridge import LoraToolCaller

    (tmp_path / "prompt.json").write_text(json.dumps({"version": "v999"}))
    monkeypatch.setattr(runtime, "resolve_adapter", lambda settings=None: tmp_path)
    monkeypatch.setattr(runtime, "resolve_base_dir", lambda settings=None: tmp_path)
    decision = LoraToolCaller(settings=None).decide("sitrep", {"sitrep"})
    assert decision.decided_by == "router" and "PromptVersionError" in decision.reason


def test_the_agent_runs_the_arguments_the_model_wrote():
    answer = parse_answer('{"tool": "plan_dispatch", "args": {"place": "Kamppi", "hazard": "fire", "unit_types": ["ladder"]}}\n'
                          '{"tool": "list_shelters", "args": {"place": "Kamppi"}}\n'
                          '{"tool": "unit_status", "args": {"station": "Erottaja", "unit_type": "engine"}}')
    calls = {c["name"]: c["args"] for c in to_agent_calls(answer, "text", {"plan_dispatch", "list_shelters", "unit_status"})}
    assert calls["plan_dispatch"]["incidents"][0]["unit_types"] == ["ladder"]
    assert calls["list_shelters"] == {"place": "Kamppi"}
    assert calls["unit_status"] == {"station": "Erottaja", "unit_type": "engine"}


class _CountingTokenizer:
    """Token i writes "\\n" when i is even, else a word; counts its decode calls."""

    eos_token_id, pad_token_id = 0, 0

    def __init__(self):
        self.decoded = 0

    def __len__(self):
        return 8

    def get_vocab(self):
        return {f"t{i}": i for i in range(8)}

    def convert_ids_to_tokens(self, ids):
        return [f"t{i}" for i in ids]

    def decode(self, ids, **_):
        self.decoded += 1
        return "".join("\n" if i % 2 == 0 else "w" for i in ids)


def test_each_step_is_given_its_answer_line_and_each_distinct_token_is_decoded_once():
    import torch

    model = LoraAssistantModel.__new__(LoraAssistantModel)  # the step reader alone: no weights needed
    model.tokenizer, model._texts, model._newline_counts = _CountingTokenizer(), None, {}
    tokens = [1, 3, 2, 1, 4, 3, 3, 0, 5]  # w w \n w \n w w <stop> (after the stop: ignored)
    kept, steps = model._read_steps(tokens, [torch.zeros(8) for _ in tokens])
    assert kept == [1, 3, 2, 1, 4, 3, 3]
    assert [s.line for s in steps] == [0, 0, 1, 1, 2, 2, 2, None]  # a newline token opens the next line
    assert model.tokenizer.decoded == 4  # tokens 1, 3, 2, 4: once each, not once per generated token
