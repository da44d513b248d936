"""Reports the tool agent files during a turn: under which incident, planned from what, and what is proposed.

Owns no message of its own: ``plan_report`` is the tool agent's "plan this report" (the same path as
``Assistant.plan``): the incident it goes to (named, a crew's, this session's, another desk's, or a new one), the
follow-up reading of an incident's reports, and the raise or retype a follow-up proposes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from agent.clauses import split_clauses
from agent.cue_rules import parts_ordering_nothing
from agent.dispatch_target import DispatchBinding, bind_dispatch
from agent.follow_up import WhichIncident, accumulated_report, kept_incident_triage
from agent.hazards import no_new_emergency
from agent.incident_scope import INCIDENT_ID_RE, ReportPlace, hazard_area, same_place
from agent.report_filing import asks_new_incident, headed_incident, tells_a_hazard_of_its_own
from agent.response_plan import to_triage_summary
from agent.protocols import TriageOutcome
from agent.safety import CheckedText, screen_text
from agent.slots import canonical_unit_ids
from agent.schemas import ResponsePlan
from agent.type_correction import CORRECTION_SOURCE, corrected_type, retyped_triage, without_hazard, without_retracted
from core.errors import InputError
from core.triage_reading import ModelReading
from core.vocabulary import NOT_INCIDENT, priority_rank
from agent.turn_steps.turn import Session, Turn, current_incident
from tools.llm_tools import DispatchArgs


def plan_report(session: Session, turn: Turn, triage: Any, report: str) -> ResponsePlan:
    """The same path as ``Assistant.plan``: stored triage, corrections, logged; filed under the right incident."""
    a = session.assistant
    # the type the words contradict yields to theirs (agent.hazards.reconciled_triage), as the router's arguments do;
    # the same reading as every other path that plans a report (``Assistant.report_triage``)
    checked_report = screen_text(report, what="report")
    if (done := filed_this_turn(session, turn, checked_report.text)) is not None:
        return done  # filed already this turn (a dispatch filed its report before the plan was asked): not twice
    reconciled = a.report_triage(triage)
    others = session.state.incidents if session.config.follow_reports else ()
    if turn.address is not None and turn.address[1] and turn.incident_id is not None:
        # the answer to "confirm the address" is the incident's place, whatever the triage model reads in an address
        target = turn.incident_id
    elif (crew := crew_of(turn, checked_report.text)) is not None:
        # a crew's update from its scene ("ERO-E1 arrived: kitchen fire on the 2nd floor") is its incident's report,
        # whichever incident the desk is on (it was planned as a follow-up of the desk's road crash)
        target = crew[1]
    else:
        target = report_target(session, turn, checked_report.text, reconciled, others)
    crew = crew_of(turn, checked_report.text)
    elsewhere = None
    if target is None and session.config.join_open_within_h > 0 and not asks_new_incident(checked_report.text):
        # not a new incident when another desk has it open, unless the operator said it is one
        elsewhere = a._filer.open_incident_at(checked_report.text, reconciled(checked_report.text).incident_type,
                                              within_h=session.config.join_open_within_h,
                                              exclude=[*session.state.incidents, *(p.incident_id for p in turn.filed)])
        target = elsewhere.incident_id if elsewhere else None
    told = ""
    planned, triage_as = None, reconciled
    retyped = None  # (the incident's type, the type the caller corrects it to)
    if elsewhere is not None:  # filed there as a report only: that desk's incident keeps its type and priority
        told = a._filer.file_under_other_desk(elsewhere, checked_report.text,
                                              to_triage_summary(reconciled(checked_report.text)), session.operator)
    else:  # a follow-up of this session's incident: planned from all its reports (agent.follow_up)
        planned, triage_as, retyped = follow_up_reading(session, checked_report, target, reconciled)
    # a follow-up never changes its incident's record unconfirmed: a corrected type, or a higher priority it reads
    # as, is proposed (trial 18 H5: a report of another scene raised a care home to P1 as a "follow-up")
    follow_up = planned is not None
    plan = a._response_plan(checked_report, target, session.operator, narrative=False, triage=triage_as,
                            incident_place=follow_up_place(session, checked_report.text, target), planned=planned,
                            raise_incident=retyped is None and not follow_up,  # a corrected type or a raise changes the record once confirmed
                            source=crew[0] if crew is not None and target == crew[1] else None)
    say_model_reading(plan, triage(checked_report.text))
    if follow_up and retyped is None and target is not None:
        propose_raise(session, turn, plan, target)
    if retyped is not None and target is not None:
        # the plan's report text as it was reported (the planner read it without the hazard taken back)
        plan.report = accumulated_report(checked_report.text, a._store.report_texts(target))
        propose_retype(session, turn, plan, target, retyped[0])
    if elsewhere is not None:
        turn.joined.append((plan, elsewhere, told))
    elif target is None:
        turn.opened.append(plan)
    elif target != turn.incident_id:
        turn.moved.append(plan)
    turn.filed.append(plan)
    return plan


def filed_this_turn(session: Session, turn: Turn, text: str) -> ResponsePlan | None:
    """The plan of this turn that filed ``text`` as its incident's latest report, else None."""
    store = session.assistant._store
    for plan in turn.filed:
        latest = store.latest_report(plan.incident_id) if plan.incident_id else None
        if latest is not None and latest.text == text:
            return plan
    return None


