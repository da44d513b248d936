"""Trial s20 H3: "曼纳海姆路歌剧院旁边…" (next to the opera) was placed next to the National Theatre ("歌剧院" holds "剧院",
theatre), and the correction "更正：地点不是国家剧院，是芬兰国家歌剧院，Helsinginkatu 58 对面的 Mannerheimintie 电车站" opened a
SECOND P1 incident at the National Theatre, the very place it took back.  A correction proposes moving the incident it
corrects, never opens one; no place is ever taken from the part a message negates; the opera is no theatre; where the
map lacks the place given (the opera is off this map), the street the correction names is the fallback."""

from __future__ import annotations

import pytest

THEATRE = "Suomen Kansallisteatteri"


@pytest.mark.parametrize("report, correction", [
    ("曼纳海姆路歌剧院旁边有棵大树倒在电车轨道上，下面压着一辆车，司机还在车里，动不了",
     "更正：地点不是国家剧院，是芬兰国家歌剧院，Helsinginkatu 58 对面的 Mannerheimintie 电车站"),
    ("A tree fell on the tram tracks next to the Opera on Mannerheimintie, a car is under it with the driver trapped inside",
     "Correction: not the National Theatre, it's the National Opera, the tram stop on Mannerheimintie opposite Helsinginkatu 58"),
    ("Puu kaatui raitiokiskoille Oopperan vieressä Mannerheimintiellä, auto jäi alle ja kuljettaja on jumissa",
     "Korjaus: paikka ei ole Kansallisteatteri vaan Kansallisooppera, Mannerheimintien raitiovaunupysäkki"),
])
def test_a_correction_moves_the_incident_and_never_to_the_place_it_negates(make_assistant, restore_units, report, correction):
    assistant = make_assistant()
    incident = assistant.open_incident("chat", "op").incident_id
    first = list(assistant.chat(report, incident, "op-anna"))[-1]
    assert THEATRE not in first.text, first.text[:600]
    reply = list(assistant.chat(correction, incident, "op-anna"))[-1]
    assert [i.incident_id for i in assistant._store.list_incidents(status="open")] == [incident], reply.text[:500]
    moves = [p for p in reply.proposals if p.action == "relocate_incident"]
    assert [(p.args["incident_id"], p.args["name"]) for p in moves] == [(incident, "Mannerheimintie")], reply.text[:500]
    assert THEATRE not in reply.text, reply.text[:600]


def test_a_correction_by_id_falls_back_to_the_street_it_names(make_assistant, restore_units):
    assistant = make_assistant()
    incident = assistant.open_incident("chat", "op").incident_id
    list(assistant.chat("Tree fell on a car at Senaatintori, driver trapped", incident, "op-anna"))
    reply = list(assistant.chat(f"{incident} 的地点错了，正确位置是 Mannerheimintie 上的芬兰国家歌剧院（Kansallisooppera）前面的电车轨道",
                                incident, "op-anna"))[-1]
    assert [(p.action, p.args["name"]) for p in reply.proposals] == [("relocate_incident", "Mannerheimintie")], reply.text[:500]


def test_a_correction_of_no_place_moves_nothing(make_assistant, restore_units):
    assistant = make_assistant()
    incident = assistant.open_incident("chat", "op").incident_id
    list(assistant.chat("Fire at Kaivokatu 8", incident, "op-anna"))
    reply = list(assistant.chat("Correction: not one person inside, it's two people inside", incident, "op-anna"))[-1]
    assert not [p for p in reply.proposals if p.action == "relocate_incident"], reply.text[:400]


@pytest.mark.parametrize("text", ["芬兰国家歌剧院", "国家歌剧院门口有人晕倒", "歌剧院旁边有棵大树倒了"])
def test_the_opera_is_not_the_theatre(city, text):
    assert city.locator.locate(text).feature != THEATRE


def test_the_theatre_is_still_the_theatre(city):
    assert city.locator.locate("国家剧院门口有人晕倒").feature == THEATRE


@pytest.mark.parametrize("text", [
    "Correction: it's the National Opera on Mannerheimintie, not the National Theatre",
    "Korjaus: paikka ei ole Kansallisteatteri vaan Kansallisooppera, Mannerheimintien raitiovaunupysäkki",
    "Rättelse: inte vid Nationalteatern utan vid Operan på Mannerheimintie",
    "更正：地点不是国家剧院，是芬兰国家歌剧院，Mannerheimintie 电车站",
])
def test_a_place_taken_back_is_never_the_location(city, text):
    found = city.locator.locate(text)
    assert found.feature != THEATRE and found.place != THEATRE, found


def test_a_negation_that_takes_back_no_place_keeps_the_address(city):
    assert city.locator.locate("The patient is not breathing, but the fire at Kaivokatu 8 is out").feature == "Kaivokatu"
