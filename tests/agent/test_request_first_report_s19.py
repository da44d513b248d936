"""s19 (issue 12): a dispatch request that carries its incident's report, in a session with no incident yet.

"Can you send an ambulance to Annankatu 12, a man is unconscious" planned the ambulance for "no incident yet", asked
which incident it was for, and filed nothing: the report the message itself tells was lost.  The message is a report
with a request: the report is filed (it opens its incident) and the units are proposed for that incident.  An order
that tells nothing besides itself ("send an ambulance to Annankatu 12") still asks: there is no report to file.
"""

from __future__ import annotations

import pytest


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


def _commits(reply) -> list:
    return [p for p in reply.proposals if p.action == "commit_dispatch"]


@pytest.mark.parametrize("text, hazard", [
    ("Can you send an ambulance to Annankatu 12, a man is unconscious on the stairs", "medical"),  # request first
    ("A man is lying unconscious on the stairs at Annankatu 12, send an ambulance please", "medical"),  # request last
    ("Could you get an engine over to Eerikinkatu 9? Smoke is coming from under a door on the fourth floor", "fire"),
    ("请派一辆救护车到 Annankatu 12，楼梯上有个男的昏过去了", "medical"),
    ("Eerikinkatu 9 四楼门缝里冒烟，邻居敲门没人应，派台消防车过去", "fire"),
])
def test_a_request_that_tells_its_report_files_it_and_proposes_the_units_for_it(assistant, text, hazard):
    reply = list(assistant.chat(text, None, operator="op-anna"))[-1]
    incidents = assistant.incidents()
    assert len(incidents) == 1, reply.text  # the report opened its incident
    opened = incidents[0].incident_id
    assert assistant.incident_view(opened).report_text == text
    assert incidents[0].incident_type == hazard
    commits = _commits(reply)
    assert commits and all(p.args.get("incident_id") == opened for p in commits), reply.text
    assert "no incident yet" not in reply.text and "没有选中" not in reply.text


@pytest.mark.parametrize("text", [
    "Send an ambulance to Annankatu 12",
    "派一辆救护车去 Annankatu 12",
])
def test_a_bare_order_with_no_incident_still_asks_and_files_nothing(assistant, text):
    reply = list(assistant.chat(text, None, operator="op-anna"))[-1]
    assert assistant.incidents() == []
    assert not _commits(reply)
