"""Session 18 trial (storm night): the facts of Finnish and Swedish reports that decide the units.

* someone trapped said in Swedish or Finnish ("föraren sitter fast", "kuljettaja on jumissa", "loukussa") was no
  entrapment: a tree on a car with the driver caught in it got no rescue unit;
* CPR said in Finnish or Swedish ("elvytys käynnissä", "HLR pågår") was no cardiac arrest;
* a crew asking for more EMS in Finnish or Swedish ("tarvitaan lisää ensihoitoa", "behöver fler ambulanser") asked for
  nothing: with two ambulances on scene, no third was proposed;
* "inga skadade" (nobody hurt, Swedish) was not read as the caller saying nobody is hurt.
Real determinants, real dispatch planner on a grid city."""

from __future__ import annotations

import pytest

from tools.determinants import additional_units, extract
from tools.dispatch import IncidentRequest, plan_dispatch


def _codes(text: str) -> set[str]:
    return {d.code for d in extract(text)}


@pytest.mark.parametrize("text", [
    "Träd har fallit över Mariegatan, en bil under trädet, föraren fast",
    "Träd har fallit över en bil på Unionsgatan, föraren sitter fast",
    "ett träd föll på bilen vid Bulevardi, chauffören är fastklämd",
    "Puu kaatui auton päälle Annankadulla, kuljettaja on jumissa",
    "kuljettaja loukussa autossa Mannerheimintiellä, puu kaatunut",
])
def test_someone_caught_in_a_vehicle_in_swedish_or_finnish_is_an_entrapment(text):
    assert "vehicle_entrapment" in _codes(text), extract(text)


@pytest.mark.parametrize("text", [
    "två personer sitter fast i rasmassorna på Bulevardi",
    "mies on loukussa sortuneen katon alla",
])
def test_someone_trapped_in_swedish_or_finnish_is_trapped(text):
    assert _codes(text) & {"trapped", "collapse_people_under"}, extract(text)


@pytest.mark.parametrize("text", [
    "bilen sitter fast i snön på Bulevardi",        # the car is stuck in the snow, nobody in it caught
    "hissi on jumissa, ei ketään sisällä",           # the lift is stuck, nobody inside
    "Fast response needed at Annankatu 12",          # English "fast"
])
def test_a_thing_stuck_is_no_one_trapped(text):
    assert not _codes(text) & {"vehicle_entrapment", "trapped"}, extract(text)


@pytest.mark.parametrize("text", [
    "ERO-L1 raportoi: toinen henkilö saatu irti, elvytys käynnissä, tarvitaan lisää ensihoitoa Kaisaniemenkatu 5",
    "Mies elvytetään parhaillaan Annankatu 9:n rappukäytävässä",
    "HLR pågår på Bulevardi 14",
    "vi har påbörjat hjärt-lungräddning på en kvinna vid Unionsgatan",
])
def test_cpr_in_finnish_or_swedish_is_a_cardiac_arrest(text):
    assert "not_breathing" in _codes(text), extract(text)


@pytest.mark.parametrize("text", [
    "ERO-L1 raportoi: toinen henkilö saatu irti, elvytys käynnissä, tarvitaan lisää ensihoitoa Kaisaniemenkatu 5",
    "tarvitsemme vielä yhden ambulanssin, toinen potilas löytyi",
    "vi behöver en ambulans till, två patienter nu",
    "skicka fler ambulanser till Bulevardi 14",
])
def test_more_ems_asked_in_finnish_or_swedish_is_one_more_ambulance(text):
    assert additional_units(extract(text)) == {"ambulance": 1}, extract(text)


@pytest.mark.parametrize("text", [
    "ei tarvita lisää ensihoitoa, potilas on kunnossa",
    "vi behöver ingen mer ambulans, han mår bra",
    "ambulanssi on jo paikalla",
])
def test_no_ask_for_more_ems_where_none_is_made(text):
    assert additional_units(extract(text)) == {}, extract(text)


@pytest.mark.parametrize("text", [
    "Ett träd har fallit över spåret på Bulevardi, spårvagnen står still, inga skadade",
    "Kaatunut puu Snellmaninkatu 10, raitiovaunu pysähtynyt, ei loukkaantuneita",
    "tree down across Mannerheimintie, tram stopped, no injuries",
    "大树倒在电车轨道上，电车停了，无人受伤",
])
def test_nobody_hurt_is_read_in_every_language(text):
    codes = _codes(text)
    assert "no_casualties" in codes and "injured" not in codes, extract(text)


def test_a_finnish_crew_asking_for_more_ems_gets_a_third_ambulance(make_grid_city, at):
    """The trial's follow-up on a storm collapse with two ambulances on scene: CPR under way, more EMS asked for."""
    stations = [
        {"id": "A", "name": "Station A", "location": at(0, 0), "units": [
            {"id": "A1", "type": "ambulance", "status": "dispatched"}, {"id": "A2", "type": "ambulance", "status": "dispatched"},
            {"id": "R1", "type": "rescue", "status": "dispatched"}, {"id": "E1", "type": "engine", "status": "dispatched"}]},
        {"id": "B", "name": "Station B", "location": at(0, 5), "units": [{"id": "B1", "type": "ambulance"}, {"id": "B2", "type": "ambulance"}]},
    ]
    city = make_grid_city(6, stations=stations)
    text = ("Myrsky! Roof blown off, sheet metal came down on the street, two people lying under debris at the bus stop, one not moving. "
            "ERO-L1 raportoi: toinen henkilö saatu irti, elvytys käynnissä, tarvitaan lisää ensihoitoa")
    request = IncidentRequest(incident_id="INC-9B", incident_type="severe_weather", priority="P1", lat=at(2, 2)[0], lon=at(2, 2)[1],
                              determinants=extract(text), on_scene=["A1", "A2", "R1", "E1"])
    plan = plan_dispatch(city, [request])
    sent = [a.unit_id for a in plan.assignments if a.unit_type == "ambulance"]
    missing = sum(s.missing for s in plan.shortfalls if s.unit_type == "ambulance")
    assert sent or missing, (plan.explanation, plan.warnings)
