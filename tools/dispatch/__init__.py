"""Dispatch planner: which available units go to which incidents, by road travel time.

Method
------
Each incident needs the units of ``REQUIREMENTS[incident_type]`` (one "slot" per unit).
ETAs are drive-graph travel times from each unit's position (its station unless the
scenario gives a position) to the road node nearest the incident, plus ``TURNOUT_S`` for
a unit that starts from its station.

Priorities are served strictly in order: all P1 slots are assigned first, by a minimum
total-ETA assignment (scipy ``linear_sum_assignment``) over the available units; the
units left go to the P2 slots, and so on. So a P1 incident never loses a unit to a
lower priority, and within a priority the total response time is minimal. Only units
with status ``available`` are considered; units are never invented: a slot no unit can
fill becomes a shortfall with mutual-aid advice.

The plan is a recommendation: it changes no unit status. ``apply_dispatch`` marks the
recommended units as dispatched once an operator confirms.

Layout: ``models`` (requirement table, IncidentRequest, DispatchPlan), ``steps`` (snapping,
units, road times, slots, assignment, shortfalls), ``planner`` (``plan_dispatch``).
"""

from tools.dispatch.models import MUTUAL_AID_SOURCE, REQUIREMENTS, DispatchPlan, IncidentRequest, Shortfall, UnitAssignment
from tools.dispatch.planner import apply_dispatch, overcommitted_units, plan_dispatch
from tools.dispatch.steps import SNAP_WARN_M, TURNOUT_S, staging_for

_staging_for = staging_for  # older private name

__all__ = [
    "DispatchPlan", "IncidentRequest", "MUTUAL_AID_SOURCE", "REQUIREMENTS", "SNAP_WARN_M", "Shortfall", "TURNOUT_S", "UnitAssignment",
    "apply_dispatch", "overcommitted_units", "plan_dispatch", "staging_for",
]
