"""Trial s19 H3: the LLM's invented place passed the grounding check.  "The nearest assembly point to Senate Square
for tonight is the city of Sinaale, Italy." was made of the question's own words, so the word-overlap check kept it;
"The unit with the status of available was transported to the Kaisaniemi demonstration base." moved a unit no tool
moved.  The check is a plain function fed with the turn's tool results, so this needs no LLM: a sentence naming a
place that is neither in the tool results nor in the city model is withheld, and so is a unit movement on a turn that
proposed none; the truth of the tools stays."""

from __future__ import annotations

import pytest

from agent.claims import withhold_unproposed_claims
from agent.grounding import GroundingChecker, check_narrative

QUESTION = "Where is the nearest assembly point to Senate Square for tonight?"
# the turn's tool result as the trial showed it (list_shelters, readable form)
SHELTERS = ("[list_shelters]\nHelsingin kaupungintalo: 400 free places, 144 m from Senaatintori\n"
            "Porthania: 800 free places, 229 m from Senaatintori\nTopelia: 500 free places, 259 m from Senaatintori")
BOARD = ("[unit_status]\n- ERO-A1 (ambulance, Erottajan paloasema): available\n"
         "- KAI-A1 (ambulance, Kaisaniemi demonstration base): dispatched\n")


@pytest.fixture(scope="module")
def checker(city):
    return GroundingChecker(city.gazetteer, [unit.id for _, unit in city.units()])


@pytest.mark.parametrize("invented", [
    "The nearest assembly point to Senate Square for tonight is the city of Sinaale, Italy.",
    "The nearest assembly point to Senate Square tonight is Marienplatz in Munich.",
    "For tonight the nearest assembly point to Senate Square is at Gothenburg Central.",
])
def test_a_sentence_naming_a_place_nobody_gave_is_withheld(checker, invented):
    checked = check_narrative(f"{invented} Porthania has 800 free places.", SHELTERS + "\n" + QUESTION, checker,
                              what="answer", facts_name="the tool outputs")
    assert "Porthania has 800 free places." in checked.text
    for name in ("Sinaale", "Italy", "Marienplatz", "Munich", "Gothenburg"):
        assert name not in checked.text, checked.text
    assert checked.warnings, "the operator is told something was withheld"


@pytest.mark.parametrize("true", [
    "Helsingin kaupungintalo has 400 free places, 144 m from Senaatintori.",
    "The nearest shelter to Senate Square is Helsingin kaupungintalo, 144 m away.",
    "Porthania has 800 free places and Topelia has 500.",
])
def test_a_sentence_naming_the_tools_places_is_kept(checker, true):
    checked = check_narrative(true, SHELTERS + "\n" + QUESTION, checker, what="answer", facts_name="the tool outputs")
    assert checked.text.startswith(true.split()[0]) and "unverified" not in checked.text, checked


def test_a_real_place_of_the_city_model_is_not_taken_for_an_invented_one(checker):
    # Kaivokatu is on the map though not in these tool results: flagged or kept, never called invented
    checked = check_narrative("Porthania has 800 free places, near Kaivokatu.", SHELTERS, checker)
    assert "Porthania has 800 free places" in checked.text


@pytest.mark.parametrize("moved", [
    "The unit with the status of available was transported to the Kaisaniemi demonstration base.",
    "ERO-A1 was moved to the Kaisaniemi demonstration base.",
    "The ambulance has been relocated to Erottajan paloasema.",
    "ERO-A1已调往Kaisaniemi demonstration base。",
])
def test_a_unit_movement_no_tool_made_is_withheld(moved):
    text, withheld = withhold_unproposed_claims(f"ERO-A1 is available. {moved}", BOARD)
    assert withheld == 1 and "ERO-A1 is available." in text and moved not in text, text


@pytest.mark.parametrize("kept", [
    "KAI-A1 is dispatched.",
    "KAI-A1 belongs to the Kaisaniemi demonstration base.",
    "ERO-A1 (ambulance) is based at Erottajan paloasema.",
])
def test_a_units_place_or_status_read_from_the_board_is_kept(kept):
    text, withheld = withhold_unproposed_claims(kept, BOARD)
    assert withheld == 0 and text == kept
