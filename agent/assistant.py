"""The assistant facade: the one object the CLI and the UI talk to.

It owns the triage classifier, the retriever, the city model, the LLM backend and
the incident log, and exposes triage, plan, chat and status.  Every operator
action is written to the incident log (the audit trail).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

from langchain_core.messages import HumanMessage, SystemMessage

from agent.backends import LLMBackend, build_backend
from agent.chat_tools import fallback_calls, make_agent_tools
from core.settings import Settings, get_settings
from agent.grounding import GroundingChecker, supported_sentences
from agent.intents import IntentRouter
from agent.loop import AgentConfig, ChatAgent
from agent.pipeline import ResponsePlanner, plan_from_tool_results, to_triage_summary
from agent.safety import screen_text
from core.errors import InputError
from agent.schemas import ChatEvent, ResponsePlan, SystemStatus, TriageSummary
from agent.store import IncidentStore

__all__ = ["Assistant", "InputError", "TriageRecord"]
log = logging.getLogger(__name__)

SUMMARY_PROMPT = (
    "Summarise this response plan for the incident commander in at most 3 sentences. "
    "Use only names and numbers that appear in the plan.\n\n{facts}"
)


@dataclass
class TriageRecord:
    report_id: str
    incident_id: str
    triage: TriageSummary


class Assistant:
    def __init__(self, settings: Settings, *, triage: Any, retriever: Any, city: Any,
                 backend: LLMBackend, store: IncidentStore, router: IntentRouter | None = None):
        self.settings = settings
        self.triage_model = triage
        self.retriever = retriever
        self.city = city
        self.backend = backend
        self.store = store
        self.router = router or IntentRouter.default()
        self.planner = ResponsePlanner(triage, retriever, city)
        self.grounding = GroundingChecker(city.gazetteer, [unit.id for _, unit in city.units()])
        self._city_lock = threading.Lock()  # unit status is shared state
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="eca-llm")

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> "Assistant":
        """Load everything; on first run trains the default triage model and ingests the default plans."""
        from finetune import ensure_default_model, load_current_classifier
        from knowledge.ingest import ensure_default_kb
        from knowledge.retriever import Retriever
        from tools.city import CityModel

        settings = settings or get_settings()
        started = time.perf_counter()
        ensure_default_model(settings)
        triage = load_current_classifier(settings)
        retriever = Retriever.from_settings(settings)
        ensure_default_kb(settings, store=retriever.store)  # one chroma client for both
        city = CityModel.load(settings.scenario, settings=settings)
        assistant = cls(settings, triage=triage, retriever=retriever, city=city,
                        backend=build_backend(settings), store=IncidentStore(settings.incident_db))
        if assistant.backend.kind == "local":
            log.info("loading the local LLM (the packaged model is converted once on first run)")
            assistant.backend.ping()
        log.info("assistant ready in %.1f s (LLM backend: %s)", time.perf_counter() - started, assistant.backend.kind)
        return assistant

    def _operator(self, operator: str | None) -> str:
        return (operator or self.settings.operator).strip()[:64] or "operator"

    # --- triage -------------------------------------------------------------
    def triage(self, text: str, incident_id: str | None = None, operator: str | None = None) -> TriageRecord:
        checked = screen_text(text, what="report")
        operator = self._operator(operator)
        summary = to_triage_summary(self.triage_model.predict([checked.text])[0])
        if incident_id is None:
            incident_id = self.store.create_incident(_title(checked.text, summary), operator).incident_id
        report_id = self.store.add_report(incident_id, checked.text, summary, operator)
        return TriageRecord(report_id=report_id, incident_id=incident_id, triage=summary)

    def correct_triage(self, report_id: str, *, accepted: bool, incident_type: str | None = None,
                       priority: str | None = None, operator: str | None = None) -> None:
        from core.vocabulary import INCIDENT_TYPES, PRIORITIES

        if incident_type is not None and incident_type not in INCIDENT_TYPES:
            raise InputError(f"unknown incident type {incident_type!r}; use one of {', '.join(INCIDENT_TYPES)}")
        if priority is not None and priority not in PRIORITIES:
            raise InputError(f"unknown priority {priority!r}; use one of {', '.join(PRIORITIES)}")
        self.store.record_triage_decision(report_id, accepted=accepted, incident_type=incident_type,
                                          priority=priority, operator=self._operator(operator))

    # --- plans --------------------------------------------------------------
    def plan(self, report: str, incident_id: str | None = None, operator: str | None = None,
             narrative: bool = True) -> ResponsePlan:
        checked = screen_text(report, what="report")
        operator = self._operator(operator)
        # Plan from the report as triaged and, where the operator corrected it, as corrected; a report not
        # seen before is triaged and logged first, so every plan has its report in the audit trail.
        latest = self.store.latest_report(incident_id) if incident_id else None
        if latest is not None and latest.text == checked.text and latest.triage is not None:
            triage = latest.effective_triage()
        else:
            record = self.triage(checked.text, incident_id, operator)
            incident_id, triage = record.incident_id, record.triage
        with self._city_lock:
            plan = self.planner.plan(checked, incident_id=incident_id, triage=triage)
        if narrative:
            self._add_narrative(plan)
        self.store.save_plan(plan, operator)
        return plan

    def _add_narrative(self, plan: ResponsePlan) -> None:
        """LLM summary within a bounded time; the deterministic plan stands on its own without it."""
        if self.backend.chat_model is None:
            return

        facts = _plan_facts(plan)
        prompt = [SystemMessage("You summarise emergency response plans. Never add facts."), HumanMessage(SUMMARY_PROMPT.format(facts=facts))]
        future = self._pool.submit(self.backend.chat_model.invoke, prompt, max_tokens=self.settings.llm_summary_tokens)
        try:
            text = str(future.result(timeout=min(self.settings.llm_timeout_s, 20.0)).content).strip()
        except FutureTimeout:
            plan.warnings.append("LLM summary timed out; the plan below is complete without it.")
            return
        except Exception as exc:  # noqa: BLE001 - server down: deterministic plan only, say so
            plan.warnings.append(f"LLM unavailable ({type(exc).__name__}); the plan below is the deterministic plan.")
            return
        text, dropped = supported_sentences(text, facts)
        if dropped:
            plan.warnings.append(f"{dropped} sentence(s) of the LLM summary were not supported by the plan and were withheld.")
        if not text:
            return
        report = self.grounding.check(text)
        if report.unknown:
            plan.warnings.append("Unverified names in the LLM summary (not in the scenario): " + ", ".join(report.unknown))
        plan.summary = report.text

    def approve_plan(self, plan_id: str, operator: str | None = None) -> None:
        self.store.approve_plan(plan_id, self._operator(operator))

    # --- chat ---------------------------------------------------------------
    def _tools(self, incident_id: str, sink: list[Any]) -> list[Any]:
        from tools.llm_tools import make_tools

        def plan_fn(report: str) -> ResponsePlan:
            checked = screen_text(report, what="report")
            with self._city_lock:
                return self.planner.plan(checked, incident_id=incident_id)

        return make_tools(self.city, sink) + make_agent_tools(self.retriever, plan_fn)

    def chat(self, message: str, incident_id: str, operator: str | None = None) -> Iterator[ChatEvent]:
        try:
            checked = screen_text(message)
        except InputError as exc:
            yield ChatEvent(kind="error", text=str(exc))
            return
        operator = self._operator(operator)
        self.store.get_incident(incident_id)
        history = self.store.chat_history(incident_id)
        self.store.add_message(incident_id, "user", checked.text, operator)
        sink: list[Any] = []  # planner outputs of this turn, for the plan panel and the map
        agent = ChatAgent(
            self.backend, self._tools(incident_id, sink), self.router,
            lambda text, prediction: fallback_calls(text, prediction, self.city, self._triage_only),
            self.grounding,
            AgentConfig(max_steps=self.settings.agent_max_steps, time_budget_s=self.settings.agent_time_budget_s,
                        llm_tool_calls="always" if self.backend.native_tools else "when_unsure",
                        trajectory_dir=self.settings.data_dir / "trajectories" / incident_id),
        )
        final_text = ""
        for event in agent.run(checked, history):
            if event.kind == "tool" and event.step:
                self.store.log_event(incident_id, "tool_call", event.step.model_dump(), operator)
            if event.kind == "final":
                final_text = event.text
                plan = agent.last_plan
                if plan is None and sink:
                    plan = plan_from_tool_results(checked.text, sink, event.citations, incident_id)
                if plan is not None:
                    self.store.save_plan(plan, operator)
                    event.plan = plan
            yield event
        self.store.add_message(incident_id, "assistant", final_text, operator)

    def _triage_only(self, text: str) -> Any:
        return self.triage_model.predict([text])[0]

    # --- status -------------------------------------------------------------
    def status(self) -> SystemStatus:
        try:
            stats = self.retriever.stats()
            documents, chunks = stats.documents, stats.chunks
        except Exception:  # noqa: BLE001
            documents = chunks = 0
        return SystemStatus(
            llm_backend=self.backend.kind, llm_model=self.backend.model, llm_reachable=self.backend.ping(),
            triage_model_version=getattr(self.triage_model, "version", None), kb_documents=documents, kb_chunks=chunks,
            scenario=self.city.scenario.name,
        )


def _plan_facts(plan: ResponsePlan, limit: int = 900) -> str:
    """The plan's key facts, compact, for the LLM summary (short prompts keep CPU latency low)."""
    lines = [f"Report: {' '.join(plan.report.split())[:300]}"]
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

