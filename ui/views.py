"""HTML and table views of the assistant's typed results, for the operator's wall screen.

Everything that came from outside (report text, LLM output, passages) is escaped:
a report must never be able to inject markup into the command centre's page.
"""

from __future__ import annotations

import html

import re
from html import escape
from typing import Any

from agent.render import SECTION_TITLES, data_lines, tool_output_text
from agent.schemas import Citation, IncidentSummary, PlanItem, ResponsePlan, SystemStatus, TriageSummary
from core.vocabulary import READ_BY_FALLBACK

PRIORITY_COLORS = {"P1": "#c0392b", "P2": "#e07b00", "P3": "#b59a00", "P4": "#5f6b73"}
LOW_CONFIDENCE = 0.6
_TRIAGE_PREFIX = re.compile(r"^P[1-4] [a-z_]+: ")


def _bar(label: str, share: float, color: str, *, strong: bool = False) -> str:
    pct = max(0.0, min(1.0, float(share))) * 100
    weight = "700" if strong else "400"
    return (
        f'<div class="eca-bar-row"><span class="eca-bar-label" style="font-weight:{weight}">{escape(label)}</span>'
        f'<span class="eca-bar"><span style="width:{pct:.0f}%;background:{color}"></span></span>'
        f'<span class="eca-bar-pct">{pct:.0f}%</span></div>'
    )


def _top(probs: dict[str, float], chosen: str, chosen_conf: float, n: int = 3) -> list[tuple[str, float]]:
    ranked = sorted(probs.items(), key=lambda kv: kv[1], reverse=True)[:n] if probs else []
    if not any(label == chosen for label, _ in ranked):
        ranked = [(chosen, chosen_conf), *ranked][:n]
    return ranked


def triage_html(triage: TriageSummary | None, *, report_id: str | None = None, decision: str | None = None,
                final: tuple[str | None, str | None] | None = None) -> str:
    """Type and priority in large type, with confidence bars for the model's top candidates.

    ``final`` is the operator's (type, priority) after a correction: the headline shows it,
    the bars keep showing what the model said.
    """
    if triage is None:
        return '<div class="eca-empty">No report triaged yet. Paste a report and press <b>Triage</b>.</div>'
    head_type, head_prio = (final or (None, None))
    head_type, head_prio = head_type or triage.incident_type, head_prio or triage.priority
    corrected = (head_type, head_prio) != (triage.incident_type, triage.priority)
    pcolor = PRIORITY_COLORS.get(head_prio, "#5f6b73")
    kind = head_type.replace("_", " ") + (" (corrected)" if corrected else "")
    warn = ""
    if not corrected and min(triage.type_confidence, triage.priority_confidence) < LOW_CONFIDENCE:
        warn = '<div class="eca-warn">Low confidence: check the report and correct the label if needed.</div>'
    bars_type = "".join(
        _bar(label.replace("_", " "), p, "#1f5fd1" if label == triage.incident_type else "#9db3d9", strong=label == triage.incident_type)
        for label, p in _top(triage.type_probs, triage.incident_type, triage.type_confidence)
    )
    bars_prio = "".join(
        _bar(label, p, PRIORITY_COLORS.get(label, "#888") if label == triage.priority else "#c9c9c9", strong=label == triage.priority)
        for label, p in _top(triage.priority_probs, triage.priority, triage.priority_confidence, n=4)
    )
    extras = []
    if triage.secondary_types:
        extras.append("also: " + ", ".join(escape(t.replace("_", " ")) for t in triage.secondary_types))
    extras.append(f"language {escape(triage.language)}"
                  + (" (read by the multilingual fallback)" if triage.read_by == READ_BY_FALLBACK else ""))
    if triage.type_from_words:
        extras.append(f"type from {escape(triage.type_source)}")
    if triage.model_version:
        extras.append(f"model {escape(triage.model_version)}")
    if report_id:
        extras.append(f"report {escape(report_id)}")
    decided = f'<div class="eca-decision">{escape(decision)}</div>' if decision else ""
    return (
        '<div class="eca-triage" data-testid="triage-result">'
        f'<div class="eca-triage-head"><span class="eca-prio" style="background:{pcolor}">{escape(head_prio)}</span>'
        f'<span class="eca-type">{escape(kind)}</span></div>'
        f'{warn}<div class="eca-bars"><div><div class="eca-sub">Model: incident type</div>{bars_type}</div>'
        f'<div><div class="eca-sub">Model: priority</div>{bars_prio}</div></div>'
        f'<div class="eca-meta">{" · ".join(extras)}</div>{decided}</div>'
    )


