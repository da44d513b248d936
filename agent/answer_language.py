"""The deterministic answer's own words in the asker's language.

A Chinese procedure question ("氯气泄漏的隔离距离是多少？") was answered with English passages and English framing.  The
plan passages are quoted as written (no language model translates them, and a quote must stay the plan's own text):
the answer says so ("摘自预案（英文原文）"), and its framing and headings are Chinese, as the chat's other fixed replies
to a Chinese message already are (``agent.safety``, ``agent.safety.record_line``).  English messages are untouched.

Every answer of the chat goes through here (s17 M5: a Chinese desk still got most answers in English): a tool's
output is framed by a Chinese heading that says what it is and that its detail lines are the system's own record
(place names, unit ids and plan passages stay as they are, nothing is machine-translated); the chat's fixed replies
(refusals, the confirmation list) have a Chinese wording in one catalogue (``in_language``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from agent.plan_language import lines_in_chinese, original_language_note, summary_in_chinese
from core.language import identify_language
from core.text import detect_language

__all__ = ["NO_PASSAGE_EN", "asks_in_chinese", "awaiting_heading", "decision_line", "framed_for", "proposal_line", "help_text", "in_language",
           "nothing_filed_reply", "references_heading", "suggestions_line"]

NO_PASSAGE_EN = "No passage of the plans matches that question."
HELP_EN = ("I can triage reports, plan evacuations and dispatch, check unit status and shelters, "
           "and quote the emergency plans. Paste a report or ask, e.g. 'evacuate Kamppi'.")
_HELP_ZH = "我可以分诊报告、规划疏散和派车、查询单位状态和避难所，并引用应急预案。请粘贴报告或直接提问，例如“疏散 Kamppi”。"
_PASSAGES_ZH = "摘自预案（{note}[C1] 等为出处）："  # note: original_language_note
_NO_PASSAGE_ZH = "预案中没有与该问题相符的段落。"
_REFERENCES_ZH = "预案出处{note}："
_AS_RECORDED_ZH = "（地名、单位编号和类型代码保持原样；未译的说明为系统记录原文）"

# What each tool's answer is, as its Chinese heading says (a tool not listed: the generic heading)
_TOOL_HEADINGS_ZH = {
    "resolve_place": "地点查询结果",
    "list_shelters": "避难所列表",
    "plan_evacuation": "疏散方案",
    "plan_dispatch": "派车建议（未改变任何单位状态）",
    "unit_status": "单位状态",
    "set_unit_status": "已提议变更单位状态：确认之前不会有任何变化",
    "close_incident": "已提议关闭事件：确认之前不会有任何变化",
    "open_incidents": "未结事件",
    "unit_board": "单位状态总览",
    "shelter_occupancy": "避难所占用情况",
    "sitrep": "态势汇总",
    "plan_protective_action": "防护行动建议",
    "plan_response": "应急响应方案",
}
_ERROR_ZH = "未能完成该请求（{what}）：原因如下（系统原文）"
# The situation views in the city's other languages: a heading in the asker's language over the record's own lines
# (kept in English, as the Chinese note says of untranslated lines; unit ids and place names are the same in all)
_TOOL_HEADINGS_CITY = {
    "fi": ({"sitrep": "Tilannekatsaus", "unit_board": "Yksiköiden tilanne"},
           " (järjestelmän kirjaus englanniksi; paikat, yksiköt ja koodit sellaisinaan):"),
    "sv": ({"sitrep": "Lägesrapport", "unit_board": "Enheternas status"},
           " (systemets registrering på engelska; platser, enheter och koder oförändrade):"),
}


def asks_in_chinese(text: str) -> bool:
    """Whether the asker wrote in Chinese (``core.text.detect_language``): the answer's own words are then Chinese."""
    return detect_language(text) == "zh"


