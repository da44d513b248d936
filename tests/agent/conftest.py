from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def restore_units(city):
    before = dict(city.unit_status())
    yield city
    for unit_id, status in before.items():
        city.set_unit_status(unit_id, status)


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
