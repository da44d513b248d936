"""Session 22 trial (a Finnish-Swedish rescue-service shift commander, `eca chat` and the HTTP API): orders said in
Finnish, Swedish or German were read as places.  "Anna tilannekatsaus" (give a situation report) was answered with
the pub "Anna.K"; "Stäng incidenten INC-…" listed the open incidents; "Slå ihop INC-… med INC-…" opened a new incident
with units; "Lähetä kaksi ambulanssia INC-… tapahtumaan" got a status line; "kyllä" was looked up as a place.

Through ``Assistant.chat`` with the deterministic router (real triage model, plans, city): the tools each order runs,
the proposals it makes, and that no order opens an incident.  ``Gazetteer.resolve`` reads Finnish case forms of the
map's own names."""

from __future__ import annotations

import pytest


def _tools(events) -> list[str]:
    return [e.step.name for e in events if e.kind == "tool" and e.step is not None]


def _resolved(events) -> list[str]:
    return [str(e.step.arguments.get("name")) for e in events if e.kind == "tool" and e.step is not None and e.step.name == "resolve_place"]


@pytest.fixture
def assistant(make_assistant, restore_units):
    return make_assistant()


@pytest.fixture
def two_incidents(assistant, committed_plan) -> tuple[str, str]:
    """Two open incidents, each with its units committed (the older first)."""
    first, _ = committed_plan(assistant, "Tulipalo kerrostalon rappukäytävässä, Bulevardi 14, savua kaikissa kerroksissa")
    second, _ = committed_plan(assistant, "Rök väller ut ur fönstren på Annankatu 16, gårdssidan")
    return first, second


def _chat(assistant, text: str, incident: str | None):
    return list(assistant.chat(text, incident, "op-ville"))


# --- 1. an order is no place --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Anna tilannekatsaus",
    "anna tilannekatsaus, kiitos",
    "Antakaa lyhyt tilannekatsaus",
    "Ge en lägesrapport",
    "Ge mig en lägesbild tack",
    "Lagebericht bitte",
    "Gib mir einen Lagebericht",
])
def test_a_situation_report_order_is_a_sitrep_not_a_place(assistant, two_incidents, text):
    events = _chat(assistant, text, two_incidents[1])
    assert _tools(events) == ["sitrep"], (text, _tools(events), events[-1].text[:300])
    assert "Anna.K" not in events[-1].text and not _resolved(events)


@pytest.mark.parametrize("text", [
    "Stäng incidenten {a}",
    "stäng {a}, falsklarm",
    "Sulje tehtävä {a}",
    "sulje {a} nyt",
    "Schließe {a}",
    "Schließe den Einsatz {a} bitte",
])
def test_a_close_order_is_a_close_proposal(assistant, two_incidents, text):
    first, second = two_incidents
    before = {i.incident_id for i in assistant.incidents()}
    events = _chat(assistant, text.format(a=first), second)
    reply = events[-1]
    assert [(p.action, p.args.get("incident_id")) for p in reply.proposals] == [("close_incident", first)], (text, reply.text[:300])
    assert not _resolved(events) and {i.incident_id for i in assistant.incidents()} == before


@pytest.mark.parametrize("text", ["kyllä", "Kyllä.", "joo", "ei", "Ei kiitos", "ja", "Ja!", "nej", "nein", "Nej tack"])
def test_a_bare_yes_or_no_in_the_citys_languages_is_an_answer_not_a_place(assistant, two_incidents, text):
    before = {i.incident_id for i in assistant.incidents()}
    events = _chat(assistant, text, two_incidents[0])
    assert _tools(events) == [], (text, _tools(events), events[-1].text[:300])
    assert "Nothing is pending confirmation" in events[-1].text
    assert {i.incident_id for i in assistant.incidents()} == before


@pytest.mark.parametrize("text, unit", [
    ("Skicka hit KAI-A1", "KAI-A1"),
    ("skicka KAI-A1 hit nu", "KAI-A1"),
    ("Lähetä KAI-A1 tänne", "KAI-A1"),
    ("Lähettäkää KAI-A1 tänne heti", "KAI-A1"),
    ("Schick KAI-A1 hierher", "KAI-A1"),
])
def test_a_unit_sent_here_is_proposed_for_the_sessions_incident(assistant, two_incidents, text, unit):
    incident = two_incidents[1]
    events = _chat(assistant, text, incident)
    reply = events[-1]
    assert [(p.action, p.args.get("unit_id"), p.args.get("status")) for p in reply.proposals] == [
        ("set_unit_status", unit, "dispatched")], (text, _tools(events), reply.text[:300])
    assert all(p.incident_id == incident for p in reply.proposals) and not _resolved(events)


@pytest.mark.parametrize("text", ["Skicka hit en ambulans", "Lähetä ambulanssi tänne", "lähetä tänne vielä yksi ambulanssi"])
def test_a_unit_type_sent_here_is_planned_for_the_sessions_incident(assistant, two_incidents, text):
    before = {i.incident_id for i in assistant.incidents()}
    events = _chat(assistant, text, two_incidents[1])
    assert "plan_dispatch" in _tools(events) and not _resolved(events), (text, _tools(events), events[-1].text[:300])
    called = next(e.step.arguments for e in events if e.kind == "tool" and e.step is not None and e.step.name == "plan_dispatch")
    places = [i.get("place") for i in called.get("incidents", [])]
    assert not any(p and p.split()[0].lower() in ("skicka", "lähetä", "hit", "tänne") for p in places), called
    assert {i.incident_id for i in assistant.incidents()} == before


