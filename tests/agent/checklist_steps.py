"""The checklist steps of a plan annex that fit a report (``agent.step_fit``), for the step-fit tests
(tests/agent/test_step_fit.py, tests/agent/test_step_fit_forecast.py)."""

from __future__ import annotations

from pathlib import Path

from agent.plan_items import checklist_steps
from agent.step_fit import incident_facts, step_fits

PLANS = Path(__file__).resolve().parents[2] / "knowledge" / "plans"


def annex_checklist(annex: str) -> str:
    """Section 4 ("Action checklist") of a plan annex in knowledge/plans."""
    text = (PLANS / annex).read_text(encoding="utf-8")
    return "## 4. Action checklist" + text.split("## 4. Action checklist")[1].split("## 5.")[0]


def kept_steps(report: str, kind: str, annex: str) -> list[str]:
    """The annex's checklist steps (at most 20) that fit ``report`` read as an incident of ``kind``."""
    facts = incident_facts(report, kind)
    return [s for s in checklist_steps(annex_checklist(annex), 20) if step_fits(s, facts)]
