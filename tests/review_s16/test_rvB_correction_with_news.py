"""Review s16 (rvB) of 641ebac: a caller's address correction that says something more (a child not breathing, three
people trapped, an order) loses nothing: the rest is planned as any report or order is, and the correction is still
answered.  The correction's reply was the whole turn: the news was never filed and the order never planned."""

from __future__ import annotations

import pytest


@pytest.fixture
def assistant(make_assistant):
    return make_assistant()


def _run(assistant, message, incident):
    events = list(assistant.chat(message, incident))
    return [e for e in events if e.kind == "tool"], events[-1]


def _reports(assistant) -> list[str]:
    return [t for i in assistant._store.list_incidents() for t in assistant._store.report_texts(i.incident_id)]


def _open_fire(assistant):
    _, final = _run(assistant, "Smoke pouring out of a flat at Annankatu 12, two residents on the third floor balcony", None)
    assert final.plan is not None
    return final.plan.incident_id


@pytest.mark.parametrize(("text", "answered"), [
    ("Correction: the address is Annankatu 14, not 12. Caller says a child is still inside and not breathing", "Annankatu 14"),
    ("地址错了，应该是 Annankatu 16，楼里还有三个人被困", "Annankatu 16"),
])
def test_a_correction_that_tells_more_files_the_report_and_answers_the_correction(assistant, text, answered):
    incident = _open_fire(assistant)
    before = len(_reports(assistant))
    tools, final = _run(assistant, text, incident)
    assert len(_reports(assistant)) == before + 1          # the news is in the incident log
    assert final.plan is not None and tools                 # and planned
    assert answered in final.text                           # the correction is answered too
    assert final.security is None


def test_a_correction_with_an_order_plans_the_order(assistant):
    incident = _open_fire(assistant)
    tools, final = _run(assistant, "Actually the location is Fredrikinkatu 30, not Annankatu 12; evacuate the building", incident)
    assert [t.step.name for t in tools][:1] == ["plan_evacuation"]
    assert "Fredrikinkatu 30" in final.text


@pytest.mark.parametrize("text", ["caller rang back, wrong house number: it is Annankatu 14 not 41",
                                  "地址更正：应该是 Annankatu 20"])
def test_a_bare_correction_is_still_only_answered(assistant, text):
    incident = _open_fire(assistant)
    before = len(_reports(assistant))
    tools, final = _run(assistant, text, incident)
    assert tools == [] and len(_reports(assistant)) == before
