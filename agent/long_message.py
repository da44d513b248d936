"""A message longer than the assistant reads at once (``core.text.MAX_TEXT_CHARS``) is not refused: a pasted call log
with the emergency somewhere inside it must not be lost. All of it is read for its most urgent passage (the triage
model, window by window), and what the assistant keeps is the opening (who calls, from where) and the stretch around
that passage, within the limit; the operator is told plainly what was kept and what was not. Past ``MAX_PASTE_CHARS``
(a pasted book) the message is refused with a clear error, as before, and nothing is filed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from agent.hazards import hazard_from_words
from core.text import MAX_TEXT_CHARS, check_text, detect_language, text_window_spans

MAX_PASTE_CHARS = 250_000
SEARCH_WINDOW_CHARS = 2000  # the stretches scored for urgency (the triage model windows each again)
HEAD_SHARE = 0.2  # of the kept text: the opening of the message


@dataclass(frozen=True)
class Fitted:
    text: str  # what the assistant reads and files
    note: str | None = None  # what the operator is told; None when nothing was left out


# (texts) -> per text (reads an incident, reads P1, P(P1)): the triage model's urgency of each stretch
Urgency = Callable[[Sequence[str]], list[tuple[bool, bool, float]]]


def fit_to_limit(text: object, urgency: Urgency, *, what: str = "message", limit: int = MAX_TEXT_CHARS) -> Fitted:
    """``text`` as the assistant reads it: unchanged up to ``limit`` characters; longer (up to ``MAX_PASTE_CHARS``), its
    opening and the stretch around its most urgent passage, with a note saying so. Bad input (empty, binary, past
    ``MAX_PASTE_CHARS``) raises ``InputError`` with the usual specific message."""
    checked = check_text(text, what=what, max_chars=MAX_PASTE_CHARS)
    if len(checked) <= limit:
        return Fitted(checked)
    spans = text_window_spans(checked, SEARCH_WINDOW_CHARS)
    scores = urgency([checked[a:b] for a, b in spans])
    best = max(range(len(spans)), key=lambda i: scores[i])
    a, b = spans[best]
    head = int(limit * HEAD_SHARE)
    gap = "\n[…]\n"
    room = limit - head - len(gap)
    start = max(head, min(a - (room - (b - a)) // 2, len(checked) - room))
    if start <= head + len(gap):
        kept, ranges = checked[:limit], [(0, limit)]
    else:
        kept, ranges = checked[:head] + gap + checked[start:start + room], [(0, head), (start, start + room)]
    passage = " ".join(checked[a:b].split())[:160]
    incident, p1, _ = scores[best]
    zh = detect_language(checked) == "zh"
    shown = "、".join(f"{x + 1:,}–{y:,}" for x, y in ranges) if zh else " and ".join(f"{x + 1:,}–{y:,}" for x, y in ranges)
    if zh:
        found = f"最紧急的段落（{'P1，' if p1 else ''}从第 {a + 1:,} 个字符起）：“{passage}…”" if incident else "其中没有读到事件"
        note = (f"这条{_ZH_WHAT.get(what, '消息')}有 {len(checked):,} 个字符，超过一次可读的 {limit:,}。全文已逐段读过，{found}。"
                f"保留并处理的是第 {shown} 个字符；其余 {len(checked) - sum(y - x for x, y in ranges):,} 个字符未处理，请查看原文或分段粘贴。")
    else:
        found = (f"its most urgent passage ({'P1, ' if p1 else ''}from character {a + 1:,}): “{passage}…”" if incident
                 else "no incident was read in any part of it")
        note = (f"This {what} is {len(checked):,} characters, over the {limit:,} the assistant reads at once. All of it was "
                f"read in parts for {found}. Kept and acted on: characters {shown}; the other "
                f"{len(checked) - sum(y - x for x, y in ranges):,} characters were not read further: check them in the "
                "original, or paste them in parts.")
    return Fitted(kept, note)


_ZH_WHAT = {"message": "消息", "report": "报告"}

def model_urgency(triager: Any) -> Urgency:
    """The urgency of texts as a triage model (``predict(texts)`` -> readings) reads them."""
    def urgency(parts: Sequence[str]) -> list[tuple[bool, bool, float]]:
        return [(r.incident_type != "not_incident", r.priority == "P1", float(r.priority_probs.get("P1", 0.0)))
                for r in triager.predict(list(parts))]

    return urgency


MIN_TRANSCRIPT_LINES = 3  # a report of at least this many lines reads as a call log, its hazard in one of them
MAX_SCORED_LINES = 40  # more lines than this: the most urgent stretch is found first (a line each costs a model read)


def transcript_lines(text: str) -> list[str]:
    """A report's lines when it reads as a call transcript (several lines of dialogue or notes); [] otherwise."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines if len(lines) >= MIN_TRANSCRIPT_LINES else []


def hazard_passage(text: str, urgency: Urgency) -> str | None:
    """The line of a call transcript the triage model reads as its most urgent incident (s17 H8: "喂？你好，请问…",
    the caller's name spelled out and a shop passed on the way came before "Bulevardi 5 三楼着火了", and the incident
    was titled and placed by the greeting).  None for a report that is no transcript, or whose lines read no
    incident (then the whole report stands)."""
    lines = transcript_lines(text)
    if not lines:
        return None
    if len(lines) > MAX_SCORED_LINES:  # a long log: its most urgent stretch first, then the lines of that stretch
        spans = text_window_spans(text, SEARCH_WINDOW_CHARS)
        stretch = urgency([text[a:b] for a, b in spans])
        best = max(range(len(spans)), key=lambda i: stretch[i])
        if not stretch[best][0]:
            return None
        lines = transcript_lines(text[slice(*spans[best])])[:MAX_SCORED_LINES * 2] or lines[:MAX_SCORED_LINES]
    scores = urgency(lines)
    # a line that names a hazard outranks small talk the model happens to read as urgent ("I was waiting for the tram
    # at Kamppi, it never came" read P1 by a small model while "a man collapsed, not breathing" came two lines later)
    named = [hazard_from_words(line) is not None for line in lines]
    best = max(range(len(lines)), key=lambda i: (scores[i][0], named[i], *scores[i][1:]))
    return lines[best] if scores[best][0] else None


class PassageFinder:
    """``hazard_passage`` as a triage model reads it, remembered for the last few texts: a new report's passage titles
    its incident (``Assistant._log_report``) and places its plan (``ResponsePlanner._resolve_location``), and each line
    is a model read (up to ~80 for a long log), so the Assistant builds one finder and hands it to its planner.  Keyed
    on the text and the model, so a model swapped in later reads afresh."""

    def __init__(self, size: int = 16):
        self._find = lru_cache(maxsize=size)(self._passage)

    @staticmethod
    def _passage(text: str, triager: Any) -> str | None:
        return hazard_passage(text, model_urgency(triager))

    def __call__(self, text: str, triager: Any) -> str | None:
        return self._find(text, triager)


__all__ = ["MAX_PASTE_CHARS", "Fitted", "PassageFinder", "Urgency", "fit_to_limit", "hazard_passage", "model_urgency",
           "transcript_lines"]
