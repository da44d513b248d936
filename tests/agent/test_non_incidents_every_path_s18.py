"""Session 18 (HIGH): a drill, a test, an all-clear, a false alarm, a word of thanks or a hazard word in its everyday
sense ("smoke break", "fire station") is no new emergency on ANY filing path. Session 17 kept them out of the short-
report path only (agent.intents._short_report); the classifier, the triage-model fallback and the general filing path
still opened incidents ("the fire drill went well" a fire, "kiitos" a utility outage P2). Real reports that mention
these words ("fire drill cancelled, REAL fire ...", "kiitos, mutta nyt ... palaa!") are still filed."""

from __future__ import annotations

import pytest


def _final(assistant, message: str, incident_id: str | None = None):
    return [e for e in assistant.chat(message, incident_id) if e.kind == "final"][-1]


DRILLS = ["the fire drill went well", "paloharjoitus meni hyvin, kiitos kaikille", "brandövningen gick bra",
          "今天的消防演练很顺利"]
TESTS = ["smoke detector test at Kamppi, please ignore", "palovaroittimen testaus Kampissa, ei toimenpiteitä",
         "test av brandlarmet vid Kamppi, ignorera larmet", "Kamppi 烟感测试，请忽略"]
EVERYDAY = ["going out for a smoke break", "Kamppi fire station", "back from my smoke break, anything new?"]
FALSE_ALARMS = ["automatic fire alarm at Annankatu 12, false alarm, reset by the caretaker",
                "paloilmoitin Annankatu 12, erheellinen hälytys, kiinteistöhuolto kuittasi",
                "brandlarm på Annankatu 12, falsklarm, återställt av fastighetsskötaren",
                "Annankatu 12 火警自动报警，误报，已由管理员复位"]
ALL_CLEARS = ["the fire at Kamppi is out", "palo Kampissa on sammutettu", "branden vid Kamppi är släckt",
              "Kamppi 的火已经扑灭了"]
THANKS = ["kiitos", "tack", "谢谢", "thanks a lot!", "kiitos paljon", "tack så mycket", "thank you"]

NON_INCIDENTS = DRILLS + TESTS + EVERYDAY + FALSE_ALARMS + ALL_CLEARS + THANKS

REAL_REPORTS = [
    "fire drill cancelled, REAL fire on 3rd floor at Annankatu 12, people trapped",
    "this is not a drill: smoke pouring from the roof at Bulevardi 14",
    "the smoke test turned into a real fire at Kamppi",
    "fire at Kamppi is out but a man is unconscious inside",
    "the fire at Annankatu 12 was put out, but now there is a gas leak in the basement",
    "kiitos, mutta nyt Annankatu 12 palaa!",
    "kiitos, nyt Bulevardi 14 tulipalo, ihmisiä sisällä",
    "tack, men nu brinner det på Annankatu 12",
    "谢谢，但是 Kamppi 又起火了，有人被困",
    "演练取消，Annankatu 12 真的着火了，有人被困",
    "thanks - but now there's a car crash at Kamppi, two injured",
    # the words of a drill or a test naming a place, and people at risk beside an all-clear or a drill
    "fire at the training centre on Annankatu 12, smoke from the roof",
    "smoke coming out of the test lab at Bulevardi 14",
    "the fire at Kamppi is out, two firefighters injured",
    "harjoitus keskeytetty, mies loukkaantui Kampissa",
    "演练时 Kamppi 有人受伤",
]


@pytest.mark.parametrize("message", NON_INCIDENTS)
def test_the_words_say_no_new_emergency(message):
    from agent.hazards import no_new_emergency

    assert no_new_emergency(message) is not None


@pytest.mark.parametrize("message", REAL_REPORTS)
def test_a_real_emergency_beside_those_words_is_one(message):
    from agent.hazards import no_new_emergency

    assert no_new_emergency(message) is None


