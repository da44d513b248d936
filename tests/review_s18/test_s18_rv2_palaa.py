"""Review s18-rv2 of s18-nordic (248626e) and the lead's combined 'palaa' rules (agent.hazards._BURNS_FI).

MED: "palaa" (returns) read as "burns" when the place it returns from or to is not one word in an illative/allative
case: "Ambulanssi palaa Meilahdesta" (from), "Partio palaa Kampin asemalle" (a genitive before the destination),
"Liikenne palaa normaaliksi" (back to normal).
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "Ambulanssi palaa Meilahdesta",
    "KAM-A1:n miehistö palaa sairaalasta asemalle",
    "Partio palaa Kampin asemalle",
    "Yksikkö palaa Erottajan paloasemalle",
    "Liikenne palaa normaaliksi Mannerheimintiellä",
    "Kauppa palaa huomenna normaaliin",
])
def test_returning_is_no_fire(text):
    from agent.hazards import hazard_from_words

    assert hazard_from_words(text) != "fire"


@pytest.mark.parametrize("text", ["Kampin asema palaa", "Talo palaa Annankatu 12, ihmisiä sisällä",
                                  "Annankatu 12:ssa palaa", "Auto palaa Mannerheimintiellä", "Kerrostalo palaa Kampissa"])
def test_burning_is_still_fire(text):
    from agent.hazards import hazard_from_words

    assert hazard_from_words(text) == "fire"


@pytest.mark.parametrize("text", ["Ambulanssi palaa Meilahdesta", "Partio palaa Kampin asemalle"])
def test_the_chat_opens_no_fire(make_assistant, restore_units, chat_turn, text):
    assistant = make_assistant()
    reply = chat_turn(assistant, text, None)
    assert not [i for i in assistant.incidents() if i.incident_type == "fire"], reply.text[:300]
