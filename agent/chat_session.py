"""A chat session: one operator's conversation, turn by turn, over the incidents it has opened.

One class in the spirit of mini-swe-agent's ``DefaultAgent``: a config dataclass with sane defaults and explicit state
(the session's incidents, the incident it is on, the proposals it filed that wait for a decision).  A turn screens the
message, files each report it plans under the right incident (``agent.report_filing``), runs the tool agent
(``agent.loop.ChatAgent``) and logs what was said.  ``Assistant.chat`` runs one turn of a session made for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from agent.answer_language import asks_in_chinese, awaiting_heading, in_language, nothing_filed_reply
from agent.assent import assent_reply, bare_assent
from agent.building_evacuation import building_order, occupants_said
from agent.close_request import close_request, described_for_close, sent_here_description
from agent.data_gaps import data_gap, gap_reply
from agent.dispatch_target import bind_dispatch, crew_on_scene, described_only, reporting_crew_incident
from agent.fallback import fallback_calls
from agent.follow_up import accumulated_report, is_question, kept_incident_triage
from agent.hazards import hazard_from_words, no_new_emergency
from agent.incident_filter import unit_filter_calls
from agent.incident_scope import ReportPlace, hazard_area, same_place
from agent.loop import AgentConfig, ChatAgent
from agent.incident_request import IncidentRequest, described_incident, incident_request, kinds_named, says_more
from agent.merge_request import merge_reply, merge_request
from agent.intents import cue_intents
from agent.place_correction import address_answer, address_not_found, corrected_place, relocation_reply, said_besides, street_like
from agent.plan_items import plan_from_tool_results
from agent.plan_order import PlanOrder, plan_order
from agent.plan_reference import PlanReference, latest_evacuation_plan, plan_answer, plan_reference
from agent.report_filing import OpenElsewhere, asks_new_incident, headed_incident
from agent.report_move import move_reports_reply, moves_reports
from agent.response_plan import to_triage_summary
from agent.protocols import TriageOutcome
from agent.safety.record_line import RECORD_NOTE_REPLIES, record_note
from agent.safety import LOG_CORRECTION_REPLY, CheckedText, corrects_own_log_entry, looks_harmful, screen_text
from agent.shelter_exclusions import excluded_shelters
from agent.slots import canonical_unit_ids
from agent.schemas import ChatEvent, Proposal, ResponsePlan, ToolResult
from agent.time_of_day import time_of_day
from agent.tool_registry import build_tools, procedure_search_tool
from agent.type_correction import CORRECTION_SOURCE, corrected_type, retyped_triage, without_hazard, without_retracted
from agent.unit_move import incident_ids, unit_move
from agent.unreadable import unknown_words_reply, unreadable, unreadable_reply
from core.errors import InputError
from core.triage_reading import ModelReading
from core.text import detect_language, has_han
from core.vocabulary import NOT_INCIDENT, priority_rank
from tools.evacuation.models import UNSPECIFIED_HAZARD
from tools.scenario import HAZARD_TYPES

__all__ = ["ChatSession", "ChatSessionConfig", "ChatSessionState", "say_model_reading"]


def _awaiting(proposal: Proposal, zh: bool) -> str:
    """The line under a reply that filed a proposal: what awaits the operator's confirmation, in the reply's language."""
    return f"\n\n{awaiting_heading(zh)}\n- {proposal.summary} ({proposal.proposal_id})"


@dataclass
class ChatSessionConfig:
    # The session moves to the incident a report opened or was filed under (``eca chat``); off, it stays on the
    # incident it was started on and the reply only says where the report went (the web page follows by itself).
    follow_reports: bool = False
    history_turns: int = 6  # the last messages of the incident a language model may read
    # A report that would open a new incident is filed under an open incident of another session (the web UI, another
    # terminal, ``eca monitor``) at the same address or building, of a hazard that meets its own at one scene, and
    # active within these hours (``ReportFiler.open_incident_at``); 0 turns that off.  Three hours: a working fire or
    # a crash scene is still being reported on; an incident older than that at the same door is likely a new event.
    join_open_within_h: float = 3.0


@dataclass
class ChatSessionState:
    current: str | None = None  # the incident the session is on; None before its first report
    incidents: list[str] = field(default_factory=list)  # every incident the session has been on, oldest first
    pending: list[Proposal] = field(default_factory=list)  # proposals this session filed, awaiting a decision


# "..., and the address is Kampin metroasema, Urho Kekkosen katu 1" beside an order: an address stated, not corrected
# ("it is X, not Y" is read by ``agent.place_correction``). Nothing moves the incident on it; the reply says so.
_STATES_ADDRESS = re.compile(r"\b(?:the\s+)?(?:exact\s+|correct\s+|right\s+)?(?:address|location)\s+(?:is|was|will be)\b|地址(?:是|为|在)",
                             re.IGNORECASE)


def _address_left(text: str) -> str | None:
    """What the reply says of an address stated beside an order (None: no address stated): it was not applied."""
    if _STATES_ADDRESS.search(text) is None:
        return None
    if has_han(text):
        return "注意：消息中的地址没有被采用，事件位置没有改变。要移动事件，请单独发送地址更正（例如“地址更正：应该是 X 1，不是 Y”）。"
    return ("Note: the address in this message was not applied; the incident's place is unchanged. To move the incident, "
            "send the address correction on its own (\"the address is X 1, not Y\"), which proposes the move.")


@dataclass
class _Turn:
    """What one turn has done so far."""
    incident_id: str | None  # the session's incident when the turn began
    # the operator's message as screened: the reply's own words are in its language (agent.answer_language), an
    # evacuation's shelter exclusions are read from it
    asked: str = ""
    opened: list[ResponsePlan] = field(default_factory=list)  # plans of reports filed under an incident of their own
    moved: list[ResponsePlan] = field(default_factory=list)  # plans of reports filed under another incident of the session
    filed: list[ResponsePlan] = field(default_factory=list)  # every report's plan this turn, in order
    # filed under another desk's incident, with what the reply says where the report reads otherwise than the incident
    joined: list[tuple[ResponsePlan, OpenElsewhere, str]] = field(default_factory=list)
    said: list[tuple[str, str]] = field(default_factory=list)  # messages waiting for an incident to be filed under
    proposed: list[Proposal] = field(default_factory=list)  # proposals the turn's reports filed (a type correction)
    # a message that only gives an address ("Annankatu 12, 3rd floor"): (the address, whether it answers the session's
    # incident's "confirm the address", i.e. the incident has no confirmed place yet), else None
    address: tuple[str, bool] | None = None
    crew_incident: str | None = None  # the incident a crew reports from, when not the session's (its orders are for it)
    crew_update: tuple[str, str] | None = None  # (unit, incident) of a crew's update from its scene (``crew_on_scene``)
    closed: list[str] = field(default_factory=list)  # closed incidents a report was about: it opened its own instead
    named: list[str] = field(default_factory=list)  # open incidents a report was filed under because it named them


class ChatSession:
    # ``assistant``: the agent.assistant.Assistant that made the session (not imported here: the assistant imports this
    # module, and the import contracts allow no cycle inside a package)
    def __init__(self, assistant: Any, *, operator: str | None = None, incident_id: str | None = None,
                 incidents: Sequence[str] = (), config: ChatSessionConfig | None = None):
        self.assistant = assistant
        self.operator = assistant._operator(operator)
        self.config = config or ChatSessionConfig()
        known = list(dict.fromkeys(incidents))
        if incident_id is not None and incident_id not in known:
            known.append(incident_id)
        self.state = ChatSessionState(current=incident_id, incidents=known)

    # --- one turn ----------------------------------------------------------------------------------
    def run(self, message: str) -> Iterator[ChatEvent]:
        """One chat turn: tool steps, text deltas, one final event; the state moves on at its end.  A session on an
        incident merged into another continues on that one, and the final answer says so first.  A message over the
        length read at once is fitted first (``agent.long_message``): the final answer begins with what was kept, and
        the log keeps the whole message."""
        note = self._follow_merge()
        try:
            fitted = self.assistant.fit_text(message)
        except InputError as exc:
            yield ChatEvent(kind="error", text=str(exc))
            return
        for event in self._turn(fitted.text):
            if event.kind == "final":
                if fitted.note:
                    event.text = f"⚠ {fitted.note}\n\n{event.text}"
                if note:
                    event.text = f"{note}\n\n{event.text}"
            yield event
        if fitted.note:
            self.assistant._store.log_event(self.state.current, "long_input", {"note": fitted.note, "original": message},
                                            self.operator)

    def _turn(self, message: str) -> Iterator[ChatEvent]:
        a = self.assistant
        try:
            checked = screen_text(message)
        except InputError as exc:
            yield ChatEvent(kind="error", text=str(exc))
            return
        a._follow_units()  # statuses confirmed in another process hold before this turn's board or dispatch
        turn = _Turn(self.state.current, checked.text)
        history = []
        if turn.incident_id is not None:
            a._store.get_incident(turn.incident_id)
            history = a._store.chat_history(turn.incident_id)
        self._say(turn, "user", checked.text)
        # before the unreadable check: an address the map lacks ("Xyzzykatu 12") is an answer to say so of, no noise
        said = self._address_only(checked, turn.incident_id)
        if said is not None:
            address, found, awaited = said
            if found is None:  # said so, and nothing of the incident changes (its place stays as it was)
                kept = a._filer.incident_place(turn.incident_id) if turn.incident_id is not None else None
                yield from self._reply(turn, address_not_found(address, turn.incident_id, kept.name if kept else None,
                                                               detect_language(checked.text) == "zh"))
                return
            turn.address = (address, awaited)
        why = unreadable(checked.text, a._names_place_or_unit)
        if why is not None:  # random keys, punctuation, an emoji: said so, specifically; no tool, nothing filed
            yield from self._reply(turn, unreadable_reply(why))
            return
        asked = unknown_words_reply(checked.text, a._names_place_or_unit, a._city.locate)
        if asked is not None:  # "pozar", "Anankatu 12": readable, but nothing to act on yet; asked for, not the help text
            yield from self._reply(turn, asked)
            return
        if not checked.has_injection and corrects_own_log_entry(checked.text):  # no tool edits the log: say how to correct it
            yield from self._reply(turn, LOG_CORRECTION_REPLY)
            return
        if not checked.has_injection and moves_reports(checked.text):  # no tool moves a report: say what works
            yield from self._reply(turn, move_reports_reply(checked.text))
            return
        if not checked.has_injection and bare_assent(checked.text):  # "confirm", "确认" typed as a message: answers no
            yield from self._reply(turn, assent_reply(checked.text, self._still_pending(turn)))  # proposal, attacks nothing
            return
        new_place = corrected_place(checked.text) if not checked.has_injection and turn.incident_id is not None else None
        if new_place and (named := incident_request(checked.text)) is not None and named.place and kinds_named(named.named):
            new_place = None  # "电车事故的地址改为X": the incident it names is found below, never the session's by default
        correction, relocation, also = "", None, None
        if new_place:  # "the caller corrects the address: it is X 7, not 5": a fact of the incident, never an attack
            correction, relocation = relocation_reply(turn.incident_id, new_place, checked.text, a._filer,
                                                      lambda args: self._propose_here(turn, "relocate_incident", args))
            if not said_besides(checked.text):
                yield from self._proposed_reply(turn, correction, relocation)
                return
            if relocation is not None:  # answered with the rest of the turn, and confirmed like any proposal
                self.state.pending.append(relocation)
                correction += _awaiting(relocation, detect_language(correction) == "zh")
        # (an order naming units, "add ERO-H1 to the gas alarm, and the address is …", is no request: the dispatch reply
        # says its address was not applied)
        request = (incident_request(checked.text, list(a._city.unit_status()))
                   if not new_place and turn.address is None and not checked.has_injection else None)
        if request is not None:  # "the address of INC-… is X", "raise the gas alarm to P1": a proposal, never an attack
            target, ask = self._requested_incident(turn, request)
            zh = detect_language(checked.text) == "zh"
            if target is None:
                yield from self._reply(turn, ask)
                return
            if request.place:
                correction, relocation = relocation_reply(target, request.place, checked.text, a._filer,
                                                          lambda args: self._propose_here(turn, "relocate_incident", args, target))
            else:
                correction, relocation = self._priority_reply(turn, target, request, zh)
            units = self._plan_units_asked(target, request.rest, zh)
            if units is not None:  # "… Approve the plan for INC-7" beside the request: that plan's units, proposed too
                correction, also = f"{correction}\n\n{units[0]}", units[1]
            if not says_more(request.rest) or target != self._current(turn):
                if says_more(request.rest):  # news about another incident than the session's: not filed under the wrong one
                    correction += (f"\n（消息中的其余内容没有登记：它是关于 {target} 的；请选中该事件后作为报告发送。）" if zh else
                                   f"\n(The rest of the message was not filed: it is about {target}; select {target} and send "
                                   "it as a report.)")
                yield from self._proposed_reply(turn, correction, relocation, also=also)
                return
            for proposal in (relocation, also):  # answered with the rest of the turn (a report), confirmed like any proposal
                if proposal is not None:
                    self.state.pending.append(proposal)
                    correction += _awaiting(proposal, zh)
        # A correction that tells more ("..., not 12. A child is still inside"): the rest is a report or an order like any
        # other, and the reply answers the correction before it (review s16: the news was dropped)
        # a keep-out that is the job ("don't log it as a new incident, same fire", "do not record the caller's number")
        # and no request beside it: agreed and said what is kept, no tool, no security event (agent.safety.record_line)
        kind = None if checked.has_injection or looks_harmful(checked.text) else record_note(checked.text)
        if kind and a._only_a_note(checked.text, kind):
            yield from self._reply(turn, RECORD_NOTE_REPLIES[kind])
            return
        # One triage per text in this turn: the safety check, the router and the response plan all ask the model
        # about the same (residual) message; the first answer is passed on, not computed again.
        triage = lru_cache(maxsize=8)(a._triage_only)
        checked, refusal = a._screen(checked, triage)
        if refusal is not None:  # no tool runs; the operator gets a clear, polite answer; the log gets a security event
            text, record = refusal
            a._store.log_event(turn.incident_id, "security", record, self.operator)
            yield from self._reply(turn, text, security=record)
            return
        if not checked.untrusted and (order := plan_order(checked.text)) is not None:  # "send the units", "批准方案"
            yield from self._plan_order_reply(turn, order, checked.text)
            return
        if not checked.untrusted and self._current(turn) is not None and (ref := plan_reference(checked.text)) is not None:
            plan = latest_evacuation_plan(a._store.plans(self._current(turn)))
            if plan is not None:  # "where do the vulnerable go in that plan? Approve it": answered from it, no new plan
                yield from self._plan_reference_reply(turn, plan, ref, checked.text)
                return
        if not checked.untrusted and (moved := self._unit_move(turn, checked.text)) is not None:
            yield from self._proposals_reply(turn, *moved)  # "pull ERO-R1 from the underpass and send it to INC-…"
            return
        if not checked.untrusted and (merge := merge_request(checked.text)) is not None:  # "merge INC-B into INC-A"
            said, proposal = merge_reply(merge, self._current(turn), a._store,
                                         lambda args: self._propose_here(turn, "merge_incidents", args, None if self._current(turn)
                                                                 in (args["merged"], args["into"]) else args["into"]),
                                         detect_language(checked.text) == "zh")
            yield from self._proposed_reply(turn, said, proposal)
            return
        if not checked.untrusted and (closing := close_request(checked.text)) is not None and closing.described \
                and closing.incident_id is None:  # "close the Snellmaninkatu tree incident": that one, never a report
            yield from self._described_close_reply(turn, closing.described, checked.text)
            return
        if not checked.untrusted and (gap := data_gap(checked.text)) is not None and not self._orders_or_reports(checked.text):
            # "what is the water level forecast …?", "is the fuel truck on its way?": data this system does not hold
            # is said to be missing first, never answered by plan passages alone (trial 18 M16)
            yield from self._data_gap_reply(turn, gap, checked.text)
            return
        if not checked.untrusted and (kind := self._no_new_emergency(turn, checked.text)) is not None:
            # a drill, a test, an all-clear, a false alarm, thanks: no path (the LLM's tools, the router, a short report)
            # may file it as a new incident; an all-clear of an incident open at its place proposes closing that one
            yield from self._nothing_filed_reply(turn, kind, checked.text)
            return
        flagged = {"families": list(checked.families) or ["classifier"], "outcome": "flagged"} if checked.untrusted else None
        if flagged:
            a._store.log_event(turn.incident_id, "security", {**flagged, "spans": [s[:300] for s in checked.injection_spans]}, self.operator)
        final_text = ""
        results: list[ToolResult] = []
        unit_ids, commitments = [u.id for _, u in a._city.units()], a._store.unit_commitments()
        open_ids = {i.incident_id for i in a._store.list_incidents(status="open")}
        turn.crew_incident = reporting_crew_incident(checked.text, unit_ids, commitments, open_ids, turn.incident_id)
        turn.crew_update = crew_on_scene(checked.text, unit_ids, commitments, open_ids) if not checked.untrusted else None
        for event in self._agent(turn, triage, checked.without_injection()).run(checked, a._history_for_llm(history, self.config.history_turns)):
            if event.kind == "tool" and event.step:
                a._store.log_event(self._current(turn), "tool_call", event.step.model_dump(), self.operator)
                if event.result is not None:
                    results.append(event.result)
            if event.kind == "final":
                if turn.address is not None and not turn.address[1] and event.plan is None:
                    event = event.model_copy(update={"text": event.text + _ADDRESS_ALONE[detect_language(checked.text) == "zh"]})
                if correction:
                    event = event.model_copy(update={"text": f"{correction}\n\n{event.text}",
                                                     "proposals": [*(p for p in (relocation, also) if p), *event.proposals]})
                elif not turn.filed and sent_here_description(checked.text) is not None \
                        and (unread := _address_left(checked.text)) is not None:
                    event = event.model_copy(update={"text": f"{event.text}\n\n{unread}"})
                self._finish(turn, checked, event, results, flagged)
                final_text = event.text
            yield event
        self._log_crew_update(turn, checked.text)
        self._say(turn, "assistant", final_text)
        self._end(turn)

    def _no_new_emergency(self, turn: _Turn, text: str) -> str | None:
        """What a message that would be filed as a new report but tells no new emergency is
        (``agent.hazards.no_new_emergency``), or None. A message that asks or orders something is left to its tools (a
        place lookup of "Kamppi fire station?", a sitrep after a smoke break); in a session on an incident an all-clear
        or a false alarm is news of that incident, a follow-up."""
        kind = no_new_emergency(text)
        if kind is None or is_question(text) or cue_intents(text, self.assistant._city):
            return None
        if kind in ("all_clear", "false_alarm") and self._current(turn) is not None:
            return None
        return kind

    def _orders_or_reports(self, text: str) -> bool:
        """Does the message order something (evacuate, dispatch, a status) or tell an incident in a sentence that asks
        nothing?  Then a question for missing data beside it does not answer the whole turn."""
        if any(i in ("evacuation", "dispatch", "unit_status_change") for i in cue_intents(text, self.assistant._city)):
            return True
        sentences = [s for s in re.split(r"(?<=[.!?。！？])\s*|\n", text) if s.strip()]
        return any(not is_question(s) and hazard_from_words(s) for s in sentences)

    def _data_gap_reply(self, turn: _Turn, gap: Any, text: str) -> Iterator[ChatEvent]:
        """The gap said first, then the plan passages on the question, labelled as plan text."""
        zh = detect_language(text) == "zh"
        try:
            found = procedure_search_tool(self.assistant._passages).invoke({"query": text[:500], "k": 2})
            passages = found.text if found.citations else ""
        except Exception:  # noqa: BLE001 - the gap is the answer; passages are only added help
            passages = ""
        yield from self._reply(turn, gap_reply(gap, passages, zh))

    def _described_close_reply(self, turn: _Turn, described: str, text: str) -> Iterator[ChatEvent]:
        """A close order naming its incident by place or kind (trial 18 M12): the one open incident it fits proposed for
        closing; several fitting are asked about, none fitting is said; nothing is filed as a report."""
        a = self.assistant
        zh = detect_language(text) == "zh"
        found, said = described_for_close(described, a._store.list_incidents(status="open"), self._current(turn),
                                          lambda i: getattr(a._filer.incident_place(i), "name", "") or "")
        if found is None:
            yield from self._reply(turn, (f"没有关闭任何事件：{said}" if zh else said))
            return
        what = a._filer.describe(found)
        said = (f"关闭 {found}（{what}）：已提议；确认之前不会有任何变化。" if zh else
                f"Close {found} ({what}): proposed; nothing changes until you confirm.")
        try:
            proposal = self._propose_here(turn, "close_incident", {"incident_id": found}, found)
        except InputError as exc:
            yield from self._reply(turn, f"{said} {exc}")
            return
        yield from self._proposed_reply(turn, said, proposal, zh)

    def _nothing_filed_reply(self, turn: _Turn, kind: str, text: str) -> Iterator[ChatEvent]:
        """The short answer that nothing was filed; for an all-clear or a false alarm at the place of an incident open
        with a hazard that meets it, that incident named and its closing proposed (the operator decides)."""
        a = self.assistant
        said = nothing_filed_reply(kind, text)
        open_there = None
        if kind in ("all_clear", "false_alarm"):
            open_there = a._filer.open_incident_at(text, hazard_from_words(text), within_h=self.config.join_open_within_h or 24.0)
        if open_there is None:
            yield from self._reply(turn, said)
            return
        zh = detect_language(text) == "zh"
        what = a._filer.describe(open_there.incident_id)
        said += (f"\n此消息似乎是关于未结事件 {open_there.incident_id}（{what}）的。" if zh else
                 f"\nThis reads as news of the open incident {open_there.incident_id} ({what}).")
        try:
            proposal = self._propose_here(turn, "close_incident", {"incident_id": open_there.incident_id}, open_there.incident_id)
        except InputError as exc:
            yield from self._reply(turn, f"{said} {exc}")
            return
        yield from self._proposed_reply(turn, said, proposal, zh)

    @staticmethod
    def _crew_of(turn: _Turn, report: str) -> tuple[str, str] | None:
        """The turn's crew update (unit, incident) when ``report`` is its words (it names the unit), else None."""
        if turn.crew_update is None or turn.crew_update[0] not in canonical_unit_ids(report, [turn.crew_update[0]]):
            return None
        return turn.crew_update

    def _log_crew_update(self, turn: _Turn, text: str) -> None:
        """A crew's update from its scene ("ERO-E1 on scene, fire in 2nd floor kitchen, one casualty") is report text of
        the incident its unit is committed to, with the unit as its source, whatever the turn did with it (a status
        change, a dispatch, or nothing): the incident's log shows what the crew said.  Filed as is, never raising the
        incident's type or priority (a confirmed change does that); not twice when the turn's plan filed it there."""
        if turn.crew_update is None:
            return
        unit, incident = turn.crew_update
        store = self.assistant._store
        if text in store.report_texts(incident):
            return
        store.add_report(incident, text, None, self.operator, raise_incident=False, source=unit)

    def _address_only(self, checked: CheckedText, incident_id: str | None) -> tuple[str, ReportPlace | None, bool] | None:
        """(the address, where the map has it or None, whether ``incident_id`` waits for its address) for a message that
        only gives an address (``agent.place_correction.address_answer``) and asks nothing a cue reads ("send 2" is no
        address); None otherwise, and for a word with a number that the map lacks and that does not read as a street:
        by a street's ending ("Xyzzykatu 12"), or, while the incident waits for its address, by a capital."""
        a = self.assistant
        address = address_answer(checked.text) if not checked.has_injection else None
        if address is None or cue_intents(checked.text, a._city):
            return None
        awaited = incident_id is not None and self._awaits_address(incident_id)
        found = a._filer.report_place(address)
        found = found if found is not None and found.lat is not None else None
        if found is None and a._city.gazetteer.find_in_text(address):
            # a street of the map whose house number it only interpolates ("Fredrikinkatu 20"): on the map, not pinned;
            # the plan made with it says how sure the place is
            return address, ReportPlace(name=address), awaited
        if found is None and not street_like(address, capitalised=awaited):
            return None
        return address, found, awaited

    def _requested_incident(self, turn: _Turn, request: IncidentRequest) -> tuple[str | None, str]:
        """(the open incident a change request is for, "") or (None, what to ask): the one named by id, else the one
        its words describe by kind ("the tram crash"), else the session's."""
        a = self.assistant
        zh = detect_language(request.rest) == "zh"
        open_incidents = a._store.list_incidents(status="open")
        ids = [i.incident_id for i in open_incidents]
        listed = ", ".join(ids[:5]) or ("无" if zh else "none")
        if request.incident_id is not None:
            if request.incident_id in ids:
                return request.incident_id, ""
            return None, (f"{request.incident_id} 不是未结事件，没有任何变化。未结事件：{listed}。" if zh else
                          f"{request.incident_id} is not an open incident; nothing was changed. Open: {listed}.")
        found, ask = described_incident(request.rest, open_incidents, self._current(turn),
                                        lambda i: getattr(a._filer.incident_place(i), "name", "") or "")
        if found is not None or ask:
            return found, ask
        if kinds_named(request.named):
            # "raise the tram crash to P1" with no tram crash open: another incident than the session's was meant
            # (review s18: the session's flood was proposed for P1); nothing is changed, the operator names it
            return None, (f"没有符合“{request.named.strip()}”的未结事件，没有任何变化：请写明事件编号（INC-…）。未结事件：{listed}。"
                          if zh else f"No open incident fits '{request.named.strip()}'; nothing was changed. Name it "
                          f"(INC-…). Open: {listed}.")
        current = self._current(turn)
        if current in ids:
            return current, ""
        return None, (f"哪个事件？没有选中的事件：请写明事件编号（INC-…）。未结事件：{listed}。" if zh else
                      f"Which incident? None is selected: name it (INC-…). Open: {listed}.")

    def _priority_reply(self, turn: _Turn, target: str, request: IncidentRequest, zh: bool) -> tuple[str, Proposal | None]:
        """(what the chat says, the proposal or None) for the operator's priority change of ``target``: its type stays,
        its priority is the one asked (``retype_incident``: audited, applied on confirmation)."""
        a = self.assistant
        incident = a._store.get_incident(target)
        was, now = incident.priority or "?", request.priority
        if was == now:
            return (f"{target} 已经是 {now}，无需更改。" if zh else f"{target} is already {now}; nothing to change."), None
        reason = "the operator's priority change" + (f": {request.rest[:100]}" if says_more(request.rest) else "")
        try:
            proposal = self._propose_here(turn, "retype_incident", {"incident_id": target, "incident_type": incident.incident_type,
                                                                    "priority": now, "reason": reason}, target)
        except InputError as exc:
            return (f"{target} 的优先级没有提议更改：{exc}" if zh else f"Priority of {target}: no change was proposed: {exc}"), None
        return (f"优先级（{target}，{a._filer.describe(target)}）：已提议从 {was} 改为 {now}；确认之前不会有任何变化。" if zh else
                f"Priority of {target} ({a._filer.describe(target)}): proposed {was} → {now}. Nothing changes until you "
                "confirm."), proposal

    def _plan_units_asked(self, target: str, rest: str, zh: bool) -> tuple[str, Proposal | None] | None:
        """A plan order among the sentences beside an incident request ("… Approve the plan for INC-7"): (what the reply
        says, the proposal of the units of ``target``'s latest plan or None), or None where no sentence is one, or it
        is for another incident."""
        orders = [o for part in re.split(r"(?<=[.!?。！？;；])\s*", rest) if part.strip() and (o := plan_order(part)) is not None]
        if not orders or any(o.incident_id not in (None, target) for o in orders):
            return None
        a = self.assistant
        plan = a._store.latest_plan(target)
        if plan is None:
            return (f"{target} 还没有方案：请先发送现场报告。" if zh else f"{target} has no plan yet: send its report first."), None
        try:
            proposal = a.plan_units_proposal(plan.plan_id, self.operator, origin="chat: the plan's units")
        except InputError as exc:
            return (f"方案 {plan.plan_id}（{target}）：没有派出任何单位：{exc}" if zh else
                    f"Plan {plan.plan_id} ({target}): no unit is dispatched by it: {exc}"), None
        return (f"方案 {plan.plan_id}（{target}）中仍可用的单位已提议派出。" if zh else
                f"Plan {plan.plan_id} ({target}): its units that are still available are proposed for dispatch."), proposal

    def _awaits_address(self, incident_id: str) -> bool:
        """Does the incident wait for its address: it has reports but no confirmed place (its plan said "LOCATION
        UNCONFIRMED ... confirm the address", or could not place it at all)?  Then an address given is its answer."""
        a = self.assistant
        if not a._store.report_texts(incident_id):
            return False
        place = a._filer.incident_place(incident_id)
        return place is None or (place.lat is None and not place.outside_map)

    def _address_calls(self, turn: _Turn, text: str) -> list[dict[str, Any]] | None:
        """The turn's address alone: the incident's follow-up when it answers "confirm the address" (filed under it and
        re-planned there), else the place shown (nothing is filed on an address alone)."""
        if turn.address is None:
            return None
        address, answers = turn.address
        if answers:
            return [{"name": "plan_response", "args": {"report": text}}]
        return [{"name": "resolve_place", "args": {"name": address}}]

    def _follow_merge(self) -> str:
        """A session on an incident that was merged into another (a confirmed ``merge_incidents``, in this process or any
        other on the log) continues on that one: its reports and units are there, and a follow-up filed under the closed
        incident would be lost to the plan.  Returns what the reply says first ("" when nothing moved)."""
        current = self.state.current
        into = self.assistant._store.merged_into(current) if current is not None else None
        if into is None:
            return ""
        self.state.current = into
        self.state.incidents = [i for i in self.state.incidents if i not in (current, into)] + [into]
        return f"{current} was merged into {into}: this session continues on {into}."

    def _still_pending(self, turn: _Turn) -> list[Proposal]:
        """The proposals waiting for a decision on the session's incident, else those this session filed."""
        if turn.incident_id is not None:
            return self.assistant.pending_proposals(turn.incident_id)
        waiting = {p.proposal_id for p in self.assistant.pending_proposals()}
        return [p for p in self.state.pending if p.proposal_id in waiting]

    def _reply(self, turn: _Turn, text: str, security: dict[str, Any] | None = None) -> Iterator[ChatEvent]:
        """A turn answered without the tool agent (a fixed reply in the operator's language)."""
        text = in_language(turn.asked, text)
        yield ChatEvent(kind="final", text=text, security=security)
        self._say(turn, "assistant", text)
        self._end(turn)

    def _plan_order_reply(self, turn: _Turn, order: PlanOrder, text: str) -> Iterator[ChatEvent]:
        """An order that refers to the plan: the dispatch of the units of the incident's latest plan, proposed through
        the Approve button's path; with no incident or no plan, the question which one (nothing is guessed)."""
        a = self.assistant
        zh = detect_language(text) == "zh"
        incident_id = order.incident_id or self._current(turn)
        open_incidents = a._store.list_incidents(status="open")
        open_ids = [i.incident_id for i in open_incidents]
        if order.incident_id is None and order.described:  # "the recommended units for the bus accident"
            found, ask = described_incident(order.described, open_incidents, self._current(turn),
                                            lambda i: getattr(a._filer.incident_place(i), "name", "") or "")
            if found is None:  # no open incident of that kind, or several: asked, never the session's by default
                listed = ", ".join(open_ids[:5]) or ("无" if zh else "none")
                yield from self._reply(turn, ask or (f"没有符合“{order.described}”的未结事件：请写明事件编号（INC-…）。未结事件：{listed}。"
                                                     if zh else f"No open incident is {order.described}: name it (INC-…). "
                                                     f"Open: {listed}."))
                return
            incident_id = found
        if incident_id is None or incident_id not in open_ids:
            listed = ", ".join(open_ids[:5]) or ("无" if zh else "none")
            said = (f"哪个事件的方案？没有选中的事件{f'（{incident_id} 不是未结事件）' if incident_id else ''}。"
                    f"请写明事件编号（例如“批准 INC-… 的方案”）或选中事件。未结事件：{listed}。" if zh else
                    f"Which incident's plan? {f'{incident_id} is not an open incident' if incident_id else 'No incident is selected'}; "
                    f"name it (\"send the units of INC-…\") or select it. Open: {listed}.")
            yield from self._reply(turn, said)
            return
        plans = a._store.plans(incident_id)
        # the newest plan that dispatches units: an evacuation planned since moves people, not units, and "send the
        # plan's units" after it answered "no unit is dispatched by it" (trial 18)
        plan = next((p for p in plans if ((p.tool_outputs or {}).get("plan_dispatch") or {}).get("assignments")),
                    plans[0] if plans else None)
        if plan is None:
            yield from self._reply(turn, f"{incident_id} 还没有方案：请先发送现场报告，或写明要派的单位。" if zh else
                                   f"{incident_id} has no plan yet: send its report first, or name the units to send.")
            return
        try:
            proposal = a.plan_units_proposal(plan.plan_id, self.operator, origin="chat: the plan's units")
        except InputError as exc:
            yield from self._reply(turn, f"方案 {plan.plan_id}（{incident_id}）：没有派出任何单位：{exc}" if zh else
                                   f"Plan {plan.plan_id} ({incident_id}): no unit is dispatched by it: {exc}")
            return
        said = (f"方案 {plan.plan_id}（{incident_id}）中仍可用的单位已提议派出；确认之前不会有任何变化。"
                f"（方案本身的批准请用界面上的 Approve plan 按钮。）" if zh else
                f"Plan {plan.plan_id} ({incident_id}): its units that are still available are proposed for dispatch; "
                f"nothing moves until you confirm. (The plan itself is approved with the Approve plan button.)")
        if left := a.plan_units_left_out(plan.plan_id):  # a unit of the plan not proposed is named, with why
            said += f"\n{left.replace('Not in it:', '未包含：') if zh else left}"
        yield from self._proposed_reply(turn, said, proposal, zh=zh)

    def _plan_reference_reply(self, turn: _Turn, plan: ResponsePlan, ref: PlanReference, text: str) -> Iterator[ChatEvent]:
        """A question about the incident's evacuation plan answered from it, and its approval proposed where asked
        (``agent.plan_reference``); the plan stays the incident's latest."""
        zh = has_han(text)
        said = plan_answer(plan, ref.question, zh)
        proposal = None
        if ref.approve:
            try:
                proposal = self._propose_here(turn, "approve_plan", {"plan_id": plan.plan_id}, plan.incident_id)
            except InputError as exc:
                said += (f"\n\n方案 {plan.plan_id} 没有提议批准：{exc}" if zh else f"\n\nPlan {plan.plan_id} not proposed for approval: {exc}")
        yield from self._proposed_reply(turn, said, proposal, zh=zh)

    def _unit_move(self, turn: _Turn, text: str) -> tuple[str, list[Proposal]] | None:
        """(what the chat says, the proposals) for an order that moves named units to an incident (``agent.unit_move``):
        a unit committed to another open incident is proposed moved from it (``reassign_units``: one proposal that
        releases it there and dispatches it here, saying what that incident keeps); a free unit sent to the session's
        incident said as "it" / "there" is proposed committed to it.  None: not such an order, or no incident it goes
        to is found (the router reads it, as before: "move ERO-R1 back to the station" is a status change)."""
        a = self.assistant
        move = unit_move(text)
        units = canonical_unit_ids(text, list(a._city.unit_status()))
        if move is None or not units:
            return None
        open_ids = {i.incident_id for i in a._store.list_incidents(status="open")}
        status, commitments = a._city.unit_status(), a._store.unit_commitments()
        sources = {u: commitments[u] for u in units if status.get(u) == "dispatched" and commitments.get(u) in open_ids}
        if not move.moves and not move.here and not sources:
            return None  # a free unit sent to an incident by its words: the dispatch planner's (agent.dispatch_target)
        target, ask = self._move_target(turn, text, move, open_ids, set(sources.values()))
        zh = has_han(text)
        if target is None:
            return (ask, []) if ask and (move.moves or sources) else None
        said, proposals = [], []
        by_source: dict[str, list[str]] = {}
        for unit, source in sources.items():
            if source != target:
                by_source.setdefault(source, []).append(unit)
        free = [u for u in units if u not in sources and status.get(u) == "available"]
        there = [u for u in units if sources.get(u) == target]
        for source, moved in by_source.items():
            try:
                proposals.append(self._propose_here(turn, "reassign_units", {"unit_ids": moved, "from_incident_id": source,
                                                                             "incident_id": target}, target))
            except InputError as exc:
                said.append(f"{'、'.join(moved)} 没有提议调动：{exc}" if zh else f"{', '.join(moved)} not proposed moved: {exc}")
        if free:
            try:
                proposals.append(self._propose_here(turn, "commit_dispatch", {"unit_ids": free, "incident_id": target}, target))
            except InputError as exc:
                said.append(f"{'、'.join(free)} 没有提议派出：{exc}" if zh else f"{', '.join(free)} not proposed: {exc}")
        if there:
            said.append(f"{'、'.join(there)} 已派往 {target}。" if zh else f"{', '.join(there)} already committed to {target}.")
        other = [u for u in units if u not in sources and u not in free]
        if other:
            said.append(("、".join(f"{u}（{status.get(u, '?')}）" for u in other) + " 不可用，未提议。") if zh else
                        (", ".join(f"{u} ({status.get(u, '?').replace('_', ' ')})" for u in other) + ": not available, not proposed."))
        if proposals:
            said.insert(0, f"已提议，确认之前不会有任何变化（{target}：{a._filer.describe(target)}）。" if zh else
                        f"Proposed for {target} ({a._filer.describe(target)}); nothing moves until you confirm.")
        if says_more(text):  # the news beside the order is not filed as a report of either incident
            said.append("（消息中的其余内容没有作为报告登记；如有新情况，请单独发送。）" if zh else
                        "(The rest of the message was not filed as a report; send news of the incident on its own.)")
        return " ".join(said), proposals

    def _move_target(self, turn: _Turn, text: str, move: Any, open_ids: set[str], sources: set[str]) -> tuple[str | None, str]:
        """(the open incident units are moved or sent to, "") or (None, what to ask): the one id written that is no
        unit's own incident, else "it" / "there" (the session's), else the incident the words after "to" name by place
        (``same_place``) or describe by kind (``described_incident``); never an incident a unit leaves."""
        a = self.assistant
        zh = has_han(text)
        named = [i for i in incident_ids(text) if i not in sources]
        if named:
            shut = [i for i in named if i not in open_ids]
            named = [i for i in named if i in open_ids]
            if len(named) == 1:
                return named[0], ""
            if shut and not named:
                return None, (f"{shut[0]} 不是未结事件，没有任何变化。" if zh else f"{shut[0]} is not an open incident; nothing was changed.")
            return None, ("一条消息只能把单位调往一个事件：请写明事件编号。" if zh else
                          f"Several incidents named ({', '.join(named)}): name the one the units go to.")
        current = self._current(turn)
        words = move.target_words
        if move.here and (not words or re.fullmatch(r"(?:it|there|over there|dit|sinne)\W*", words, re.IGNORECASE) or zh):
            if current in open_ids and current not in sources:
                return current, ""
        if not words:
            return None, ""
        candidates = [i for i in open_ids if i not in sources]
        place = a._filer.report_place(words)
        if place is not None and place.lat is not None:
            here = [i for i in candidates if (p := self._incident_point(i)) is not None and p.lat is not None and same_place(place, p)]
            if len(here) == 1:
                return here[0], ""
            if current in here:
                return current, ""
            if here:
                listed = "; ".join(f"{i} ({a._filer.describe(i)})" for i in sorted(here)[:5])
                return None, (f"多个未结事件在该地点（{listed}）：请写明事件编号。" if zh else
                              f"Several open incidents are there ({listed}): name the one by its id (INC-…).")
        incidents = [i for i in a._store.list_incidents(status="open") if i.incident_id in candidates]
        found, ask = described_incident(words, incidents, current,
                                        lambda i: getattr(a._filer.incident_place(i), "name", "") or "")
        return found, ask

    def _proposals_reply(self, turn: _Turn, said: str, proposals: list[Proposal]) -> Iterator[ChatEvent]:
        """A turn answered without the tool agent that filed any number of proposals, each listed to confirm."""
        if not proposals:
            yield from self._reply(turn, said)
            return
        zh = has_han(turn.asked)
        said += f"\n\n{awaiting_heading(zh)}" + "".join(f"\n- {p.summary} ({p.proposal_id})" for p in proposals)
        self.state.pending.extend(proposals)
        yield ChatEvent(kind="final", text=said, proposals=proposals)
        self._say(turn, "assistant", said)
        self._end(turn)

    def _proposed_reply(self, turn: _Turn, said: str, proposal: Proposal | None, zh: bool | None = None,
                        also: Proposal | None = None) -> Iterator[ChatEvent]:
        """A turn answered without the tool agent that filed a proposal (or none: then only what ``said`` says), in the
        language of ``said`` unless ``zh`` says; ``also``: a second proposal of the same turn."""
        if proposal is None and also is None:
            yield from self._reply(turn, said)
            return
        zh = detect_language(said) == "zh" if zh is None else zh
        filed = [p for p in (proposal, also) if p is not None]
        said += f"\n\n{awaiting_heading(zh)}\n" + "\n".join(f"- {p.summary} ({p.proposal_id})" for p in filed)
        self.state.pending += filed
        yield ChatEvent(kind="final", text=said, proposals=filed)
        self._say(turn, "assistant", said)
        self._end(turn)

    def _propose_here(self, turn: _Turn, action: str, args: dict[str, Any], incident_id: str | None = None) -> Proposal:
        """A proposal the chat files itself (not through a tool), in the operator's name; InputError says why not."""
        return self.assistant.propose(action, args, incident_id=incident_id or self._current(turn), operator=self.operator,
                                      origin="assistant")

    def _finish(self, turn: _Turn, checked: CheckedText, event: ChatEvent, results: list[ToolResult],
                flagged: dict[str, Any] | None) -> None:
        """The final event: the turn's proposals, where its reports went, and the plan put together from its tools."""
        a = self.assistant
        event.proposals = [*turn.proposed, *(p for r in results for p in r.proposals)]
        if flagged:
            event.security = dict(flagged)
        zh = asks_in_chinese(turn.asked)
        if turn.incident_id is not None and (turn.opened or turn.moved):
            # only a session that follows its reports (eca chat) moves on; others stay on their incident
            now_on = self._current(turn) if self.config.follow_reports else turn.incident_id
            event.text = _opened_note(turn.opened, turn.moved, turn.incident_id, now_on, zh, turn.closed, turn.named) \
                + "\n\n" + event.text
        elif turn.closed and turn.opened:  # no session incident: only what was closed is said
            event.text = _closed_note(turn.closed, zh) + "\n\n" + event.text
        if turn.joined:  # said whatever the session's incident: the operator must know another desk has this one
            event.text = _joined_note(turn.joined) + "\n\n" + event.text
        if event.proposals:
            event.text += f"\n\n{awaiting_heading(zh)}\n" + "\n".join(f"- {p.summary} ({p.proposal_id})" for p in event.proposals)
        incident = self._current(turn)
        plan = plan_from_tool_results(checked.text, results, event.citations, incident)
        if plan is not None and plan.incident_id is not None and plan.incident_id == incident \
                and self._evacuates_elsewhere(plan, incident):
            # an evacuation of another place is not this incident's (s16 trial H5: a district flood evacuation
            # approved under an ice rescue held its shelter places there, and closing the ice rescue freed them)
            plan.incident_id = None
            event.text += (f"\n\nThis evacuation is not of {incident}'s place, so it is not filed under {incident}: "
                           f"approving it opens its own incident.")
        if plan is not None:  # a full plan has them already (_response_plan); one put together from parts not
            added = [w for w in a._situation.plan_proposal_warnings(plan) if w not in plan.warnings]
            plan.warnings += added
            event.text += "".join(f"\n\n⚠ {w}" for w in added)
            a._store.save_plan(plan, self.operator)
            event.plan = plan
        self.state.pending += event.proposals

    def _end(self, turn: _Turn) -> None:
        """File the turn's messages, and move the session on to the incident its reports went to."""
        self._file_unfiled(turn)
        for plan in turn.filed:
            if plan.incident_id:
                self.state.incidents = [i for i in self.state.incidents if i != plan.incident_id] + [plan.incident_id]
        if turn.filed and (self.state.current is None or self.config.follow_reports):
            self.state.current = self._current(turn)

    # --- the turn's parts ------------------------------------------------------------------------------
    def _say(self, turn: _Turn, role: str, text: str) -> None:
        """The turn's messages, under the session's incident, else once one exists."""
        if turn.incident_id is not None:
            self.assistant._store.add_message(turn.incident_id, role, text, self.operator)
        else:
            turn.said.append((role, text))

    def _file_unfiled(self, turn: _Turn) -> None:
        store = self.assistant._store
        home = turn.filed[0].incident_id if turn.filed else None  # a session with no incident: where its report went
        for role, text in turn.said:
            if home is not None:
                store.add_message(home, role, text, self.operator)
            else:
                store.log_event(None, "chat_message", {"role": role, "content": text[:2000]}, self.operator)
        turn.said.clear()

    @staticmethod
    def _current(turn: _Turn) -> str | None:
        """Orders after a report in the same turn are about its incident."""
        return turn.filed[-1].incident_id if turn.filed else turn.incident_id

    def _plan_report(self, turn: _Turn, triage: Any, report: str) -> ResponsePlan:
        """The same path as ``Assistant.plan``: stored triage, corrections, logged; filed under the right incident."""
        a = self.assistant
        # the type the words contradict yields to theirs (agent.hazards.reconciled_triage), as the router's arguments do;
        # the same reading as every other path that plans a report (``Assistant.report_triage``)
        checked_report = screen_text(report, what="report")
        reconciled = a.report_triage(triage)
        others = self.state.incidents if self.config.follow_reports else ()
        if turn.address is not None and turn.address[1] and turn.incident_id is not None:
            # the answer to "confirm the address" is the incident's place, whatever the triage model reads in an address
            target = turn.incident_id
        elif (crew := self._crew_of(turn, checked_report.text)) is not None:
            # a crew's update from its scene ("ERO-E1 arrived: kitchen fire on the 2nd floor") is its incident's report,
            # whichever incident the desk is on (it was planned as a follow-up of the desk's road crash)
            target = crew[1]
        else:
            target = self._report_target(turn, checked_report.text, reconciled, others)
        crew = self._crew_of(turn, checked_report.text)
        elsewhere = None
        if target is None and self.config.join_open_within_h > 0 and not asks_new_incident(checked_report.text):
            # not a new incident when another desk has it open, unless the operator said it is one
            elsewhere = a._filer.open_incident_at(checked_report.text, reconciled(checked_report.text).incident_type,
                                                  within_h=self.config.join_open_within_h,
                                                  exclude=[*self.state.incidents, *(p.incident_id for p in turn.filed)])
            target = elsewhere.incident_id if elsewhere else None
        told = ""
        planned, triage_as = None, reconciled
        retyped = None  # (the incident's type, the type the caller corrects it to)
        if elsewhere is not None:  # filed there as a report only: that desk's incident keeps its type and priority
            told = a._filer.file_under_other_desk(elsewhere, checked_report.text,
                                                  to_triage_summary(reconciled(checked_report.text)), self.operator)
        else:  # a follow-up of this session's incident: planned from all its reports (agent.follow_up)
            planned, triage_as, retyped = self._follow_up_reading(checked_report, target, reconciled)
        # a follow-up never changes its incident's record unconfirmed: a corrected type, or a higher priority it reads
        # as, is proposed (trial 18 H5: a report of another scene raised a care home to P1 as a "follow-up")
        follow_up = planned is not None
        plan = a._response_plan(checked_report, target, self.operator, narrative=False, triage=triage_as,
                                incident_place=self._follow_up_place(checked_report.text, target), planned=planned,
                                raise_incident=retyped is None and not follow_up,  # a corrected type or a raise changes the record once confirmed
                                source=crew[0] if crew is not None and target == crew[1] else None)
        say_model_reading(plan, triage(checked_report.text))
        if follow_up and retyped is None and target is not None:
            self._propose_raise(turn, plan, target)
        if retyped is not None and target is not None:
            # the plan's report text as it was reported (the planner read it without the hazard taken back)
            plan.report = accumulated_report(checked_report.text, a._store.report_texts(target))
            self._propose_retype(turn, plan, target, retyped[0])
        if elsewhere is not None:
            turn.joined.append((plan, elsewhere, told))
        elif target is None:
            turn.opened.append(plan)
        elif target != turn.incident_id:
            turn.moved.append(plan)
        turn.filed.append(plan)
        return plan

    def _report_target(self, turn: _Turn, text: str, triage: Any, others: Sequence[str]) -> str | None:
        """The incident a report is filed under (None: a new one).  The operator's word comes first: "Open a new
        incident: …" opens one; a report headed by an open incident's id ("INC-7: two more hurt") goes to it.  A closed
        incident gets nothing (trial 18 H3: a report went into the session's just-closed incident, and one headed by a
        closed incident's id into another open one): the report opens its own, and the reply says the named one is
        closed.  Else its place and hazard decide (``ReportFiler.incident_for_report``)."""
        store = self.assistant._store
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
        return self.assistant._filer.incident_for_report(text, turn.incident_id, triage, others)

    def _follow_up_reading(self, checked: CheckedText, target: str | None,
                           triage: Any) -> tuple[CheckedText | None, Any, tuple[str, str] | None]:
        """What a report filed under an incident that has reports already is planned from (``agent.follow_up``): all
        its reports, and the incident's type with a priority that only rises.  A new incident: the report alone.
        A follow-up that corrects the incident's hazard (``agent.type_correction``) is planned for the new type, from
        the earlier reports without their clauses of the hazard taken back; the third value is (old type, new type)."""
        store = self.assistant._store
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

    def _propose_raise(self, turn: _Turn, plan: ResponsePlan, incident_id: str) -> None:
        """A follow-up whose plan reads a higher priority than its incident's (or a type where it had none): the change
        is proposed (``retype_incident``, audited, applied on confirmation), and the plan says so first."""
        incident = self.assistant._store.get_incident(incident_id)
        read = plan.triage
        if read is None or (incident.priority is not None and priority_rank(read.priority) >= priority_rank(incident.priority)):
            return
        kind = incident.incident_type if incident.incident_type not in (None, NOT_INCIDENT) else read.incident_type
        waiting = [p for p in self.assistant.pending_proposals(incident_id) if p.action == "retype_incident"
                   and priority_rank(str(p.args.get("priority") or "P4")) <= priority_rank(read.priority)]
        if waiting:  # asked already (the operator's own "it is P1" this turn, or an earlier report): not twice
            plan.warnings.insert(0, f"This report suggests {read.priority} for {incident_id} (now {incident.priority}): "
                                    f"{waiting[0].proposal_id} already proposes it; its record is unchanged until confirmed.")
            return
        try:
            proposal = self.assistant.propose(
                "retype_incident", {"incident_id": incident_id, "incident_type": kind, "priority": read.priority,
                                    "reason": f"a follow-up report reads as {read.priority}: {plan.report.splitlines()[-1][:100] if plan.report else ''}"},
                incident_id=incident_id, operator=self.operator, origin="assistant")
        except InputError as exc:  # the incident was closed meanwhile, or the record says so already
            plan.warnings.append(f"This report suggests {read.priority} for {incident_id}; no change was proposed: {exc}")
            return
        turn.proposed.append(proposal)
        plan.warnings.insert(0, f"This report suggests {read.priority} for {incident_id} (now {incident.priority or 'none'}): "
                                f"confirm {proposal.proposal_id} to raise it; its record is unchanged until then.")

    def _propose_retype(self, turn: _Turn, plan: ResponsePlan, incident_id: str, was: str) -> None:
        """The corrected type (and the plan's priority) proposed for the incident's record; the plan says so."""
        if plan.triage is None:
            return
        now = plan.triage.incident_type
        try:
            proposal = self.assistant.propose(
                "retype_incident", {"incident_id": incident_id, "incident_type": now, "priority": plan.triage.priority,
                                    "reason": CORRECTION_SOURCE},
                incident_id=incident_id, operator=self.operator, origin="assistant")
        except InputError as exc:  # ProposalError: the record already says so, or the incident was closed meanwhile
            plan.warnings.append(f"Type changed from {was} to {now} on the caller's correction; the incident's record is not "
                                 f"changed: {exc}")
            return
        turn.proposed.append(proposal)
        plan.warnings.insert(0, f"Type changed from {was} to {now} on the caller's correction: this plan is made for {now}. "
                                f"The incident's record changes when you confirm {proposal.proposal_id} ({proposal.summary}).")

    def _follow_up_place(self, text: str, target: str | None) -> ReportPlace | None:
        """Where a follow-up filed under an open incident is when it names no place of its own ("the car is now on
        fire", "现在车着火了"): the incident's place.  Read by the planner from the words instead, it would be
        unlocated, or the destination of a movement ("smoke drifting to Kamppi") would become the incident's place."""
        filer = self.assistant._filer
        if target is None or filer.report_place(text) is not None:
            return None
        there = filer.incident_place(target)
        return there if there is not None and there.lat is not None else None

    def _evacuates_elsewhere(self, plan: ResponsePlan, incident_id: str) -> bool:
        """The plan is an evacuation whose hazard area lies away from the incident's place (``same_place``: the two
        areas' extents plus the slack apart).  Unknown places: no."""
        evacuation = (plan.tool_outputs or {}).get("plan_evacuation") or {}
        area = hazard_area(evacuation.get("hazard") or {})
        there = self.assistant._filer.incident_place(incident_id)
        if area is None or there is None or (there.lat is None and not there.outside_map):
            return False  # an incident placed off the map is never at a place of the map (``same_place``)
        return not same_place(area, there)

    def _propose(self, turn: _Turn, action: str, args: dict[str, Any]) -> Proposal:
        """The tools only ever propose."""
        return self.assistant._proposals.propose(action, args, incident_id=self._current(turn), origin="assistant",
                                                 operator=self.operator)

    def _close_calls(self, turn: _Turn, text: str) -> list[dict[str, Any]] | None:
        """"close this incident", "关闭INC-7，与INC-3重复": a close proposal of the incident named, else the session's
        (``agent.close_request``); never a report, which would open an incident of its own."""
        asked = close_request(text)
        if asked is None or (asked.described and asked.incident_id is None):  # described: answered before the tools
            return None
        incident_id = asked.incident_id or self._current(turn)
        return [{"name": "close_incident", "args": {"incident_id": incident_id} if incident_id else {}}]

    def _send_here_calls(self, turn: _Turn, text: str) -> list[dict[str, Any]] | None:
        """"dispatch ERO-R1 to this incident", "把KAI-A1派到这个事件": each unit named proposed as dispatched to the
        session's incident, not the unit id looked up as a place."""
        incident = self._current(turn)
        described = sent_here_description(text) if incident is not None else None
        if incident is None or described is None or not self._describes_incident(incident, described):
            return None
        units = canonical_unit_ids(text, list(self.assistant._city.unit_status()))
        return [{"name": "set_unit_status", "args": {"unit_id": unit, "status": "dispatched"}} for unit in units] or None

    def _describes_incident(self, incident_id: str, described: str) -> bool:
        """Can the words of "add ERO-H1 to the Kamppi metro gas alarm" ("Kamppi metro gas") be the session's incident: no
        place they name lies elsewhere, and no hazard they name is another type than the incident's.  Other words are
        another incident's, left to the dispatch planner and its binding (``agent.dispatch_target``)."""
        if not described:
            return True
        named = self.assistant._city.gazetteer.find_in_text(described)
        there = self._incident_point(incident_id)
        if named and (there is None or not all(same_place(ReportPlace(p.lat, p.lon, float(p.radius_m or 0.0), name=p.name), there)
                                               for p in named)):
            return False
        if not named and not described_only(described):
            return False  # a name the map lacks ("the Kallio gas alarm"): not shown to be this incident's
        hazard = hazard_from_words(described)
        kind = self.assistant._incident_type(incident_id)
        return hazard is None or kind is None or hazard == kind

    def _evacuation_centre(self, turn: _Turn, args: Any) -> tuple[Any, str | None]:
        """An evacuation's arguments completed from the session: its centre (``_centred``), the hazard of the incident it
        is for when the order named none (``_incident_hazard``), and the shelters the operator's message rules out
        (``agent.shelter_exclusions``); with what the plan says of each."""
        args, centred = self._centred(turn, args)
        args, hazard = self._incident_hazard(turn, args)
        args = self._building(turn, args)
        ruled_out = [s for s in excluded_shelters(turn.asked, self.assistant._city) if s not in args.exclude_shelters]
        if ruled_out:
            args = args.model_copy(update={"exclude_shelters": [*args.exclude_shelters, *ruled_out]})
        notes = [n for n in (centred, hazard) if n]
        return args, " ".join(notes) or None

    def _incident_hazard(self, turn: _Turn, args: Any) -> tuple[Any, str | None]:
        """An evacuation that names no hazard, at the session's incident's place, is of that incident's hazard (trial 17
        T38: "H2S ... evacuate 300 m around the metro station" on the gas-alarm incident was planned 'unspecified',
        and the railway station its hazmat annex forbids was filled). Elsewhere the hazard stays unspecified."""
        incident = self._current(turn)
        if args.hazard_type != UNSPECIFIED_HAZARD:
            return args, None
        centre = self._evacuation_point(args)
        kind = self.assistant._incident_type(incident) if incident is not None else None
        there = self._incident_point(incident) if incident is not None and kind in HAZARD_TYPES else None
        if there is not None and centre is not None and same_place(centre, there):
            return (args.model_copy(update={"hazard_type": kind}),
                    f"Hazard taken from {incident}: {kind.replace('_', ' ')} (the order named none); shelters checked against it.")
        # the hazard the order's own words name ("the storm took the roof"), else that of the one open incident at its
        # place while the session is on another (trial 18 H7: planned 'unspecified', a shelter unsuitable in a storm used)
        said = hazard_from_words(turn.asked)
        if said in HAZARD_TYPES:
            return args.model_copy(update={"hazard_type": said}), f"Hazard read from the order: {said.replace('_', ' ')}; shelters checked against it."
        if centre is None:
            return args, None
        kinds = {i: self.assistant._incident_type(i) for i in self._incidents_at(centre)}
        if len(set(kinds.values())) == 1 and (only := next(iter(kinds.values()))) in HAZARD_TYPES:
            named = next(iter(kinds))
            return (args.model_copy(update={"hazard_type": only}),
                    f"Hazard taken from {named} at that place: {only.replace('_', ' ')} (the order named none); shelters checked against it.")
        return args, None

    def _building(self, turn: _Turn, args: Any) -> Any:
        """An order for one building (``agent.building_evacuation``) moves its occupants: the number the order gives,
        else the building estimate the plan of an open incident there computed (``plan_protective_action``); a small
        hazard circle round the building (a shelter inside it is not used).  Any other order is left as it is."""
        if args.occupants or args.zones or not building_order(turn.asked):
            return args
        people, basis = occupants_said(turn.asked), "the number the order gave"
        if people is None:
            people, basis = self._building_estimate(args), "the building estimate of the incident's plan"
        if not people:
            return args
        update = {"occupants": people, "occupants_basis": basis, "radius_m": min(args.radius_m, _BUILDING_RADIUS_M)}
        # the building's own address where the order gives one the map pins (a street's middle read as the place
        # would miss the building, and a shelter inside it would be used)
        found = self.assistant._filer.report_place(turn.asked)
        centre = self._evacuation_point(args)
        if found is not None and found.lat is not None and found.radius_m <= _BUILDING_RADIUS_M \
                and (centre is None or centre.radius_m > found.radius_m):
            update.update({"place": None, "lat": found.lat, "lon": found.lon, "building": found.name})
        return args.model_copy(update=update)

    def _building_estimate(self, args: Any) -> int | None:
        """The occupants the response plan of an open incident at the order's place counted for evacuating its building."""
        centre = self._evacuation_point(args)
        if centre is None:
            return None
        for incident in self._incidents_at(centre):
            for plan in self.assistant._store.plans(incident):
                protective = (plan.tool_outputs or {}).get("plan_protective_action") or {}
                if protective.get("primary") == "evacuate_building" and int(protective.get("people_moved") or 0) > 0:
                    return int(protective["people_moved"])
        return None

    def _incidents_at(self, centre: ReportPlace) -> list[str]:
        """The open incidents at ``centre`` (``same_place``), the session's first."""
        found = [i.incident_id for i in self.assistant._store.list_incidents(status="open")
                 if (p := self._incident_point(i.incident_id)) is not None and p.lat is not None and same_place(centre, p)]
        current = self.state.current
        return sorted(found, key=lambda i: i != current)

    def _incident_point(self, incident_id: str) -> ReportPlace | None:
        """Where the incident is, an unconfirmed place included (a sensor alert placed in its district, ± 280 m): its
        latest plan's location, else ``incident_place``."""
        for plan in self.assistant._store.plans(incident_id):
            found = (plan.tool_outputs or {}).get("locate") or {}
            if found.get("lat") is not None and found.get("lon") is not None:
                return ReportPlace(float(found["lat"]), float(found["lon"]), float(found.get("radius_m") or 0.0),
                                   name=str(found.get("place") or ""))
        return self.assistant._filer.incident_place(incident_id)

    def _evacuation_point(self, args: Any) -> ReportPlace | None:
        """The centre an evacuation's arguments give (a point, or a place the map resolves), or None."""
        if args.lat is not None and args.lon is not None:
            return ReportPlace(float(args.lat), float(args.lon))
        if not args.place:
            return None
        try:
            found = self.assistant._city.gazetteer.resolve(args.place)
        except LookupError:
            return None
        return ReportPlace(found.lat, found.lon, float(found.radius_m or 0.0), name=found.name)

    def _centred(self, turn: _Turn, args: Any) -> tuple[Any, str | None]:
        """"疏散酒店周围的人", "evacuate the guests": an evacuation that names no place of the map, or only describes the
        incident, is centred on the session's incident, and the plan says so; a name the map lacks stays (the planner
        answers with its suggestions), and with no incident there is nothing to centre it on."""
        incident = self._current(turn)
        if incident is None or args.lat is not None or (args.place and not described_only(args.place)):
            return args, None
        filer = self.assistant._filer
        if args.place and filer.report_place(args.place) is not None:
            return args, None
        where = filer.incident_place(incident)
        if where is None or where.lat is None:
            return args, None
        said = f"'{args.place}' is no place on the map: " if args.place else "No place named: "
        at = f" ({where.name})" if where.name else ""
        return (args.model_copy(update={"place": None, "lat": where.lat, "lon": where.lon}),
                f"{said}the evacuation is centred on {incident} at its place{at}.")

    def _agent(self, turn: _Turn, triage: Any, text: str = "") -> ChatAgent:
        a, settings = self.assistant, self.assistant.settings
        tools = build_tools(a._city, a._passages, lambda report: self._plan_report(turn, triage, report), a._situation,
                            lambda action, args: self._propose(turn, action, args),
                            lambda args: bind_dispatch(args, self._current(turn), a._store, a._filer.report_place,
                                                       a._filer.incident_place, a._on_scene, turn.crew_incident),
                            lambda args: self._evacuation_centre(turn, args), lambda: self._current(turn),
                            lambda: time_of_day(text, a._planner.config.clock(), a._planner.config.time_zone))
        return ChatAgent(
            a.backend, tools, a._router,
            lambda text, prediction: (self._address_calls(turn, text) or self._close_calls(turn, text)
                                      or unit_filter_calls(text)  # "P1s with no unit?": the filtered list, no order read
                                      or self._send_here_calls(turn, text)
                                      or _question_calls(text, prediction, triage)
                                      or a._stand_down_calls(text) or fallback_calls(text, prediction, a._city, triage, a._router,
                                                                                     a._incident_type)),
            a._grounding,
            AgentConfig(max_steps=settings.agent_max_steps, time_budget_s=settings.agent_time_budget_s,
                        llm_budget_s=settings.llm_timeout_s, tools_reserve_s=settings.agent_tools_reserve_s,
                        llm_tool_calls="always" if a.backend.native_tools else "when_unsure",
                        trajectory_dir=settings.data_dir / "trajectories" / (turn.incident_id or "no-incident"),
                        tool_caller=a._lora_tool_caller()),
        )


