"""Issue 10 (session 22's new-user trial, HIGH): Finnish and Swedish life-risk reports are triaged as they are said.

Before: such reports were triaged not_incident or by a stray word (the triage model reads English and Chinese), a man
outside a bridge railing threatening to jump was typed flood, a capsized boat's people in the water, people coughing in
a chemical smell, an unconscious mother were not P1; an alarm the staff checked got a full P2 turnout, or was dropped
as a false alarm; a hoax said of the call was not said in the plan; a missing child with no place got the help text,
and so did a Swedish report of a place off the map. The words are one table (core/nordic_life_risk.py). Real
classifier (the quick model), real router, real city, real knowledge base. Texts worded apart from the dev set
(bench/data/life_risk_nordic_dev22.yaml) and from the table's own examples."""

from __future__ import annotations

import pytest

from agent.hazards import nordic_life_risk
from core.nordic_life_risk import nordic_cues


def _final(assistant, message: str):
    return [e for e in assistant.chat(message, None) if e.kind == "final"][-1]


def _unit_types(plan) -> set[str]:
    return {line.text.split("(", 1)[1].split(",", 1)[0] for line in plan.resources
            if "(" in line.text and ", " in line.text and not line.text.startswith(("Not considered", "INC-"))}


@pytest.fixture(scope="module")
def shared_assistant(base_settings, triage_model, retriever, city, tmp_path_factory):
    from agent.assistant import Assistant
    from agent.backends import build_backend
    from agent.store import IncidentStore

    return Assistant(base_settings, triage=triage_model, retriever=retriever, city=city, backend=build_backend(base_settings),
                     store=IncidentStore(tmp_path_factory.mktemp("nordic22") / "incidents.sqlite"))


def _triage(assistant, text: str):
    return assistant.report_triage()(text)


# --- type and priority on the report path (the classifier checked against the words) ---------------------------------

TRIAGED = [
    # (2) a jump threat over water: public_security P1, not a flood
    ("Bussikuski soittaa: nainen istuu Hakaniemen sillan kaiteella jalat veden puolella ja sanoo hyppäävänsä", "public_security"),
    ("Vittne ringer: en tonåring har klättrat över räcket på Långa bron och tänker hoppa ner i vattnet", "public_security"),
    ("HAK-P1: Pitkälläsillalla mies kaiteen väärällä puolella, uhkailee hypätä, tarvitaan neuvottelija", "public_security"),
    # (3) a boat capsized, people in the water: a water rescue, P1
    ("Larm från en seglare: en motorbåt har slagit runt vid Sandviken och två personer är i vattnet", "medical"),
    ("Kanootti kumossa Seurasaarenselällä, kaksi melojaa veden varassa", "medical"),
    # (4) several people coughing in a chemical smell: hazmat P1
    ("Koulun kemian luokassa pistävä haju, kuusi oppilasta yskii ja heitä huimaa", "hazmat"),
    ("Stickande lukt i tvättstugan på Runebergsgatan, grannarna hostar och säger att det svider i halsen", "hazmat"),
    # (1) a life at risk said plainly
    ("Naapurin mummo lyyhistyi rappukäytävään eikä reagoi puhutteluun", "medical"),
    ("Min sambo är medvetslös på badrumsgolvet och har blå läppar", "medical"),
    ("Mies huitoo puukolla Narinkkatorilla, yksi nuori puukotettu", "public_security"),
]


@pytest.mark.parametrize("text, kind", TRIAGED)
def test_a_nordic_life_risk_is_p1_of_its_own_type(shared_assistant, text, kind):
    out = _triage(shared_assistant, text)
    assert (out.incident_type, out.priority) == (kind, "P1"), (text, out.incident_type, out.priority)


@pytest.mark.parametrize("text", [
    # (5) an automatic alarm the staff checked: one unit verifies it
    "Automaattinen palohälytys päiväkodissa Fredrikinkadulla, talonmies kävi tarkistamassa, ei näy savua",
    "Brandlarm på hotellet vid Skillnaden, receptionen har kollat alla våningar, falsklarm, ingen rök någonstans",
])
def test_an_alarm_the_staff_checked_is_p3(shared_assistant, text):
    out = _triage(shared_assistant, text)
    assert (out.incident_type, out.priority) == ("fire", "P3"), (text, out.incident_type, out.priority)


