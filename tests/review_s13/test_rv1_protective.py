"""Review s13-rv1: regressions of the protective planner's round 8 (tools/protective) and of the cue words it reads.

Each test is one finding of /work/prompts/s13/s13-rv1_findings.md, in phrasings of the reviewer's own."""

from __future__ import annotations

import pytest

from tests.tools.helpers import protective_row
from tools.protective.cues import read_protective_cues
from tools.protective.decision import decide
from tools.protective.models import BuildingInfo
from tools.protective.people import scope_floor_count


# Finding 1 (HIGH): "在<street>上" read as "out in the street" also where the caller says they LIVE on the street or a
# building on it burns: a flat fire becomes the outdoor row F1 (a 30 m cordon, nobody moved).
@pytest.mark.parametrize("text", [
    "我家住在Mannerheimintie上，厨房的锅着火了",
    "在Hämeentie上有栋楼的二楼阳台起火",
    "在Fredrikinkatu上一栋公寓楼三楼着火了",
])
def test_a_building_on_a_street_named_in_chinese_is_not_outdoors(text: str) -> None:
    assert read_protective_cues(text).setting != "outdoor"
    assert protective_row("fire", text) != "F1"


# Finding 2 (HIGH): a direction said of something else than the wind after a wind word is read as the wind now:
# the smoke cloud "shifted to the west" (a wind FROM the east) flips the sector; crews "now coming from the north".
@pytest.mark.parametrize(("text", "from_deg"), [
    ("Chlorine leak at the pool, wind from the east, the cloud has shifted to the west", 90.0),
    ("wind from the south, the smoke has turned towards the north over the houses", 180.0),
    ("Ammonia leak, the wind is from the southwest. Fire crews now coming from the north.", 225.0),
    ("Gas release, wind westerly, ambulances are now coming from the east", 270.0),
])
def test_a_plume_or_a_crew_moving_is_no_change_of_wind(text: str, from_deg: float) -> None:
    assert read_protective_cues(text).wind_from_deg == from_deg


# Finding 3 (HIGH): 总管 is also "the manager / chief steward" (物业总管, 酒店总管): a whiff of gas the property manager
# smells outdoors becomes a large release, H7: evacuate 100 m and 800 m downwind.
@pytest.mark.parametrize("text", [
    "物业总管在街上闻到一点燃气味",
    "小区物业总管说院子里闻到燃气味",
])
def test_a_manager_is_no_gas_main(text: str) -> None:
    assert read_protective_cues(text).scale != "large"
    assert protective_row("hazmat", text) != "H7"


# Finding 5 (MED): "top floor" said of the people or the smoke, not of the fire, makes the fire a top-floor one
# (no floor above it to clear): the F2 scope halves.
@pytest.mark.parametrize("text", [
    "Kitchen fire in a flat, the neighbours on the top floor can smell smoke",
    "flat fire in a block of flats, a family on the top floor is asking what to do",
])
def test_top_floor_said_of_others_does_not_shrink_the_fire_floors(text: str) -> None:
    c = read_protective_cues(text)
    d = decide("fire", c)
    assert d is not None and d.building_scope == "floors", d
    info = BuildingInfo(label="block", footprint_m2=500.0, floors=6.0, use="residential", source="osm", occupants=0)
    said = (c.fire_floor, c.top_floor) if hasattr(c, "top_floor") else ()  # (the session base had no top_floor)
    assert scope_floor_count(d, info, *said) == 2.0


# Finding 6 (MED): the new "flats above <verb>" keep-out takes only fire/smoke words as a sign of spread: "filling with
# fumes", "black haze" above no longer read as spread (F3 before, F2 now).
@pytest.mark.parametrize("text", [
    "Fire in a first-floor flat, the flats above are filling with fumes",
    "kitchen fire in a ground floor flat; the flats above have black haze in the hallways",
])
def test_fumes_or_haze_in_the_flats_above_is_still_spread(text: str) -> None:
    assert protective_row("fire", text) == "F3"
