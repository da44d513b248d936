"""The repair round of the agent loop.

FAKE MODEL, on purpose: a real model's malformed or hallucinated tool calls cannot be
provoked reproducibly (SmolLM2 rarely produces a call at all), so a scripted LangChain
chat model replays them.  Everything else (tools, router, city, grounding) is real.
"""

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from agent.backends import LLMBackend
from agent.fallback import fallback_calls
from agent.grounding import GroundingChecker
from agent.router_model import IntentRouter
from agent.loop import AgentConfig, ChatAgent
from agent.safety import screen_text
from agent.tool_registry import build_tools


class ScriptedModel(GenericFakeChatModel):
    def bind_tools(self, tools, **kwargs):
        return self


def _agent(city, replies, retriever=None):
    backend = LLMBackend(kind="openai", model="scripted", chat_model=ScriptedModel(messages=iter(replies)))
    tools = build_tools(city, retriever, (lambda report: None) if retriever else None)
    return ChatAgent(backend, tools, IntentRouter.default(),
                     lambda text, p: fallback_calls(text, p, city), GroundingChecker(city.gazetteer, []),
                     AgentConfig(llm_tool_calls="always"))


def test_hallucinated_tool_is_fed_back_once_and_the_repaired_call_runs(city):
    replies = [
        AIMessage(content="", tool_calls=[{"name": "evacuate_everyone", "args": {"zone": "Kamppi"}, "id": "1"}]),
        AIMessage(content="", tool_calls=[{"name": "plan_evacuation", "args": {"hazard_type": "fire", "place": "Kamppi"}, "id": "2"}]),
        AIMessage(content="Evacuate Kamppi (map part) to the assigned shelters."),
    ]
    agent = _agent(city, replies)
    events = list(agent.run(screen_text("evacuate Kamppi, where do people go?")))
    steps = [e.step for e in events if e.kind == "tool"]
    assert steps[0].name == "plan_evacuation" and "via llm" in steps[0].title
    repairs = [t for t in agent.trajectory if t["kind"] == "repair"]
    assert len(repairs) == 1 and "unknown tool 'evacuate_everyone'" in repairs[0]["error"]


def test_invalid_arguments_twice_fall_back_to_the_router(city, retriever):
    bad = AIMessage(content="", tool_calls=[{"name": "plan_evacuation", "args": {"hazard_type": "volcano", "radius_m": -5}, "id": "1"}])
    agent = _agent(city, [bad, bad, AIMessage(content="ok")], retriever)
    events = list(agent.run(screen_text("evacuate Kamppi, where do people go?")))
    steps = [e.step for e in events if e.kind == "tool"]
    assert steps[0].name == "plan_evacuation" and "via router" in steps[0].title
    assert steps[0].arguments["place"].startswith("Kamppi")
    assert len([t for t in agent.trajectory if t["kind"] == "repair"]) == 2
    assert steps[1].name == "search_plans" and steps[1].ok


def test_malformed_text_call_is_repaired(city):
    replies = [
        AIMessage(content='<tool_call>{"name": "list_shelters", "arguments": {</tool_call>'),
        AIMessage(content='<tool_call>{"name": "list_shelters", "arguments": {}}</tool_call>'),
        AIMessage(content="Shelters listed."),
    ]
    agent = _agent(city, replies)
    events = list(agent.run(screen_text("which shelters do we have and how big are they?")))
    assert [e.step.name for e in events if e.kind == "tool"] == ["list_shelters"]


def test_unsupported_llm_narrative_is_withheld(city):
    replies = [AIMessage(content="", tool_calls=[{"name": "list_shelters", "args": {}, "id": "1"}]),
               AIMessage(content="Send everyone to the Mordor Arena shelter, the army will help.")]
    events = list(_agent(city, replies).run(screen_text("list the shelters please")))
    final = events[-1]
    assert "Mordor" not in final.text and "withheld" in final.text


def test_every_refusal_is_the_last_step_of_the_trajectory(city):
    """A refusal ends the turn with no tool and is saved like any final answer: the tool-calling model's
    refusal (a scripted LoraDecision: a real model's refusal cannot be provoked reproducibly) and the router's."""
    from agent.lora.bridge import LoraDecision
    from agent.loop import REFUSAL

    agent = _agent(city, [])
    agent.config.llm_tool_calls = "never"
    agent.config.tool_caller = lambda text, tools: LoraDecision("llm", "LLM refused", refuse=True)
    events = list(agent.run(screen_text("evacuate Kamppi, where do people go?")))
    assert [e.kind for e in events] == ["final"] and events[0].text == REFUSAL
    assert agent.trajectory[-1] == {**agent.trajectory[-1], "kind": "final", "text": REFUSAL}
    assert not [t for t in agent.trajectory if t["kind"] == "tool"]

    agent = _agent(city, [])
    agent.config.llm_tool_calls = "never"
    events = list(agent.run(screen_text("what's a good restaurant for dinner tonight?")))
    assert [e.kind for e in events] == ["final"] and events[0].text == REFUSAL
    assert agent.trajectory[-1]["kind"] == "final" and agent.trajectory[-1]["text"] == REFUSAL
