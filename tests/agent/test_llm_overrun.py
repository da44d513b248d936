"""A turn whose LLM overruns its deadline (trial 16, H4 / H7 / M6).

FAKE MODEL, on purpose: the trial's overrun came from a small local LLM on two cores at load 25, whose prompt
processing cannot be interrupted; that load cannot be provoked reproducibly, so a chat model that ignores its
timeout (sleeps past the turn's budget, then says "The") stands in for it.  Everything else is real: the triage
model, the plans, the city, the incident log.
"""

import time

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from agent.answer_language import help_text
from agent.backends import LLMBackend


class OverrunningModel(GenericFakeChatModel):
    """Answers every request after ``delay`` seconds whatever its timeout, like a prompt being processed on a loaded CPU."""

    delay: float = 0.0

    def bind_tools(self, tools, **kwargs):
        return self

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        time.sleep(self.delay)
        return super()._generate(messages, stop, run_manager, **kwargs)

    def _stream(self, messages, stop=None, run_manager=None, **kwargs):
        time.sleep(self.delay)
        yield from super()._stream(messages, stop, run_manager, **kwargs)


def _slow_assistant(make_assistant, delay: float, reply: str = "The"):
    assistant = make_assistant(agent_time_budget_s=2.0, llm_timeout_s=1.5, agent_tools_reserve_s=0.5)
    replies = iter([AIMessage(content=reply)] * 20)
    assistant.backend = LLMBackend(kind="local", model="overrunning", chat_model=OverrunningModel(messages=replies, delay=delay),
                                   timeout_s=1.5, max_retries=0)
    return assistant


@pytest.mark.parametrize("report", [
    "Building fire at Diagon Alley 9¾, people trapped on the 3rd floor.",
    "对角巷9号楼着火了，三楼有人被困。",
])
def test_a_report_is_planned_when_the_llm_overruns_the_turn(make_assistant, report):
    """The LLM took longer than the whole turn: the routed plan must still be made and shown, never the help text,
    and the unknown place is said to be unknown."""
    assistant = _slow_assistant(make_assistant, delay=2.5)
    events = list(assistant.chat(report, None))
    final = [e for e in events if e.kind == "final"][-1]
    assert final.text.strip() != help_text(report).strip()
    assert any(e.kind == "tool" and e.step.name == "plan_response" for e in events), [e.kind for e in events]
    assert final.plan is not None and final.plan.triage.priority == "P1"
    assert "not on the map" in final.text.lower() or "location" in final.text.lower() or "地图" in final.text or "位置" in final.text
    assert "LLM" in final.text  # the operator is told the LLM did not answer in time
