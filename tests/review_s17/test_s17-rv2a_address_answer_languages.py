"""Review s17-rv2a: the answer to "confirm the address" (s17-addr, agent.place_correction.address_answer).

HIGH: it was read only in English and Chinese. In the city's own languages the answer went wrong: "adressen är
Annankatu 12" (Swedish) opened a second incident, a P1 flood, beside the fire that waited for its address, and "osoite
on Annankatu 12, 3 krs" (Finnish) got the help text. Finnish and Swedish introductions and in-building details are read.

HIGH: a hazard word of another language in front of an address ("tulipalo Annankatu 12", "Feuer Bulevardi 14") read as
a two-word street name: with no incident waiting it only showed the place and asked "What happened there?", so the
report was not filed."""

from __future__ import annotations

import pytest

from agent.place_correction import address_answer

UNLOCATED = "house fire, smoke from the windows, a man trapped upstairs"


def _final(events):
    return [e for e in events if e.kind == "final"][-1]


@pytest.mark.parametrize(("answer", "street"), [
    ("adressen är Annankatu 12", "Annankatu"),
    ("osoite on Annankatu 12, 3 krs", "Annankatu"),
    ("se on osoitteessa Bulevardi 14, B-rappu", "Bulevardi"),
    ("det är på Bulevardi 14, 3 tr", "Bulevardi"),
])
def test_a_finnish_or_swedish_address_answer_places_the_incident(make_assistant, restore_units, answer, street):
    assistant = make_assistant()
    first = _final(assistant.chat(UNLOCATED, None))
    assert "LOCATION UNCONFIRMED" in first.text and first.plan is not None
    incident = first.plan.incident_id
    reply = _final(assistant.chat(answer, incident))
    assert [i.incident_id for i in assistant.incidents()] == [incident], reply.text[:300]  # no second incident
    place = assistant._filer.incident_place(incident)
    assert place is not None and place.lat is not None and street in place.name, reply.text[:300]


@pytest.mark.parametrize("text", ["tulipalo Annankatu 12", "Feuer Bulevardi 14", "kolari Mannerheimintie 5",
                                  "fire Annankatu 12", "brand Bulevardi 14"])
def test_a_hazard_word_is_no_part_of_the_address(text):
    assert address_answer(text) is None


@pytest.mark.parametrize("report", ["tulipalo Annankatu 12", "Feuer Bulevardi 14", "kolari Mannerheimintie 5"])
def test_a_hazard_word_before_an_address_is_filed(make_assistant, restore_units, report):
    assistant = make_assistant()
    final = _final(assistant.chat(report, None))
    assert final.plan is not None and final.plan.incident_id, final.text[:300]
