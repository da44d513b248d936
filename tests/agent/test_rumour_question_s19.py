"""Trial 19 H5: "People on social media say the metro is closed because of a bomb at Rautatientori. Is that true?"
opened a P2 public-security incident with an evacuation checklist.  A question whether a rumour is true is answered
from the incident log (what it holds at that place, and that nothing in it confirms the claim), with the plan's advice
on rumours; no incident is opened."""

from __future__ import annotations

import pytest

RUMOUR_QUESTIONS = [
    ("People on social media say the metro is closed because of a bomb at Rautatientori. Is that true?", "Rautatientori"),
    ("I heard on Twitter there is a gas leak at Kamppi and the mall is being evacuated, can you confirm?", "Kamppi"),
    ("网上说Rautatientori有炸弹，地铁已经关闭了，是真的吗？", "Rautatientori"),
    ("Somessa väitetään, että Senaatintorilla on pommi. Pitääkö paikkansa?", "Senaatintori"),
    ("Folk skriver på sociala medier att det brinner i Kampin keskus, stämmer det?", "Kamp"),
]


@pytest.mark.parametrize(("question", "place"), RUMOUR_QUESTIONS)
def test_a_question_whether_a_rumour_is_true_opens_nothing_and_is_answered_from_the_log(make_assistant, restore_units,
                                                                                        question, place):
    assistant = make_assistant()
    reply = list(assistant.chat(question, None, operator="op-anna"))[-1]
    assert assistant.incidents() == [], reply.text[:400]
    assert reply.plan is None and not reply.proposals, reply.text[:400]
    text = reply.text
    zh = "网上" in question
    assert ("没有" in text and "证实" in text) if zh else ("nothing in the incident log confirms" in text.lower()), text[:600]
    assert place.lower() in text.lower(), text[:600]
    assert "Annex I" in text, text[:600]  # the plan's advice: correct rumours with an official statement


def test_the_answer_names_what_the_log_holds_at_that_place(make_assistant, restore_units):
    assistant = make_assistant()
    crush = assistant.plan("Crowd crush at Rautatientori, several people down, not breathing, CPR in progress",
                           operator="op-berit", narrative=False).incident_id
    reply = list(assistant.chat(RUMOUR_QUESTIONS[0][0], None, operator="op-anna"))[-1]
    assert [i.incident_id for i in assistant.incidents()] == [crush], reply.text[:400]
    assert crush in reply.text and "none of their reports tells of this" in reply.text.lower(), reply.text[:600]
    assert "nothing in the incident log confirms" in reply.text.lower(), reply.text[:600]


def test_in_a_session_on_an_incident_the_rumour_question_is_not_its_follow_up(make_assistant, restore_units):
    assistant = make_assistant()
    fire = assistant.plan("Fire on the 3rd floor of a flat at Bulevardi 14, one person trapped", operator="op-anna",
                          narrative=False).incident_id
    before = assistant.incident_view(fire).report_text
    reply = list(assistant.chat(RUMOUR_QUESTIONS[0][0], fire, operator="op-anna"))[-1]
    assert [i.incident_id for i in assistant.incidents()] == [fire] and reply.plan is None, reply.text[:400]
    assert assistant.incident_view(fire).report_text == before


@pytest.mark.parametrize("report", [
    "Caller says there is a bomb at Rautatientori, a bag left by the metro entrance",
    "Is anyone hurt? Gas leak at Kamppi, strong smell in the mall, people evacuating",
])
def test_a_report_is_still_a_report(make_assistant, restore_units, report):
    # a caller's report of a threat is planned, even with a question beside it: only hearsay asked about is a rumour
    assistant = make_assistant()
    reply = list(assistant.chat(report, None, operator="op-anna"))[-1]
    assert reply.plan is not None and "(a rumour)" not in reply.text, reply.text[:400]
