"""Review s14-rv2: false positives of round 9's widened or new protective cue patterns (tools/protective/cue_words.py),
through the public reader and decision table. Sentences written for this review."""

from __future__ import annotations

import pytest

from tools.protective.cues import read_protective_cues
from tools.protective.decision import decide


# Finding 6 (MED): FIRE_SPREAD's zh window after 地下室/阁楼/楼道 was widened from 5 to 8 (起火...) and from 4 to 10
# (冒烟) characters of any kind: a flat fire told by someone in the stairwell, under the attic or coming up from the
# basement is read as a fire in the stairwell/attic/basement (fire_spread, F3) instead of a flat fire (F2).
@pytest.mark.parametrize("text", [
    "楼道里的邻居喊四楼着火了",
    "阁楼下面那套公寓着火了",
    "我从地下室上来就看见二楼冒烟",
])
def test_a_flat_fire_seen_from_the_stairwell_attic_or_basement_is_no_fire_there(text):
    c = read_protective_cues(text)
    assert not c.fire_spread
    assert decide("fire", c).rule == "F2"


# Finding 7 (MED): the new tenant_floor rule reads any fire on the floor a business is on as a fire in that business
# (F4, the whole building as a business fire): a flat burning on the same floor as a clinic or pharmacy is F4, not F2.
@pytest.mark.parametrize("text", [
    "Fire in a flat on the 3rd floor, the hairdresser on the 3rd floor has closed",
    "三楼的一户人家着火了，三楼的诊所也在往外撤人",
])
def test_a_flat_fire_on_a_business_floor_stays_a_flat_fire(text):
    c = read_protective_cues(text)
    assert decide("fire", c).rule == "F2"