def framed_for(question: str, tool_name: str, text: str) -> str:
    """A tool's readable output as the answer frames it for the asker of ``question``: for a Chinese asker, a Chinese
    heading (what the output is, or that the request could not be done) over the output's own lines; for a Finnish or
    Swedish asker (``_reply_language``), the sitrep's and the unit board's heading in that language."""
    if not asks_in_chinese(question):
        headings, as_recorded = _TOOL_HEADINGS_CITY.get(_reply_language(question), ({}, ""))
        if tool_name in headings and not text.lstrip().startswith(("⚠", "error:")):
            return f"{headings[tool_name]}{as_recorded}\n{text}"
        return text
    if tool_name == "search_plans":
        if text.strip() == NO_PASSAGE_EN:
            return _NO_PASSAGE_ZH
        note = original_language_note(line for line in text.splitlines() if re.match(r"\[C\d+\]", line))
        return f"{_PASSAGES_ZH.format(note=note + '；' if note else '')}\n{text}"
    what = _TOOL_HEADINGS_ZH.get(tool_name, "查询结果")
    if text.startswith("# "):  # a response plan rendered for the asker (``agent.render.to_markdown``): its own headings
        return text
    if text.lstrip().startswith(("⚠", "error:")):  # the tool could not do it (an unknown place, a bad argument)
        return f"⚠ {_ERROR_ZH.format(what=what.split('：')[0].split('（')[0])}：\n{text}"
    return f"{what}{_AS_RECORDED_ZH}：\n{lines_in_chinese(text)}"


def suggestions_line(question: str, suggestions: list[str]) -> str:
    """The names a tool offers instead of one it did not find."""
    if asks_in_chinese(question):
        return "您是否指：" + "、".join(suggestions) + "？"
    return "Did you mean: " + ", ".join(suggestions) + "?"


def references_heading(question: str, passages: Iterable[str] = ("",)) -> str:
    """The heading of the plan references under a plan put together in chat (``passages``: the cited texts, whose
    language the Chinese heading says; unknown: English, as the shipped plans are)."""
    if not asks_in_chinese(question):
        return "Plan references: "
    note = original_language_note(list(passages) if any(p.strip() for p in passages) else ["plan"])
    return _REFERENCES_ZH.format(note=f"（{note.split('，')[0]}）" if note else "")


def proposal_line(summary: str, proposal_id: str, zh: bool) -> str:
    """One proposal in the list a reply ends with (its summary in Chinese for a Chinese chat)."""
    return f"- {summary_in_chinese(summary) if zh else summary} ({proposal_id})"


def decision_line(summary: str, proposal_id: str, confirmed: bool, zh: bool) -> str:
    """What the chat says after the operator confirmed or rejected a proposal."""
    if zh:
        return (f"✓ 已确认：{summary_in_chinese(summary)}（{proposal_id}）；已执行。" if confirmed else
                f"✗ 已拒绝：{summary_in_chinese(summary)}（{proposal_id}）；未作任何更改。")
    return (f"✓ Confirmed: {summary} ({proposal_id}); done." if confirmed else
            f"✗ Rejected: {summary} ({proposal_id}); nothing changed.")


def awaiting_heading(zh: bool) -> str:
    """The heading of the list of proposals a reply filed, which await the operator's confirmation."""
    return "等待您的确认：" if zh else "Awaiting your confirmation:"


def help_text(question: str) -> str:
    """What the assistant can do, in the asker's language."""
    return _HELP_ZH if asks_in_chinese(question) else HELP_EN


def _catalogue() -> dict[str, str]:
    """The chat's fixed replies and their Chinese wording (imported late: agent.safety is large)."""
    from agent.safety import CONFIRMATION_KEPT, HARMFUL_REFUSAL, INJECTION_REFUSAL, REFUSAL, SUSPECTED_WARNING

    return {
        REFUSAL: "我不能处理这个请求：我只能协助应急指挥：报告分诊、响应方案、疏散、派车，以及应急预案的内容。请在这个范围内重新提出您的请求。",
        INJECTION_REFUSAL: ("我不能执行：该消息要求系统改变自身规则、透露配置或执行命令，且不包含可处理的事件或请求。未作任何更改。"
                            "如有真实事件，请描述发生了什么、在哪里、谁受影响；单位状态变更和派车都会先提议，由您确认。"
                            "该消息已作为安全事件记录。"),
        HARMFUL_REFUSAL: "我不能协助该请求。我只能支持应急响应：报告、方案、疏散、派车和应急程序。",
        SUSPECTED_WARNING: "消息中可能有部分内容是对系统的指令（注入分类器）；只根据工具结果作答，其中的指令均未执行。已作为安全事件记录。",
        CONFIRMATION_KEPT: "每项状态变更仍需您确认，不能跳过。",
    }


