"""Under a shelter-in-place the people moved are the few taken to a shelter: the line says who they are and that
everyone else stays in (trial s14 #15: "People moved: about 1" under "shelter in place" read as a contradiction)."""

from __future__ import annotations

import pytest

from tools.protective import ProtectiveActionPlan, people_moved_line


def _plan(primary: str, moved: int, basis: str) -> ProtectiveActionPlan:
    return ProtectiveActionPlan.model_construct(primary=primary, people_moved=moved, people_basis=basis)


@pytest.mark.parametrize("moved, basis", [(1, "the resident on home oxygen the report names"),
                                          (3, "the dialysis patients of the care home")])
def test_shelter_in_place_names_the_people_taken_to_a_shelter(moved, basis):
    line = people_moved_line(_plan("shelter_in_place", moved, basis))
    assert line.startswith(f"People to take to a shelter (everyone else stays in): about {moved}") and basis in line
    assert "People moved" not in line


@pytest.mark.parametrize("primary", ["evacuate_building", "evacuate_area"])
def test_an_evacuation_still_says_people_moved(primary):
    assert people_moved_line(_plan(primary, 57, "footprint x floors")) == "People moved: about 57 (footprint x floors)."
