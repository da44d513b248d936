"""Review s14-rv3 F9: the 'forecast' facet (agent/step_fit.py, 7cc4e0e) matches any step with 'pre-position' or 'is
forecast', in every annex. Annex B's 'Alert the units …; pre-position pumps.' is the flood checklist's unit step, and
it is now dropped from a flood that is happening (water already in the street); Annex G's 'Coordinate … with Annex F
for power cuts' is dropped from the storm-damage report with a line down that Annex F is for."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.plan_items import checklist_steps
from agent.step_fit import incident_facts, step_fits

PLANS = Path(__file__).resolve().parents[2] / "knowledge" / "plans"


def _kept(report: str, kind: str, annex: str) -> list[str]:
    text = (PLANS / annex).read_text(encoding="utf-8")
    checklist = "## 4. Action checklist" + text.split("## 4. Action checklist")[1].split("## 5.")[0]
    return [s for s in checklist_steps(checklist, 20) if step_fits(s, incident_facts(report, kind))]


@pytest.mark.parametrize("report", [
    "The canal has burst its bank by the market, water is pouring into the basements on the street and still rising",
    "河水漫上来了，街边几栋楼的地下室都进水了，水还在涨",
])
def test_a_flood_under_way_keeps_the_alert_and_pumps_step(report):
    kept = _kept(report, "flood", "annex_b_flood.md")
    assert any("pre-position pumps" in s for s in kept), kept


def test_a_storm_with_a_line_down_keeps_the_power_cut_coordination():
    report = "the storm brought a power line down across the road at Hakaniemi, sparking, the street lights are out"
    kept = _kept(report, "severe_weather", "annex_g_severe_weather.md")
    assert any("Annex F for power cuts" in s for s in kept), kept
