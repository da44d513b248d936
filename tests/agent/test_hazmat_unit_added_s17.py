"""Trial 17 T21/T22: a toxic-gas alarm on a metro platform gets the hazmat unit in its plan, and the protective action
names the gas (never chlorine); "add ERO-H1 to the Kamppi metro gas alarm" proposes ERO-H1's dispatch to the session's
incident (it only read the unit's status), and an address said beside the order is said not applied."""

from __future__ import annotations

import pytest

ALERT = ("[SENSOR ALERT] HSY gas detector GD-9 at Kamppi metro station, platform level: H2S 52 ppm and rising. "
         "Ventilation fault. Auto-timestamp 19:05.")


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


def _gas_incident(assistant):
    incident = assistant.open_incident("chat", "op").incident_id
    reply = list(assistant.chat(ALERT, incident))[-1]
    return incident, reply


def test_the_h2s_alarm_plan_names_the_gas_and_recommends_the_hazmat_unit(assistant, restore_units):
    _, reply = _gas_incident(assistant)
    text = reply.text
    assert "chlorine" not in text.lower(), text
    assert "hydrogen sulphide" in text, text
    assert "ERO-H1" in text, text


@pytest.mark.parametrize("order", [
    "Add ERO-H1 hazmat unit to the Kamppi metro gas alarm, and the address is Kampin metroasema, Urho Kekkosen katu 1.",
    "attach ERO-H1 to the metro gas alarm",
    "把ERO-H1加派到坎皮地铁站的气体报警事件",
])
def test_adding_a_named_unit_to_the_described_incident_proposes_its_dispatch(assistant, restore_units, order):
    incident, _ = _gas_incident(assistant)
    reply = list(assistant.chat(order, incident))[-1]
    assert [(p.action, p.args["unit_id"], p.args["status"], p.incident_id) for p in reply.proposals] == [
        ("set_unit_status", "ERO-H1", "dispatched", incident)], reply.text
    assert assistant.unit_statuses()["ERO-H1"] == "available"  # nothing moves before the confirmation
    if "address is" in order:
        assert "address in this message was not applied" in reply.text, reply.text


@pytest.mark.parametrize("order", ["add ERO-H1 to the Kruununhaka gas alarm", "add ERO-H1 to the Kallio gas alarm"])
def test_a_unit_added_to_another_places_incident_is_not_sent_to_the_sessions(assistant, restore_units, order):
    incident, _ = _gas_incident(assistant)
    reply = list(assistant.chat(order, incident))[-1]
    assert not any(p.action == "set_unit_status" and p.incident_id == incident for p in reply.proposals), reply.text
