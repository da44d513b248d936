"""How sure the model was of the choices it made, not of the text the grammar wrote for it.

Under the tool-call grammar most tokens of an answer are forced: once the model wrote ``{"tool": "plan_d`` the rest
of ``ispatch", "args": {`` has one spelling, so those tokens have probability 1 after masking.  A geometric mean over
every token is therefore pulled up by punctuation and key names, and a shaky call looks confident (a guessed hazard
at p=0.3 among 20 forced tokens reads as 0.94).  Here only the steps where the grammar left a choice of *text* count:
the first word (a call, ``NONE`` or ``REFUSE``), the tool name, which arguments to give, enum values (hazard, unit
type, unit id, priority, status), free strings (places, stations, topics), numbers, and whether another call follows.

A step where every allowed token is a prefix of the longest allowed one is a forced text written in one of several
token splits (``"`` / ``"t`` / ``"tool``): the model chooses a tokenisation there, not a meaning, so it is not counted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

# A forced text can be split into at most as many allowed tokens as the longest token has characters; a step that
# allows more tokens than this is a real choice without looking at them (a free string allows most of the vocabulary).
FORCED_SPLITS_MAX = 64


def is_free_choice(allowed: Sequence[str]) -> bool:
    """``allowed``: the text of every token the grammar allowed at one step. False when there was one token, or when
    all of them spell the same forced text (each a prefix of the longest)."""
    if len(allowed) <= 1:
        return False
    if len(allowed) > FORCED_SPLITS_MAX:
        return True
    longest = max(allowed, key=len)
    return not all(longest.startswith(text) for text in allowed)


@dataclass(frozen=True)
class StepChoice:
    logp: float          # log-probability of the chosen token under the constrained distribution
    free: bool           # the grammar left a choice of text at this step
    line: int | None     # the answer line (call) it belongs to; None: the decision to end the answer


@dataclass(frozen=True)
class ChoiceConfidence:
    """Confidence over free choices: geometric-mean and smallest probability, and how many choices there were
    (n=0: nothing was chosen, confidence 0 - there is no evidence the model knew)."""

    mean: float = 0.0
    min: float = 0.0
    n: int = 0

    @classmethod
    def of(cls, logps: Sequence[float]) -> "ChoiceConfidence":
        if not logps:
            return cls()
        return cls(math.exp(sum(logps) / len(logps)), math.exp(min(logps)), len(logps))

    def as_list(self) -> list[float]:
        return [round(self.mean, 4), round(self.min, 4), self.n]

    @classmethod
    def from_list(cls, values: Sequence[float] | None) -> "ChoiceConfidence":
        return cls(float(values[0]), float(values[1]), int(values[2])) if values else cls()


def choice_confidence(steps: Sequence[StepChoice]) -> tuple[ChoiceConfidence, list[ChoiceConfidence]]:
    """(the whole answer's confidence over its free choices, one per answer line = per call).  The decision to end
    the answer counts for the whole answer only; the newline that starts a call counts for that call."""
    free = [s for s in steps if s.free]
    lines = sorted({s.line for s in steps if s.line is not None})
    per_line = [ChoiceConfidence.of([s.logp for s in free if s.line == line]) for line in lines]
    return ChoiceConfidence.of([s.logp for s in free]), per_line
