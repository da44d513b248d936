import pytest

from agent.text_tool_calls import MalformedToolCall, describe_tools, parse_tool_calls

TOOLS = {"plan_evacuation", "search_plans"}


def test_tagged_call_is_parsed():
    calls = parse_tool_calls('<tool_call>{"name": "plan_evacuation", "arguments": {"place": "Kamppi"}}</tool_call>', TOOLS)
    assert calls[0]["name"] == "plan_evacuation" and calls[0]["args"] == {"place": "Kamppi"}


def test_bare_json_and_string_arguments_are_parsed():
    calls = parse_tool_calls('{"name": "search_plans", "arguments": "{\\"query\\": \\"sandbags\\"}"}', TOOLS)
    assert calls[0]["args"] == {"query": "sandbags"}


def test_prose_is_not_a_call():
    assert parse_tool_calls("Evacuate Kamppi towards the central station.", TOOLS) == []


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('<tool_call>{"name": "plan_evacuation", "arguments": {"place": </tool_call>', "not valid JSON"),
        ('<tool_call>{"name": "launch_missiles", "arguments": {}}</tool_call>', "unknown tool"),
        ('<tool_call>{"arguments": {}}</tool_call>', "needs a \"name\""),
        ('<tool_call>{"name": "search_plans", "arguments": [1, 2]}</tool_call>', "JSON object"),
        ("<tool_call>plan_evacuation(Kamppi)</tool_call>", "without a JSON object"),
    ],
)
def test_malformed_or_hallucinated_calls_raise_a_repairable_error(text, fragment):
    with pytest.raises(MalformedToolCall, match=fragment):
        parse_tool_calls(text, TOOLS)


def test_tool_description_lists_arguments():
    text = describe_tools([{"type": "function", "function": {"name": "plan_evacuation", "description": "Plan it.",
                                                           "parameters": {"properties": {"place": {"type": "string"}}}}}])
    assert "plan_evacuation(place: string)" in text