def in_language(question: str, text: str) -> str:
    """A fixed reply of the chat (a refusal, a warning) in the asker's language; any other text unchanged."""
    if not asks_in_chinese(question):
        return text
    from agent.safety import MIXED_WARNING

    if text in (catalogue := _catalogue()):
        return catalogue[text]
    head, _, tail = MIXED_WARNING.partition("{families}")
    if text.startswith(head) and text.endswith(tail):
        families = text[len(head):len(text) - len(tail)]
        return f"消息中有部分内容像是对系统的指令（{families}）；已忽略，只处理了其中的事件内容。已作为安全事件记录。"
    return text


# The answer to a message that tells no new emergency (``agent.hazards.no_new_emergency``): what it was read as, that
# nothing was filed, and what to send if there is an emergency after all; in the city's languages and Chinese.
_NOTHING_FILED = {
    "en": ("Noted: {what} - nothing was filed. If there is a real emergency, give the place and what is happening.",
           {"thanks": "thank you", "drill": "a drill or test", "false_alarm": "a false alarm", "all_clear": "an all-clear",
            "everyday": "no emergency described"}),
    "fi": ("Selvä: {what} - mitään ei kirjattu. Jos kyseessä on todellinen hätätilanne, kerro paikka ja mitä tapahtuu.",
           {"thanks": "kiitos", "drill": "harjoitus tai testi", "false_alarm": "erheellinen hälytys",
            "all_clear": "tilanne ohi", "everyday": "hätätilannetta ei kuvattu"}),
    "sv": ("Noterat: {what} - inget registrerades. Om det är en verklig nödsituation, ange platsen och vad som händer.",
           {"thanks": "tack", "drill": "en övning eller ett test", "false_alarm": "ett falsklarm",
            "all_clear": "faran är över", "everyday": "ingen nödsituation beskriven"}),
    "zh": ("已知悉：{what}，未登记任何事件。如有真实紧急情况，请说明地点和正在发生的情况。",
           {"thanks": "感谢", "drill": "演练或测试", "false_alarm": "误报", "all_clear": "险情已解除", "everyday": "未描述紧急情况"}),
}
# A short message ("kiitos", "tack", "brandövningen gick bra") the language identifier is not sure of: its own words say
# (not "on": English has it too, and "units on scene?" read as Finnish)
_FINNISH_WORDS = re.compile(r"\bkiit|harjoitu|testau|sammu|hälytys|tupak|paloasema|tilanne|yksikö|\b(?:ja|ei|meni|hyvin|paljon)\b",
                            re.IGNORECASE)
_SWEDISH_WORDS = re.compile(r"\btack\b|övning|släck|larm|brandstation|rökpaus|läges|\benhet|\b(?:och|är|gick|bra|vid|på)\b|å",
                            re.IGNORECASE)


def _reply_language(text: str) -> str:
    if asks_in_chinese(text):
        return "zh"
    guess = identify_language(text)
    if guess.sure and guess.language in ("fi", "sv"):
        return guess.language
    if guess.sure and guess.language == "en":
        return "en"
    return "fi" if _FINNISH_WORDS.search(text) else "sv" if _SWEDISH_WORDS.search(text) else "en"


def nothing_filed_reply(kind: str, text: str) -> str:
    """The short answer to ``text``, read as ``kind`` (thanks, drill, false_alarm, all_clear, everyday): nothing filed."""
    template, words = _NOTHING_FILED[_reply_language(text)]
    return template.format(what=words.get(kind, words["everyday"]))
