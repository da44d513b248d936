"""A report planned as a new incident where another open incident is -- the same precise place, a hazard that meets
this one -- is flagged as a likely duplicate of it, and nothing is merged (s14 trial #7: the same report planned twice in
the web UI opened two P1 incidents with no warning)."""

from __future__ import annotations

FIRST = "Kitchen fire in a flat at Bulevardi 14, smoke in the stairwell, one resident on the balcony"


def test_a_second_report_of_the_same_place_is_flagged_as_a_likely_duplicate_and_not_merged(make_assistant):
    assistant = make_assistant()
    first = assistant.plan(FIRST, operator="desk1")
    assert not any("Likely duplicate" in w for w in first.warnings)
    earlier = [first.incident_id]
    for again in (FIRST, "Bulevardi 14: flames now from the third floor window, neighbours on the stairs",
                  "布莱瓦迪 Bulevardi 14 号楼里着火了，楼道里全是烟"):
        plan = assistant.plan(again, operator="desk2")
        assert plan.incident_id not in earlier  # flagged, never filed there without the operator
        # the most recently active incident at that place is named
        assert any(w.startswith(f"Likely duplicate of {earlier[-1]}") for w in plan.warnings), (again, plan.warnings)
        earlier.append(plan.incident_id)


def test_a_report_elsewhere_is_not_flagged(make_assistant):
    assistant = make_assistant()
    assistant.plan(FIRST, operator="desk1")
    plan = assistant.plan("Car crash at Mannerheimintie 5, two drivers hurt", operator="desk2")
    assert not any("Likely duplicate" in w for w in plan.warnings)
