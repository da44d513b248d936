"""One reader says whether a chat message is a request to change an incident's record (``agent.incident_request``):
a message that names units of the city is an order of those units (the dispatch readers take it), never an address or
priority change, even when it states an address ("add ERO-H1 to the gas alarm, and the address is …": s17-tfb and
s17-tfc's readers disagreed, and the chat kept a guard of its own between them).  Orders and non-orders in English,
Chinese and Finnish, written for this test."""

from __future__ import annotations

import pytest

UNITS = ["ERO-H1", "ERO-E1", "ERO-A1"]


@pytest.mark.parametrize("text", [
    "Add ERO-H1 to the gas alarm, the address of the gas alarm is Annankatu 20.",
    "ero e1 to the tram crash, it is actually at Bulevardi 5",
    "Send ERO-A1 and raise the gas alarm to P1",
    "把ERO-H1加派到燃气事件，地址改为Annankatu 20",
    "ERO-E1派往电车事故，优先级改为一级",
    "Lähetä ERO-H1 kaasuvuotoon, the address is now Annankatu 20",
])
def test_a_message_naming_units_is_no_change_request(text):
    from agent.incident_request import incident_request

    assert incident_request(text) is not None  # read as a request when the city's units are not known ...
    assert incident_request(text, unit_ids=UNITS) is None  # ... and as the order it is when they are


@pytest.mark.parametrize(("text", "place", "priority"), [
    ("the address of the gas alarm is actually Annankatu 20", "Annankatu 20", None),
    ("raise the gas alarm to P1, the HAZMAT team is needed", None, "P1"),  # a unit type, no unit named
    ("燃气事件的地址改为Annankatu 20", "Annankatu 20", None),
    ("把燃气事件升为P1", None, "P1"),
    ("Move INC-3E1EDD59 to Narinkkatori (ERO-X9 is no unit of the city)", "Narinkkatori", None),
])
def test_a_change_request_naming_no_unit_is_read(text, place, priority):
    from agent.incident_request import incident_request

    request = incident_request(text, unit_ids=UNITS)
    assert request is not None and (request.place, request.priority) == (place, priority)


@pytest.fixture
def assistant(make_assistant, restore_units):
    return make_assistant()


@pytest.mark.parametrize(("text", "relocates"), [
    ("ERO-H1 to the gas alarm please, the address of the gas alarm is actually Annankatu 20", False),
    ("把ERO-H1加派到燃气事件，燃气事件的地址改为Annankatu 20", False),
    ("the address of the gas alarm is actually Annankatu 20", True),
    ("燃气事件的地址改为Annankatu 20", True),
])
def test_the_chat_proposes_a_move_only_for_a_message_that_orders_no_units(assistant, text, relocates):
    gas = assistant.plan("Gas alarm at Kamppi metro station, strong smell of gas, two people feel dizzy",
                         narrative=False).incident_id
    reply = list(assistant.chat(text, gas, "op-anna"))[-1]
    assert any(p.action == "relocate_incident" for p in reply.proposals) is relocates, (reply.text, reply.proposals)
