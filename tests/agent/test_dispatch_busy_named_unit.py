"""A dispatch naming several units, one of them busy (s16 final read): the free ones are proposed, the busy one is
named with why, and a free unit of its type is suggested; never the whole order refused ("not available now: …", no
proposal).  Off the map (no route: the named units are proposed as they are) and on the map (planned with routes).
Real assistant, triage, city and incident log."""

from __future__ import annotations

import re

import pytest


def _final(assistant, text: str, incident: str | None, **kwargs):
    return [e for e in assistant.chat(text, incident, **kwargs) if e.kind == "final"][-1]


def _free_ambulances(city, *but: str) -> list[str]:
    return [u.id for _, u in city.units() if u.type == "ambulance" and u.status == "available" and u.id not in but]


def _committed(final) -> set[str]:
    return {u for p in final.proposals if p.action == "commit_dispatch" for u in p.args.get("unit_ids") or []}


@pytest.mark.parametrize("report_far, order", [
    ("Man fell through the ice off Diagon Alley pier, in the water, shouting.", "dispatch ERO-R1 and HAK-A1 to {far}"),
    ("Someone went through the ice near Diagon Alley pier and is in the water.", "send HAK-A1 and ERO-R1 to {far} now"),
    ("对角巷码头有人掉进冰窟窿，人在水里呼救。", "把ERO-R1和HAK-A1派到{far}"),
])
def test_off_map_dispatch_proposes_the_free_units_and_names_the_busy_one(make_assistant, restore_units, report_far, order):
    assistant = make_assistant()
    far = _final(assistant, report_far, None).plan.incident_id
    here = _final(assistant, "Car on fire in the car park at Kamppi centre, driver out, smoke spreading.", None).plan.incident_id
    restore_units.set_unit_status("HAK-A1", "out_of_service")
    final = _final(assistant, order.format(far=far), here, session_incidents=(far, here))
    assert _committed(final) == {"ERO-R1"}, final.text
    assert {p.args.get("incident_id") for p in final.proposals} == {far}
    assert re.search(r"HAK-A1\b[^.]*out of service", final.text), final.text
    assert any(u in final.text for u in _free_ambulances(restore_units)), final.text  # a free one of the busy one's type


@pytest.mark.parametrize("order", ["send KAI-A1 and HAK-A1 to Bulevardi 14", "dispatch HAK-A1, KAI-A1 to Bulevardi 14 please",
                                   "派HAK-A1和KAI-A1去Bulevardi 14"])
def test_on_map_dispatch_proposes_the_free_units_and_names_the_busy_one(make_assistant, restore_units, order):
    assistant = make_assistant()
    fire = _final(assistant, "Fire in a flat at Bulevardi 14, heavy smoke on the stairs, a child trapped on the 3rd floor",
                  None).plan.incident_id
    restore_units.set_unit_status("HAK-A1", "out_of_service")
    final = _final(assistant, order, fire)
    committed = _committed(final)
    assert "KAI-A1" in committed and "HAK-A1" not in committed, final.text
    assert {p.args.get("incident_id") for p in final.proposals if p.action == "commit_dispatch"} == {fire}
    assert re.search(r"HAK-A1\b[^.]*out of service", final.text), final.text
    assert any(u in final.text for u in _free_ambulances(restore_units, "KAI-A1")), final.text
