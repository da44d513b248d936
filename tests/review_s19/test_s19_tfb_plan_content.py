"""Trial s19 (New Year's Eve), reading hazards and plan content (fixer TFb).

- H2: an unattended / abandoned / unclaimed bag (EN, FI, SV, ZH) is a suspicious-object report: the determinant, the
  public-security type, and the plan annex's isolation distance (Annex H: at least 100 m), not only "suspicious bag".
- H7: gas cylinders at a fire (gasflaskor, kaasupullo, propane, 煤气罐) are an explosion risk: the determinant, and the
  explosion-risk cordon (F7, 200 m) with its reason; the Swedish "brinner" kiosk report is a fire.
- H4: a threat the caller takes back as a joke is flagged as a probable hoax for the police, its evacuation held (said,
  not silent); an evacuation's assembly point is never inside another open incident's protective area.
- M15: a lost child's plan has no cordon / move-the-public / shelter steps.
- M17: a crowd crush with people down does not hold the medical units outside the cordon.
- L18: catastrophic bleeding (bleeding heavily, spurting, 大量出血, vuotaa runsaasti verta) is P1, and not "minor".
- L22: a person in open water off a quay in summer gets the water rescue's steps, not the ice rescue's.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from agent.hazards import reconciled_triage
from agent.schemas import TriageSummary
from core.geo import haversine_m
from tools.determinants import extract


def summary(kind: str, priority: str = "P3") -> TriageSummary:
    return TriageSummary(incident_type=kind, priority=priority, type_confidence=0.4, priority_confidence=0.4,
                         type_probs={kind: 0.4, "public_security": 0.2, "fire": 0.2, "medical": 0.2},
                         priority_probs={priority: 0.4, "P1": 0.2, "P2": 0.3})


def everything(plan) -> str:
    return "\n".join(i.text for s in plan.SECTIONS for i in getattr(plan, s))


def codes(text: str) -> set[str]:
    return {d.code for d in extract(text)}


# --- H2: an unattended bag -------------------------------------------------------------------------------------------
UNATTENDED_BAGS = [
    "Unattended black backpack at the foot of the Senate Square steps, nobody has claimed it for 20 minutes",
    "There's an abandoned grey suitcase by the tram stop at Rautatientori, no owner around",
    "Black holdall left by the fountain at Kauppatori, no one has claimed it for half an hour",
    "Senaatintorin portailla on hylätty musta laukku, kukaan ei ole hakenut sitä",
    "En övergiven väska står vid trappan på Senatstorget, ingen har hämtat den",
    "参议院广场台阶上有一个无人看管的黑色背包，二十分钟没人认领",
]


@pytest.mark.parametrize("text", UNATTENDED_BAGS)
def test_an_unattended_bag_is_a_suspicious_object(text):
    assert "suspicious_object" in codes(text), codes(text)
    # the model's guess (a lost child, a not-incident) yields to the words: a public-security report, at least P2
    triaged = reconciled_triage(summary("not_incident", "P4"), text)
    assert (triaged.incident_type, triaged.priority) == ("public_security", "P2"), triaged


@pytest.mark.parametrize("text", UNATTENDED_BAGS[:3] + UNATTENDED_BAGS[5:])
def test_an_unattended_bag_is_no_missing_person_however_the_model_reads_it(text):
    model = summary("missing_person", "P2").model_copy(update={"type_confidence": 0.75})
    assert reconciled_triage(model, text).incident_type == "public_security"


def test_a_missing_child_whose_bag_was_left_stays_a_missing_person():
    model = summary("missing_person", "P2").model_copy(update={"type_confidence": 0.75})
    text = "Our son is missing, last seen at Kauppatori 20 minutes ago, his backpack was left unattended by the fountain"
    assert reconciled_triage(model, text).incident_type == "missing_person"


@pytest.mark.parametrize("text", [
    "My son left his backpack on the tram, can you tell me where lost property is?",
    "The unattended child was reunited with her parents at the info desk",
    "Bag found and collected by its owner, nothing suspicious",
])
def test_a_bag_that_is_no_suspicious_object_stays_none(text):
    assert "suspicious_object" not in codes(text), codes(text)


@pytest.mark.parametrize("text", [UNATTENDED_BAGS[0], UNATTENDED_BAGS[4]])
def test_the_unattended_bag_plan_evacuates_the_annex_distance(make_assistant, text):
    plan = make_assistant().plan(text, narrative=False)
    assert plan.triage.incident_type == "public_security", plan.triage
    situation = " ".join(i.text for i in plan.situation)
    assert "a suspicious object" in situation, situation
    evacuation = " ".join(i.text for i in plan.evacuation)
    assert "(rule PS2)" in evacuation and "evacuate 100 m" in evacuation and "Annex H" in evacuation, evacuation
    actions = " ".join(i.text for i in plan.immediate_actions)
    assert "For a suspicious object, evacuate at least 100 m" in actions, actions


@pytest.mark.parametrize("text", [
    "Unattended black backpack at the foot of the Senate Square steps, near the Alexander II statue, nobody has claimed it "
    "for 20 minutes, crowd all around",
    "Abandoned suitcase next to the Havis Amanda fountain, nobody has claimed it",
])
def test_the_chat_plans_an_unattended_bag_as_a_suspicious_object(make_assistant, chat_turn, text):
    reply = chat_turn(make_assistant(), text, None).text
    assert "a suspicious object" in reply and "(rule PS2)" in reply, reply
    assert "open incident(s)" not in reply and "No open incidents" not in reply, reply


# --- H7: gas cylinders at a fire ---------------------------------------------------------------------------------------
CYLINDER_FIRES = [
    "Steward 14 på radion: kiosken vid Salutorget brinner, kraftig rök, gasflaskor finns i kiosken, vi flyttar bort folk",
    "Food stall on fire at the Kauppatori market, there are propane cylinders inside it",
    "Kioski palaa Kauppatorilla, sisällä on kaasupulloja",
    "集市上的小吃摊着火了，里面有好几个煤气罐",
]


@pytest.mark.parametrize("text", CYLINDER_FIRES)
def test_gas_cylinders_at_a_fire_are_an_explosion_risk(text):
    assert "gas_cylinders_at_fire" in codes(text), codes(text)


@pytest.mark.parametrize("text", [
    "Gas cylinders stored in the shed behind the market, the door is open",
    "Kiosk on fire at the market square, nobody inside",
    "Fire at the kiosk, no gas bottles in it",
])
def test_no_cylinders_or_no_fire_is_no_explosion_risk(text):
    assert "gas_cylinders_at_fire" not in codes(text), codes(text)


@pytest.mark.parametrize("text", [CYLINDER_FIRES[0], CYLINDER_FIRES[1]])
def test_the_cylinder_fire_plan_is_a_fire_with_the_explosion_cordon(make_assistant, text):
    plan = make_assistant().plan(text, narrative=False)
    assert plan.triage.incident_type == "fire", plan.triage
    situation = " ".join(i.text for i in plan.situation)
    assert "explosion risk" in situation, situation
    evacuation = " ".join(i.text for i in plan.evacuation)
    assert "(rule F7)" in evacuation and "200 m" in evacuation and "gas cylinders" in evacuation, evacuation


# --- H4: a hoax call, and an assembly point inside another incident's cordon ---------------------------------------------
HOAX_CALLS = [
    "Caller (male, laughing, drunk) says: there is a bomb in Stockmann, haha just kidding happy new year. Caller hung up.",
    "A man called saying a bomb will go off at Stockmann tonight, then laughed and said he was only joking",
    "来电男子说斯托克曼百货里有炸弹，然后笑着说只是开玩笑，挂断了电话",
]


@pytest.mark.parametrize("text", HOAX_CALLS)
def test_a_retracted_bomb_call_is_a_probable_hoax_for_the_police_not_an_evacuation(make_assistant, text):
    plan = make_assistant().plan(text, narrative=False)
    actions = " ".join(i.text for i in plan.immediate_actions)
    assert "Probable hoax" in actions and "Police assess" in actions, actions
    evacuation = " ".join(i.text for i in plan.evacuation)
    assert "People moved" not in evacuation and "is being evacuated" not in evacuation, evacuation
    if "rule PS" in evacuation:
        assert "held for the police assessment" in evacuation, evacuation


def test_a_bomb_threat_not_taken_back_still_evacuates(make_assistant):
    plan = make_assistant().plan("Caller says there is a bomb in Stockmann and it will go off at midnight", narrative=False)
    text = everything(plan)
    assert "Probable hoax" not in text and "(rule PS4)" in text, text


CRUSH = "Crowd crush at the railway station main entrance on Rautatientori, several people on the ground not moving, people still pushing from behind"


@pytest.mark.parametrize("threat", [
    "Caller says there is a bomb in Stockmann and it will go off at midnight",
    "Email to the Stockmann department store says a bomb is set to explode there tonight",
])
def test_an_assembly_point_is_never_inside_another_open_incidents_cordon(make_assistant, threat):
    assistant = make_assistant()
    crush = assistant.plan(CRUSH, narrative=False)
    area = crush.tool_outputs["plan_protective_action"]
    assert area["isolation_m"] and area["lat"] is not None, area
    plan = assistant.plan(threat, narrative=False)
    point = plan.tool_outputs["plan_protective_action"]["assembly_point"]
    assert point is not None, everything(plan)
    apart = haversine_m(point["lat"], point["lon"], area["lat"], area["lon"])
    assert apart > area["isolation_m"], (point, area, apart)
    assert "Rautatientori" not in point["name"], point
    text = everything(plan)
    assert crush.incident_id in text, text  # said: the nearer place lies inside the crush's area


# --- M15: a lost child -------------------------------------------------------------------------------------------------
LOST_CHILDREN = [
    "孩子走丢了！我们的儿子5岁，在参议院广场大教堂台阶附近不见了，穿红色外套，不会说英语",
    "Our daughter, 6, is missing near the cathedral steps on Senate Square, pink jacket, last seen 10 minutes ago",
    "Lost child at Kauppatori: a boy of about 4 in a blue hat, separated from his parents near the ferry terminal",
]


@pytest.mark.parametrize("text", LOST_CHILDREN)
def test_a_lost_child_plan_has_no_cordon_or_shelter_steps(make_assistant, text):
    plan = make_assistant().plan(text, narrative=False)
    assert plan.triage.incident_type == "missing_person", plan.triage
    actions = " ".join(i.text for i in plan.immediate_actions)
    assert "missing person" in actions.lower(), actions
    for step in ("set the cordon", "hold rescue and medical units", "Move the public away", "shelter evacuees"):
        assert step not in actions, actions


# --- M17: a crowd crush with people down ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    CRUSH,
    "Crush at the front of the crowd by the Senate Square stage, three people down and not responding",
])
def test_a_crowd_crush_with_people_down_does_not_hold_the_ambulances_outside(make_assistant, text):
    plan = make_assistant().plan(text, narrative=False)
    actions = " ".join(i.text for i in plan.immediate_actions)
    assert "hold rescue and medical units" not in actions, actions
    assert "crowd crush" in actions.lower(), actions


@pytest.mark.parametrize("text", [
    "Firework went off in a man's hand on Pohjoisesplanadi outside Kappeli, he is bleeding heavily from the hand and face",
    "Man hurt by a rocket in front of Kappeli on the Esplanadi, bleeding",
])
def test_outside_kappeli_is_the_kappeli_of_the_map(city, text):
    from tools.locate import locate

    kappeli = city.gazetteer.resolve("Kappeli")
    res = locate(city, text)
    assert "Kappeli" in (res.place or "") and res.radius_m <= 60, res
    assert haversine_m(res.lat, res.lon, kappeli.lat, kappeli.lon) <= 60, res
    # the word in lower case still describes a kind of place (a chapel), not the restaurant
    chapel = locate(city, "Fire in the kappeli next to the cemetery")
    assert "Kappeli" not in (chapel.place or ""), chapel


def test_a_stabbing_still_holds_the_units_outside_the_police_cordon(make_assistant):
    plan = make_assistant().plan("Man with a knife stabbed two people on Senate Square, he is still there", narrative=False)
    actions = " ".join(i.text for i in plan.immediate_actions)
    assert "hold rescue and medical units" in actions, actions


# --- L18: catastrophic bleeding -------------------------------------------------------------------------------------------
HEAVY_BLEEDING = [
    "Firework went off in a man's hand on Pohjoisesplanadi, he is bleeding heavily from the hand and face, conscious",
    "Guy hit by a rocket on Esplanadi, blood spurting from his arm",
    "烟花在他手里炸了，手在流血，大量出血",
    "Raketti räjähti miehen kädessä Esplanadilla, hän vuotaa runsaasti verta",
]


@pytest.mark.parametrize("text", HEAVY_BLEEDING)
def test_catastrophic_bleeding_is_p1_and_not_minor(text):
    found = codes(text)
    assert "catastrophic_bleeding" in found and "minor_injury" not in found and "minor_patients" not in found, found
    assert reconciled_triage(summary("medical", "P2"), text).priority == "P1"


@pytest.mark.parametrize("text", ["Small cut on his finger, bleeding a little, he is fine", "手在流血，是个小口子"])
def test_a_small_bleed_stays_as_triaged(text):
    assert "catastrophic_bleeding" not in codes(text)
    assert reconciled_triage(summary("medical", "P3"), text).priority == "P3"


# --- L22: open water is no ice ---------------------------------------------------------------------------------------------
ANNEX_J_ICE_STEPS = [
    "Keep everyone else off the ice: bystanders who go out to help become the next casualties.",
    "Crew on the ice wear dry suits, are tied to a line held from the shore, and spread their weight on the ice sledge; "
    "one rescuer goes out at a time.",
]
ANNEX_J_SHORE_STEP = ("Tell the caller to stay on the shore or the quay, keep the person in sight and talk to them; throw something "
                      "that floats, but never walk out to them.")
IN_OPEN_WATER = [
    "Drunk man fell into the sea at Kauppatori by the ferry quay, he is in the water and struggling, friends can't reach him",
    "Woman fell off the pier at the South Harbour, she is in the water and can't swim",
    "Mies putosi laiturilta mereen Kauppatorilla, on vedessä eikä pääse ylös",
]
THROUGH_ICE = [
    "Man fell through the ice off Kaivopuisto, he is holding on to the ice edge",
    "Kid went through the thin ice on Töölönlahti, he is in the water",
    "有人掉进冰窟窿里了，在海边",
]


def water_facts(text: str):
    from agent.step_fit import incident_facts

    return incident_facts(text, "medical", ())


@pytest.mark.parametrize("text", IN_OPEN_WATER)
def test_a_person_in_open_water_in_summer_gets_no_ice_steps(text):
    from agent.step_fit import step_fits

    facts = water_facts(text)
    assert not any(step_fits(step, facts) for step in ANNEX_J_ICE_STEPS), facts
    assert step_fits(ANNEX_J_SHORE_STEP, facts)


@pytest.mark.parametrize("text", THROUGH_ICE)
def test_a_person_through_the_ice_keeps_the_ice_steps(text):
    from agent.step_fit import step_fits

    facts = water_facts(text)
    assert all(step_fits(step, facts) for step in ANNEX_J_ICE_STEPS), facts


def test_in_winter_a_person_in_the_water_with_no_quay_named_keeps_the_ice_steps(monkeypatch):
    import agent.time_of_day
    from agent.step_fit import step_fits

    monkeypatch.setattr(agent.time_of_day, "planning_now", lambda: datetime(2026, 1, 20, 12, 0, tzinfo=timezone.utc))
    assert all(step_fits(step, water_facts("Man in the water off Kaivopuisto shouting for help")) for step in ANNEX_J_ICE_STEPS)


def test_the_quay_plan_has_the_water_rescue_steps_and_no_ice_ones(make_assistant):
    plan = make_assistant().plan(IN_OPEN_WATER[0], narrative=False)
    actions = " ".join(i.text for i in plan.immediate_actions)
    assert "stay on the shore or the quay" in actions, actions
    assert "off the ice" not in actions and "ice sledge" not in actions, actions
