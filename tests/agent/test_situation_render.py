"""No raw structure (a Python dict or list, JSON) is shown to the operator: a tool output without its own text is
written out as text in the chat's answer (terminal and UI) and in the UI's tool-step detail."""

from __future__ import annotations

import re

from agent.loop import readable
from agent.render import tool_output_text
from agent.schemas import ChatEvent, ToolStep
from agent.tool_registry import build_tools

RAW = re.compile(r"[{}\[\]]|'\w+': ")  # braces, brackets or a Python dict's quoted key


def test_what_is_happening_at_a_street_address_is_answered_as_text(make_assistant):
    """The trial's question printed ``- match: {'id': None, 'name': 'Liisankatu', …}``."""
    assistant = make_assistant()
    incident = assistant.open_incident("chat", "op").incident_id
    events = list(assistant.chat("what is happening at Liisankatu 12?", incident))
    final = events[-1]
    assert final.kind == "final" and final.text.strip()
    assert not RAW.search(final.text), final.text
    # the question is about a place: the answer must look it up and name it, whichever way the turn is routed
    tools = [e.step.name for e in events if e.kind == "tool" and e.step]
    assert "resolve_place" in tools, tools
    assert "Liisankatu" in final.text, final.text


def test_every_city_tool_output_without_a_summary_is_written_as_text(city):
    tools = {t.name: t for t in build_tools(city)}
    for name, args in (("resolve_place", {"name": "Liisankatu 12"}), ("list_shelters", {"place": "Kamppi"}),
                       ("unit_status", {})):
        output = tools[name].invoke(args).text
        assert RAW.search(output)  # the model reads JSON ...
        for shown in (readable(name, output), tool_output_text(output)):  # ... the operator reads text
            assert shown.strip() and not RAW.search(shown), (name, shown)
    place = readable("resolve_place", tools["resolve_place"].invoke({"name": "Liisankatu 12"}).text)
    assert place.startswith("Place: Liisankatu") and "street, street" not in place and re.search(r"60\.\d+, 24\.\d+", place)


def test_the_ui_tool_step_shows_its_output_as_text():
    from ui.page import CommandCentre

    step = ToolStep(name="resolve_place", output='{"match": {"id": null, "name": "Liisankatu", "kind": "street", '
                                                 '"lat": 60.17, "lon": 24.95, "score": 0.9, "category": "", "radius_m": 0}}')
    history: list[dict] = []
    CommandCentre._apply_event(ChatEvent(kind="tool", step=step), history, None)
    assert history[0]["content"].startswith("Place: Liisankatu (street)") and not RAW.search(history[0]["content"])


def test_the_ui_incident_log_writes_tool_calls_and_nested_values_as_text():
    from agent.schemas import AuditEvent
    from ui.views import log_rows

    output = '{"shelters": [{"id": "S1", "name": "Kallio school", "capacity": 300, "accessible": true}]}'
    events = [AuditEvent(incident_id="INC-1", kind="tool_call", created_at="2026-12-02T06:00:00", operator="op",
                         payload={"name": "list_shelters", "arguments": {"place": "Kamppi"}, "ok": True,
                                  "title": "list_shelters(place='Kamppi') · via router", "output": output}),
              AuditEvent(incident_id="INC-1", kind="something_new", created_at="2026-12-02T06:01:00", operator="op",
                         payload={"units": ["ERO-E1", "ERO-E2"], "where": {"place": "Kamppi"}})]
    new, tool = (row[3] for row in log_rows(events))
    assert tool.startswith("list_shelters(place='Kamppi')") and "Kallio school" in tool and not RAW.search(tool.split(" · ")[1])
    assert new == "units=ERO-E1; ERO-E2, where=place: Kamppi"
