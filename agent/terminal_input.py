"""`eca chat`'s reading of the terminal: a paste is one message, and never answers a [y/N] prompt.

Read line by line, a pasted call transcript became one chat turn per line, and a line "yes" inside it answered the
pending confirmation (s17).  A message is therefore what arrives together:

* a bracketed paste (the terminal marks it ``ESC[200~ … ESC[201~`` once ``eca chat`` turns the mode on; any stdin that
  carries the marks, a pipe too): every line between the marks;
* on a terminal without the marks: the lines that arrive in one burst (a paste lands in the terminal's buffer at once;
  nobody types a line and Enter within ``BURST_S``);
* a pipe (a script): one line each, as before, so ``printf 'report\\ny\\n' | eca chat`` still answers its prompt.

A message of several lines, or any pasted one, is ``Pasted``: a confirmation prompt never takes it as a yes or a no.
"""

from __future__ import annotations

import select
import sys
from typing import TextIO

__all__ = ["BURST_S", "PASTE_END", "PASTE_START", "Pasted", "TerminalInput", "is_answer_line"]

PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
BURST_S = 0.05  # a line that follows the one before within this time came with it (a paste), not from the keyboard
_BRACKETED_ON, _BRACKETED_OFF = "\x1b[?2004h", "\x1b[?2004l"


class Pasted(str):
    """A message that was pasted (several lines, or marked as a paste): it is never an answer to a prompt."""


def is_answer_line(raw: str) -> bool:
    """Whether a line read at a [y/N] prompt may answer it: typed, one line, not part of a paste."""
    return not isinstance(raw, Pasted) and "\n" not in raw.strip("\r\n")


class TerminalInput:
    """``ask(prompt)`` like ``input``: the next message (see the module doc); EOFError at the end of the input."""

    def __init__(self, stream: TextIO | None = None, out: TextIO | None = None):
        self.stream = stream or sys.stdin
        self.out = out or sys.stdout
        self.tty = self._isatty()

    def _isatty(self) -> bool:
        try:
            return self.stream.isatty()
        except (AttributeError, ValueError, OSError):
            return False

    def __enter__(self) -> TerminalInput:
        if self.tty and self.out.isatty():  # the terminal marks pastes from now on
            self.out.write(_BRACKETED_ON)
            self.out.flush()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.tty and self.out.isatty():
            self.out.write(_BRACKETED_OFF)
            self.out.flush()

    def _line(self) -> str:
        line = self.stream.readline()
        if line == "":
            raise EOFError
        return line

    def _more_now(self) -> bool:
        """More input is waiting already (a terminal: the rest of a paste)."""
        if not self.tty:
            return False
        try:
            ready, _, _ = select.select([self.stream.fileno()], [], [], BURST_S)
        except (OSError, ValueError):
            return False
        return bool(ready)

    def ask(self, prompt: str = "") -> str:
        self.out.write(prompt)
        self.out.flush()
        line = self._line()
        if PASTE_START in line:
            return self._bracketed(line)
        lines = [line]
        while self._more_now():
            try:
                nxt = self._line()
            except EOFError:
                break
            if PASTE_START in nxt:  # a marked paste right after a typed line: both are the message
                lines.append(self._bracketed(nxt))
                break
            lines.append(nxt)
        text = "".join(lines).rstrip("\r\n")
        return Pasted(text) if len(lines) > 1 else text

    def _bracketed(self, first: str) -> Pasted:
        """The lines up to the paste's end mark, without the marks (a missing end: up to the end of the input)."""
        before, _, rest = first.partition(PASTE_START)
        lines = [before + rest]
        while PASTE_END not in lines[-1]:
            try:
                lines.append(self._line())
            except EOFError:
                break
        text = "".join(lines)
        pasted, _, after = text.partition(PASTE_END)
        return Pasted((pasted + after).rstrip("\r\n").replace("\r\n", "\n"))
