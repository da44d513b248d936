"""s18 (MED): a plan made for a Chinese report has its own detail lines in Chinese, not only its headline.

Before this change the Chinese desk got "# 应急响应方案" over English lines the planner composed itself: "KAM-A1
(ambulance, Kamppi): ETA 3.2 min.", "Hazard area: 150 m around ...", "Triage: medical (91%), priority P1 ...",
"Location: ...".  Those lines now read in Chinese (``agent.plan_language``); unit ids, place names, types and figures
stay as written, and the plans' quoted passages stay English.  An English plan is rendered exactly as before."""

from __future__ import annotations

import re

import pytest

from agent.plan_language import item_in_chinese
from agent.render import to_markdown
from agent.schemas import PlanItem, ResponsePlan
from core.text import has_han

# lines of the shapes the planner composes, with values of different kinds (ids, Latin and Chinese names, figures)
COMPOSED = [
    ("KAM-A1 (ambulance, Kamppi): ETA 3.2 min.", ("KAM-A1", "ambulance", "Kamppi", "3.2")),
    ("ERO-E1 (engine, Erottaja): ETA 4.0 min. For: people trapped.", ("ERO-E1", "engine", "Erottaja", "4.0", "people trapped")),
    ("120 people from Z-03 → Kallio school: 12 min (900 m).", ("120", "Z-03", "Kallio school", "12", "900")),
    ("Hazard area: 150 m around Annankatu 12 (fire).", ("150", "Annankatu 12", "fire")),
    ("Location: Annankatu 12, Helsinki (address).", ("Annankatu 12, Helsinki (address)",)),
    ('Location: Annankatu 12 (street address) at 60.16300, 24.93700 ± 30 m, confirmed by the text; from the words "Annankatu 12".',
     ("Annankatu 12", "street address", "60.16300", "24.93700", "30")),
    ("Triage: medical (91%), priority P1 (88%); language zh.", ("medical", "91%", "P1", "88%")),
    ("Shortfall: 1 × ladder. Request mutual aid from Espoo.", ("1", "ladder", "Request mutual aid from Espoo.")),
    ("Estimated clearance time: 25 min.", ("25",)),
]


@pytest.mark.parametrize("line, kept", COMPOSED)
def test_a_composed_line_reads_in_chinese_with_its_values_kept(line, kept):
    zh = item_in_chinese(line)
    assert has_han(zh) and zh != line, zh
    assert all(value in zh for value in kept), (zh, kept)
    assert not re.search(r"\b(?:ETA|Hazard area|Triage|Location|Shortfall|Estimated)\b", zh), zh


@pytest.mark.parametrize("line", ["1. Size up the scene and confirm the hazard.", "Call 112 and keep the line open",
                                  "Mannerheimintie is closed between A and B."])
def test_a_line_the_planner_did_not_compose_stays_as_written(line):
    assert item_in_chinese(line) == line  # a plan passage's step or a tool's free text: quoted, never translated


def _final(assistant, message: str):
    return [e for e in assistant.chat(message, None) if e.kind in ("final", "error")][-1]


def _body_lines(text: str) -> list[str]:
    """The plan's item lines (bullets and numbered steps) before its sources."""
    body = text.split("## 出处")[0].split("## Sources")[0]
    return [line for line in body.splitlines() if re.match(r"^(?:-|\d+\.) ", line)]


@pytest.mark.parametrize("report", ["Annankatu 12 有人晕倒", "Kamppi 购物中心起火，有人被困，浓烟很大"])
def test_a_chinese_report_gets_its_dispatch_and_situation_lines_in_chinese(make_assistant, report):
    final = _final(make_assistant(llm_backend="none"), report)
    assert final.plan is not None, final.text[:300]
    lines = _body_lines(final.text)
    english = [line for line in lines if re.search(r"\bETA\b|^- (?:Triage|Location|Hazard area|Determinants):", line)]
    assert not english, english
    assert any("预计" in line and "分钟到达" in line for line in lines), lines  # a unit's arrival, in Chinese
    meta = final.text.splitlines()[1]
    assert "创建于" in meta and "created" not in meta, meta


def test_an_english_report_renders_as_before(make_assistant):
    final = _final(make_assistant(llm_backend="none"), "someone collapsed at Annankatu 12, not breathing")
    assert final.plan is not None
    assert final.text.startswith(to_markdown(final.plan).split("\n")[0])
    assert re.search(r"^- \S+ \([^)]+\): ETA [\d.]+ min\.", final.text, re.MULTILINE), final.text[:800]
    assert "\n- Triage: " in final.text and " · created " in final.text


def test_to_markdown_in_english_is_untouched_by_the_chinese_wording():
    plan = ResponsePlan(plan_id="PLAN-TEST", report="x", resources=[PlanItem(text="KAM-A1 (ambulance, Kamppi): ETA 3.2 min.")],
                        situation=[PlanItem(text="Triage: medical (91%), priority P1 (88%); language zh.")])
    text = to_markdown(plan)
    assert "- KAM-A1 (ambulance, Kamppi): ETA 3.2 min." in text and "- Triage: medical (91%)" in text
    assert not has_han(text)
    zh = to_markdown(plan, language="zh")
    assert "- KAM-A1（ambulance，Kamppi）：预计 3.2 分钟到达。" in zh


def test_a_tool_summary_read_in_chat_has_its_composed_lines_in_chinese():
    from agent.plan_language import lines_in_chinese

    text = ("Evacuation plan (fire, walk, daytime population, min_cost_flow): 700 people, 650 with a shelter place.\n"
            "- Z-KAMPPI (general): 300 people to Porthania [SH-PORTHANIA], 16.8 min.\n"
            "Estimated clearance time: 42 min (simple bound).\n"
            "- KAM-A2 (ambulance, Kamppi demonstration base): out_of_service\n"
            "Shelter occupancy [S3]: free text a tool wrote")
    zh = lines_in_chinese(text).splitlines()
    assert zh[0].startswith("疏散方案（fire") and "700 人" in zh[0], zh[0]
    assert zh[1] == "- Z-KAMPPI (general)：300 人 → Porthania [SH-PORTHANIA]，16.8 分钟。", zh[1]
    assert "42 分钟" in zh[2] and zh[3].endswith("：停用"), zh
    assert zh[4] == "Shelter occupancy [S3]: free text a tool wrote"  # not a shape of ours: as written


@pytest.mark.parametrize("question, zh", [("还有哪些救护车可用？", True), ("现在有几辆车空闲", True),
                                          ("which ambulances are still available?", False), ("unit board", False)])
def test_the_unit_status_lines_follow_the_askers_language(make_assistant, question, zh):
    """A unit's status and the board's counts ("ERO-A1 (ambulance, ...): available", "16 available") are the system's
    own words: Chinese for a Chinese asker (ids and station names kept), English as before for an English one."""
    final = list(make_assistant(llm_backend="none").chat(question, None))[-1]
    english = re.findall(r"\d+ available\b|: available$", final.text, re.MULTILINE)
    if zh:
        assert not english and re.search(r"\d+ 可用|：可用$", final.text, re.MULTILINE), final.text[:600]
    else:
        assert english and not has_han(final.text), final.text[:600]
