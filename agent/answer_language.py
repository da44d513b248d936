"""The deterministic answer's own words in the asker's language.

A Chinese procedure question ("氯气泄漏的隔离距离是多少？") was answered with English passages and English framing.  The
plan passages are quoted as written (no language model translates them, and a quote must stay the plan's own text):
the answer says so ("摘自预案（英文原文）"), and its framing and headings are Chinese, as the chat's other fixed replies
to a Chinese message already are (``agent.safety``, ``agent.safety.record_line``).  English messages are untouched.
"""

from __future__ import annotations

from core.text import detect_language

__all__ = ["framed_for", "help_text", "references_heading"]

NO_PASSAGE_EN = "No passage of the plans matches that question."
HELP_EN = ("I can triage reports, plan evacuations and dispatch, check unit status and shelters, "
           "and quote the emergency plans. Paste a report or ask, e.g. 'evacuate Kamppi'.")
_HELP_ZH = "我可以分诊报告、规划疏散和派车、查询单位状态和避难所，并引用应急预案。请粘贴报告或直接提问，例如“疏散 Kamppi”。"
_PASSAGES_ZH = "摘自预案（英文原文，未翻译；[C1] 等为出处）："
_NO_PASSAGE_ZH = "预案中没有与该问题相符的段落。"
_REFERENCES_ZH = "预案出处（英文原文）："


def framed_for(question: str, tool_name: str, text: str) -> str:
    """A tool's readable output as the answer frames it for the asker of ``question``."""
    if detect_language(question) != "zh" or tool_name != "search_plans":
        return text
    if text.strip() == NO_PASSAGE_EN:
        return _NO_PASSAGE_ZH
    return f"{_PASSAGES_ZH}\n{text}"


def references_heading(question: str) -> str:
    """The heading of the plan references under a plan put together in chat."""
    return _REFERENCES_ZH if detect_language(question) == "zh" else "Plan references: "


def help_text(question: str) -> str:
    """What the assistant can do, in the asker's language."""
    return _HELP_ZH if detect_language(question) == "zh" else HELP_EN
