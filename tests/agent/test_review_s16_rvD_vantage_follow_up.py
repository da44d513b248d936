"""review s16-rvD: a follow-up that names a landmark only as where the caller watches from ("smoke now visible from the
Stockmann side", "从斯托克曼那边能看到浓烟") or where casualties are being taken ("casualties being moved to the Kiasma
steps") is about the incident, not a second one at that landmark.  Since s16-stale two differently named places no longer
add up their uncertainties, so such a follow-up of a fire at Mannerheimintie 20 (Stockmann 239 m away) opened a second
incident and split one emergency.  A report of a hazard AT the landmark still opens its own."""

from __future__ import annotations

import pytest

from agent.chat_session import ChatSessionConfig

FIRE = "Fire at Mannerheimintie 20, flames from the ground floor shop, people on upper floors."


@pytest.fixture
def on_fire(make_assistant):
    assistant = make_assistant()
    chat = assistant.chat_session(operator="rv", config=ChatSessionConfig(follow_reports=True))
    fire = list(chat.run(FIRE))[-1].plan
    assert fire is not None and chat.state.current == fire.incident_id
    return assistant, fire.incident_id


@pytest.mark.parametrize("report", [
    "smoke now visible from the Stockmann side",
    "Black smoke can be seen from Stockmann now, it is getting worse",
    "从斯托克曼那边能看到浓烟，越来越大",
    "casualties being moved to the Kiasma steps",
    "two injured residents were carried to Stockmann's entrance by bystanders",
    # where the response sets up (a casualty collection point, a triage area, staging) is the incident's own scene
    "casualty collection point set up at the Kiasma steps",
    "we have a triage area by Stockmann's main door, 4 injured",
    "fire crews staging at Kiasma, hydrant there",
    "伤员集中点设在Kiasma门口",
])
def test_a_landmark_named_as_vantage_or_destination_is_a_follow_up(on_fire, report):
    assistant, fire = on_fire
    assert assistant._filer.incident_for_report(report, fire, assistant._triage_only, [fire]) == fire


@pytest.mark.parametrize("report", ["Fire at Stockmann, smoke from the 3rd floor windows", "斯托克曼百货三楼起火，有浓烟"])
def test_a_hazard_at_the_landmark_itself_still_opens_its_own(on_fire, report):
    assistant, fire = on_fire
    assert assistant._filer.incident_for_report(report, fire, assistant._triage_only, [fire]) is None
