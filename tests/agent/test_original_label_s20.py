"""Trial s20 M3: "出处（英文原文）" / "英文原文，未翻译" was put on plan passages that are Chinese.  The label says what is
true of the passages quoted: English ones untranslated, Chinese ones no label, a mix said as such."""

from __future__ import annotations

import pytest

from agent.answer_language import framed_for, references_heading
from agent.plan_language import original_language_note
from agent.render import to_markdown
from agent.schemas import Citation

ZH = "停电超过三小时时开放取暖避难所，只使用有发电机的建筑。"
ZH2 = "室内使用发电机导致一氧化碳中毒属于危险品事故，有症状即为P1。"
EN = "When the power has been out for three hours the city opens heated shelters."


@pytest.mark.parametrize(("passages", "english"), [([ZH], False), ([ZH, ZH2], False), ([EN], True), ([ZH, EN], True)])
def test_search_answer_label(passages: list[str], english: bool) -> None:
    text = "\n".join(f"[C{i}] Annex Q, Q.{i}: {p}…" for i, p in enumerate(passages, 1))
    framed = framed_for("附件Q怎么说停电？", "search_plans", text)
    head = framed.splitlines()[0]
    assert ("英文" in head) == english, head
    assert framed.endswith(text)


def test_references_heading_and_note() -> None:
    assert "英文原文" not in references_heading("停电怎么办？", [ZH])
    assert "英文原文" in references_heading("停电怎么办？", [EN])
    assert references_heading("what now?", [ZH]) == "Plan references: "
    assert original_language_note([ZH, EN]).startswith("英文段落")


def test_plan_sources_heading(make_assistant) -> None:
    plan = make_assistant().plan("Kamppi 地铁站着火了，浓烟很大，有人被困", narrative=False)
    assert plan.citations
    english = to_markdown(plan, language="zh")
    assert "## 出处（英文原文）" in english  # the shipped plans are English
    chinese = plan.model_copy(update={"citations": [c.model_copy(update={"text": ZH}) for c in plan.citations]})
    md = to_markdown(chinese, language="zh")
    assert "## 出处\n" in md and "英文原文" not in md
