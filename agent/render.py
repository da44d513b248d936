"""Render a ResponsePlan to Markdown (for people) and JSON (for machines).

The one Markdown rendering of a response plan: the CLI prints it, the chat's plan tool
hands it to the model, the UI's export writes it (with the approval status).  Also a tool's output as text for the
operator (``data_text``, ``tool_output_text``): no raw dict, list or JSON is shown to a person.
"""

from __future__ import annotations

import json

from agent.plan_language import item_in_chinese, meta_in_chinese, original_language_note
from agent.schemas import PlanItem, ResponsePlan

SECTION_TITLES = {
    "situation": "Situation",
    "immediate_actions": "Immediate actions",
    "evacuation": "Evacuation",
    "resources": "Resources and ETAs",
    "communications": "Communications",
    "open_questions": "Open questions",
}

# The headings of a plan made for a report written in Chinese (``to_markdown(..., language="zh")``): the plan's items
# stay as the tools and plans wrote them
SECTION_TITLES_ZH = {
    "situation": "态势",
    "immediate_actions": "立即行动",
    "evacuation": "疏散",
    "resources": "资源与到达时间",
    "communications": "通信",
    "open_questions": "待确认问题",
}
_HEADINGS_ZH = {"Response plan": "应急响应方案", "Summary": "摘要", "Sources": "出处（英文原文）",
                "Report text": "报告原文", "(none)": "（无）"}


def _source_tag(item: PlanItem) -> str:
    tags = []
    for source in item.sources:
        if source.kind == "citation":
            tags.append(f"[{source.ref}]")
        elif source.kind == "tool":
            tags.append(f"[tool: {source.ref}]")
        elif source.kind == "triage":
            tags.append("[triage model]")
        elif source.kind == "scenario":
            tags.append(f"[scenario: {source.ref}]")
        else:
            tags.append(f"[{source.kind}]")
    return " " + " ".join(tags) if tags else ""


def approval_text(approval: tuple[str, str] | None) -> str:
    """(approved_by, approved_at) as the status line of an exported plan."""
    return f"approved by {approval[0]} at {approval[1]}" if approval else "DRAFT (not approved)"


def _confidence_note(type_figure: str, priority_figure: str) -> str:
    """"confidence 96% / 97%"; a value kept from the incident (a follow-up) is said to be, with no figure."""
    if type_figure and priority_figure:
        return f"confidence {type_figure} / {priority_figure}"
    if not type_figure and not priority_figure:
        return "type and priority kept from the incident"
    if not type_figure:
        return f"type kept from the incident; priority confidence {priority_figure}"
    return f"type confidence {type_figure}; priority kept from the incident"


def to_markdown(plan: ResponsePlan, *, approval: tuple[str, str] | None = None, with_status: bool = False,
                language: str = "en") -> str:
    """The plan as Markdown; ``with_status`` adds the approval status (exports), ``approval`` is (by, at);
    ``language`` "zh": its headings, meta line and composed lines in Chinese (the chat's answer to a report written in
    Chinese; ``agent.plan_language``)."""
    words = (lambda en: _HEADINGS_ZH.get(en, en)) if language == "zh" else (lambda en: en)
    titles = SECTION_TITLES_ZH if language == "zh" else SECTION_TITLES
    lines = [f"# {words('Response plan')} {plan.plan_id}"]
    meta = [f"created {plan.created_at:%Y-%m-%d %H:%M} UTC"]
    if plan.incident_id:
        meta.insert(0, f"incident {plan.incident_id}")
    if plan.triage:
        t = plan.triage
        meta.append(f"**{t.incident_type} / {t.priority}** ({_confidence_note(*t.confidence_figures())})")
    if with_status or approval:
        meta.append(f"status: {approval_text(approval)}")
    item = item_in_chinese if language == "zh" else (lambda text: text)
    if language == "zh":  # the plan's own words in Chinese (agent.plan_language); an English plan is not touched
        meta = [meta_in_chinese(part) for part in meta]
    lines.append(" · ".join(meta))
    if plan.warnings:
        lines.append("")
        lines.extend(f"> ⚠ {item(warning)}" for warning in plan.warnings)
    if plan.summary:
        lines += ["", f"## {words('Summary')}", plan.summary]
    for section, title in titles.items():
        items: list[PlanItem] = getattr(plan, section)
        lines += ["", f"## {title}"]
        if not items:
            lines.append(f"- {words('(none)')}")
        numbered = section == "immediate_actions"
        for index, entry in enumerate(items, 1):
            bullet = f"{index}." if numbered else "-"
            lines.append(f"{bullet} {item(entry.text)}{_source_tag(entry)}")
    if plan.citations:
        sources = words("Sources")
        if language == "zh" and any(c.text.strip() for c in plan.citations):  # "英文原文" only where a cited passage is English (s20 M3)
            note = original_language_note(c.text for c in plan.citations)
            sources = f"出处（{note.split('，')[0]}）" if note else "出处"
        lines += ["", f"## {sources}"]
        for citation in plan.citations:
            quote = " ".join(citation.text.split())[:240]
            lines.append(f"- **[{citation.ref}]** {citation.label()} — `{citation.source}`" + (f"\n  > {quote}…" if quote else ""))
    lines += ["", f"_{words('Report text')}:_", "", "> " + plan.report.replace("\n", "\n> ")]
    return "\n".join(lines) + "\n"


