"""Trial s19 H3 and M13, the answers from the tools.  "Where is the nearest assembly point to Senate Square for
tonight?" listed shelters (and the LLM invented "the city of Sinaale, Italy"): it names the scenario's nearest
assembly points (staging areas), not the square itself.  "Which shelters have room for 200 people away from
Kauppatori?" listed the nearest first, in raw "id, lat, lon" lines: "away from" lists the farthest first, "room for N"
keeps the shelters with N free places, and each line is a name, free places and a distance."""

from __future__ import annotations

import re

import pytest

RAW = re.compile(r"\bSH-[A-Z]|\blat\b|\blon\b|\bid\b")


@pytest.mark.parametrize(("question", "square"), [
    ("Where is the nearest assembly point to Senate Square for tonight?", "Senaatintori"),
    ("Nearest staging area to Kauppatori?", "Kauppatori"),
    ("离参议院广场最近的集合点在哪里？", "Senaatintori"),
])
def test_the_nearest_assembly_point_is_a_staging_area_from_the_tools(make_assistant, chat_turn, city, question, square):
    assistant = make_assistant()
    reply = chat_turn(assistant, question, None).text
    staging = [sa.name for sa in city.scenario.staging_areas if sa.name != square]
    head = reply.split("Shelters")[0]
    assert any(name in head for name in staging), reply[:800]
    assert not RAW.search(reply), reply[:800]
    assert not assistant.incidents(), "a question opens no incident"


@pytest.mark.parametrize(("question", "place"), [
    ("Which shelters have room for 200 people away from Kauppatori?", "Kauppatori"),
    ("shelters far from Rautatientori with space for 600?", "Rautatientori"),
    ("远离Kauppatori、能容纳600人的避难所有哪些？", "Kauppatori"),
])
def test_shelters_away_from_a_place_are_listed_farthest_first_and_readably(make_assistant, chat_turn, question, place):
    reply = chat_turn(make_assistant(), question, None).text
    assert not RAW.search(reply), reply[:800]
    distances = [int(m) for m in re.findall(r"(\d+) m from", reply)]
    assert len(distances) >= 2 and distances == sorted(distances, reverse=True), reply[:800]
    free = [int(m) for m in re.findall(r"(\d+) free of", reply)]
    wanted = int(re.search(r"\d+", question).group(0))
    assert free and all(f >= wanted for f in free), reply[:800]
