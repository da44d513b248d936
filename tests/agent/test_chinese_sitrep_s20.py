"""Trial s20 M3: "给我一份中文态势报告" was English lines ("Open incidents: ...", "Units: ...", alerts, "Sources: ...")
under a Chinese header.  Real assistant, real city, a log with open incidents (P1 ones without an approved plan, so
that the alerts show)."""

from __future__ import annotations

import pytest

ENGLISH_LINES = ("Open incidents:", "Units:", "Shelters:", "Stream reports:", "Alerts:", "Sources:", " with plan state ",
                 "… and ")


@pytest.fixture
def busy_assistant(make_assistant):
    assistant = make_assistant()
    for report in ("Building fire at Mannerheimintie 5, people trapped on the third floor",
                   "Car crash at Kaivokatu 1, two injured, one trapped",
                   "Gas leak smell in the basement at Fredrikinkatu 20"):
        assistant.plan(report, narrative=False)
    return assistant


@pytest.mark.parametrize("ask", ["给我一份中文态势报告", "现在整体态势怎么样？", "汇报一下当前态势"])
def test_chinese_sitrep_lines_are_chinese(busy_assistant, chat_turn, ask: str) -> None:
    reply = chat_turn(busy_assistant, ask, None).text
    assert "未结事件：" in reply and "单位：" in reply and "来源：" in reply, reply
    for line in reply.splitlines():
        assert not any(line.lstrip("- ").startswith(word.strip()) or word in line for word in ENGLISH_LINES), line


def test_english_sitrep_is_unchanged(busy_assistant, chat_turn) -> None:
    reply = chat_turn(busy_assistant, "Give me a sitrep", None).text
    assert "Open incidents: 3" in reply and "Sources: [S1] incident log" in reply
