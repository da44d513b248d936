"""A report that names another building or landmark is another incident, not a follow-up of the incident open in the
session (s15 trial #7: "Fire at Stockmann 3rd floor" was merged into a care home fire placed on a street to +-860 m)."""

from __future__ import annotations

import pytest

from agent.chat_session import ChatSessionConfig
from agent.incident_scope import ReportPlace, report_belongs_to

# A care home placed by an interpolated address (+-860 m) and a department store known to 70 m, 600 m from it.
VAGUE = ReportPlace(60.1720, 24.9480, 860.0, name="Kaisaniemenkatu 10")
BUILDING = ReportPlace(60.1685, 24.9420, 70.0, name="Stockmann")


def test_a_vague_incident_place_does_not_swallow_another_named_building():
    assert not report_belongs_to(BUILDING, VAGUE, "fire", "fire")
    assert not report_belongs_to(VAGUE, BUILDING, "fire", "fire")


def test_the_same_street_said_more_precisely_or_the_building_next_door_stays():
    same_street = ReportPlace(60.1700, 24.9440, 20.0, name="Kaisaniemenkatu 3")
    assert report_belongs_to(same_street, VAGUE, "fire", "fire")
    next_door = ReportPlace(60.1686, 24.9423, 30.0, name="Kauppakeskus Kluuvi")  # about 25 m from the store
    assert report_belongs_to(next_door, BUILDING, "fire", "fire")
    # two vague places keep the old rule: their uncertainties overlap
    assert report_belongs_to(ReportPlace(60.1700, 24.9440, 300.0, name="Kluuvi"), VAGUE, "fire", "fire")


CARE_HOME = "Smoke in the care home on Kaisaniemenkatu, 40 residents, most of them in wheelchairs, upper floors"


@pytest.fixture
def session(make_assistant):
    assistant = make_assistant()
    chat = assistant.chat_session(operator="op", config=ChatSessionConfig(follow_reports=True))
    home = list(chat.run(CARE_HOME))[-1].plan
    assert home is not None and chat.state.current == home.incident_id
    return assistant, home


@pytest.mark.parametrize("report", ["Flames at Kiasma museum, 2nd floor, visitors inside",
                                    "New call: smoke inside the Ateneum, people coming out coughing",
                                    "斯托克曼百货三楼起火，有人被困",
                                    "报告：斯托克曼百货的地下室冒烟"])
def test_a_report_naming_another_building_is_not_filed_into_the_open_incident(session, report):
    assistant, home = session
    assert assistant._filer.incident_for_report(report, home.incident_id, assistant._triage_only, [home.incident_id]) is None


@pytest.mark.parametrize("report", ["the fire on Kaisaniemenkatu has reached the 3rd floor now",
                                    "养老院里还有十个老人没出来",
                                    "two more residents carried out, one not breathing"])
def test_a_follow_up_on_the_incidents_own_street_or_with_no_place_stays(session, report):
    assistant, home = session
    assert assistant._filer.incident_for_report(report, home.incident_id, assistant._triage_only, [home.incident_id]) == home.incident_id
