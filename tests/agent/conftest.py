from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def restore_units(city):
    before = dict(city.unit_status())
    yield city
    for unit_id, status in before.items():
        city.set_unit_status(unit_id, status)


class OtherProcessCity:
    """The unit statuses another process (a second terminal, the web UI, a restarted one) holds in memory."""

    def __init__(self, statuses: dict[str, str]):
        self.statuses = dict(statuses)

    def unit_status(self) -> dict[str, str]:
        return dict(self.statuses)

    def set_unit_status(self, unit_id: str, status: str) -> None:
        self.statuses[unit_id] = status


@pytest.fixture
def other_process_city() -> type[OtherProcessCity]:
    """(the close tests) A stand-in for another process's unit statuses, as ``follow_unit_statuses`` and
    ``restore_unit_statuses`` update them: ``other_process_city(statuses)``."""
    return OtherProcessCity


@pytest.fixture
def commit_units():
    """(the close tests) ``commit_units(assistant, incident_id, unit_ids)``: a dispatch proposed and confirmed."""
    def commit(assistant, incident_id: str, units: list[str]) -> None:
        proposal = assistant.propose("commit_dispatch", {"unit_ids": units, "incident_id": incident_id}, incident_id=incident_id)
        assistant.confirm_proposal(proposal.proposal_id, "op")

    return commit


@pytest.fixture(scope="module")
def tiny_model_dir(tmp_path_factory, packaged_llm_dir) -> Path:
    """A randomly initialised 2-layer Llama with the packaged tokenizer: real code paths (grammar, masking, training), seconds."""
    import torch
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    out = tmp_path_factory.mktemp("tiny-llm")
    tokenizer = AutoTokenizer.from_pretrained(packaged_llm_dir)
    config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=512, tie_word_embeddings=True)
    torch.manual_seed(0)
    LlamaForCausalLM(config).save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


@pytest.fixture(scope="module")
def routed_calls(city):
    """The calls the deterministic router makes for a message (the default intent router, the real city)."""
    from agent.intents import plan_calls
    from agent.router_model import IntentRouter

    router = IntentRouter.default()
    return lambda text: plan_calls(text, router, city)
