"""Plan downloads: Markdown for people, JSON for machines (the ``ResponsePlan`` schema as is)."""

from __future__ import annotations

from pathlib import Path

from agent.schemas import ResponsePlan
from agent.render import to_markdown


def export_plan(plan: ResponsePlan, directory: str | Path, *, approval: tuple[str, str] | None = None) -> tuple[Path, Path]:
    """Write ``<plan_id>.md`` and ``<plan_id>.json`` into ``directory`` and return both paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    safe_id = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in plan.plan_id) or "plan"
    md_path = directory / f"{safe_id}.md"
    json_path = directory / f"{safe_id}.json"
    md_path.write_text(to_markdown(plan, approval=approval, with_status=True), encoding="utf-8")
    json_path.write_text(plan.model_dump_json(indent=2), encoding="utf-8")
    return md_path, json_path
