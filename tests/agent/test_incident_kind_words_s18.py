"""Why ``agent.incident_request`` keeps its own words for an incident's kind beside ``agent.hazards.HAZARD_WORDS``
(s17 final read, D5): they answer different questions.  The hazard table says what a report's words name (a person
who fell is a medical case); the kind words say which incident an operator refers to ("the gas alarm", "the bus
accident").  Read from the hazard table, a report that names its casualty before its address became an address
change of some incident, and "the gas alarm" named no incident.  Sentences written for this test."""

from __future__ import annotations

import pytest

from agent.hazards import hazard_from_words
from agent.incident_request import incident_request, kinds_named


@pytest.mark.parametrize("report", [
    "A man is injured, the location is Bulevardi 5",
    "电线掉下来了，地址是Annankatu 12",
    "Mies kaatui portaissa, the location is Kalevankatu 6",
])
def test_a_report_naming_its_hazard_before_its_address_is_no_change_request(report):
    assert hazard_from_words(report) is not None  # the hazard table reads a hazard in it ...
    assert not kinds_named(report.split(",")[0].split("，")[0])  # ... which refers to no incident
    assert incident_request(report) is None


@pytest.mark.parametrize(("said", "kind"), [
    ("raise the gas alarm to P1", "hazmat"),
    ("move the bus accident to Narinkkatori, not the market", "traffic_accident"),
    ("把电车事故升为P1", "traffic_accident"),
])
def test_an_operator_names_an_incident_by_words_the_hazard_table_does_not_read(said, kind):
    assert kinds_named(said) == [kind]
    assert hazard_from_words(said) is None
    assert incident_request(said) is not None
