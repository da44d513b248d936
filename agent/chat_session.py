"""A chat session: one operator's conversation, turn by turn, over the incidents it has opened.

One class in the spirit of mini-swe-agent's ``DefaultAgent``: a config dataclass with sane defaults and explicit state
(the session's incidents, the incident it is on, the proposals it filed that wait for a decision).  A turn screens the
message and walks the turn's steps in their order of precedence (``agent.turn_steps.STEPS``: address answers, unreadable
text, corrections, incident requests, the safety screen, plan orders, unit moves, merges, closes, data gaps,
non-emergencies); the first that answers ends the turn, and the last, the tool agent (``agent.loop.ChatAgent``),
answers the rest, filing each report it plans under the right incident (``agent.report_filing``).  This module keeps
the session's state and its replies; ``Assistant.chat`` runs one turn of a session made for it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from agent.answer_language import awaiting_heading, proposal_line, in_language
from agent.incident_scope import ReportPlace
from agent.safety import CheckedText, screen_text
from agent.schemas import ChatEvent, Proposal
from agent.turn_steps import STEPS, current_incident
from agent.turn_steps import Turn as _Turn
from agent.turn_steps.filing import say_model_reading
from agent.turn_steps.notes import joined_note as _joined_note
from agent.turn_steps.notes import opened_note as _opened_note
from agent.turn_steps.screening import address_only
from agent.turn_steps.tool_calls import question_calls as _question_calls
from core.errors import InputError
from core.text import detect_language, has_han

# ``_joined_note``, ``_opened_note``, ``_question_calls`` and ``say_model_reading`` live in ``agent.turn_steps`` since
# session 19's split; kept importable from here (tests and ``agent.assistant`` import them from this module).

__all__ = ["ChatSession", "ChatSessionConfig", "ChatSessionState", "_joined_note", "_opened_note", "_question_calls",
           "say_model_reading"]


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
        """The turn's steps in their order of precedence (``agent.turn_steps.STEPS``): the first that answers the
        message ends the turn; the tool agent's turn answers whatever is left."""
        a = self.assistant
        try:
            checked = screen_text(message)
        except InputError as exc:
            yield ChatEvent(kind="error", text=str(exc))
            return
        a._follow_units()  # statuses confirmed in another process hold before this turn's board or dispatch
        turn = _Turn(self.state.current, checked.text, checked=checked)
        if turn.incident_id is not None:
            a._store.get_incident(turn.incident_id)
            turn.history = a._store.chat_history(turn.incident_id)
        self._say(turn, "user", checked.text)
        for step in STEPS:
            reply = step(self, turn)
            if reply is not None:
                yield from reply
                return

    def _address_only(self, checked: CheckedText, incident_id: str | None) -> tuple[str, ReportPlace | None, bool] | None:
        """``agent.turn_steps.screening.address_only`` of this session."""
        return address_only(self, checked, incident_id)

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

    def _proposals_reply(self, turn: _Turn, said: str, proposals: list[Proposal]) -> Iterator[ChatEvent]:
        """A turn answered without the tool agent that filed any number of proposals, each listed to confirm."""
        if not proposals:
            yield from self._reply(turn, said)
            return
        zh = has_han(turn.asked)
        said += f"\n\n{awaiting_heading(zh)}" + "".join("\n" + proposal_line(p.summary, p.proposal_id, zh) for p in proposals)
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
        said += f"\n\n{awaiting_heading(zh)}\n" + "\n".join(proposal_line(p.summary, p.proposal_id, zh) for p in filed)
        self.state.pending += filed
        yield ChatEvent(kind="final", text=said, proposals=filed)
        self._say(turn, "assistant", said)
        self._end(turn)

    def _propose_here(self, turn: _Turn, action: str, args: dict[str, Any], incident_id: str | None = None) -> Proposal:
        """A proposal the chat files itself (not through a tool), in the operator's name; InputError says why not."""
        return self.assistant.propose(action, args, incident_id=incident_id or self._current(turn), operator=self.operator,
                                      origin="assistant")

    def _end(self, turn: _Turn) -> None:
        """File the turn's messages, and move the session on to the incident its reports went to."""
        self._file_unfiled(turn)
        for plan in turn.filed:
            if plan.incident_id:
                self.state.incidents = [i for i in self.state.incidents if i != plan.incident_id] + [plan.incident_id]
        if turn.filed and (self.state.current is None or self.config.follow_reports):
            self.state.current = self._current(turn)

    _current = staticmethod(current_incident)  # orders after a report in the same turn are about its incident

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
                # whole: a refused message is evidence, and the input check already bounds its length
                store.log_event(None, "chat_message", {"role": role, "content": text}, self.operator)
        turn.said.clear()

    def _propose(self, turn: _Turn, action: str, args: dict[str, Any]) -> Proposal:
        """The tools only ever propose."""
        return self.assistant._proposals.propose(action, args, incident_id=self._current(turn), origin="assistant",
                                                 operator=self.operator)


