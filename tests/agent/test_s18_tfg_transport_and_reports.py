"""Session 18 trial leftovers (tfg): an ambulance said to be going to a hospital is a patient transport, never a
dispatch to the incident (a hospital is no incident place); English, Finnish and Swedish.
Real router, real city, real knowledge base, quick triage model."""

from __future__ import annotations

import pytest

from agent.slots import extract_status


def _final(assistant, message: str, incident: str | None = None):
    return [e for e in assistant.chat(message, incident) if e.kind == "final"][-1]


# --- 1: an ambulance going to a hospital is transporting a patient -----------------------------------------------------

@pytest.mark.parametrize("said", [
    "{u} to the hospital",
    "{u} off to Meilahti with the driver",
    "{u} kuljettaa potilasta Meilahteen",
    "{u} transporterar patienten till sjukhuset",
])
def test_an_ambulance_going_to_a_hospital_proposes_transporting(make_assistant, restore_units, commit_units, said):
    assistant = make_assistant()
    incident = assistant.open_incident("chat", "op").incident_id
    ambulance = next(u for u, s in assistant.unit_statuses().items() if s == "available" and "-A" in u)
    commit_units(assistant, incident, [ambulance])
    final = _final(assistant, said.format(u=ambulance), incident)
    assert [p.action for p in final.proposals] == ["set_unit_status"], final.text[:500]
    assert final.proposals[0].args == {"unit_id": ambulance, "status": "transporting"}
    assert "no place on the map" not in final.text


@pytest.mark.parametrize("text,status", [
    ("KAI-A1 to the hospital", "transporting"),
    ("KAI-A1 kuljettaa potilaan sairaalaan", "transporting"),
    ("KAI-A1 kör patienten till Meilahti", "transporting"),
    ("ERO-E1 kuljettaja on jumissa", None),  # 'kuljettaja' is the driver, no transport
    ("send ERO-E1 to the hospital fire", None),  # a fire at a hospital: a dispatch, no transport
])
def test_a_transport_in_few_words_or_nordic_is_read(text, status):
    assert extract_status(text) == status


# --- 2: what is happening at a place, and a plea for more units: filed as a report whose plan has the units -----------

@pytest.mark.parametrize("text", [
    "CPR in progress at Annankatu 12, we need more ambulances",
    "Resuscitation going on at Bulevardi 14 and we need another ambulance",
    "HLR pågår på Bulevardi 14, vi behöver fler ambulanser",
])
@pytest.mark.parametrize("current", [False, True])
def test_a_report_at_a_place_with_a_plea_for_units_is_filed_and_planned(make_assistant, text, current):
    assistant = make_assistant()
    # the session's incident, elsewhere (a car fire on Mannerheimintie): the report is not one of it
    incident = assistant.plan("Car on fire at Mannerheimintie 20", narrative=False).incident_id if current else None
    final = _final(assistant, text, incident)
    assert final.plan is not None, final.text[:500]
    opened = [i for i in assistant.incidents() if i.incident_id != incident]
    assert len(opened) == 1 and opened[0].incident_type == "medical", final.text[:500]
    assert "no incident is open there" not in final.text
    assert "ambulance" in final.text.split("## Resources and ETAs", 1)[-1].split("## Communications", 1)[0]


# --- 3: a report headed by an incident id is a report of that incident -------------------------------------------------

UNDERPASS = ("Caller on 112: the underpass at Hakaniemi is full of water, there's a car down there with a man still inside, "
             "water is up to the windows")
ROOF = "Roof blown off at Kaisaniemenkatu 5, sheet metal on the street, two people under debris at the bus stop, one not moving"


@pytest.mark.parametrize("said", [
    "{id}: driver out of the car, conscious, hypothermic, handed to the ambulance",
    "{id} - man pulled out of the water, awake but very cold, the ambulance crew has him now",
    "{id}: kuljettaja saatu ulos autosta, tajuissaan, hypoterminen, luovutettu ensihoidolle",
])
@pytest.mark.parametrize("current", ["underpass", "roof", None])
def test_a_report_headed_by_an_incident_id_is_filed_to_it(make_assistant, said, current):
    assistant = make_assistant()
    underpass = _final(assistant, UNDERPASS).plan.incident_id
    roof = _final(assistant, ROOF).plan.incident_id
    assert underpass and roof and underpass != roof
    final = _final(assistant, said.format(id=underpass), {"underpass": underpass, "roof": roof}.get(current))
    assert final.plan is not None and final.plan.incident_id == underpass, final.text[:500]
    assert {i.incident_id for i in assistant.incidents()} == {underpass, roof}


# --- 4: a Swedish or Finnish building evacuation after a roof blew off is the English order's storm evacuation -------

@pytest.mark.parametrize("text", [
    "Evacuate the building at Kaisaniemenkatu 5, the roof has blown off",
    "Evakuera huset på Kaisaniemenkatu 5, taket har blåst av",
    "Evakuera byggnaden på Kaisaniemenkatu 5, stormen slet loss taket",
    "Evakuoi talo Kaisaniemenkatu 5, katto lensi tuulessa",
])
def test_a_nordic_building_evacuation_is_the_storm_evacuation_the_english_order_gets(make_assistant, text):
    assistant = make_assistant()
    final = _final(assistant, text)
    assert final.text.startswith("Evacuation plan (severe_weather"), final.text[:300]


@pytest.mark.parametrize("text", ["taket har blåst av", "taket blåste bort i natt", "katto lensi tuulessa", "katto irtosi myrskyssä"])
def test_a_roof_the_wind_took_is_storm_damage_in_swedish_and_finnish(text):
    from agent.hazards import hazard_from_words
    assert hazard_from_words(text) == "severe_weather"


@pytest.mark.parametrize("message", ["send ERO-E1 to the hospital", "ERO-L1 to Meilahti"])
def test_an_engine_or_ladder_to_a_hospital_is_no_transport(message):
    """Merge review s18: only an ambulance carries a patient; an engine sent to a hospital goes to an incident there."""
    assert extract_status(message) != "transporting"
