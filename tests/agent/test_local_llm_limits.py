"""The local LLM keeps to its context and to the caller's deadline (trial 16, M6): a session whose history passed
SmolLM2's 8,192-token context took 16 minutes of prompt processing on a loaded CPU, and a request queued behind a
running generation waited for all of it.  A tiny random Llama with the packaged tokenizer (512-token context) runs
the real transformers code paths in seconds."""

from __future__ import annotations

import threading
import time

import pytest
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

from agent.local_llm import LocalChatModel


@pytest.fixture(scope="module")
def tiny_llm(tiny_model_dir):
    model = LocalChatModel(model_path=str(tiny_model_dir), max_new_tokens=16, device="cpu")
    model.load()
    return model


def test_a_long_session_is_cut_to_the_context_keeping_the_report_start_and_end(tiny_llm):
    forward = "ADDRESS Yrjönkatu 21. " + "Committee minutes, item on bicycle storage. " * 300 + "Elderly man bleeding at the door."
    history = [HumanMessage("Smoke in the stairwell at Kalevankatu 12 " * 40), AIMessage("Plan made. " * 100)]
    messages = [SystemMessage("You are an emergency command assistant."), *history, HumanMessage(forward)]
    inputs = tiny_llm._inputs(messages, None, max_new_tokens=16)
    assert inputs["input_ids"].shape[1] <= 512 - 16
    text = tiny_llm._tokenizer.decode(inputs["input_ids"][0])
    assert "Yrjönkatu 21" in text and "bleeding at the door" in text  # the newest message keeps its start and its end
    assert "Kalevankatu" not in text  # the oldest turn went first
    # and the model still answers within its context
    reply = tiny_llm.invoke(messages, max_tokens=16, timeout=30)
    assert isinstance(reply.content, str)


def test_a_request_behind_a_running_generation_waits_only_its_own_deadline(tiny_llm):
    long_run = threading.Thread(target=lambda: tiny_llm.invoke([HumanMessage("Count.")], max_tokens=400), daemon=True)
    long_run.start()
    time.sleep(0.3)  # the first generation holds the model
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        tiny_llm.invoke([HumanMessage("Is ERO-E1 free?")], max_tokens=8, timeout=0.2)
    assert time.monotonic() - started < 1.5
    long_run.join(timeout=120)
