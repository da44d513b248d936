"""Review s17-rv2a (HIGH): since s17-lang a hazard word beside a place or a unit in a short message is filed as an
incident (agent.intents._short_report). It filed exercises, tests and all-clears that the router had left unfiled
before: "ERO-E1 PI training" opened a hazmat P1, "harjoituspalo Kamppi" (an exercise fire) a fire P1, "smoke alarm
test at Mannerheimintie 5 today" and "RTA report done" an incident each, "palo Kamppi sammutettu" (the fire is out) a
new fire. A short message that says it is a drill, a test, training or that the hazard is over is no short report;
real short reports in the same languages still are (tests/agent/test_multilingual_short_reports.py)."""

from __future__ import annotations

import pytest


def _final(assistant, message: str):
    return [e for e in assistant.chat(message, None) if e.kind == "final"][-1]


@pytest.mark.parametrize("message", [
    "ERO-E1 PI training",                                  # training, radio shorthand
    "harjoituspalo Kamppi",                                # fi: an exercise fire
    "paloharjoitus Kamppi klo 14",                         # fi: a fire drill at 14
    "smoke alarm test at Mannerheimintie 5 today",         # a test
    "brandövning vid Kamppi",                              # sv: a fire drill
    "Feuerübung Kamppi",                                   # de: a fire drill
    "RTA report done",                                     # paperwork finished
    "palo Kamppi sammutettu",                              # fi: the fire at Kamppi is put out
    "branden vid Kamppi är släckt",                        # sv: the fire is out
])
def test_a_drill_a_test_or_an_all_clear_opens_no_incident(make_assistant, restore_units, message):
    assistant = make_assistant()
    final = _final(assistant, message)
    assert not assistant.incidents(), final.text[:300]


@pytest.mark.parametrize("report", ["tulipalo Kamppi", "ERO-E1 Kamppi palo", "MVA Mech 3 x PI", "Rauch Kamppi",
                                    "det brinner vid Kamppi", "smoke showing Annankatu 12"])
def test_real_short_reports_are_still_filed(make_assistant, restore_units, report):
    final = _final(make_assistant(), report)
    assert final.plan is not None and final.plan.incident_id, final.text[:300]
