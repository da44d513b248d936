"""The note a reply opens with when a report opened its own incident or went to another (``_opened_note``), pinned
byte for byte in English and Chinese before the two writers became one template table (s19 split)."""

import pytest

from agent.chat_session import _opened_note
from agent.schemas import ResponsePlan, TriageSummary


def plan(pid, inc, kind=None, prio="P2", loc=None):
    t = TriageSummary(incident_type=kind, priority=prio, type_confidence=0.9, priority_confidence=0.9) if kind else None
    return ResponsePlan(plan_id=pid, incident_id=inc, report="r", location=loc, triage=t)


CASES = {
    "opened_and_moved": dict(opened=[plan("P-1", "INC-3", "structure_fire", "P1", "Annankatu 12")],
                             moved=[plan("P-2", "INC-4", "road_accident")], session_incident="INC-1", now_on="INC-3"),
    "session_closed": dict(opened=[plan("P-1", "INC-5")], moved=[], session_incident="INC-1", now_on="INC-5",
                           closed=["INC-1"]),
    "other_closed_named": dict(opened=[plan("P-1", "INC-6", "flood", "P3", "Kamppi"), plan("P-3", "INC-7", "gas_leak")],
                               moved=[plan("P-2", "INC-2", "gas_leak", "P2", "Kamppi metro")], session_incident="INC-1",
                               now_on="INC-1", closed=["INC-9", "INC-9"], named=["INC-2"]),
}

EXPECTED = {
    ('opened_and_moved', False): 'Opened INC-3 for P1 structure fire at Annankatu 12 (a different place or hazard, or asked as new); INC-1 stays open. Filed under INC-4 (P2 road accident): the same place as that incident, or what it says fits that one. This session now continues on INC-3.',
    ('opened_and_moved', True): '已新开事件 INC-3（P1 structure fire at Annankatu 12）（地点或危险不同，或按要求新开）；INC-1 仍未结。已归入 INC-4（P2 road accident）：与该事件地点相同，或内容与该事件相符。本会话现在继续处理 INC-3。',
    ('session_closed', False): 'INC-1 is closed: nothing is filed under a closed incident, so this report opened its own. Opened INC-5 for the report. This session now continues on INC-5.',
    ('session_closed', True): 'INC-1 已关闭（已结案）：已结事件不再登记报告，此报告已新开事件。已新开事件 INC-5（the report）。本会话现在继续处理 INC-5。',
    ('other_closed_named', False): 'INC-9 is closed: nothing is filed under a closed incident, so this report opened its own. Opened INC-6 for P3 flood at Kamppi, INC-7 for P2 gas leak; INC-1 stays open. Filed under INC-2 (P2 gas leak at Kamppi metro): the incident the message names.',
    ('other_closed_named', True): 'INC-9 已关闭（已结案）：已结事件不再登记报告，此报告已新开事件。已新开事件 INC-6（P3 flood at Kamppi），INC-7（P2 gas leak）；INC-1 仍未结。已归入 INC-2（P2 gas leak at Kamppi metro）：消息中指明的事件。',
}


@pytest.mark.parametrize(("name", "zh"), sorted(EXPECTED))
def test_opened_note_is_unchanged(name: str, zh: bool) -> None:
    assert _opened_note(zh=zh, **CASES[name]) == EXPECTED[(name, zh)]
