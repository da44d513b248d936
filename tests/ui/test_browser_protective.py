"""Issue 16 in a real browser: three proportionate protective actions drawn on the plan's map.

The operator triages, sets the hazard type where the quick test model reads it otherwise (a correction is the
operator's right and the plan follows it), and asks for the plan. Screenshots: test-artifacts/ui-protective-*.png.
"""

from __future__ import annotations

import re

import pytest

from tests.ui.test_browser import _choose, _triage

pytestmark = pytest.mark.slow

CASES = [
    # (screenshot name, report, hazard type, map legend entries that must be drawn, words the plan must say)
    ("building", "Gas smell and two people dizzy in the stairwell at Yrjönkatu 21, what do we do?", "hazmat",
     {"Building evacuated", "Assembly point", "Cordon"}, "evacuate the building"),
    ("isolation-shelter", "Man firing a gun at people on Esplanadi, he is still there, people hiding in the shops",
     "public_security", {"Cordon"}, "shelter in place"),
    ("downwind-sector", "Road tanker overturned at Kaivokatu, large ammonia release, white cloud drifting over the street",
     "hazmat", {"Downwind sector", "Hazard area", "Evacuation route"}, "evacuate"),
]


@pytest.mark.parametrize("name, report, hazard, legend_needed, said", CASES, ids=[c[0] for c in CASES])
def test_protective_action_is_drawn_on_the_map(open_page, artifacts_dir, name, report, hazard, legend_needed, said) -> None:
    page = open_page()
    _triage(page, report)
    if page.locator("#type-dd input").input_value().replace(" ", "_") != hazard:
        _choose(page, "type-dd", hazard)
        _choose(page, "prio-dd", "P1")
        page.click("#correct-btn")
        page.wait_for_selector(".eca-decision")
    page.click("#plan-btn")
    plan = page.locator("[data-testid=plan]")
    plan.get_by_text(re.compile("Protective action")).first.wait_for(timeout=150_000)
    assert said in plan.inner_text().lower()
    page.wait_for_function("() => document.querySelectorAll('#map .legendtext').length > 1")
    legend = set(page.locator("#map .legendtext").evaluate_all("els => els.map(e => e.textContent)"))
    assert legend_needed <= legend, legend
    page.locator("#map").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts_dir / f"ui-protective-{name}.png"), full_page=True)