def _sources_html(item: PlanItem, citations: dict[str, Citation]) -> str:
    chips = []
    for source in item.sources:
        if source.kind == "citation" and source.ref in citations:
            cite = citations[source.ref]
            chips.append(f'<a class="eca-chip eca-chip-cite" href="#cite-{escape(source.ref)}" title="{escape(cite.label())}">{escape(source.ref)}</a>')
        else:
            chips.append(f'<span class="eca-chip eca-chip-{escape(source.kind)}">{escape(source.kind)}: {escape(source.ref)}</span>')
    return " ".join(chips)


def citation_html(cite: Citation) -> str:
    """An expandable passage: marker and source in the summary, the passage text inside."""
    origin = escape(cite.source)
    return (
        f'<details class="eca-cite" id="cite-{escape(cite.ref)}"><summary><b>[{escape(cite.ref)}]</b> {escape(cite.label())}'
        f'</summary><blockquote>{escape(cite.text) or "<i>(passage text not available)</i>"}</blockquote>'
        f'<div class="eca-meta">source: {origin}</div></details>'
    )


def plan_html(plan: ResponsePlan | None, *, approval: tuple[str, str] | None = None) -> str:
    """The structured plan: each section's items with their sources, then the cited passages."""
    if plan is None:
        return '<div class="eca-empty">No plan yet. Press <b>Plan response</b> or ask the assistant for one.</div>'
    cites = {c.ref: c for c in plan.citations}
    parts = ['<div class="eca-plan" data-testid="plan">']
    state = (
        f'<span class="eca-approved">APPROVED by {escape(approval[0])} at {escape(approval[1][:19].replace("T", " "))}</span>'
        if approval else '<span class="eca-draft">DRAFT: not approved</span>'
    )
    where = f" · {escape(plan.location)}" if plan.location else ""
    parts.append(f'<div class="eca-plan-head"><b>Plan {escape(plan.plan_id)}</b>{where} · {state}</div>')
    for warning in plan.warnings:
        parts.append(f'<div class="eca-warn">⚠ {escape(warning)}</div>')
    if plan.summary:
        parts.append(f'<div class="eca-summary">{escape(plan.summary)}</div>')
    for section in plan.SECTIONS:
        items: list[PlanItem] = getattr(plan, section)
        if not items:
            continue
        parts.append(f'<h4>{SECTION_TITLES.get(section, section)}</h4><ul>')
        for item in items:
            parts.append(f"<li>{escape(item.text)} {_sources_html(item, cites)}</li>")
        parts.append("</ul>")
    if plan.citations:
        parts.append("<h4>Sources</h4>")
        parts.extend(citation_html(c) for c in plan.citations)
    parts.append("</div>")
    return "".join(parts)


def citations_block(citations: list[Citation]) -> str:
    """Citations appended under a chat answer, each expandable to its passage."""
    if not citations:
        return ""
    return "\n\n" + "".join(citation_html(c) for c in citations)


STATUS_PENDING = '<div class="eca-status">Checking the LLM backend, triage model and knowledge base…</div>'


def status_html(status: SystemStatus | None, *, error: str | None = None) -> str:
    if status is None:
        return f'<div class="eca-status eca-status-bad">Status unavailable: {escape(error or "unknown error")}</div>'
    if status.llm_backend == "none":
        llm, reach = "none", '<span class="eca-bad">● no LLM configured: deterministic plans only</span>'
    else:
        reach = ('<span class="eca-ok">● reachable</span>' if status.llm_reachable
                 else '<span class="eca-bad">● unreachable: deterministic plans only</span>')
        llm = escape(status.llm_backend) + (f" ({escape(status.llm_model)})" if status.llm_model else "")
    triage = escape(status.triage_model_version) if status.triage_model_version else '<span class="eca-bad">no model</span>'
    parts = [f"LLM: <b>{llm}</b> {reach}", f"Triage model: <b>{triage}</b>",
             f"Knowledge base: <b>{status.kb_documents}</b> documents" + (f" / {status.kb_chunks} passages" if status.kb_chunks else "")]
    if status.scenario:
        parts.append(f"Scenario: <b>{escape(status.scenario)}</b>")
    return '<div class="eca-status" data-testid="status">' + " &nbsp;|&nbsp; ".join(parts) + "</div>"


