"""Changes to an incident's own record, proposed and confirmed like every state change (``agent.proposals``).

``retype_incident``: the caller corrected the hazard ("not a fire, it's a gas leak"): the incident takes the new type and
the higher of the two priorities (``agent.type_correction``).
``merge_incidents``: two incidents are one event (two callers, two doors of one fire): the one merged is closed as
merged into the one kept, its reports move there and its committed units stay dispatched, now to the one kept
(``agent.merge_request``).
``relocate_incident``: the caller corrected the address: the incident's place moves (``agent.place_correction``).

Each is checked when proposed and again when confirmed (the world may have moved on), and applied only on confirmation;
the incident log keeps what it was and who confirmed it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from agent.report_filing import ReportFiler
from core.vocabulary import INCIDENT_TYPES, PRIORITIES, priority_rank

__all__ = ["INCIDENT_ACTIONS", "IncidentChanges"]

INCIDENT_ACTIONS = ("retype_incident", "merge_incidents", "relocate_incident")


class IncidentChanges:
    """Checks (a summary, or ``error``'s exception) and applies the incident-record proposals."""

    def __init__(self, store: Any, city: Any, error: type[Exception]):
        self.store = store
        self.city = city
        self.error = error
        self.filer = ReportFiler(store, city)

    def _open(self, incident_id: Any, what: str = "incident") -> Any:
        if not incident_id:
            raise self.error(f"no {what} named; select one or name it (INC-…); nothing proposed")
        try:
            incident = self.store.get_incident(incident_id)
        except LookupError as exc:
            raise self.error(str(exc)) from exc
        if incident.status != "open":
            raise self.error(f"{incident.incident_id} is closed; a closed incident is not changed")
        return incident

    @staticmethod
    def _kind(incident: Any) -> str:
        return f"{incident.priority or '?'} {(incident.incident_type or 'incident').replace('_', ' ')}"

    @staticmethod
    def _retype_priority(incident: Any, priority: str) -> str:
        """The priority a retype sets: the higher of the one proposed and the incident's own now.  A correction of the
        hazard takes the higher of the two when proposed (``agent.type_correction``); a report filed since may have
        raised the incident (someone collapsed, trapped), and confirming the older proposal must not lower it
        (review s17: a P1 incident became P3 on the Confirm)."""
        if incident.priority in PRIORITIES and priority_rank(incident.priority) < priority_rank(priority):
            return incident.priority
        return priority

    # --- summaries: what the operator confirms -------------------------------------------------
    def summary(self, action: str, args: dict[str, Any], committed: list[str]) -> str:
        if action == "retype_incident":
            incident = self._open(args.get("incident_id"))
            kind, priority = args.get("incident_type"), args.get("priority")
            if kind not in INCIDENT_TYPES or priority not in PRIORITIES:
                raise self.error(f"unknown type or priority {kind!r} / {priority!r}")
            priority = self._retype_priority(incident, priority)
            if (incident.incident_type, incident.priority) == (kind, priority):
                raise self.error(f"{incident.incident_id} is already {priority} {kind.replace('_', ' ')}; nothing to change")
            why = f" ({args['reason']})" if args.get("reason") else ""
            return f"Change {incident.incident_id} from {self._kind(incident)} to {priority} {kind.replace('_', ' ')}{why}"
        if action == "merge_incidents":
            merged, kept = self._open(args.get("merged"), "incident to merge"), self._open(args.get("into"), "incident to keep")
            if merged.incident_id == kept.incident_id:
                raise self.error(f"{merged.incident_id} cannot be merged into itself")
            reports = len(self.store.report_texts(merged.incident_id))
            units = (f"its units {', '.join(committed)} move to {kept.incident_id} (still dispatched)" if committed
                     else "no unit is committed to it")
            rises = (f"; {kept.incident_id} becomes {merged.priority}" if merged.priority and kept.priority
                     and priority_rank(merged.priority) < priority_rank(kept.priority) else "")
            return (f"Merge {merged.incident_id} ({self.filer.describe(merged.incident_id)}) into {kept.incident_id} "
                    f"({self.filer.describe(kept.incident_id)}): {merged.incident_id} is closed as merged, its {reports} "
                    f"report(s) move to {kept.incident_id}, {units}{self._places_kept(merged.incident_id, kept.incident_id)}{rises}")
        if action == "relocate_incident":
            incident = self._open(args.get("incident_id"))
            lat, lon = args.get("lat"), args.get("lon")
            if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
                raise self.error("no point on the map to move the incident to; nothing proposed")
            try:
                self.city.check_on_map(float(lat), float(lon), "the corrected address")
            except ValueError as exc:
                raise self.error(str(exc)) from exc
            now = self.filer.incident_place(incident.incident_id)
            was = f"from {now.name} " if now is not None and now.name else ""
            return f"Move {incident.incident_id} {was}to {args.get('name') or 'the corrected address'} ({lat:.5f}, {lon:.5f})"
        raise self.error(f"unknown action {action!r}")

    def _places_kept(self, merged: str, kept: str) -> str:
        """The shelter places the merged incident's approved evacuation holds: its evacuees stay in the shelters, so the
        places stay held, now by the incident kept (``IncidentStore.approved_evacuation_loads``); said in the proposal."""
        people = sum(n for incident, _shelter, n in self.store.approved_evacuation_loads() if incident == merged)
        return f", its {people:,} shelter places stay held (now by {kept})" if people else ""

    # --- applying (only on confirmation) ----------------------------------------------------------
    def apply(self, proposal: Any, operator: str, committed: list[str], transporting: Sequence[str] = ()) -> None:
        args, note = proposal.args, {"proposal_id": proposal.proposal_id}
        if proposal.action == "retype_incident":
            priority = self._retype_priority(self.store.get_incident(args["incident_id"]), args["priority"])
            self.store.retype_incident(args["incident_id"], args["incident_type"], priority, operator,
                                       {**note, "reason": args.get("reason", "")})
        elif proposal.action == "merge_incidents":
            # the units stay dispatched in the city model; the log now ties them to the incident kept
            self.store.merge_incidents(args["merged"], args["into"], committed, operator, note, transporting=transporting)
        elif proposal.action == "relocate_incident":
            self.store.relocate_incident(args["incident_id"], {
                "name": args.get("name") or "", "lat": float(args["lat"]), "lon": float(args["lon"]),
                "radius_m": float(args.get("radius_m") or 0.0), "said": args.get("said", ""), **note}, operator)