@pytest.mark.parametrize("message", NON_INCIDENTS)
def test_a_non_incident_opens_no_incident_and_says_nothing_was_filed(make_assistant, restore_units, message):
    assistant = make_assistant()
    final = _final(assistant, message)
    assert not assistant.incidents(), final.text[:300]
    assert final.plan is None, final.text[:300]


@pytest.mark.parametrize(("message", "said"), [
    ("the fire drill went well", "nothing was filed"),
    ("palovaroittimen testaus Kampissa, ei toimenpiteitä", "mitään ei kirjattu"),
    ("brandövningen gick bra", "inget registrerades"),
    ("今天的消防演练很顺利", "未登记任何事件"),
    ("kiitos", "mitään ei kirjattu"),
    ("谢谢", "未登记任何事件"),
])
def test_the_answer_is_short_specific_and_in_the_users_language(make_assistant, restore_units, message, said):
    final = _final(make_assistant(), message)
    assert said in final.text, final.text[:300]
    assert len(final.text) < 400, final.text


@pytest.mark.parametrize("message", REAL_REPORTS)
def test_a_real_report_with_those_words_is_filed(make_assistant, restore_units, message):
    assistant = make_assistant()
    final = _final(assistant, message)
    assert final.plan is not None and final.plan.incident_id, final.text[:300]
    assert final.plan.triage is not None and final.plan.triage.incident_type != "not_incident", final.text[:300]


@pytest.mark.parametrize(("text", "hazard"), [
    ("nyt Annankatu 12 palaa!", "fire"), ("talo palaa", "fire"), ("rappukäytävässä palaa, savua tulee", "fire"),
    ("ERO-E1 palaa asemalle", None), ("KAM-A1 palaa.", None),  # "palaa" is also "returns": a unit's, not a fire
])
def test_finnish_palaa_ending_its_clause_is_a_fire(text, hazard):
    from agent.hazards import hazard_from_words

    assert hazard_from_words(text) == hazard


@pytest.mark.parametrize("all_clear", ["the fire at Annankatu 12 is out", "Annankatu 12: palo sammutettu",
                                       "Annankatu 12 的火已经扑灭了"])
def test_an_all_clear_of_an_incident_open_there_proposes_closing_it_and_opens_none(make_assistant, restore_units, all_clear):
    assistant = make_assistant()
    opened = _final(assistant, "fire at Annankatu 12, smoke from the third floor windows")
    assert opened.plan is not None and opened.plan.incident_id
    incident = opened.plan.incident_id
    reply = _final(assistant, all_clear)  # another desk's first turn: no session incident
    assert [i.incident_id for i in assistant.incidents()] == [incident], reply.text[:300]
    assert incident in reply.text, reply.text[:300]
    assert [(p.action, p.args.get("incident_id")) for p in reply.proposals] == [("close_incident", incident)], reply.text[:300]
    assert assistant.incident(incident).status == "open"  # proposed, never closed by itself


def test_in_a_session_on_the_fire_its_all_clear_is_still_its_follow_up(make_assistant, restore_units):
    assistant = make_assistant()
    opened = _final(assistant, "fire at Annankatu 12, smoke from the third floor windows")
    incident = opened.plan.incident_id
    reply = _final(assistant, "the fire is out", incident)
    assert [i.incident_id for i in assistant.incidents()] == [incident], reply.text[:300]
    texts = assistant._store.report_texts(incident)
    assert any("the fire is out" in t for t in texts), (texts, reply.text[:300])


@pytest.mark.parametrize("message", ["kiitos", "the fire drill went well", "谢谢"])
def test_in_a_session_thanks_or_a_drill_adds_nothing_to_the_incident(make_assistant, restore_units, message):
    assistant = make_assistant()
    opened = _final(assistant, "fire at Annankatu 12, smoke from the third floor windows")
    incident = opened.plan.incident_id
    before = list(assistant._store.report_texts(incident))
    reply = _final(assistant, message, incident)
    assert [i.incident_id for i in assistant.incidents()] == [incident], reply.text[:300]
    assert list(assistant._store.report_texts(incident)) == before, reply.text[:300]