def crew_of(turn: Turn, report: str) -> tuple[str, str] | None:
    """The turn's crew update (unit, incident) when ``report`` is its words (it names the unit), else None."""
    if turn.crew_update is None or turn.crew_update[0] not in canonical_unit_ids(report, [turn.crew_update[0]]):
        return None
    return turn.crew_update


def report_target(session: Session, turn: Turn, text: str, triage: Any, others: Sequence[str]) -> str | None:
    """The incident a report is filed under (None: a new one).  The operator's word comes first: "Open a new
    incident: …" opens one; a report headed by an open incident's id ("INC-7: two more hurt") goes to it.  A closed
    incident gets nothing (trial 18 H3: a report went into the session's just-closed incident, and one headed by a
    closed incident's id into another open one): the report opens its own, and the reply says the named one is
    closed.  Else its place and hazard decide (``ReportFiler.incident_for_report``)."""
    store = session.assistant._store
    if asks_new_incident(text):
        return None
    named = headed_incident(text)
    if named is not None:
        try:
            status = store.get_incident(named).status
        except LookupError:
            status = None  # no such incident: filed by its place and hazard, as if unnamed
        if status == "open":
            turn.named.append(named)
            return named
        if status is not None:
            turn.closed.append(named)
            return None
    if turn.incident_id is not None and store.get_incident(turn.incident_id).status != "open":
        turn.closed.append(turn.incident_id)
        return None
    return session.assistant._filer.incident_for_report(text, turn.incident_id, triage, others)


def follow_up_reading(session: Session, checked: CheckedText, target: str | None,
                       triage: Any) -> tuple[CheckedText | None, Any, tuple[str, str] | None]:
    """What a report filed under an incident that has reports already is planned from (``agent.follow_up``): all
    its reports, and the incident's type with a priority that only rises.  A new incident: the report alone.
    A follow-up that corrects the incident's hazard (``agent.type_correction``) is planned for the new type, from
    the earlier reports without their clauses of the hazard taken back; the third value is (old type, new type)."""
    store = session.assistant._store
    earlier = store.report_texts(target) if target is not None else []
    if not earlier or earlier == [checked.text]:
        return None, triage, None
    incident = store.get_incident(target)
    # the words of a hazard a confirmed correction took back are not read again from the reports before it
    retracted = [(e.created_at, e.payload.get("was_type") or "") for e in store.events(target, kind="incident_retyped")
                 if str(e.payload.get("reason", "")).startswith(CORRECTION_SOURCE)]
    earlier = without_retracted(store.report_rows(target), retracted) if retracted else earlier
    new_type = corrected_type(checked.text, incident.incident_type)
    if new_type is not None and incident.incident_type:
        was = incident.incident_type
        kept = [t for t in (without_hazard(text, was) for text in earlier) if t]
        planned = replace(checked, text=accumulated_report(checked.text, kept))
        return planned, lambda text: retyped_triage(triage(text), new_type, incident.priority, was), (was, new_type)
    planned = replace(checked, text=accumulated_report(checked.text, earlier))
    return planned, lambda text: kept_incident_triage(triage(text), incident.incident_type, incident.priority), None