@pytest.mark.parametrize("text", [
    "Sillan kaiteessa on lommo, joku on ajanut siihen yöllä",  # a railing dented: nobody on it
    "Äiti ei vastaa puhelimeen, soitin kymmenen kertaa",  # no answer on the phone is no unconscious person
    "Kemikaalivarastossa pieni vuoto, kukaan ei yski, kaikki ovat ulkona",  # symptoms denied
    "Båten är uppdragen på land för vintern, inget fel på den",
    "Vi ska hoppa över lunchen, mötet på Bulevarden drar ut på tiden",  # "hoppa över": skip it
])
def test_near_misses_raise_nothing(text):
    assert nordic_life_risk(text) == [], text


def test_a_checked_alarm_that_burns_after_all_is_not_lowered():
    hits = nordic_cues("Brandlarm på Annankatu 12, personalen har kontrollerat, men det brinner i köket")
    assert not any(hit.cue.exact and hit.sets_priority for hit in hits), hits


# --- filed by the chat, with the units that fit ----------------------------------------------------------------------

def test_a_finnish_jump_threat_gets_police_ambulance_and_water_rescue(make_assistant):
    final = _final(make_assistant(), "Bussikuski soittaa: nainen istuu Hakaniemen sillan kaiteella jalat veden puolella ja sanoo hyppäävänsä")
    assert final.plan is not None, final.text[:300]
    assert (final.plan.triage.incident_type, final.plan.triage.priority) == ("public_security", "P1")
    assert {"police_patrol", "ambulance", "rescue"} <= _unit_types(final.plan), [r.text for r in final.plan.resources]


def test_a_swedish_capsize_is_a_p1_water_rescue(make_assistant):
    final = _final(make_assistant(), "Larm från en seglare: en motorbåt har slagit runt vid Sandviken och två personer är i vattnet")
    assert final.plan is not None, final.text[:300]
    assert (final.plan.triage.incident_type, final.plan.triage.priority) == ("medical", "P1")
    assert "rescue" in _unit_types(final.plan), [r.text for r in final.plan.resources]


@pytest.mark.parametrize("text", [
    "Automaattinen palohälytys päiväkodissa Fredrikinkadulla, talonmies kävi tarkistamassa, ei näy savua",
    "Brandlarm på hotellet vid Skillnaden, receptionen har kollat alla våningar, falsklarm, ingen rök någonstans",
])
def test_a_checked_alarm_is_filed_with_one_unit(make_assistant, text):
    final = _final(make_assistant(), text)
    assert final.plan is not None, final.text[:300]  # not dropped as a false alarm: one unit still verifies it
    assert final.plan.triage.priority == "P3"
    needs = [r.text for r in final.plan.resources if " needs " in r.text]
    assert len(needs) == 1 and "1 x" in needs[0], [r.text for r in final.plan.resources]


@pytest.mark.parametrize("text, said", [
    ("Nimetön soittaja väittää Kampin keskuksessa olevan pommi, sama numero teki eilen pilailmoituksen", "pilailmoituksen"),
    ("Någon ringde och sa att det brinner på Stora Robertsgatan 3, kan vara en busringning", "busringning"),
])
def test_a_hoax_context_is_flagged_not_dropped(make_assistant, text, said):
    final = _final(make_assistant(), text)
    assert final.plan is not None, final.text[:300]
    assert final.plan.triage.incident_type != "not_incident"
    assert any("Possible hoax" in w and said in w for w in final.plan.warnings), final.plan.warnings


@pytest.mark.parametrize("text", [
    "Pappa ringer: hans son, 6 år, har kommit bort, han vet inte var han såg honom senast",
    "Tyttö, 8-vuotias, eksyi äidiltään eikä vastaa puhelimeen",
])
def test_a_missing_child_with_no_place_is_pre_alerted(make_assistant, text):
    final = _final(make_assistant(), text)
    assert final.plan is not None, final.text[:300]
    assert final.plan.triage.incident_type == "missing_person"
    assert "police_patrol" in _unit_types(final.plan), [r.text for r in final.plan.resources]
    assert any("LOCATION UNCONFIRMED" in w for w in final.plan.warnings), final.plan.warnings


def test_a_swedish_report_off_the_map_is_triaged_and_asks_for_a_street(make_assistant):
    final = _final(make_assistant(), "Kvinna klänger på räcket vid Kronbroarna och ska hoppa, vi står bredvid henne")
    assert final.plan is not None, final.text[:300]  # was the out-of-scope text
    assert final.plan.triage.priority == "P1"
    assert any("Kronbroarna" in w and "not on the map" in w and "street or a landmark" in w for w in final.plan.warnings), \
        final.plan.warnings
