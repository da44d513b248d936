"""Review s16 (rvC), probing agent/unreadable.py with short real reports in the city's languages: none is called
unreadable (good), but the router then answers a Finnish fire report (the Swedish "brand i Kamppi, folk kvar inne" is filed) at a place of the map with a place
lookup, a unit's status or the help text, and files nothing. Older than session 16; mended in session 17 (s17-lang: the
hazard words of Finnish, Swedish and the tourists' languages, agent.intents._short_report), so the xfail mark is gone."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("report", [
    "tulipalo Kamppi, ihmisiä sisällä",   # fi: fire, Kamppi, people inside
    "ERO-E1 Kamppi tulipalo",              # a unit, a place, "fire"
])
def test_a_short_fire_report_in_finnish_is_filed(make_assistant, report):
    final = [e for e in make_assistant().chat(report, None) if e.kind == "final"][-1]
    assert final.plan is not None and final.plan.incident_id, final.text
