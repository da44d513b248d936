"""Every state change is proposed, then confirmed.

Neither the LLM nor the fallback router changes state: a tool that would (setting a unit's status,
committing a dispatch, closing an incident; changing an incident's type, merging two incidents, moving an incident:
``agent.incident_changes``) files a ``Proposal`` here instead.  The operator confirms
(UI button, CLI prompt) or rejects it; only a confirmation applies it, and both are written to the
incident log with the operator's name.  Proposals live in the log itself (events ``proposal``,
``proposal_confirmed``, ``proposal_rejected``), so the UI, the CLI and a restart all see the same ones.
"""

from __future__ import annotations

import logging
import threading
import uuid
from typing import Any

from agent.incident_changes import INCIDENT_ACTIONS, IncidentChanges
from agent.shelter_places import places_short
from agent.schemas import Proposal
from core.text import shown
from tools.scenario import UNIT_STATUSES  # one list for the city model and its proposals (incl. "transporting")

# A change of which an incident can have only one outcome (its place, its type): a second proposal of it for the same
# incident is what the operator means now, and the first, if confirmed later, would undo it (s22 trial).
SUPERSEDED_BY_ANOTHER = ("relocate_incident", "retype_incident")
_DECIDED = ("proposal_confirmed", "proposal_rejected", "proposal_failed", "proposal_superseded")
ACTIONS = ("set_unit_status", "commit_dispatch", "reassign_units", "close_incident", "approve_plan", *INCIDENT_ACTIONS)
log = logging.getLogger(__name__)


def restore_unit_statuses(store: Any, city: Any) -> dict[str, str]:
    """Apply every unit's latest confirmed status from the incident log (the record) to the city model, which starts
    from the scenario's statuses in each new process; returns the units changed.  A unit the scenario no longer has
    is skipped with a warning (the log outlives scenario edits)."""
    known = city.unit_status()
    changed: dict[str, str] = {}
    commitments = store.unit_commitments()
    closed = {incident.incident_id for incident in store.list_incidents(status="closed")}
    for unit_id, status in store.latest_unit_statuses().items():
        if unit_id not in known or status not in UNIT_STATUSES:
            log.warning("incident log: unit %s status %s not restored (not in this scenario)", unit_id, status)
            continue
        if status == "dispatched" and commitments.get(unit_id) in closed:
            # closing an incident logs no stand-down of its units: a unit committed to a closed incident would
            # otherwise stay busy in every later process, out of every plan
            log.warning("incident log: unit %s was dispatched to %s, which is closed; it is available again",
                        unit_id, commitments[unit_id])
            status = "available"
        if known[unit_id] != status:
            city.set_unit_status(unit_id, status)
            changed[unit_id] = status
    if changed:
        log.info("restored %d unit status(es) from the incident log: %s", len(changed),
                 ", ".join(f"{u} {s}" for u, s in sorted(changed.items())))
    return changed


def follow_unit_statuses(store: Any, city: Any, after_id: int) -> tuple[int, dict[str, str]]:
    """Apply the unit status changes confirmed in the log after event ``after_id`` (by this process or another one on
    the same log) to the city model; returns (the newest event id read, the units changed).  Each process's city starts
    from the log at load (``restore_unit_statuses``); this keeps it in step while it runs, reading only newer rows."""
    known = city.unit_status()
    latest: dict[str, str] = {}
    last = after_id
    for event_id, unit_id, status in store.unit_status_events_since(after_id):
        last = event_id
        if unit_id in known and status in UNIT_STATUSES:
            latest[unit_id] = status  # the newest confirmed change of each unit wins
    changed = {unit: status for unit, status in latest.items() if known[unit] != status}
    for unit, status in changed.items():
        city.set_unit_status(unit, status)
    if changed:
        log.info("unit statuses confirmed elsewhere: %s", ", ".join(f"{u} {s}" for u, s in sorted(changed.items())))
    return last, changed


def pending_events(store: Any, incident_id: str | None = None) -> list[tuple[Proposal, Any]]:
    """The proposals nobody has decided yet, oldest first, each with the log event that filed it (who proposed it and
    when).  The book is the incident log, shared by every operator and process on it: one operator's pending
    proposal is pending for all of them (any of them may confirm or reject it)."""
    decided = {e.payload.get("proposal_id") for kind in _DECIDED for e in store.events(kind=kind)}
    return [(Proposal.model_validate(e.payload), e) for e in store.events(incident_id=incident_id, kind="proposal")
            if e.payload.get("proposal_id") not in decided]