# The hazard circle of a one-building evacuation: the building and its doorstep (a shelter in it is not used).
_BUILDING_RADIUS_M = 50.0

# Said under the place shown for an address given alone, when no incident waits for one.
_ADDRESS_ALONE = {False: "\n\nWhat happened there? Send the report (what, who is hurt) and it is planned at this address.",
                  True: "\n\n那里发生了什么？请发送报告（发生了什么、伤者情况），将按此地址制定方案。"}


def _question_calls(text: str, prediction: Any, triage: Any) -> list[dict[str, Any]] | None:
    """A question the router would plan as a report, and in which the triage model reads no incident ("who leads at a
    mass casualty incident"): searched in the plans, as it is outside an incident, never planned (a not_incident plan
    on an open incident replaced its plan)."""
    if prediction.intent != "incident_report" or not is_question(text) or triage(text).incident_type != "not_incident":
        return None
    return [{"name": "search_plans", "args": {"query": text[:500]}}]


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


def _joined_note(joined: list[tuple[ResponsePlan, OpenElsewhere, str]]) -> str:
    """What the reply says first when a report went to an incident another desk has open at its place."""
    said = []
    for plan, other, told in joined:
        kind = (other.incident_type or "incident").replace("_", " ")
        said.append(f"Same place as {other.incident_id} ({kind}, opened by {other.opened_by} at {other.opened_at[11:16]} UTC): "
                    f"filed there, not as a new incident. If it is a separate incident, press New incident and send "
                    f"the report again (in the terminal: `eca plan`, or start a new `eca chat`) to open its own." + (f" {told}" if told else ""))
    return " ".join(said)