def propose_raise(session: Session, turn: Turn, plan: ResponsePlan, incident_id: str) -> None:
    """A follow-up whose plan reads a higher priority than its incident's (or a type where it had none): the change
    is proposed (``retype_incident``, audited, applied on confirmation), and the plan says so first."""
    incident = session.assistant._store.get_incident(incident_id)
    read = plan.triage
    if read is None or (incident.priority is not None and priority_rank(read.priority) >= priority_rank(incident.priority)):
        return
    kind = incident.incident_type if incident.incident_type not in (None, NOT_INCIDENT) else read.incident_type
    waiting = [p for p in session.assistant.pending_proposals(incident_id) if p.action == "retype_incident"
               and priority_rank(str(p.args.get("priority") or "P4")) <= priority_rank(read.priority)]
    if waiting:  # asked already (the operator's own "it is P1" this turn, or an earlier report): not twice
        plan.warnings.insert(0, f"This report suggests {read.priority} for {incident_id} (now {incident.priority}): "
                                f"{waiting[0].proposal_id} already proposes it; its record is unchanged until confirmed.")
        return
    try:
        proposal = session.assistant.propose(
            "retype_incident", {"incident_id": incident_id, "incident_type": kind, "priority": read.priority,
                                "reason": f"a follow-up report reads as {read.priority}: {plan.report.splitlines()[-1][:100] if plan.report else ''}"},
            incident_id=incident_id, operator=session.operator, origin="assistant")
    except InputError as exc:  # the incident was closed meanwhile, or the record says so already
        plan.warnings.append(f"This report suggests {read.priority} for {incident_id}; no change was proposed: {exc}")
        return
    turn.proposed.append(proposal)
    plan.warnings.insert(0, f"This report suggests {read.priority} for {incident_id} (now {incident.priority or 'none'}): "
                            f"confirm {proposal.proposal_id} to raise it; its record is unchanged until then.")


def propose_retype(session: Session, turn: Turn, plan: ResponsePlan, incident_id: str, was: str) -> None:
    """The corrected type (and the plan's priority) proposed for the incident's record; the plan says so."""
    if plan.triage is None:
        return
    now = plan.triage.incident_type
    try:
        proposal = session.assistant.propose(
            "retype_incident", {"incident_id": incident_id, "incident_type": now, "priority": plan.triage.priority,
                                "reason": CORRECTION_SOURCE},
            incident_id=incident_id, operator=session.operator, origin="assistant")
    except InputError as exc:  # ProposalError: the record already says so, or the incident was closed meanwhile
        plan.warnings.append(f"Type changed from {was} to {now} on the caller's correction; the incident's record is not "
                             f"changed: {exc}")
        return
    turn.proposed.append(proposal)
    plan.warnings.insert(0, f"Type changed from {was} to {now} on the caller's correction: this plan is made for {now}. "
                            f"The incident's record changes when you confirm {proposal.proposal_id} ({proposal.summary}).")


def follow_up_place(session: Session, text: str, target: str | None) -> ReportPlace | None:
    """Where a follow-up filed under an open incident is when it names no place of its own ("the car is now on
    fire", "现在车着火了"): the incident's place.  Read by the planner from the words instead, it would be
    unlocated, or the destination of a movement ("smoke drifting to Kamppi") would become the incident's place."""
    filer = session.assistant._filer
    if target is None or filer.report_place(text) is not None:
        return None
    there = filer.incident_place(target)
    return there if there is not None and there.lat is not None else None


def evacuates_elsewhere(session: Session, plan: ResponsePlan, incident_id: str) -> bool:
    """The plan is an evacuation whose hazard area lies away from the incident's place (``same_place``: the two
    areas' extents plus the slack apart).  Unknown places: no."""
    evacuation = (plan.tool_outputs or {}).get("plan_evacuation") or {}
    area = hazard_area(evacuation.get("hazard") or {})
    there = session.assistant._filer.incident_place(incident_id)
    if area is None or there is None or (there.lat is None and not there.outside_map):
        return False  # an incident placed off the map is never at a place of the map (``same_place``)
    return not same_place(area, there)


