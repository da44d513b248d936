"""Review s18-rv2 of s18-nonincident's "again / still / 又" (agent.hazards._REAL_NOW): over-filing and thanks.

- MED: "还在" / "仍然" (still) anywhere made a drill real: "演练还在进行中，Annankatu 12 冒烟是烟雾机" (the drill is still
  going on, the smoke is a smoke machine) opened a fire incident. "still" in English counts only beside a hazard's
  verb ("still burning"); the Chinese now the same.  And "Real-time drill update" read "real".
- LOW: thanks said again ("Kiitos vielä kerran", "thanks again", "tack igen") lost its thanks reading to "again" and
  was looked up as a place ("no place called 'Kiitos'").
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text,kind", [
    ("演练还在进行中，Annankatu 12 冒烟是烟雾机", "drill"),
    ("Kamppi 消防演习仍然在进行，烟雾是演习用的", "drill"),
    ("Real-time drill update: smoke machine at Kamppi school", "drill"),
    ("Kiitos vielä kerran", "thanks"),
    ("Thanks again!", "thanks"),
    ("Tack igen", "thanks"),
    ("再次感谢", "thanks"),
])
def test_a_drill_still_running_or_thanks_again_is_no_emergency(text, kind):
    from agent.hazards import no_new_emergency

    assert no_new_emergency(text) == kind


@pytest.mark.parametrize("text", ["演练结束了，但 Annankatu 12 还在冒烟", "Annankatu 12 演习时起火，火还在烧",
                                  "演练中止，仍然有浓烟从 Annankatu 12 冒出", "The drill ended but the fire is still burning",
                                  "Thanks, the fire at Kamppi started again"])
def test_a_hazard_still_going_is_news(text):
    from agent.hazards import no_new_emergency

    assert no_new_emergency(text) is None
