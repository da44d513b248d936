"""s13-rv2 review: agent/step_fit.py (4066b65) — immediate actions fitted to the incident."""

from __future__ import annotations

import pytest

from agent.step_fit import incident_facts, step_fits

# Annex C section 4, steps 4 and 6 (knowledge/plans/annex_c_fire_hazmat.md)
SHELTER_DOWNWIND = ("Decide shelter-in-place (close windows, stop ventilation) or evacuation for people downwind; "
                    "evacuate when the plume will last longer than one hour.")
DECON = "Request ambulances and a decontamination corridor before casualties leave the warm zone."


@pytest.mark.parametrize("report", [
    "Large fire in a warehouse at Hernesaari, thick black smoke blowing over the residential blocks downwind",
    "Tyre depot burning in Kalasatama, a huge smoke plume is drifting over the flats to the east",
    "赫尔内萨里仓库大火，浓烟正飘向下风方向的居民楼",
])
def test_a_fire_whose_smoke_plume_goes_over_homes_keeps_the_shelter_or_evacuate_step(report):
    # the step names 'plume' (the hazmat facet) and no fire word: it is dropped for a fire whose plume is the threat
    assert step_fits(SHELTER_DOWNWIND, incident_facts(report, "fire"))


@pytest.mark.parametrize("report", [
    "Large fire in a warehouse at Hernesaari, no chemicals stored there, two workers burned",
    "公寓厨房着火，没有燃气泄漏，一人吸入烟雾",
    "Flat fire on Fredrikinkatu, the caller says there are no gas bottles or chemicals inside",
])
def test_a_hazard_the_report_rules_out_brings_no_decontamination(report):
    # 'no chemicals' / '没有燃气泄漏' read as hazmat words: the decontamination step comes back for a plain fire
    assert not step_fits(DECON, incident_facts(report, "fire"))