def test_the_place_guess_takes_no_order_word(city):
    from agent.intents import _guess_place

    for text, never in [("Anna tilannekatsaus", "Anna"), ("Lähetä ambulanssi tänne", "Lähetä"), ("Skicka hit en ambulans", "Skicka"),
                        ("Sulje tehtävä", "Sulje"), ("Schließe den Einsatz", "Schließe"), ("Ge en lägesrapport", "Ge"),
                        ("Missä Kamppi on?", "Missä"), ("Var ligger Forum?", "Var")]:
        assert never not in _guess_place(text).split()[:1], text


# --- 2. a merge order never opens an incident --------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Slå ihop {b} med {a}", "slå samman {b} och {a}", "Yhdistä {b} ja {a}", "yhdistä {b} {a}:hen",
                                  "Führe {b} und {a} zusammen"])
def test_a_merge_order_proposes_the_merge_and_opens_nothing(assistant, two_incidents, text):
    first, second = two_incidents
    before = {i.incident_id for i in assistant.incidents()}
    units_before = assistant.unit_statuses()
    events = _chat(assistant, text.format(a=first, b=second), second)
    reply = events[-1]
    assert [p.action for p in reply.proposals] == ["merge_incidents"], (text, _tools(events), reply.text[:300])
    assert {reply.proposals[0].args["merged"], reply.proposals[0].args["into"]} == {first, second}
    assert {i.incident_id for i in assistant.incidents()} == before and assistant.unit_statuses() == units_before
    assert "plan_response" not in _tools(events)


def test_a_merge_order_outside_any_incident_opens_none(assistant, two_incidents):
    """The trial's merge was typed in a session on no incident: it opened a new one with units."""
    first, second = two_incidents
    before, units_before = {i.incident_id for i in assistant.incidents()}, assistant.unit_statuses()
    events = _chat(assistant, f"Slå ihop {second} med {first}, det är samma brand", None)
    reply = events[-1]
    assert [(p.action, p.args["merged"], p.args["into"]) for p in reply.proposals] == [("merge_incidents", second, first)], reply.text[:300]
    assert {i.incident_id for i in assistant.incidents()} == before and assistant.unit_statuses() == units_before


@pytest.mark.parametrize("text, session", [("Slå ihop incidenterna", 1), ("yhdistä tehtävät", 1), ("slå ihop de två ärendena", None)])
def test_a_merge_order_naming_no_incidents_asks_which(assistant, two_incidents, text, session):
    before = {i.incident_id for i in assistant.incidents()}
    events = _chat(assistant, text, None if session is None else two_incidents[session])
    assert not events[-1].proposals and "plan_response" not in _tools(events), (text, _tools(events), events[-1].text[:300])
    assert "Which two incidents" in events[-1].text
    assert {i.incident_id for i in assistant.incidents()} == before


# --- 3. a Finnish dispatch order is a dispatch proposal, not a status line ---------------------------------------------

@pytest.mark.parametrize("session", [0, None])
@pytest.mark.parametrize("text", ["Lähetä kaksi ambulanssia {b} tapahtumaan", "Hälytä kaksi ambulanssia tehtävälle {b}",
                                  "Skicka två ambulanser till {b}"])
def test_a_dispatch_to_a_named_incident_is_planned_for_it(assistant, two_incidents, text, session):
    second = two_incidents[1]
    events = _chat(assistant, text.format(b=second), None if session is None else two_incidents[session])
    assert "plan_dispatch" in _tools(events) and not _resolved(events), (text, _tools(events), events[-1].text[:300])
    assert "unit_status" not in _tools(events)


@pytest.mark.parametrize("text", ["Hälytä pelastusyksikkö Kamppiin", "hälytä ambulanssi Rautatientorille", "Larma en ambulans till Kampen"])
def test_a_finnish_alert_order_is_a_dispatch_to_the_place(assistant, two_incidents, text):
    events = _chat(assistant, text, two_incidents[0])
    tools = _tools(events)
    assert "plan_dispatch" in tools and "resolve_place" not in tools, (text, tools, events[-1].text[:300])


# --- 4. Finnish case forms of the map's names ---------------------------------------------------------------------------

@pytest.mark.parametrize("said, name", [
    ("Pitkällesillalle", "Pitkäsilta"), ("Pitkältäsillalta", "Pitkäsilta"), ("Kampissa", "Kamppi"), ("Kampista", "Kamppi"),
    ("Rautatientorilta", "Rautatientori"), ("Esplanadilla", "Esplanadi"), ("Hakaniemessä", "Hakaniemi"),
    ("Kauppatorilla", "Kauppatori"), ("Kampisa", "Kamppi"), ("Esplanaadilla", "Esplanadi"),
])
def test_the_gazetteer_reads_finnish_case_forms(city, said, name):
    assert name in city.gazetteer.resolve(said).name, said


@pytest.mark.parametrize("said", ["Lähetä", "kyllä", "Sulje", "Skicka"])
def test_an_order_word_is_no_place_for_the_gazetteer(city, said):
    from tools.gazetteer import UnknownPlaceError

    with pytest.raises(UnknownPlaceError):
        city.gazetteer.resolve(said)