def _closed_note(closed: Sequence[str], zh: bool) -> str:
    """What the reply says of closed incidents a report was about: nothing is filed under them, it opened its own."""
    ids = ", ".join(dict.fromkeys(closed))
    if zh:
        return f"{ids} 已关闭（已结案）：已结事件不再登记报告，此报告已新开事件。"
    return f"{ids} is closed: nothing is filed under a closed incident, so this report opened its own."


def _opened_note(opened: list[ResponsePlan], moved: list[ResponsePlan], session_incident: str, now_on: str | None,
                 zh: bool = False, closed: Sequence[str] = (), named: Sequence[str] = ()) -> str:
    """What the reply says first when a report opened its own incident or went to another of the session's: which
    one, for what, that the session's incident is still open (nothing of it was overwritten), and which incident the
    session continues on (its next follow-ups and orders go there)."""
    def what(plan: ResponsePlan) -> str:
        kind = f"{plan.triage.priority} {plan.triage.incident_type.replace('_', ' ')}" if plan.triage else "the report"
        return f"{kind} at {plan.location}" if plan.location else kind

    if zh:
        return _opened_note_zh(opened, moved, session_incident, now_on, what, closed, named)
    said = [_closed_note(closed, zh)] if closed else []
    if opened:
        news = ", ".join(f"{plan.incident_id} for {what(plan)}" for plan in opened)
        # a report about a closed incident opens its own for that reason alone (said first), not for its place or hazard
        why = "" if closed else " (a different place or hazard, or asked as new)"
        said.append(f"Opened {news}" + ("." if session_incident in closed else f"{why}; {session_incident} stays open."))
    for plan in moved:
        said.append(f"Filed under {plan.incident_id} ({what(plan)}): " + ("the incident the message names." if plan.incident_id in named else
                                                                        "the same place as that incident, or what it says fits that one."))
    if now_on and now_on != session_incident:
        said.append(f"This session now continues on {now_on}.")
    return " ".join(said)


def _opened_note_zh(opened: list[ResponsePlan], moved: list[ResponsePlan], session_incident: str, now_on: str | None,
                    what: Any, closed: Sequence[str] = (), named: Sequence[str] = ()) -> str:
    """``_opened_note`` for an operator who writes in Chinese (the incident's type and place stay as recorded)."""
    said = [_closed_note(closed, True)] if closed else []
    if opened:
        news = "，".join(f"{plan.incident_id}（{what(plan)}）" for plan in opened)
        why = "" if closed else "（地点或危险不同，或按要求新开）"
        said.append(f"已新开事件 {news}" + ("。" if session_incident in closed else f"{why}；{session_incident} 仍未结。"))
    for plan in moved:
        said.append(f"已归入 {plan.incident_id}（{what(plan)}）：" + ("消息中指明的事件。" if plan.incident_id in named else
                                                                   "与该事件地点相同，或内容与该事件相符。"))
    if now_on and now_on != session_incident:
        said.append(f"本会话现在继续处理 {now_on}。")
    return "".join(said)
