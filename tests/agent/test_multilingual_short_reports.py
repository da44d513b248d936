"""Short real reports in the city's other languages (Finnish, Swedish), in a tourist's language (German, Spanish, French,
Italian, Polish, Russian), in radio shorthand ("MVA Mech 3 x PI") and a report that also asks how far to evacuate are
filed as incidents; a status question, a place question or a general procedure question in the same languages is not.

Before session 17 the router answered "tulipalo Kamppi, ihmisiä sisällä" with a place lookup, "ERO-E1 Kamppi tulipalo"
with the unit's status and "palo!!" / "Hilfe Feuer Kamppi" / "MVA Mech 3 x PI" with the help text: the hazard-word table
(agent.hazards.HAZARD_WORDS) knew English, Chinese and a Swedish "brand", so nothing else said a hazard was named; a
unit id or a place beside the hazard word then won the routing. The real assistant is driven here (quick triage model,
real router, real city)."""

from __future__ import annotations

import pytest

from agent.hazards import hazard_from_words


def _final(assistant, message: str):
    return [e for e in assistant.chat(message, None) if e.kind == "final"][-1]


# --- the words ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, hazard", [
    ("tulipalo Kamppi", "fire"), ("palo!!", "fire"), ("rakennuspalo Töölössä", "fire"), ("talo on tulessa", "fire"),
    ("paljon savua rappukäytävässä", "fire"), ("det brinner i trapphuset", "fire"), ("branden sprider sig", "fire"),
    ("Feuer im Keller", "fire"), ("es brennt", "fire"), ("fuego en el hotel", "fire"), ("incendio in albergo", "fire"),
    ("au feu", "fire"), ("incendie", "fire"), ("pożar w hotelu", "fire"), ("пожар в гостинице", "fire"),
    ("kolari Mannerheimintiellä", "traffic_accident"), ("trafikolycka vid Kamppi", "traffic_accident"),
    ("Verkehrsunfall", "traffic_accident"), ("MVA Mech 3 x PI", "traffic_accident"), ("RTC, 2 PI", "traffic_accident"),
    ("ambulanssi tarvitaan", "medical"), ("ambulans behövs", "medical"), ("Krankenwagen bitte", "medical"),
    ("mies tajuton", "medical"), ("man medvetslös", "medical"), ("Mann bewusstlos", "medical"), ("2 x PI", "medical"),
    ("kaasuvuoto kellarissa", "hazmat"), ("gasläcka i köket", "hazmat"),
])
def test_hazard_words_of_the_citys_and_tourists_languages(text, hazard):
    assert hazard_from_words(text) == hazard


@pytest.mark.parametrize("text", [
    "Erottajan paloasema", "ERO-E1 palaa asemalle", "ERO-E1 palasi asemalle", "palokunta on paikalla",
    "Feuerwehr ist da", "brandbilen är tillbaka", "api key", "the pilot project", "Pizza Palace",
])
def test_station_return_and_everyday_words_name_no_hazard(text):
    assert hazard_from_words(text) is None


@pytest.mark.parametrize("text, cries", [
    ("apua!", True), ("hjälp, Kamppi", True), ("Hilfe!", True), ("au secours", True), ("помогите", True),
    ("help!", True), ("help", False), ("can you help me with the map?", False), ("help me plan an evacuation", False),
])
def test_cries_for_help(text, cries):
    from agent.hazards import cries_for_help

    assert cries_for_help(text) is cries


# --- filed ------------------------------------------------------------------------------------------------------------

REPORTS = [
    # Finnish
    "tulipalo Kamppi, ihmisiä sisällä", "HAK-E1 Kamppi palo", "palo!!", "Mannerheimintie 5 tulipalo, kaksi ihmistä sisällä",
    "kolari Mannerheimintie 5, kaksi loukkaantunutta", "ambulanssi Kamppi, mies tajuton",
    # Swedish
    "det brinner på Mannerheimintie 5", "trafikolycka vid Kamppi, två skadade",
    # German and other tourists' languages
    "Hilfe Feuer Kamppi", "Es brennt in Kamppi!", "Krankenwagen Kamppi, Mann bewusstlos", "fuego en Kamppi",
    "incendio Kamppi, persone dentro", "au feu! Kamppi", "pożar Kamppi", "пожар Kamppi",
    # radio shorthand
    "MVA Mech 3 x PI", "MVC Mannerheimintie 5, 2 PI, mech entrapment",
    # Chinese
    "Kamppi 着火了，里面有人",
]


@pytest.mark.parametrize("report", REPORTS)
def test_a_short_report_in_any_language_is_filed(make_assistant, report):
    final = _final(make_assistant(), report)
    assert final.plan is not None and final.plan.incident_id, final.text[:300]


@pytest.mark.parametrize("report", [
    "gas leak at Mannerheimintie 5, how far do we evacuate?",
    "ammonia leak at Kamppi, how far should we evacuate?",
    "smoke pouring out of a flat at Fredrikinkatu 30, do we evacuate the building?",
    "chlorine smell at the swimming hall, how far should people move back?",
])
def test_a_report_that_asks_how_far_to_evacuate_is_filed_and_answered(make_assistant, report):
    final = _final(make_assistant(), report)
    assert final.plan is not None and final.plan.incident_id, final.text[:300]
    assert "evacuat" in final.text.lower(), final.text[:600]


# --- not filed --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("message", [
    "is ERO-E1 free?", "where is Kamppi?", "onko ERO-E1 vapaa?", "var ligger Kamppi?", "ERO-E1",
    "how far do we evacuate for a gas leak?", "what does the plan say about a chlorine leak?",
    "help", "ERO-E1 palasi asemalle",
])
def test_status_place_and_procedure_questions_stay_unfiled(make_assistant, message):
    assistant = make_assistant()
    final = _final(assistant, message)
    assert final.plan is None or not final.plan.incident_id, final.text[:300]
    assert not assistant.incidents(), final.text[:300]