def incident_choices(incidents: list[IncidentSummary]) -> list[tuple[str, str]]:
    """Dropdown choices (label, incident_id), newest first."""
    out = []
    for inc in incidents:
        tag = " ".join(x for x in (inc.priority, (inc.incident_type or "").replace("_", " ")) if x)
        # Titles may start with the first triage ("P2 hazmat: ..."); the tag shows the current one.
        title = _TRIAGE_PREFIX.sub("", inc.title)
        label = f"{inc.incident_id} · {tag + ' · ' if tag else ''}{title[:60]}"
        out.append((label, inc.incident_id))
    return out


LOG_COLUMNS = ["time (UTC)", "event", "operator", "details"]


def _event_details(kind: str, payload: dict[str, Any]) -> str:
    situation = _situation_details(kind, payload)
    if situation is not None:
        return situation
    if kind == "triage":
        return f"{payload.get('report_id', '')}: {payload.get('incident_type')} / {payload.get('priority')} (model)"
    if kind == "triage_decision":
        if payload.get("accepted"):
            return f"{payload.get('report_id', '')}: accepted {payload.get('incident_type')} / {payload.get('priority')}"
        return (f"{payload.get('report_id', '')}: corrected {payload.get('model_type')} / {payload.get('model_priority')}"
                f" → {payload.get('incident_type')} / {payload.get('priority')}")
    if kind == "report":
        return str(payload.get("text", ""))[:160]
    if kind in ("plan", "plan_approved"):
        return str(payload.get("plan_id", ""))
    if kind == "incident_created":
        return str(payload.get("title", ""))[:160]
    return ", ".join(f"{k}={_value_text(v)}" for k, v in list(payload.items())[:4])[:160]


def _value_text(value: Any) -> str:
    """A logged value as text: a nested dict or list written out (no raw structure in front of the operator)."""
    if isinstance(value, (dict, list)):
        return "; ".join(line.strip().removeprefix("- ") for line in data_lines(value)) or "none"
    return str(value)


def _situation_details(kind: str, payload: dict[str, Any]) -> str | None:
    if kind == "security":
        families = ", ".join(payload.get("families") or []) or payload.get("reason", "")
        return f"⚠ {payload.get('outcome', '')}: {families}"
    if kind == "proposal":
        return f"{payload.get('proposal_id')}: proposed {payload.get('summary')}"
    if kind in ("proposal_confirmed", "proposal_rejected", "proposal_superseded"):
        return f"{payload.get('proposal_id')}: {kind.split('_')[1]} {payload.get('summary', '')}"
    if kind == "unit_status":
        return f"{payload.get('unit_id')} → {payload.get('status')}"
    if kind == "tool_call":  # the step as it was shown: the call, then its output as text
        return f"{payload.get('title') or payload.get('name')}: {tool_output_text(str(payload.get('output', '')))}"[:160]
    if kind == "monitor_alert":
        return str(payload.get("message", ""))[:160]
    return None


def sitrep_html(sitrep: Any) -> str:
    """The sitrep as a panel: summary lines (cited) with the alerts in red."""
    if sitrep is None:
        return '<div class="eca-empty">No situation yet.</div>'
    lines = []
    for line in sitrep.text.splitlines():
        css = "eca-alert" if line.startswith("⚠") else "eca-sitrep-line"
        lines.append(f'<div class="{css}">{html.escape(line)}</div>')
    stamp = sitrep.generated_at.strftime("%H:%M:%S UTC")
    return f'<div class="eca-sitrep"><b>Situation report</b> <span class="eca-muted">{stamp}</span>{"".join(lines)}</div>'


BOARD_COLUMNS = ["unit", "status", "incident", "type", "station"]
SHELTER_COLUMNS = ["shelter", "people", "cap.", "%"]


def board_rows(board: Any) -> list[list[str]]:
    order = {"out_of_service": 0, "dispatched": 1, "transporting": 1, "available": 2}  # what is not available, first
    units = sorted(board.units, key=lambda u: (order.get(u.status, 3), u.unit_id))
    return [[u.unit_id, u.status, u.incident_id or "", u.unit_type, u.station] for u in units]


def shelter_rows(rows: list[Any]) -> list[list[str]]:
    return [[r.name, str(r.assigned), str(r.capacity), f"{r.percent:.0f}"] for r in rows]


