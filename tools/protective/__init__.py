"""Proportionate protective actions: what to do about the people near a hazard.

The rules are ``tools/PROTECTIVE_ACTIONS.md`` (a documented decision table with sources).
Layout: ``cues`` (report text -> determinants), ``decision`` (the table), ``buildings`` (OSM
footprints and occupancy), ``geometry`` (building, isolation circle, downwind sector, flood
extent), ``tools.ccrp`` (CCRP clearance time), ``planner`` (``plan_protective_action``).
"""

from tools.protective.cues import ProtectiveCues, extract_protective_cues
from tools.protective.decision import ProtectiveDecision, decide
from tools.protective.models import NotApplicable, people_moved_line
from tools.protective.planner import ProtectiveActionPlan, plan_protective_action

__all__ = ["NotApplicable", "ProtectiveActionPlan", "ProtectiveCues", "ProtectiveDecision", "decide", "extract_protective_cues", "people_moved_line", "plan_protective_action"]
