"""Review s17 rv2b (MED): s17-lang taught the hazard words of Finnish, Swedish, German and the tourists' languages for
fire, traffic, gas and medical calls, but not the storm: "Myrsky kaatoi puun auton päälle Mannerheimintie 50,
kuljettaja ei liiku" (a tree the storm threw onto a car, the driver not moving) got the help text, no incident."""

from __future__ import annotations

import pytest

from agent.hazards import hazard_from_words


@pytest.mark.parametrize("text", [
    "Myrsky kaatoi puun auton päälle", "myrskyssä katto irtosi", "Sturm hat das Dach abgedeckt", "Orkan in Kamppi",
    "tormenta, árbol caído", "burza zerwała dach",
])
def test_the_storm_in_other_languages_is_severe_weather(text):
    assert hazard_from_words(text) == "severe_weather"


@pytest.mark.parametrize("text", ["Myrsky kaatoi puun auton päälle Mannerheimintie 50, kuljettaja ei liiku",
                                  "Sturm: Baum auf Auto gestürzt, Bulevardi 5"])
def test_a_short_storm_report_abroad_is_filed(make_assistant, text):
    final = [e for e in make_assistant().chat(text, None) if e.kind == "final"][-1]
    assert final.plan is not None and final.plan.incident_id, final.text[:300]
