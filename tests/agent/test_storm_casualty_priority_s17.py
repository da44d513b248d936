"""Severe weather that has hurt someone is P1, and a storm with no water in its words is no flood (s17 trial M7: "the
storm tore the roof off a house on Liisankatu, an old man is bleeding from the head" was P2 flood).  The triage model is
not retrained: its reading is corrected by the casualty words (the determinants) and the hazard words."""

from __future__ import annotations

import pytest

from agent.hazards import reconciled_triage
from agent.schemas import TriageSummary


def model_said(kind: str, priority: str = "P2", confidence: float = 0.9) -> TriageSummary:
    """A sure model reading (the trial's): the type at ``confidence``, severe weather given almost no chance."""
    return TriageSummary(incident_type=kind, priority=priority, type_confidence=confidence, priority_confidence=0.7,
                         type_probs={kind: confidence, "severe_weather": 0.05, "medical": 0.03},
                         priority_probs={priority: 0.7, "P1": 0.2})


HURT_BY_THE_WEATHER = [
    "the storm tore the roof off a house on Liisankatu, an old man is bleeding from the head",
    "wind blew a tree onto a car on Mannerheimintie, driver not moving",
    "台风把屋顶掀了，老人头部流血",
    "chimney fell in the gale, child hurt",
    "gale brought down the scaffolding on Aleksanterinkatu, a worker is trapped under it",
    "大风把广告牌吹倒了，砸到一个路人，他昏迷了",
]

NOBODY_HURT = [
    "storm blew the roof off the school gym, nobody hurt",
    "a tree fell in the storm and blocks Fredrikinkatu",
    "大风把围栏刮倒了，没有人受伤",
    "storm damage on Bulevardi, a man has a slight scratch on his hand",
]


@pytest.mark.parametrize("text", HURT_BY_THE_WEATHER)
@pytest.mark.parametrize("kind", ["severe_weather", "flood"])
def test_someone_hurt_by_the_weather_is_p1(text, kind):
    out = reconciled_triage(model_said(kind), text)
    assert out.priority == "P1", (text, kind, out.priority)


@pytest.mark.parametrize("text", HURT_BY_THE_WEATHER + NOBODY_HURT)
def test_a_storm_with_no_water_is_not_a_flood_however_sure_the_model(text):
    out = reconciled_triage(model_said("flood", confidence=0.95), text)
    assert out.incident_type != "flood", (text, out.incident_type)


@pytest.mark.parametrize("text", NOBODY_HURT)
def test_storm_damage_with_nobody_hurt_keeps_the_model_priority(text):
    assert reconciled_triage(model_said("severe_weather", "P3"), text).priority == "P3", text


@pytest.mark.parametrize("text", ["the storm flooded the underpass, water up to the car doors, the driver is bleeding",
                                  "台风过后地下通道被淹了，有人受伤流血"])
def test_a_storm_that_floods_stays_a_flood_and_the_casualty_still_makes_it_p1(text):
    out = reconciled_triage(model_said("flood"), text)
    assert out.incident_type == "flood" and out.priority == "P1", (text, out)


@pytest.mark.parametrize("report", ["the storm tore the roof off a house on Liisankatu, an old man is bleeding from the head",
                                    "台风把屋顶掀了，利桑卡图（Liisankatu）有个老人头部流血"])
def test_the_chat_plan_of_a_storm_casualty_is_p1_and_no_flood(make_assistant, restore_units, report):
    """End to end: the report as the operator types it, through the chat's triage (model, then words) into the plan."""
    assistant = make_assistant()
    plan = next(e.plan for e in assistant.chat(report, None) if e.kind == "final")
    assert plan is not None and plan.triage is not None, report
    assert plan.triage.priority == "P1" and plan.triage.incident_type != "flood", (report, plan.triage)