def _table(title: str, columns: list[str], rows: list[list[str]], status_col: int | None = None) -> str:
    """A plain HTML table (no upload widget, unlike gr.Dataframe); rows are escaped text."""
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = []
    for row in rows:
        css = f' class="eca-unit-{escape(row[status_col])}"' if status_col is not None else ""
        body.append(f"<tr{css}>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>")
    return (f'<div class="eca-table"><b>{escape(title)}</b><table><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


def board_html(board: Any) -> str:
    return _table("Unit board", BOARD_COLUMNS, board_rows(board), status_col=1) if board is not None else _table("Unit board", BOARD_COLUMNS, [])


def shelters_html(rows: list[Any] | None) -> str:
    return _table("Shelter occupancy", SHELTER_COLUMNS, shelter_rows(rows or []))


def proposal_choices(proposals: list[Any]) -> list[tuple[str, str]]:
    return [(f"{p.summary} ({p.proposal_id})", p.proposal_id) for p in proposals]


def log_rows(events: list[Any]) -> list[list[str]]:
    """Incident-log rows, newest first, for a ``gr.Dataframe``."""
    rows = [[e.created_at[:19].replace("T", " "), e.kind, e.operator, _event_details(e.kind, e.payload)] for e in events]
    rows.reverse()
    return rows


CSS = """
.eca-sitrep {font-size: 0.92rem; padding: 6px 10px; border-radius: 6px; background: #f6f8fa;}
.eca-alert {color: #c0392b; font-weight: 600;} .eca-muted {color: #777; font-size: 0.8rem;}
.eca-table {max-height: 420px; overflow-y: auto; font-size: 0.85rem;} .eca-table table {width: 100%; border-collapse: collapse;}
.eca-table th, .eca-table td {text-align: left; padding: 2px 6px; border-bottom: 1px solid #e3e6ea; white-space: nowrap;}
.eca-unit-out_of_service td {color: #c0392b; font-weight: 600;} .eca-unit-dispatched td {color: #b9770e; font-weight: 600;} .eca-unit-transporting td {color: #b9770e; font-weight: 600;}
.eca-status {font-size: 0.95rem; padding: 4px 8px; border-radius: 6px; background: #eef1f4;}
.eca-ok {color: #178a3a; font-weight: 600;} .eca-bad {color: #c0392b; font-weight: 600;}
.eca-empty {color: #666; padding: 12px; font-style: italic;}
.eca-triage-head {display: flex; align-items: center; gap: 12px; margin-bottom: 6px;}
.eca-prio {color: white; font-weight: 800; font-size: 1.6rem; padding: 2px 12px; border-radius: 6px;}
.eca-type {font-size: 1.6rem; font-weight: 700; text-transform: capitalize;}
.eca-bars {display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 4px 12px;}
.eca-sub {font-size: 0.8rem; color: #555; text-transform: uppercase; letter-spacing: .04em;}
.eca-bar-row {display: grid; grid-template-columns: 8.5em 1fr 3em; align-items: center; gap: 6px; font-size: .9rem;}
.eca-bar {background: #e6e6e6; height: 12px; border-radius: 6px; overflow: hidden; display: block;}
.eca-bar > span {display: block; height: 100%;}
.eca-bar-pct {text-align: right; font-variant-numeric: tabular-nums;}
.eca-meta {font-size: .8rem; color: #666; margin-top: 4px;}
.eca-warn {background: #fff3cd; border-left: 4px solid #e0a000; padding: 4px 8px; margin: 4px 0;}
.eca-error {background: #fde2e1; border-left: 4px solid #c0392b; padding: 4px 8px; margin: 4px 0;}
.eca-decision {margin-top: 6px; font-weight: 600; color: #1f5fd1;}
.eca-plan h4 {margin: 10px 0 2px 0;}
.eca-plan ul {margin: 0 0 0 1.2em;}
.eca-plan-head {font-size: 1.05rem; margin-bottom: 4px;}
.eca-approved {color: #178a3a; font-weight: 700;} .eca-draft {color: #b35900; font-weight: 700;}
.eca-chip {display: inline-block; font-size: .72rem; padding: 0 6px; border-radius: 8px; background: #e8eef8; color: #1f3f7a; margin-left: 2px;}
.eca-chip-tool {background: #e7f4ea; color: #135c28;}
.eca-cite {border: 1px solid #ddd; border-radius: 6px; padding: 2px 8px; margin: 3px 0;}
.eca-cite summary {cursor: pointer;}
.eca-cite blockquote {margin: 4px 0; font-size: .88rem; white-space: pre-wrap; max-height: 16em; overflow-y: auto;}
.eca-summary {padding: 4px 0; white-space: pre-wrap;}
"""
