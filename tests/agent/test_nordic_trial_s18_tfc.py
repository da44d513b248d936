"""Session 18 trial (storm night): Finnish and Swedish reports and questions the assistant misread.

* H8: a Swedish tree on a car with the driver caught ("föraren fast", "sitter fast") got the help text, or was filed as
  a P2 flood: someone trapped is a life at risk (P1), a tree on a car is storm damage with a rescue;
* M13: a Finnish fallen tree with a tram stopped and "ei loukkaantuneita" (nobody hurt) was filed as medical with an
  ambulance: an injury denied names no medical hazard;
* M3: a Finnish crew's CPR under way ("elvytys käynnissä") was no medical emergency;
* M6: "Hur många ambulanser är lediga just nu?" (Swedish: how many ambulances are free) was out of scope or filed;
* a bare cry for help at an address ("apua Annankatu 12", "help Annankatu 12") was filed as not_incident ("No
  incident indicated") or not found on the map.
Real router, real city, real knowledge base, quick triage model."""

from __future__ import annotations

import pytest

from agent.hazards import hazard_from_words


def _final(assistant, message: str, incident: str | None = None):
    return [e for e in assistant.chat(message, incident) if e.kind == "final"][-1]


def _resources(text: str) -> str:
    return text.split("## Resources and ETAs", 1)[-1].split("## Communications", 1)[0]


# --- H8: someone trapped under a fallen tree, in Swedish and Finnish ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "Träd har fallit över Mariegatan, en bil under trädet, föraren fast",
    "Träd har fallit över en bil på Unionsgatan, föraren sitter fast",
    "Puu kaatui auton päälle Annankadulla, kuljettaja on jumissa",
])
def test_a_driver_trapped_under_a_fallen_tree_is_filed_p1_with_a_rescue(make_assistant, text):
    assistant = make_assistant()
    final = _final(assistant, text)
    assert final.plan is not None, final.text[:300]
    incident = assistant.incidents()[0]
    assert incident.priority == "P1", final.text[:600]
    assert incident.incident_type in ("severe_weather", "traffic_accident"), final.text[:600]
    assert "rescue" in _resources(final.text), final.text


@pytest.mark.parametrize("text", [
    "Träd har fallit över en bil på Unionsgatan",
    "Kaatunut puu Snellmaninkatu 10",
    "ett träd har blåst omkull på Bulevardi",
])
def test_a_fallen_tree_in_swedish_or_finnish_is_storm_damage(text):
    assert hazard_from_words(text) == "severe_weather"


# --- M13: a fallen tree on the tracks, nobody hurt ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Kaatunut puu Snellmaninkatu 10, raitiovaunu pysähtynyt, ei loukkaantuneita",
    "Ett träd har fallit över spåret på Bulevardi 14, spårvagnen står still, inga skadade",
    "大树倒在电车轨道上，电车停了，无人受伤",
])
def test_a_denied_injury_names_no_medical_hazard(text):
    assert hazard_from_words(text) == "severe_weather"


@pytest.mark.parametrize("text", ["nobody injured", "ei loukkaantuneita", "inga skadade"])
def test_an_injury_denied_alone_names_no_hazard(text):
    assert hazard_from_words(text) is None


@pytest.mark.parametrize("text", [
    "Kaatunut puu Snellmaninkatu 10, raitiovaunu pysähtynyt, ei loukkaantuneita",
    "Ett träd har fallit över spåret på Bulevardi 14, spårvagnen står still, inga skadade",
])
def test_a_tree_on_the_tracks_with_nobody_hurt_gets_no_ambulance(make_assistant, text):
    assistant = make_assistant()
    final = _final(assistant, text)
    assert final.plan is not None, final.text[:300]
    assert assistant.incidents()[0].incident_type == "severe_weather", final.text[:600]
    assert "ambulance" not in _resources(final.text), final.text


# --- M3: CPR under way in Finnish and Swedish --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "ERO-L1 raportoi: toinen henkilö saatu irti, elvytys käynnissä, tarvitaan lisää ensihoitoa Kaisaniemenkatu 5",
    "HLR pågår på Bulevardi 14",
    "vi har påbörjat hjärt-lungräddning vid Annankatu 9",
])
def test_cpr_under_way_is_a_p1_medical_call(make_assistant, text):
    assistant = make_assistant()
    final = _final(assistant, text)
    assert final.plan is not None, final.text[:300]
    incident = assistant.incidents()[0]
    assert (incident.incident_type, incident.priority) == ("medical", "P1"), final.text[:600]
    assert "not breathing" in final.text or "cardiac arrest" in final.text, final.text[:900]


# --- M6: a Swedish question about free units ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Hur många ambulanser är lediga just nu?",
    "Finns det lediga ambulanser?",
    "Montako ambulanssia on vapaana?",
])
def test_a_nordic_question_about_free_ambulances_is_answered_from_the_unit_board(routed_calls, text):
    calls = routed_calls(text)
    assert calls and calls[0]["name"] == "unit_status", calls


def test_a_swedish_question_about_free_ambulances_files_nothing(make_assistant):
    assistant = make_assistant()
    final = _final(assistant, "Hur många ambulanser är lediga just nu?")
    assert final.plan is None and not assistant.incidents(), final.text[:300]
    assert "(ambulance" in final.text, final.text[:300]


# --- a bare cry for help at an address -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["apua Annankatu 12", "hjälp Bulevardi 14", "help Annankatu 12"])
def test_a_cry_for_help_at_an_address_is_an_unknown_emergency(make_assistant, text):
    assistant = make_assistant()
    final = _final(assistant, text)
    assert "no place called" not in final.text, final.text[:300]
    assert final.plan is not None, final.text[:300]
    assert "No incident indicated" not in final.text, final.text
    assert assistant.incidents()[0].incident_type != "not_incident", final.text[:600]
    assert "what happened" in final.text.lower(), final.text


@pytest.mark.parametrize("text", [
    "大树砸在一辆车上，司机被困在车里",
    "a tree fell on a car on Bulevardi, the driver is pinned inside",
    "Puu kaatui auton päälle Annankadulla, kuljettaja on jumissa",
    "Mannen är fastklämd under en spårvagn vid Bulevardi",
])
def test_someone_trapped_is_p1_whatever_the_model_reads(triage_model, text):
    from agent.hazards import reconciled_triage

    # the model's own reading, set at P2 (the trial's real model read such a report as a P2 flood)
    raw = triage_model.predict([text])[0].model_copy(update={"priority": "P2"})
    outcome = reconciled_triage(raw, text)
    assert outcome.priority == "P1", outcome


@pytest.mark.parametrize("text", [
    "the lift is stuck between floors with two people inside, they are fine",
    "tree down across Mannerheimintie, nobody trapped, no injuries",
])
def test_a_lift_stuck_or_nobody_trapped_is_not_raised_to_p1(triage_model, text):
    """A lift stopped with people in it is a breakdown (its own determinant); "nobody trapped" denies it."""
    from agent.hazards import reconciled_triage

    # the model's own reading, set at P3 (the quick model guesses P1 for some of these: the rule must not be what raises it)
    raw = triage_model.predict([text])[0].model_copy(update={"priority": "P3"})
    assert reconciled_triage(raw, text).priority == "P3"
