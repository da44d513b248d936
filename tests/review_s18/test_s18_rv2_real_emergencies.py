"""Review s18-rv2 of s18-nonincident (35920d3, agent.hazards.no_new_emergency on every chat filing path).

Over-blocking: real emergencies answered "nothing was filed".
- HIGH: a false alarm denied ("False alarm? No, there is smoke now at ...", "误报？不，... 现在冒烟了") read as a false alarm.
- HIGH: a real injury during a drill told by what happened ("a firefighter fell from the ladder", "en person har
  kollapsat", "队员从梯子上摔下来") read as the drill: only the words of _PEOPLE_AT_RISK (trapped, injured, ...) counted.
- HIGH: a drill stopped for a real hazard ("Övningen avbröts, det brinner på Annankatu 12") read as the drill.
"""

from __future__ import annotations

import pytest

DENIED_FALSE_ALARMS = [
    "False alarm? No, there is smoke now at Mannerheimintie 5",
    "It is not a false alarm, flames are visible at Annankatu 12",
    "误报？不，Annankatu 12 现在冒烟了",
    "不是误报，Annankatu 12 三楼有明火",
    "Ei ole virhehälytys, Annankatu 12:ssa näkyy liekkejä",
    "Inte falsklarm, det kommer rök ur fönstren på Annankatu 12",
]
INJURED_DURING_A_DRILL = [
    "During the exercise at Kamppi a firefighter fell from the ladder",
    "Fire drill at Annankatu 12: an elderly resident collapsed on the stairs",
    "Brandövning avbruten, en person har kollapsat",
    "Harjoituksen aikana palomies putosi tikkailta Kampissa",
    "演习中一名队员从梯子上摔下来，Kamppi",
    "Annankatu 12 消防演练时一位老人晕倒了",
]
DRILLS_STOPPED_FOR_A_HAZARD = [
    "Övningen avbröts, det brinner på Annankatu 12",
    "The drill was stopped, the kitchen at Annankatu 12 is on fire",
    "Harjoitus keskeytettiin, Annankatu 12:ssa palaa",
    "演习中止，Annankatu 12 厨房起火",
]
STILL_NO_EMERGENCY = [  # the counter-examples: these must still file nothing
    ("Fire drill at Kamppi school today at 10, smoke machine in use", "drill"),
    ("The fire drill at Annankatu 12 is cancelled today", "drill"),
    ("Brandövning på Annankatu 12 klockan 14", "drill"),
    ("False alarm at Annankatu 12, reset by the caretaker", "false_alarm"),
    ("误报，Annankatu 12 烟感已复位", "false_alarm"),
    ("Paloharjoitus Kampissa huomenna", "drill"),
]


@pytest.mark.parametrize("text", DENIED_FALSE_ALARMS + INJURED_DURING_A_DRILL + DRILLS_STOPPED_FOR_A_HAZARD)
def test_a_real_emergency_beside_a_drill_or_false_alarm_may_be_news(text):
    from agent.hazards import no_new_emergency

    assert no_new_emergency(text) is None


@pytest.mark.parametrize("text,kind", STILL_NO_EMERGENCY)
def test_drills_and_false_alarms_alone_still_file_nothing(text, kind):
    from agent.hazards import no_new_emergency

    assert no_new_emergency(text) == kind


@pytest.mark.parametrize("text", [DENIED_FALSE_ALARMS[0], DENIED_FALSE_ALARMS[2], INJURED_DURING_A_DRILL[0],
                                  INJURED_DURING_A_DRILL[2], DRILLS_STOPPED_FOR_A_HAZARD[0]])
def test_the_chat_files_it(make_assistant, restore_units, chat_turn, text):
    assistant = make_assistant()
    reply = chat_turn(assistant, text, None)
    assert assistant.incidents(), reply.text[:300]
