"""s19 router mechanisms found on the s19 dev set (router_dev_v17_dev19.yaml), each in other words than its items:
incidents asked for as "jobs running" and in Finnish / Swedish; a unit type held back "for now" / "yet"; a unit asked
for with "arrange" / "organise"."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def router():
    from agent.router_model import IntentRouter

    return IntentRouter.default()


@pytest.fixture(scope="module")
def town():
    from tools.city import CityModel

    return CityModel.load()


def _names(calls):
    return [c["name"] for c in calls]


@pytest.mark.parametrize("text, priority", [
    ("ED here: how many P1 jobs are running at the moment?", "P1"),
    ("Which incidents are still in progress right now?", None),
    ("any P2 calls going on downtown?", "P2"),
    ("Mitkä tehtävät ovat auki nyt?", None),
    ("Onko avoimia tehtäviä tällä hetkellä?", None),
    ("Vilka händelser är öppna nu?", None),
    ("Finns det pågående ärenden?", None),
])
def test_incidents_asked_for_in_other_words_list_the_open_incidents(router, town, text, priority):
    from agent.intents import plan_calls

    calls = plan_calls(text, router, town)
    assert _names(calls) == ["open_incidents"], calls
    assert calls[0]["args"].get("priority") == priority


@pytest.mark.parametrize("text, kept, held", [
    ("Hazmat team to Rautatientori, a barrel is leaking by the platforms. No ambulance yet.", ["hazmat"], "ambulance"),
    ("Send an engine to Bulevardi 14 for the bin fire, no ladder for now", ["engine"], "ladder"),
    ("Two patrols to Narinkkatori please - no ambulance at this stage", ["police_patrol"], "ambulance"),
])
def test_a_unit_type_held_back_for_now_is_not_sent(router, town, text, kept, held):
    from agent.intents import plan_calls

    calls = [c for c in plan_calls(text, router, town) if c["name"] == "plan_dispatch"]
    assert calls, plan_calls(text, router, town)
    assert calls[0]["args"]["incidents"][0].get("unit_types") == kept


@pytest.mark.parametrize("text, unit_type", [
    ("Would you be able to arrange a utility crew for Snellmaninkatu 15? Half the street has no lights.", "utility_crew"),
    ("Please organise an ambulance for Stockmann's loading bay", "ambulance"),
    ("can you arrange two patrols for Narinkkatori tonight", "police_patrol"),
])
def test_a_unit_arranged_or_organised_for_a_place_is_a_dispatch(router, town, text, unit_type):
    from agent.intents import plan_calls

    calls = plan_calls(text, router, town)
    assert _names(calls)[:1] == ["plan_dispatch"], calls
    assert unit_type in calls[0]["args"]["incidents"][0].get("unit_types", [])


# --- Finnish and Swedish words of units, radii and hazards (s19 dev: the type, the radius or the hazard was dropped) ---
@pytest.mark.parametrize("text, types", [
    ("Lähetä poliisipartio Narinkkatorille", ["police_patrol"]),
    ("Lähettäkää pelastusyksikkö ja ambulanssi Siltasaarenkatu 10:een", ["rescue", "ambulance"]),
    ("Skicka en polispatrull och en ambulans till Stockmann", ["police_patrol", "ambulance"]),
    ("snd ambo + rescue to Siltasaarenkatu 3", ["ambulance", "rescue"]),
    ("Lähetä sammutusauto Bulevardi 14:ään", ["engine"]),
])
def test_unit_words_in_finnish_swedish_and_shorthand(text, types):
    from agent.slots import extract_unit_types

    assert sorted(extract_unit_types(text)) == sorted(types)


@pytest.mark.parametrize("text, radius", [
    ("Evakuoi Yrjönkatu 21 ja 100 metrin säteellä", 100.0),
    ("eristäkää 250 metriä Forumin ympäriltä", 250.0),
])
def test_a_finnish_radius_is_read(text, radius):
    from agent.slots import corrected_radius_m

    assert corrected_radius_m(text) == radius


@pytest.mark.parametrize("text, hazard", [
    ("Evakuera Forum, misstänkt paket i lobbyn", "public_security"),
    ("Epäilyttävä laukku jätetty Kampin aulaan", "public_security"),
    ("Kaksi autoa kolaroinut Mannerheimintiellä", "traffic_accident"),
])
def test_finnish_and_swedish_hazard_words(text, hazard):
    from agent.hazards import hazard_from_words

    assert hazard_from_words(text) == hazard


@pytest.mark.parametrize("text, unit_type", [
    ("Auto ja raitiovaunu kolaroineet Siltasaarenkatu 10:ssä, kuljettaja jumissa. Lähettäkää pelastusyksikkö, P1.", "rescue"),
    ("Mies kaatui portaissa Stockmannilla. Lähettäkää ambulanssi.", "ambulance"),
    ("Lähettäisittekö sammutusauton Bulevardi 14:ään, roskakori palaa", "engine"),
])
def test_a_finnish_plural_or_polite_send_is_a_dispatch(router, town, text, unit_type):
    """"Lähettäkää" / "lähettäisittekö" (send, plural / would you send): only "lähetä" was an order, and a report that
    ends with "Lähettäkää …" was planned as a report alone (s19 dev)."""
    from agent.intents import plan_calls

    calls = plan_calls(text, router, town)
    assert _names(calls) == ["plan_dispatch"], calls
    assert unit_type in calls[0]["args"]["incidents"][0].get("unit_types", [])
