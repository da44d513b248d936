"""A message longer than the assistant reads at once (``core.text.MAX_TEXT_CHARS``) is not refused: a pasted call log
with the emergency somewhere inside it must not be lost. All of it is read for its most urgent passage (the triage
model, window by window), and what the assistant keeps is the opening (who calls, from where) and the stretch around
that passage, within the limit; the operator is told plainly what was kept and what was not. Past ``MAX_PASTE_CHARS``
(a pasted book) the message is refused with a clear error, as before, and nothing is filed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

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


__all__ = ["MAX_PASTE_CHARS", "Fitted", "Urgency", "fit_to_limit"]
