"""Trial s20 L2: proposal and confirmation notices were English in a Chinese chat ("Proposed: Set KAI-A1 (ambulance)
from available to dispatched", "Confirmed: ...").  Real assistant: the list a Chinese reply ends with, and the line the
chat shows after Confirm/Reject, are Chinese (ids and types kept); English chats unchanged."""

from __future__ import annotations

import pytest

from agent.answer_language import decision_line


@pytest.mark.parametrize(("ask", "unit"), [
    ("ERO-E2 的水泵坏了，设为停用", "ERO-E2"),
    ("请把 KAM-A1 改成停用，车辆故障", "KAM-A1"),
    ("ERO-L1 暂停使用，设为停用状态", "ERO-L1"),
])
def test_a_chinese_status_change_is_proposed_in_chinese(make_assistant, chat_turn, ask: str, unit: str) -> None:
    assistant = make_assistant()
    reply = chat_turn(assistant, ask, None)
    assert reply.proposals, reply.text
    assert f"把 {unit}（" in reply.text and "改为 停用" in reply.text, reply.text
    assert "Set " not in reply.text and "Proposed:" not in reply.text
    summary = reply.proposals[0].summary
    done = decision_line(summary, reply.proposals[0].proposal_id, True, zh=True)
    assert done.startswith("✓ 已确认：把 ") and "Set " not in done
    assert decision_line(summary, "PRO-1", False, zh=True).startswith("✗ 已拒绝：")


def test_an_english_status_change_stays_english(make_assistant, chat_turn) -> None:
    reply = chat_turn(make_assistant(), "Set ERO-E2 out of service, its pump is broken", None)
    assert reply.proposals and "Set ERO-E2 (" in reply.text
    assert decision_line(reply.proposals[0].summary, "PRO-1", True, zh=False).startswith("✓ Confirmed: Set ERO-E2")
