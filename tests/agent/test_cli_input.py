"""`eca plan -`, `eca triage -` and `eca chat` with bad standard input or a bad incident id: one error line, exit 2,
no traceback (the checks run before the slow assistant load where they can)."""

from __future__ import annotations

import io
import sys

import pytest

from ui.cli import main


def _stdin(monkeypatch, raw: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))


@pytest.mark.parametrize("argv, raw, says", [
    (["plan", "-", "--no-summary"], b"fire \xff\xfe at Kamppi", "standard input is not UTF-8 text"),
    (["plan", "-", "--no-summary"], bytes(range(256)) * 4, "standard input is not UTF-8 text"),
    (["plan", "-", "--no-summary"], b"   \n", "report is empty"),
    (["triage", "-"], b"", "standard input holds no report"),
    (["triage", "-"], b"fire \xff at Kamppi\n", "standard input is not UTF-8 text"),
])
def test_bad_standard_input_is_one_error_line(monkeypatch, capsys, argv, raw, says):
    import agent.commands

    def no_assistant(args):  # the check comes first: nothing slow is loaded for bad input
        raise AssertionError("the assistant was loaded for bad input")

    monkeypatch.setattr(agent.commands, "build_assistant", no_assistant)
    _stdin(monkeypatch, raw)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


class _Assistant:
    """Enough of the assistant for the terminal loop: a known incident, and chat answering through the real check."""

    def __init__(self):
        self.seen: list[str] = []

    def incident(self, incident_id):
        from agent.store import UnknownIncidentError

        if incident_id != "INC-1":
            raise UnknownIncidentError(f"no incident with id {incident_id!r}")

    def open_incident(self, title):
        raise AssertionError("an incident was given")

    def chat(self, message, incident_id, session_incidents=()):
        from agent.schemas import ChatEvent
        from agent.safety import InputError, screen_text

        try:
            self.seen.append(screen_text(message).text)
        except InputError as exc:
            yield ChatEvent(kind="error", text=str(exc))
            return
        yield ChatEvent(kind="final", text="noted")


def test_eca_chat_with_an_unknown_incident_or_a_line_that_is_not_utf8(monkeypatch, capsys):
    import agent.commands

    fake = _Assistant()
    monkeypatch.setattr(agent.commands, "build_assistant", lambda args: fake)
    _stdin(monkeypatch, b"")
    assert main(["chat", "--incident", "INC-NOPE"]) == 2
    err = capsys.readouterr().err
    assert "no incident with id 'INC-NOPE'" in err and "Traceback" not in err
    # a line with a byte that is not UTF-8 is refused with the check's message; the session goes on to the next line
    _stdin(monkeypatch, "Smoke from a flat in Kallio, a child inside and nobody answering the door \xff\n".encode("latin-1")
           + b"Smoke at Kamppi\n")
    assert main(["chat", "--incident", "INC-1"]) == 0
    out = capsys.readouterr().out
    assert "! The message holds bytes that are not UTF-8 text" in out and fake.seen == ["Smoke at Kamppi"]
