"""`eca chat` shows only the checked answer (trial 16, H6): the LLM's streamed draft is not printed, because the
grounding check may withhold its sentences and a terminal cannot take back what it printed.

FAKE ASSISTANT, on purpose: the event stream is the contract between the agent and the CLI; a small LLM that
invents "multiple fatalities" cannot be provoked on demand, so the stream a real turn produced is replayed."""

from __future__ import annotations

import io
import sys

from agent.schemas import ChatEvent
from ui.cli import main

INVENTED = "The situation has been described as a severe wave attack with multiple fatalities."
CHECKED = ("Flooding at Kauppatori: 2 cars trapped, one person inside.\n\n⚠ 1 sentence(s) of the LLM answer were not "
           "supported by the tool outputs and were withheld")


class _Assistant:
    def incident(self, incident_id):
        return incident_id

    def chat(self, message, incident, session_incidents=()):
        for word in INVENTED.split(" "):
            yield ChatEvent(kind="token", text=word + " ")
        yield ChatEvent(kind="final", text=CHECKED)


def test_eca_chat_prints_the_checked_answer_and_never_the_unchecked_draft(monkeypatch, capsys):
    import agent.commands

    monkeypatch.setattr(agent.commands, "build_assistant", lambda args: _Assistant())
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(
        "Kauppatori waterfront flooding, 2 cars trapped\n卡乌帕集市码头进水，两辆车被困\n".encode()), encoding="utf-8"))
    assert main(["chat", "--incident", "INC-1"]) == 0
    out = capsys.readouterr().out
    assert "fatalities" not in out and "severe wave" not in out
    assert out.count("Flooding at Kauppatori: 2 cars trapped") == 2 and "withheld" in out
