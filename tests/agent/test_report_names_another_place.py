"""A report in a session on an incident that names another street or district -- found on the map but not pinned to
a point -- is another incident, not a follow-up said to name "no place of its own" (s14 trial #2: a Chinese report of a
burst main on another street, and "Report: small bin fire at Kamppi", were filed into an open tram crash)."""

from __future__ import annotations

import pytest

from agent.chat_session import ChatSessionConfig

CRASH = "Bus hit a cyclist at Mannerheimintie 5, the cyclist is unconscious on the road"


@pytest.fixture
def session(make_assistant):
    assistant = make_assistant()
    chat = assistant.chat_session(operator="op", config=ChatSessionConfig(follow_reports=True))
    crash = list(chat.run(CRASH))[-1].plan
    assert crash is not None and chat.state.current == crash.incident_id
    return assistant, crash


@pytest.mark.parametrize("report", [
    "Bulevardi 有个垃圾桶着火了，冒黑烟",      # a Latin street name in a Chinese report
    "Update: skip fire in Kluuvi, nobody hurt",  # a district only
])
def test_a_report_naming_another_street_or_district_is_not_filed_into_the_open_incident(session, report):
    assistant, crash = session
    triage = assistant._triage_only
    assert assistant._filer.incident_for_report(report, crash.incident_id, triage, [crash.incident_id]) is None


@pytest.mark.parametrize("report", ["the bus on Mannerheimintie is now leaking diesel",  # the incident's own street
                                    "公交车司机也受伤了",                                  # no place at all
                                    "two more people hurt, the driver is free now"])
def test_a_follow_up_on_the_incidents_own_street_or_with_no_place_stays(session, report):
    assistant, crash = session
    triage = assistant._triage_only
    assert assistant._filer.incident_for_report(report, crash.incident_id, triage, [crash.incident_id]) == crash.incident_id