# The statuses that tie a unit to an incident: set only with an open incident to log it under.
_ON_AN_INCIDENT = ("dispatched", "transporting")


def _units_of(action: str, args: dict[str, Any]) -> list[str]:
    """The units a proposal would change."""
    if action == "set_unit_status":
        return [args["unit_id"]] if isinstance(args.get("unit_id"), str) else []
    if action in ("commit_dispatch", "reassign_units"):
        return [u for u in args.get("unit_ids") or [] if isinstance(u, str)]
    return []


class ProposalError(ValueError):
    """A proposal that cannot be made or applied (unknown unit, already decided, ...): a clear message."""


class ProposalBook:
    def __init__(self, store: Any, city: Any, lock: threading.Lock | None = None):
        self.store = store
        self.city = city
        self.lock = lock or threading.Lock()
        self.changes = IncidentChanges(store, city, ProposalError)  # the incident record's own changes

    # --- proposing (no state change) ---------------------------------------------------------
    def propose(self, action: str, args: dict[str, Any], *, incident_id: str | None, origin: str, operator: str) -> Proposal:
        summary = self._validate(action, args, incident_id)
        status = self.city.unit_status()
        board = {unit: status[unit] for unit in _units_of(action, args) if unit in status}
        proposal = Proposal(proposal_id="PRO-" + uuid.uuid4().hex[:8].upper(), action=action, args=args, summary=summary,
                            incident_id=incident_id, origin=origin, board=board)
        # not under self.lock: a proposal is filed from turns that may hold it (the city's lock); confirm takes it
        earlier = [p for p in self.pending(incident_id) if p.action == action] if (
            incident_id and action in SUPERSEDED_BY_ANOTHER) else []
        self.store.log_event(incident_id, "proposal", proposal.model_dump(mode="json"), operator)
        for old in earlier:  # no longer confirmable: confirming it says by which proposal
            self.store.log_event(incident_id, "proposal_superseded", {"proposal_id": old.proposal_id, "summary": old.summary,
                                                                      "by": proposal.proposal_id}, operator)
        return proposal

    def _validate(self, action: str, args: dict[str, Any], incident_id: str | None) -> str:
        known = {u.id: u for _, u in self.city.units()}
        if action == "set_unit_status":
            unit, status = args.get("unit_id"), args.get("status")
            if unit not in known:
                raise ProposalError(f"unknown unit {unit!r}; known units: {', '.join(known)}")
            if status not in UNIT_STATUSES:
                raise ProposalError(f"unknown status {status!r}; use one of {', '.join(UNIT_STATUSES)}")
            if known[unit].status == status:  # a change to what it already is: nothing to confirm
                raise ProposalError(f"{unit} is already {status.replace('_', ' ')}; nothing to change")
            if status in _ON_AN_INCIDENT:  # a unit is dispatched (or carries a patient) for an incident, never for none
                self._open_target(incident_id)
            return f"Set {unit} ({known[unit].type.replace('_', ' ')}) from {known[unit].status} to {status.replace('_', ' ')}"
        if action == "commit_dispatch":
            units = list(args.get("unit_ids") or [])
            unknown = [u for u in units if u not in known]
            if not units or unknown:
                raise ProposalError(f"no units to commit or unknown units: {', '.join(unknown) or 'none given'}")
            target = self._open_target(args.get("incident_id") or incident_id)
            busy = [u for u in units if known[u].status != "available"]
            if busy:
                raise ProposalError("not available now: " + ", ".join(self._where(u, known[u].status) for u in busy))
            return f"Commit {', '.join(units)} to {self._label(target)} (status dispatched)"
        if action == "reassign_units":
            return self._move_summary(args, incident_id, known)
        if action == "close_incident":
            target = args.get("incident_id") or incident_id
            incident = self.store.get_incident(target)
            if incident.status != "open":
                raise ProposalError(f"{incident.incident_id} is already closed; nothing to close")
            units = self._committed_to(incident.incident_id)
            carrying = self._committed_to(incident.incident_id, "transporting")
            release = f"; releases {', '.join(units)} (available again)" if units else "" if carrying else "; no unit is committed to it"
            return (f"Close incident {incident.incident_id} ({incident.title[:60]}){release}{self._still_transporting(carrying)}"
                    f"{self._shelters_freed(incident.incident_id)}")
        if action in INCIDENT_ACTIONS:
            merged = args.get("merged") if action == "merge_incidents" else None
            return self.changes.summary(action, args, self._committed_to(merged) if merged else [])
        if action == "approve_plan":
            return self._approval_summary(args.get("plan_id"))
        raise ProposalError(f"unknown action {action!r}; use one of {', '.join(ACTIONS)}")

    def _move_summary(self, args: dict[str, Any], incident_id: str | None, known: dict[str, Any]) -> str:
        """A move of units committed to one open incident to another (trial 18 H4: "pull ERO-R1 from the underpass and
        send it to the roof collapse"): each unit must still be dispatched to the incident it leaves; the summary says
        what that incident keeps, and plainly when it is left with no unit."""
        units = list(dict.fromkeys(args.get("unit_ids") or []))
        unknown = [u for u in units if u not in known]
        if not units or unknown:
            raise ProposalError(f"no units to move or unknown units: {', '.join(unknown) or 'none given'}")
        source = self._open_target(args.get("from_incident_id"))
        target = self._open_target(args.get("incident_id") or incident_id)
        if source.incident_id == target.incident_id:
            raise ProposalError(f"{', '.join(units)} already committed to {target.incident_id}; nothing to move")
        commitments = self.store.unit_commitments()
        elsewhere = [u for u in units if known[u].status != "dispatched" or commitments.get(u) != source.incident_id]
        if elsewhere:
            raise ProposalError(f"not dispatched to {source.incident_id} now: "
                                + ", ".join(self._where(u, known[u].status) for u in elsewhere))
        kept = [u for u in self._committed_to(source.incident_id) if u not in units]
        left = (f"{source.incident_id} keeps {', '.join(kept)}" if kept else
                f"{source.incident_id} is left with NO unit committed")
        moved = ", ".join(f"{u} ({known[u].type.replace('_', ' ')})" for u in units)
        # taken from the more urgent incident ("P1" < "P3"): said, the commander decides
        urgent = (f"; ⚠ {source.incident_id} ({source.priority}) is more urgent than {target.incident_id} ({target.priority})"
                  if source.priority and target.priority and source.priority < target.priority else "")
        return f"Move {moved} from {self._label(source)} to {self._label(target)} (status dispatched); {left}{urgent}"

    def _approval_summary(self, plan_id: Any) -> str:
        """"Approve the evacuation plan" said in the chat (trial 17 T41): the plan of an open incident, not approved yet,
        whose shelter places are still free (``places_short``, as the Approve button checks)."""
        try:
            plan = self.store.get_plan(plan_id) if isinstance(plan_id, str) else None
        except LookupError:
            plan = None
        if plan is None:
            raise ProposalError(f"no plan with id {plan_id!r}")
        if plan.incident_id is None:
            raise ProposalError(f"plan {plan_id} is filed under no incident; approve it with the Approve plan button")
        self._open_target(plan.incident_id)
        if self.store.plan_approval(plan_id) is not None:
            raise ProposalError(f"plan {plan_id} is already approved; nothing to change")
        shelters = [(s.id, s.name, s.capacity) for s in self.city.scenario.shelters]
        if (short := places_short(plan_id, plan.incident_id, plan.tool_outputs, self.store.held_places(), shelters)) is not None:
            raise ProposalError(short)
        evacuation = (plan.tool_outputs or {}).get("plan_evacuation") or {}
        moved = sum(int(a.get("people") or 0) for a in evacuation.get("assignments") or [])
        what = f" (evacuation: {moved:,} people to shelters, their places held)" if evacuation else ""
        return f"Approve plan {plan_id} of {plan.incident_id}{what}"

    def stale(self, proposal: Proposal) -> str | None:
        """Why confirming a pending proposal would no longer do what it said (the board has moved on since it was
        proposed), else None.  The one check for the sitrep's STALE mark and for ``confirm``, which refuses it: a unit
        whose status has changed since (committed to an incident meanwhile: applying an older status change would
        silently undo that commitment), a unit already in the status asked for, a dispatch to an incident closed since,
        a unit busy elsewhere, an incident already closed."""
        try:
            self._validate(proposal.action, proposal.args, proposal.incident_id)
        except (ProposalError, LookupError) as exc:
            return str(exc)
        status = self.city.unit_status()
        for unit, was in proposal.board.items():  # a change the board still allows, made on an older board
            now = status.get(unit)
            if now is not None and now != was:
                return f"{unit} was {was.replace('_', ' ')} when this was proposed and has since been {self._where_now(unit, now)}"
        return None

    def _where_now(self, unit: str, status: str) -> str:
        """"dispatched to INC-7", "out of service": a unit's status now, with the incident it is committed to."""
        to = self.store.unit_commitments().get(unit) if status in _ON_AN_INCIDENT else None
        return status.replace("_", " ") + (f" to {to}" if to else "")

    def _shelters_freed(self, incident_id: str) -> str:
        """What closing frees of the shelter places the incident's approved evacuation holds (``approved_evacuation_loads``),
        said in the proposal: the evacuees may still be in the shelters, and places freed silently are handed out again
        by the next evacuation (s16 trial H5: a district flood evacuation approved under an ice rescue lost its 3,571
        places when the ice rescue closed).  "" where it holds none."""
        held: dict[str, int] = {}
        for incident, shelter, people in self.store.approved_evacuation_loads():
            if incident == incident_id and people > 0:
                held[shelter] = held.get(shelter, 0) + people
        if not held:
            return ""
        names = {s.id: s.name for s in getattr(getattr(self.city, "scenario", None), "shelters", [])}
        where = ", ".join(f"{n:,} at {names.get(sid, sid)}" for sid, n in held.items())
        return (f"; FREES {sum(held.values()):,} shelter places its approved evacuation holds ({where}): if the evacuees "
                f"are still there, approve their evacuation under its own incident first (New incident, then the order)")

    @staticmethod
    def _still_transporting(units: list[str]) -> str:
        """What the close proposal says of the units still carrying a patient of the incident: they stay busy (closing
        the incident's record does not hand the patient over; s17 trial M9 freed an ambulance on its way to Meilahti)."""
        if not units:
            return ""
        return (f"; KEEPS {', '.join(units)} transporting (a patient transport you stated; not released): set "
                f"{'it' if len(units) == 1 else 'each'} available when the patient is handed over")

    def _committed_to(self, incident_id: str, status: str = "dispatched") -> list[str]:
        """The units ``status`` (dispatched, or transporting) for ``incident_id`` now (their latest confirmed status
        change was to it)."""
        commitments = self.store.unit_commitments()
        return [u.id for _, u in self.city.units() if u.status == status and commitments.get(u.id) == incident_id]

    def _open_target(self, incident_id: str | None) -> Any:
        """The open incident a dispatch commits to; a clear refusal when there is none (the units would be busy for
        nobody, out of every later plan)."""
        if not incident_id:
            raise ProposalError("a dispatch needs an incident: select one or name it (\"send … to INC-…\"); nothing proposed")
        try:
            incident = self.store.get_incident(incident_id)
        except LookupError as exc:
            raise ProposalError(f"{exc}; a dispatch needs an open incident") from exc
        if incident.status != "open":
            raise ProposalError(f"{incident.incident_id} is closed; units are not dispatched to a closed incident")
        return incident

    @staticmethod
    def _label(incident: Any) -> str:
        kind = (incident.incident_type or "incident").replace("_", " ")
        return f"{incident.incident_id} ({incident.priority or '?'} {kind})"

    def _where(self, unit: str, status: str) -> str:
        """"KAM-P1 (dispatched to INC-7)": why a unit cannot be committed."""
        return f"{unit} ({self._where_now(unit, status)})"

    # --- reading ---------------------------------------------------------------------------------
    def get(self, proposal_id: str) -> Proposal:
        for event in self.store.events(kind="proposal"):
            if event.payload.get("proposal_id") == proposal_id:
                proposal = Proposal.model_validate(event.payload)
                return proposal.model_copy(update={"state": self._state(proposal_id)})
        raise ProposalError(f"no proposal with id {shown(proposal_id)}")

    def _state(self, proposal_id: str) -> str:
        for kind in _DECIDED:
            if any(e.payload.get("proposal_id") == proposal_id for e in self.store.events(kind=kind)):
                return kind.removeprefix("proposal_")
        return "pending"

    def _not_pending(self, proposal: Proposal) -> ProposalError:
        """Why a decided proposal cannot be decided again; a superseded one names the proposal that replaced it."""
        if proposal.state == "superseded":
            by = next((e.payload.get("by") for e in self.store.events(kind="proposal_superseded")
                       if e.payload.get("proposal_id") == proposal.proposal_id), None)
            return ProposalError(f"proposal {proposal.proposal_id} was superseded by {by}, a later proposal of the same "
                                 f"change for {proposal.incident_id}; nothing changed (confirm or reject {by})")
        return ProposalError(f"proposal {proposal.proposal_id} was already {proposal.state}")

    def pending(self, incident_id: str | None = None) -> list[Proposal]:
        return [proposal for proposal, _event in pending_events(self.store, incident_id)]

    # --- deciding (the only place state changes) ----------------------------------------------------
    def confirm(self, proposal_id: str, operator: str) -> Proposal:
        with self.lock:
            proposal = self.get(proposal_id)
            if proposal.state != "pending":
                raise self._not_pending(proposal)
            try:
                overtaken = self.stale(proposal)  # the world may have moved on since it was proposed
                if overtaken:
                    raise ProposalError(overtaken)
                summary = self._validate(proposal.action, proposal.args, proposal.incident_id)
                # the units it releases or moves are those committed now; a retype keeps a priority risen since
                if proposal.action in ("close_incident", "merge_incidents", "retype_incident", "reassign_units"):
                    proposal = proposal.model_copy(update={"summary": summary})
                self._apply(proposal, operator)
            except Exception as exc:  # noqa: BLE001 - recorded and reported as a clear message
                self.store.log_event(proposal.incident_id, "proposal_failed", {"proposal_id": proposal_id, "reason": str(exc)}, operator)
                raise ProposalError(f"{proposal_id} not applied, nothing changed: {exc}") from exc
            self.store.log_event(proposal.incident_id, "proposal_confirmed", {"proposal_id": proposal_id, "summary": proposal.summary}, operator)
        return proposal.model_copy(update={"state": "confirmed"})

    def reject(self, proposal_id: str, operator: str) -> Proposal:
        with self.lock:
            proposal = self.get(proposal_id)
            if proposal.state != "pending":
                raise self._not_pending(proposal)
            self.store.log_event(proposal.incident_id, "proposal_rejected", {"proposal_id": proposal_id, "summary": proposal.summary}, operator)
        return proposal.model_copy(update={"state": "rejected"})

    def _apply(self, proposal: Proposal, operator: str) -> None:
        args = proposal.args
        if proposal.action == "set_unit_status":
            self.city.set_unit_status(args["unit_id"], args["status"])
            self.store.log_event(proposal.incident_id, "unit_status", {"unit_id": args["unit_id"], "status": args["status"],
                                                                      "proposal_id": proposal.proposal_id}, operator)
        elif proposal.action == "commit_dispatch":
            target = args.get("incident_id") or proposal.incident_id
            for unit in args["unit_ids"]:
                self.city.set_unit_status(unit, "dispatched")
                self.store.log_event(target, "unit_status", {"unit_id": unit, "status": "dispatched", "proposal_id": proposal.proposal_id}, operator)
        elif proposal.action == "reassign_units":
            # released from the incident it leaves (logged there, as a stand-down is), then dispatched to the other:
            # both incidents' logs show the move, and the latest status event ties the unit to its new incident
            source, target = args["from_incident_id"], args.get("incident_id") or proposal.incident_id
            for unit in args["unit_ids"]:
                self.store.log_event(source, "unit_status", {"unit_id": unit, "status": "available", "proposal_id": proposal.proposal_id,
                                                             "reason": f"reassigned to {target}"}, operator)
                self.city.set_unit_status(unit, "dispatched")
                self.store.log_event(target, "unit_status", {"unit_id": unit, "status": "dispatched", "proposal_id": proposal.proposal_id,
                                                             "from_incident_id": source}, operator)
        elif proposal.action == "close_incident":
            target = args.get("incident_id") or proposal.incident_id
            units = self._committed_to(target)
            self.store.close_incident(target, operator)
            # the stand-down is logged as a status change like any other: every process following the log (another
            # terminal, the web UI) frees the units too, not only a restarted one
            for unit in units:
                self.city.set_unit_status(unit, "available")
                self.store.log_event(target, "unit_status", {"unit_id": unit, "status": "available", "proposal_id": proposal.proposal_id,
                                                             "reason": "incident closed"}, operator)
        elif proposal.action in INCIDENT_ACTIONS:
            merged = args.get("merged") if proposal.action == "merge_incidents" else None
            # units transporting a patient of the merged incident follow the incident kept too (still transporting)
            self.changes.apply(proposal, operator, self._committed_to(merged) if merged else [],
                               self._committed_to(merged, "transporting") if merged else [])
        elif proposal.action == "approve_plan":
            self.store.approve_plan(args["plan_id"], operator)
