"""Review s18 of s17-tfd (13e228e): a crew's order is bound to the incident the crew reports from
(``agent.dispatch_target.reporting_crew_incident``), read from "on scene / arrived / paikalla".

- MED (over-matching): "arrived" anywhere made the crew's incident the order's: "KAM-A1 arrived at Meilahti hospital
  with the patient, send one more engine here" planned the engine for the incident KAM-A1 left, not the desk's own.
- MED (under-matching): a Chinese crew report ("KAM-A1已到场，需要再来一辆救护车") or a Swedish one ("ERO-E1 är framme")
  was not read as from the scene, so its order went to the desk's incident.
"""

from __future__ import annotations

import pytest

UNITS = ["KAM-A1", "ERO-E1", "ERO-L1"]
COMMITTED = {"KAM-A1": "INC-FIRE0001", "ERO-E1": "INC-FIRE0001", "ERO-L1": None}
OPEN = {"INC-FIRE0001", "INC-BUS00002"}


@pytest.mark.parametrize("text", [
    "KAM-A1 arrived at Meilahti hospital with the patient, send one more engine here",
    "ERO-E1 has arrived back at the station, send another ladder to this one",
    "KAM-A1 arrived at the hospital. Need another ambulance here",
])
def test_a_unit_arrived_elsewhere_reports_from_no_scene(text):
    from agent.dispatch_target import reporting_crew_incident

    assert reporting_crew_incident(text, UNITS, COMMITTED, OPEN, "INC-BUS00002") is None


@pytest.mark.parametrize("text", [
    "KAM-A1已到场，需要再来一辆救护车",
    "ERO-E1到达现场，请求增援一辆云梯车",
    "ERO-E1 är framme, vi behöver en ambulans till",
    "KAM-A1 arrived on scene, need another ambulance",
])
def test_a_crew_on_scene_in_other_words_reports_from_its_incident(text):
    from agent.dispatch_target import reporting_crew_incident

    assert reporting_crew_incident(text, UNITS, COMMITTED, OPEN, "INC-BUS00002") == "INC-FIRE0001"