def to_json(plan: ResponsePlan, indent: int = 2) -> str:
    return plan.model_dump_json(indent=indent)


def missing_sections(plan: ResponsePlan) -> list[str]:
    """Sections with no item at all (the plan-suite check)."""
    return [section for section in SECTION_TITLES if not getattr(plan, section)]


# --- a tool's output as operator-facing text ------------------------------------------------------
# No raw structure (a Python dict or list, JSON) is ever shown to the operator: a tool output without its own text
# is written out here, a field a line, nested values indented, empty ones left out.
_NESTED_LINES = 40  # of a long list, the first lines and a count of the rest


def place_text(match: dict) -> str:
    """A resolved place (tools.gazetteer.PlaceMatch as a dict) as one line."""
    kind = ", ".join(dict.fromkeys(str(v).replace("_", " ") for v in (match.get("kind"), match.get("category")) if v))
    where = ""
    if isinstance(match.get("lat"), (int, float)) and isinstance(match.get("lon"), (int, float)):
        where = f" at {match['lat']:.5f}, {match['lon']:.5f}"
        if match.get("radius_m"):
            where += f" (±{match['radius_m']:.0f} m)"
    score = f"; match score {match['score']:.2f}" if isinstance(match.get("score"), (int, float)) else ""
    return f"{match.get('name') or 'unnamed place'}" + (f" ({kind})" if kind else "") + where + score


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.5g}"
    return str(value)


def _label(key: object) -> str:
    return str(key).replace("_", " ")


def data_lines(value: object, indent: str = "") -> list[str]:
    """``value`` (dicts, lists, scalars) as indented text lines."""
    if isinstance(value, dict):
        if {"name", "lat", "lon", "kind"} <= set(value):  # a place, wherever it is nested
            return [f"{indent}- {place_text(value)}"]
        lines = []
        for key, item in value.items():
            if item is None or item == "" or item == [] or item == {}:
                continue
            if isinstance(item, (dict, list)):
                lines.append(f"{indent}- {_label(key)}:")
                lines += data_lines(item, indent + "  ")
            else:
                lines.append(f"{indent}- {_label(key)}: {_scalar(item)}")
        return lines
    if isinstance(value, list):
        lines = []
        for item in value[:_NESTED_LINES]:
            if isinstance(item, dict) and not ({"name", "lat", "lon", "kind"} <= set(item)):
                fields = [f"{_label(k)} {_scalar(v)}" for k, v in item.items() if v not in (None, "", [], {}) and not isinstance(v, (dict, list))]
                nested = {k: v for k, v in item.items() if isinstance(v, (dict, list)) and v}
                lines.append(f"{indent}- " + ", ".join(fields))
                lines += data_lines(nested, indent + "  ")
            elif isinstance(item, (dict, list)):
                lines += data_lines(item, indent)
            else:
                lines.append(f"{indent}- {_scalar(item)}")
        if len(value) > _NESTED_LINES:
            lines.append(f"{indent}… and {len(value) - _NESTED_LINES} more")
        return lines
    return [f"{indent}- {_scalar(value)}"]


def data_text(data: dict) -> str:
    """A tool output's fields as text (a resolved place as one line)."""
    if isinstance(data.get("match"), dict) and len(data) == 1:
        return "Place: " + place_text(data["match"])
    return "\n".join(data_lines(data)) or "(no result)"


def tool_output_text(output: str) -> str:
    """A tool step's whole output as text (the UI's tool-step detail): JSON written out field by field, every other
    output as it is."""
    try:
        data = json.loads(output)
    except (json.JSONDecodeError, TypeError):
        return output
    if isinstance(data, dict):
        return data_text(data)
    if isinstance(data, list):
        return "\n".join(data_lines(data)) or "(no result)"
    return output