def say_model_reading(plan: ResponsePlan, model: TriageOutcome | ModelReading) -> None:
    """A plan whose type was taken from the report's words (``reconciled_triage``) says what the model itself read:
    the dispatcher weighs the two, and "Also indicated" alone would hide a confident reading (or a not_incident one)."""
    shown = plan.triage
    if shown is None or shown.corrected_by_operator or shown.incident_type == model.incident_type:
        return
    if shown.type_source.startswith(CORRECTION_SOURCE):  # the plan's warning says the type changed, and why
        return
    if shown.type_source.startswith("the incident's type"):  # agent.follow_up: a follow-up adds to its incident
        plan.warnings.append(
            f"This follow-up reads as {model.incident_type} ({model.priority}); the incident stays {shown.incident_type} "
            f"({shown.priority}) and its plan adds to it. If the incident itself has changed, correct its type.")
        return
    plan.warnings.append(
        f"Incident type {shown.incident_type} ({shown.priority}) is taken from the report's words; the triage model read "
        f"it as {model.incident_type} ({model.priority}, {model.type_confidence:.0%}). Confirm the type with the caller.")


def bind_turn_dispatch(session: Session, turn: Turn, triage: Any, args: DispatchArgs) -> DispatchBinding:
    """The incidents a dispatch of this turn commits to (``agent.dispatch_target.bind_dispatch``), after the report the
    order's message tells is filed (``report_before_dispatch``): the units then go to that report's incident."""
    a = session.assistant
    filed = report_before_dispatch(session, turn, triage, args)
    binding = bind_dispatch(args, current_incident(turn), a._store, a._filer.report_place, a._filer.incident_place,
                            a._on_scene, turn.crew_incident)
    if filed is not None and filed in binding.bound.values():
        binding.notes.insert(0, f"The report in this message was filed as {filed}; the units are proposed for it.")
    return binding


def report_before_dispatch(session: Session, turn: Turn, triage: Any, args: DispatchArgs) -> str | None:
    """A request-first report on another incident's session ("Send an ambulance to Annankatu 12, a man collapsed",
    "派一辆救护车到 X，有个男的晕倒了", "Lähettäkää ambulanssi X:ään, mies kaatui" while the desk is on a fire): the message
    is a report too, filed the way any report is (``report_target``: a new incident at its own place, or the open one
    there) before its units are bound, so that they are proposed for it.  Bound by the selection alone, the ambulance
    was committed to the fire and nothing was filed (s20).  Only where the report is not the session incident's own
    (the fire's casualty at its building, "send another engine, the fire spreads" stay with it); never for a crew's
    order (its incident's), an order naming an incident or several scenes, a drill or a test.  The incident filed
    under, or None (nothing filed: the binding decides as before)."""
    session_incident = current_incident(turn)
    text = turn.checked.text if turn.checked is not None else ""
    a = session.assistant
    if session_incident is None or turn.filed or turn.checked is None \
            or turn.crew_incident is not None or turn.crew_update is not None \
            or len(args.incidents) != 1 or INCIDENT_ID_RE.search(text) or no_new_emergency(text) is not None \
            or not tells_a_hazard_of_its_own(told_besides_orders(text, [unit.id for _, unit in a._city.units()])):
        return None  # an order that only describes where it goes ("send KAI-A1 to the Kamppi fire") is the binding's
    others = session.state.incidents if session.config.follow_reports else ()
    try:
        if report_target(session, Turn(incident_id=session_incident), text, a.report_triage(triage), others) == session_incident:
            return None  # the session incident's own report: its units are bound as before
        return plan_report(session, turn, triage, text).incident_id
    except (WhichIncident, InputError):  # a follow-up fitting several incidents, a report the screen refuses
        return None


def told_besides_orders(text: str, unit_ids: list[str]) -> str:
    """The words of a message that order nothing (``cue_rules.parts_ordering_nothing``); "" for an order alone."""
    return ". ".join(parts_ordering_nothing(split_clauses(text), unit_ids))
