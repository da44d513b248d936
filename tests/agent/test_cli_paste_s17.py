"""s17: `eca chat` reads a multi-line paste as ONE message, and a line of a paste ("yes") never answers a [y/N]
confirmation.  Real subprocesses running ``ui.cli.main(["chat"])``: standard input a pipe (a bracketed paste, as a
terminal sends it, and plain scripted lines) and a real pseudo-terminal (a paste without the marks lands at once).
The subprocess tests keep a stand-in assistant, for three reasons: the real one cannot cross into a subprocess (the
suite's ``make_assistant`` builds it in this process, on the session's quick model), a real one built in each of the
eight subprocesses would load (on a fresh data directory: train) the triage model, the plans index and the city's road
graph every time, minutes per run; and the stand-in logs each message exactly as the loop handed it over ("GOT …"),
which is what these tests check.  The last test runs the same chat loop in this process with the real Assistant
(``make_assistant``): the paste is filed as one report and its "yes" confirms nothing."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from agent.terminal_input import PASTE_END, PASTE_START

ROOT = Path(__file__).resolve().parents[2]

# the stand-in assistant: every message it gets is logged as JSON; a message with a hazard files one proposal
SCRIPT = r'''
import json, sys, types
import agent.commands
from ui.cli import main

class Assistant:
    def incident(self, incident_id):
        pass
    def chat(self, message, incident, session_incidents=()):
        print("GOT " + json.dumps(message, ensure_ascii=False), flush=True)
        proposals = []
        if any(w in message for w in ("fire", "火", "smoke", "烟")):
            proposals = [types.SimpleNamespace(proposal_id="PRO-1", summary="Dispatch ERO-E1")]
        yield types.SimpleNamespace(kind="final", text="noted", plan=None, proposals=proposals, step=None)
    def confirm_proposal(self, proposal_id):
        print("CONFIRMED " + proposal_id, flush=True)
        return types.SimpleNamespace(summary="Dispatch ERO-E1")
    def reject_proposal(self, proposal_id):
        print("REJECTED " + proposal_id, flush=True)

agent.commands.build_assistant = lambda args: Assistant()
sys.exit(main(["chat", "--incident", "INC-1"]))
'''

TRANSCRIPTS = [
    "调度员：喂？你好，请问有什么紧急情况？\n来电人：你好你好，我姓王，三横王。\n调度员：好的王先生，请讲。\n"
    "来电人：yes\n来电人：Kamppi 这边一栋楼着火了，三楼冒浓烟，有人被困！",
    "Dispatcher: Emergency, what is the address?\nCaller: hi, yes, hello\nCaller: yes\n"
    "Caller: there's smoke pouring out of the flat upstairs on Fredrikinkatu 20",
    "接线员：您好，这里是急救中心。\n报警人：确认\n报警人：好的\n报警人：地铁站里有烟，很多人在往外跑",
]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _got(out: str) -> list[str]:
    return [json.loads(line.split("GOT ", 1)[1]) for line in out.splitlines() if "GOT " in line]  # after a "> " prompt


def _pipe(stdin: str) -> str:
    run = subprocess.run([sys.executable, "-c", SCRIPT], input=stdin, capture_output=True, text=True, env=_env(),
                         cwd=ROOT, timeout=60)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    return run.stdout


@pytest.mark.parametrize("transcript", TRANSCRIPTS)
def test_a_bracketed_paste_is_one_message_and_its_yes_answers_nothing(transcript):
    out = _pipe(f"{PASTE_START}{transcript}{PASTE_END}\nn\n")
    assert _got(out) == [transcript]  # one turn, every line of it
    assert "REJECTED PRO-1" in out and "CONFIRMED" not in out  # the operator's own "n" answered, not the paste's "yes"


def test_a_paste_at_the_prompt_is_the_next_message_not_an_answer():
    out = _pipe(f"fire at Kamppi\n{PASTE_START}yes\nthe caller says the smoke is black{PASTE_END}\nn\n")
    assert _got(out) == ["fire at Kamppi", "yes\nthe caller says the smoke is black"]
    assert "CONFIRMED" not in out and "stays pending" in out


def test_scripted_lines_are_still_one_message_each():
    """A script piping lines (no paste marks) is read a line a time, and its own "y" answers the prompt, as before."""
    out = _pipe("fire at Kamppi\ny\nwhich units are free?\n")
    assert _got(out) == ["fire at Kamppi", "which units are free?"] and "CONFIRMED PRO-1" in out


def _read_until(fd: int, needle: str, timeout: float = 30.0) -> str:
    seen, end = "", time.monotonic() + timeout
    while needle not in seen and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536).decode("utf-8", "replace")
            except OSError:
                break
    return seen


@pytest.mark.parametrize("transcript", TRANSCRIPTS[:2])
def test_a_paste_into_a_real_terminal_without_marks_is_one_message(transcript):
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT], stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=_env(), cwd=ROOT)
    os.close(slave)
    try:
        out_fd = proc.stdout.fileno()
        seen = _read_until(out_fd, "> ")
        os.write(master, (transcript + "\n").encode())  # a paste: all its lines at once
        seen += _read_until(out_fd, "Confirm:")
        time.sleep(0.3)
        os.write(master, b"n\n")
        seen += _read_until(out_fd, "REJECTED")
        os.write(master, b"\x04")  # Ctrl-D
        rest, err = proc.communicate(timeout=30)
        seen += rest.decode()
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
    assert _got(seen) == [transcript], seen
    assert "REJECTED PRO-1" in seen and "CONFIRMED" not in seen


def test_a_pasted_transcript_reaches_the_real_assistant_as_one_report(make_assistant, restore_units, monkeypatch, capsys):
    """The chat loop of `eca chat` (``ui.cli.main(["chat"])``, in this process) with the real Assistant: a bracketed
    paste with a "yes" line inside is filed whole as the report of one new incident, and nothing is confirmed by it."""
    import io

    import agent.commands
    from ui.cli import main

    assistant = make_assistant()
    before = assistant.unit_statuses()
    transcript = TRANSCRIPTS[1]
    monkeypatch.setattr(agent.commands, "build_assistant", lambda args: assistant)
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{PASTE_START}{transcript}{PASTE_END}\nn\n"))
    assert main(["chat"]) == 0
    out = capsys.readouterr().out
    [incident] = assistant._store.list_incidents()
    # filed as screened: the words of the whole transcript (the screen keeps its line breaks since session 22)
    assert " ".join(assistant._store.latest_report(incident.incident_id).text.split()) == " ".join(transcript.split()), out
    assert f"Incident {incident.incident_id} opened for this report" in out
    assert assistant.unit_statuses() == before, out  # the paste's "yes" answered no prompt; the operator's "n" did
