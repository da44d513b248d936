"""A follow-up adds to its incident: what a plan for an open incident is built from.

A follow-up ("now flames on the 3rd floor, two more with burns", "现在有两个人晕倒了") says what is new, not all that
is known.  Planned from its own words alone, the incident's plan lost its ladder, its hazmat unit, its cordon, and its
type became the follow-up's (a hazmat incident turned "medical").  Here the plan reads every report of the incident
(in the order they came), and the incident keeps its type and a priority that only
rises; the follow-up's own reading is kept as a secondary type.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.vocabulary import priority_rank

__all__ = ["accumulated_report", "kept_incident_triage"]

# Earlier reports read with a follow-up: enough for a long call and its updates, bounded so that a busy incident's
# plan is not built from pages of text (the screen's limits, the locator's time).
MAX_EARLIER_CHARS = 6000


def accumulated_report(follow_up: str, earlier: Sequence[str]) -> str:
    """The incident's earlier reports (``earlier``: the newest first, as the log gives them), each once, oldest first
    and within ``MAX_EARLIER_CHARS``, then the follow-up: the incident told in the order it was reported."""
    kept, used = [], 0
    for text in dict.fromkeys(earlier):
        if text == follow_up or used + len(text) > MAX_EARLIER_CHARS:
            continue
        kept.append(text)
        used += len(text)
    return "\n".join([*reversed(kept), follow_up])


def kept_incident_triage(outcome: Any, incident_type: str | None, priority: str | None) -> Any:
    """The follow-up's triage as its incident's: the incident's type (a follow-up that reads as something else, such
    as people fainting at a chemical leak, adds that as a secondary type and changes no type), and the higher of the
    two priorities.  An incident with no type yet (or "not_incident") takes the follow-up's."""
    update: dict[str, Any] = {}
    if incident_type and incident_type != "not_incident" and outcome.incident_type != incident_type:
        others = [t for t in outcome.secondary_types if t not in (incident_type, outcome.incident_type)]
        update.update(incident_type=incident_type, type_confidence=float(dict(outcome.type_probs).get(incident_type, 0.0)),
                      secondary_types=[outcome.incident_type, *others] if outcome.incident_type != "not_incident" else others)
        if hasattr(outcome, "type_source"):
            update["type_source"] = f"the incident's type (this follow-up read as {outcome.incident_type})"
    if priority and priority_rank(priority) < priority_rank(outcome.priority):
        update.update(priority=priority, priority_confidence=float(dict(outcome.priority_probs).get(priority, 0.0)))
    return outcome.model_copy(update=update) if update else outcome

